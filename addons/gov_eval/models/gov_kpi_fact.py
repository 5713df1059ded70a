"""The district's service figures (plan tasks 5 and 7): one row per fact, a SQL view.

A fact is one accepted case, one decided case (办结), one counted rating, one rectification, one
complaint, one served queue ticket or one appointment, with the date it happened on and who and
what it was about (site, centre, township, window, person, item, department). Counts are summed;
rates are averages of 0/100 columns that are NULL where a fact does not take part (a case still
open has no on-time figure), so that the pivot, the graph, the dashboard and the workbook read
exact shares per any grouping from one grouped query, and a pivot cell drills down to its facts.

The 90th percentile of the working days to close is the ``work_days:p90`` aggregate
(``percentile_cont``), which only the dashboard and the workbook ask for.
"""

from collections import Counter

from odoo import api, fields, models, tools
from odoo.fields import Domain
from odoo.tools import SQL

from .config import float_param
from .kpi_figures import AGGREGATES, AVERAGES, P90, TARGETS, figures_from_totals

KINDS = [
    ("accepted", "Case Accepted"),
    ("decided", "Case Decided"),
    ("evaluation", "Rating"),
    ("rectification", "Rectification"),
    ("complaint", "Complaint or Suggestion"),
    ("ticket", "Queue Ticket"),
    ("appointment", "Appointment"),
]
# The model behind each kind of fact (drill-down), and the offset of its ids in the view.
KIND_MODELS = {
    "accepted": "gov.case",
    "decided": "gov.case",
    "evaluation": "gov.evaluation",
    "rectification": "gov.rectification",
    "complaint": "gov.complaint",
    "ticket": "gov.queue.ticket",
    "appointment": "gov.appointment",
}
KIND_COUNT = len(KINDS)


