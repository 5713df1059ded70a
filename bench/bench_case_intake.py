"""Case intake against Odoo's project tasks, and the nightly deadline job over 100,000 open cases
(run inside ``odoo shell``).

The comparison needs Odoo's ``project`` module, which no module of the suite depends on (and none
must): it is installed only in a dedicated benchmark database, prepared once (a few minutes) with

    scripts/govctl odoo -d gov_bench_case -i gov_eval,project --with-demo --load-language=zh_CN \
        --stop-after-init --http-port 8079

then the benchmark runs with

    scripts/govctl bench bench/bench_case_intake.py gov_bench_case

(``scripts/govctl bench`` without a database would create gov_bench, which has no project: the
script then stops and says so). Environment: BENCH_PARTS=intake or BENCH_PARTS=cron runs one part
only; BENCH_PROFILE=1 adds, after the measured runs, profiled runs (query shapes by time, cProfile
of the suite, the ORM and mail).

1. Intake. 1,000 cases (办件) of a published item with materials, at the centre of the demo window
   clerk (gov_clerk; the superuser when the demo users are missing), mail tracking on as in
   production: create (number from the site's ir.sequence, checklist copied from the item, window
   routed), then required materials received and action_accept (working-day deadlines, colour,
   chatter). Batch: one create of 1,000 vals, then one write of the materials and one action_accept
   on the recordset. One by one: per case, the create as one request, the materials ticked and
   Accept pressed as a second. In the same run, 1,000 project.task (one stage, one assignee, a
   deadline: Odoo's tracking on) by the same user, in one create and one by one. Every request
   starts with an empty record cache (the registry's caches stay warm) and ends as a commit would:
   flush, then the precommit hooks, where mail tracking writes its messages (without them no
   tracking message would be counted at all). Batch runs twice, alternately with the tasks, and
   the better run counts; one by one alternates a case and a task, so that both meet the same load
   of the machine. Prints ms and queries per record and the ratio case / task; target: a case
   costs no more than a task (ratio ≤ 1.0).
2. Deadline job. 100,000 open cases inserted with SQL (promised deadlines spread evenly over 100
   working days from 3 days ago, so ~1% of the cases cross each colour boundary per day; 1% paused
   with an open pause; the responsible user follows each), all "normal" as acceptance leaves them.
   ``_cron_deadlines`` runs on day D (the first night: every transition), then, timed as the
   steady state, on D + 1 (the next working day); D + 1 runs again without activities
   (``mail_activity_automation_skip``) to show what the recolouring costs alone. Target: the
   steady-state night in 2 s or less. On a database that already holds 100,000 open cases or more
   (the city of bench/citygen.py), nothing is inserted: the job runs over those, as generated.

Everything happens in savepoints that are rolled back: the database is left as it was (but for
the PostgreSQL sequences behind ir.sequence, which never go back).
"""

import collections
import cProfile
import datetime
import io
import os
import pstats
import re
import sys
import time

from stdnum.cn import ric

from odoo import sql_db

env = env  # noqa: F821,PLW0127 - provided by odoo shell

N = 1000
OPEN_CASES = 100_000
SPREAD = 100  # working days over which the open cases' promised deadlines are spread
OVERDUE = 3  # of which these many lie before day D
TARGET_RATIO = 1.0
CRON_BUDGET = 2.0  # seconds
TZ = "Asia/Shanghai"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
PARTS = os.environ.get("BENCH_PARTS", "intake,cron").split(",")


class Rollback(Exception):
    pass


def installed(name):
    return bool(env["ir.module.module"].search_count([("name", "=", name), ("state", "=", "installed")]))


if not installed("gov_eval"):
    sys.exit(f"bench_case_intake: gov_eval is not installed in database {env.cr.dbname!r}.")
if not installed("project"):
    sys.exit(
        f"bench_case_intake: Odoo's project module is not installed in database {env.cr.dbname!r}; the "
        "comparison with project.task needs it, and only the benchmark database may have it. Prepare it with\n"
        "    scripts/govctl odoo -d gov_bench_case -i gov_eval,project --with-demo --load-language=zh_CN "
        "--stop-after-init --http-port 8079\n"
        "then run\n"
        "    scripts/govctl bench bench/bench_case_intake.py gov_bench_case"
    )


