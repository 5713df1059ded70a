from odoo import _, api, fields, models


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
