"""The plan's figures over ``gov.kpi.fact``: which aggregate each one is, which are rates, and how
totals of groups roll up into figures (pure functions, no database)."""

import math
from collections import Counter

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
    "outreach_count": "outreach_count:sum",
    "outreach_share": "outreach_rate:avg",
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
        "outreach_share",
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
