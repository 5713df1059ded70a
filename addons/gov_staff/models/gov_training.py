from odoo import _, api, fields, models
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
        string="Hours",
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
        tracking=True,
        index=True,
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
                raise ValidationError(_("Training “%(name)s”: the end must be after the start.", name=session.name))
            span = (session.date_end - session.date_start).total_seconds() / 3600
            if session.hours <= 0 or session.hours > span + 1e-6:
                raise ValidationError(
                    _(
                        "Training “%(name)s”: %(hours)s hours cannot be credited for a session of %(span)s hours; "
                        "set hours between 0 and the session's length.",
                        name=session.name,
                        hours=session.hours,
                        span=round(span, 1),
                    )
                )

    def action_confirm(self):
        for session in self:
            if not session.attendance_ids:
                raise UserError(_("Add the attendees of “%(name)s” before confirming it.", name=session.name))
        self.write({"state": "confirmed"})
        return True

    def action_done(self):
        for session in self:
            pending = session.attendance_ids.filtered(lambda a: a.attendance == "registered")
            if pending:
                raise UserError(
                    _(
                        "Record the attendance of %(people)s before closing “%(name)s”.",
                        people="、".join(pending.employee_id.mapped("name")),
                        name=session.name,
                    )
                )
        self.write({"state": "done"})
        # Certificate numbers come from the sequence, never from the caller.
        Sequence = self.env["ir.sequence"].sudo()
        for attendance in self.attendance_ids.filtered(lambda a: a.attendance == "present" and not a.certificate_no):
            attendance._gov_unlocked().write({"certificate_no": Sequence.next_by_code("gov.training.certificate")})
        return True

    def _check_reopen_rights(self):
        self._gov_check_correction_rights(
            _("Only the district administrator can reopen a closed or cancelled training session; ask the district.")
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


class GovTrainingAttendance(models.Model):
    _name = "gov.training.attendance"
    _description = "Training Attendance"
    _inherit = ["gov.guard.mixin"]
    # The attendance of a closed session is the person's training record.
    _gov_state_field = "session_state"
    _gov_locked_states = ("done", "cancelled")
    _order = "date_start desc, employee_id"
    _rec_name = "employee_id"

    session_id = fields.Many2one("gov.training.session", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", string="Attendee", required=True, index=True, ondelete="restrict")
    site_id = fields.Many2one(related="employee_id.gov_site_id", store=True, index=True, string="Attendee's Site")
    attendance = fields.Selection(
        [("registered", "Registered"), ("present", "Present"), ("absent", "Absent"), ("excused", "Excused")],
        default="registered",
        required=True,
    )
    hours = fields.Float(compute="_compute_hours", store=True, readonly=False)
    score = fields.Float(help="Score of the test or contest, out of 100 (blank when not assessed).")
    passed = fields.Boolean(compute="_compute_passed", store=True)
    certificate_no = fields.Char(string="Certificate No.", readonly=True, copy=False)
    session_name = fields.Char(related="session_id.name", store=True, string="Session Name")
    form = fields.Selection(related="session_id.form", store=True)
    session_state = fields.Selection(related="session_id.state", store=True, string="Session Status")
    date_start = fields.Datetime(related="session_id.date_start", store=True)
    date_end = fields.Datetime(related="session_id.date_end", store=True)
    year = fields.Integer(related="session_id.year", store=True, index=True)
    trainer = fields.Char(related="session_id.trainer")

    _session_employee_unique = models.Constraint(
        "UNIQUE(session_id, employee_id)", "A person attends a training session only once."
    )

    @api.depends("attendance", "session_id.hours")
    def _compute_hours(self):
        for row in self:
            row.hours = row.session_id.hours if row.attendance == "present" else 0.0

    @api.depends("score", "attendance")
    def _compute_passed(self):
        for row in self:
            row.passed = row.attendance == "present" and (not row.score or row.score >= 60)

    @api.constrains("score", "hours")
    def _check_score(self):
        for row in self:
            if not 0 <= row.score <= 100:
                raise ValidationError(_("%(person)s: a score is between 0 and 100.", person=row.employee_id.name))
            if row.hours < 0 or row.hours > row.session_id.hours + 1e-6:
                raise ValidationError(
                    _(
                        "%(person)s: at most %(hours)s hours can be credited for “%(session)s”.",
                        person=row.employee_id.name,
                        hours=row.session_id.hours,
                        session=row.session_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        rows._gov_check_created(_("The session is closed: attendees can no longer be added."))
        return rows

    def action_print_certificate(self):
        rows = self.filtered(lambda r: r.attendance == "present" and r.certificate_no)
        if not rows:
            raise UserError(_("A certificate is issued to attendees present at a closed session."))
        # The certificate has its own layout: no need to configure the company letterhead first.
        report = self.env.ref("gov_staff.action_report_training_certificate").with_context(discard_logo_check=True)
        return report.report_action(rows)


class GovCapabilityPlan(models.Model):
    """A township's yearly staff capability plan (基层人员能力提升考核工作方案), with the hours it
    plans and the hours its staff have actually been trained."""

    _name = "gov.capability.plan"
    _description = "Capability Improvement Plan"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    _order = "year desc, site_id"
    _rec_names_search = ["site_id"]

    name = fields.Char(compute="_compute_name")
    site_id = fields.Many2one(
        "gov.site", string="Centre", required=True, index=True, domain="[('is_centre', '=', True)]", tracking=True
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True)
    planned_hours = fields.Float(string="Planned Hours per Person", required=True, tracking=True)
    planned_sessions = fields.Integer(tracking=True)
    headcount = fields.Integer(compute="_compute_done", string="Staff")
    planned_total_hours = fields.Float(compute="_compute_done", string="Planned Hours")
    done_hours = fields.Float(compute="_compute_done", string="Hours Done")
    done_sessions = fields.Integer(compute="_compute_done", string="Sessions Done")
    progress = fields.Float(compute="_compute_done", string="Progress (%)")
    session_ids = fields.One2many("gov.training.session", "plan_id", string="Sessions")
    content = fields.Html(string="Plan")
    submitted_on = fields.Date(tracking=True, help="Date the plan was sent to the district (due by 30 March).")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")], default="draft", required=True, tracking=True
    )

    _site_year_unique = models.Constraint("UNIQUE(site_id, year)", "A centre has one capability plan per year.")

    @api.depends("site_id.name", "year")
    def _compute_name(self):
        for plan in self:
            plan.name = _("%(site)s %(year)s capability plan", site=plan.site_id.name or "", year=plan.year)

    def _compute_done(self):
        Attendance = self.env["gov.training.attendance"].sudo()
        Employee = self.env["hr.employee"].sudo()
        for plan in self:
            sites = plan.site_id | plan.site_id.child_ids
            plan.headcount = Employee.search_count([("gov_site_id", "in", sites.ids)])
            plan.planned_total_hours = plan.planned_hours * plan.headcount
            rows = Attendance._read_group(
                [
                    ("site_id", "in", sites.ids),
                    ("year", "=", plan.year),
                    ("attendance", "=", "present"),
                    ("session_state", "=", "done"),
                ],
                [],
                ["hours:sum"],
            )
            plan.done_hours = rows[0][0] or 0.0
            plan.done_sessions = (
                self.env["gov.training.session"]
                .sudo()
                .search_count([("site_id", "in", sites.ids), ("year", "=", plan.year), ("state", "=", "done")])
            )
            plan.progress = 100.0 * plan.done_hours / plan.planned_total_hours if plan.planned_total_hours else 0.0

    def action_submit(self):
        self.write({"state": "submitted", "submitted_on": fields.Date.context_today(self)})
        return True
