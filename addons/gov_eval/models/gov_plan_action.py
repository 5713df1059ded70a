from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today

# The plan's five action lines (二、工作任务 (一) to (五)).
ACTION_LINES = [
    ("standard", "I. Standardisation"),
    ("norm", "II. Regulation"),
    ("digital", "III. Digitalisation"),
    ("convenience", "IV. Convenience"),
    ("innovation", "V. Innovation"),
]


def china_today_of(_record):
    """Today in Beijing: the plan's deadlines are Chinese calendar dates."""
    return china_today()


def done_sites(env, actions=None, milestones=None):
    """{action id: {site ids}} and {milestone id: {site ids}}: the township centres that reported the
    task (or the milestone) done in a report the district accepted. Two grouped queries."""
    Report = env["gov.plan.report"].sudo()
    by_action, by_milestone = {}, {}
    action_ids = set(actions.ids if actions else []) | set(milestones.action_id.ids if milestones else [])
    if action_ids:
        for action, sites in Report._read_group(
            [("action_id", "in", list(action_ids)), ("state", "=", "accepted"), ("status", "=", "done")],
            ["action_id"],
            ["site_id:array_agg"],
        ):
            by_action[action.id] = set(sites)
    if milestones:
        for milestone, sites in Report._read_group(
            [("milestone_done_ids", "in", milestones.ids), ("state", "=", "accepted")],
            ["milestone_done_ids"],
            ["site_id:array_agg"],
        ):
            by_milestone[milestone.id] = set(sites)
    return by_action, by_milestone


def township_centre_count(env):
    return env["gov.site"].sudo().search_count([("kind", "=", "township_centre")])


class GovPlanAction(models.Model):
    """One task of the plan (二、工作任务 1–15), with its lead and responsible units and deadline.

    ``is_overdue`` is stored so that lists filter and decorate it in SQL: it depends on the reports
    (recomputed when a report is accepted or returned) and on today's date, which the daily job
    ``_cron_refresh_overdue`` moves on (a stored field cannot depend on the clock)."""

    _name = "gov.plan.action"
    _description = "Plan Task"
    _inherit = ["mail.thread"]
    _order = "plan_id, number"
    _rec_names_search = ["name", "number"]

    plan_id = fields.Many2one("gov.plan", string="Implementation Plan", required=True, ondelete="restrict", index=True)
    number = fields.Integer(required=True, help="The task's number in the plan (1–15).")
    action_line = fields.Selection(ACTION_LINES, required=True, tracking=True)
    name = fields.Char(string="Task Title", required=True, tracking=True)
    content = fields.Text(help="The plan's text of the task.")
    lead_units = fields.Char(help="牵头单位.")
    responsible_units = fields.Char(help="责任单位.")
    outputs = fields.Text(string="Expected Outputs", help="What the townships deliver for the task.")
    deadline = fields.Date(required=True, tracking=True, help="完成时限: the plan's deadline of the task.")
    continues = fields.Boolean(string="Continues After", help="并持续推进: the work goes on after the deadline.")
    milestone_ids = fields.One2many("gov.plan.milestone", "action_id", string="Milestones")
    report_ids = fields.One2many("gov.plan.report", "action_id", string="Progress Reports")
    done_count = fields.Integer(
        compute="_compute_overdue",
        store=True,
        string="Townships Done",
        help="Township centres whose report with status done the district accepted.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_overdue",
        store=True,
        string="Overdue",
        index=True,
        help="The deadline has passed and not every township has an accepted report saying the task is done.",
    )
    active = fields.Boolean(related="plan_id.active", store=True)

    _number_unique = models.Constraint("UNIQUE(plan_id, number)", "A plan numbers each task once.")

    @api.depends("deadline", "report_ids.state", "report_ids.status", "report_ids.site_id")
    def _compute_overdue(self):
        self._set_overdue(china_today_of(self))

    def _set_overdue(self, today):
        by_action, _ = done_sites(self.env, actions=self.filtered("id"))
        total = township_centre_count(self.env)
        for action in self:
            done = len(by_action.get(action.id, ()))
            action.done_count = done
            action.is_overdue = bool(action.deadline and action.deadline < today and done < total)

    def _compute_display_name(self):
        for action in self:
            action.display_name = f"{action.number}. {action.name}" if action.number else action.name

    @api.model
    def _cron_refresh_overdue(self, today=None):
        """Daily: the overdue flags of the tasks and milestones, and the late reports, as of today."""
        today = today or china_today_of(self)
        for model in ("gov.plan.action", "gov.plan.milestone"):
            records = self.env[model].sudo().search([("plan_id.active", "=", True)])
            records._set_overdue(today)
        self.env["gov.plan.report"].sudo()._refresh_late(today)
        return True

    def action_view_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_plan_report")
        action.update(domain=[("action_id", "=", self.id)], context={"default_action_id": self.id})
        return action
