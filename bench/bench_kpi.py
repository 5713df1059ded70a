"""Benchmark: the KPI figures (gov.kpi.fact) over the city (bench/citygen.py), against raw SQL.

Run inside ``odoo shell``, on the city's database:

    scripts/govctl bench bench/citygen.py gov_city     # once: 9 districts, 2 million cases
    scripts/govctl bench bench/bench_kpi.py gov_city

1. Measures, each three times with an empty record cache (the registry's caches warm, one run
   before), keeping the best:
   a. the dashboard, ``gov.kpi.dashboard.get_dashboard("year")`` as the administrator
      (base.user_admin, every site): time and SQL queries;
   b. ``gov.kpi.fact._kpi_figures(this year, ["centre_id"])`` alone, as the same user;
   c. a hand-written SQL query over the base tables (gov_case, gov_evaluation, gov_rectification,
      gov_complaint, gov_queue_ticket, gov_appointment; one GROUP BY per table, joined per centre)
      computing the same figures per centre for the same year;
   d. c, plus by hand the rest of what the dashboard shows: the 90th percentile over all sites and
      the 12 months' trend (accepted, decided, on-time rate, satisfaction).
   Prints a to d with the ratios a/d (the dashboard against SQL of the same figures) and b/c
   against the target (≤ 3×), and checks that the figures per centre of b equal those of c (rates
   and averages rounded to 0.1).
2. Measures all of it again with ``SET LOCAL jit = off``: PostgreSQL's JIT (on by default) compiles
   every query whose estimated cost is high, which takes seconds here and weighs differently on
   each side (the raw query's parallel workers each compile their own code), so the ratio is shown
   with and without it. BENCH_EXPLAIN=1 adds the EXPLAIN ANALYZE of the dashboard's and of the raw
   SQL's queries (those of 50 ms or more) under each setting.

It only reads: the shell's transaction is rolled back at the end.
"""

import os
import sys
import time

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

env = env  # noqa: F821,PLW0127 - provided by odoo shell

sys.path.insert(0, os.path.join(os.getcwd(), "bench"))  # run from the repository's root (scripts/govctl)
from cityconf import CODE  # noqa: E402

REPEAT = 3
EXPLAIN = os.environ.get("BENCH_EXPLAIN") == "1"
TARGET = 3.0
# The figures compared between the view (b) and the raw SQL (c).
COMPARED = (
    "accepted",
    "decided",
    "on_time",
    "work_days",
    "work_days_p90",
    "one_window",
    "online",
    "agent",
    "evaluated",
    "satisfaction",
    "bad",
    "rectification",
    "complaints",
    "waiting",
    "no_show",
)


# ================================================================ the raw SQL (c)
RAW_SQL = """
WITH decided_rated AS (
    SELECT DISTINCT case_id FROM gov_evaluation WHERE in_kpi AND case_id IS NOT NULL
), accepted AS (
    SELECT centre_id, count(*) AS accepted,
           count(agent_id) AS agent,
           avg(CASE WHEN is_comprehensive THEN 100.0 ELSE 0.0 END::float) AS one_window,
           avg(CASE WHEN channel = 'portal' THEN 100.0 ELSE 0.0 END::float) AS online
      FROM gov_case
     WHERE active AND accepted_on BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY centre_id
), decided AS (
    SELECT c.centre_id, count(*) AS decided,
           avg(CASE WHEN c.on_time THEN 100.0 ELSE 0.0 END::float) AS on_time,
           avg(c.work_days::float) AS work_days,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY c.work_days::float) AS work_days_p90,
           avg(CASE WHEN r.case_id IS NOT NULL THEN 100.0 ELSE 0.0 END::float) AS evaluated
      FROM gov_case c
      LEFT JOIN decided_rated r ON r.case_id = c.id
     WHERE c.active AND c.accepted_on IS NOT NULL AND c.decided_on BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY c.centre_id
), ratings AS (
    SELECT centre_id, count(*) FILTER (WHERE is_bad) AS bad,
           avg(CASE WHEN is_bad THEN 0.0 ELSE 100.0 END::float) AS satisfaction
      FROM gov_evaluation
     WHERE in_kpi AND rated_on BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY centre_id
), rectifications AS (
    SELECT centre_id, avg(CASE WHEN state = 'closed' THEN 100.0 ELSE 0.0 END::float) AS rectification
      FROM gov_rectification
     WHERE state <> 'void' AND opened_on BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY centre_id
), complaints AS (
    SELECT centre_id, count(*) FILTER (WHERE kind = 'complaint') AS complaints
      FROM gov_complaint
     WHERE active AND state <> 'rejected' AND received_on BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY centre_id
), tickets AS (
    SELECT CASE WHEN s.is_centre THEN s.id ELSE s.parent_id END AS centre_id,
           avg(t.waiting_minutes::float) AS waiting
      FROM gov_queue_ticket t JOIN gov_site s ON s.id = t.site_id
     WHERE t.called_at IS NOT NULL AND t.state <> 'transferred' AND t.day BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY 1
), appointments AS (
    SELECT CASE WHEN s.is_centre THEN s.id ELSE s.parent_id END AS centre_id,
           avg(CASE a.state WHEN 'no_show' THEN 100.0 WHEN 'booked' THEN NULL ELSE 0.0 END::float) AS no_show
      FROM gov_appointment a JOIN gov_site s ON s.id = a.site_id
     WHERE a.state <> 'cancelled' AND a.date BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY 1
), centres AS (
    SELECT centre_id FROM accepted UNION SELECT centre_id FROM decided UNION SELECT centre_id FROM ratings
    UNION SELECT centre_id FROM rectifications UNION SELECT centre_id FROM complaints
    UNION SELECT centre_id FROM tickets UNION SELECT centre_id FROM appointments
)
SELECT k.centre_id,
       coalesce(a.accepted, 0), coalesce(d.decided, 0), d.on_time, d.work_days, d.work_days_p90,
       a.one_window, a.online, coalesce(a.agent, 0), d.evaluated, r.satisfaction, coalesce(r.bad, 0),
       x.rectification, coalesce(p.complaints, 0), t.waiting, m.no_show
  FROM centres k
  LEFT JOIN accepted a ON a.centre_id IS NOT DISTINCT FROM k.centre_id
  LEFT JOIN decided d ON d.centre_id IS NOT DISTINCT FROM k.centre_id
  LEFT JOIN ratings r ON r.centre_id IS NOT DISTINCT FROM k.centre_id
  LEFT JOIN rectifications x ON x.centre_id IS NOT DISTINCT FROM k.centre_id
  LEFT JOIN complaints p ON p.centre_id IS NOT DISTINCT FROM k.centre_id
  LEFT JOIN tickets t ON t.centre_id IS NOT DISTINCT FROM k.centre_id
  LEFT JOIN appointments m ON m.centre_id IS NOT DISTINCT FROM k.centre_id
"""


