"""The district's KPI dashboard: the plan's figures against its targets, per centre, with drill-down.

Everything comes from grouped queries on ``gov.kpi.fact`` (``_kpi_figures``) and on the
attainment view, a fixed number of them whatever the number of cases; the caller's record rules
apply (a centre manager sees their centre and its stations, the district everything).
"""

import calendar
import math
from collections import Counter
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import UserError
from odoo.fields import Domain

from .config import float_param

# The plan's targets (task 5: 通办比例 100%, 满意率 ≥ 95%; 国办发〔2019〕51号: every bad review
# rectified; 行政许可法: decided within the limit), each a system parameter set in gov.settings.
TARGETS = {
    "one_window": ("gov_eval.target_one_window", 100.0),
    "on_time": ("gov_eval.target_on_time", 100.0),
    "satisfaction": ("gov_eval.target_satisfaction", 95.0),
    "rectification": ("gov_eval.target_rectification", 100.0),
}
# The figures read from the fact view: name -> aggregate.
AGGREGATES = {
    "accepted": "accepted_count:sum",
    "decided": "decided_count:sum",
    "on_time_count": "on_time_count:sum",
    "agent": "agent_count:sum",
    "on_time": "on_time_rate:avg",
    "work_days": "work_days:avg",
    "work_days_p90": "work_days:p90",
    "one_window": "one_window_rate:avg",
    "online": "online_rate:avg",
    "agent_share": "agent_rate:avg",
    "evaluated": "evaluated_rate:avg",
    "evaluations": "evaluation_count:sum",
    "bad": "bad_count:sum",
    "satisfaction": "satisfaction_rate:avg",
    "rectifications": "rectification_count:sum",
    "callback": "callback_rate:avg",
    "rectification": "rectification_rate:avg",
    "rectify_days": "rectify_days:avg",
    "complaints": "complaint_count:sum",
    "suggestions": "suggestion_count:sum",
    "unresolved": "unresolved_count:sum",
    "complaint_on_time": "complaint_on_time_rate:avg",
    "complaint_satisfied": "complaint_satisfied_rate:avg",
    "tickets": "ticket_count:sum",
    "waiting": "waiting_minutes:avg",
    "service": "service_minutes:avg",
    "appointments": "appointment_count:sum",
    "no_show": "no_show_rate:avg",
}
# Figures shown as a share (%); the others are counts, days or minutes.
RATES = frozenset(
    {
        "on_time",
        "one_window",
        "online",
        "agent_share",
        "evaluated",
        "satisfaction",
        "callback",
        "rectification",
        "complaint_on_time",
        "complaint_satisfied",
        "no_show",
    }
)


AVERAGES = frozenset(name for name, spec in AGGREGATES.items() if spec.endswith(":avg"))
# The 90th percentile of the working days: percentile_cont is an ordered-set aggregate, which
# PostgreSQL computes by sorting (never hashing) the rows it aggregates: read with the other figures
# it sorted the wide rows of every fact (1.2 million, 100 MB on disk at 500,000 cases a year). It is
# computed from the number of decided cases per whole number of working days instead (exact).
P90 = "work_days_p90"


def percentile_cont(histogram, fraction=0.9):
    """PostgreSQL's percentile_cont(fraction) of the values counted in ``histogram`` ({value: count})."""
    total = sum(histogram.values())
    if not total:
        return None
    position = fraction * (total - 1)
    lower, upper = math.floor(position), math.ceil(position)
    low = high = None
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if low is None and seen > lower:
            low = value
        if seen > upper:
            high = value
            break
    return low + (high - low) * (position - lower)


def rollup(cells):
    """The totals (see ``_kpi_totals``) of several groups together."""
    result = {}
    for cell in cells:
        for name, value in cell.items():
            if name == P90:
                result.setdefault(name, Counter()).update(value)
            elif name in AVERAGES:
                total, count = result.get(name, (0.0, 0))
                result[name] = (total + (value[0] or 0.0), count + (value[1] or 0))
            else:
                result[name] = result.get(name, 0) + (value or 0)
    return result


