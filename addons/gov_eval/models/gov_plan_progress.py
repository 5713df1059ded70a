from odoo import api, fields, models, tools
from odoo.tools import SQL

from .gov_plan_action import ACTION_LINES
from .gov_plan_report import STATES, STATUSES


class GovPlanProgress(models.Model):
    """The plan's progress board: one row per task and township centre (a SQL view), with the status
    of the township's latest report sent to the district, whether the district accepted the task as
    done there, and whether the township is behind a task past its deadline."""

    _name = "gov.plan.progress"
    _description = "Plan Progress Board"
    _auto = False
    _order = "action_number, site_id"
    _rec_name = "action_id"

    plan_id = fields.Many2one("gov.plan", string="Implementation Plan", readonly=True)
    action_id = fields.Many2one("gov.plan.action", string="Task", readonly=True)
    action_number = fields.Integer(string="Task No.", readonly=True, aggregator=None)
    action_line = fields.Selection(ACTION_LINES, readonly=True)
    deadline = fields.Date(readonly=True)
    site_id = fields.Many2one("gov.site", string="Township Centre", readonly=True)
    township_id = fields.Many2one("gov.division", string="Township / Street", readonly=True)
    report_id = fields.Many2one("gov.plan.report", string="Latest Report", readonly=True)
    status = fields.Selection(STATUSES, readonly=True)
    report_state = fields.Selection(STATES, string="Report Status", readonly=True)
    last_period = fields.Date(readonly=True)
    progress = fields.Float(string="Progress (%)", readonly=True, aggregator="avg", digits=(5, 1))
    accepted = fields.Boolean(string="Accepted Done", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True, aggregator="sum")
    overdue = fields.Boolean(readonly=True)
    overdue_count = fields.Integer(string="Overdue Tasks", readonly=True, aggregator="sum")
    report_count = fields.Integer(string="Progress Reports", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT a.id * 100000 + s.id AS id,
                           a.plan_id, a.id AS action_id, a.number AS action_number, a.action_line, a.deadline,
                           s.id AS site_id, s.township_id,
                           r.id AS report_id,
                           COALESCE(r.status, 'not_started') AS status,
                           r.state AS report_state,
                           r.date_from AS last_period,
                           COALESCE(r.progress, 0)::float AS progress,
                           d.site_id IS NOT NULL AS accepted,
                           CASE WHEN d.site_id IS NOT NULL THEN 1 ELSE 0 END AS done_count,
                           COALESCE(a.is_overdue, FALSE) AND d.site_id IS NULL AS overdue,
                           CASE WHEN COALESCE(a.is_overdue, FALSE) AND d.site_id IS NULL THEN 1 ELSE 0 END
                               AS overdue_count,
                           COALESCE(n.report_count, 0) AS report_count
                      FROM gov_plan_action a
                      JOIN gov_plan p ON p.id = a.plan_id AND p.active
                      JOIN gov_site s ON s.kind = 'township_centre' AND s.active
                 LEFT JOIN LATERAL (
                           SELECT rr.id, rr.status, rr.state, rr.date_from, rr.progress
                             FROM gov_plan_report rr
                            WHERE rr.action_id = a.id AND rr.site_id = s.id
                              AND rr.state IN ('submitted', 'accepted')
                         ORDER BY rr.date_from DESC, rr.id DESC
                            LIMIT 1) r ON TRUE
                 LEFT JOIN LATERAL (
                           SELECT rd.site_id
                             FROM gov_plan_report rd
                            WHERE rd.action_id = a.id AND rd.site_id = s.id
                              AND rd.state = 'accepted' AND rd.status = 'done'
                            LIMIT 1) d ON TRUE
                 LEFT JOIN LATERAL (
                           SELECT count(*) AS report_count
                             FROM gov_plan_report rc
                            WHERE rc.action_id = a.id AND rc.site_id = s.id) n ON TRUE
                )
                """,
                SQL.identifier(self._table),
            )
        )

    @api.model
    def _read_group(self, *args, **kwargs):
        for model in ("gov.plan.report", "gov.plan.action", "gov.site"):
            self.env[model].flush_model()
        return super()._read_group(*args, **kwargs)

    @api.model
    def search_fetch(self, *args, **kwargs):
        for model in ("gov.plan.report", "gov.plan.action", "gov.site"):
            self.env[model].flush_model()
        return super().search_fetch(*args, **kwargs)

    def action_open_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_plan_report")
        action.update(
            domain=[("action_id", "=", self.action_id.id), ("site_id", "=", self.site_id.id)],
            context={"default_action_id": self.action_id.id, "default_site_id": self.site_id.id},
        )
        return action
