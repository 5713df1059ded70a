import hashlib
import re

import cn2an
from pypinyin import Style, lazy_pinyin

from odoo import api, fields, models
from odoo.addons.gov_center.controllers.params import to_text
from odoo.addons.gov_center.tools import qr_data_uri
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import escape_psql

from .gov_item_locked_line import BYPASS_LOCK

# GB/T 39046-2020 code tables, as far as the catalogue uses them.
ITEM_TYPES = [
    ("01", "Administrative Licence"),
    ("04", "Administrative Levy"),
    ("05", "Administrative Payment"),
    ("06", "Administrative Inspection"),
    ("07", "Administrative Confirmation"),
    ("08", "Administrative Reward"),
    ("09", "Administrative Adjudication"),
    ("10", "Other Administrative Power"),
    ("20", "Public Service"),
]
EXERCISE_LEVELS = [
    ("1", "National"),
    ("2", "Provincial"),
    ("3", "Municipal"),
    ("4", "County / District"),
    ("5", "Township / Street"),
    ("6", "Village / Community"),
]
SERVICE_LEVELS = [
    ("district", "District Centre"),
    ("township", "Township / Street Centre"),
    ("village", "Village / Community Station"),
]
SERVICE_OBJECTS = [
    ("1", "Natural Person"),
    ("2", "Enterprise Legal Person"),
    ("3", "Public Institution"),
    ("4", "Social Organisation"),
    ("5", "Unincorporated Enterprise"),
    ("6", "Administrative Organ"),
    ("9", "Other Organisation"),
]
CASE_KINDS = [
    ("immediate", "On-the-spot Case"),
    ("promised", "Promised Case"),
    ("joint", "Joint Case"),
    ("escalated", "Escalated Case"),
]
# GB/T 39046 case type (办件类型): 1 即办件, 2 承诺件, 9 其他.
CASE_TYPE_CODES = {"immediate": "1", "promised": "2", "joint": "9", "escalated": "9"}
ONLINE_DEPTHS = [
    ("1", "Level I: information online"),
    ("2", "Level II: online pre-check"),
    ("3", "Level III: online acceptance"),
    ("4", "Level IV: fully online"),
]
DELIVERY_MODES = [
    ("own", "Handled at this level"),
    ("entrusted", "Entrusted acceptance"),
    ("authorised", "Authorised handling"),
    ("agent", "Agent service"),
]
ANNUAL_CHECKS = [("none", "None"), ("inspection", "Annual inspection"), ("report", "Annual report")]
STATES = [("draft", "Draft"), ("published", "Published"), ("withdrawn", "Withdrawn")]

# The public service guide, and the prefix of the attachments that keep its rendered PDF.
GUIDE_REPORT = "gov_items.action_report_item_guide"
GUIDE_PREFIX = "gov_public_guide-"

# Basic code (基本编码): 2 region + 2 item type + 5 main item + 3 sub-item = 12 digits.
BASIC_CODE_RE = re.compile(r"^\d{2}(\d{2})\d{5}\d{3}$")
# Fields that may change on a published or withdrawn item (lifecycle, not elements).
LIFECYCLE_FIELDS = {
    "state",
    "active",
    "superseded_by_id",
    "published_date",
    "published_uid",
    "withdrawn_date",
    "site_line_ids",
    "bundle_ids",
}
# Of those, the ones only the lifecycle actions set (publish, withdraw, new revision): a caller who
# wrote them directly would publish without the checks of action_publish, or forge the history.
ACTION_FIELDS = frozenset(
    {"state", "superseded_by_id", "published_date", "published_uid", "withdrawn_date", "revision", "origin_id", "previous_id"}
)


def amount_to_capital(amount):
    """Amount in Chinese capital numerals (人民币大写), as on a receipt.

    0 → 零元整, 0.5 → 伍角整, 10 → 壹拾元整, 1234.56 → 壹仟贰佰叁拾肆元伍角陆分.
    """
    words = cn2an.an2cn(f"{round(amount or 0.0, 2):.2f}", "rmb")
    if words.endswith("角"):
        words += "整"
    return words