def vacuum():
    """VACUUM ANALYZE the tables the benchmark writes: every run rolls back what it inserted (100,000
    cases, thousands of messages and activities), and the dead rows it leaves would slow the next
    run's queries until autovacuum passes (seen: 3.6 ms instead of 0.1 ms for one activity search)."""
    connection = sql_db.db_connect(env.cr.dbname).cursor()
    try:
        connection._cnx.autocommit = True
        for table in (
            "gov_case",
            "gov_case_material",
            "gov_case_pause",
            "mail_message",
            "mail_activity",
            "mail_followers",
            "mail_tracking_value",
            "project_task",
        ):
            connection.execute(f"VACUUM ANALYZE {table}")  # noqa: S608 - fixed names
    finally:
        connection.close()


vacuum()


# ================================================================ measuring
class Meter:
    """Seconds and queries, summed over the phases of a mode."""

    def __init__(self):
        self.seconds = collections.Counter()
        self.queries = collections.Counter()

    def run(self, phase, function, *args, request=True, commit=True):
        """Run a phase as (part of) a request: ``request``, start it as a new request does, with an
        empty record cache (the registry's caches stay warm); ``commit``, end it as a commit would
        (flush, then the precommit hooks, where mail tracking writes its messages; not the COMMIT
        itself), else just flush."""
        if request:
            env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        result = function(*args)
        if commit:
            env.cr.flush()
        else:
            env.flush_all()
        self.seconds[phase] += time.perf_counter() - start
        self.queries[phase] += env.cr.sql_log_count - queries
        return result

    @property
    def total(self):
        return sum(self.seconds.values()), sum(self.queries.values())


class QueryShapes:
    """Counts and times the queries by shape (numbers and literals blanked) while active."""

    def __init__(self, cr):
        self.cr, self.count, self.seconds = cr, collections.Counter(), collections.Counter()

    def __enter__(self):
        execute = self.cr.execute

        def counting(query, params=None, log_exceptions=True):
            text = query.code if hasattr(query, "code") else str(query)
            shape = re.sub(r"\s+", " ", re.sub(r"'[^']*'|\b\d+\b", "?", text)).strip()[:110]
            start = time.perf_counter()
            try:
                return execute(query, params, log_exceptions)
            finally:
                self.seconds[shape] += time.perf_counter() - start
                self.count[shape] += 1

        self.cr.execute = counting
        return self

    def __exit__(self, *exc):
        del self.cr.execute

    def print(self, per, limit=15):
        print(f"    query shapes by time, per record (top {limit}): ms  count  shape")
        for shape, seconds in self.seconds.most_common(limit):
            print(f"    {1000 * seconds / per:>6.2f} {self.count[shape] / per:>6.2f}  {shape}")


def profiled(label, function, *args, per=N):
    """``function(*args)``; with BENCH_PROFILE=1, under cProfile, printing the query shapes (per
    ``per`` records) and the functions of the suite, the ORM and mail by cumulative time."""
    if not PROFILE:
        return function(*args)
    profile = cProfile.Profile()
    with QueryShapes(env.cr) as shapes:
        result = profile.runcall(function, *args)
    print(f"\n--- profile: {label} ---")
    shapes.print(per)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(r"gov_|mail|orm/|models/", 45)
    print("\n".join(line for line in out.getvalue().splitlines()[8:] if line.strip()))
    return result


# ================================================================ the case and the task
def resident_id(i):
    body = f"150202198{i % 10}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    return body + ric.calc_check_digit(body + "?")  # stdnum ignores the last character


def case_vals(i):
    return {
        "item_id": ITEM.id,
        "site_id": SITE.id,
        "applicant_name": f"申请人{i}",
        "id_number_input": resident_id(i),
        "applicant_phone": f"138{i:08d}",
        "applicant_address": f"东河区和平路{i}号",
    }


def task_vals(i):
    return {
        "name": f"基准任务{i}",
        "project_id": PROJECT.id,
        "user_ids": [(6, 0, USER.ids)],
        "date_deadline": datetime.datetime(2030, 1, 1, 10, 0),
    }


def cases_batch(meter, start, count):
    Case = env(user=USER.id, context=CONTEXT)["gov.case"]
    vals_list = [case_vals(i) for i in range(start, start + count)]
    cases = meter.run("create", Case.create, vals_list)
    tick = cases.material_ids.filtered("required").write
    meter.run("materials", tick, {"received": True}, commit=False)
    meter.run("accept", cases.action_accept, request=False)
    return cases


def cases_one_by_one(meter, start, count):
    Case = env(user=USER.id, context=CONTEXT)["gov.case"]
    ids = []
    for i in range(start, start + count):
        case = meter.run("create", Case.create, case_vals(i))
        # then the clerk ticks the materials received and presses Accept: one request
        tick = case.material_ids.filtered("required").write
        meter.run("materials", tick, {"received": True}, commit=False)
        meter.run("accept", case.action_accept, request=False)
        ids.append(case.id)
    return Case.browse(ids)


