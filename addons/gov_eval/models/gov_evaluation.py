"""An evaluation (好差评): a citizen's rating of one service occasion.

The national rules (国办发〔2019〕51号, GB/T 39734 / 39735-2020) and the code table of GB/T 39046:
five levels, 1 非常满意 … 5 非常不满意; 4 and 5 are bad reviews, which need a reason and open a
rectification (``gov.rectification``). A case is rated once per occasion (its acceptance, its
result); a walk-in consultation without a case is rated anonymously at its site and window. Whom
the rating is about is derived from the case (the window clerk for the acceptance, the department's
reviewer for the result; the person on duty at the window for a consultation), never typed.

An evaluation is the citizen's word: nobody changes or deletes it. A district's appeal decision
(``gov.evaluation.appeal``) may take a mistaken or malicious review out of the figures
(``in_kpi``); the review itself stays.
"""

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_date
from odoo.exceptions import AccessError, UserError, ValidationError

LEVELS = [
    ("1", "Very Satisfied"),
    ("2", "Satisfied"),
    ("3", "Basically Satisfied"),
    ("4", "Dissatisfied"),
    ("5", "Very Dissatisfied"),
]
BAD_LEVELS = ("4", "5")
OCCASIONS = [
    ("acceptance", "Acceptance"),
    ("result", "Result"),
    ("consultation", "Walk-in Consultation"),
]
CHANNELS = [
    ("device", "Window Evaluation Device"),
    ("qr", "QR Code"),
    ("portal", "Online Portal"),
    ("sms", "SMS Link"),
    ("phone", "Phone Follow-up"),
    ("box", "Suggestion Box"),
]
# Channels where the citizen rates by themselves (a public page or the portal); staff enter the others.
CITIZEN_CHANNELS = ("device", "qr", "portal", "sms")
STAFF_CHANNELS = ("phone", "box")
# What staff may set when they enter a rating received by phone or from the box; the rest is derived.
STAFF_FIELDS = frozenset(
    {
        "case_id",
        "occasion",
        "channel",
        "entry_channel",
        "level",
        "reason_ids",
        "comment",
        "rated_at",
        "window_id",
        "site_id",
        "citizen_phone",
        "score_efficiency",
        "score_competence",
        "score_attitude",
        "score_guide",
        "score_convenience",
        "score_operability",
    }
)
# Dimensions of the national specification besides the overall level: in the hall, online.
HALL_DIMENSIONS = ("score_efficiency", "score_competence", "score_attitude")
ONLINE_DIMENSIONS = ("score_efficiency", "score_guide", "score_convenience", "score_operability")
COMMENT_MAX = 500


