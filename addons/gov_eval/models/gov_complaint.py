"""Complaints, suggestions and the 办不成事 window (plan 四.七: evaluation devices, QR codes, the
complaint phone and the suggestion box, "及时回访处理").

A complaint (投诉), a suggestion (建议) or a report of something a citizen could not get done
(办不成事反映) is about a subject: a site (required), and possibly a window, a person and an item.
It reaches the managers of the subject's centre (a station's complaint goes to the centre above
it): they are followers and get an activity when it is registered. The answer is due within
working days of the receipt (``gov_eval.complaint_days``, 5; ``gov_eval.unresolved_days``, 3 for
办不成事), counted on the working calendar (``gov.holiday``); the nightly job flags what is
overdue and escalates it to the district administrators.

received → assigned (in progress) → answered → closed, or rejected (invalid, with the reason).
An answer is followed by the callback (回访): the citizen's satisfaction with it; a dissatisfied
citizen reopens the handling. A 办不成事 report names the leader who took it over (领导包案), the
departments coordinated, how it ended and whether it exposed a gap (catalogue, rule, system,
staff): the gaps make the list of problems to fix. Closed records are locked; a closed record's
anonymised result may be published (/gov/complaints/results). Nothing is ever deleted.
"""

import re

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_date, china_today
from odoo.exceptions import AccessError, UserError, ValidationError

from .config import int_param
from .gov_case_line import checked_for_create

