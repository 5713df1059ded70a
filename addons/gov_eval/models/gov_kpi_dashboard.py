"""The district's KPI dashboard: the plan's figures against its targets, per centre, with drill-down.

Everything comes from grouped queries on ``gov.kpi.fact`` (``_kpi_figures``) and on the
attainment view, a fixed number of them whatever the number of cases; the caller's record rules
apply (a centre manager sees their centre and its stations, the district everything).
"""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import UserError

from .kpi_figures import AGGREGATES, figures_from_totals, fmt_figure, rollup


class GovKpiDashboard(models.AbstractModel):
    _name = "gov.kpi.dashboard"
    _description = "KPI Dashboard"

    # ------------------------------------------------------------------ periods
    @api.model
    def _periods(self, today=None):
        """[(key, label)] the dashboard offers: this month, last month, this year, last year and
        each of the 12 months before this one."""
        today = today or china_today()
        periods = [
            ("month", self.env._("This Month")),
            ("last_month", self.env._("Last Month")),
            ("year", self.env._("This Year")),
            ("last_year", self.env._("Last Year")),
        ]
        first = today.replace(day=1)
        for back in range(1, 13):
            month = first - relativedelta(months=back)
            periods.append((f"{month:%Y-%m}", self.env._("%(year)s-%(month)02d", year=month.year, month=month.month)))
        return periods

    @api.model
    def _period_range(self, key, today=None):
        """(first day, last day) of a period key; a month 'YYYY-MM' of 2000–2100 is accepted too."""
        today = today or china_today()
        first = today.replace(day=1)
        if key == "month":
            return first, today
        if key == "last_month":
            start = first - relativedelta(months=1)
            return start, first - timedelta(days=1)
        if key == "year":
            return today.replace(month=1, day=1), today
        if key == "last_year":
            return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        try:
            year, month = (int(part) for part in str(key).split("-"))
            start = date(year, month, 1)
        except (TypeError, ValueError):
            raise UserError(self.env._("Unknown period “%(period)s”: choose one from the list.", period=key)) from None
        if not 2000 <= year <= 2100:
            raise UserError(self.env._("Unknown period “%(period)s”: choose one from the list.", period=key))
        return start, start.replace(day=calendar.monthrange(year, month)[1])

    @api.model
    def _labels(self):
        return {
            "accepted": self.env._("Cases Accepted"),
            "decided": self.env._("Cases Decided"),
            "one_window": self.env._("One-window Share"),
            "on_time": self.env._("On-time Rate"),
            "satisfaction": self.env._("Satisfaction"),
            "rectification": self.env._("Rectification Rate"),
            "work_days": self.env._("Avg Working Days to Close"),
            "work_days_p90": self.env._("90% Decided within (working days)"),
            "online": self.env._("Online Share"),
            "agent": self.env._("Agent Cases"),
            "outreach_count": self.env._("Outreach Cases"),
            "evaluated": self.env._("Evaluation Rate"),
            "bad": self.env._("Bad Reviews"),
            "callback": self.env._("Callback Rate"),
            "complaints": self.env._("Complaints"),
            "unresolved": self.env._("Could Not Get It Done"),
            "waiting": self.env._("Avg Waiting (min)"),
            "no_show": self.env._("Appointment No-shows"),
        }

    # ------------------------------------------------------------------ the board
    @api.model
    def get_dashboard(self, period="month"):
        """Everything the dashboard shows for ``period``: the district's figures against the targets,
        one row per centre, the last 12 months' trend and the attainment of the construction targets.
        A fixed number of grouped queries; only what the caller may read."""
        Fact = self.env["gov.kpi.fact"]
        Fact.check_access("read")
        date_from, date_to = self._period_range(period)
        domain = [("date", ">=", date_from), ("date", "<=", date_to)]
        targets = Fact._kpi_targets()

        # the district's figures are the centres' totals added up: every fact belongs to one centre
        centre_totals = Fact._kpi_totals(domain, ["centre_id"])
        district = figures_from_totals(rollup(centre_totals.values()))
        centres = [(key, figures_from_totals(cell)) for key, cell in centre_totals.items()]
        trend_from = date_to.replace(day=1) - relativedelta(months=11)
        trend = Fact._kpi_figures(
            # only the facts its four figures come from: the view's other branches are not read
            [("date", ">=", trend_from), ("date", "<=", date_to), ("kind", "in", ("accepted", "decided", "evaluation"))],
            ["date:month"],
            names=("accepted", "decided", "satisfaction", "on_time"),
        )
        attainment = self.env["gov.site.attainment"]._attainment_figures()

        def row(figures):
            missed = Fact._kpi_missed(figures, targets)
            return {
                "figures": figures,
                "display": {name: fmt_figure(name, value) for name, value in figures.items()},
                "missed": missed,
            }

        centre_rows = []
        for (centre,), figures in sorted(centres, key=lambda item: item[0][0].display_name or ""):
            centre_rows.append({"id": centre.id, "name": centre.display_name, **row(figures)})
        months = {month.strftime("%Y-%m"): figures for (month,), figures in trend if month}
        trend_rows = []
        month = trend_from
        while month <= date_to:
            figures = months.get(month.strftime("%Y-%m"), {})
            trend_rows.append(
                {
                    "month": month.strftime("%Y-%m"),
                    "accepted": figures.get("accepted", 0),
                    "decided": figures.get("decided", 0),
                    "satisfaction": figures.get("satisfaction"),
                    "on_time": figures.get("on_time"),
                }
            )
            month += relativedelta(months=1)
        return {
            "period": period,
            "labels": self._labels(),
            "periods": self._periods(),
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "targets": targets,
            "targets_display": {key: f"{value:g}%" for key, value in targets.items()},
            "district": row(district),
            "centres": centre_rows,
            "trend": trend_rows,
            "attainment": self._attainment_card(attainment),
        }

    @api.model
    def _attainment_card(self, attainment):
        district, targets = attainment["district"], attainment["targets"]
        return {
            "basic_rate": fmt_figure("on_time", district["basic_rate"]),
            "standard_rate": fmt_figure("on_time", district["standard_rate"]),
            "benchmark_rate": fmt_figure("on_time", district["benchmark_rate"]),
            "basic_target": f"{targets['basic']:g}%",
            "standard_target": f"{targets['standard']:g}%",
            "benchmark_target": f"{targets['benchmark']:g}%",
            "basic_met": district["basic_met"],
            "standard_met": district["standard_met"],
            "benchmark_met": district["benchmark_met"],
        }

    # ------------------------------------------------------------------ drill-down
    @api.model
    def action_drill(self, figure, period="month", centre_id=False):
        """The records behind a figure of the dashboard (for the period, and the centre if given),
        as a list the caller's rules filter like any other."""
        self.env["gov.kpi.fact"].check_access("read")
        if figure not in AGGREGATES:
            raise UserError(self.env._("Unknown figure “%(figure)s”.", figure=figure))
        date_from, date_to = self._period_range(period)
        model, date_field, extra, title = self._drill_target(figure)
        domain = [(date_field, ">=", date_from), (date_field, "<=", date_to), *extra]
        if centre_id:
            if not isinstance(centre_id, int):
                raise UserError(self.env._("Choose a centre from the dashboard."))
            domain += ["|", ("site_id", "=", centre_id), ("site_id.parent_id", "=", centre_id)]
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }

    @api.model
    def _drill_target(self, figure):
        if figure in ("accepted", "one_window", "online", "agent", "agent_share"):
            return "gov.case", "accepted_on", [], self.env._("Cases Accepted")
        if figure in ("outreach_count", "outreach_share"):
            return "gov.case", "accepted_on", [("channel", "=", "outreach")], self.env._("Outreach Cases")
        if figure == "on_time":
            return "gov.case", "decided_on", [("on_time", "=", False)], self.env._("Cases Decided Late")
        if figure in ("decided", "on_time_count", "work_days", "work_days_p90", "evaluated"):
            return "gov.case", "decided_on", [], self.env._("Cases Decided")
        if figure == "bad":
            return "gov.evaluation", "rated_on", [("in_kpi", "=", True), ("is_bad", "=", True)], self.env._("Bad Reviews")
        if figure in ("evaluations", "satisfaction"):
            return "gov.evaluation", "rated_on", [("in_kpi", "=", True)], self.env._("Ratings")
        if figure in ("rectifications", "callback", "rectification", "rectify_days"):
            return "gov.rectification", "opened_on", [("state", "!=", "void")], self.env._("Rectifications")
        if figure in ("complaints", "suggestions", "unresolved", "complaint_on_time", "complaint_satisfied"):
            kinds = {"complaints": "complaint", "suggestions": "suggestion", "unresolved": "unresolved"}
            extra = [("kind", "=", kinds[figure])] if figure in kinds else []
            return "gov.complaint", "received_on", [("state", "!=", "rejected"), *extra], self.env._("Complaints and Suggestions")
        if figure in ("tickets", "waiting", "service"):
            return "gov.queue.ticket", "day", [("called_at", "!=", False), ("state", "!=", "transferred")], self.env._("Queue Tickets")
        return "gov.appointment", "date", [("state", "!=", "cancelled")], self.env._("Appointments")
