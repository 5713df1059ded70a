"""Roster generation: one centre against ten centres, a month each (run inside ``odoo shell``).

    scripts/govctl bench bench/bench_roster.py [DB]

Everything happens in a savepoint that is rolled back: the database is left as it was.
Prints, for 1 and for 10 centres, the shifts generated, the SQL queries, the time, and the
ratios 10-centre / 1-centre. The generator works in a constant number of queries whatever
the number of centres, days and people; the time grows with the number of shifts.
"""

import datetime
import time

# ruff: noqa: F821  (``env`` is provided by odoo shell)

MONTH_FROM = datetime.date(datetime.date.today().year + 1, 2, 1)  # February: Spring Festival holidays
MONTH_TO = MONTH_FROM.replace(day=28)
WINDOWS = [
    ("01", "综合受理窗口", "comprehensive"),
    ("03", "统一出证窗口", "issuing"),
    ("04", "办不成事反映窗口", "cannot_do"),
    ("05", "综合咨询窗口", "consultation"),
    ("06", "帮办代办窗口", "agent"),
]


class Rollback(Exception):
    pass


def staff_centre(site, tag):
    """Give ``site`` five open windows, seven staff and A/B posts (idempotent within the savepoint)."""
    Window = env["gov.window"]
    windows = Window.browse()
    for code, name, kind in WINDOWS:
        window = site.window_ids.filtered(lambda w, c=code: w.code == c)
        if not window:
            window = Window.create({"site_id": site.id, "code": code, "name": name, "window_type": kind})
        window.is_open = True
        windows |= window
    people = env["hr.employee"].create(
        [
            {
                "name": f"{site.name}-{i}",
                "gov_site_id": site.id,
                "gov_badge": f"BENCH-{tag}-{i}",
                "tz": "Asia/Shanghai",
                "gov_window_ids": [(6, 0, windows.ids)],
            }
            for i in range(7)
        ]
    )
    for i, window in enumerate(windows):
        window.write({"post_a_id": people[i].id, "post_b_id": people[(i + 1) % len(windows)].id})
    if not site.service_slot_ids:
        site.action_load_standard_hours()


def generate(sites):
    rosters = env["gov.roster"].create(
        [{"site_id": site.id, "date_from": MONTH_FROM, "date_to": MONTH_TO} for site in sites]
    )
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    rosters.action_generate()
    env.flush_all()
    elapsed = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    shifts = sum(rosters.mapped("shift_count"))
    gaps = sum(rosters.mapped("gap_count"))
    return shifts, gaps, queries, elapsed


try:
    with env.cr.savepoint():
        centres = env["gov.site"].search(
            [("kind", "=", "township_centre"), ("active", "=", True)], order="id", limit=11
        )
        assert len(centres) >= 11, "the benchmark needs 11 township centres (install with demo data)"
        for n, site in enumerate(centres):
            env["gov.roster"].search([("site_id", "=", site.id), ("date_to", ">=", MONTH_FROM)]).action_cancel()
            staff_centre(site, n)
        env.flush_all()
        one = generate(centres[:1])
        ten = generate(centres[1:11])
        print(f"Month {MONTH_FROM} – {MONTH_TO}, 5 windows and 7 staff per centre, standard service hours")
        print(f"{'centres':>8} {'shifts':>8} {'gaps':>6} {'queries':>8} {'seconds':>8} {'ms/shift':>9}")
        for label, (shifts, gaps, queries, elapsed) in (("1", one), ("10", ten)):
            print(
                f"{label:>8} {shifts:>8} {gaps:>6} {queries:>8} {elapsed:>8.2f} {1000 * elapsed / max(shifts, 1):>9.2f}"
            )
        print(
            f"ratio 10/1: shifts x{ten[0] / max(one[0], 1):.1f}, queries x{ten[2] / max(one[2], 1):.2f}, "
            f"time x{ten[3] / max(one[3], 1e-9):.1f}"
        )
        raise Rollback
except Rollback:
    print("(rolled back)")
env.cr.rollback()