# The rest of what the dashboard shows, by hand: the district's 90th percentile (the district's other
# figures add up from the centres') and the 12 months' trend of accepted and decided cases, on-time
# rate and satisfaction.
RAW_DASHBOARD_SQL = """
SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY work_days::float)
  FROM gov_case
 WHERE active AND accepted_on IS NOT NULL AND decided_on BETWEEN %(date_from)s AND %(date_to)s;
WITH accepted AS (
    SELECT date_trunc('month', accepted_on) AS month, count(*) AS accepted
      FROM gov_case
     WHERE active AND accepted_on BETWEEN %(trend_from)s AND %(date_to)s
     GROUP BY 1
), decided AS (
    SELECT date_trunc('month', decided_on) AS month, count(*) AS decided,
           avg(CASE WHEN on_time THEN 100.0 ELSE 0.0 END::float) AS on_time
      FROM gov_case
     WHERE active AND accepted_on IS NOT NULL AND decided_on BETWEEN %(trend_from)s AND %(date_to)s
     GROUP BY 1
), ratings AS (
    SELECT date_trunc('month', rated_on) AS month, avg(CASE WHEN is_bad THEN 0.0 ELSE 100.0 END::float) AS satisfaction
      FROM gov_evaluation
     WHERE in_kpi AND rated_on BETWEEN %(trend_from)s AND %(date_to)s
     GROUP BY 1
)
SELECT coalesce(a.month, d.month, r.month), a.accepted, d.decided, d.on_time, r.satisfaction
  FROM accepted a
  FULL JOIN decided d ON d.month = a.month
  FULL JOIN ratings r ON r.month = coalesce(a.month, d.month)
"""


def raw_dashboard(date_from, date_to):
    """What the dashboard shows, by hand: the figures per centre (RAW_SQL), the district's 90th
    percentile and the 12 months' trend (RAW_DASHBOARD_SQL)."""
    result = raw_figures(date_from, date_to)
    trend_from = date_to.replace(day=1) - relativedelta(months=11)
    env.cr.execute(RAW_DASHBOARD_SQL, {"date_from": date_from, "date_to": date_to, "trend_from": trend_from})
    return result, env.cr.fetchall()


def raw_figures(date_from, date_to):
    """{centre id: {figure: value}} by the raw SQL, rounded as the dashboard rounds."""
    env.cr.execute(RAW_SQL, {"date_from": date_from, "date_to": date_to})
    result = {}
    for centre_id, *values in env.cr.fetchall():
        figures = {}
        for name, value in zip(COMPARED, values, strict=True):
            figures[name] = value if isinstance(value, int) or value is None else round(float(value), 1)
        result[centre_id] = figures
    return result


# ================================================================ measuring
def measure(label, func):
    """The best of REPEAT runs (one warm-up run before), each with an empty record cache."""
    func()
    runs = []
    for _i in range(REPEAT):
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        result = func()
        runs.append(((time.perf_counter() - start) * 1000, env.cr.sql_log_count - queries))
    best = min(runs)
    return {"label": label, "ms": best[0], "queries": best[1], "runs": runs, "result": result}


def captured(func):
    """The queries ``func()`` runs: [(query, params)]."""
    queries = []
    execute = env.cr.execute

    def capture(query, params=None, log_exceptions=True):
        queries.append((query, params))
        return execute(query, params, log_exceptions)

    env.cr.execute = capture
    try:
        func()
    finally:
        del env.cr.execute
    return queries