def tasks_batch(meter, start, count):
    Task = env(user=USER.id, context=CONTEXT)["project.task"]
    return meter.run("create", Task.create, [task_vals(i) for i in range(start, start + count)])


def tasks_one_by_one(meter, start, count):
    Task = env(user=USER.id, context=CONTEXT)["project.task"]
    for i in range(start, start + count):
        meter.run("create", Task.create, task_vals(i))


def timed(label, function, start):
    env.cr.flush()
    env.invalidate_all()
    meter = Meter()
    profiled(label, function, meter, start, N)
    return meter


# ================================================================ set-up
clerk = env["res.users"].search([("login", "=", "gov_clerk")], limit=1)
if clerk and clerk.gov_site_ids:
    USER, SITE = clerk, clerk.gov_site_ids[:1]
    WHO = "the demo window clerk gov_clerk"
else:
    USER = env.ref("base.user_root")
    SITE = env["gov.item.site"].search([("item_id.state", "=", "published")], limit=1).site_id
    WHO = "the superuser (NOTE: no demo user gov_clerk: access rules are not exercised)"
lines = env["gov.item.site"].search(
    [("site_id", "=", SITE.id), ("item_id.state", "=", "published"), ("item_id.material_ids", "!=", False)]
)
if not lines:
    sys.exit(f"bench_case_intake: no published item with materials is listed at {SITE.name}: install the demo data.")


def item_weight(line):
    item = line.item_id
    required = item.material_ids.filtered(lambda m: m.requirement == "required")
    return (item.case_kind == "promised", bool(line.window_id), len(required), len(item.material_ids), -item.id)


LINE = max(lines, key=item_weight)
ITEM = LINE.item_id
CONTEXT = {"tz": TZ, "lang": USER.lang or "zh_CN"}
REQUIRED = len(ITEM.material_ids.filtered(lambda m: m.requirement == "required"))
PROJECT = None  # created in the intake's savepoint


def intake():
    """Cases against tasks, batch (twice each, alternating; the better of the two runs counts) and one
    by one (a case then a task, alternately, so that both meet the same load of the machine)."""
    global PROJECT  # noqa: PLW0603
    print(
        f"Intake: {N:,} cases of 「{ITEM.name}」 ({ITEM.case_kind}, {len(ITEM.material_ids)} materials of which "
        f"{REQUIRED} required, promised {ITEM.promised_time_limit} / legal {ITEM.legal_time_limit} working days) "
        f"at {SITE.name}, by {WHO}; mail tracking on"
    )
    try:
        with env.cr.savepoint():
            # The same user creates the tasks: a project user, in the benchmark database only.
            USER.sudo().write({"group_ids": [(4, env.ref("project.group_project_user").id)]})
            PROJECT = env["project.project"].create(
                {
                    "name": "办件基准对照项目",
                    "privacy_visibility": "employees",
                    "type_ids": [(0, 0, {"name": "待办", "sequence": 1}), (0, 0, {"name": "完成", "sequence": 2})],
                }
            )
            # Warm-up (the site's first case creates its sequence; registry caches), not timed.
            warm = Meter()
            for k, function in enumerate((cases_batch, cases_one_by_one, tasks_batch, tasks_one_by_one)):
                function(warm, 900_000 + 10 * k, 3)
            batch = {"case": [], "task": []}
            for round_ in range(2):
                batch["case"].append(timed("cases, batch", cases_batch, 100_000 * (round_ + 1)))
                batch["task"].append(timed("tasks, batch", tasks_batch, 100_000 * (round_ + 1)))
            results = {
                ("case", "batch"): min(batch["case"], key=lambda m: m.total[0]),
                ("task", "batch"): min(batch["task"], key=lambda m: m.total[0]),
                ("case", "one by one"): Meter(),
                ("task", "one by one"): Meter(),
            }
            env.cr.flush()
            Open = env["gov.case"].sudo().with_context(active_test=False)
            already = Open.search_count([("state", "in", ("accepted", "review"))])
            provisional = Open.search_count(
                [("state", "in", ("accepted", "review")), ("deadline_provisional", "=", True)]
            )
            for i in range(N):
                cases_one_by_one(results[("case", "one by one")], i, 1)
                tasks_one_by_one(results[("task", "one by one")], i, 1)
            if PROFILE:
                profiled("cases, batch", cases_batch, Meter(), 300_000, N)
                profiled("cases, one by one", cases_one_by_one, Meter(), 400_000, N)
                profiled("tasks, one by one", tasks_one_by_one, Meter(), 400_000, N)
            cases = env["gov.case"].search([("site_id", "=", SITE.id), ("applicant_name", "=like", "申请人%")])
            accepted = cases.filtered(lambda c: c.state == "accepted")
            print(
                f"({len(accepted):,} cases accepted, {len(accepted.filtered('deadline_provisional')):,} with a "
                f"provisional deadline; numbers {min(cases.mapped('number'))} … {max(cases.mapped('number'))})"
            )
            raise Rollback
    except Rollback:
        pass
    env.invalidate_all()

    print(
        f"\n{'mode':<12}{'case ms':>9}{'task ms':>9}{'ratio':>7}{'case q':>8}{'task q':>8}  target: ratio ≤ {TARGET_RATIO}"
    )
    for mode in ("batch", "one by one"):
        (case_s, case_q), (task_s, task_q) = results[("case", mode)].total, results[("task", mode)].total
        ratio = case_s / task_s
        print(
            f"{mode:<12}{1000 * case_s / N:>9.2f}{1000 * task_s / N:>9.2f}{ratio:>7.2f}"
            f"{case_q / N:>8.1f}{task_q / N:>8.1f}  {'met' if ratio <= TARGET_RATIO else 'NOT met'}"
        )
    print(
        "(ms and queries per record; case = create, then required materials received + accept; task = create;\n"
        " batch: the better of two runs of 1,000; one by one: 1,000 of each, alternately, each step a request;\n"
        f" one by one started with {already:,} open cases in the database, {provisional:,} of them with a "
        "provisional deadline)"
    )
    print("phases of a case, ms / queries per case:")
    for mode in ("batch", "one by one"):
        meter = results[("case", mode)]
        print(
            f"  {mode:<12}"
            + "  ".join(
                f"{phase} {1000 * meter.seconds[phase] / N:.2f} / {meter.queries[phase] / N:.1f}"
                for phase in ("create", "materials", "accept")
            )
        )