def name_to_pinyin(name):
    """(full pinyin, initials) of a Chinese name, letters and digits only: 户口簿 → (hukoubu, hkb)."""
    name = name or ""

    def keep(text):
        return [c.lower() for c in text if c.isascii() and c.isalnum()]

    syllables = [s for s in lazy_pinyin(name, errors=keep) if s]
    initials = [s for s in lazy_pinyin(name, style=Style.FIRST_LETTER, errors=keep) if s]
    return "".join(syllables), "".join(initials)


class GovItem(models.Model):
    """A government service item (政务服务事项) with its standard elements.

    The elements are the same wherever the item is offered (要素N同, 数据同源): sites
    only list which items they implement (gov.item.site). A published item is not
    edited in place; a change is a new revision, and the old one stays readable.
    """

    _name = "gov.item"
    _description = "Service Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "category_sequence, sequence, basic_code, revision desc, id"
    _rec_names_search = ["name", "name_pinyin", "name_initials", "basic_code", "implementation_code"]

    # ---------------------------------------------------------------- basic elements
    name = fields.Char(required=True, tracking=True, index="trigram")
    name_pinyin = fields.Char(
        string="Pinyin", compute="_compute_pinyin", store=True, index="trigram", help="Full pinyin of the name."
    )
    name_initials = fields.Char(
        string="Pinyin Initials",
        compute="_compute_pinyin",
        store=True,
        index="trigram",
        help="Initials of the pinyin of the name: hkb for 户口簿.",
    )
    sequence = fields.Integer(default=10, aggregator=None)
    active = fields.Boolean(default=True)
    state = fields.Selection(STATES, string="Status", default="draft", required=True, tracking=True, copy=False, index=True)
    category_id = fields.Many2one(
        "gov.item.category", required=True, tracking=True, index=True, ondelete="restrict"
    )
    category_sequence = fields.Integer(related="category_id.sequence", store=True, string="Category Sequence")
    item_type = fields.Selection(
        ITEM_TYPES,
        required=True,
        default="20",
        tracking=True,
        help="GB/T 39046-2020 item type: 01 licence … 10 other administrative power, 20 public service.",
    )
    basic_code = fields.Char(
        size=12,
        tracking=True,
        help="12-digit basic code (基本编码): 2 region, 2 item type, 5 main item and 3 sub-item digits.",
    )
    implementation_code = fields.Char(
        compute="_compute_implementation_code",
        store=True,
        index=True,
        help="31-character implementation code (实施编码): the implementing body's 18-character unified social "
        "credit code, the exercise level digit and the 12-digit basic code.",
    )
    department_id = fields.Many2one(
        "gov.item.department", string="Competent Department", required=True, tracking=True, ondelete="restrict"
    )
    implementing_body_id = fields.Many2one(
        "gov.item.department",
        required=True,
        tracking=True,
        ondelete="restrict",
        help="The body in whose name the item is decided (实施主体); its credit code starts the implementation code.",
    )
    service_level = fields.Selection(
        SERVICE_LEVELS,
        string="Level",
        required=True,
        default="township",
        tracking=True,
        help="Where the item is offered: district centre, township/street centre or village/community station.",
    )
    exercise_level = fields.Selection(
        EXERCISE_LEVELS,
        required=True,
        default="4",
        tracking=True,
        help="GB/T 39046-2020 exercise level of the implementing body (行使层级): 1 national … 6 village.",
    )
    service_object = fields.Selection(
        SERVICE_OBJECTS, required=True, default="1", help="GB/T 39046-2020 服务对象."
    )
    form_window = fields.Boolean(string="Window Handling", default=True, help="Handling form: at a window.")
    form_online = fields.Boolean(string="Online", tracking=True, help="Handling form: online (网上办).")
    form_post = fields.Boolean(string="By Post", help="Handling form: application and result by post.")
    case_kind = fields.Selection(
        CASE_KINDS, string="Default Case Kind", required=True, default="promised", tracking=True
    )
    case_type_code = fields.Char(
        compute="_compute_case_type_code", help="GB/T 39046-2020 case type: 1, 2 or 9."
    )
    legal_basis_ids = fields.One2many("gov.item.legal.basis", "item_id", copy=True)

    # ---------------------------------------------------------------- general elements
    acceptance_conditions = fields.Text(tracking=True)
    step_ids = fields.One2many("gov.item.step", "item_id", string="Process Steps", copy=True)
    material_ids = fields.One2many("gov.item.material", "item_id", string="Application Materials", copy=True)
    material_count = fields.Integer(compute="_compute_counts", string="Materials")
    step_count = fields.Integer(compute="_compute_counts", string="Steps")
    intermediary_ids = fields.One2many(
        "gov.item.intermediary", "item_id", string="Intermediary Services", copy=True,
        help="Intermediary services (中介服务) the applicant needs, if any: printed in the guide.",
    )
    legal_time_limit = fields.Integer(
        aggregator=None, tracking=True, help="Statutory time limit in working days (0 = on the spot)."
    )
    promised_time_limit = fields.Integer(
        aggregator=None, tracking=True, help="Promised time limit in working days (0 = on the spot)."
    )
    fee_type = fields.Selection([("free", "Free"), ("charged", "Charged")], string="Fees", required=True, default="free")
    fee_amount = fields.Float(digits=(12, 2), tracking=True, help="Amount in yuan.")
    fee_amount_capital = fields.Char(
        string="Fee in Capital Numerals", compute="_compute_fee_amount_capital", store=True, help="人民币大写."
    )
    fee_basis = fields.Text(help="The regulation that sets the fee (收费依据).")
    annual_check = fields.Selection(ANNUAL_CHECKS, string="Annual Inspection or Report", default="none", required=True)
    special_procedure_ids = fields.One2many(
        "gov.item.special.procedure", "item_id", string="Special Procedures", copy=True,
        help="On-site inspection, hearing, tender, auction, testing, quarantine, appraisal, expert review, public "
        "notice: their time is not counted in the time limit.",
    )
    visits = fields.Integer(string="Visits Needed", aggregator=None, default=1, tracking=True, help="Number of visits to the site.")
    visit_reason = fields.Text(help="Why the applicant must come in person, for a non-zero number of visits.")
    online_depth = fields.Selection(ONLINE_DEPTHS, default="2", required=True, tracking=True)
    delivery_mode = fields.Selection(
        DELIVERY_MODES,
        required=True,
        default="own",
        help="How the item reaches the centre: 委托受理, 授权办理 or 帮办代办.",
    )
    consult_phone = fields.Char(string="Consultation Phone")
    complaint_phone = fields.Char()

    # ---------------------------------------------------------------- guides
    guide_plain = fields.Html(string="Plain-language Guide", help="白话版: the guide in everyday words.")
    video_url = fields.Char(string="Video Guide", help="Link to the 视频版 guide.")

    # ---------------------------------------------------------------- flags
    must_enter = fields.Boolean(string="Must Enter the Centre", tracking=True, help="应进必进.")
    one_window = fields.Boolean(string="One-window Acceptance", tracking=True, help="一窗式综合受理.")
    agent_service = fields.Boolean(tracking=True, help="帮办代办.")

    # ---------------------------------------------------------------- reduction (减时限、减材料、减环节)
    legal_material_count = fields.Integer(
        string="Materials Required by Law", aggregator=None, help="Materials the legal basis asks for, to measure 减材料."
    )
    legal_step_count = fields.Integer(string="Steps Required by Law", aggregator=None, help="Steps of the statutory procedure (减环节).")
    time_reduction = fields.Integer(compute="_compute_reduction", string="Days Saved")
    time_reduction_rate = fields.Float(compute="_compute_reduction", string="Time Reduction (%)")
    material_reduction = fields.Integer(compute="_compute_reduction", string="Materials Saved")
    step_reduction = fields.Integer(compute="_compute_reduction", string="Steps Saved")

    # ---------------------------------------------------------------- revisions
    revision = fields.Integer(aggregator=None, default=1, copy=False, readonly=True)
    origin_id = fields.Many2one("gov.item", string="First Revision", copy=False, readonly=True, index=True)
    previous_id = fields.Many2one("gov.item", string="Previous Revision", copy=False, readonly=True)
    superseded_by_id = fields.Many2one("gov.item", copy=False, readonly=True)
    revision_ids = fields.Many2many("gov.item", compute="_compute_revision_ids", string="Revisions")
    change_note = fields.Text(copy=False, help="What this revision changes, shown in the item's history.")
    published_date = fields.Datetime(copy=False, readonly=True)
    published_uid = fields.Many2one("res.users", string="Published By", copy=False, readonly=True)
    withdrawn_date = fields.Datetime(copy=False, readonly=True)

    site_line_ids = fields.One2many("gov.item.site", "item_id", string="Implementing Sites")
    site_count = fields.Integer(compute="_compute_site_count", string="Sites")
    bundle_ids = fields.Many2many("gov.item.bundle", "gov_item_bundle_rel", "item_id", "bundle_id", string="Bundles")

    _basic_code_published_unique = models.UniqueIndex(
        "(basic_code, implementing_body_id) WHERE state = 'published'",
        "Only one published revision of an item may carry a basic code for an implementing body.",
    )
    _limits_positive = models.Constraint(
        "CHECK(legal_time_limit >= 0 AND promised_time_limit >= 0 AND visits >= 0)",
        "Time limits and visits cannot be negative.",
    )

    # ---------------------------------------------------------------- computes
    @api.depends("name")
    def _compute_pinyin(self):
        for item in self:
            item.name_pinyin, item.name_initials = name_to_pinyin(item.name)

    @api.depends("implementing_body_id.credit_code", "exercise_level", "basic_code")
    def _compute_implementation_code(self):
        for item in self:
            credit = item.implementing_body_id.credit_code
            if credit and item.basic_code and item.exercise_level:
                item.implementation_code = f"{credit}{item.exercise_level}{item.basic_code}"
            else:
                item.implementation_code = False

    @api.depends("case_kind")
    def _compute_case_type_code(self):
        for item in self:
            item.case_type_code = CASE_TYPE_CODES.get(item.case_kind, "9")

    @api.depends("material_ids", "step_ids")
    def _compute_counts(self):
        for item in self:
            item.material_count = len(item.material_ids)
            item.step_count = len(item.step_ids)

    @api.depends("fee_type", "fee_amount")
    def _compute_fee_amount_capital(self):
        for item in self:
            item.fee_amount_capital = amount_to_capital(item.fee_amount if item.fee_type == "charged" else 0.0)

    @api.depends("legal_time_limit", "promised_time_limit", "legal_material_count", "legal_step_count",
                 "material_ids", "step_ids")
    def _compute_reduction(self):
        for item in self:
            item.time_reduction = max(item.legal_time_limit - item.promised_time_limit, 0)
            item.time_reduction_rate = (
                100.0 * item.time_reduction / item.legal_time_limit if item.legal_time_limit else 0.0
            )
            item.material_reduction = (
                max(item.legal_material_count - len(item.material_ids), 0) if item.legal_material_count else 0
            )
            item.step_reduction = max(item.legal_step_count - len(item.step_ids), 0) if item.legal_step_count else 0

    def _compute_revision_ids(self):
        for item in self:
            root = item.origin_id or item
            item.revision_ids = self.with_context(active_test=False).search(
                ["|", ("id", "=", root.id), ("origin_id", "=", root.id)], order="revision desc"
            )

    def _compute_site_count(self):
        counts = dict(
            self.env["gov.item.site"]._read_group([("item_id", "in", self.ids)], ["item_id"], ["__count"])
        )
        for item in self:
            item.site_count = counts.get(item, 0)

    def _compute_display_name(self):
        for item in self:
            name = item.name or ""
            item.display_name = f"{name} (v{item.revision})" if item.revision > 1 else name

    # ---------------------------------------------------------------- codes
    @api.model
    def _basic_code_error(self, code, item_type=None):
        """Reason why ``code`` is not a valid 12-digit basic code, or ''."""
        match = BASIC_CODE_RE.match(code or "")
        if not match:
            return self.env._(
                "the basic code “%(code)s” must be 12 digits: 2 region, 2 item type, 5 main item and 3 sub-item "
                "digits, e.g. 150700012000",
                code=code or "",
            )
        if item_type and match.group(1) != item_type:
            return self.env._(
                "digits 3-4 of the basic code “%(code)s” are the item type: %(type)s for this item",
                code=code,
                type=item_type,
            )
        return ""

    @api.model
    def _implementation_code_error(self, code):
        """Reason why ``code`` is not a valid 31-character implementation code, or ''.

        Credit code (18, GB 32100 with check character) + exercise level (1 digit, 1-6) + basic code (12).
        A credit code an administrator accepted despite its check character counts as valid.
        """
        code = code or ""
        if len(code) != 31:
            return self.env._("the implementation code must be 31 characters long, not %(length)s", length=len(code))
        credit, level, basic = code[:18], code[18], code[19:]
        credit_error = self.env["gov.item.department"]._credit_code_error(credit)
        if credit_error:
            accepted = self.env["gov.item.department"].sudo().with_context(active_test=False).search_count(
                [("credit_code", "=", credit), ("credit_code_exception", "!=", False)], limit=1
            )
            if not accepted:
                return self.env._("its credit code part “%(credit)s” is invalid: %(error)s", credit=credit, error=credit_error)
        if level not in dict(EXERCISE_LEVELS):
            return self.env._("its 19th character is the exercise level, 1 to 6, not “%(level)s”", level=level)
        return self._basic_code_error(basic)

    @api.constrains("basic_code", "item_type")
    def _check_basic_code(self):
        for item in self.filtered("basic_code"):
            error = self._basic_code_error(item.basic_code, item.item_type)
            if error:
                raise ValidationError(self.env._("%(item)s: %(error)s.", item=item.name, error=error))

    @api.constrains("implementation_code")
    def _check_implementation_code(self):
        for item in self.filtered("implementation_code"):
            error = self._implementation_code_error(item.implementation_code)
            if error:
                raise ValidationError(self.env._("%(item)s: %(error)s.", item=item.name, error=error))

    # ---------------------------------------------------------------- other checks
    @api.constrains("online_depth", "visits", "visit_reason")
    def _check_visits(self):
        for item in self:
            if item.online_depth == "4" and item.visits:
                raise ValidationError(
                    self.env._(
                        "%(item)s is handled fully online (Level IV): set the visits needed to 0, or lower the online "
                        "depth.",
                        item=item.name,
                    )
                )
            if item.visits and not (item.visit_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(item)s needs %(visits)s visit(s): say why the applicant must come in person, or set the "
                        "visits to 0.",
                        item=item.name,
                        visits=item.visits,
                    )
                )

    @api.constrains("case_kind", "promised_time_limit", "legal_time_limit")
    def _check_time_limits(self):
        for item in self:
            if item.case_kind == "immediate" and item.promised_time_limit:
                raise ValidationError(
                    self.env._(
                        "%(item)s is an on-the-spot case: its promised time limit must be 0 (on the spot), or choose "
                        "another case kind.",
                        item=item.name,
                    )
                )
            if item.case_kind != "immediate" and not item.promised_time_limit:
                raise ValidationError(
                    self.env._(
                        "%(item)s is not an on-the-spot case: give its promised time limit in working days, or make it "
                        "an on-the-spot case.",
                        item=item.name,
                    )
                )
            if item.legal_time_limit and item.promised_time_limit > item.legal_time_limit:
                raise ValidationError(
                    self.env._(
                        "%(item)s: the promised time limit (%(promised)s working days) cannot exceed the legal time "
                        "limit (%(legal)s working days).",
                        item=item.name,
                        promised=item.promised_time_limit,
                        legal=item.legal_time_limit,
                    )
                )

    @api.constrains("fee_type", "fee_amount", "fee_basis")
    def _check_fee(self):
        for item in self:
            if item.fee_type == "charged" and (item.fee_amount <= 0 or not item.fee_basis):
                raise ValidationError(
                    self.env._("%(item)s charges a fee: give its amount and the regulation it is based on.", item=item.name)
                )

    # ---------------------------------------------------------------- lock
    def _check_action_fields(self, vals):
        """Lifecycle fields are the actions' own (the seeded catalogue, loaded by the system, excepted)."""
        if self.env.su or self.env.context.get("gov_item_bypass_lock") is BYPASS_LOCK:
            return
        forced = sorted(name for name in ACTION_FIELDS & set(vals) if not (name == "state" and vals[name] == "draft"))
        if forced:
            raise AccessError(
                self.env._(
                    "%(fields)s of a service item are set by publishing, withdrawing or drafting a new revision: "
                    "use those buttons.",
                    fields=", ".join(self._fields[name].get_description(self.env)["string"] for name in forced),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_action_fields(vals)
        # The lines created with the item (materials, steps…) belong to it, whatever its state.
        items = super(GovItem, self.with_context(gov_item_bypass_lock=BYPASS_LOCK)).create(vals_list)
        return items.with_env(self.env)

    def write(self, vals):
        self._check_action_fields(vals)
        if self.env.context.get("gov_item_bypass_lock") is not BYPASS_LOCK:
            changed = {
                name for name in vals
                if name not in LIFECYCLE_FIELDS and not name.startswith(("message_", "activity_"))
            }
            locked = self.filtered(lambda item: item.state != "draft")
            if changed and locked:
                labels = ", ".join(sorted(self._fields[name].get_description(self.env)["string"] for name in changed))
                raise UserError(
                    self.env._(
                        "“%(item)s” is published or withdrawn and cannot be edited in place (%(fields)s): use “New "
                        "Revision”, change the revision and publish it; the current version stays readable.",
                        item=locked[0].display_name,
                        fields=labels,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if self.filtered(lambda item: item.state != "draft"):
            raise UserError(self.env._("Published and withdrawn items are kept as history: withdraw or archive them instead."))

    # ---------------------------------------------------------------- lifecycle
    def _lifecycle(self):
        """These items in the context of the lifecycle actions, after their checks (see _check_action_fields)."""
        self.check_access("write")
        return self.with_context(gov_item_bypass_lock=BYPASS_LOCK)

    def _publish_errors(self):
        self.ensure_one()
        errors = []
        if not self.basic_code:
            errors.append(self.env._("the basic code"))
        if not self.implementation_code:
            errors.append(self.env._("the implementing body's unified social credit code"))
        if not self.material_ids:
            errors.append(self.env._("at least one application material"))
        if not self.step_ids:
            errors.append(self.env._("at least one process step"))
        if not (self.acceptance_conditions or "").strip():
            errors.append(self.env._("the acceptance conditions"))
        if self.previous_id and not (self.change_note or "").strip():
            errors.append(self.env._("a note saying what this revision changes"))
        return errors

    def action_publish(self):
        now = fields.Datetime.now()
        for item in self:
            if item.state != "draft":
                raise UserError(self.env._("Only a draft can be published: %(item)s is not a draft.", item=item.display_name))
            errors = item._publish_errors()
            if errors:
                raise UserError(
                    self.env._("Before publishing “%(item)s”, fill in: %(missing)s.", item=item.name, missing="; ".join(errors))
                )
            root = item.origin_id or item
            current = self.search(
                [("state", "=", "published"), "|", ("id", "=", root.id), ("origin_id", "=", root.id)]
            )
            if current:
                current._lifecycle().write({"state": "withdrawn", "withdrawn_date": now, "superseded_by_id": item.id})
                current.flush_recordset(["state"])  # one published revision at a time (unique index)
            item._lifecycle().write({"state": "published", "published_date": now, "published_uid": self.env.uid})
            if current:
                # Sites and bundles keep offering the item: they follow the new revision, which is
                # published by now (the lines accept published items only).
                current.site_line_ids.write({"item_id": item.id})
                for bundle in current.bundle_ids:
                    bundle.write({"item_ids": [(3, old.id) for old in current] + [(4, item.id)]})
                for old in current:
                    old.message_post(
                        body=self.env._(
                            "Superseded by revision %(revision)s, published by %(user)s: %(note)s",
                            revision=item.revision,
                            user=self.env.user.name,
                            note=item.change_note or "",
                        )
                    )
                current._drop_public_guides()
            if item.previous_id:
                item.message_post(
                    body=self.env._(
                        "Revision %(revision)s published; it replaces revision %(previous)s. Changes: %(note)s",
                        revision=item.revision,
                        previous=item.previous_id.revision,
                        note=item.change_note,
                    )
                )
        return True

    def action_withdraw(self):
        for item in self:
            if item.state != "published":
                raise UserError(self.env._("Only a published item can be withdrawn."))
        self._lifecycle().write({"state": "withdrawn", "withdrawn_date": fields.Datetime.now()})
        self._drop_public_guides()
        return True

    def action_new_revision(self):
        self.ensure_one()
        if self.state == "draft":
            raise UserError(self.env._("“%(item)s” is a draft: edit it directly.", item=self.display_name))
        root = self.origin_id or self
        pending = self.search(
            [("state", "=", "draft"), "|", ("id", "=", root.id), ("origin_id", "=", root.id)], limit=1
        )
        if not pending:
            last = self.with_context(active_test=False).search(
                ["|", ("id", "=", root.id), ("origin_id", "=", root.id)], order="revision desc", limit=1
            )
            pending = self._lifecycle().copy(
                {"revision": last.revision + 1, "origin_id": root.id, "previous_id": self.id, "name": self.name}
            ).with_env(self.env)
            self.message_post(body=self.env._("Revision %(revision)s drafted.", revision=pending.revision))
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.item",
            "res_id": pending.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_sites(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_items.action_gov_item_site")
        action.update(domain=[("item_id", "=", self.id)], context={"default_item_id": self.id})
        return action

    # ---------------------------------------------------------------- for cases (gov_eval)
    def _promised_deadline(self, accepted_on):
        """Date by which a case accepted on ``accepted_on`` is due under the promised time limit,
        counted in China's working days (statutory holidays and make-up days included)."""
        self.ensure_one()
        return self.env["gov.holiday"].add_working_days(accepted_on, self.promised_time_limit)

    # ---------------------------------------------------------------- public
    def _public_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/gov/items/{self.id}"

    def _qr_data_uri(self):
        """QR code (PNG data URI) pointing at the item's public page, for printed guides."""
        self.ensure_one()
        return qr_data_uri(self._public_url())

    def _public_site_lines_domain(self):
        self.ensure_one()
        return [
            ("item_id", "=", self.id),
            ("active", "=", True),
            ("site_id", "any", self.env["gov.site"]._public_site_domain({})),
        ]

    def _public_site_lines(self, limit=None):
        """Active lines of the item at the sites the public may see (active and published), centres
        first (the sites' order), at most ``limit``.

        The only lines the public outputs list (item page, JSON feed, guide PDF): an
        unpublished site is never named there. One query, whatever the number of sites (an item
        offered at every station of a city has 1,623 lines).
        """
        return self.env["gov.item.site"].search(self._public_site_lines_domain(), limit=limit)

    def _public_guide_pdf(self):
        """The service guide PDF of a published item, rendered by wkhtmltopdf once per content.

        The PDF is kept as an attachment of the item named after the SHA-256 of the guide's
        HTML in the current language, i.e. of everything wkhtmltopdf would print. A published
        revision's own elements never change, but what the guide prints around them can: the
        sites listing it and their addresses, windows and phones, the department's phones and
        names, the translations and the template. Any such change gives another hash, so the
        next request renders again and replaces the stale file; withdrawing the item (or
        publishing a new revision) drops its files. Rendering the HTML costs a fraction of
        running wkhtmltopdf.
        """
        self.ensure_one()
        item = self.sudo()
        Report = self.env["ir.actions.report"].sudo().with_context(force_report_rendering=True)
        # The HTML wkhtmltopdf would be given (report_type pdf, no debug assets).
        html, _kind = Report.with_context(debug=False)._render_qweb_html(
            GUIDE_REPORT, item.ids, data={"report_type": "pdf", "debug": False}
        )
        lang = self.env.lang or "en_US"
        name = f"{GUIDE_PREFIX}{lang}-{hashlib.sha256(html).hexdigest()}.pdf"
        Attachment = self.env["ir.attachment"].sudo()
        guides = Attachment.search(
            [("res_model", "=", "gov.item"), ("res_id", "=", item.id), ("name", "=like", f"{escape_psql(GUIDE_PREFIX + lang)}-%")]
        )
        cached = guides.filtered(lambda attachment: attachment.name == name)[:1]
        if cached:
            return cached.raw
        pdf, _kind = Report._render_qweb_pdf(GUIDE_REPORT, item.ids)
        guides.unlink()
        Attachment.create({"name": name, "raw": pdf, "mimetype": "application/pdf", "res_model": "gov.item", "res_id": item.id})
        return pdf

    def _drop_public_guides(self):
        """Remove the stored guide PDFs of these items (withdrawn or superseded)."""
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "gov.item"), ("res_id", "in", self.ids), ("name", "=like", f"{escape_psql(GUIDE_PREFIX)}%")]
        ).unlink()

    def _time_limit_label(self, days):
        return self.env._("On the spot") if not days else self.env._("%(days)s working days", days=days)

    @api.model
    def _public_search_domain(self, query=None, category_id=None, site_id=None):
        domain = [("state", "=", "published")]
        query = to_text(query)
        if query:
            compact = re.sub(r"[\s']+", "", query).lower()
            # Each branch has a trigram index, so PostgreSQL can OR the index scans. A visitor's
            # % and _ are characters to find, not LIKE wildcards.
            match = [
                "|", "|",
                ("name", "=ilike", f"%{escape_psql(query)}%"),
                ("name_initials", "=ilike", f"%{escape_psql(compact)}%"),
                ("name_pinyin", "=ilike", f"%{escape_psql(compact)}%"),
            ]
            if compact.isascii() and compact.isdigit():
                match = ["|", ("basic_code", "=like", f"{compact}%"), *match]
            domain += match
        if category_id:
            domain.append(("category_id", "=", category_id))
        if site_id:
            domain.append(("site_line_ids", "any", [("site_id", "=", site_id), ("active", "=", True)]))
        return domain

    @api.model
    def _public_search(self, query=None, category_id=None, site_id=None, limit=None, offset=0):
        """Published items matching a visitor's search, as sudo records (the public catalogue)."""
        Item = self.sudo()
        domain = self._public_search_domain(query, category_id, site_id)
        return Item.search(domain, limit=limit, offset=offset), Item.search_count(domain)

    def _public_json(self, detail=False):
        """Public elements of a published item, for the JSON feed; with ``detail`` its whole guide."""
        self.ensure_one()
        selection = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("item_type", "case_kind", "online_depth")
        }
        data = {
            "id": self.id,
            "name": self.name,
            "pinyin": self.name_pinyin,
            "initials": self.name_initials,
            "basic_code": self.basic_code,
            "implementation_code": self.implementation_code,
            "category": self.category_id.name,
            "item_type": {"code": self.item_type, "name": selection["item_type"].get(self.item_type)},
            "department": self.department_id.name,
            "implementing_body": self.implementing_body_id.name,
            "exercise_level": self.exercise_level,
            "case_type": {"code": self.case_type_code, "name": selection["case_kind"].get(self.case_kind)},
            "legal_time_limit": self.legal_time_limit,
            "promised_time_limit": self.promised_time_limit,
            "visits": self.visits,
            "online_depth": {"code": self.online_depth, "name": selection["online_depth"].get(self.online_depth)},
            "fee": 0.0 if self.fee_type == "free" else self.fee_amount,
            "must_enter": self.must_enter,
            "one_window": self.one_window,
            "agent_service": self.agent_service,
            "online": self.form_online,
            "revision": self.revision,
            "url": f"/gov/items/{self.id}",
        }
        if not detail:
            return data
        forms = dict(self.env["gov.item.material"]._fields["form"]._description_selection(self.env))
        data.update(
            acceptance_conditions=self.acceptance_conditions or "",
            fee_capital=self.fee_amount_capital if self.fee_type == "charged" else "",
            fee_basis=self.fee_basis or "",
            consult_phone=self.consult_phone or self.department_id.phone or "",
            complaint_phone=self.complaint_phone or self.department_id.complaint_phone or "",
            video_url=self.video_url or "",
            legal_basis=[{"law": b.law, "article": b.article or "", "text": b.text or ""} for b in self.legal_basis_ids],
            materials=[
                {
                    "name": m.name,
                    "form": forms.get(m.form),
                    "copies": m.copies,
                    "required": m.requirement == "required",
                    "condition": m.condition or "",
                    "issued_by": m.issuing_department or "" if m.source == "department" else "",
                }
                for m in self.material_ids
            ],
            steps=[{"name": st.name, "description": st.description or "", "days": st.days} for st in self.step_ids],
            special_procedures=[{"name": p.type_id.name, "days": p.days} for p in self.special_procedure_ids],
            intermediary_services=[
                {
                    "name": i.name,
                    "provider": i.provider or "",
                    "legal_basis": i.legal_basis or "",
                    "fee": i.fee or "",
                    "days": i.days,
                }
                for i in self.intermediary_ids
            ],
            sites=[
                {"id": line.site_id.id, "name": line.site_id.name, "window": line.window_id.display_name or "",
                 "phone": line.consult_phone or ""}
                for line in self._public_site_lines()
            ],
        )
        return data
