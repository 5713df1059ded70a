"""The rectification of a bad review (差评整改): the closed loop 评价、反馈、整改、监督.

A bad review opens one, assigned to whoever handled the service (谁办理谁负责). Its steps, each a
logged action with a deadline in working days (China's working calendar, ``gov.holiday``):

1. callback (回访): the citizen is called back within ``gov_eval.rectification_callback_days``
   (default 1 working day); an anonymous review has nobody to call and starts at step 2;
2. verification (核实), by the centre's manager: valid, partly valid or not valid;
3. rectification (整改) of a valid review, with the measures taken, within
   ``gov_eval.rectification_days`` (default 15) working days of the review;
4. the citizen's response to the outcome, and closing.

A step not done by its deadline escalates, by the nightly job, to the centre's managers, and
``gov_eval.rectification_escalate_days`` (default 2) working days later to the district. An upheld
appeal voids the rectification. Nothing is deleted.
"""

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_date, china_today
from odoo.exceptions import AccessError, UserError

from .config import int_param

STATES = [
    ("callback", "To Call Back"),
    ("verify", "To Verify"),
    ("rectify", "Rectifying"),
    ("feedback", "Citizen's Response"),
    ("closed", "Closed"),
    ("void", "Void (Appeal Upheld)"),
]
OPEN_STATES = ("callback", "verify", "rectify", "feedback")
VERIFICATIONS = [("valid", "Valid"), ("partly", "Partly Valid"), ("invalid", "Not Valid")]
CALLBACK_RESULTS = [("reached", "Reached"), ("unreachable", "Unreachable"), ("anonymous", "Anonymous Review")]
RESPONSES = [
    ("satisfied", "Satisfied"),
    ("basically", "Basically Satisfied"),
    ("dissatisfied", "Still Dissatisfied"),
    ("unreachable", "Unreachable"),
]
# Fields of the steps the centre's manager takes (verification, closing).
MANAGER_FIELDS = frozenset({"verification", "verification_note", "citizen_response", "response_note"})
ESCALATIONS = [("none", "None"), ("centre", "Centre Manager"), ("district", "District")]

CALLBACK_DAYS_PARAM, CALLBACK_DAYS_DEFAULT = "gov_eval.rectification_callback_days", 1
RECTIFY_DAYS_PARAM, RECTIFY_DAYS_DEFAULT = "gov_eval.rectification_days", 15
ESCALATE_DAYS_PARAM, ESCALATE_DAYS_DEFAULT = "gov_eval.rectification_escalate_days", 2