# ================================================================ the nightly deadline job
def cron_run(Case, today):
    Activity = env["mail.activity"].sudo()
    activities = Activity.search_count([("res_model", "=", "gov.case")])
    env.cr.flush()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    changed = Case._cron_deadlines(today=today)
    env.cr.flush()  # as the cron's commit: flush and precommit hooks
    elapsed = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    activities = Activity.search_count([("res_model", "=", "gov.case")]) - activities
    return elapsed, queries, changed, activities


def insert_open_cases(today, days):
    """OPEN_CASES accepted cases at SITE with deadlines spread over ``days`` (working days)."""
    window = LINE.window_id.id or None
    env.cr.execute(
        """
        INSERT INTO gov_case (
            item_id, department_id, category_id, site_id, centre_id, window_id, first_contact_id, user_id,
            create_uid, write_uid, create_date, write_date, number, access_code, state, kind, priority,
            channel, applicant_type, applicant_name, id_number_masked, applicant_phone, deadline_state,
            promised_deadline, accepted_on, accepted_at, promised_days, legal_days, paused_days,
            legal_deadline, active, is_comprehensive, is_paused, repeat_notice, deadline_provisional,
            on_time, result_revoked, missing_count, delivery_method)
        SELECT %(item)s, %(department)s, %(category)s, %(site)s, %(site)s, %(window)s, %(user)s, %(user)s,
               %(user)s, %(user)s, now() at time zone 'UTC', now() at time zone 'UTC', 'BENCH-' || g,
               'BENCH' || g, CASE WHEN g %% 3 = 0 THEN 'review' ELSE 'accepted' END, 'promised',
               CASE WHEN g %% 50 = 0 THEN '1' ELSE '0' END, 'window', 'person', '申请人' || g,
               '1502**********' || lpad((g %% 10000)::text, 4, '0'), '138' || lpad(g::text, 8, '0'), 'normal',
               d.deadline, LEAST(d.deadline - 28, %(today)s), (LEAST(d.deadline - 28, %(today)s))::timestamp,
               20, 30, 0, d.deadline + 14, true, true, g %% 100 = 50, false, false, false, false, 0, 'pickup'
          FROM generate_series(1, %(count)s) g,
               LATERAL (SELECT (%(days)s::date[])[1 + (g * 7919) %% %(spread)s] AS deadline) d
        """,
        {
            "item": ITEM.id,
            "department": ITEM.department_id.id or None,
            "category": ITEM.category_id.id or None,
            "site": SITE.id,
            "window": window,
            "user": USER.id,
            "today": today,
            "count": OPEN_CASES,
            "days": days,
            "spread": len(days),
        },
    )
    # The paused ones have their open pause; every case has its responsible user as follower.
    env.cr.execute(
        """
        INSERT INTO gov_case_pause (case_id, user_id, create_uid, write_uid, create_date, write_date, kind,
                                    date_start, reason, counts)
        SELECT id, %(user)s, %(user)s, %(user)s, now() at time zone 'UTC', now() at time zone 'UTC', 'materials',
               %(start)s, '补正材料', true
          FROM gov_case WHERE number LIKE 'BENCH-%%' AND is_paused
        """,
        {"user": USER.id, "start": today - datetime.timedelta(days=5)},
    )
    env.cr.execute(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'gov.case', id, %s FROM gov_case WHERE number LIKE 'BENCH-%%'
        """,
        [USER.partner_id.id],
    )
    env.cr.execute("ANALYZE gov_case")
    env.cr.execute("ANALYZE gov_case_pause")
    env.cr.execute("ANALYZE mail_followers")


def deadline_job():
    calendar = env["gov.holiday"]._work_calendar([datetime.date.today() - datetime.timedelta(days=30)], 3 * SPREAD)
    working = set(calendar.days)
    day = next(d for d in calendar.days if d >= datetime.date.today() and d + datetime.timedelta(days=1) in working)
    following = day + datetime.timedelta(days=1)
    index = calendar.days.index(day)
    days = calendar.days[index - OVERDUE : index - OVERDUE + SPREAD]
    Case = env["gov.case"].sudo().with_context(tz=TZ)
    # A database that holds a city (bench/citygen.py) has its own open cases: the job runs over them
    # as they are; elsewhere OPEN_CASES are inserted at the demo centre.
    existing = Case.search_count([("state", "in", ("accepted", "review"))])
    if existing >= OPEN_CASES:
        print(
            f"\nDeadline job: the {existing:,} open cases already in {env.cr.dbname} (all sites, as generated); "
            f"night of D = {day}, then D + 1 = {following}"
        )
    else:
        print(
            f"\nDeadline job: {OPEN_CASES:,} open cases (2/3 accepted, 1/3 in review) at {SITE.name}, promised "
            f"deadlines spread evenly over {SPREAD} working days {days[0]} … {days[-1]}, 1% paused; "
            f"night of D = {day}, then D + 1 = {following}"
        )
    runs = {}
    try:
        with env.cr.savepoint():
            if existing < OPEN_CASES:
                start = time.perf_counter()
                insert_open_cases(day, days)
                print(f"(inserted with SQL in {time.perf_counter() - start:.1f} s)")
            existing = Case.search_count([("state", "in", ("accepted", "review"))])
            runs["first night (D, every transition)"] = cron_run(Case, day)
            with env.cr.savepoint() as steady:
                runs["steady state (D + 1)"] = cron_run(Case, following)
                steady.rollback()
            env.invalidate_all()
            quiet = Case.with_context(mail_activity_automation_skip=True)
            with env.cr.savepoint() as steady:
                runs["D + 1 without activities"] = cron_run(quiet, following)
                steady.rollback()
            if PROFILE:
                for label, model in (("deadline job, D + 1", Case), ("deadline job, D + 1 without activities", quiet)):
                    env.invalidate_all()
                    with env.cr.savepoint() as again:
                        profiled(label, model._cron_deadlines, following, per=1)
                        again.rollback()
            raise Rollback
    except Rollback:
        pass
    env.invalidate_all()

    print(f"\n{'run':<36}{'seconds':>8}{'queries':>8}{'activities':>11}  cases changed to")
    for label, (elapsed, queries, changed, activities) in runs.items():
        moved = ", ".join(f"{state} {count:,}" for state, count in changed.items() if count) or "none"
        print(f"{label:<36}{elapsed:>8.2f}{queries:>8}{activities:>11}  {moved}")
    steady, quiet = runs["steady state (D + 1)"], runs["D + 1 without activities"]
    print(
        f"of the steady state, the activities take {steady[0] - quiet[0]:.2f} s "
        f"({1000 * (steady[0] - quiet[0]) / max(steady[3], 1):.1f} ms and "
        f"{(steady[1] - quiet[1]) / max(steady[3], 1):.1f} queries per activity)"
    )
    print(
        f"steady-state night: {steady[0]:.2f} s for {existing:,} open cases, target ≤ {CRON_BUDGET:.0f} s: "
        f"{'met' if steady[0] <= CRON_BUDGET else 'NOT met'}"
    )


if "intake" in PARTS:
    intake()
if "cron" in PARTS:
    deadline_job()
env.cr.rollback()
print("\n(rolled back: nothing was kept)")
