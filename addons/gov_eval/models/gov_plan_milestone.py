from odoo import api, fields, models

from .gov_plan_action import china_today_of, done_sites, township_centre_count

# The suite's figures a year-end target is read from (gov.plan.report._suite_figures).
TARGET_KEYS = [
    ("basic_rate", "Basic attainment of stations"),
    ("standard_rate", "Standard attainment of centres and stations"),
    ("benchmark_rate", "Benchmark pilots"),
    ("one_window", "One-window acceptance share"),
    ("satisfaction", "Window satisfaction"),
]


class GovPlanMilestone(models.Model):
    """A dated step of the plan: one of the several dates a task names (task 3's catalogue by
    August and November, task 6's assessment plans by 30 March...), the townships' measures of
    三.(一), or a year-end target with the figure it is measured by."""

    _name = "gov.plan.milestone"
    _description = "Plan Milestone"
    _order = "deadline, id"

    plan_id = fields.Many2one("gov.plan", string="Implementation Plan", required=True, ondelete="restrict", index=True)
    action_id = fields.Many2one(
        "gov.plan.action",
        string="Task",
        ondelete="restrict",
        index=True,
        domain="[('plan_id', '=', plan_id)]",
        help="Empty for a step of the plan's safeguards (三、保障措施).",
    )
    name = fields.Char(required=True)
    deadline = fields.Date(required=True)
    target_key = fields.Selection(TARGET_KEYS, string="Measured By", help="The suite's figure of a year-end target.")
    target_value = fields.Float(string="Target (%)", digits=(5, 1))
    current_value = fields.Float(
        compute="_compute_current_value",
        string="Current (%)",
        digits=(5, 1),
        help="The district's figure now, read from the suite.",
    )
    done_count = fields.Integer(compute="_compute_overdue", store=True, string="Townships Done")
    is_overdue = fields.Boolean(compute="_compute_overdue", store=True, string="Overdue", index=True)

    @api.depends(
        "deadline", "action_id.done_count", "action_id.report_ids.milestone_done_ids", "action_id.report_ids.state"
    )
    def _compute_overdue(self):
        self._set_overdue(china_today_of(self))

    def _set_overdue(self, today):
        real = self.filtered("id")
        by_action, by_milestone = done_sites(self.env, milestones=real)
        total = township_centre_count(self.env)
        for milestone in self:
            sites = set(by_milestone.get(milestone.id, ())) | set(by_action.get(milestone.action_id.id, ()))
            milestone.done_count = len(sites)
            milestone.is_overdue = bool(milestone.deadline and milestone.deadline < today and len(sites) < total)

    def _compute_current_value(self):
        targeted = self.filtered("target_key")
        figures = {}
        if targeted:
            figures = self.env["gov.plan.report"]._suite_figures(self.env["gov.division"])[False]
        for milestone in self:
            value = figures.get(milestone.target_key) if milestone.target_key else None
            milestone.current_value = value or 0.0
