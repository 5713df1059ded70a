"""A case (办件): one application from first inquiry to the delivered result.

The plan's task 5 (一窗受理、分类审批、统一出件) and its rules 四.一–四.四: the first person asked
owns the inquiry (首问负责), the window tells every missing material at once (一次性告知), the
back office decides within working-day limits (限时办结), and a window clerk never refuses
(窗口无否决权). Every transition is an action that checks who may take it and leaves a line in the
chatter; a case is never deleted.
"""

import hashlib
import hmac
import random
import re
import secrets
import uuid
from datetime import date, datetime, time, timedelta

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.addons.gov_center.tools import mask_name, qr_data_uri
from odoo.addons.gov_staff.models.gov_service_slot import china_date
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, consteq
from odoo.tools.mimetypes import guess_mimetype

from .gov_case_line import checked_for_create
from .gov_evaluation import OCCASIONS

STATES = [
    ("draft", "Online Draft"),
    ("consultation", "Consultation"),
    ("accepted", "Accepted"),
    ("review", "In Review"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("not_accepted", "Not Accepted"),
    ("result_ready", "Result Ready"),
    ("delivered", "Delivered"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
]
OPEN_STATES = ("accepted", "review")  # the clock runs (unless paused)
DECIDED_STATES = ("approved", "refused", "result_ready", "delivered", "closed")
KINDS = [
    ("immediate", "On-the-spot Case"),
    ("promised", "Promised Case"),
    ("joint", "Joint Case"),
    ("escalated", "Escalated Case"),
    ("agent", "Agent Case"),
]
CHANNELS = [
    ("window", "Window"),
    ("portal", "Online Portal"),
    ("agent", "Station Agent"),
    ("phone", "Phone"),
    ("post", "Post"),
    ("outreach", "Outreach Service"),
]
GREEN_REASONS = [
    ("elderly", "Elderly"),
    ("disabled", "Disabled"),
    ("pregnant", "Pregnant"),
    ("military", "Military Family"),
    ("hardship", "Hardship"),
]
DEADLINE_STATES = [
    ("none", "Not Running"),
    ("normal", "On Track"),
    ("yellow", "Due Soon"),
    ("red", "Overdue"),
    ("paused", "Paused"),
    ("done", "Decided"),
]
DELIVERY_METHODS = [("pickup", "Pickup at the Window"), ("post", "By Post"), ("online", "Electronic Result")]
ESCALATION_LEVELS = [("county", "County / District Level"), ("city", "City Level")]
# Fields fixed at intake: once the case is accepted they describe what was applied for.
INTAKE_FIELDS = frozenset(
    {
        "item_id",
        "site_id",
        "channel",
        "applicant_type",
        "applicant_name",
        "id_number_input",
        "applicant_uscc",
        "partner_id",
        "agent_id",
        "proxy_name",
        "proxy_phone",
        "kind",
    }
)
# Days before the deadline (working days left, both ends counted from tomorrow) that turn a case yellow.
YELLOW_DAYS = 2
# Access codes avoid letters and digits that read alike (0/O, 1/I/L).
ACCESS_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SITE_STAFF_GROUPS = "gov_center.group_gov_clerk,gov_center.group_gov_approver,gov_center.group_gov_agent"


def validate_ric(value):
    """The resident ID of GB 11643 in its compact form: 18 characters, a real birth date and the
    MOD 11-2 check character, with python-stdnum's own checks. Not the birth place: stdnum reads it
    from a data file that Odoo's import hook hides from importlib.resources, and the 1980s region
    table it holds does not know the codes of newer districts anyway."""
    number = ric.compact(value or "")
    if len(number) != 18 or not number[:-1].isdigit() or not number[:-1].isascii():
        raise StdnumError()
    if number[-1] != ric.calc_check_digit(number):
        raise StdnumError()
    ric.get_birth_date(number)
    return number


def mask_id_number(number):
    """1502**********1234: the first four and the last four characters of a resident ID."""
    if not number:
        return False
    return number[:4] + "*" * max(len(number) - 8, 0) + number[-4:]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"

GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅兵建国志文斌海燕宁波鹏辉晓林"

# Where the demo cases end up (state, weight): most are in progress or done.
TARGETS = [
    ("consultation", 6),
    ("accepted", 12),
    ("review", 22),
    ("approved", 5),
    ("result_ready", 9),
    ("delivered", 8),
    ("closed", 30),
    ("refused", 4),
    ("not_accepted", 4),
]

GREEN = ["elderly", "disabled", "pregnant", "military", "hardship"]

CASE_KIND_LABELS = {
    "immediate": "即办件",
    "promised": "承诺件",
    "joint": "联办件",
    "escalated": "上报件",
    "agent": "代理件",
}

MATERIAL_FORM_LABELS = {"original": "原件", "copy": "复印件", "both": "原件及复印件", "electronic": "电子件"}

DELIVERY_LABELS = {"pickup": "窗口领取", "post": "邮寄送达", "online": "电子证照"}

RESULT_STATES = ("result_ready", "delivered", "closed")

# What a citizen may set on their own draft, and nothing else.
PORTAL_FIELDS = frozenset(
    {
        "item_id",
        "site_id",
        "applicant_type",
        "applicant_name",
        "id_number_input",
        "applicant_uscc",
        "applicant_phone",
        "applicant_address",
        "delivery_method",
    }
)

ONLINE_DEPTHS = ("2", "3", "4")  # Level II (online pre-check) and above take applications

UPLOAD_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}

UPLOAD_MAX_PARAM = "gov_eval.online_upload_max_mb"

UPLOAD_MAX_DEFAULT = 10  # MB per file

UPLOAD_MAX_FILES = 5  # per material

PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")

# A case can be rated for its acceptance once the window took it in (or turned it down in writing),
# and for its result once the decision is made known.
ACCEPTANCE_STATES = ("accepted", "review", "approved", "refused", "not_accepted", "result_ready", "delivered", "closed")

RESULT_STATES = ("refused", "result_ready", "delivered", "closed")


class GovCase(models.Model):
    _name = "gov.case"
    _description = "Case"
    _inherit = ["gov.guard.mixin", "gov.centre.mixin", "portal.mixin", "mail.thread.main.attachment", "mail.activity.mixin"]
    _order = "priority desc, promised_deadline, id desc"
    _rec_name = "number"
    _gov_locked_states = ("closed",)
    _gov_locked_writable = frozenset({"note", "active", "access_token"})
    _mail_post_access = "read"

    number = fields.Char(string="Case No.", readonly=True, copy=False, tracking=True)  # indexed by its UNIQUE
    access_code = fields.Char(
        readonly=True,
        copy=False,
        groups=SITE_STAFF_GROUPS,
        help="Code printed on the receipt; with the case number it lets the applicant follow the case without logging in.",
    )
    active = fields.Boolean(default=True)
    state = fields.Selection(
        STATES,
        string="Status",
        default="consultation",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    kind = fields.Selection(
        KINDS,
        string="Case Kind",
        required=True,
        tracking=True,
        help="即办件, 承诺件, 联办件, 上报件 or 代理件. Defaults to the item's case kind.",
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Green Channel")], compute="_compute_priority", store=True, precompute=True, index=True
    )
    green_reason = fields.Selection(
        GREEN_REASONS, string="Green Channel", tracking=True, help="绿色通道: served first in every queue and list."
    )
    channel = fields.Selection(CHANNELS, required=True, default="window", tracking=True)

    # ---------------------------------------------------------------- what and where
    item_id = fields.Many2one(
        "gov.item",
        string="Service Item",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('state', '=', 'published')]",
        help="The item revision published at intake; later revisions never change the case.",
    )
    item_line_id = fields.Many2one("gov.item.site", compute="_compute_item_line", string="Implementation Line")
    department_id = fields.Many2one(related="item_id.department_id", store=True, precompute=True, string="Department")
    category_id = fields.Many2one(related="item_id.category_id", store=True, precompute=True, string="Category")
    site_id = fields.Many2one(
        "gov.site",
        required=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user.gov_site_ids[:1],
    )
    window_id = fields.Many2one(
        "gov.window",
        tracking=True,
        index=True,
        domain="[('site_id', '=', centre_id)]",
        help="The window responsible for the case once it is handed over.",
    )
    is_comprehensive = fields.Boolean(
        compute="_compute_is_comprehensive",
        store=True,
        precompute=True,
        string="At the Comprehensive Window",
        help="Taken at a comprehensive acceptance window (一窗受理).",
    )

    # ---------------------------------------------------------------- applicant
    applicant_type = fields.Selection(
        [("person", "Person"), ("enterprise", "Enterprise")], required=True, default="person"
    )
    # Trigram-indexed: the clerks search by a part of the name (on the city, a name among a centre's
    # 10,000 cases: 79 ms reading them all, 1.4 ms with the index; bench/pages).
    applicant_name = fields.Char(required=True, tracking=True, index="trigram")
    id_number = fields.Char(
        string="Resident ID (full)",
        copy=False,
        groups="base.group_system",
        help="Stored once; shown masked. Reading it in full is logged.",
    )
    id_number_masked = fields.Char(string="Resident ID", readonly=True, copy=False)
    id_number_hash = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    id_number_input = fields.Char(
        string="Resident ID Number",
        compute="_compute_id_number_input",
        inverse="_inverse_id_number_input",
        search="_search_id_number_input",
        help="18-digit resident ID (GB 11643); stored once and shown masked.",
    )
    applicant_uscc = fields.Char(
        string="Unified Social Credit Code",
        tracking=True,
        help="18-character code of an enterprise applicant (GB 32100).",
    )
    applicant_phone = fields.Char(string="Contact Phone", required=True)
    applicant_address = fields.Char(string="Address")
    partner_id = fields.Many2one(
        "res.partner",
        string="Portal Contact",
        index=True,
        tracking=True,
        help="The applicant's portal account, when there is one: they follow the case online.",
    )
    agent_id = fields.Many2one(
        "gov.site.agent",
        string="Station Agent",
        tracking=True,
        help="The station agent who applies on the citizen's behalf (帮办代办).",
    )
    proxy_name = fields.Char(
        string="Proxy", help="Someone applying for the applicant (代办人), when not a station agent."
    )
    proxy_phone = fields.Char()

    # ---------------------------------------------------------------- people
    first_contact_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="首问负责: the person first asked, who owns the case until it is handed over.",
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, index=True, default=lambda self: self.env.user
    )
    assignee_id = fields.Many2one(
        "hr.employee",
        string="Reviewer",
        readonly=True,
        tracking=True,
        copy=False,
        help="The person on duty at the department window when the case went to review (A post, or B while A is away).",
    )
    assignee_user_id = fields.Many2one("res.users", string="Reviewer User", readonly=True, index=True, copy=False)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # ---------------------------------------------------------------- checklist, pauses, relay, sub-tasks
    material_ids = fields.One2many("gov.case.material", "case_id", string="Materials")
    missing_count = fields.Integer(compute="_compute_missing", string="Missing Materials", store=True, precompute=True)
    pause_ids = fields.One2many("gov.case.pause", "case_id", string="Pauses")
    is_paused = fields.Boolean(compute="_compute_is_paused", store=True, precompute=True, index=True, string="Paused")
    leg_ids = fields.One2many("gov.case.leg", "case_id", string="Relay Legs")
    task_ids = fields.One2many("gov.case.task", "case_id", string="Sub-tasks")
    open_task_count = fields.Integer(compute="_compute_open_tasks", string="Open Sub-tasks")
    notice_ids = fields.One2many("gov.case.notice", "case_id", string="Notices")
    repeat_notice = fields.Boolean(
        readonly=True,
        copy=False,
        string="Repeated One-time Notice",
        help="A second one-time notice was issued: flagged to the centre manager.",
    )
    note = fields.Text(string="Internal Note")

    # ---------------------------------------------------------------- deadlines (working days)
    accepted_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    accepted_on = fields.Date(readonly=True, copy=False, index=True)
    promised_days = fields.Integer(readonly=True, copy=False, string="Promised Limit (working days)")
    legal_days = fields.Integer(readonly=True, copy=False, string="Legal Limit (working days)")
    paused_days = fields.Integer(
        compute="_compute_deadlines", store=True, precompute=True, string="Paused (working days)"
    )
    promised_deadline = fields.Date(
        compute="_compute_deadlines", store=True, precompute=True, index=True
    )
    legal_deadline = fields.Date(compute="_compute_deadlines", store=True, precompute=True)
    deadline_provisional = fields.Boolean(
        compute="_compute_deadlines",
        store=True,
        precompute=True,
        string="Provisional Deadline",
        help="The deadline reaches into a year whose holiday arrangement is not entered yet: it counts weekends "
        "only and is recomputed when the year is entered.",
    )
    deadline_state = fields.Selection(
        DEADLINE_STATES, default="none", readonly=True, index=True, copy=False, string="Deadline"
    )
    decided_on = fields.Date(readonly=True, copy=False, index=True)
    work_days = fields.Integer(
        compute="_compute_work_days",
        store=True,
        string="Working Days Taken",
        aggregator="avg",
        help="办理用时: working days from the day after acceptance to the decision, pauses not counted.",
    )
    on_time = fields.Boolean(compute="_compute_on_time", store=True, precompute=True)

    # ---------------------------------------------------------------- escalation (上报件)
    escalation_level = fields.Selection(ESCALATION_LEVELS, tracking=True)
    escalated_on = fields.Date(readonly=True, copy=False)
    escalation_answer_on = fields.Date(readonly=True, copy=False, string="Answer Returned On")
    escalation_answer = fields.Text(string="Answer of the Higher Level")

    # ---------------------------------------------------------------- decision and result
    decision_reason = fields.Text(
        string="Written Reasons",
        tracking=True,
        help="Reasons for not accepting (不予受理) or refusing (不予许可); printed on the notice.",
    )
    result_name = fields.Char(string="Result", help="Certificate, licence or decision issued (证照或批文名称).")
    result_number = fields.Char(readonly=True, copy=False, string="Result No.")  # indexed by its UNIQUE
    result_issued_on = fields.Date(readonly=True, copy=False, string="Issued On")
    result_revoked = fields.Boolean(readonly=True, copy=False, string="Revoked")
    result_revoke_reason = fields.Text(readonly=True, copy=False)
    delivery_method = fields.Selection(DELIVERY_METHODS, default="pickup")
    tracking_number = fields.Char(string="Postal Tracking No.")
    delivery_signature = fields.Binary(string="Signature", copy=False, attachment=True)
    delivered_at = fields.Datetime(readonly=True, copy=False)
    closed_at = fields.Datetime(readonly=True, copy=False)

    _number_site_unique = models.Constraint("UNIQUE(number)", "A case number is used once.")
    _result_number_unique = models.Constraint("UNIQUE(result_number)", "A result number is used once.")
    # The site's cases in a state: the clerk's work list (the rule's site ids and "in progress") and
    # every per-site count; it indexes site_id alone too. Measured on the city (bench/pages): the
    # list of a centre's 528 running cases among 2 million, 14 ms with one index per column (a
    # bitmap of all 100,000 running cases), under 1 ms with this one.
    _site_state_idx = models.Index("(site_id, state)")

    # ================================================================ computes
    @api.depends("green_reason")
    def _compute_priority(self):
        for case in self:
            case.priority = "1" if case.green_reason else "0"

    @api.depends("window_id.window_type")
    def _compute_is_comprehensive(self):
        for case in self:
            case.is_comprehensive = case.window_id.window_type == "comprehensive"

    @api.depends("item_id", "centre_id")
    def _compute_item_line(self):
        lines = (
            self.env["gov.item.site"]
            .sudo()
            .search([("item_id", "in", self.item_id.ids), ("site_id", "in", (self.centre_id | self.site_id).ids)])
        )
        by_key = {(line.item_id.id, line.site_id.id): line for line in lines}
        for case in self:
            line = by_key.get((case.item_id.id, case.site_id.id)) or by_key.get((case.item_id.id, case.centre_id.id))
            case.item_line_id = line.with_env(self.env) if line else False

    @api.depends("material_ids.is_missing", "material_ids.required")
    def _compute_missing(self):
        for case in self:
            case.missing_count = len(case.material_ids.filtered(lambda m: m.required and m.is_missing))

    @api.depends("pause_ids.date_end", "pause_ids.date_start")
    def _compute_is_paused(self):
        for case in self:
            case.is_paused = any(not pause.date_end for pause in case.pause_ids)

    @api.depends("task_ids.state")
    def _compute_open_tasks(self):
        for case in self:
            case.open_task_count = len(case.task_ids.filtered(lambda t: t.state != "done"))

    def _compute_id_number_input(self):
        for case in self:
            case.id_number_input = case.id_number_masked or False

    @api.model
    def _id_hash(self, number):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hmac.new(secret.encode(), number.encode(), hashlib.sha256).hexdigest()

    @api.model
    def _clean_id_number(self, value):
        try:
            return validate_ric(value)
        except StdnumError:
            raise ValidationError(
                self.env._(
                    "“%(value)s” is not a valid 18-digit resident ID number (GB 11643): check the digits and the last "
                    "check character.",
                    value=value,
                )
            ) from None

    def _inverse_id_number_input(self):
        for case in self:
            value = (case.id_number_input or "").strip()
            if not value or value == case.id_number_masked:
                continue
            number = self._clean_id_number(value)
            # The full number lives in a field no role reads; the write is this record's own value,
            # checked above, on a record the caller may write (write() checked access before).
            case.sudo()._gov_unlocked().write(
                {
                    "id_number": number,
                    "id_number_masked": mask_id_number(number),
                    "id_number_hash": self._id_hash(number),
                }
            )

    def _search_id_number_input(self, operator, value):
        if operator not in ("=", "ilike") or not isinstance(value, str):
            return NotImplemented
        value = value.strip().upper()
        try:  # a whole, valid number: found by its keyed hash (a field no role reads)
            digest = self._id_hash(validate_ric(value))
        except StdnumError:
            digest = None
        if digest:
            return [("id", "in", self.sudo()._search([("id_number_hash", "=", digest)]))]
        return [("id_number_masked", "=", value)] if operator == "=" else [("id_number_masked", "ilike", value)]

    @api.depends(
        "accepted_on", "promised_days", "legal_days", "pause_ids.date_start", "pause_ids.date_end", "pause_ids.counts"
    )
    def _compute_deadlines(self):
        running = self.filtered("accepted_on")
        (self - running).update(
            {"paused_days": 0, "promised_deadline": False, "legal_deadline": False, "deadline_provisional": False}
        )
        if not running:
            return
        calendar = self.env["gov.holiday"]._work_calendar(
            running.mapped("accepted_on") + running.pause_ids.mapped("date_start"),
            max(running.mapped("promised_days") + running.mapped("legal_days")),
        )
        for case in running:
            case._set_deadlines(calendar)

    def _set_deadlines(self, calendar):
        # The nightly job computes as of its own day; a date object, which no JSON-RPC context can hold.
        today = self.env.context.get("gov_deadline_today")
        if not isinstance(today, date):
            today = fields.Date.context_today(self)
        paused = 0
        for pause in self.pause_ids.filtered("counts"):
            end = pause.date_end - timedelta(days=1) if pause.date_end else today
            paused += calendar.count(pause.date_start, end)
        promised = calendar.add(self.accepted_on, self.promised_days + paused)
        legal = calendar.add(self.accepted_on, self.legal_days + paused) if self.legal_days else False
        self.paused_days = paused
        self.promised_deadline = promised
        self.legal_deadline = legal
        self.deadline_provisional = bool(calendar.missing_years(self.accepted_on, max(promised, legal or promised)))

    @api.depends("accepted_on", "decided_on", "paused_days")
    def _compute_work_days(self):
        decided = self.filtered(lambda case: case.accepted_on and case.decided_on)
        (self - decided).work_days = 0
        if not decided:
            return
        calendar = self.env["gov.holiday"]._work_calendar(decided.mapped("accepted_on") + decided.mapped("decided_on"))
        for case in decided:
            elapsed = calendar.count(case.accepted_on + timedelta(days=1), case.decided_on)
            case.work_days = max(elapsed - case.paused_days, 0)

    @api.depends("decided_on", "promised_deadline")
    def _compute_on_time(self):
        for case in self:
            case.on_time = bool(
                case.decided_on and case.promised_deadline and case.decided_on <= case.promised_deadline
            )

    @api.depends("number")
    def _compute_access_url(self):
        result = super()._compute_access_url()
        for case in self:
            case.access_url = f"/my/cases/{case.id}"
        return result

    @api.depends("number", "applicant_name")
    def _compute_display_name(self):
        for case in self:
            case.display_name = f"{case.number} {mask_name(case.applicant_name)}" if case.number else self.env._("New Case")

    # ================================================================ onchange (the intake form)
    @api.onchange("item_id", "channel")
    def _onchange_item(self):
        """The item's default kind, its window at the site and its materials as the checklist to tick."""
        if not self.item_id or self.state != "consultation":
            return
        self.kind = "agent" if self.channel == "agent" else self.item_id.case_kind
        if not self.window_id and self.item_line_id.window_id:
            self.window_id = self.item_line_id.window_id
        if not self.material_ids or set(self.material_ids.item_material_id.item_id.ids) != {self.item_id.id}:
            self.material_ids = [Command.clear()] + [
                Command.create(vals) for vals in self._material_values(self.item_id)
            ]

    # ================================================================ constraints
    @api.constrains("applicant_type", "applicant_uscc", "id_number_masked")
    def _check_applicant(self):
        for case in self:
            if case.applicant_type == "enterprise":
                if not case.applicant_uscc:
                    raise ValidationError(self.env._("Enter the unified social credit code of the enterprise applicant."))
                if not uscc.is_valid(case.applicant_uscc):
                    raise ValidationError(
                        self.env._(
                            "“%(code)s” is not a valid unified social credit code (GB 32100): check its 18 characters.",
                            code=case.applicant_uscc,
                        )
                    )

    @api.constrains("item_id", "state")
    def _check_item_published(self):
        for case in self:
            if case.state in ("draft", "consultation") and case.item_id.state != "published":
                raise ValidationError(
                    self.env._(
                        "“%(item)s” is not a published item: take the case on the item's current revision.",
                        item=case.item_id.display_name,
                    )
                )

    @api.constrains("kind", "item_id")
    def _check_kind(self):
        for case in self:
            if case.kind == "immediate" and case.item_id.case_kind != "immediate":
                raise ValidationError(
                    self.env._(
                        "“%(item)s” is not an on-the-spot item (即办件): its cases are decided by the back office, "
                        "not at the window.",
                        item=case.item_id.display_name,
                    )
                )

    @api.constrains("window_id", "centre_id")
    def _check_window(self):
        for case in self:
            if case.window_id and case.window_id.site_id not in (case.site_id | case.centre_id):
                raise ValidationError(
                    self.env._(
                        "Window %(window)s is not at %(site)s: choose a window of the case's centre.",
                        window=case.window_id.display_name,
                        site=case.centre_id.name,
                    )
                )

    # ================================================================ ORM
    @api.model_create_multi
    def create(self, vals_list):
        # A citizen's case is their online application: a draft of their own, numbered when submitted
        # (the online section checks which fields they may set).
        online = self._gov_portal_caller()
        if online:
            self = self._online_create_checks(vals_list)  # noqa: PLW0642
        self = checked_for_create(self, vals_list)  # noqa: PLW0642
        for vals in vals_list:
            vals.pop("number", None)
            vals.pop("state", None)
            # The portal token is made with the case, never later: the pages that show it (the
            # receipt's QR codes, /gov/track, the rating link) then only read, on a replica too.
            vals["access_token"] = str(uuid.uuid4())
            if online:
                vals.update(
                    state="draft",
                    channel="portal",
                    partner_id=self.env.user.partner_id.id,
                    user_id=False,
                    first_contact_id=False,
                )
            if vals.get("item_id") and not vals.get("kind"):
                item = self.env["gov.item"].browse(vals["item_id"])
                vals["kind"] = "agent" if vals.get("channel") == "agent" else item.case_kind
            vals.setdefault("first_contact_id", self.env.uid)
        # What the application sets at intake goes into the INSERT itself (the caller's values were
        # checked above): the number, the access code and the window of the item at the centre.
        self._add_intake_values(vals_list)
        for vals in vals_list:  # the item revision's materials become the checklist, unless the form sent them
            if vals.get("item_id") and not vals.get("material_ids") and not online:
                item = self.env["gov.item"].browse(vals["item_id"])
                vals["material_ids"] = [Command.create(line) for line in self._material_values(item)]
        cases = super().create(vals_list)
        if online:
            cases._reset_online_checklist()
        cases.invalidate_recordset(["id_number_input"])  # the cache held what was typed; reads give the mask
        for case in cases.filtered("partner_id"):
            case.message_subscribe(partner_ids=case.partner_id.ids)
        cases._queue_ticket_linked()
        return cases

    def _prepare_create_values(self, vals_list):
        # Called by create() after it checked the caller's access to every field sent: the resident ID
        # typed at intake goes into the INSERT in its stored forms (the full number in a field no role
        # reads), not through the inverse's UPDATE of each new case.
        prepared = []
        for vals in vals_list:
            typed = (vals.get("id_number_input") or "").strip()
            if typed:
                number = self._clean_id_number(typed)
                vals = dict(vals, id_number=number, id_number_masked=mask_id_number(number))
                vals["id_number_hash"] = self._id_hash(number)
                del vals["id_number_input"]
            prepared.append(vals)
        return super()._prepare_create_values(prepared)

    def write(self, vals):
        self._check_portal_fields(vals)
        if not self._gov_is_unlocked() and set(vals) & INTAKE_FIELDS:
            started = self.filtered(lambda c: c.state not in ("draft", "consultation"))
            if started:
                raise UserError(
                    self.env._(
                        "%(case)s is accepted: what was applied for, by whom and where is fixed at intake and can no "
                        "longer be changed.",
                        case=started[0].display_name,
                    )
                )
        result = super().write(vals)
        if "site_id" in vals and not self.env.su:
            self.check_access("write")  # a case is not moved to a site outside the caller's own
        if "id_number_input" in vals:
            self.invalidate_recordset(["id_number_input"])  # reads give the mask, never what was typed
        self._online_after_write(vals)
        if vals.get("ticket_id"):
            self._queue_ticket_linked()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(self.env._("Cases and their history are never deleted: archive the case instead."))

    def _add_intake_values(self, vals_list):
        """Number (per site and year), access code and, when none was chosen, the window of the item
        at the case's centre (its implementation line), for a batch of intake values: one sequence
        and one implementation line lookup per site and item, not per case."""
        Site = self.env["gov.site"].sudo()
        default_site = None
        for vals in vals_list:
            if not vals.get("site_id"):
                if default_site is None:
                    default_site = self.default_get(["site_id"]).get("site_id") or False
                vals["site_id"] = default_site
        sites = Site.browse({vals["site_id"] for vals in vals_list if vals["site_id"]})
        centres = {site.id: site if site.is_centre or not site.parent_id else site.parent_id for site in sites}
        routed = [vals for vals in vals_list if not vals.get("window_id") and vals.get("item_id") and vals["site_id"]]
        routed_ids = {id(vals) for vals in routed}
        lines = self.env["gov.item.site"].sudo()
        if routed:
            lines = lines.search(
                [
                    ("item_id", "in", list({vals["item_id"] for vals in routed})),
                    ("site_id", "in", (sites | Site.union(*centres.values())).ids),
                ]
            )
        windows = {(line.item_id.id, line.site_id.id): line.window_id.id for line in lines if line.window_id}
        today = fields.Date.context_today(self)
        sequences = {}
        for vals in vals_list:
            site_id = vals["site_id"]
            if not site_id or vals.get("state") == "draft":
                continue  # the required field's own error follows; a draft is numbered when submitted
            if site_id not in sequences:
                sequences[site_id] = self._case_sequence(Site.browse(site_id))
            vals["number"] = sequences[site_id].next_by_id(sequence_date=today)
            vals["access_code"] = self._new_access_code()
            if id(vals) in routed_ids:
                key = (vals["item_id"], site_id)
                window = windows.get(key) or windows.get((vals["item_id"], centres[site_id].id))
                if window:
                    vals["window_id"] = window

    @api.model
    def _case_sequence(self, site):
        """The ir.sequence of ``site``'s cases (SITECODE-YEAR-000123), created with its first case."""
        site = site.sudo()
        code = f"gov.case.site.{site.id}"
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", code)], limit=1)
        if sequence:
            return sequence
        prefix = site.division_code or f"S{site.id}"
        if (
            self.env["gov.site"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("division_code", "=", site.division_code), ("id", "!=", site.id)])
        ):
            prefix = f"{prefix}{site.id}"
        return Sequence.create(
            {
                "name": self.env._("Cases of %(site)s", site=site.name),
                "code": code,
                "prefix": f"{prefix}-%(range_year)s-",
                "padding": 6,
                "use_date_range": True,
                "company_id": False,
            }
        )

    @api.model
    def _new_access_code(self):
        return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _i in range(8))

    @api.model
    def _material_values(self, item):
        return [
            {
                "sequence": material.sequence,
                "name": material.name,
                "item_material_id": material.id,
                "required": material.requirement == "required",
                "form": material.form,
                "copies_expected": material.copies,
            }
            for material in item.sudo().material_ids
        ]

    # ================================================================ helpers
    def _check_state(self, allowed, action):
        for case in self:
            if case.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(case)s is %(state)s: %(action)s is not possible now.",
                        case=case.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[case.state],
                        action=action,
                    )
                )

    def _is_approver(self):
        return self.env.user.has_group("gov_center.group_gov_approver")

    def _transition(self, vals, message, notify=False):
        """Write the system's fields of a transition (after the action checked the caller's rights)
        and log it with who and when: posted to the applicant's portal contact when ``notify``, else
        as a note (on the state change's tracking message when the state changes, so the chatter
        shows one line, not two)."""
        self.check_access("write")
        body = self.env._("%(message)s (by %(user)s)", message=message, user=self.env.user.name)
        notified = self.filtered("partner_id") if notify else self.browse()
        logged = self - notified
        tracked = self.browse()
        if "state" in vals:
            # A case already moved in this transaction: its earlier note is logged now, in order.
            pending = self.env.cr.precommit.data.get(f"mail.tracking.message.{self._name}", {})
            again = logged.filtered(lambda case: case.id in pending)
            if again:
                again._message_log_batch(bodies={case.id: pending.pop(case.id) for case in again})
            tracked = logged._tracking_state_change(vals["state"])
        self._gov_unlocked().write(vals)
        for case in notified:
            case.message_post(body=body, partner_ids=case.partner_id.ids, subtype_xmlid="mail.mt_comment")
        if tracked:
            tracked._track_set_log_message(body)
        if logged - tracked:
            (logged - tracked)._message_log_batch(bodies=dict.fromkeys((logged - tracked).ids, body))

    def _tracking_state_change(self, state):
        """The cases of ``self`` whose move to ``state`` mail tracking will log at commit (so that a note
        can ride on that message): tracking is on, the case was not created in this transaction (Odoo
        does not track those) and ``state`` differs from the state the transaction started with."""
        context = self.env.context
        if context.get("tracking_disable") or context.get("mail_notrack"):
            return self.browse()
        initial = self.env.cr.precommit.data.get(f"mail.tracking.{self._name}", {})

        def logged_by_tracking(case):
            start = initial.get(case.id, {})
            if start is None:  # created in this transaction: tracking discarded
                return False
            return start.get("state", case.state) != state

        return self.filtered(logged_by_tracking)

    def _managers(self):
        """The centre managers of the case's centre."""
        self.ensure_one()
        group = self.env.ref("gov_center.group_gov_manager")
        return self.centre_id.sudo().user_ids.filtered(lambda u: group in u.all_group_ids and u.active)

    def _schedule(self, users, summary, note=""):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for user in users:
            self.sudo().activity_schedule(
                activity_type_id=activity_type.id, summary=summary, note=note, user_id=user.id
            )

    # ================================================================ actions
    def action_hand_over(self):
        """首问负责: the first contact hands the inquiry to the responsible window; logged."""
        self._check_state(("consultation",), self.env._("handing over"))
        for case in self:
            if not case.window_id:
                raise UserError(
                    self.env._("Choose the responsible window of %(case)s before handing it over.", case=case.display_name)
                )
            employee = case.window_id._get_on_duty_employee()
            owner = employee.sudo().user_id or case.user_id
            case._transition(
                {"user_id": owner.id},
                self.env._(
                    "Handed over by the first contact to window %(window)s (%(person)s).",
                    window=case.window_id.display_name,
                    person=employee.name or self.env._("nobody on duty"),
                ),
            )
        return True

    def action_accept(self):
        """受理: every required material is there; the clock starts."""
        self._check_state(("consultation",), self.env._("acceptance"))
        for case in self:
            missing = case.material_ids.filtered(lambda m: m.required and m.is_missing)
            if missing:
                raise UserError(
                    self.env._(
                        "%(case)s cannot be accepted while required materials are missing: %(materials)s. Issue the "
                        "one-time notice (一次性告知) listing them instead.",
                        case=case.display_name,
                        materials="、".join(missing.mapped("name")),
                    )
                )
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        # One write per set of values (limits of the item, responsible), not one per case.
        groups = {}
        for case in self:
            item = case.item_id.sudo()
            immediate = case.kind == "immediate"
            key = (
                0 if immediate else item.promised_time_limit,
                0 if immediate else item.legal_time_limit,
                case.user_id.id or self.env.uid,
            )
            groups.setdefault(key, []).append(case.id)
        for (promised, legal, user_id), ids in groups.items():
            self.browse(ids)._transition(
                {
                    "state": "accepted",
                    "accepted_at": now,
                    "accepted_on": today,
                    "promised_days": promised,
                    "legal_days": legal,
                    "deadline_state": "normal",
                    "user_id": user_id,
                },
                self.env._("Case accepted."),
                notify=True,
            )
        self._refresh_deadline_state()
        if any(self.mapped("deadline_provisional")):
            self._warn_missing_years(self.filtered("deadline_provisional"))
        for case in self.filtered(lambda c: c.site_id.kind not in ("district_centre", "township_centre")):
            case._open_first_leg()
        return True

    def action_send_review(self):
        """To the department: routed to the person on duty at the case's window (A, or B while A is away)."""
        self._check_state(("accepted",), self.env._("sending to review"))
        for case in self:
            if case.is_paused:
                raise UserError(self.env._("%(case)s is paused: resume it first.", case=case.display_name))
            window = case._review_window()
            employee = window._get_on_duty_employee() if window else self.env["hr.employee"]
            case._transition(
                {"state": "review", "assignee_id": employee.id, "assignee_user_id": employee.sudo().user_id.id},
                self.env._(
                    "Sent to review at %(window)s: %(person)s.",
                    window=window.display_name or "-",
                    person=employee.name or self.env._("nobody on duty, the centre manager is told"),
                ),
            )
            if employee.sudo().user_id:
                case._schedule(employee.sudo().user_id, self.env._("Review case %(case)s", case=case.number))
            else:
                case._schedule(case._managers(), self.env._("Nobody on duty to review case %(case)s", case=case.number))
        return True

    def _review_window(self):
        """Where the back office decides: the department window of the item's department at the centre
        (by the department's name or short name); else the window the item is listed at; else the
        case's own window (一窗受理: the comprehensive window takes it in, the department decides)."""
        self.ensure_one()
        department = self.item_id.sudo().department_id
        names = {name for name in (department.name, department.short_name) if name}
        windows = self.centre_id.sudo().window_ids.filtered(
            lambda w: w.window_type == "department" and w.is_open and w.department and w.department in names
        )
        line_window = self.item_line_id.sudo().window_id
        if not windows and line_window.window_type != "comprehensive":
            windows = line_window
        return (windows[:1] or line_window or self.window_id.sudo()).with_env(self.env)

    def _check_decidable(self):
        for case in self:
            if case.is_paused:
                raise UserError(self.env._("%(case)s is paused: resume it before deciding.", case=case.display_name))
            if case.kind == "joint" and case.open_task_count:
                raise UserError(
                    self.env._(
                        "%(case)s is a joint case: its %(count)s open sub-tasks must be done first.",
                        case=case.display_name,
                        count=case.open_task_count,
                    )
                )
            if case.kind == "escalated" and not case.escalation_answer_on:
                raise UserError(
                    self.env._(
                        "%(case)s was sent up to a higher level: record the answer before deciding.",
                        case=case.display_name,
                    )
                )

    def action_approve(self):
        """Approve. The back office decides; a window clerk may decide an on-the-spot case (即办件) only."""
        for case in self:
            allowed = ("review", "accepted") if case.kind == "immediate" else ("review",)
            case._check_state(allowed, self.env._("approval"))
            if not self._is_approver() and case.kind != "immediate":
                raise AccessError(self.env._("Only a back-office approver decides %(case)s.", case=case.display_name))
        self._check_decidable()
        today = fields.Date.context_today(self)
        self._transition(
            {"state": "approved", "decided_on": today, "decided_by_id": self.env.uid, "deadline_state": "done"},
            self.env._("Approved."),
            notify=True,
        )
        return True

    def _check_refusal(self, what):
        if not self._is_approver():
            raise AccessError(
                self.env._("A window has no veto (窗口无否决权): only a back-office approver may decide %(what)s.", what=what)
            )
        for case in self:
            if not (case.decision_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reasons of %(what)s on %(case)s first: they are printed on the notice.",
                        what=what,
                        case=case.display_name,
                    )
                )

    def action_refuse(self):
        """不予许可: an approver, with written reasons."""
        self._check_state(("review",), self.env._("refusal"))
        self._check_refusal(self.env._("a refusal (不予许可)"))
        self._transition(
            {
                "state": "refused",
                "decided_on": fields.Date.context_today(self),
                "decided_by_id": self.env.uid,
                "deadline_state": "done",
            },
            self.env._("Refused."),
            notify=True,
        )
        self._issue_notice("refusal")
        return True

    def action_not_accept(self):
        """不予受理: an approver, with written reasons; the applicant receives the notice."""
        self._check_state(("consultation",), self.env._("not accepting"))
        self._check_refusal(self.env._("not accepting an application (不予受理)"))
        self._transition({"state": "not_accepted", "decided_by_id": self.env.uid}, self.env._("Not accepted."), notify=True)
        self._issue_notice("not_accepted")
        return True

    def action_escalate(self):
        """上报件: sent up; the case waits for the answer."""
        self._check_state(("review", "accepted"), self.env._("escalation"))
        for case in self:
            if not case.escalation_level:
                raise UserError(self.env._("Choose the level %(case)s is sent up to.", case=case.display_name))
        self._transition(
            {"escalated_on": fields.Date.context_today(self), "kind": "escalated"}, self.env._("Sent up to the higher level.")
        )
        return True

    def action_record_answer(self):
        for case in self:
            if not case.escalated_on:
                raise UserError(self.env._("%(case)s was not sent up.", case=case.display_name))
            if not (case.escalation_answer or "").strip():
                raise UserError(self.env._("Write the answer of the higher level on %(case)s first.", case=case.display_name))
        self._transition(
            {"escalation_answer_on": fields.Date.context_today(self)}, self.env._("The answer of the higher level returned.")
        )
        return True

    def action_result_ready(self):
        """出证: the result gets its number; the applicant is told it is ready."""
        self._check_state(("approved",), self.env._("issuing the result"))
        today = fields.Date.context_today(self)
        sequence = self.env["ir.sequence"].sudo()
        for case in self:
            # The series number and a random check part: numbers cannot be walked through on the
            # public verification page.
            number = f"{sequence.next_by_code('gov.case.result', sequence_date=today)}-{self._new_access_code()[:4]}"
            case._transition(
                {
                    "state": "result_ready",
                    "result_number": number,
                    "result_issued_on": today,
                    "result_name": case.result_name or case.item_id.name,
                },
                self.env._("Result %(number)s is ready.", number=number),
                notify=True,
            )
            if case.site_id != case.centre_id and case.leg_ids:
                case._open_leg("centre_station", "result")
        return True

    def action_deliver(self):
        """Picked up with signature, sent by post with tracking number, or delivered electronically."""
        self._check_state(("result_ready", "refused", "not_accepted"), self.env._("delivery"))
        for case in self:
            if case.delivery_method == "pickup" and not case.delivery_signature and case.state == "result_ready":
                raise UserError(
                    self.env._(
                        "Take the applicant's signature for %(case)s before handing over the result.",
                        case=case.display_name,
                    )
                )
            if case.delivery_method == "post" and not (case.tracking_number or "").strip():
                raise UserError(self.env._("Enter the postal tracking number of %(case)s.", case=case.display_name))
        self._transition(
            {"state": "delivered", "delivered_at": fields.Datetime.now()}, self.env._("Result delivered."), notify=True
        )
        return True

    def action_close(self):
        self._check_state(("delivered", "approved", "not_accepted", "refused"), self.env._("closing"))
        for case in self:
            if case.kind == "joint" and case.open_task_count:
                raise UserError(
                    self.env._(
                        "%(case)s still has open sub-tasks: a joint case closes when all are done.",
                        case=case.display_name,
                    )
                )
            if case.leg_ids.filtered(lambda leg: not leg.received_at):
                raise UserError(self.env._("A relay leg of %(case)s is not received yet.", case=case.display_name))
        self._transition({"state": "closed", "closed_at": fields.Datetime.now()}, self.env._("Case closed."), notify=True)
        self._gov_unlocked().activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_revoke_result(self):
        """The district revokes an issued result; the verification page says so."""
        if not self.env.user.has_group("gov_center.group_gov_admin"):
            raise AccessError(self.env._("Only the district administrator revokes an issued result."))
        for case in self:
            if not case.result_number:
                raise UserError(self.env._("%(case)s has no issued result.", case=case.display_name))
            if not (case.decision_reason or "").strip():
                raise UserError(
                    self.env._("Write why the result of %(case)s is revoked in the written reasons.", case=case.display_name)
                )
            case._transition(
                {"result_revoked": True, "result_revoke_reason": case.decision_reason},
                self.env._("Result %(number)s revoked.", number=case.result_number),
                notify=True,
            )
        return True

    def action_resume(self):
        for case in self:
            case.pause_ids.filtered(lambda p: not p.date_end).action_resume()
        return True

    def action_reveal_id_number(self):
        """The full resident ID for staff who need it; every read is logged."""
        self.ensure_one()
        self.check_access("read")
        if (
            not self.env.user.has_group("gov_center.group_gov_agent")
            and not self.env.user.has_group("gov_center.group_gov_clerk")
            and not self._is_approver()
        ):
            raise AccessError(self.env._("Only the service staff of the case read the full resident ID."))
        number = self.sudo().id_number
        if not number:
            raise UserError(self.env._("%(case)s has no resident ID number.", case=self.display_name))
        self.env["gov.case.id.read"].sudo().create({"case_id": self.id, "user_id": self.env.uid})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "warning", "sticky": False, "title": self.env._("Resident ID (read logged)"), "message": number},
        }

    def action_one_time_notice(self):
        """Open a one-time notice (一次性告知书) listing every missing material of the case."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.case.notice",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id, "default_kind": "one_time"},
        }

    def _issue_notice(self, kind, reason=None):
        Notice = self.env["gov.case.notice"]
        for case in self:
            Notice.create({"case_id": case.id, "kind": kind, "reason": reason or case.decision_reason})

    # ================================================================ relay legs
    def _open_first_leg(self):
        self._open_leg("station_centre", "materials")

    def _open_leg(self, leg_type, payload):
        self.ensure_one()
        self.env["gov.case.leg"].sudo()._gov_unlocked().create(
            {"case_id": self.id, "leg_type": leg_type, "payload": payload, "handed_by_id": self.env.uid}
        )

    # ================================================================ deadlines (batch)
    def _refresh_deadline_state(self, today=None):
        """Set the deadline colour of ``self`` (working days left against today)."""
        today = today or fields.Date.context_today(self)
        calendar = self.env["gov.holiday"]._work_calendar([today], YELLOW_DAYS + 1)
        yellow_before = calendar.add(today, YELLOW_DAYS + 1)
        groups = {}
        for case in self:
            groups.setdefault(case._deadline_state_for(today, yellow_before), []).append(case.id)
        for state, ids in groups.items():
            self.browse(ids).sudo()._gov_unlocked().write({"deadline_state": state})

    def _deadline_state_for(self, today, yellow_before):
        if self.state not in OPEN_STATES:
            return "done" if self.state in DECIDED_STATES else "none"
        if self.is_paused:
            return "paused"
        if self.promised_deadline < today:
            return "red"
        if self.promised_deadline < yellow_before:
            return "yellow"
        return "normal"

    @api.model
    def _remind(self, due_soon, overdue):
        """Activities of the night, created in one batch without "assigned to you" e-mails: one per case
        for whoever holds it (the reviewer in review, else the responsible), and for each centre with
        cases that just became overdue, one summary per centre manager on the centre. None with
        ``mail_activity_automation_skip`` in the context (as Odoo's automated activities)."""
        if self.env.context.get("mail_activity_automation_skip"):
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        deadline = fields.Date.context_today(self)
        case_model = self.env["ir.model"]._get_id(self._name)
        vals = []
        for case in (due_soon | overdue).sudo():
            user = case.assignee_user_id if case.state == "review" and case.assignee_user_id else case.user_id
            if not user.active:
                continue
            summary = (
                self.env._("Case %(case)s is overdue (due %(date)s)", case=case.number, date=case.promised_deadline)
                if case in overdue
                else self.env._("Case %(case)s is due on %(date)s", case=case.number, date=case.promised_deadline)
            )
            vals.append(
                {
                    "res_model_id": case_model,
                    "res_id": case.id,
                    "activity_type_id": todo.id,
                    "summary": summary,
                    "user_id": user.id,
                    "date_deadline": deadline,
                }
            )
        manager_group = self.env.ref("gov_center.group_gov_manager")
        site_model = self.env["ir.model"]._get_id("gov.site")
        for centre, cases in overdue.sudo().grouped("centre_id").items():
            managers = centre.user_ids.filtered(lambda u: u.active and manager_group in u.all_group_ids)
            for manager in managers:
                vals.append(
                    {
                        "res_model_id": site_model,
                        "res_id": centre.id,
                        "activity_type_id": todo.id,
                        "user_id": manager.id,
                        "date_deadline": deadline,
                        "summary": self.env._(
                            "%(count)s cases of %(centre)s became overdue", count=len(cases), centre=centre.name
                        ),
                        "note": ", ".join(cases.mapped("number")),
                    }
                )
        if vals:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals)

    @api.model
    def _cron_deadlines(self, today=None):
        """Nightly: recompute the deadlines that move (open pauses), recolour every running case in one
        UPDATE, raise activities for the cases that just turned yellow or red, flag late
        relay legs. Returns {state: number of cases that changed to it}."""
        today = today or fields.Date.context_today(self)
        paused = self.with_context(gov_deadline_today=today).search(
            [("state", "in", OPEN_STATES), ("is_paused", "=", True)]
        )
        if paused:
            paused._mark_deadlines_to_compute()
            paused.flush_model()  # computed as of ``today`` (an open pause counts up to it)
        self.env.flush_all()
        calendar = self.env["gov.holiday"]._work_calendar([today], YELLOW_DAYS + 1)
        yellow_before = calendar.add(today, YELLOW_DAYS + 1)
        # One UPDATE over every running case, measured in bench/bench_case_intake.py (the ORM would
        # load 100,000 records to write four values); a case without a deadline keeps its colour.
        colour = SQL(
            "CASE WHEN is_paused THEN 'paused' WHEN promised_deadline IS NULL THEN deadline_state "
            "WHEN promised_deadline < %s THEN 'red' WHEN promised_deadline < %s THEN 'yellow' ELSE 'normal' END",
            today,
            yellow_before,
        )
        rows = self.env.execute_query(
            SQL(
                "UPDATE gov_case SET deadline_state = %s WHERE state IN %s AND deadline_state IS DISTINCT FROM %s "
                "RETURNING id, deadline_state",
                colour,
                OPEN_STATES,
                colour,
            )
        )
        changed = {state: [] for state in ("paused", "red", "yellow", "normal")}
        for case_id, state in rows:
            changed[state].append(case_id)
        self.invalidate_model(["deadline_state"])
        self._remind(self.browse(changed["yellow"]), self.browse(changed["red"]))
        self.env["gov.case.leg"]._flag_late_legs(today)
        return {state: len(ids) for state, ids in changed.items()}

    def _mark_deadlines_to_compute(self):
        """Recompute the stored deadlines of ``self`` in one batch at the next flush (one calendar
        load, one UPDATE per value), as the ORM does when a dependency changes."""
        for name in ("paused_days", "promised_deadline", "legal_deadline", "deadline_provisional"):
            self.env.add_to_compute(self._fields[name], self)

    @api.model
    def _recompute_for_calendar(self, years):
        """After the working calendar changed in ``years``: every open deadline that touches them
        (and every provisional one) is recomputed, and the district administrator no longer has
        to be told about a year now entered."""
        if not years:
            return
        cases = self.sudo().search(
            [
                ("state", "in", OPEN_STATES),
                "|",
                ("deadline_provisional", "=", True),
                ("promised_deadline", ">=", f"{min(years)}-01-01"),
            ]
        )
        cases = cases.filtered(
            lambda c: (
                c.deadline_provisional
                or {c.accepted_on.year, c.promised_deadline.year} & years
                or c.accepted_on.year <= min(years) <= c.promised_deadline.year
            )
        )
        if cases:
            cases._mark_deadlines_to_compute()
            self.env.flush_all()
            cases._refresh_deadline_state()
        self._warn_missing_years()

    @api.model
    def _warn_missing_years(self, provisional=None):
        """Tell the district administrators (one activity per year) to enter the State Council notice
        of each year a provisional deadline reaches into: of the deadlines of ``provisional`` (the cases
        just accepted), or of every running provisional deadline."""
        if provisional is None:
            provisional = self.sudo().search([("deadline_provisional", "=", True), ("state", "in", OPEN_STATES)])
        provisional = provisional.sudo()
        if not provisional:
            return
        calendar = self.env["gov.holiday"]._work_calendar([fields.Date.context_today(self)])
        years = set()
        for case in provisional:
            years |= calendar.missing_years(
                case.accepted_on, max(case.promised_deadline, case.legal_deadline or case.promised_deadline)
            )
        if not years:
            return
        Activity = self.env["mail.activity"].sudo()
        summaries = {}
        for year in years:  # (not a comprehension: _() finds the language in this frame)
            summaries[year] = self.env._("Enter the %(year)s holiday arrangement (State Council notice)", year=year)
        told = set(
            Activity.search([("res_model", "=", self._name), ("summary", "in", list(summaries.values()))]).mapped(
                "summary"
            )
        )
        years = sorted(year for year in years if summaries[year] not in told)
        if not years:
            return
        admins = (
            self.env.ref("gov_center.group_gov_admin")
            .sudo()
            .all_user_ids.filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)
        )
        for year in years:
            summary = summaries[year]
            # On the first case it concerns, so that the activity opens on a deadline it changes.
            anchor = (
                provisional.filtered(lambda c, y=year: y in calendar.missing_years(c.accepted_on, c.promised_deadline))[
                    :1
                ]
                or provisional[:1]
            )
            for user in admins:
                anchor.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=summary,
                    user_id=user.id,
                    note=self.env._(
                        "Some case deadlines reach into %(year)s and are provisional (weekends only). Entering "
                        "the year's holidays and make-up working days in the working calendar recomputes them.",
                        year=year,
                    ),
                )

    # ================================================================ results and documents
    @api.model
    def _verify_public(self, number):
        """What the public verification page shows for ``number``: None for anything not issued."""
        number = (number or "").strip()
        if not number or len(number) > 40:
            return None
        case = (
            self.sudo()
            .with_context(active_test=False)
            .search([("result_number", "=", number), ("result_issued_on", "!=", False)], limit=1)
        )
        if not case:
            return None
        return {
            "number": case.result_number,
            "name": case.result_name or case.item_id.name,
            # An enterprise's name is public (its licence is); a person's is masked.
            "holder": case.applicant_name if case.applicant_type == "enterprise" else mask_name(case.applicant_name),
            "issued_on": case.result_issued_on,
            "issuer": case.centre_id.name,
            "revoked": case.result_revoked,
        }

    def _verify_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/gov/verify/{self.result_number}"

    def _follow_url(self, relative=False):
        self.ensure_one()
        path = f"/my/cases/{self.id}?access_token={self.sudo()._gov_unlocked()._portal_ensure_token()}"
        return path if relative else f"{self.get_base_url()}{path}"

    @api.model
    def _track_public(self, number, code):
        """The case whose number and access code (printed on the receipt) are both given, else an empty
        recordset; the code is compared in constant time."""
        number, code = (number or "").strip().upper(), (code or "").strip().upper()
        if not number or not code or len(number) > 40 or len(code) > 16 or not code.isascii():
            return self.browse()
        case = self.sudo().with_context(active_test=False).search([("number", "=", number)], limit=1)
        if case and case.access_code and consteq(case.access_code, code):
            return case
        return self.browse()

    @api.model
    def _qr_data_uri(self, text):
        return qr_data_uri(text)

    def _get_report_base_filename(self):
        self.ensure_one()
        return f"{self.number}"

    # ------------------------------------------------------------------ demo

    # Demo cases: a few hundred cases across the demo sites, in every state, so that every screen
    # has something to show. Called from demo/gov_case_demo.xml; deterministic (seeded).

    @api.model
    def _demo_id_number(self, rng):
        region = rng.choice(["150207", "150202", "150203", "150204", "150205", "150206"])
        birth = datetime(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 65))
        body = f"{region}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
        return body + ric.calc_check_digit(body + "0")

    @api.model
    def _demo_generate(self, count=300, seed=2026):
        """Create ``count`` demo cases as the system (once: nothing is done when demo cases exist)."""
        if self.search_count([]):
            return 0
        rng = random.Random(seed)
        env = self.env(
            context=dict(
                self.env.context,
                mail_create_nolog=True,
                tracking_disable=True,
                mail_notify_force_send=False,
                mail_auto_subscribe_no_notify=True,
            )
        )
        Case = env["gov.case"].sudo()
        lines = (
            env["gov.item.site"]
            .sudo()
            .search([("item_id.state", "=", "published"), ("active", "=", True), ("item_id.material_ids", "!=", False)])
        )
        if not lines:
            return 0
        citizen = env.ref("gov_center.user_gov_citizen", raise_if_not_found=False)
        today = fields.Date.context_today(self)
        created = Case
        states, weights = zip(*TARGETS, strict=True)
        for index in range(count):
            line = rng.choice(lines)
            station = not line.site_id.is_centre
            target = rng.choices(states, weights)[0]
            vals = {
                "item_id": line.item_id.id,
                "site_id": line.site_id.id,
                "applicant_name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _i in range(rng.choice((1, 2)))),
                "id_number_input": self._demo_id_number(rng),
                "applicant_phone": f"13{rng.randint(100000000, 999999999)}",
                "channel": "agent"
                if station
                else rng.choices(["window", "portal", "phone", "post", "outreach"], [70, 15, 5, 5, 5])[0],
                "green_reason": rng.choice(GREEN) if rng.random() < 0.1 else False,
            }
            if vals["channel"] == "outreach":
                vals["outreach_event_id"] = Case._demo_outreach_event(line.site_id).id
            if station and line.site_id.agent_ids:
                vals["agent_id"] = line.site_id.agent_ids[0].id
            if citizen and index % 25 == 0:
                vals["partner_id"] = citizen.partner_id.id
            # The site's own window clerk took it (首问负责), as they would at the counter.
            clerk = line.site_id.user_ids.filtered(lambda u: u.has_group("gov_center.group_gov_clerk"))[:1]
            if not clerk and line.site_id.parent_id:
                clerk = line.site_id.parent_id.user_ids.filtered(lambda u: u.has_group("gov_center.group_gov_clerk"))[
                    :1
                ]
            if clerk:
                vals["user_id"] = clerk.id
            case = Case.create(vals)
            if clerk:
                case._gov_unlocked().write({"first_contact_id": clerk.id})
            created |= case
            case._demo_advance(target, rng, today)
        created._refresh_deadline_state(today)
        return len(created)

    def _demo_advance(self, target, rng, today):
        """Take the case to ``target`` with the application's own actions, then move its dates
        back in time so that the screens show a spread over the last three months."""
        self.ensure_one()
        if target == "consultation":
            if rng.random() < 0.5 and self.material_ids:
                self.material_ids[:1].write({"received": True})
            return
        if target == "not_accepted":
            self.decision_reason = "申请事项不属于本机关职权范围，请向旗县级主管部门申请。"
            self.action_not_accept()
            return
        self.material_ids.filtered("required").write({"received": True, "received_count": 1})
        self.action_accept()
        if self.kind == "immediate" and target in ("accepted", "review"):
            target = "approved"  # an on-the-spot case is decided the day it is taken
        if target in ("accepted", "review"):  # in progress: mostly within the time limit, some overdue
            days_ago = rng.randint(0, max(2, int(self.promised_days * 1.5)))
        else:
            days_ago = rng.randint(10, 85)
        accepted_on = today - timedelta(days=days_ago)
        self._gov_unlocked().write(
            {"accepted_on": accepted_on, "accepted_at": datetime.combine(accepted_on, time(2, rng.randint(0, 59)))}
        )
        if target == "accepted":
            if rng.random() < 0.25 and self.kind != "immediate":
                self.env["gov.case.pause"].create(
                    {
                        "case_id": self.id,
                        "kind": "materials",
                        "reason": "申请材料需补正：签字不全",
                        "date_start": min(today, accepted_on + timedelta(days=2)),
                    }
                )
            return
        self.action_send_review() if self.kind != "immediate" else None
        if target == "review":
            return
        decided_on = min(today, self.promised_deadline + timedelta(days=rng.choice((-3, -2, -1, 0, 0, 2))))
        if target == "refused":
            self.decision_reason = "经审查，申请人不符合该事项规定的条件。"
            self.action_refuse() if self.state == "review" else None
        else:
            self.action_approve()
        self._gov_unlocked().write({"decided_on": max(decided_on, accepted_on)})
        if target in ("approved", "refused"):
            return
        self.action_result_ready()
        if target == "result_ready":
            return
        self.write({"delivery_method": "post", "tracking_number": f"EMS{rng.randint(10**9, 10**10 - 1)}"})
        self.leg_ids.filtered(lambda leg: not leg.received_at).write({"received_by_name": self.applicant_name})
        for _round in range(3):
            self.leg_ids.filtered(lambda leg: not leg.received_at).action_receive()
        self.action_deliver()
        if target == "closed":
            self.action_close()

    # ------------------------------------------------------------------ documents

    # Printed documents of a case: when each may be printed, and what the templates print.
    #
    # The receipt (受理回执), the notices (告知书、通知书、决定书) and the result certificate are
    # government documents handed over the counter. As in gov_items and gov_center, their wording is
    # fixed Chinese written in the templates (report/gov_case_templates.xml); the selection values they
    # print are named here in Chinese too, whatever the language of the user who prints them.
    # Identity on every document: the applicant's name and the masked resident ID (never the full one)
    # or, for an enterprise, its unified social credit code.

    # ------------------------------------------------------------------ what may be printed
    def _check_printable_receipt(self):
        """A receipt says the application was accepted: never for an inquiry or a case not accepted."""
        for case in self:
            if case.state in ("consultation", "not_accepted") or not case.accepted_on:
                raise UserError(
                    self.env._(
                        "%(case)s was not accepted: the receipt (受理回执) is printed only for an accepted case.",
                        case=case.display_name,
                    )
                )

    def _check_printable_result(self):
        for case in self:
            if not case.result_number:
                raise UserError(
                    self.env._(
                        "%(case)s has no issued result yet: the result certificate is printed once the result is ready "
                        "and numbered.",
                        case=case.display_name,
                    )
                )

    # ------------------------------------------------------------------ values of the documents
    @api.model
    def _report_date(self, value):
        """2026年3月5日, as dates are written on official documents."""
        return f"{value.year}年{value.month}月{value.day}日" if value else ""

    def _report_identity(self):
        """(label, value) of the applicant's identification: masked resident ID, or the enterprise's code."""
        self.ensure_one()
        if self.applicant_type == "enterprise":
            return "统一社会信用代码", self.applicant_uscc or ""
        return "公民身份号码", self.id_number_masked or ""

    def _report_phone(self):
        """138****5678: the contact phone, masked like the ID (the receipt may be lost)."""
        self.ensure_one()
        phone = (self.applicant_phone or "").strip()
        if len(phone) < 7:
            return phone
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]

    def _report_kind(self):
        self.ensure_one()
        return CASE_KIND_LABELS.get(self.kind, "")

    def _report_time_limit(self):
        self.ensure_one()
        return "当场办结（即办件）" if not self.promised_days else f"{self.promised_days}个工作日"

    def _report_received_materials(self):
        """The materials taken at the window: received and not sent back as faulty."""
        self.ensure_one()
        return self.material_ids.filtered(lambda m: m.received and not m.faulty)

    @api.model
    def _report_form(self, form):
        return MATERIAL_FORM_LABELS.get(form, "")

    def _report_window(self):
        self.ensure_one()
        window = self.window_id.sudo()
        if not window:
            return ""
        return f"{window.code}号窗口（{window.name}）" if window.code else window.name

    def _report_consult_phone(self):
        self.ensure_one()
        return self.item_line_id.sudo().phone or self.centre_id.sudo().phone or ""

    def _report_delivery(self):
        self.ensure_one()
        return DELIVERY_LABELS.get(self.delivery_method, "")

    # ------------------------------------------------------------------ portal

    def _label(self, record, field):
        return dict(record._fields[field]._description_selection(self.env)).get(record[field], "")

    def _portal_list_values(self):
        """The rows of /my/cases: a few fields per case, in a constant number of queries."""
        states = dict(self._fields["state"]._description_selection(self.env))
        rows = []
        for case in self:
            rows.append(
                {
                    "id": case.id,
                    "url": f"/my/cases/{case.id}/edit" if case.state == "draft" else f"/my/cases/{case.id}",
                    "number": case.number or self.env._("Draft"),
                    "item": case.item_id.sudo().name,
                    "site": case.site_id.sudo().name,
                    "state": case.state,
                    "state_label": states.get(case.state, ""),
                    "accepted_on": case.accepted_on,
                    "promised_deadline": case.promised_deadline,
                    "overdue": case.deadline_state == "red",
                    "returned": case.state == "draft" and bool(case.returned_count),
                }
            )
        return rows

    def _portal_timeline(self):
        """The milestones of the case, oldest first: (date, label, detail)."""
        self.ensure_one()
        _ = self.env._
        events = []
        if self.submitted_at:
            events.append((self.submitted_at, self.env._("Submitted online"), ""))
        if self.accepted_at:
            events.append((self.accepted_at, self.env._("Accepted"), self.site_id.sudo().name))
        for notice in self.notice_ids.filtered(lambda n: n.kind == "one_time"):
            events.append((notice.date, self.env._("One-time notice: materials to complete"), notice.content or ""))
        for pause in self.pause_ids:
            events.append((pause.date_start, self.env._("Paused: %(kind)s", kind=self._label(pause, "kind")), pause.reason))
            if pause.date_end:
                events.append((pause.date_end, self.env._("Resumed"), ""))
        if self.escalated_on:
            events.append((self.escalated_on, self.env._("Sent to the higher level"), ""))
        if self.decided_on:
            label = {
                "refused": self.env._("Decided: refused"),
                "not_accepted": self.env._("Not accepted"),
            }.get(self.state, self.env._("Decided: approved"))
            events.append(
                (self.decided_on, label, self.decision_reason if self.state in ("refused", "not_accepted") else "")
            )
        if self.result_issued_on:
            events.append((self.result_issued_on, self.env._("Result ready"), self.result_name or ""))
        if self.delivered_at:
            events.append((self.delivered_at, self.env._("Delivered"), self._label(self, "delivery_method")))
        if self.closed_at:
            events.append((self.closed_at, self.env._("Closed"), ""))
        timeline = [
            {"date": china_date(when), "label": label, "detail": detail or ""} for when, label, detail in events
        ]
        return sorted(timeline, key=lambda event: event["date"])

    def _portal_values(self):
        """What the applicant sees of the case (portal page, token link): an explicit allowlist, read
        on the record the portal controller checked (the applicant's own, or sudo behind its token)."""
        self.ensure_one()
        return {
            "id": self.id,
            "url": f"/my/cases/{self.id}",
            "number": self.number or self.env._("Draft"),
            # Names of the catalogue item and the sites (public information), read behind this allowlist.
            "item": self.item_id.sudo().name,
            "site": self.site_id.sudo().name,
            "centre": self.centre_id.sudo().name,
            "applicant": self.applicant_name,
            "id_number": self.id_number_masked or "",
            "state": self.state,
            "state_label": self._label(self, "state"),
            "kind_label": self._label(self, "kind"),
            "accepted_on": self.accepted_on,
            "promised_deadline": self.promised_deadline,
            "provisional": self.deadline_provisional,
            "paused": self.is_paused,
            "overdue": self.deadline_state == "red",
            "result_name": self.result_name if self.result_number else "",
            "result_number": self.result_number or "",
            "result_revoked": self.result_revoked,
            "delivery_label": self._label(self, "delivery_method")
            if self.state in ("result_ready", "delivered", "closed")
            else "",
            "tracking_number": self.tracking_number or "",
            "missing": self.material_ids.filtered(lambda m: m.required and m.is_missing).mapped("name")
            if self.state == "consultation"
            else [],
            "pauses": [
                {"kind": self._label(pause, "kind"), "start": pause.date_start, "end": pause.date_end}
                for pause in self.pause_ids
            ],
            "legs": [
                {
                    "leg": self._label(leg, "leg_type"),
                    "payload": self._label(leg, "payload"),
                    "from": leg.from_label,
                    "to": leg.to_label,
                    "handed_at": leg.handed_at,
                    "received_at": leg.received_at,
                }
                for leg in self.leg_ids.sorted("sequence")
            ],
            "notices": [
                {
                    "kind": notice._kind_label(),
                    "name": notice.name,
                    "date": notice.date,
                    "content": notice.content or "",
                }
                for notice in self.notice_ids
            ],
            "timeline": self._portal_timeline(),
            "is_draft": self.state == "draft",
            "returned": bool(self.returned_count),
            "edit_url": f"/my/cases/{self.id}/edit" if self.state == "draft" else "",
            "result_downloadable": bool(self.state in RESULT_STATES and self.result_number and not self.result_revoked),
            **self._portal_rating_values(),
        }

    def _portal_rating_values(self):
        """The rating buttons (one per occasion open for rating) and the case's evaluations (level,
        occasion, date), read as the application behind this allowlist."""
        self.ensure_one()
        case = self.sudo()
        Evaluation = self.env["gov.evaluation"]
        occasions = dict(Evaluation._fields["occasion"]._description_selection(self.env))
        levels = dict(Evaluation._fields["level"]._description_selection(self.env))
        rating = []
        for occasion in case._rating_open_occasions():
            # The rating page with the case's token; without a token yet (never printed nor shared),
            # the owner's route makes one (this page is read-only).
            base = case._rating_path() if case.access_token else f"/my/cases/{case.id}/rate"
            sep = "&" if "?" in base else "?"
            rating.append(
                {
                    "occasion": occasion,
                    "label": occasions.get(occasion, ""),
                    "url": f"{base}{sep}occasion={occasion}&channel=portal",
                }
            )
        evaluations = [
            {
                "occasion": occasions.get(evaluation.occasion, ""),
                "level": evaluation.level,
                "level_label": levels.get(evaluation.level, ""),
                "date": evaluation.rated_on,
            }
            for evaluation in case.evaluation_ids.sorted(lambda e: (e.rated_at, e.id))
        ]
        return {"rating": rating, "evaluations": evaluations}

    # ------------------------------------------------------------------ the application form
    def _portal_form_values(self, sites, partner):
        """The first values of the online application form: the case's own when it is edited (the
        resident ID masked: it is typed again to change it), else the citizen's account's."""
        if self:
            self.ensure_one()
            return {
                "site_id": self.site_id.id,
                "applicant_type": self.applicant_type,
                "applicant_name": self.applicant_name,
                "id_number_input": self.id_number_masked or "",
                "applicant_uscc": self.applicant_uscc or "",
                "applicant_phone": self.applicant_phone,
                "applicant_address": self.applicant_address or "",
                "delivery_method": self.delivery_method or "pickup",
            }
        return {
            "site_id": sites[:1].id,
            "applicant_type": "person",
            "applicant_name": partner.name or "",
            "id_number_input": "",
            "applicant_uscc": "",
            "applicant_phone": partner.phone or "",
            "applicant_address": partner.contact_address.replace("\n", " ").strip() if partner.street else "",
            "delivery_method": "pickup",
        }

    def _portal_form_materials(self, item):
        """The materials the form asks for, one upload field each: the case's checklist when it is
        edited (with its files and what the clerk found faulty), else the item's materials."""
        forms = dict(self.env["gov.case.material"]._fields["form"]._description_selection(self.env))
        if self:
            self.ensure_one()
            # The checklist lines are staff records: the applicant reads these fields of their own case.
            return [
                {
                    "key": f"material_{line.id}",
                    "name": line.name,
                    "required": line.required,
                    "form": forms.get(line.form, ""),
                    "files": [{"id": att.id, "name": att.name} for att in line.attachment_ids],
                    "fault": line.fault_note if line.faulty else "",
                }
                for line in self.sudo().material_ids
            ]
        return [
            {
                "key": f"item_material_{material.id}",
                "name": material.name,
                "required": material.requirement == "required",
                "form": forms.get(material.form, ""),
                "files": [],
                "fault": "",
            }
            for material in item.material_ids
        ]

    # ------------------------------------------------------------------ online

    # Applying online (网上申请, the plan's task 3.8): a citizen's case starts as a draft of their own.
    #
    # The citizen creates and edits the draft on the portal as themselves: the portal group may create
    # and write cases, a record rule limits both to their own drafts, and the fields they may set are
    # the applicant's and the choice of item and centre (``PORTAL_FIELDS``), as Odoo's project lets a
    # portal user write only some fields of a shared task. Everything else (number, window, responsible,
    # state) is set by the application's actions:
    #
    # draft ──submit──> consultation (the centre's comprehensive window pre-checks it: 网上预审)
    #   │                   │ return for completion, once (一次性告知: every missing material listed)
    #   │ <─────────────────┘
    #   └──withdraw──> withdrawn (kept, never deleted)
    #
    # Only items handled online (form "online" and an online depth of Level II or more) can be applied
    # for, at a centre that implements the item. Scans are uploaded per material of the checklist: PDF,
    # JPEG or PNG (read from the content, not the file name) up to a size set by the district.

    returned_count = fields.Integer(
        readonly=True,
        copy=False,
        string="Returned for Completion",
        help="An online application comes back to the citizen once, with every missing material listed.",
    )

    submitted_at = fields.Datetime(readonly=True, copy=False, string="Submitted Online")

    # ================================================================ who is asking
    def _gov_portal_caller(self):
        """True for a citizen (portal user) acting as themselves."""
        return not self.env.su and self.env.user._is_portal()

    @api.model
    def _online_item_domain(self):
        return [("state", "=", "published"), ("form_online", "=", True), ("online_depth", "in", ONLINE_DEPTHS)]

    @api.model
    def _online_sites(self, item):
        """The centres that take ``item`` online: published centres implementing it (sudo records)."""
        lines = self.env["gov.item.site"].sudo().search([("item_id", "=", item.id), ("active", "=", True)])
        return lines.site_id.filtered(lambda site: site.is_centre and site.is_public and site.active)

    # ================================================================ ORM
    def _check_portal_fields(self, vals):
        if not self._gov_portal_caller() or self._gov_is_unlocked():
            return
        refused = sorted(set(vals) - PORTAL_FIELDS)
        if refused:
            labels = "、".join(
                self._fields[name]._description_string(self.env) for name in refused if name in self._fields
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of an online application are set by the service centre, not by the applicant.",
                    fields=labels or "、".join(refused),
                )
            )

    def _online_create_checks(self, vals_list):
        """Before anything is written: a citizen creates nothing but an application for an item a
        centre takes online (refused as access, like any other case they may not create). Returns
        ``self`` without the caller's ``default_*`` context keys: defaults come from the centre's forms
        only, and a citizen's default_green_reason or default_window_id must not set what their values
        may not."""
        Item, Site = self.env["gov.item"], self.env["gov.site"]
        for vals in vals_list:
            self._check_portal_fields(vals)
            problem = self._online_problem(Item.browse(vals.get("item_id")), Site.browse(vals.get("site_id")))
            if problem:
                raise AccessError(problem)
        context = {key: value for key, value in self.env.context.items() if not key.startswith("default_")}
        return self.with_env(self.env(context=context))

    def _online_after_write(self, vals):
        """A draft's item or centre changed by its applicant: still one the centre takes online; the
        application's own values (the item's kind and checklist) follow the item chosen."""
        drafts = self.filtered(lambda case: case.state == "draft")
        if "item_id" in vals and drafts:
            drafts._check_online_item()
            drafts.sudo()._gov_unlocked().write({"kind": drafts.item_id[:1].case_kind})
            drafts._reset_online_checklist()
        elif "site_id" in vals and drafts:
            drafts._check_online_item()

    def _reset_online_checklist(self):
        """The checklist of the draft's item, scans of another item's materials dropped (sudo: the
        catalogue's values, on drafts the caller was allowed to create or write)."""
        Material = self.env["gov.case.material"].sudo()
        for case in self:
            stale = case.sudo().material_ids.filtered(lambda line, c=case: line.item_material_id.item_id != c.item_id)
            stale.attachment_ids.unlink()
            stale._gov_unlocked().unlink()
            if not case.sudo().material_ids:
                Material.create([dict(vals, case_id=case.id) for vals in self._material_values(case.item_id)])

    # ================================================================ checks
    @api.model
    def _online_problem(self, item, site):
        """Why ``item`` cannot be applied for online at ``site`` (a text), or None."""
        item, site = item.sudo().exists(), site.sudo().exists()
        if not item or not item.filtered_domain(self._online_item_domain()):
            return self.env._(
                "“%(item)s” cannot be applied for online: apply at a service centre's window, or choose an item "
                "marked 网上办.",
                item=item.name or "",
            )
        if not site or site not in self._online_sites(item):
            return self.env._(
                "%(site)s does not take “%(item)s” online: choose one of the centres listed for the item.",
                site=site.name or "",
                item=item.name,
            )
        return None

    def _check_online_item(self):
        for case in self:
            problem = self._online_problem(case.item_id, case.site_id)
            if problem:
                raise ValidationError(problem)

    def _online_problems(self):
        """What still keeps the draft from being submitted, every point at once (a list of texts)."""
        self.ensure_one()
        problems = []
        if not (self.applicant_name or "").strip():
            problems.append(self.env._("Enter the applicant's name."))
        if not PHONE_RE.match(re.sub(r"\s", "", self.applicant_phone or "")):
            problems.append(self.env._("Enter a mobile number of 11 digits or a landline with its area code."))
        if self.applicant_type == "person" and not self.id_number_masked:
            problems.append(self.env._("Enter the applicant's 18-digit resident ID number."))
        for material in self.sudo().material_ids.filtered("required"):
            if not material.attachment_ids:
                problems.append(self.env._("Upload “%(material)s”.", material=material.name))
        return problems

    # ================================================================ the citizen's actions
    def _check_own_draft(self, action):
        for case in self:
            case.check_access("write")  # the citizen's own draft (record rule), or the staff's case
            if case.state != "draft":
                raise UserError(
                    self.env._(
                        "%(case)s is no longer a draft: %(action)s is not possible now.",
                        case=case.display_name,
                        action=action,
                    )
                )

    def action_submit(self):
        """Submit the draft: numbered at its centre, sent to the comprehensive window for pre-check."""
        self._check_own_draft(self.env._("submitting"))
        self._check_online_item()
        for case in self:
            problems = case._online_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "The application cannot be submitted yet:\n%(problems)s",
                        problems="\n".join(f"• {p}" for p in problems),
                    )
                )
        for case in self:
            # The application's values, on a draft the caller owns (checked above).
            system = case.sudo()._gov_unlocked()
            vals = {"state": "consultation", "submitted_at": fields.Datetime.now()}
            if not case.number:
                intake = [{"site_id": case.site_id.id, "item_id": case.item_id.id}]
                self._add_intake_values(intake)
                vals.update(number=intake[0]["number"], access_code=intake[0]["access_code"])
            window = self._precheck_window(case.centre_id)
            vals["window_id"] = window.id or False
            owner = window._get_on_duty_employee().sudo().user_id if window else self.env["res.users"]
            vals["user_id"] = owner.id or False
            system.write(vals)
            case.message_post(
                body=self.env._("Submitted online by %(user)s.", user=self.env.user.name), subtype_xmlid="mail.mt_comment"
            )
            returned = case.returned_count
            system._schedule(
                owner or case._managers(),
                self.env._("Pre-check the completed online application %(case)s", case=case.number)
                if returned
                else self.env._("Pre-check the online application %(case)s", case=case.number),
            )
        return True

    @api.model
    def _precheck_window(self, centre):
        """The centre's comprehensive window that pre-checks online applications (the first open one)."""
        return (
            self.env["gov.window"]
            .sudo()
            .search(
                [("site_id", "=", centre.id), ("window_type", "=", "comprehensive"), ("is_open", "=", True)],
                order="sequence, id",
                limit=1,
            )
        )

    def action_withdraw(self):
        """The citizen withdraws a draft (kept as withdrawn; a case is never deleted)."""
        self._check_own_draft(self.env._("withdrawing"))
        for case in self:
            case.sudo()._gov_unlocked().write({"state": "withdrawn"})
            case.message_post(body=self.env._("Withdrawn by %(user)s.", user=self.env.user.name), subtype_xmlid="mail.mt_note")
        return True

    def _portal_attach(self, material, filename, content):
        """Attach an uploaded scan to ``material`` of the citizen's draft ``self``.

        The citizen's rights are checked on the draft (write, as themselves); the file is checked
        for its type (read from its content) and size; then the attachment is created by the
        system, as Odoo's portal does for a document the visitor may write, with values set here
        (name, content, the material it belongs to), never with fields the caller chose."""
        self.ensure_one()
        self._check_own_draft(self.env._("uploading"))
        material = material.sudo()
        if material.case_id != self:
            raise AccessError(self.env._("This material is not on the checklist of %(case)s.", case=self.display_name))
        if len(material.attachment_ids) >= UPLOAD_MAX_FILES:
            raise UserError(
                self.env._(
                    "“%(material)s” already has %(count)s files: remove one before adding another.",
                    material=material.name,
                    count=UPLOAD_MAX_FILES,
                )
            )
        mimetype = guess_mimetype(content or b"")
        if mimetype not in UPLOAD_TYPES:
            raise UserError(
                self.env._(
                    "“%(file)s” for “%(material)s” is not a PDF, JPG or PNG file: scan or photograph the material "
                    "and upload it in one of these formats.",
                    file=filename,
                    material=material.name,
                )
            )
        limit = self._upload_limit_mb()
        if len(content) > limit * 1024 * 1024:
            raise UserError(
                self.env._(
                    "“%(file)s” is larger than %(limit)s MB: reduce the scan's resolution or split it into pages.",
                    file=filename,
                    limit=limit,
                )
            )
        name = re.sub(r"[\\/\x00-\x1f]", "_", (filename or "").strip())[:120] or material.name
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": "gov.case.material",
                    "res_id": material.id,
                }
            )
        )
        material._gov_unlocked().write({"attachment_ids": [fields.Command.link(attachment.id)]})
        return attachment

    def _portal_detach(self, attachment):
        """Remove a scan the citizen uploaded to their own draft."""
        self.ensure_one()
        self._check_own_draft(self.env._("removing a file"))
        attachment = attachment.sudo()
        materials = self.sudo().material_ids
        if attachment.res_model != "gov.case.material" or attachment.res_id not in materials.ids:
            raise AccessError(self.env._("This file is not on %(case)s.", case=self.display_name))
        attachment.unlink()

    @api.model
    def _upload_limit_mb(self):
        try:
            limit = int(self.env["ir.config_parameter"].sudo().get_param(UPLOAD_MAX_PARAM, UPLOAD_MAX_DEFAULT))
        except (TypeError, ValueError):
            limit = UPLOAD_MAX_DEFAULT
        return limit if limit > 0 else UPLOAD_MAX_DEFAULT

    # ================================================================ the window's action
    def action_return_for_completion(self):
        """Pre-check: send an incomplete online application back once, with a one-time notice that
        lists every missing or faulty material (一次性告知)."""
        self._check_state(("consultation",), self.env._("returning for completion"))
        if self._gov_portal_caller():
            raise AccessError(self.env._("Only the service centre returns an application for completion."))
        for case in self:
            if case.channel != "portal" or not case.submitted_at:
                raise UserError(
                    self.env._(
                        "%(case)s was not applied for online: give the applicant a one-time notice instead.",
                        case=case.number,
                    )
                )
            if case.returned_count:
                raise UserError(
                    self.env._(
                        "%(case)s was already returned once with every missing material listed (一次性告知): accept it "
                        "or do not accept it with written reasons.",
                        case=case.number,
                    )
                )
            if not case.missing_count:
                raise UserError(
                    self.env._(
                        "No material of %(case)s is marked missing or faulty: mark what must be completed on the "
                        "checklist first.",
                        case=case.number,
                    )
                )
        self.env["gov.case.notice"].create([{"case_id": case.id, "kind": "one_time"} for case in self])
        for case in self:
            case._transition(
                {"state": "draft", "returned_count": case.returned_count + 1},
                self.env._("Returned to the applicant for completion."),
                notify=True,
            )
        return True

    # ------------------------------------------------------------------ queue

    # A case taken from a queue ticket.

    ticket_id = fields.Many2one(
        "gov.queue.ticket",
        string="Queue Ticket",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        tracking=True,
        domain="[('site_id', 'in', (site_id, centre_id)), ('state', 'in', ('called', 'serving'))]",
        help="The queue number the citizen held when the case was started at the window.",
    )

    @api.constrains("ticket_id", "site_id")
    def _check_ticket_site(self):
        for case in self.filtered("ticket_id"):
            ticket_site = case.ticket_id.sudo().site_id
            if ticket_site not in (case.site_id | case.site_id.parent_id):
                raise UserError(
                    self.env._("Queue ticket %(number)s was issued at another site.", number=case.ticket_id.sudo().number)
                )

    def _queue_ticket_linked(self):
        """A queue ticket linked to a case moves on (served): the caller must work that queue."""
        tickets = self.ticket_id
        if tickets:
            tickets.check_access("write")
            tickets._on_case_created()

    # ------------------------------------------------------------------ evaluation

    # The evaluations of a case: which occasions are open for rating, and the rating link of its receipt.

    evaluation_ids = fields.One2many("gov.evaluation", "case_id", string="Evaluations", readonly=True)

    evaluation_count = fields.Integer(compute="_compute_evaluation_count")

    @api.depends("evaluation_ids")
    def _compute_evaluation_count(self):
        counts = dict(self.env["gov.evaluation"]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"]))
        for case in self:
            case.evaluation_count = counts.get(case, 0)

    def _rating_open_occasions(self):
        """The occasions of this case the citizen may rate now (not rated yet), in order."""
        self.ensure_one()
        case = self.sudo()
        rated = set(case.evaluation_ids.mapped("occasion"))
        open_occasions = []
        if case.state in ACCEPTANCE_STATES and "acceptance" not in rated:
            open_occasions.append("acceptance")
        if case.state in RESULT_STATES and "result" not in rated:
            open_occasions.append("result")
        return open_occasions

    def _check_rating_occasion(self, occasion):
        self.ensure_one()
        labels = dict(OCCASIONS)
        if occasion not in ("acceptance", "result"):
            raise UserError(self.env._("A case is rated for its acceptance or its result."))
        if occasion in self.sudo().evaluation_ids.mapped("occasion"):
            raise UserError(
                self.env._(
                    "%(case)s has already been rated for its %(occasion)s: each service is rated once.",
                    case=self.number or "",
                    occasion=self.env._(labels[occasion]),
                )
            )
        states = ACCEPTANCE_STATES if occasion == "acceptance" else RESULT_STATES
        if self.state not in states:
            raise UserError(
                self.env._(
                    "%(case)s cannot be rated for its %(occasion)s yet: rate it once that step is done.",
                    case=self.number or "",
                    occasion=self.env._(labels[occasion]),
                )
            )

    def _rating_path(self):
        """The rating page of the case, with its token (the receipt's second QR code, the SMS link)."""
        self.ensure_one()
        token = self.sudo()._gov_unlocked()._portal_ensure_token()
        return f"/gov/rate/{self.id}/{token}"

    def _rating_url(self):
        return f"{self.get_base_url()}{self._rating_path()}"

    @api.model
    def _rating_case_from_token(self, case_id, token):
        """The case ``case_id`` if ``token`` is its own, else an empty recordset (constant-time)."""
        if not token or not isinstance(token, str) or len(token) > 64:
            return self.browse()
        case = self.sudo().browse(int(case_id)).exists()
        if case and case.access_token and consteq(case.access_token, token):
            return case
        return self.browse()

    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_evaluation")
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "create": False}
        return action