def figures_from_totals(totals, names=tuple(AGGREGATES)):
    """{figure: value} from the totals of a group; sums without facts are 0, averages without facts
    None, rates and averages rounded to 0.1."""
    result = {}
    for name in names:
        value = totals.get(name)
        if name == P90:
            result[name] = round(percentile_cont(value), 1) if value else None
        elif name in AVERAGES:
            total, count = value or (0.0, 0)
            result[name] = round(float(total) / count, 1) if count else None
        else:
            result[name] = int(value or 0)
    return result


def fmt_figure(name, value):
    if value is None:
        return "—"
    if name in RATES:
        return f"{value:.1f}%"
    if isinstance(value, float):
        return f"{value:.1f}"
    return f"{value:,}"


class GovKpiFact(models.Model):
    _inherit = "gov.kpi.fact"

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
            ("month", _("This Month")),
            ("last_month", _("Last Month")),
            ("year", _("This Year")),
            ("last_year", _("Last Year")),
        ]
        first = today.replace(day=1)
        for back in range(1, 13):
            month = first - relativedelta(months=back)
            periods.append((f"{month:%Y-%m}", _("%(year)s-%(month)02d", year=month.year, month=month.month)))
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
            raise UserError(_("Unknown period “%(period)s”: choose one from the list.", period=key)) from None
        if not 2000 <= year <= 2100:
            raise UserError(_("Unknown period “%(period)s”: choose one from the list.", period=key))
        return start, start.replace(day=calendar.monthrange(year, month)[1])

    @api.model
    def _labels(self):
        return {
            "accepted": _("Cases Accepted"),
            "decided": _("Cases Decided"),
            "one_window": _("One-window Share"),
            "on_time": _("On-time Rate"),
            "satisfaction": _("Satisfaction"),
            "rectification": _("Rectification Rate"),
            "work_days": _("Avg Working Days to Close"),
            "work_days_p90": _("90% Decided within (working days)"),
            "online": _("Online Share"),
            "agent": _("Agent Cases"),
            "evaluated": _("Evaluation Rate"),
            "bad": _("Bad Reviews"),
            "callback": _("Callback Rate"),
            "complaints": _("Complaints"),
            "unresolved": _("Could Not Get It Done"),
            "waiting": _("Avg Waiting (min)"),
            "no_show": _("Appointment No-shows"),
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
            raise UserError(_("Unknown figure “%(figure)s”.", figure=figure))
        date_from, date_to = self._period_range(period)
        model, date_field, extra, title = self._drill_target(figure)
        domain = [(date_field, ">=", date_from), (date_field, "<=", date_to), *extra]
        if centre_id:
            if not isinstance(centre_id, int):
                raise UserError(_("Choose a centre from the dashboard."))
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
            return "gov.case", "accepted_on", [], _("Cases Accepted")
        if figure == "on_time":
            return "gov.case", "decided_on", [("on_time", "=", False)], _("Cases Decided Late")
        if figure in ("decided", "on_time_count", "work_days", "work_days_p90", "evaluated"):
            return "gov.case", "decided_on", [], _("Cases Decided")
        if figure == "bad":
            return "gov.evaluation", "rated_on", [("in_kpi", "=", True), ("is_bad", "=", True)], _("Bad Reviews")
        if figure in ("evaluations", "satisfaction"):
            return "gov.evaluation", "rated_on", [("in_kpi", "=", True)], _("Ratings")
        if figure in ("rectifications", "callback", "rectification", "rectify_days"):
            return "gov.rectification", "opened_on", [("state", "!=", "void")], _("Rectifications")
        if figure in ("complaints", "suggestions", "unresolved", "complaint_on_time", "complaint_satisfied"):
            kinds = {"complaints": "complaint", "suggestions": "suggestion", "unresolved": "unresolved"}
            extra = [("kind", "=", kinds[figure])] if figure in kinds else []
            return "gov.complaint", "received_on", [("state", "!=", "rejected"), *extra], _("Complaints and Suggestions")
        if figure in ("tickets", "waiting", "service"):
            return "gov.queue.ticket", "day", [("called_at", "!=", False), ("state", "!=", "transferred")], _("Queue Tickets")
        return "gov.appointment", "date", [("state", "!=", "cancelled")], _("Appointments")
