import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Task 6 of the district plan: each centre sends its yearly plan to the district by 30 March.
DUE_MONTH, DUE_DAY = 3, 30
# The centres still without a submitted plan are reminded from this many days before the due date.
REMINDER_DAYS = 30


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
        [("draft", "Draft"), ("submitted", "Submitted")], default="draft", required=True, tracking=True, index=True
    )
    due_date = fields.Date(
        compute="_compute_due_date", store=True, help="30 March of the plan's year (task 6)."
    )
    submitted_late = fields.Boolean(
        compute="_compute_submitted_late", store=True, help="Submitted to the district after the due date."
    )
    is_late = fields.Boolean(
        compute="_compute_is_late",
        search="_search_is_late",
        string="Late",
        help="Submitted after the due date, or still not submitted once the due date has passed.",
    )

    _site_year_unique = models.Constraint("UNIQUE(site_id, year)", "A centre has one capability plan per year.")

    @api.depends("site_id.name", "year")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._("%(site)s %(year)s capability plan", site=plan.site_id.name or "", year=plan.year)

    @api.depends("year")
    def _compute_due_date(self):
        for plan in self:
            plan.due_date = datetime.date(plan.year, DUE_MONTH, DUE_DAY) if 1 <= plan.year <= 9999 else False

    @api.depends("state", "submitted_on", "due_date")
    def _compute_submitted_late(self):
        for plan in self:
            plan.submitted_late = bool(
                plan.state == "submitted" and plan.submitted_on and plan.due_date and plan.submitted_on > plan.due_date
            )

    @api.depends("submitted_late", "state", "due_date")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.is_late = plan.submitted_late or bool(
                plan.state == "draft" and plan.due_date and plan.due_date < today
            )

    def _search_is_late(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        today = fields.Date.context_today(self)
        late = ["|", ("submitted_late", "=", True), "&", ("state", "=", "draft"), ("due_date", "<", today)]
        positive = True in value
        if operator == "not in":
            positive = not positive
        return late if positive else ["!", *late]

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(
                    self.env._("Capability plan: %(year)s is not a valid year; enter e.g. 2026.", year=plan.year)
                )

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

    # ------------------------------------------------------------------ reminder
    @api.model
    def _cron_remind_missing_plans(self):
        """From a month before 30 March, a to-do on each centre whose plan of the year is not submitted,
        for its manager, due on the due date; withdrawn once the plan is submitted."""
        today = fields.Date.context_today(self)
        due = datetime.date(today.year, DUE_MONTH, DUE_DAY)
        activity_type = self.env.ref("gov_staff.mail_activity_type_capability_plan")
        submitted = self.search([("year", "=", today.year), ("state", "=", "submitted")]).site_id
        centres = self.env["gov.site"].search([("is_centre", "=", True)])
        (submitted & centres).activity_unlink(["gov_staff.mail_activity_type_capability_plan"])
        if not due - datetime.timedelta(days=REMINDER_DAYS) <= today <= due:
            return
        for centre in centres - submitted:
            if not centre.manager_id or activity_type in centre.activity_ids.activity_type_id:
                continue
            centre.activity_schedule(
                "gov_staff.mail_activity_type_capability_plan",
                date_deadline=due,
                summary=self.env._("Submit the %(year)s capability plan to the district by 30 March", year=today.year),
                user_id=centre.manager_id.id,
            )