KINDS = [
    ("complaint", "Complaint"),
    ("suggestion", "Suggestion"),
    ("unresolved", "Could Not Get It Done"),
]
CHANNELS = [
    ("hotline", "12345 Hotline"),
    ("phone", "Complaint Phone"),
    ("box", "Suggestion Box"),
    ("qr", "QR Code in the Hall"),
    ("portal", "Online Portal"),
    ("window", "In Person"),
    ("letter", "Letter"),
]
STATES = [
    ("received", "Registered"),
    ("assigned", "In Progress"),
    ("answered", "Answered"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]
OPEN_STATES = ("received", "assigned")
SATISFACTION = [
    ("satisfied", "Satisfied"),
    ("dissatisfied", "Dissatisfied"),
    ("unreachable", "Unreachable"),
]
RESOLUTIONS = [
    ("solved", "Solved"),
    ("partly", "Partly Solved"),
    ("not_solvable", "Not Solvable"),
    ("referred", "Referred"),
]
# 核查结论 of a complaint: a substantiated (or partly) complaint about a person counts in their appraisal.
VERDICTS = [
    ("substantiated", "Substantiated"),
    ("partly", "Partly Substantiated"),
    ("unfounded", "Unfounded"),
]
UPHELD_VERDICTS = ("substantiated", "partly")
GAP_KINDS = [
    ("none", "No Gap"),
    ("catalogue", "Catalogue Gap"),
    ("rule", "Rule or Policy Gap"),
    ("system", "System"),
    ("staff", "Staff Service"),
]
GAP_STATES = [("to_fix", "To Fix"), ("fixed", "Fixed")]
# Sequence codes (data/gov_complaint_data.xml): TS-2026-00001, JY-2026-00001, BCS-2026-00001.
SEQUENCE_CODES = {kind: f"gov.complaint.{kind}" for kind, _label in KINDS}
# System parameters (gov.settings, "Complaints"), with their defaults: working days to answer.
COMPLAINT_DAYS_PARAM, COMPLAINT_DAYS_DEFAULT = "gov_eval.complaint_days", 5
UNRESOLVED_DAYS_PARAM, UNRESOLVED_DAYS_DEFAULT = "gov_eval.unresolved_days", 3
# The hall's QR form: at most this many records from one address and site in 10 minutes.
FEEDBACK_LIMIT_PARAM, FEEDBACK_LIMIT_DEFAULT = "gov_eval.feedback_rate_limit", 5
# What a citizen sends from the portal or the hall's QR form; everything else is the application's.
PUBLIC_FIELDS = ("kind", "window_id", "item_id", "description", "citizen_name", "citizen_phone", "is_anonymous")
PORTAL_FIELDS = ("kind", "site_id", "window_id", "item_id", "description", "citizen_phone")
MAX_DESCRIPTION = 2000
# Fixed once the complaint is handled: what was received, when and how.
RECEIPT_FIELDS = frozenset({"kind", "channel", "received_at", "site_id", "partner_id"})
# Something that reads as a mobile or landline number (13800000000, 0472-5551234).
_PHONE_RE = re.compile(r"(?:1[3-9]\d{9})|(?:0\d{2,3}-?\d{7,8})")


class GovComplaint(models.Model):
    _name = "gov.complaint"
    _description = "Complaint or Suggestion"
    _inherit = ["gov.guard.mixin", "gov.centre.mixin", "portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "received_at desc, id desc"
    _rec_name = "number"
    _gov_locked_states = ("closed", "rejected")
    _gov_locked_writable = frozenset({"note", "public_result", "access_token"})

    number = fields.Char(string="Complaint No.", readonly=True, copy=False)  # indexed by its UNIQUE
    kind = fields.Selection(KINDS, required=True, default="complaint", tracking=True, index=True)
    channel = fields.Selection(CHANNELS, string="Channel of Receipt", required=True, default="hotline", tracking=True)
    received_at = fields.Datetime(string="Time of Receipt", required=True, default=fields.Datetime.now, index=True)
    received_on = fields.Date(
        compute="_compute_received_on", store=True, precompute=True, index=True
    )
    state = fields.Selection(
        STATES, string="Status", default="received", required=True, readonly=True, tracking=True, index=True, copy=False
    )
    active = fields.Boolean(default=True)

    # ---------------------------------------------------------------- who
    citizen_name = fields.Char(string="Citizen", help="Leave empty when the citizen stays anonymous.")
    citizen_phone = fields.Char(string="Phone", help="For the callback (回访); optional.")
    is_anonymous = fields.Boolean(
        string="Anonymous", help="The citizen gave no name: the record is handled all the same."
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Portal Contact",
        index="btree_not_null",
        ondelete="restrict",
        help="The citizen's portal account: they follow the complaint and read the answer online.",
    )

    # ---------------------------------------------------------------- subject
    site_id = fields.Many2one(
        "gov.site",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user.gov_site_ids[:1],
        help="The site the complaint is about.",
    )
    window_id = fields.Many2one(
        "gov.window",
        index=True,
        tracking=True,
        domain="[('site_id', 'in', [site_id, centre_id])]",
    )
    employee_id = fields.Many2one("hr.employee", string="Staff Member", index=True, tracking=True)
    item_id = fields.Many2one("gov.item", string="Service Item", index=True, tracking=True)
    description = fields.Text(required=True, help="What the citizen says, as they said it.")

    # ---------------------------------------------------------------- deadline
    deadline_days = fields.Integer(
        compute="_compute_deadline_days",
        store=True,
        precompute=True,
        string="Time Limit (working days)",
    )
    deadline = fields.Date(compute="_compute_deadline", store=True, precompute=True, index=True, string="Answer Due")
    is_overdue = fields.Boolean(string="Overdue", readonly=True, copy=False, index=True)
    escalated_at = fields.Datetime(readonly=True, copy=False)

    # ---------------------------------------------------------------- handling
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        help="Who handles it: by default a manager of the subject's centre.",
    )
    findings = fields.Text(help="调查核实情况: what the investigation found.")
    verdict = fields.Selection(
        VERDICTS,
        tracking=True,
        index="btree_not_null",
        help="核查结论 of a complaint: a substantiated or partly substantiated complaint about a staff member "
        "counts in their appraisal.",
    )
    outcome = fields.Text(help="处理结果: the answer given to the citizen.")
    answered_at = fields.Datetime(readonly=True, copy=False)
    answered_on = fields.Date(readonly=True, copy=False)
    answered_late = fields.Boolean(compute="_compute_answered_late", store=True)
    callback_at = fields.Datetime(readonly=True, copy=False)
    callback_note = fields.Text(help="回访: what the citizen said when called back.")
    satisfaction = fields.Selection(
        SATISFACTION, string="Citizen Satisfied", tracking=True, help="The citizen's view of the answer."
    )
    reject_reason = fields.Text(string="Rejection Reason", tracking=True)
    closed_at = fields.Datetime(readonly=True, copy=False)
    note = fields.Text(string="Internal Note")

    # ---------------------------------------------------------------- publication
    public_result = fields.Text(
        help="The anonymised result published on /gov/complaints/results: no names, no phone numbers.",
    )
    is_published = fields.Boolean(string="Published", readonly=True, copy=False, index=True)
    published_on = fields.Date(readonly=True, copy=False)

    # ---------------------------------------------------------------- 办不成事
    leader_id = fields.Many2one(
        "res.users",
        string="Leader in Charge",
        tracking=True,
        help="领导包案: the named leader who took the matter over.",
    )
    department_ids = fields.Many2many(
        "gov.item.department", string="Departments Coordinated", help="部门协调: the departments brought in."
    )
    coordination_note = fields.Text(string="Coordination Notes")
    resolution = fields.Selection(RESOLUTIONS, tracking=True, help="How the matter ended.")
    resolution_note = fields.Text(
        string="Resolution Explanation", help="Why it could not be solved, or where it was referred."
    )
    gap_kind = fields.Selection(
        GAP_KINDS,
        string="Gap Exposed",
        default="none",
        required=True,
        tracking=True,
        help="Whether the matter exposed a gap in the item catalogue, a rule, a system or the staff's service.",
    )
    gap_note = fields.Text(string="Gap Description", help="What must change so that it does not happen again.")
    has_gap = fields.Boolean(compute="_compute_has_gap", store=True, index=True, string="Has a Gap")
    gap_state = fields.Selection(GAP_STATES, string="Gap Status", readonly=True, copy=False, index=True)
    gap_fixed_on = fields.Date(string="Fixed On", readonly=True, copy=False)

    _number_unique = models.Constraint("UNIQUE(number)", "A complaint number is used once.")

    # ================================================================ computes
    @api.depends("received_at")
    def _compute_received_on(self):
        for record in self:
            record.received_on = china_date(record.received_at) if record.received_at else False

    @api.depends("kind")
    def _compute_deadline_days(self):
        days = self._deadline_params()
        for record in self:
            record.deadline_days = days["unresolved"] if record.kind == "unresolved" else days["complaint"]

    @api.depends("received_on", "deadline_days")
    def _compute_deadline(self):
        running = self.filtered("received_on")
        (self - running).deadline = False
        if not running:
            return
        calendar = self.env["gov.holiday"]._work_calendar(
            running.mapped("received_on"), max(running.mapped("deadline_days"))
        )
        for record in running:
            record.deadline = calendar.add(record.received_on, record.deadline_days)

    @api.depends("answered_on", "deadline")
    def _compute_answered_late(self):
        for record in self:
            record.answered_late = bool(record.answered_on and record.deadline and record.answered_on > record.deadline)

    @api.depends("gap_kind")
    def _compute_has_gap(self):
        for record in self:
            record.has_gap = record.gap_kind not in (False, "none")

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for record in self:
            record.access_url = f"/my/complaints/{record.id}"
        return result

    @api.depends("number", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.display_name = record.number or self.env._("New %(kind)s", kind=kinds.get(record.kind, ""))

    @api.model
    def _deadline_params(self):
        return {
            "complaint": int_param(self.env, COMPLAINT_DAYS_PARAM, COMPLAINT_DAYS_DEFAULT, minimum=1),
            "unresolved": int_param(self.env, UNRESOLVED_DAYS_PARAM, UNRESOLVED_DAYS_DEFAULT, minimum=1),
        }

    # ================================================================ constraints
    @api.constrains("citizen_phone")
    def _check_phone(self):
        for record in self.filtered("citizen_phone"):
            phone = record.citizen_phone.replace(" ", "").replace("-", "")
            if not (phone.isascii() and phone.isdigit() and 7 <= len(phone) <= 15):
                raise ValidationError(
                    self.env._(
                        "“%(phone)s” is not a phone number: enter digits only, e.g. 13800000000.",
                        phone=record.citizen_phone,
                    )
                )

    @api.constrains("window_id", "site_id")
    def _check_window(self):
        for record in self.filtered("window_id"):
            if record.window_id.site_id not in (record.site_id | record.centre_id):
                raise ValidationError(
                    self.env._(
                        "Window %(window)s is not a window of %(site)s: choose one of the site's windows or leave it "
                        "empty.",
                        window=record.window_id.display_name,
                        site=record.site_id.name,
                    )
                )

    # ================================================================ ORM
    @api.model_create_multi
    def create(self, vals_list):
        self = checked_for_create(self, vals_list)  # noqa: PLW0642
        for vals in vals_list:
            if vals.get("is_anonymous"):
                vals["citizen_name"] = False
            # The number goes into the INSERT (the caller's values were checked above).
            received = fields.Datetime.to_datetime(vals.get("received_at")) or fields.Datetime.now()
            vals["number"] = self._next_number(vals.get("kind") or "complaint", china_date(received))
        records = super().create(vals_list)
        records._route_to_managers()
        return records

    def write(self, vals):
        if not self._gov_is_unlocked() and set(vals) & RECEIPT_FIELDS:
            handled = self.filtered(lambda r: r.state != "received")
            if handled:
                raise UserError(
                    self.env._(
                        "%(record)s is being handled: its kind, channel, receipt time, site and citizen are fixed. "
                        "Register a new one if they were wrong.",
                        record=handled[0].display_name,
                    )
                )
        if not self._gov_is_unlocked() and "public_result" in vals and self.filtered("is_published"):
            raise UserError(
                self.env._(
                    "The result of %(record)s is published: withdraw it from publication before changing the text.",
                    record=self.filtered("is_published")[0].display_name,
                )
            )
        result = super().write(vals)
        if "site_id" in vals and not self.env.su:
            self.check_access("write")  # not moved to a site outside the caller's own
        if "site_id" in vals:
            self._route_to_managers()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(
            self.env._("Complaints, suggestions and reports are never deleted: reject an invalid one with its reason instead.")
        )

    @api.model
    def _next_number(self, kind, day):
        code = SEQUENCE_CODES.get(kind, SEQUENCE_CODES["complaint"])
        # TS-2026-00001: the year of the receipt (Beijing date); one running number, no yearly ranges,
        # which two concurrent first records of a year would both create.
        return self.env["ir.sequence"].sudo().with_context(ir_sequence_date=day).next_by_code(code) or "/"

    # ================================================================ routing
    def _managers(self):
        """The active managers of the subject's centre (its 负责人 and the managers working there; the
        district's administrators if it has none)."""
        self.ensure_one()
        group = self.env.ref("gov_center.group_gov_manager")
        centre = self.centre_id.sudo()
        managers = (centre.manager_id | centre.user_ids).filtered(
            lambda u: u.active and not u.share and group in u.all_group_ids
        )
        return managers or self._admins()

    @api.model
    def _admins(self):
        group = self.env.ref("gov_center.group_gov_admin").sudo()
        return group.all_user_ids.filtered(
            lambda u: u.active and not u.share and u.id != self.env.ref("base.user_root").id
        )

    def _schedule(self, users, summary, note="", date=None):
        todo = self.env.ref("mail.mail_activity_data_todo")
        for user in users:
            self.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
                activity_type_id=todo.id, summary=summary, note=note, user_id=user.id, date_deadline=date
            )

    def _route_to_managers(self):
        """The subject's centre managers follow the record and are asked to handle it; the first of
        them is responsible unless someone was named."""
        for record in self.sudo():
            managers = record._managers()
            if not managers:
                continue
            record.message_subscribe(partner_ids=managers.partner_id.ids)
            if not record.user_id:
                record._gov_unlocked().write({"user_id": managers[0].id})
            kinds = dict(record._fields["kind"]._description_selection(record.env))
            record._schedule(
                managers,
                self.env._(
                    "%(kind)s %(number)s about %(site)s",
                    kind=kinds[record.kind],
                    number=record.number,
                    site=record.site_id.name,
                ),
                note=record.description,
                date=record.deadline,
            )
            if record.partner_id:
                record.message_subscribe(partner_ids=record.partner_id.ids)

    # ================================================================ actions
    def _check_handler(self):
        """Handling is the centre managers' (and the district's), on records within their rules."""
        if not self.env.user.has_group("gov_center.group_gov_manager"):
            raise AccessError(self.env._("Only the managers of the centre handle complaints and reports."))
        self.check_access("write")

    def _check_state(self, allowed, action):
        states = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: %(action)s is not possible now.",
                        record=record.display_name,
                        state=states[record.state],
                        action=action,
                    )
                )

    def _transition(self, vals, message, notify=False):
        """Write the application's fields of a step and log it (to the citizen's contact when ``notify``)."""
        self._gov_unlocked().write(vals)
        body = self.env._("%(message)s (by %(user)s)", message=message, user=self.env.user.name)
        for record in self:
            if notify and record.partner_id:
                record.sudo().message_post(
                    body=body, partner_ids=record.partner_id.ids, subtype_xmlid="mail.mt_comment"
                )
            else:
                record.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")

    def _done_activities(self):
        self.sudo().activity_ids.action_feedback(feedback=self.env._("Handled"))

    def action_assign(self):
        """The responsible starts handling it (a 办不成事 report needs its leader in charge first)."""
        self._check_handler()
        self._check_state(("received",), self.env._("starting the handling"))
        for record in self:
            if not record.user_id:
                raise UserError(self.env._("Choose who is Responsible for %(record)s first.", record=record.display_name))
            if record.kind == "unresolved" and not record.leader_id:
                raise UserError(
                    self.env._(
                        "Name the Leader in Charge who takes %(record)s over (领导包案) first.",
                        record=record.display_name,
                    )
                )
        self._transition({"state": "assigned"}, self.env._("Handling started"))
        for record in self:
            if record.user_id != self.env.user:
                record._schedule(
                    record.user_id,
                    self.env._("Handle %(record)s", record=record.display_name),
                    note=record.description,
                    date=record.deadline,
                )
        return True

    def action_answer(self):
        """The answer to the citizen: findings and outcome (and for 办不成事, how it ended)."""
        self._check_handler()
        self._check_state(("assigned",), self.env._("answering"))
        for record in self:
            if not (record.outcome or "").strip():
                raise UserError(
                    self.env._("Write the Outcome given to the citizen on %(record)s first.", record=record.display_name)
                )
            if record.kind == "complaint" and not (record.findings or "").strip():
                raise UserError(
                    self.env._("Write the Findings of the investigation on %(record)s first.", record=record.display_name)
                )
            if record.kind == "complaint" and not record.verdict:
                raise UserError(
                    self.env._(
                        "Choose the Verdict of %(record)s first: substantiated, partly substantiated or unfounded.",
                        record=record.display_name,
                    )
                )
            if record.kind == "unresolved":
                if not record.resolution:
                    raise UserError(self.env._("Choose the Resolution of %(record)s first.", record=record.display_name))
                if record.resolution in ("not_solvable", "referred") and not (record.resolution_note or "").strip():
                    raise UserError(
                        self.env._(
                            "Explain in Resolution Explanation why %(record)s could not be solved or where it was "
                            "referred.",
                            record=record.display_name,
                        )
                    )
        now = fields.Datetime.now()
        self._transition(
            {"state": "answered", "answered_at": now, "answered_on": china_today(), "is_overdue": False},
            self.env._("Answered"),
            notify=True,
        )
        self._done_activities()
        return True

    def _can_call_back(self):
        self.ensure_one()
        return bool(self.citizen_phone or self.partner_id)

    def action_callback(self):
        """回访: the citizen's view of the answer. Dissatisfied: the handling starts again."""
        self._check_handler()
        self._check_state(("answered",), self.env._("recording the callback"))
        for record in self:
            if not record.satisfaction:
                raise UserError(
                    self.env._(
                        "Choose whether the citizen is satisfied with the answer to %(record)s.",
                        record=record.display_name,
                    )
                )
            if not (record.callback_note or "").strip():
                raise UserError(
                    self.env._("Write what the citizen said in Callback Note of %(record)s.", record=record.display_name)
                )
        self._transition({"callback_at": fields.Datetime.now()}, self.env._("Callback recorded"))
        return True

    def action_close(self):
        self._check_handler()
        self._check_state(("answered",), self.env._("closing"))
        for record in self:
            if not record.callback_at and record._can_call_back():
                raise UserError(
                    self.env._(
                        "Call the citizen back about %(record)s and record the callback before closing.",
                        record=record.display_name,
                    )
                )
            if record.satisfaction == "dissatisfied":
                raise UserError(
                    self.env._(
                        "The citizen is not satisfied with the answer to %(record)s: reopen it and handle it again.",
                        record=record.display_name,
                    )
                )
        for record in self:
            vals = {"state": "closed", "closed_at": fields.Datetime.now()}
            if not record._can_call_back() and not record.satisfaction:
                vals["satisfaction"] = "unreachable"
            if record.has_gap and not record.gap_state:
                vals["gap_state"] = "to_fix"
            record._transition(vals, self.env._("Closed"), notify=True)
        return True

    def action_reopen(self):
        """Handle again: after a dissatisfied callback, or (the district) a closed or rejected record."""
        self._check_handler()
        self._check_state(("answered", "closed", "rejected"), self.env._("reopening"))
        self._gov_check_correction_rights(self.env._("Only the district administrators reopen a closed or rejected complaint."))
        self._transition(
            {"state": "assigned", "callback_at": False, "closed_at": False, "is_published": False},
            self.env._("Reopened"),
        )
        return True

    def action_reject(self):
        """Not a complaint of ours or not valid (no content, a duplicate...): rejected with the reason."""
        self._check_handler()
        self._check_state(OPEN_STATES, self.env._("rejecting"))
        for record in self:
            if not (record.reject_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write the Rejection Reason of %(record)s first: the citizen is told.",
                        record=record.display_name,
                    )
                )
        self._transition(
            {"state": "rejected", "closed_at": fields.Datetime.now(), "is_overdue": False},
            self.env._("Rejected"),
            notify=True,
        )
        self._done_activities()
        return True

    def action_publish(self):
        """Publish the anonymised result of a closed record (never a name or a phone number)."""
        self._check_handler()
        self._check_state(("closed",), self.env._("publishing"))
        for record in self:
            text = (record.public_result or "").strip()
            if not text:
                raise UserError(
                    self.env._("Write the Public Result of %(record)s first (anonymised).", record=record.display_name)
                )
            names = [n for n in (record.citizen_name, record.employee_id.name, record.partner_id.name) if n]
            if any(name.strip() and name.strip() in text for name in names) or _PHONE_RE.search(text.replace(" ", "")):
                raise UserError(
                    self.env._(
                        "The Public Result of %(record)s names a person or gives a phone number: remove them, it is "
                        "published anonymised.",
                        record=record.display_name,
                    )
                )
        self._transition({"is_published": True, "published_on": china_today()}, self.env._("Result published"))
        return True

    def action_unpublish(self):
        self._check_handler()
        self._transition({"is_published": False}, self.env._("Result withdrawn from publication"))
        return True

    def action_gap_fixed(self):
        """The gap a 办不成事 report exposed is fixed (the list of problems to fix)."""
        self._check_handler()
        for record in self:
            if not record.has_gap or record.gap_state == "fixed":
                raise UserError(self.env._("%(record)s has no gap left to fix.", record=record.display_name))
            if not (record.gap_note or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the gap of %(record)s and what was changed in Gap Description.",
                        record=record.display_name,
                    )
                )
        self._transition({"gap_state": "fixed", "gap_fixed_on": china_today()}, self.env._("Gap fixed"))
        return True

    # ================================================================ overdue (nightly)
    @api.model
    def _cron_overdue(self, today=None):
        """Flag the open records past their deadline and escalate them to the district
        administrators (one activity each); clear the flag of those no longer open. Returns the
        number of records newly overdue."""
        today = today or china_today()
        late = self.sudo().search([("state", "in", OPEN_STATES), ("deadline", "<", today), ("is_overdue", "=", False)])
        settled = self.sudo().search([("state", "not in", OPEN_STATES), ("is_overdue", "=", True)])
        settled._gov_unlocked().write({"is_overdue": False})
        if not late:
            return 0
        late._gov_unlocked().write({"is_overdue": True, "escalated_at": fields.Datetime.now()})
        admins = self._admins()
        for record in late:
            record._schedule(
                admins,
                self.env._("%(record)s is overdue (due %(date)s)", record=record.display_name, date=record.deadline),
                note=self.env._("%(site)s: %(description)s", site=record.site_id.name, description=record.description),
                date=today,
            )
            record.message_post(
                body=self.env._("Overdue: escalated to the district administrators."),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return len(late)

    # ================================================================ portal and public
    @api.model
    def _clean_citizen_values(self, values, fields_allowed):
        """The citizen's values reduced to ``fields_allowed``, typed and checked."""
        vals = {name: values[name] for name in fields_allowed if name in values and values[name] not in (None, "")}
        kind = vals.get("kind") or "complaint"
        if kind not in dict(KINDS):
            raise ValidationError(
                self.env._("Choose whether this is a complaint, a suggestion or something you could not get done.")
            )
        vals["kind"] = kind
        description = (vals.get("description") or "").strip()
        if not description:
            raise ValidationError(self.env._("Describe what happened or what you suggest."))
        vals["description"] = description[:MAX_DESCRIPTION]
        for name in ("window_id", "item_id", "site_id"):
            if name in vals and not isinstance(vals[name], int):
                vals.pop(name)
        if vals.get("item_id"):
            item = self.env["gov.item"].sudo().browse(vals["item_id"]).exists()
            if not item or item.state != "published":
                vals.pop("item_id")
        name = (vals.get("citizen_name") or "").strip()[:60]
        phone = (vals.get("citizen_phone") or "").replace(" ", "").replace("-", "")[:20]
        vals["citizen_name"] = name or False
        vals["citizen_phone"] = phone or False
        vals["is_anonymous"] = bool(vals.get("is_anonymous")) or not name
        if vals["is_anonymous"]:
            vals["citizen_name"] = False
        return vals

    def _checked_window(self, site, window_id):
        window = self.env["gov.window"].sudo().browse(window_id).exists() if window_id else None
        return window.id if window and window.site_id in (site | site._service_centre()) else False

    @api.model
    def _public_submit(self, site, values):
        """The hall's QR form (no login): an anonymous or named complaint about ``site`` (a public
        site, sudo), from the values of PUBLIC_FIELDS only; created by the system."""
        if not site or not site.is_public or not site.active:
            raise AccessError(self.env._("This site takes no feedback online."))
        vals = self._clean_citizen_values(values, PUBLIC_FIELDS)
        vals["window_id"] = self._checked_window(site, vals.get("window_id"))
        vals.update(site_id=site.id, channel="qr", received_at=fields.Datetime.now())
        return self._gov_as_application().create(vals)

    @api.model
    def _portal_submit(self, values):
        """A signed-in citizen's complaint (/my/complaints/new), from the values of PORTAL_FIELDS only:
        about a public site, the citizen's own (their contact), created by the system."""
        user = self.env.user
        if user._is_public():
            raise AccessError(self.env._("Log in to file a complaint online."))
        vals = self._clean_citizen_values(values, PORTAL_FIELDS)
        site = self.env["gov.site"].sudo().browse(vals.get("site_id") or 0).exists()
        if not site or not site.is_public or not site.active:
            raise ValidationError(self.env._("Choose the service site your complaint or suggestion is about."))
        vals["window_id"] = self._checked_window(site, vals.get("window_id"))
        vals.update(
            channel="portal",
            received_at=fields.Datetime.now(),
            partner_id=user.partner_id.id,
            citizen_name=user.partner_id.name,
            is_anonymous=False,
            citizen_phone=vals.get("citizen_phone") or user.partner_id.phone or False,
        )
        return self._gov_as_application().create(vals).with_env(self.env)

    def _portal_values(self):
        """What the citizen's page shows: an allowlist (no internal note, findings or staff names)."""
        self.ensure_one()
        record = self.sudo()
        states = dict(self._fields["state"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        channels = dict(self._fields["channel"]._description_selection(self.env))
        answered = record.state in ("answered", "closed")
        return {
            "id": record.id,
            "url": f"/my/complaints/{record.id}",
            "number": record.number,
            "kind_label": kinds.get(record.kind, ""),
            "channel_label": channels.get(record.channel, ""),
            "state": record.state,
            "state_label": states.get(record.state, ""),
            "site": record.site_id.name,
            "window": record.window_id.display_name or "",
            "item": record.item_id.name or "",
            "received_on": record.received_on,
            "deadline": record.deadline,
            "description": record.description,
            "outcome": record.outcome if answered else "",
            "answered_on": record.answered_on if answered else False,
            "reject_reason": record.reject_reason if record.state == "rejected" else "",
        }

    @api.model
    def _public_results_domain(self):
        return [("state", "=", "closed"), ("is_published", "=", True)]

    @api.model
    def _public_results(self, offset=0, limit=20):
        """The published results for /gov/complaints/results: site (when public), kind, date and the
        public text only."""
        records = self.sudo().search(
            self._public_results_domain(), order="published_on desc, id desc", offset=offset, limit=limit
        )
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        rows = []
        for record in records:
            site = record.site_id if record.site_id.is_public and record.site_id.active else record.centre_id
            rows.append(
                {
                    "site": site.name if site.is_public and site.active else "",
                    "kind_label": kinds.get(record.kind, ""),
                    "date": record.closed_at and china_date(record.closed_at),
                    "result": record.public_result,
                }
            )
        return rows