class GovRectification(models.Model):
    _name = "gov.rectification"
    _description = "Rectification of a Bad Review"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "step_deadline, id"
    _rec_name = "number"

    _gov_locked_states = ("closed", "void")

    number = fields.Char(readonly=True, copy=False, index=True)
    evaluation_id = fields.Many2one(
        "gov.evaluation", required=True, readonly=True, ondelete="restrict"
    )  # indexed by its UNIQUE
    case_id = fields.Many2one(related="evaluation_id.case_id", store=True, string="Case")
    level = fields.Selection(related="evaluation_id.level", string="Rating")
    reason_ids = fields.Many2many(related="evaluation_id.reason_ids", string="Reasons")
    comment = fields.Text(related="evaluation_id.comment", string="Citizen's Comment")
    site_id = fields.Many2one(related="evaluation_id.site_id", store=True, index=True, string="Site")
    centre_id = fields.Many2one(related="evaluation_id.centre_id", store=True, index=True, string="Centre")
    employee_id = fields.Many2one(related="evaluation_id.employee_id", store=True, string="Evaluated Person")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        readonly=True,
        tracking=True,
        index=True,
        help="谁办理谁负责: the person who handled the service, else the centre's manager.",
    )
    state = fields.Selection(
        STATES, required=True, default="callback", readonly=True, tracking=True, index=True, group_expand=True
    )
    opened_on = fields.Date(readonly=True, required=True)

    callback_deadline = fields.Date(readonly=True, string="Call Back By")
    callback_at = fields.Datetime(readonly=True, string="Called Back At")
    callback_result = fields.Selection(CALLBACK_RESULTS, tracking=True)
    callback_note = fields.Text(string="Callback Notes", help="What the citizen said when called back (回访记录).")

    verification = fields.Selection(VERIFICATIONS, tracking=True, help="核实结论.")
    verification_note = fields.Text(string="Findings")
    verified_by_id = fields.Many2one("res.users", readonly=True)
    verified_on = fields.Date(readonly=True)

    rectify_deadline = fields.Date(readonly=True, string="Rectify By")
    measures = fields.Text(string="Measures Taken", help="整改措施.")
    rectified_on = fields.Date(readonly=True)

    citizen_response = fields.Selection(RESPONSES, tracking=True, string="Citizen's Response")
    response_note = fields.Text(string="Response Notes")
    closed_at = fields.Datetime(readonly=True)
    void_reason = fields.Text(readonly=True, string="Why Void")

    step_deadline = fields.Date(
        compute="_compute_step_deadline", store=True, index=True, readonly=True
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    escalation = fields.Selection(ESCALATIONS, default="none", required=True, readonly=True, tracking=True)
    escalated_on = fields.Date(readonly=True)

    _evaluation_unique = models.Constraint("UNIQUE(evaluation_id)", "A bad review has one rectification.")

    # ------------------------------------------------------------------ computes
    @api.depends("state", "callback_deadline", "rectify_deadline")
    def _compute_step_deadline(self):
        for record in self:
            if record.state == "callback":
                record.step_deadline = record.callback_deadline
            elif record.state in OPEN_STATES:
                record.step_deadline = record.rectify_deadline
            else:
                record.step_deadline = False

    def _today(self):
        return china_today()

    @api.depends("step_deadline", "state")
    def _compute_is_overdue(self):
        today = self._today()
        for record in self:
            record.is_overdue = bool(
                record.state in OPEN_STATES and record.step_deadline and record.step_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue rectifications with “is set” or “is not set”."))
        domain = [("state", "in", OPEN_STATES), ("step_deadline", "<", self._today())]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------ opening
    @api.model
    def _open_for(self, evaluation):
        """Open the rectification of a bad review, as the application (called on its creation)."""
        Holiday = self.env["gov.holiday"]
        today = china_date(evaluation.rated_at)
        callback_days = int_param(self.env, CALLBACK_DAYS_PARAM, CALLBACK_DAYS_DEFAULT)
        rectify_days = int_param(self.env, RECTIFY_DAYS_PARAM, RECTIFY_DAYS_DEFAULT)
        anonymous = not evaluation.sudo().is_real_name
        vals = {
            "number": self.env["ir.sequence"].next_by_code("gov.rectification") or "/",
            "evaluation_id": evaluation.id,
            "user_id": self._responsible_for(evaluation).id,
            "opened_on": today,
            "callback_deadline": Holiday.add_working_days(today, callback_days),
            "rectify_deadline": Holiday.add_working_days(today, rectify_days),
            "state": "verify" if anonymous else "callback",
            "callback_result": "anonymous" if anonymous else False,
        }
        record = self._gov_as_application().create([vals])
        record._schedule_step()
        return record

    @api.model
    def _responsible_for(self, evaluation):
        """谁办理谁负责: the evaluated person's user when active; else the centre's first manager."""
        user = evaluation.employee_id.sudo().user_id
        if user and user.active and not user.share:
            return user
        return self._centre_managers(evaluation.centre_id)[:1]

    @api.model
    def _centre_managers(self, centre):
        group = self.env.ref("gov_center.group_gov_manager")
        return centre.sudo().user_ids.filtered(lambda u: u.active and group in u.all_group_ids)

    @api.model
    def _district_admins(self):
        return (
            self.env.ref("gov_center.group_gov_admin").sudo().all_user_ids.filtered(lambda u: u.active and not u.share)
        )

    def _step_summary(self):
        self.ensure_one()
        return {
            "callback": self.env._("Call back the citizen about bad review %(number)s", number=self.number),
            "verify": self.env._("Verify bad review %(number)s", number=self.number),
            "rectify": self.env._("Rectify after bad review %(number)s", number=self.number),
            "feedback": self.env._("Tell the citizen the outcome of %(number)s and close it", number=self.number),
        }.get(self.state)

    def _schedule_step(self):
        """The activity of the current step for whoever must act: the responsible person for the
        callback and the rectification, the centre's managers for verification and closing."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for record in self.sudo():
            record.activity_unlink(["mail.mail_activity_data_todo"])
            summary = record._step_summary()
            if not summary:
                continue
            if record.state in ("callback", "rectify"):
                users = record.user_id
            else:
                users = self._centre_managers(record.centre_id) or record.user_id
            for user in users:
                record.activity_schedule(
                    activity_type_id=todo.id, summary=summary, user_id=user.id, date_deadline=record.step_deadline
                )

    # ------------------------------------------------------------------ rights
    def _is_manager_of(self, record):
        user = self.env.user
        if user.has_group("gov_center.group_gov_admin"):
            return True
        return user.has_group("gov_center.group_gov_manager") and record.centre_id in user.gov_site_ids

    def _check_may_act(self, managers_only=False):
        self.check_access("write")
        for record in self:
            if self._is_manager_of(record):
                continue
            if managers_only or record.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "%(number)s: only %(who)s may take this step.",
                        number=record.number,
                        who=self.env._("the centre's manager")
                        if managers_only
                        else self.env._("its responsible person or the centre's manager"),
                    )
                )

    def _check_state(self, states, action):
        for record in self:
            if record.state not in states:
                raise UserError(
                    self.env._(
                        "%(number)s is “%(state)s”: %(action)s is not possible now.",
                        number=record.number,
                        state=dict(self._fields["state"]._description_selection(self.env))[record.state],
                        action=action,
                    )
                )

    def _advance(self, vals, message):
        for record in self:
            record._gov_unlocked().write(vals)
            record.message_post(body=message, subtype_xmlid="mail.mt_note")
        self._schedule_step()

    # ------------------------------------------------------------------ steps
    def action_callback_done(self):
        self._check_state(("callback",), self.env._("recording the callback"))
        self._check_may_act()
        for record in self:
            if not record.callback_result or record.callback_result == "anonymous":
                raise UserError(self.env._("%(number)s: say whether the citizen was reached.", number=record.number))
            if not (record.callback_note or "").strip():
                raise UserError(
                    self.env._("%(number)s: write down what the citizen said in the callback notes.", number=record.number)
                )
        self._advance(
            {"state": "verify", "callback_at": fields.Datetime.now(), "escalation": "none", "escalated_on": False},
            self.env._("Citizen called back."),
        )
        return True

    def action_verify(self):
        self._check_state(("verify",), self.env._("verifying"))
        self._check_may_act(managers_only=True)
        for record in self:
            if not record.verification:
                raise UserError(
                    self.env._(
                        "%(number)s: choose whether the review is valid, partly valid or not valid.",
                        number=record.number,
                    )
                )
            if not (record.verification_note or "").strip():
                raise UserError(self.env._("%(number)s: write down the findings of the verification.", number=record.number))
        today = self._today()
        for record in self:
            record._advance(
                {
                    "state": "feedback" if record.verification == "invalid" else "rectify",
                    "verified_by_id": self.env.uid,
                    "verified_on": today,
                },
                self.env._(
                    "Verified: %(conclusion)s.",
                    conclusion=dict(self._fields["verification"]._description_selection(self.env))[record.verification],
                ),
            )
        return True

    def action_rectified(self):
        self._check_state(("rectify",), self.env._("recording the rectification"))
        self._check_may_act()
        for record in self:
            if not (record.measures or "").strip():
                raise UserError(self.env._("%(number)s: write down the measures taken.", number=record.number))
        self._advance({"state": "feedback", "rectified_on": self._today()}, self.env._("Rectified."))
        return True

    def action_close(self):
        self._check_state(("feedback",), self.env._("closing"))
        self._check_may_act(managers_only=True)
        for record in self:
            if not record.citizen_response:
                raise UserError(
                    self.env._("%(number)s: record the citizen's response to the outcome first.", number=record.number)
                )
        self._advance({"state": "closed", "closed_at": fields.Datetime.now()}, self.env._("Rectification closed."))
        return True

    def _void(self, reason):
        """An upheld appeal: the review leaves the figures and its rectification ends (kept)."""
        open_records = self.filtered(lambda r: r.state in OPEN_STATES)
        open_records.sudo()._advance(
            {"state": "void", "void_reason": reason}, self.env._("Void: the appeal was upheld. %(reason)s", reason=reason)
        )

    # ------------------------------------------------------------------ supervision
    @api.model
    def _cron_escalate(self):
        """Nightly: a step past its deadline goes to the centre's managers, and
        ``rectification_escalate_days`` working days later to the district."""
        today = self._today()
        Holiday = self.env["gov.holiday"]
        later = int_param(self.env, ESCALATE_DAYS_PARAM, ESCALATE_DAYS_DEFAULT)
        overdue = self.sudo().search([("state", "in", OPEN_STATES), ("step_deadline", "<", today)])
        calendar = Holiday._work_calendar(overdue.mapped("step_deadline"), later)  # one read for the batch
        todo = self.env.ref("mail.mail_activity_data_todo")
        for record in overdue:
            if record.escalation == "none":
                level, users = "centre", self._centre_managers(record.centre_id)
            elif record.escalation == "centre" and calendar.add(record.step_deadline, later) < today:
                level, users = "district", self._district_admins()
            else:
                continue
            record._gov_unlocked().write({"escalation": level, "escalated_on": today})
            summary = self.env._(
                "Overdue: %(number)s (%(step)s, due %(deadline)s)",
                number=record.number,
                step=dict(self._fields["state"]._description_selection(self.env))[record.state],
                deadline=record.step_deadline,
            )
            record.message_post(body=summary, subtype_xmlid="mail.mt_note")
            for user in users:
                record.activity_schedule(
                    activity_type_id=todo.id, summary=summary, user_id=user.id, date_deadline=today
                )
        return True

    def write(self, vals):
        # Verifying and closing are the centre manager's: the person responsible for a review does not
        # judge it, nor record the citizen's answer to their own rectification.
        if not (self.env.su or self._gov_is_unlocked()) and MANAGER_FIELDS & set(vals):
            self.check_access("write")
            for record in self:
                if not self._is_manager_of(record):
                    raise AccessError(
                        self.env._(
                            "%(number)s: the verification and the citizen's response are recorded by the centre's manager.",
                            number=record.number,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(self.env._("Rectifications are never deleted: they are the record of how a bad review was handled."))
