"""City-scale data: nine districts, three years of cases, for the benchmarks and the load run.

Run inside ``odoo shell`` (the database is created with the whole suite and its demo data first
when missing):

    scripts/govctl bench bench/citygen.py gov_city            # the city, ~2 million cases
    CITY_SCALE=0.05 scripts/govctl bench bench/citygen.py gov_city_small   # 5 % of the volumes

What it makes (CITY_SCALE scales the volumes, not the sites):

- 9 districts (codes 1597dd000000, none real) of 12 or 13 towns and 166 or 167 villages each: the
  divisions; 9 district centres and 111 township centres (ORM: their sequences, queue services and
  default slots are the application's), 10 windows each (4 comprehensive: 综合窗口); 1,500 village
  stations with their agent (SQL);
- the site lists: every published item of the catalogue at every centre (at a comprehensive window
  for the one-window items), the agent-service items at every station;
- 120 window clerks (one user per centre, login city_clerk_<centre id>, password CLERK_PASSWORD of
  cityconf.py) and 3,000 staff (hr.employee, ORM in batches, OCA auditlog paused: 25 per centre,
  each qualified for two windows, the A and B posts of every window set), and a year of published
  weekly rosters: a morning and an afternoon shift per window and working day (China's calendar:
  gov.holiday) on the A post;
- the large INSERTs (rosters, cases, ratings, complaints, tickets, appointments) run without the
  per-row foreign key checks (``session_replication_role = replica``, superuser): see
  ``no_foreign_key_checks``;
- 2,000,000 cases over the last three years (SQL), 60 % at the centres: states by age (the last
  weeks mostly open, ~100,000 open in all; older ones decided, delivered and closed; refusals,
  not accepted, archived), kinds and channels as the item and site give (agent at the stations,
  ~12 % online), working-day deadlines from the calendar, on time ~92 %, 400,000 applicants with
  valid resident IDs (GB 11643, keyed hash for the search as the application stores it) and
  their names, the portal token and access code of each case; the demo citizen (gov_citizen)
  owns 40 of them; each case's checklist of materials from its item (~6 million lines) and its
  responsible clerk as follower;
- 1,200,000 ratings (好差评) on acceptance and result, ~3 % bad, a rectification for each bad
  review (the recent ones still open), 20,000 complaints, 1,000,000 queue tickets and 150,000
  appointments over the last year;

then ANALYZEs, commits, and prints what it made, how long each step took and the database size.
A second run on the same database stops at once (the city is there).
"""

import contextlib
import hashlib
import hmac
import io
import os
import random
import sys
import time
from datetime import date, timedelta

from stdnum.cn import ric

from odoo.addons.gov_eval.models.gov_case import GIVEN, SURNAMES, mask_id_number
from odoo.addons.gov_staff.models.gov_service_slot import china_today

env = env  # noqa: F821,PLW0127 - provided by odoo shell

sys.path.insert(0, os.path.join(os.getcwd(), "bench"))  # run from the repository's root (scripts/govctl)
from cityconf import CLERK_PASSWORD, CODE  # noqa: E402

SCALE = float(os.environ.get("CITY_SCALE", "1"))
DISTRICTS = 9
TOWNS = 111  # township centres; with the 9 district centres: 120 centres
STATIONS = 1500
WINDOWS = 10  # per centre, the first 4 comprehensive
STAFF = round(3000 * SCALE) or 120
CASES = round(2_000_000 * SCALE)
PEOPLE = max(round(400_000 * SCALE), 1000)
YEARS = 3
RATINGS = round(1_200_000 * SCALE)
COMPLAINTS = round(20_000 * SCALE)
TICKETS = round(1_000_000 * SCALE)
APPOINTMENTS = round(150_000 * SCALE)
CITIZEN_CASES = 40
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True, "no_reset_password": True}
TABLES = (
    "gov_division",
    "gov_site",
    "gov_site_agent",
    "gov_window",
    "gov_item_site",
    "hr_employee",
    "gov_roster",
    "gov_roster_shift",
    "gov_case",
    "gov_case_material",
    "mail_followers",
    "gov_evaluation",
    "gov_rectification",
    "gov_complaint",
    "gov_queue_ticket",
    "gov_appointment",
)
made = {}


@contextlib.contextmanager
def no_foreign_key_checks():
    """Bulk-load mode for the big INSERTs: PostgreSQL checks each foreign key of each inserted row at
    the end of the statement (2 million cases × 15 keys: most of the time of the first version of
    this script); ``session_replication_role = replica`` skips those triggers (superuser only). The
    rows reference what the script just made or read, so the keys hold by construction; the
    tables' constraints, unique indexes and NOT NULLs still apply."""
    sql("SET session_replication_role = replica")
    yield  # on an error the transaction is aborted and rolled back: the setting goes with the session
    sql("SET session_replication_role = DEFAULT")


def sql(query, params=None):
    env.cr.execute(query, params or {})
    return env.cr.rowcount


def step(label):
    """Decorator: run the step, time it, keep what it returns (a count, or {label: count})."""

    def decorator(func):
        def run(*args):
            start = time.perf_counter()
            result = func(*args)
            elapsed = time.perf_counter() - start
            if isinstance(result, dict):
                made.update(result)
            elif result is not None:
                made[label] = result
            print(f"   {label:<44} {elapsed:7.1f} s", flush=True)
            return result

        return run

    return decorator


