"""The district's implementation plan (实施方案) supervised by the district centre (plan 三.(一)).

The plan, its 15 tasks (``gov.plan.action``) and their dated steps (``gov.plan.milestone``) are
seeded from the plan's own text (data/gov_plan_data.xml); the townships report their progress on
each task (``gov.plan.report``) and the district reads the board (``gov.plan.progress``) and prints
the progress report for its leadership (report/gov_plan_templates.xml).
"""

from odoo import api, fields, models

from .gov_plan_action import china_today_of


class GovPlan(models.Model):
    _name = "gov.plan"
    _description = "Implementation Plan"
    _inherit = ["mail.thread"]
    _order = "year desc, id desc"

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(required=True, tracking=True)
    summary = fields.Text(help="The plan's overall goal (总体目标).")
    attachment_id = fields.Many2one(
        "ir.attachment", string="Document", help="The plan as issued (the signed document)."
    )
    active = fields.Boolean(default=True, tracking=True)
    action_ids = fields.One2many("gov.plan.action", "plan_id", string="Tasks")
    milestone_ids = fields.One2many("gov.plan.milestone", "plan_id", string="Milestones")
    action_count = fields.Integer(compute="_compute_counts", string="Task Count")
    overdue_count = fields.Integer(compute="_compute_counts", string="Overdue Tasks")
    report_count = fields.Integer(compute="_compute_counts", string="Progress Reports")

    def _compute_counts(self):
        Action = self.env["gov.plan.action"]
        actions = dict(Action._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
        overdue = dict(
            Action._read_group([("plan_id", "in", self.ids), ("is_overdue", "=", True)], ["plan_id"], ["__count"])
        )
        Report = self.env["gov.plan.report"]
        # clerks, approvers and agents read the plan, not the townships' reports
        reports = (
            dict(Report._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
            if Report.has_access("read")
            else {}
        )
        for plan in self:
            plan.action_count = actions.get(plan, 0)
            plan.overdue_count = overdue.get(plan, 0)
            plan.report_count = reports.get(plan, 0)

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_plan_action")
        action.update(domain=[("plan_id", "=", self.id)], context={"default_plan_id": self.id})
        return action

    def action_view_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_plan_report")
        action.update(domain=[("plan_id", "=", self.id)])
        return action

    def action_view_board(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_plan_progress")
        action.update(domain=[("plan_id", "=", self.id)])
        return action

    def action_print_progress(self):
        return self.env.ref("gov_eval.action_report_gov_plan_progress").report_action(self)

    # ------------------------------------------------------------------ the printed progress report
    @api.model
    def _township_centres(self):
        return self.env["gov.site"].sudo().search([("kind", "=", "township_centre")], order="name")

    def _progress_values(self, today=None):
        """What the progress report prints (one plan): the suite's figures against the plan's targets,
        the tasks with how many townships are done / in progress / not started, and the problems the
        townships reported in the latest period. A fixed number of grouped queries."""
        self.ensure_one()
        today = today or china_today_of(self)
        Report = self.env["gov.plan.report"]
        figures = Report._suite_figures(self.env["gov.division"], fields.Date.to_date(f"{self.year}-01-01"), today)
        district = figures[False]
        targets = Report._figure_targets()
        marks = {
            key: (None if district.get(key) is None else district[key] >= target) for key, target in targets.items()
        }
        centres = self._township_centres()
        rows = self.env["gov.plan.progress"]._read_group(
            [("plan_id", "=", self.id)], ["action_id", "status"], ["__count"]
        )
        counts = {}
        for action, status, count in rows:
            counts.setdefault(action.id, {})[status] = count
        actions = []
        for action in self.action_ids.sorted("number"):
            cell = counts.get(action.id, {})
            actions.append(
                {
                    "action": action,
                    "done": cell.get("done", 0),
                    "progress": cell.get("progress", 0) + cell.get("blocked", 0),
                    "blocked": cell.get("blocked", 0),
                    "not_started": cell.get("not_started", 0),
                    "overdue": action.is_overdue,
                }
            )
        reported = Report.search(
            [("plan_id", "=", self.id), ("state", "in", ("submitted", "accepted")), ("problems", "!=", False)],
            order="date_from desc, site_id, action_number",
        )
        latest = reported[:1].date_from
        problems = reported.filtered(lambda r: r.date_from == latest)
        district_name = self.env["gov.division"].sudo().search([("level", "=", "district")], limit=1).name or ""
        return {
            "plan": self,
            "today": today,
            "district_name": district_name,
            "figures": district,
            "targets": targets,
            "marks": marks,
            "fmt": Report._fmt_figure,
            "actions": actions,
            "township_count": len(centres),
            "problems": problems,
            "problem_period": problems[:1].period_label,
            "milestones": self.milestone_ids.filtered("target_key").sorted("deadline"),
        }