class GovKpiFact(models.Model):
    _name = "gov.kpi.fact"
    _description = "Service Figures"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "kind"
    # What the view reads: pending values of these fields are written before any search or read.
    _depends = {
        "gov.case": [
            "accepted_on", "active", "site_id", "window_id", "first_contact_id", "item_id", "department_id",
            "agent_id", "is_comprehensive", "channel", "decided_on", "assignee_id", "decided_by_id", "on_time",
            "work_days",
        ],
        "gov.evaluation": [
            "case_id", "in_kpi", "rated_on", "site_id", "window_id", "employee_id", "item_id", "department_id",
            "is_bad", "is_real_name",
        ],
        "gov.rectification": ["opened_on", "site_id", "employee_id", "evaluation_id", "callback_at", "state", "closed_at"],
        "gov.complaint": [
            "received_on", "site_id", "window_id", "employee_id", "item_id", "kind", "answered_on", "answered_late",
            "satisfaction", "state", "active",
        ],
        "gov.queue.ticket": [
            "day", "site_id", "window_id", "called_by_id", "called_at", "state", "waiting_minutes", "service_minutes",
        ],
        "gov.appointment": ["date", "site_id", "window_id", "item_id", "state"],
        "gov.site": ["kind", "parent_id", "township_id"],
        "gov.item": ["origin_id", "department_id"],
        "hr.employee": ["user_id", "active"],
    }

    kind = fields.Selection(KINDS, string="Fact", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True, aggregator=None)
    date = fields.Date(readonly=True)
    site_id = fields.Many2one("gov.site", readonly=True)
    site_kind = fields.Selection(selection="_selection_site_kind", readonly=True)
    centre_id = fields.Many2one("gov.site", readonly=True)
    township_id = fields.Many2one("gov.division", string="Township / Street", readonly=True)
    window_id = fields.Many2one("gov.window", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Staff", readonly=True)
    item_id = fields.Many2one("gov.item", string="Service Item", readonly=True, help="The item's first revision.")
    department_id = fields.Many2one("gov.item.department", readonly=True)

    accepted_count = fields.Integer(string="Cases Accepted", readonly=True, aggregator="sum")
    decided_count = fields.Integer(string="Cases Decided", readonly=True, aggregator="sum")
    on_time_count = fields.Integer(string="Decided on Time", readonly=True, aggregator="sum")
    agent_count = fields.Integer(string="Agent Cases", readonly=True, aggregator="sum", help="代办: taken by a station agent.")
    on_time_rate = fields.Float(string="On-time Rate (%)", readonly=True, aggregator="avg", digits=(5, 1))
    work_days = fields.Float(
        string="Working Days to Close",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="From acceptance to the decision, pauses (补正, special procedures) not counted.",
    )
    one_window_rate = fields.Float(
        string="One-window Share (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Cases accepted at a comprehensive window (综合窗口).",
    )
    online_rate = fields.Float(string="Online Share (%)", readonly=True, aggregator="avg", digits=(5, 1))
    agent_rate = fields.Float(string="Agent Share (%)", readonly=True, aggregator="avg", digits=(5, 1))
    outreach_count = fields.Integer(
        string="Outreach Cases", readonly=True, aggregator="sum", help="Taken at an outreach service (厅外流动服务)."
    )
    outreach_rate = fields.Float(string="Outreach Share (%)", readonly=True, aggregator="avg", digits=(5, 1))
    evaluated_rate = fields.Float(
        string="Evaluation Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Decided cases rated at least once (参评率).",
    )
    evaluation_count = fields.Integer(string="Ratings", readonly=True, aggregator="sum")
    bad_count = fields.Integer(string="Bad Reviews", readonly=True, aggregator="sum")
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Ratings 1–3 (basically satisfied or better) among the counted ratings.",
    )
    rectification_count = fields.Integer(string="Rectifications", readonly=True, aggregator="sum")
    callback_rate = fields.Float(
        string="Callback Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Real-name bad reviews called back (回访率).",
    )
    rectification_rate = fields.Float(
        string="Rectification Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Rectifications closed (整改率); those voided by an upheld appeal are not counted.",
    )
    rectify_days = fields.Float(
        string="Days to Rectify", readonly=True, aggregator="avg", digits=(5, 1), help="From the review to the closing."
    )
    complaint_count = fields.Integer(string="Complaints", readonly=True, aggregator="sum")
    suggestion_count = fields.Integer(string="Suggestions", readonly=True, aggregator="sum")
    unresolved_count = fields.Integer(string="Could Not Get It Done", readonly=True, aggregator="sum")
    complaint_on_time_rate = fields.Float(
        string="Complaints Answered on Time (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    complaint_satisfied_rate = fields.Float(
        string="Satisfied with the Answer (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    ticket_count = fields.Integer(string="Tickets Served", readonly=True, aggregator="sum")
    waiting_minutes = fields.Float(string="Waiting (min)", readonly=True, aggregator="avg", digits=(16, 1))
    service_minutes = fields.Float(string="Service (min)", readonly=True, aggregator="avg", digits=(16, 1))
    appointment_count = fields.Integer(string="Appointments", readonly=True, aggregator="sum")
    no_show_rate = fields.Float(string="No-show Rate (%)", readonly=True, aggregator="avg", digits=(5, 1))

    @api.model
    def _selection_site_kind(self):
        return self.env["gov.site"]._fields["kind"]._description_selection(self.env)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._view_query()))

    @api.model
    def _view_query(self):
        offsets = {kind: index for index, (kind, _label) in enumerate(KINDS, start=1)}
        # Each branch: kind, res_id, date, site_id, window_id, employee_id, user_id (an employee found
        # by user when the fact knows only the user), item_id, department_id, then the measures in the
        # order of MEASURES. Predicates on the outer columns are pushed into every branch.
        return SQL(
            """
            SELECT f.res_id * %(count)s + f.kind_index AS id,
                   f.kind, f.res_id, f.date, f.site_id,
                   s.kind AS site_kind,
                   CASE WHEN s.kind IN ('station', 'outlet') THEN s.parent_id ELSE s.id END AS centre_id,
                   s.township_id,
                   f.window_id,
                   COALESCE(f.employee_id, e.id) AS employee_id,
                   COALESCE(i.origin_id, i.id) AS item_id,
                   f.department_id,
                   f.accepted_count, f.decided_count, f.on_time_count, f.agent_count,
                   f.on_time_rate, f.work_days, f.one_window_rate, f.online_rate, f.agent_rate, f.evaluated_rate,
                   f.evaluation_count, f.bad_count, f.satisfaction_rate,
                   f.rectification_count, f.callback_rate, f.rectification_rate, f.rectify_days,
                   f.complaint_count, f.suggestion_count, f.unresolved_count,
                   f.complaint_on_time_rate, f.complaint_satisfied_rate,
                   f.ticket_count, f.waiting_minutes, f.service_minutes,
                   f.appointment_count, f.no_show_rate,
                   f.outreach_count, f.outreach_rate
              FROM (
                -- a case accepted
                SELECT 'accepted'::varchar AS kind, %(accepted)s AS kind_index, c.id AS res_id,
                       c.accepted_on AS date, c.site_id, c.window_id, NULL::int AS employee_id,
                       c.first_contact_id AS user_id, c.item_id, c.department_id,
                       1 AS accepted_count, 0 AS decided_count, 0 AS on_time_count,
                       CASE WHEN c.agent_id IS NOT NULL THEN 1 ELSE 0 END AS agent_count,
                       NULL::float AS on_time_rate, NULL::float AS work_days,
                       CASE WHEN c.is_comprehensive THEN 100.0 ELSE 0.0 END AS one_window_rate,
                       CASE WHEN c.channel = 'portal' THEN 100.0 ELSE 0.0 END AS online_rate,
                       CASE WHEN c.agent_id IS NOT NULL THEN 100.0 ELSE 0.0 END AS agent_rate,
                       NULL::float AS evaluated_rate,
                       0 AS evaluation_count, 0 AS bad_count, NULL::float AS satisfaction_rate,
                       0 AS rectification_count, NULL::float AS callback_rate, NULL::float AS rectification_rate,
                       NULL::float AS rectify_days,
                       0 AS complaint_count, 0 AS suggestion_count, 0 AS unresolved_count,
                       NULL::float AS complaint_on_time_rate, NULL::float AS complaint_satisfied_rate,
                       0 AS ticket_count, NULL::float AS waiting_minutes, NULL::float AS service_minutes,
                       0 AS appointment_count, NULL::float AS no_show_rate,
                       CASE WHEN c.channel = 'outreach' THEN 1 ELSE 0 END AS outreach_count,
                       CASE WHEN c.channel = 'outreach' THEN 100.0 ELSE 0.0 END AS outreach_rate
                  FROM gov_case c
                 WHERE c.accepted_on IS NOT NULL AND c.active
                UNION ALL
                -- a case decided (办结: approved or refused)
                SELECT 'decided', %(decided)s, c.id, c.decided_on, c.site_id, c.window_id, c.assignee_id,
                       c.decided_by_id, c.item_id, c.department_id,
                       0, 1, CASE WHEN c.on_time THEN 1 ELSE 0 END, 0,
                       CASE WHEN c.on_time THEN 100.0 ELSE 0.0 END, c.work_days::float,
                       NULL, NULL, NULL,
                       CASE WHEN rated.case_id IS NOT NULL THEN 100.0 ELSE 0.0 END,
                       0, 0, NULL, 0, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, 0, NULL
                  FROM gov_case c
                  -- the cases rated at least once: one hash join (a correlated EXISTS probed the
                  -- ratings' index once per decided case, and its cost estimate set off the JIT)
                  LEFT JOIN (
                      SELECT DISTINCT ev.case_id FROM gov_evaluation ev WHERE ev.in_kpi AND ev.case_id IS NOT NULL
                  ) rated ON rated.case_id = c.id
                 WHERE c.decided_on IS NOT NULL AND c.accepted_on IS NOT NULL AND c.active
                UNION ALL
                -- a counted rating (an upheld appeal takes a review out of the figures)
                SELECT 'evaluation', %(evaluation)s, ev.id, ev.rated_on, ev.site_id, ev.window_id, ev.employee_id,
                       NULL, ev.item_id, ev.department_id,
                       0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL,
                       1, CASE WHEN ev.is_bad THEN 1 ELSE 0 END, CASE WHEN ev.is_bad THEN 0.0 ELSE 100.0 END,
                       0, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, 0, NULL
                  FROM gov_evaluation ev
                 WHERE ev.in_kpi
                UNION ALL
                -- a rectification of a bad review (void ones are out)
                SELECT 'rectification', %(rectification)s, r.id, r.opened_on, r.site_id, ev.window_id, r.employee_id,
                       NULL, ev.item_id, ev.department_id,
                       0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL,
                       1,
                       CASE WHEN ev.is_real_name THEN CASE WHEN r.callback_at IS NOT NULL THEN 100.0 ELSE 0.0 END END,
                       CASE WHEN r.state = 'closed' THEN 100.0 ELSE 0.0 END,
                       CASE WHEN r.state = 'closed' THEN (r.closed_at::date - r.opened_on)::float END,
                       0, 0, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, 0, NULL
                  FROM gov_rectification r
                  JOIN gov_evaluation ev ON ev.id = r.evaluation_id
                 WHERE r.state != 'void'
                UNION ALL
                -- a complaint, a suggestion or a 办不成事 report (rejected ones are out)
                SELECT 'complaint', %(complaint)s, cp.id, cp.received_on, cp.site_id, cp.window_id, cp.employee_id,
                       NULL, cp.item_id, it.department_id,
                       0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, NULL,
                       CASE WHEN cp.kind = 'complaint' THEN 1 ELSE 0 END,
                       CASE WHEN cp.kind = 'suggestion' THEN 1 ELSE 0 END,
                       CASE WHEN cp.kind = 'unresolved' THEN 1 ELSE 0 END,
                       CASE WHEN cp.answered_on IS NOT NULL THEN
                           CASE WHEN cp.answered_late THEN 0.0 ELSE 100.0 END END,
                       CASE cp.satisfaction WHEN 'satisfied' THEN 100.0 WHEN 'dissatisfied' THEN 0.0 END,
                       0, NULL, NULL, 0, NULL, 0, NULL
                  FROM gov_complaint cp
                  LEFT JOIN gov_item it ON it.id = cp.item_id
                 WHERE cp.state != 'rejected' AND cp.active
                UNION ALL
                -- a queue ticket called to a window (transferred tickets count once, where they ended)
                SELECT 'ticket', %(ticket)s, t.id, t.day, t.site_id, t.window_id, NULL, t.called_by_id, NULL, NULL,
                       0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, NULL,
                       0, 0, 0, NULL, NULL,
                       1, t.waiting_minutes, t.service_minutes,
                       0, NULL, 0, NULL
                  FROM gov_queue_ticket t
                 WHERE t.called_at IS NOT NULL AND t.state != 'transferred'
                UNION ALL
                -- an appointment that was not cancelled
                SELECT 'appointment', %(appointment)s, a.id, a.date, a.site_id, a.window_id, NULL, NULL, a.item_id,
                       NULL,
                       0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, NULL,
                       0, 0, 0, NULL, NULL, 0, NULL, NULL,
                       1,
                       CASE a.state WHEN 'no_show' THEN 100.0 WHEN 'booked' THEN NULL ELSE 0.0 END,
                       0, NULL
                  FROM gov_appointment a
                 WHERE a.state != 'cancelled'
              ) f
              JOIN gov_site s ON s.id = f.site_id
              LEFT JOIN gov_item i ON i.id = f.item_id
              LEFT JOIN (
                  SELECT DISTINCT ON (user_id) user_id, id FROM hr_employee
                   WHERE user_id IS NOT NULL ORDER BY user_id, active DESC, id
              ) e ON f.employee_id IS NULL AND e.user_id = f.user_id
            """,
            count=KIND_COUNT,
            **offsets,
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec == "work_days:p90":
            return SQL(
                "percentile_cont(0.9) WITHIN GROUP (ORDER BY %s)", self._field_to_sql(self._table, "work_days", query)
            )
        return super()._read_group_select(aggregate_spec, query)

    def action_open_record(self):
        """The case, rating, rectification... this fact was taken from (drill-down)."""
        self.ensure_one()
        model = KIND_MODELS[self.kind]
        record = self.env[model].browse(self.res_id)
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": model,
            "res_id": record.id,
            "views": [(False, "form")],
            "name": self.env._("Record"),
        }

    @api.model
    def _kpi_totals(self, domain, groupby=(), names=tuple(AGGREGATES)):
        """{group values: totals} of the facts in ``domain``, the totals of a group being
        {figure: sum} for the counts, {figure: (sum, count)} for the averages and, for the 90th
        percentile, {working days: decided cases}: totals of several groups add up (``rollup``).
        One grouped query, and one over the decided cases when the percentile is asked for."""
        groupby = list(groupby)
        wide = [name for name in names if name != P90]
        specs = []
        for name in wide:
            field, function = AGGREGATES[name].split(":")
            specs += [f"{field}:sum", f"{field}:count"] if function == "avg" else [f"{field}:sum"]
        totals = {}
        for row in self._read_group(domain, groupby, specs):
            values = iter(row[len(groupby) :])
            totals[row[: len(groupby)]] = {
                name: (next(values), next(values)) if name in AVERAGES else next(values) for name in wide
            }
        if P90 in names:
            decided = Domain.AND([domain, [("kind", "=", "decided")]])
            for *key, days, count in self._read_group(decided, [*groupby, "work_days"], ["__count"]):
                cell = totals.get(tuple(key))
                if cell is not None and days is not None and days is not False:
                    cell.setdefault(P90, Counter())[days] += count
        return totals

    @api.model
    def _kpi_figures(self, domain, groupby=(), names=tuple(AGGREGATES)):
        """[(group values, {figure: value})] of the facts in ``domain`` (see ``_kpi_totals``)."""
        return [(key, figures_from_totals(cell, names)) for key, cell in self._kpi_totals(domain, groupby, names).items()]

    @api.model
    def _kpi_targets(self):
        return {key: float_param(self.env, param, default, 0.0, 100.0) for key, (param, default) in TARGETS.items()}

    @api.model
    def _kpi_missed(self, figures, targets):
        """The targeted figures below their target (a figure without facts misses nothing)."""
        return sorted(key for key in targets if figures.get(key) is not None and figures[key] < targets[key])