def explain(label, func):
    """EXPLAIN ANALYZE of the queries of ``func()`` that take 50 ms or more."""
    for query, params in captured(func):
        start = time.perf_counter()
        env.cr.execute(query, params)
        if time.perf_counter() - start < 0.05:
            continue
        if isinstance(query, SQL):
            env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
        else:
            env.cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
        print(f"\n--- EXPLAIN ANALYZE: {label} ---")
        print(query.code if isinstance(query, SQL) else query)
        print("\n".join(row[0] for row in env.cr.fetchall()))


def compare(view_rows, raw):
    """Differences between the figures per centre of the view (b) and of the raw SQL (c)."""
    view = {(centre.id or None): figures for (centre,), figures in view_rows}
    differences = []
    for centre_id in sorted(set(view) | set(raw), key=lambda c: c or 0):
        mine, theirs = view.get(centre_id), raw.get(centre_id)
        if mine is None or theirs is None:
            differences.append(f"centre {centre_id}: only in {'the raw SQL' if mine is None else 'the view'}")
            continue
        for name in COMPARED:
            if mine[name] != theirs[name]:
                differences.append(f"centre {centre_id} {name}: view {mine[name]} raw SQL {theirs[name]}")
    return len(view), differences


def run():
    env.cr.execute("SELECT count(*), count(*) FILTER (WHERE number LIKE %s) FROM gov_case", [f"{CODE}%"])
    cases, city = env.cr.fetchone()
    if not city:
        print(f"No city in {env.cr.dbname}: build it first (scripts/govctl bench bench/citygen.py {env.cr.dbname})")
        return
    env.cr.execute("SELECT count(*) FROM gov_evaluation")
    print(f"{env.cr.dbname}: {cases:,} cases ({city:,} of the city), {env.cr.fetchone()[0]:,} ratings")

    admin = env.ref("base.user_admin")
    Dashboard = env["gov.kpi.dashboard"].with_user(admin)
    Fact = env["gov.kpi.fact"].with_user(admin)
    date_from, date_to = Dashboard._period_range("year")
    domain = [("date", ">=", date_from), ("date", "<=", date_to)]
    env.cr.execute("SELECT count(*) FROM gov_case WHERE accepted_on BETWEEN %s AND %s", [date_from, date_to])
    in_year = env.cr.fetchone()[0]
    print(
        f"\nPeriod 'year': {date_from} … {date_to} ({in_year:,} cases accepted in it, all sites); "
        f"user {admin.login}; best of {REPEAT} runs, record cache emptied before each"
    )

    runs = {}
    env.cr.execute("SHOW jit")
    jit = env.cr.fetchone()[0]
    for setting, statement in ((f"server settings (jit {jit})", None), ("jit off", "SET LOCAL jit = off")):
        if statement:
            env.cr.execute(statement)
        results = [
            measure("a. dashboard get_dashboard('year')", lambda: Dashboard.get_dashboard("year")),
            measure("b. _kpi_figures(year, ['centre_id'])", lambda: Fact._kpi_figures(domain, ["centre_id"])),
            measure("c. raw SQL GROUP BY per centre", lambda: raw_figures(date_from, date_to)),
            measure("d. raw SQL of all the dashboard shows", lambda: raw_dashboard(date_from, date_to)),
        ]
        runs[setting] = results
        raw = results[2]
        print(f"\n== {setting}\n{'figure set':<40}{'ms':>9}{'queries':>9}   runs (ms)")
        for res in results:
            times = ", ".join(f"{ms:.0f}" for ms, _q in res["runs"])
            print(f"{res['label']:<40}{res['ms']:>9.1f}{res['queries']:>9}   {times}")
        # the same figures on both sides: the dashboard against d, the figures per centre against c
        for res, other in ((results[0], results[3]), (results[1], raw)):
            ratio = res["ms"] / other["ms"]
            print(
                f"   ratio {res['label'][0]}/{other['label'][0]} {ratio:>6.2f}×   target ≤ {TARGET:g}×: "
                f"{'PASS' if ratio <= TARGET else 'MISS'}"
            )
        if EXPLAIN:
            explain(f"a. dashboard, {setting}", lambda: Dashboard.get_dashboard("year"))
            explain(f"c. raw SQL, {setting}", lambda: raw_figures(date_from, date_to))

    results = next(iter(runs.values()))
    centres, differences = compare(results[1]["result"], results[2]["result"])
    if differences:
        print(f"\nfigures DIFFER between b and c ({len(differences)} differences over {centres} centres):")
        for line in differences[:30]:
            print(f"   {line}")
    else:
        print(f"\nfigures equal: b and c, {centres} centres × {len(COMPARED)} figures (rates and averages to 0.1)")
    district = results[0]["result"]["district"]["display"]
    print(
        "district: "
        + ", ".join(
            f"{name} {district[name]}" for name in ("accepted", "decided", "on_time", "one_window", "satisfaction")
        )
    )


try:
    run()
finally:
    env.cr.rollback()  # it only reads
