import pytz

from odoo import api, fields, models
from odoo.addons.gov_center.models.gov_holiday import CHINA_TZ
from odoo.exceptions import UserError, ValidationError

TRAINING_FORMS = [
    ("centralised", "Centralised Training"),
    ("roving", "Roving Guidance"),
    ("on_the_job", "Training by Doing"),
    ("exchange", "Observation and Exchange"),
    ("drill", "On-the-job Drill"),
    ("contest", "Skills Contest"),
]


class GovTrainingSession(models.Model):
    """A training session of one of the plan's forms (task 6): 集中培训, 巡回指导, 以干代训,
    观摩交流, 岗位练兵, 技能比武."""

    _name = "gov.training.session"
    _description = "Training Session"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc"
    # A closed session is the training record (hours, scores, certificates): locked, never deleted.
    _gov_locked_states = ("done", "cancelled")
    _gov_locked_writable = frozenset({"description"})

    name = fields.Char(string="Subject", required=True, tracking=True)
    form = fields.Selection(TRAINING_FORMS, required=True, default="centralised", tracking=True)
    site_id = fields.Many2one(
        "gov.site",
        string="Organised By",
        required=True,
        index=True,
        default=lambda self: self.env.user.gov_site_ids[:1],
    )
    plan_id = fields.Many2one(
        "gov.capability.plan", string="Capability Plan", index="btree_not_null", domain="[('site_id', '=', site_id)]"
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    hours = fields.Float(
        required=True,
        default=2.0,
        tracking=True,
        help="Training hours credited to each attendee present (学时).",
    )
    trainer = fields.Char(required=True, help="Trainer or guiding department.")
    location = fields.Char()
    description = fields.Html()
    attendance_ids = fields.One2many("gov.training.attendance", "session_id", string="Attendees")
    attendee_count = fields.Integer(compute="_compute_attendee_count", string="Attendees Count")
    present_count = fields.Integer(compute="_compute_attendee_count", string="Present")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        help="Set by the buttons: a closed session is the training record and issues the certificates.",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)

    @api.depends("date_start")
    def _compute_year(self):
        for session in self:
            session.year = session.date_start.year if session.date_start else 0

    @api.depends("attendance_ids.attendance")
    def _compute_attendee_count(self):
        for session in self:
            session.attendee_count = len(session.attendance_ids)
            session.present_count = len(session.attendance_ids.filtered(lambda a: a.attendance == "present"))

    @api.constrains("date_start", "date_end", "hours")
    def _check_dates(self):
        for session in self:
            if session.date_end <= session.date_start:
                raise ValidationError(self.env._("Training “%(name)s”: the end must be after the start.", name=session.name))
            span = (session.date_end - session.date_start).total_seconds() / 3600
            if session.hours <= 0 or session.hours > span + 1e-6:
                raise ValidationError(
                    self.env._(
                        "Training “%(name)s”: %(hours)s hours cannot be credited for a session of %(span)s hours; "
                        "set hours between 0 and the session's length.",
                        name=session.name,
                        hours=session.hours,
                        span=round(span, 1),
                    )
                )

    def _check_state(self, states, message):
        wrong = self.filtered(lambda s: s.state not in states)
        if wrong:
            raise UserError(message % {"name": wrong[0].name})

    def action_confirm(self):
        self._check_state(("draft",), self.env._("“%(name)s” is not a draft: only a draft session is confirmed."))
        for session in self:
            if not session.attendance_ids:
                raise UserError(self.env._("Add the attendees of “%(name)s” before confirming it.", name=session.name))
        self.check_access("write")
        self._gov_unlocked().write({"state": "confirmed"})
        return True

    def action_done(self):
        self._check_state(
            ("draft", "confirmed"), self.env._("“%(name)s” is already closed or cancelled.")
        )
        now = fields.Datetime.now()
        for session in self:
            if session.date_end > now:
                raise UserError(
                    self.env._(
                        "“%(name)s” ends on %(end)s: a session is closed, and its certificates issued, only once it "
                        "has taken place.",
                        name=session.name,
                        end=pytz.utc.localize(session.date_end).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M"),
                    )
                )
            pending = session.attendance_ids.filtered(lambda a: a.attendance == "registered")
            if pending:
                raise UserError(
                    self.env._(
                        "Record the attendance of %(people)s before closing “%(name)s”.",
                        people="、".join(pending.employee_id.mapped("name")),
                        name=session.name,
                    )
                )
        self.check_access("write")
        self._gov_unlocked().write({"state": "done"})
        # Certificates are issued at closing, numbered from the sequence, never by the caller.
        self.attendance_ids._issue_certificates()
        return True

    def _check_reopen_rights(self):
        self._gov_check_correction_rights(
            self.env._("Only the district administrator can reopen a closed or cancelled training session; ask the district.")
        )

    def action_cancel(self):
        self.check_access("write")
        self._check_reopen_rights()
        self._gov_unlocked().write({"state": "cancelled"})
        return True

    def action_draft(self):
        """Reopen a session (the chatter logs it); a closed one only by the district administrator."""
        self.check_access("write")
        self._check_reopen_rights()
        self._gov_unlocked().write({"state": "draft"})
        return True

    def action_mark_all_present(self):
        self.attendance_ids.filtered(lambda a: a.attendance == "registered").write({"attendance": "present"})
        return True