# ================================================================ places
@step("divisions, centres and windows (ORM)")
def build_centres():
    Division = env["gov.division"].with_context(**QUIET)
    districts = Division.create(
        [
            {"name": f"城{d + 1}区", "code": f"{CODE}{d + 1:02d}000000", "division_type": "district"}
            for d in range(DISTRICTS)
        ]
    )
    towns = Division.create(
        [
            {
                "name": f"城{t % DISTRICTS + 1}区第{t // DISTRICTS + 1}镇",
                "code": f"{CODE}{t % DISTRICTS + 1:02d}{100 + t // DISTRICTS:03d}000",
                "division_type": "town",
                "parent_id": districts[t % DISTRICTS].id,
            }
            for t in range(TOWNS)
        ]
    )
    Site = env["gov.site"].with_context(**QUIET)
    centres = Site.create(
        [{"name": f"{d.name}政务服务中心", "kind": "district_centre", "division_id": d.id} for d in districts]
        + [{"name": f"{t.name}便民服务中心", "kind": "township_centre", "division_id": t.id} for t in towns]
    )
    env["gov.window"].with_context(**QUIET).create(
        [
            {
                "name": "综合受理窗口" if k < 4 else f"{k - 3}号部门窗口",
                "code": f"{k + 1:02d}",
                "site_id": centre.id,
                "window_type": "comprehensive" if k < 4 else "department",
                "sequence": k,
            }
            for centre in centres
            for k in range(WINDOWS)
        ]
    )
    env.flush_all()
    return {"districts": DISTRICTS, "towns": TOWNS, "centres": len(centres), "windows": len(centres) * WINDOWS}