class GovEvaluation(models.Model):
    _name = "gov.evaluation"
    _description = "Evaluation (好差评)"
    _inherit = ["gov.guard.mixin", "gov.centre.mixin", "mail.thread"]
    _order = "rated_at desc, id desc"
    # The counted ratings of a period by site and verdict, read from the index alone: the public
    # satisfaction of every site (feeds, site pages, /gov/evaluations) and the KPIs group them so.
    # On the city (bench/pages): a year's 448,000 ratings grouped in 113 ms instead of 295.
    _kpi_period_idx = models.Index("(rated_on, site_id, is_bad) WHERE in_kpi IS TRUE")

    case_id = fields.Many2one("gov.case", readonly=True, index="btree_not_null", ondelete="restrict")
    occasion = fields.Selection(OCCASIONS, required=True, readonly=True)
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    level = fields.Selection(
        LEVELS, string="Overall Satisfaction", required=True, readonly=True, help="整体满意度 (GB/T 39046: 1–5)."
    )
    level_code = fields.Char(compute="_compute_level_code")
    is_bad = fields.Boolean(
        compute="_compute_is_bad", store=True, precompute=True, index=True, string="Bad Review", readonly=True
    )
    is_online = fields.Boolean(
        readonly=True, string="Online Service", help="Rated on the online dimensions (the case was applied online)."
    )
    score_efficiency = fields.Selection(LEVELS, string="Efficiency", readonly=True, help="服务效率 / 办事效率.")
    score_competence = fields.Selection(LEVELS, string="Service Level", readonly=True, help="服务水平.")
    score_attitude = fields.Selection(LEVELS, string="Attitude", readonly=True, help="服务态度.")
    score_guide = fields.Selection(LEVELS, string="Guide Accuracy", readonly=True, help="办事指南精确度.")
    score_convenience = fields.Selection(LEVELS, string="Convenience", readonly=True, help="办事便捷度.")
    score_operability = fields.Selection(LEVELS, string="Platform Usability", readonly=True, help="平台操作性.")
    reason_ids = fields.Many2many("gov.evaluation.reason", string="Reasons", readonly=True)
    comment = fields.Text(readonly=True)
    rated_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    rated_on = fields.Date(compute="_compute_rated_on", store=True, precompute=True, index=True)
    entered_by_id = fields.Many2one(
        "res.users", readonly=True, help="The staff member who entered a phone or box rating."
    )

    # Where and about whom: from the case, frozen when rated.
    site_id = fields.Many2one("gov.site", required=True, readonly=True, index=True, ondelete="restrict")
    window_id = fields.Many2one("gov.window", readonly=True, index="btree_not_null")
    employee_id = fields.Many2one(
        "hr.employee",
        string="Evaluated Person",
        readonly=True,
        index="btree_not_null",
        help="Derived from the case: the window clerk for the acceptance, the reviewer for the result.",
    )
    department_id = fields.Many2one("gov.item.department", readonly=True)
    item_id = fields.Many2one("gov.item", readonly=True, index="btree_not_null")
    partner_id = fields.Many2one("res.partner", string="Citizen", readonly=True)
    citizen_phone = fields.Char(readonly=True, groups="gov_center.group_gov_clerk,gov_center.group_gov_approver")
    is_real_name = fields.Boolean(
        compute="_compute_real_name", store=True, string="Real Name", help="The citizen can be called back."
    )

    appeal_ids = fields.One2many("gov.evaluation.appeal", "evaluation_id", string="Appeals")
    appeal_state = fields.Selection(
        [
            ("none", "No Appeal"),
            ("submitted", "Appeal Pending"),
            ("upheld", "Appeal Upheld"),
            ("rejected", "Appeal Rejected"),
        ],
        compute="_compute_appeal",
        store=True,
        string="Appeal",
        readonly=True,
    )
    in_kpi = fields.Boolean(
        compute="_compute_appeal",
        store=True,
        index=True,
        string="Counted",
        readonly=True,
        help="Counted in the satisfaction figures; an upheld appeal takes a review out, never deletes it.",
    )
    rectification_ids = fields.One2many("gov.rectification", "evaluation_id")
    entry_channel = fields.Selection(
        [(key, label) for key, label in CHANNELS if key in STAFF_CHANNELS],
        string="Received Through",
        store=False,
        help="How the rating entered by staff was received: a phone follow-up or the suggestion box.",
    )

    _case_occasion_unique = models.UniqueIndex(
        "(case_id, occasion) WHERE case_id IS NOT NULL",
        "This case has already been rated for this occasion: each service is rated once.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("level")
    def _compute_level_code(self):
        for evaluation in self:
            evaluation.level_code = evaluation.level or ""

    @api.depends("level")
    def _compute_is_bad(self):
        for evaluation in self:
            evaluation.is_bad = evaluation.level in BAD_LEVELS

    @api.depends("rated_at")
    def _compute_rated_on(self):
        for evaluation in self:
            evaluation.rated_on = china_date(evaluation.rated_at) if evaluation.rated_at else False

    @api.depends("partner_id", "citizen_phone")
    def _compute_real_name(self):
        for evaluation in self.sudo():
            evaluation.is_real_name = bool(evaluation.partner_id or evaluation.citizen_phone)

    @api.depends("appeal_ids.state")
    def _compute_appeal(self):
        for evaluation in self:
            states = evaluation.appeal_ids.mapped("state")
            state = "none"
            for candidate in ("upheld", "submitted", "rejected"):
                if candidate in states:
                    state = candidate
                    break
            evaluation.appeal_state = state
            evaluation.in_kpi = state != "upheld"

    @api.depends("case_id", "occasion", "level", "rated_on")
    def _compute_display_name(self):
        occasions = dict(self._fields["occasion"]._description_selection(self.env))
        levels = dict(self._fields["level"]._description_selection(self.env))
        for evaluation in self:
            subject = evaluation.case_id.number or evaluation.window_id.display_name or evaluation.site_id.name or ""
            evaluation.display_name = (
                f"{subject} {occasions.get(evaluation.occasion, '')} · {levels.get(evaluation.level, '')}".strip()
            )

    # ------------------------------------------------------------------ checks
    @api.constrains("level", "reason_ids", "comment")
    def _check_reasons(self):
        for evaluation in self:
            evaluation._check_reason_values(evaluation.level, evaluation.reason_ids, evaluation.comment)

    @api.model
    def _check_reason_values(self, level, reasons, comment):
        """Checked before a rating is created (nothing half-made) and by the constraint."""
        if level in BAD_LEVELS and not reasons:
            raise ValidationError(
                self.env._(
                    "A rating of “Dissatisfied” or “Very Dissatisfied” needs at least one reason: choose what went wrong."
                )
            )
        if level not in BAD_LEVELS and reasons:
            raise ValidationError(self.env._("Reasons are given for bad reviews only: remove them or choose a lower rating."))
        if reasons.filtered("needs_comment") and not (comment or "").strip():
            raise ValidationError(
                self.env._(
                    "Say in the comment what went wrong for “%(reason)s”.",
                    reason=reasons.filtered("needs_comment")[0].name,
                )
            )
        if len(comment or "") > COMMENT_MAX:
            raise ValidationError(self.env._("The comment is too long: keep it within %(max)s characters.", max=COMMENT_MAX))

    @api.constrains("case_id", "occasion")
    def _check_occasion(self):
        for evaluation in self:
            if evaluation.occasion == "consultation" and evaluation.case_id:
                raise ValidationError(self.env._("A case is rated for its acceptance or its result, not as a consultation."))
            if evaluation.occasion != "consultation" and not evaluation.case_id:
                raise ValidationError(self.env._("Rating an acceptance or a result needs its case."))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        citizen = self._gov_is_unlocked() or self.env.su
        for vals in vals_list:
            if vals.get("entry_channel"):
                vals["channel"] = vals.pop("entry_channel")
            vals.pop("entry_channel", None)
            extra = set(vals) - STAFF_FIELDS
            if not citizen and extra:
                raise AccessError(
                    self.env._(
                        "%(fields)s of an evaluation are derived by the application, not entered.",
                        fields="、".join(
                            self._fields[name]._description_string(self.env)
                            for name in sorted(extra)
                            if name in self._fields
                        )
                        or ", ".join(sorted(extra)),
                    )
                )
            if not citizen and vals.get("channel") not in STAFF_CHANNELS:
                raise AccessError(
                    self.env._(
                        "Staff enter ratings received by phone follow-up or from the suggestion box only; citizens rate by themselves."
                    )
                )
            if not citizen:
                vals["entered_by_id"] = self.env.uid
            self._derive_subject(vals)
        evaluations = super(GovEvaluation, self._gov_unlocked()).create(vals_list)
        evaluations.filtered("is_bad")._open_rectifications()
        return evaluations.with_env(self.env)

    @api.model
    def _derive_subject(self, vals):
        """Where the rated service happened and whom it is about, from the case (never typed)."""
        case = self.env["gov.case"].sudo().browse(vals.get("case_id") or [])
        if case:
            occasion = vals.get("occasion")
            case._check_rating_occasion(occasion)
            vals["site_id"] = case.site_id.id
            vals["window_id"] = case.window_id.id
            vals["item_id"] = case.item_id.id
            vals["department_id"] = case.department_id.id
            vals["partner_id"] = case.partner_id.id
            vals["citizen_phone"] = case.applicant_phone
            vals["is_online"] = case.channel == "portal"
            if occasion == "result":
                vals["employee_id"] = case.assignee_id.id or case.decided_by_id.employee_ids[:1].id
            else:
                vals["employee_id"] = case.user_id.employee_ids[:1].id
        else:
            window = self.env["gov.window"].sudo().browse(vals.get("window_id") or [])
            if window:
                vals["site_id"] = window.site_id.id
                vals["employee_id"] = window._get_on_duty_employee(vals.get("rated_at")).id
            else:
                vals["employee_id"] = False
            vals.update(partner_id=False, item_id=False, department_id=False, is_online=False)
        for name in ONLINE_DIMENSIONS + HALL_DIMENSIONS:
            allowed = ONLINE_DIMENSIONS if vals.get("is_online") else HALL_DIMENSIONS
            if name not in allowed:
                vals.pop(name, None)

    def write(self, vals):
        if not (self.env.su or self._gov_is_unlocked()):
            self.check_access("write")
            changed = {name for name in vals if not name.startswith(("message_", "activity_"))}
            if changed:
                raise UserError(
                    self.env._("An evaluation is the citizen's word: it is never changed. Appeal it if it is mistaken.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(self.env._("Evaluations are never deleted; an upheld appeal takes a review out of the figures."))

    # ------------------------------------------------------------------ actions
    def action_appeal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appeal of a Review"),
            "res_model": "gov.evaluation.appeal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_evaluation_id": self.id},
        }

    def action_view_rectification(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Rectification"),
            "res_model": "gov.rectification",
            "view_mode": "form",
            "res_id": self.rectification_ids[:1].id,
        }

    # ------------------------------------------------------------------ the loop
    def _open_rectifications(self):
        """Every bad review opens its rectification (谁办理谁负责), as the application."""
        Rectification = self.env["gov.rectification"].sudo()
        for evaluation in self.sudo():
            if not evaluation.rectification_ids:
                Rectification._open_for(evaluation)

    # ------------------------------------------------------------------ citizens' ratings
    @api.model
    def _citizen_values(self, values, is_online):
        """The values a citizen may send, read from ``values`` (a form or JSON): the level, the
        dimensions of their kind of service, reasons among the active ones, a comment. Anything else
        is ignored; a missing or unknown level is refused with what to do."""
        level = str(values.get("level") or "")
        if level not in dict(LEVELS):
            raise UserError(self.env._("Choose how satisfied you are, from “Very Satisfied” to “Very Dissatisfied”."))
        result = {"level": level}
        for name in ONLINE_DIMENSIONS if is_online else HALL_DIMENSIONS:
            score = str(values.get(name) or "")
            if score in dict(LEVELS):
                result[name] = score
        raw = values.get("reason_ids") or []
        if isinstance(raw, str):
            raw = raw.split(",")
        ids = []
        for value in raw if isinstance(raw, (list, tuple)) else [raw]:
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        if level in BAD_LEVELS and ids:
            scope = ("all", "online" if is_online else "hall")
            reasons = self.env["gov.evaluation.reason"].sudo().search([("id", "in", ids), ("scope", "in", scope)])
            result["reason_ids"] = [fields.Command.set(reasons.ids)]
        comment = (values.get("comment") or "").strip() if isinstance(values.get("comment"), str) else ""
        if comment:
            result["comment"] = comment[:COMMENT_MAX]
        return result

    @api.model
    def _rate_case(self, case, occasion, channel, values):
        """A citizen rates ``case`` (already authorised by the caller: its token, or its owner on the
        portal) for ``occasion`` through ``channel``: created as the application from the allowlisted
        values only."""
        if channel not in CITIZEN_CHANNELS:
            raise AccessError(self.env._("This channel is not one citizens rate through."))
        case = case.sudo()
        case._check_rating_occasion(occasion)
        vals = self._citizen_values(values, case.channel == "portal")
        vals.update(case_id=case.id, occasion=occasion, channel=channel)
        self._check_citizen_reasons(vals)
        evaluation = self._gov_as_application().create([vals])
        case._gov_unlocked().message_post(
            body=self.env._(
                "Rated by the citizen (%(occasion)s): %(level)s.",
                occasion=dict(self._fields["occasion"]._description_selection(self.env))[occasion],
                level=dict(self._fields["level"]._description_selection(self.env))[vals["level"]],
            ),
            subtype_xmlid="mail.mt_note",
        )
        return evaluation.with_env(self.env)

    @api.model
    def _rate_window(self, window, values):
        """The window's evaluation device: rates the case being served there (its acceptance, when
        not rated yet), else an anonymous walk-in consultation at the window."""
        window = window.sudo()
        case = window._case_being_served()
        if case and "acceptance" in case._rating_open_occasions():
            return self._rate_case(case, "acceptance", "device", values)
        vals = self._citizen_values(values, False)
        vals.update(window_id=window.id, occasion="consultation", channel="device")
        self._check_citizen_reasons(vals)
        return self._gov_as_application().create([vals]).with_env(self.env)

    @api.model
    def _check_citizen_reasons(self, vals):
        reason_ids = vals["reason_ids"][0][2] if vals.get("reason_ids") else []
        reasons = self.env["gov.evaluation.reason"].sudo().browse(reason_ids)
        self._check_reason_values(vals["level"], reasons, vals.get("comment"))