@step("villages, stations and agents (SQL)")
def build_stations():
    params = {"uid": env.uid, "code": f"{CODE}%", "per_town": STATIONS // TOWNS, "extra": STATIONS % TOWNS}
    villages = sql(
        """
        INSERT INTO gov_division (name, code, division_type, level, parent_id, parent_path, complete_name, active,
                                  create_uid, write_uid, create_date, write_date)
        SELECT t.name || '第' || v || '村', left(t.code, 9) || lpad(v::text, 3, '0'), 'village', 'village', t.id,
               t.parent_path, t.complete_name || ' / ' || t.name || '第' || v || '村', true,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM (SELECT t.*, row_number() OVER (ORDER BY t.id) AS n FROM gov_division t
                 WHERE t.code LIKE %(code)s AND t.division_type = 'town') t,
               generate_series(1, %(per_town)s + CASE WHEN t.n <= %(extra)s THEN 1 ELSE 0 END) v
        """,
        params,
    )
    sql(
        """
        UPDATE gov_division SET parent_path = parent_path || id || '/'
         WHERE code LIKE %(code)s AND division_type = 'village'
        """,
        params,
    )
    stations = sql(
        """
        INSERT INTO gov_site (name, kind, kind_sequence, is_centre, is_graded, in_basic_target, division_id,
                              division_code, township_id, parent_id, target_tier, station_setting, remote_pastoral,
                              floor_area, staff_count, phone, phone_public, is_public, active,
                              create_uid, write_uid, create_date, write_date)
        SELECT v.name || '便民服务站', 'station', 2, false, true, true, v.id,
               v.code, c.division_id, c.id, CASE WHEN v.id %% 7 = 0 THEN 'basic' ELSE 'standard' END, 'standalone',
               v.id %% 7 = 0, 30 + (v.id * 13) %% 70, 2, '0472-' || (6000000 + v.id), true, true, true,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM gov_division v
          JOIN gov_site c ON c.division_id = v.parent_id AND c.kind = 'township_centre'
         WHERE v.code LIKE %(code)s AND v.division_type = 'village'
        """,
        params,
    )
    agents = sql(
        """
        INSERT INTO gov_site_agent (site_id, sequence, name, duty, phone, active,
                                    create_uid, write_uid, create_date, write_date)
        SELECT s.id, 10, '代办员' || s.id, '帮办代办员', '137' || lpad(s.id::text, 8, '0'), true,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM gov_site s WHERE s.kind = 'station' AND s.division_code LIKE %(code)s
        """,
        params,
    )
    return {"villages": villages, "stations": stations, "station agents": agents}


def lookup_tables():
    """Temporary tables the steps share: the city's sites (centres first), windows and items."""
    sql(
        """
        CREATE TEMP TABLE city_site AS
        SELECT (row_number() OVER (ORDER BY s.is_centre DESC, s.id) - 1)::int AS idx, s.id,
               CASE WHEN s.is_centre THEN s.id ELSE s.parent_id END AS centre_id, s.is_centre, s.division_code,
               a.id AS agent_id
          FROM gov_site s
          LEFT JOIN gov_site_agent a ON a.site_id = s.id
         WHERE s.division_code LIKE %(code)s AND s.kind IN ('district_centre', 'township_centre', 'station');
        CREATE TEMP TABLE city_window AS
        SELECT w.site_id AS centre_id, (row_number() OVER (PARTITION BY w.site_id ORDER BY w.code) - 1)::int AS k,
               w.id, w.window_type
          FROM gov_window w JOIN city_site s ON s.id = w.site_id;
        CREATE TEMP TABLE city_item AS
        SELECT (row_number() OVER (ORDER BY i.id) - 1)::int AS idx, i.id, i.department_id, i.category_id,
               i.case_kind, i.agent_service, i.one_window, i.promised_time_limit, i.legal_time_limit
          FROM gov_item i WHERE i.state = 'published';
        CREATE TEMP TABLE city_service AS
        SELECT DISTINCT ON (q.site_id) q.site_id, q.id FROM gov_queue_service q
          JOIN city_site s ON s.id = q.site_id ORDER BY q.site_id, q.sequence, q.id;
        ANALYZE city_site; ANALYZE city_window; ANALYZE city_item; ANALYZE city_service;
        """,
        {"code": f"{CODE}%"},
    )
    env.cr.execute("SELECT count(*) FILTER (WHERE is_centre), count(*) FROM city_site")
    centres, sites = env.cr.fetchone()
    env.cr.execute("SELECT count(*) FROM city_item")
    return centres, sites, env.cr.fetchone()[0]


@step("site lists (SQL)")
def build_site_lists():
    lines = sql(
        """
        INSERT INTO gov_item_site (site_id, item_id, sequence, window_id, category_id, category_sequence, active,
                                   is_comprehensive, must_enter, one_window, agent_service,
                                   create_uid, write_uid, create_date, write_date)
        SELECT s.id, i.id, 10 + i.idx, w.id, i.category_id, c.sequence, true, w.window_type = 'comprehensive',
               it.must_enter, i.one_window, i.agent_service,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM city_site s
          JOIN city_item i ON s.is_centre OR i.agent_service
          JOIN gov_item it ON it.id = i.id
          LEFT JOIN gov_item_category c ON c.id = i.category_id
          LEFT JOIN city_window w ON s.is_centre AND w.centre_id = s.id
                AND w.k = CASE WHEN i.one_window THEN i.idx %% 4 ELSE 4 + i.idx %% 6 END
        """,
        {"uid": env.uid},
    )
    return {"site list lines": lines}


# ================================================================ people at work
@step("clerks and staff (ORM, batches)")
def build_staff():
    centres = env["gov.site"].browse(r[0] for r in _rows("SELECT id FROM city_site WHERE is_centre ORDER BY idx"))
    clerk_group = env.ref("gov_center.group_gov_clerk")
    Users = env["res.users"].with_context(**QUIET)
    clerks = Users.create(
        [
            {
                "name": f"{centre.name[:12]}窗口人员",
                "login": f"city_clerk_{centre.id}",
                "group_ids": [(6, 0, clerk_group.ids)],
                "gov_site_ids": [(6, 0, centre.ids)],
                "lang": "zh_CN",
                "tz": "Asia/Shanghai",
            }
            for centre in centres
        ]
    )
    # One password for all (hashed once, as Odoo stores it; the password policy is the demo's business).
    sql(
        "UPDATE res_users SET password = %(hash)s WHERE id = ANY(%(ids)s)",
        {"hash": Users._crypt_context().hash(CLERK_PASSWORD), "ids": clerks.ids},
    )
    rng = random.Random(7)
    windows = {}
    for centre_id, window_id in _rows("SELECT centre_id, id FROM city_window ORDER BY centre_id, k"):
        windows.setdefault(centre_id, []).append(window_id)
    Employee = env["hr.employee"].with_context(**QUIET)
    per_centre = max(STAFF // len(centres), 2)
    modes = ["dispatched"] * 5 + ["authorised"] * 2 + ["purchased"] * 3
    employees = Employee.browse()
    for chunk in range(0, len(centres), 20):
        vals = []
        for centre in centres[chunk : chunk + 20]:
            own = windows[centre.id]
            for n in range(per_centre):
                vals.append(
                    {
                        "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                        "gov_site_id": centre.id,
                        "gov_window_ids": [(6, 0, [own[n % len(own)], own[(n + 1) % len(own)]])],
                        "gov_service_mode": modes[n % len(modes)],
                        "gov_badge": f"{centre.id:03d}{n + 1:03d}",
                        "tz": "Asia/Shanghai",
                    }
                )
        employees |= Employee.create(vals)
        env.flush_all()
        env.invalidate_all()
    # A and B posts: the window's first two qualified staff.
    sql(
        """
        UPDATE gov_window w SET post_a_id = p.a, post_b_id = p.b
          FROM (SELECT r.window_id, min(r.employee_id) AS a, max(r.employee_id) AS b
                  FROM hr_employee_gov_window_rel r JOIN city_window cw ON cw.id = r.window_id
                 GROUP BY r.window_id HAVING count(*) > 1) p
         WHERE w.id = p.window_id
        """
    )
    sql(
        """
        CREATE TEMP TABLE city_clerk AS
        SELECT rel.site_id AS centre_id, min(u.id) AS user_id FROM gov_site_res_users_rel rel
          JOIN res_users u ON u.id = rel.user_id AND u.login LIKE 'city_clerk_%%' GROUP BY rel.site_id;
        ANALYZE city_clerk;
        """
    )
    return {"clerk users": len(clerks), "staff": len(employees)}


@contextlib.contextmanager
def audit_paused():
    """OCA auditlog's rules (sites, users, staff) log every field of every record made, which costs
    ~0.25 s per employee: the generator's records are made with the rules' methods taken off, in
    this process only, and put back after (the rules stay confirmed). They are not in the audit log."""
    rules = env["auditlog.rule"].sudo().search([("state", "=", "confirmed")])
    rules._revert_methods()
    try:
        yield
    finally:
        rules._patch_methods()


def _rows(query, params=None):
    env.cr.execute(query, params or {})
    return env.cr.fetchall()


@step("calendar (China's working days)")
def build_calendar(first, last):
    """city_day: every day of the period, whether it is worked, and the running number of working
    days (deadlines are counted in working days)."""
    env["gov.holiday"]._sync_from_library(list(range(first.year, last.year + 2)))
    sql(
        """
        CREATE TEMP TABLE city_day AS
        SELECT day, working, n,
               -- the first working day from this one on (a case taken on a Sunday counts from Monday)
               min(CASE WHEN working THEN day END)
                   OVER (ORDER BY day DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS next_working
          FROM (SELECT d::date AS day, w.working, (sum(w.working::int) OVER (ORDER BY d))::int AS n
                  FROM generate_series(%(first)s::date, %(last)s::date, interval '1 day') d,
                       LATERAL (SELECT CASE (SELECT h.day_type FROM gov_holiday h WHERE h.date = d::date)
                                           WHEN 'holiday' THEN false WHEN 'workday' THEN true
                                           ELSE extract(isodow FROM d) < 6 END AS working) w) days;
        CREATE UNIQUE INDEX ON city_day (day);
        CREATE TEMP TABLE city_workday AS SELECT n, day FROM city_day WHERE working;
        CREATE UNIQUE INDEX ON city_workday (n);
        ANALYZE city_day; ANALYZE city_workday;
        """,
        {"first": first, "last": last + timedelta(days=120)},
    )


@step("a year of weekly rosters (SQL)")
def build_rosters(today):
    monday = today - timedelta(days=today.weekday())
    params = {"uid": env.uid, "from": monday - timedelta(weeks=51), "to": monday + timedelta(days=6)}
    rosters = sql(
        """
        INSERT INTO gov_roster (site_id, state, date_from, date_to, active, published_on,
                                create_uid, write_uid, create_date, write_date)
        SELECT s.id, 'published', w::date, w::date + 6, true, w - interval '3 days',
               %(uid)s, %(uid)s, w - interval '4 days', w - interval '3 days'
          FROM city_site s, generate_series(%(from)s::date, %(to)s::date, interval '7 days') w
         WHERE s.is_centre
        """,
        params,
    )
    shifts = sql(
        """
        INSERT INTO gov_roster_shift (roster_id, site_id, window_id, employee_id, roster_state, day_type, mode, date,
                                      hour_from, hour_to, start, stop, create_uid, write_uid, create_date, write_date)
        SELECT r.id, r.site_id, w.id, gw.post_a_id, 'published', 'working', 'regular', d.day, h.f, h.t,
               d.day + (h.f - 8) * interval '1 hour', d.day + (h.t - 8) * interval '1 hour',
               %(uid)s, %(uid)s, r.create_date, r.write_date
          FROM gov_roster r
          JOIN city_window w ON w.centre_id = r.site_id
          JOIN gov_window gw ON gw.id = w.id
          JOIN city_day d ON d.day BETWEEN r.date_from AND r.date_to AND d.working,
               (VALUES (9.0, 12.0), (13.5, 17.5)) h(f, t)
         WHERE r.site_id IN (SELECT id FROM city_site WHERE is_centre) AND r.date_from >= %(from)s
        """,
        params,
    )
    return {"rosters": rosters, "roster shifts": shifts}


# ================================================================ cases
@step("applicants (resident IDs, names)")
def build_people():
    """city_person: PEOPLE applicants with a valid resident ID, its mask and keyed hash (as
    gov.case stores them), copied in with COPY."""
    secret = env["ir.config_parameter"].sudo().get_param("database.secret", "").encode()
    rng = random.Random(42)
    regions = [f"{CODE}{d + 1:02d}" for d in range(DISTRICTS)]
    buffer = io.StringIO()
    born0 = date(1940, 1, 1)
    for idx in range(PEOPLE):
        birth = born0 + timedelta(days=rng.randint(0, 365 * 66))
        body = f"{rng.choice(regions)}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
        number = body + ric.calc_check_digit(body + "0")
        digest = hmac.new(secret, number.encode(), hashlib.sha256).hexdigest()
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        buffer.write(f"{idx}\t{name}\t{number}\t{mask_id_number(number)}\t{digest}\t1{rng.randint(3, 9)}{idx:09d}\n")
    buffer.seek(0)
    sql(
        "CREATE TEMP TABLE city_person (idx int PRIMARY KEY, name text, id_number text, masked text, hash text, "
        "phone text)"
    )
    env.cr.copy_expert("COPY city_person FROM STDIN", buffer)
    sql("ANALYZE city_person")
    return {"applicants": PEOPLE}


@step("cases (SQL)")
def build_cases(today, centres, sites, items):
    first = today - timedelta(days=365 * YEARS)
    citizen = env.ref("gov_center.user_gov_citizen", raise_if_not_found=False)
    params = {
        "uid": env.uid,
        "n": CASES,
        "days": 365 * YEARS,
        "today": today,
        "first": first,
        "centres": centres,
        "stations": sites - centres,
        "items": items,
        "people": PEOPLE,
        "windows": WINDOWS,
        "citizen": citizen.partner_id.id if citizen else None,
        "citizen_cases": CITIZEN_CASES,
    }
    sql("SELECT setseed(0.2026)")
    # x: each case's dice; age (days before today) skewed to the recent past (the volume grows).
    cases = sql(
        """
        WITH x AS MATERIALIZED (
            SELECT g, random() AS r_site, random() AS r_pick, power(random(), 1.15) AS r_age, random() AS r_state,
                   random() AS r_days, random() AS r_time, random() AS r_channel, random() AS r_window,
                   random() AS r_item, random() AS r_hour, random() AS r_person
              FROM generate_series(1, %(n)s) g
        ), y AS (
            SELECT x.*,
                   CASE WHEN r_site < 0.6 THEN floor(r_pick * %(centres)s)
                        ELSE %(centres)s + floor(r_pick * %(stations)s) END::int AS site_idx,
                   (%(today)s::date - floor(r_age * %(days)s)::int) AS day0
              FROM x
        ), z AS (
            SELECT y.*, s.id AS site_id, s.centre_id, s.is_centre, s.agent_id, s.division_code,
                   i.id AS item_id, i.department_id, i.category_id, i.case_kind, i.promised_time_limit,
                   i.legal_time_limit, w.id AS window_id, w.window_type,
                   d.next_working AS day1, d1.n AS n1, %(today)s::date - y.day0 AS age, k.user_id AS clerk_id,
                   gw.post_a_id,
                   p.name AS person_name, p.id_number, p.masked, p.hash, p.phone
              FROM y
              JOIN city_site s ON s.idx = y.site_idx
              JOIN city_item i ON i.idx = floor(y.r_item * %(items)s)::int
              JOIN city_day d ON d.day = y.day0
              JOIN city_day d1 ON d1.day = d.next_working
              JOIN city_clerk k ON k.centre_id = s.centre_id
              JOIN city_person p ON p.idx = floor(y.r_person * %(people)s)::int
              LEFT JOIN city_window w ON w.centre_id = s.centre_id AND w.k = floor(y.r_window * %(windows)s)::int
              LEFT JOIN gov_window gw ON gw.id = w.id
        ), st AS (
            -- states by age: the last weeks mostly open, older cases decided and most of them closed
            SELECT z.*,
                   CASE WHEN r_state < 0.004 THEN 'not_accepted'
                        WHEN age < 45 AND r_state < 0.75 THEN CASE WHEN r_state < 0.55 THEN 'accepted' ELSE 'review' END
                        WHEN age BETWEEN 45 AND 90 AND r_state < 0.08 THEN 'accepted'
                        WHEN r_state < 0.035 THEN 'refused'
                        WHEN age < 60 AND r_state < 0.85 THEN 'approved'
                        WHEN age < 90 AND r_state < 0.90 THEN 'result_ready'
                        WHEN r_state < 0.10 THEN 'delivered' ELSE 'closed' END AS state,
                   CASE WHEN case_kind = 'immediate' THEN 0
                        ELSE floor(power(r_days, 1.5) * greatest(coalesce(promised_time_limit, 0), 5) * 1.1)::int
                   END AS days,
                   CASE WHEN NOT is_centre AND r_channel < 0.3 THEN 'agent'
                        WHEN r_channel BETWEEN 0.4 AND 0.52 THEN 'portal'
                        WHEN r_channel > 0.99 THEN 'post' ELSE 'window' END AS channel
              FROM z
        ), f AS (
            SELECT st.*, state IN ('approved', 'refused', 'result_ready', 'delivered', 'closed') AS decided,
                   CASE WHEN state = 'not_accepted' THEN NULL ELSE day1 END AS accepted_on,
                   coalesce(promised_time_limit, 0) AS promised, greatest(coalesce(legal_time_limit, 0), 1) AS legal
              FROM st
        )
        INSERT INTO gov_case (
            number, access_code, access_token, state, kind, priority, channel, item_id, department_id, category_id,
            site_id, centre_id, window_id, is_comprehensive, agent_id, partner_id, applicant_type, applicant_name,
            id_number, id_number_masked, id_number_hash, applicant_phone, first_contact_id, user_id, assignee_id,
            decided_by_id, missing_count, promised_days,
            legal_days, paused_days, work_days, returned_count, accepted_at, accepted_on, promised_deadline,
            legal_deadline, deadline_provisional, deadline_state, decided_on, on_time, result_name, result_number,
            result_issued_on, result_revoked, delivery_method, delivered_at, closed_at, active, is_paused,
            repeat_notice, create_uid, write_uid, create_date, write_date)
        SELECT f.division_code || '-' || extract(year FROM f.day0) || '-C' || lpad(g::text, 7, '0'),
               upper(substr(md5(g::text || 'code'), 1, 8)), md5(g::text || 'token')::uuid::text, f.state,
               CASE WHEN channel = 'agent' THEN 'agent' ELSE coalesce(case_kind, 'promised') END,
               CASE WHEN g %% 50 = 0 THEN '1' ELSE '0' END, channel, item_id, department_id, category_id, site_id,
               centre_id, window_id, coalesce(window_type = 'comprehensive', false),
               CASE WHEN channel = 'agent' THEN agent_id END,
               CASE WHEN g <= %(citizen_cases)s THEN %(citizen)s END,
               CASE WHEN g %% 20 = 0 THEN 'enterprise' ELSE 'person' END,
               CASE WHEN g %% 20 = 0 THEN person_name || '商贸有限公司' ELSE person_name END,
               id_number, masked, hash, phone, clerk_id, clerk_id,
               CASE WHEN state NOT IN ('not_accepted', 'accepted') THEN post_a_id END,
               CASE WHEN decided THEN clerk_id END, 0, promised, legal, 0,
               CASE WHEN decided THEN least(days, legal * 2) ELSE 0 END, 0,
               accepted_on + interval '1 hour' + r_hour * interval '7 hours', accepted_on,
               pd.day, ld.day, false,
               CASE WHEN decided THEN 'done' WHEN accepted_on IS NULL THEN 'none'
                    WHEN pd.day < %(today)s::date THEN 'red' WHEN pd.day <= %(today)s::date + 2 THEN 'yellow'
                    ELSE 'normal' END,
               dd.day, CASE WHEN decided THEN r_time < 0.92 ELSE false END,
               CASE WHEN state IN ('approved', 'result_ready', 'delivered', 'closed') THEN '准予许可决定书' END,
               CASE WHEN state IN ('approved', 'result_ready', 'delivered', 'closed')
                    THEN extract(year FROM dd.day) || '-C' || lpad(g::text, 7, '0') || '-'
                         || upper(substr(md5(g::text || 'result'), 1, 4)) END,
               CASE WHEN state IN ('approved', 'result_ready', 'delivered', 'closed') THEN dd.day END,
               false, CASE WHEN g %% 9 = 0 THEN 'post' ELSE 'pickup' END,
               CASE WHEN state IN ('delivered', 'closed') THEN dd.day + interval '3 hours' END,
               CASE WHEN state = 'closed' THEN dd.day + interval '1 day 4 hours' END,
               g %% 700 <> 7, false, false,
               %(uid)s, %(uid)s, coalesce(accepted_on, day0)::timestamp, coalesce(dd.day, accepted_on, day0)::timestamp
          FROM f
          LEFT JOIN city_workday pd ON pd.n = f.n1 + f.promised
          LEFT JOIN city_workday ld ON ld.n = f.n1 + f.legal
          LEFT JOIN city_workday dd ON f.decided AND dd.n = least(f.n1 + f.days, (SELECT max(n) FROM city_day
                                                                               WHERE day <= %(today)s))
        """,
        params,
    )
    env.cr.execute("SELECT count(*) FILTER (WHERE state IN ('accepted', 'review')) FROM gov_case")
    return {"cases": cases, "   of which open": env.cr.fetchone()[0]}


@step("case followers (SQL)")
def build_followers():
    """The responsible clerk and the reviewer follow each of their cases, as Odoo subscribes the user
    who takes a case in and the one it is assigned to. Without them the nightly deadline job would
    subscribe each of them, one INSERT per user, to every case whose reminder it raises (measured:
    1.7 s of a 3.3 s night), which no real database does."""
    return sql(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'gov.case', c.id, u.partner_id
          FROM gov_case c
          JOIN res_users u ON u.id = c.user_id OR u.id = c.assignee_user_id
         WHERE c.number LIKE %(code)s
        ON CONFLICT DO NOTHING
        """,
        {"code": f"{CODE}%"},
    )


@step("case checklists (SQL)")
def build_checklists():
    """Each case's checklist (材料清单) copied from its item's materials as intake copies it
    (``gov.case._material_values``), received on every case taken in, missing on the others: ~3 lines
    a case. Besides the volume, it gives PostgreSQL true statistics of the lines' case ids: with the
    checklists of the demo cases alone (the lowest ids), a new case's lines were read through a merge
    join that walked the 2 million cases' primary key (320 ms, seen in the load run)."""
    return sql(
        """
        INSERT INTO gov_case_material (case_id, sequence, item_material_id, name, form, copies_expected, required,
                                       received, received_form, received_count, faulty, is_missing,
                                       create_uid, write_uid, create_date, write_date)
        SELECT c.id, m.sequence, m.id, m.name, m.form, m.copies, m.requirement = 'required',
               c.accepted_on IS NOT NULL, CASE WHEN c.accepted_on IS NOT NULL THEN m.form END,
               CASE WHEN c.accepted_on IS NOT NULL THEN m.copies ELSE 0 END, false, c.accepted_on IS NULL,
               c.create_uid, c.write_uid, c.create_date, c.create_date
          FROM gov_case c
          JOIN gov_item_material m ON m.item_id = c.item_id
         WHERE c.number LIKE %(code)s
        """,
        {"code": f"{CODE}%"},
    )


# ================================================================ what citizens say
@step("ratings and rectifications (SQL)")
def build_ratings(today):
    env.cr.execute(
        "SELECT count(*) FILTER (WHERE accepted_on IS NOT NULL), count(*) FILTER (WHERE decided_on IS NOT NULL) "
        "FROM gov_case WHERE number LIKE %s",
        [f"{CODE}%"],
    )
    accepted, decided = env.cr.fetchone()
    params = {
        "uid": env.uid,
        "today": today,
        "code": f"{CODE}%",
        # ~58 % of the ratings on acceptance, the rest on the result
        "p_acceptance": min(0.58 * RATINGS / max(accepted, 1), 1),
        "p_result": min(0.42 * RATINGS / max(decided, 1), 1),
    }
    sql("SELECT setseed(0.1949)")
    ratings = sql(
        """
        WITH r AS MATERIALIZED (
            SELECT c.id AS case_id, o.occasion, CASE WHEN o.occasion = 'result' THEN c.decided_on
                   ELSE c.accepted_on END AS day, c.site_id, c.centre_id, c.window_id, c.department_id, c.item_id,
                   c.partner_id, c.assignee_id, c.channel = 'portal' AS online, random() AS r_level,
                   random() AS r_real, random() AS r_channel
              FROM gov_case c
              CROSS JOIN (VALUES ('acceptance'), ('result')) o(occasion)
             WHERE c.number LIKE %(code)s
               AND CASE WHEN o.occasion = 'result' THEN c.decided_on IS NOT NULL AND random() < %(p_result)s
                        ELSE c.accepted_on IS NOT NULL AND random() < %(p_acceptance)s END
        )
        INSERT INTO gov_evaluation (
            case_id, occasion, channel, level, is_bad, is_online, rated_at, rated_on, site_id, centre_id,
            window_id, employee_id, department_id, item_id, partner_id, citizen_phone, is_real_name, appeal_state,
            in_kpi, comment, create_uid, write_uid, create_date, write_date)
        SELECT case_id, occasion,
               CASE WHEN online THEN 'portal' WHEN r_channel < 0.6 THEN 'device' WHEN r_channel < 0.85 THEN 'qr'
                    ELSE 'sms' END,
               CASE WHEN r_level < 0.01 THEN '5' WHEN r_level < 0.03 THEN '4' WHEN r_level < 0.08 THEN '3'
                    WHEN r_level < 0.28 THEN '2' ELSE '1' END,
               r_level < 0.03, online, day + interval '3 hours', day, site_id, centre_id, window_id,
               assignee_id, department_id, item_id, partner_id,
               CASE WHEN r_real < 0.6 THEN '139' || lpad((case_id %% 100000000)::text, 8, '0') END,
               r_real < 0.6, 'none', true,
               CASE WHEN r_level < 0.03 THEN '等候时间太长，材料要求说明不清' END,
               %(uid)s, %(uid)s, day + interval '3 hours', day + interval '3 hours'
          FROM r
        """,
        params,
    )
    rectifications = sql(
        """
        WITH b AS MATERIALIZED (
            SELECT ev.*, random() AS r_state FROM gov_evaluation ev
              JOIN gov_case c ON c.id = ev.case_id AND c.number LIKE %(code)s
             WHERE ev.is_bad
        )
        INSERT INTO gov_rectification (
            number, evaluation_id, case_id, site_id, centre_id, employee_id, user_id, state, escalation, opened_on,
            callback_deadline, callback_at, callback_result, verification, verified_by_id, verified_on,
            rectify_deadline, rectified_on, citizen_response, closed_at, step_deadline,
            create_uid, write_uid, create_date, write_date)
        SELECT 'ZG' || extract(year FROM b.rated_on) || lpad(b.id::text, 8, '0'), b.id, b.case_id, b.site_id,
               b.centre_id, b.employee_id, k.user_id, st.state, 'none', b.rated_on, b.rated_on + 1,
               CASE WHEN b.is_real_name AND st.state <> 'callback' THEN b.rated_on + interval '1 day 3 hours' END,
               CASE WHEN st.state = 'callback' THEN NULL WHEN b.is_real_name THEN 'reached' ELSE 'anonymous' END,
               CASE WHEN st.state IN ('rectify', 'feedback', 'closed') THEN 'valid' END,
               CASE WHEN st.state IN ('rectify', 'feedback', 'closed') THEN k.user_id END,
               CASE WHEN st.state IN ('rectify', 'feedback', 'closed') THEN b.rated_on + 2 END,
               b.rated_on + 21,
               CASE WHEN st.state IN ('feedback', 'closed') THEN b.rated_on + 10 END,
               CASE WHEN st.state = 'closed' THEN 'satisfied' END,
               CASE WHEN st.state = 'closed' THEN b.rated_on + 12 + interval '3 hours' END,
               CASE WHEN st.state <> 'closed' THEN b.rated_on + 21 END,
               %(uid)s, %(uid)s, b.rated_at, b.rated_at
          FROM b
          JOIN city_clerk k ON k.centre_id = b.centre_id,
          LATERAL (
              SELECT CASE WHEN b.rated_on > %(today)s::date - 12 THEN
                          (ARRAY['callback', 'verify', 'rectify', 'feedback'])[1 + floor(b.r_state * 4)::int]
                          WHEN b.r_state < 0.93 THEN 'closed' WHEN b.r_state < 0.97 THEN 'feedback'
                          ELSE 'rectify' END AS state
          ) st
        """,
        params,
    )
    return {"ratings": ratings, "rectifications": rectifications}


@step("complaints")
def build_complaints(today, sites, items):
    return sql(
        """
        WITH x AS MATERIALIZED (
            SELECT g, random() AS r_site, random() AS r_kind, random() AS r_state, random() AS r_sat,
                   %(today)s::date - floor(power(random(), 1.15) * %(days)s)::int AS day, random() AS r_item
              FROM generate_series(1, %(n)s) g
        )
        INSERT INTO gov_complaint (
            number, kind, channel, state, active, site_id, centre_id, item_id, description, received_at,
            received_on, deadline_days, deadline, answered_at, answered_on, answered_late, satisfaction, closed_at,
            gap_kind, is_anonymous, is_overdue, has_gap, is_published, citizen_phone, user_id,
            create_uid, write_uid, create_date, write_date)
        SELECT 'TS' || extract(year FROM day) || lpad(g::text, 7, '0'), k.kind,
               (ARRAY['hotline', 'phone', 'box', 'qr', 'portal', 'window'])[1 + g %% 6], st.state, true,
               s.id, s.centre_id, i.id, '窗口工作人员解释不清，多次往返', day + interval '1 hour', day,
               5, day + 7,
               CASE WHEN st.state IN ('answered', 'closed') THEN day + 5 + interval '2 hours' END,
               CASE WHEN st.state IN ('answered', 'closed') THEN day + 5 END,
               st.state IN ('answered', 'closed') AND g %% 10 = 0,
               CASE WHEN st.state = 'closed' THEN
                    CASE WHEN r_sat < 0.8 THEN 'satisfied' WHEN r_sat < 0.9 THEN 'dissatisfied' ELSE 'unreachable' END
               END,
               CASE WHEN st.state = 'closed' THEN day + 8 + interval '2 hours' END,
               'none', g %% 5 = 0, false, false, st.state = 'closed' AND g %% 3 = 0,
               '138' || lpad(g::text, 8, '0'), k2.user_id,
               %(uid)s, %(uid)s, day + interval '1 hour', day + interval '1 hour'
          FROM x
          JOIN city_site s ON s.idx = floor(r_site * %(sites)s)::int
          JOIN city_clerk k2 ON k2.centre_id = s.centre_id
          LEFT JOIN city_item i ON i.idx = floor(r_item * %(items)s)::int AND r_item < 0.7,
          LATERAL (SELECT CASE WHEN r_kind < 0.7 THEN 'complaint' WHEN r_kind < 0.9 THEN 'suggestion'
                               ELSE 'unresolved' END AS kind) k,
          LATERAL (SELECT CASE WHEN r_state < 0.05 THEN 'rejected' WHEN day > %(today)s::date - 7 THEN
                                    CASE WHEN r_state < 0.5 THEN 'received' ELSE 'assigned' END
                               WHEN r_state < 0.08 THEN 'answered' ELSE 'closed' END AS state) st
        """,
        {"uid": env.uid, "today": today, "days": 365 * YEARS, "n": COMPLAINTS, "sites": sites, "items": items},
    )


@step("queue tickets and appointments (SQL)")
def build_queue(today, centres, items):
    params = {"uid": env.uid, "today": today, "centres": centres, "items": items, "windows": WINDOWS}
    tickets = sql(
        """
        WITH x0 AS MATERIALIZED (
            -- the dice of each ticket, drawn once (a random() in a join condition is drawn per pair)
            SELECT g, floor(random() * %(centres)s)::int AS site_idx, random() AS r_state,
                   floor(random() * 250)::int AS back, (1 + 8 * random()) * interval '1 hour' AS at,
                   round((1 + power(random(), 2) * 45)::numeric, 1) AS wait,
                   round((3 + random() * 20)::numeric, 1) AS serve, floor(random() * %(windows)s)::int AS k
              FROM generate_series(1, %(n)s) g
        ), x AS (
            -- one of the last 250 working days
            SELECT x0.*, d.day FROM x0
              JOIN city_workday d ON d.n = (SELECT n FROM city_day WHERE day = %(today)s::date - 1) - x0.back
        ), y AS (
            -- the day's number at the site, in the order the tickets were taken
            SELECT x.*, row_number() OVER (PARTITION BY site_idx, day ORDER BY at) AS seq FROM x
        )
        INSERT INTO gov_queue_ticket (
            number, site_id, service_id, day, source, priority, state, issued_at, queued_at, called_at,
            announced_at, serving_at, done_at, window_id, called_by_id, recall_count, waiting_minutes,
            service_minutes, end_reason, create_uid, write_uid, create_date, write_date)
        SELECT 'A' || lpad(seq::text, greatest(3, length(seq::text)), '0'), s.id, q.id, day, 'walk_in', '0', st.state,
               day + at, day + at,
               CASE WHEN st.state <> 'cancelled' THEN day + at + wait * interval '1 minute' END,
               CASE WHEN st.state <> 'cancelled' THEN day + at + wait * interval '1 minute' END,
               CASE WHEN st.state IN ('done', 'transferred') THEN day + at + (wait + 1) * interval '1 minute' END,
               CASE WHEN st.state IN ('done', 'transferred') THEN day + at + (wait + 1 + serve) * interval '1 minute' END,
               CASE WHEN st.state <> 'cancelled' THEN w.id END,
               CASE WHEN st.state <> 'cancelled' THEN k2.user_id END, 0,
               CASE WHEN st.state <> 'cancelled' THEN wait ELSE 0 END,
               CASE WHEN st.state IN ('done', 'transferred') THEN serve ELSE 0 END,
               CASE st.state WHEN 'cancelled' THEN 'no_show' WHEN 'transferred' THEN 'transfer' END,
               %(uid)s, %(uid)s, day + at, day + at
          FROM y x
          JOIN city_site s ON s.idx = x.site_idx
          JOIN city_service q ON q.site_id = s.id
          JOIN city_clerk k2 ON k2.centre_id = s.id
          JOIN city_window w ON w.centre_id = s.id AND w.k = x.k,
          LATERAL (SELECT CASE WHEN r_state < 0.06 THEN 'cancelled' WHEN r_state < 0.1 THEN 'transferred'
                               ELSE 'done' END AS state) st
        """,
        {**params, "n": TICKETS},
    )
    appointments = sql(
        """
        WITH x AS MATERIALIZED (
            SELECT g, floor(random() * %(centres)s)::int AS site_idx, random() AS r_state, random() AS r_item,
                   %(today)s::date - 355 + floor(random() * 369)::int AS day, 9 + (g %% 14) * 0.5 AS hour,
                   floor(random() * %(windows)s)::int AS k
              FROM generate_series(1, %(n)s) g
        ), y AS (
            -- the seats of a time at a window: 1, 2, ... in the order of booking
            SELECT x.*, row_number() OVER (PARTITION BY site_idx, day, hour, k ORDER BY g) AS seat FROM x
        )
        INSERT INTO gov_appointment (
            number, access_token, site_id, item_id, applicant_name, applicant_phone, date, hour_from, hour_to, start,
            stop, mode, window_id, seat, state, checked_in_at, cancelled_at, cancelled_online,
            create_uid, write_uid, create_date, write_date)
        SELECT 'YY' || to_char(day, 'YYYYMMDD') || lpad(g::text, 7, '0'), md5(g::text || 'appointment')::uuid::text,
               s.id, i.id, '预约人' || g, '136' || lpad(g::text, 8, '0'), day,
               hour, hour + 0.5, day + (hour - 8) * interval '1 hour', day + (hour - 7.5) * interval '1 hour',
               'regular', w.id, x.seat, st.state,
               CASE WHEN st.state = 'done' THEN day + (hour - 8.1) * interval '1 hour' END,
               CASE WHEN st.state = 'cancelled' THEN day - 1 + interval '2 hours' END,
               st.state = 'cancelled', %(uid)s, %(uid)s, day - 3 + interval '1 hour', day - 3 + interval '1 hour'
          FROM y x
          JOIN city_site s ON s.idx = x.site_idx
          JOIN city_item i ON i.idx = floor(r_item * %(items)s)::int
          JOIN city_window w ON w.centre_id = s.id AND w.k = x.k,
          LATERAL (SELECT CASE WHEN r_state < 0.1 THEN 'cancelled' WHEN day >= %(today)s::date THEN 'booked'
                               WHEN r_state < 0.18 THEN 'no_show' ELSE 'done' END AS state) st
        """,
        {**params, "n": APPOINTMENTS},
    )
    return {"queue tickets": tickets, "appointments": appointments}


# ================================================================ run
def size(relation=None):
    if relation:
        env.cr.execute("SELECT pg_total_relation_size(%s)", [relation])
    else:
        env.cr.execute("SELECT pg_database_size(current_database())")
    return env.cr.fetchone()[0]


def main():
    env.cr.execute("SELECT 1 FROM gov_division WHERE code = %s", [f"{CODE}01000000"])
    if env.cr.fetchone():
        env.cr.execute("SELECT count(*) FROM gov_case WHERE number LIKE %s", [f"{CODE}%"])
        print(f"The city is already in {env.cr.dbname} ({env.cr.fetchone()[0]:,} cases): nothing to do.")
        return
    today = china_today()
    before = size()
    start = time.perf_counter()
    print(f"Building the city in {env.cr.dbname} (CITY_SCALE={SCALE:g}), today {today}:", flush=True)
    with audit_paused():
        build_centres()
        build_stations()
        centres, sites, items = lookup_tables()
        build_site_lists()
        build_staff()
    build_calendar(today - timedelta(days=365 * YEARS + 7), today)
    build_people()
    with no_foreign_key_checks():
        build_rosters(today)
        build_cases(today, centres, sites, items)
        build_checklists()
        build_followers()
        build_ratings(today)
        build_complaints(today, sites, items)
        build_queue(today, centres, items)
    analyze = time.perf_counter()
    for table in TABLES:
        env.cr.execute(f"ANALYZE {table}")  # noqa: S608 - fixed names
    print(f"   {'ANALYZE':<44} {time.perf_counter() - analyze:7.1f} s")
    env.cr.commit()
    total = time.perf_counter() - start
    print(f"\nMade in {total:.0f} s ({total / 60:.1f} min), committed:")
    for what, count in made.items():
        print(f"   {what:<28} {count:>12,}")
    print(f"\nDatabase {env.cr.dbname}: {size() / 2**30:.2f} GiB ({(size() - before) / 2**30:.2f} GiB added)")
    for table in ("gov_case", "gov_case_material", "gov_evaluation", "gov_queue_ticket", "gov_roster_shift"):
        print(f"   {table:<28} {size(table) / 2**20:>9,.0f} MiB with its indexes")


main()
