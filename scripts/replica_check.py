"""Drive an Odoo that has a primary and a streaming replica, and show where the reads went.

Called by ``scripts/govctl replica`` once the primary, the replica and Odoo (with workers, pointing
at both: ``db_host``/``db_port`` and ``db_replica_host``/``db_replica_port``) are up:

1. reads the replica's and the primary's transaction counters for the database
   (``pg_stat_database``);
2. requests the public pages and feeds anonymously (the finder, a site, the catalogue and its
   search, an item, the e-screen and its JSON, the feeds, the verification and evaluation pages)
   and a citizen's portal journey (login, /my/cases, a case, the appointments and complaints),
   ``--rounds`` times each;
3. reads the counters again and Odoo's log, where each request line ends with the cursor mode it
   was served with in replica mode (``ro``: the replica; ``rw``: the primary; ``ro->rw``: a
   read-only route that wrote and was served again on the primary);
4. checks that a write on the replica is refused.

Prints a table per route and the counters' deltas; exits 1 when a read-only route was served on
the primary, when the replica did not see at least the read-only requests' transactions, or on any
HTTP error.
"""

import argparse
import collections
import re
import sys
import time
from urllib.parse import unquote

import psycopg2
import requests

# The werkzeug request line of Odoo's log in replica mode: "GET /path HTTP/1.1" 200 - 12 0.003 0.010 ro
REQUEST_LINE = re.compile(r'"(?P<method>GET|POST|HEAD) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) .* (?P<mode>ro->rw|ro|rw|-)\s*$')
# Requests of the run carry this query key, to find their lines in the log.
MARK = "gov_replica_run"


def counters(dsn, db):
    """(transactions, rows read) of ``db`` on the server of ``dsn``, after the statistics of the
    last second are flushed."""
    with psycopg2.connect(dsn, dbname="postgres") as connection, connection.cursor() as cr:
        cr.execute("SELECT pg_stat_clear_snapshot()")
        cr.execute(
            "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched FROM pg_stat_database WHERE datname = %s",
            [db],
        )
        return cr.fetchone()


def one(dsn, db, query, params=None):
    with psycopg2.connect(dsn, dbname=db) as connection, connection.cursor() as cr:
        cr.execute(query, params)
        row = cr.fetchone()
        return row[0] if row else None


def public_paths(dsn, db):
    site = one(dsn, db, "SELECT id FROM gov_site WHERE kind = 'district_centre' AND active ORDER BY id LIMIT 1")
    site = site or one(dsn, db, "SELECT id FROM gov_site WHERE active ORDER BY id LIMIT 1")
    item = one(
        dsn,
        db,
        "SELECT l.item_id FROM gov_item_site l JOIN gov_item i ON i.id = l.item_id "
        "WHERE l.site_id = %s AND i.state = 'published' ORDER BY l.id LIMIT 1",
        [site],
    )
    return [
        "/gov",
        "/gov/sites",
        f"/gov/sites/{site}",
        f"/gov/sites/{site}/screen",
        f"/gov/sites/{site}/screen.json",
        f"/gov/sites/{site}/roster",
        f"/gov/sites/{site}/board",
        f"/gov/sites/{site}/book",
        "/gov/items",
        "/gov/items?q=%E8%AF%81%E6%98%8E",  # 证明
        f"/gov/items/{item}",
        "/gov/api/sites",
        f"/gov/api/sites/{site}",
        "/gov/api/items",
        f"/gov/api/items/{item}",
        "/gov/agency",
        "/gov/verify",
        "/gov/track",
        "/gov/evaluations",
        "/gov/complaints/results",
    ]


def portal_paths(dsn, db, login):
    partner = one(dsn, db, "SELECT partner_id FROM res_users WHERE login = %s", [login])
    case = one(dsn, db, "SELECT id FROM gov_case WHERE partner_id = %s ORDER BY id LIMIT 1", [partner])
    return ["/my/cases", "/my/cases?filterby=open", f"/my/cases/{case}", "/my/appointments", "/my/complaints"]


def login(session, url, user):
    page = session.get(f"{url}/web/login", timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{url}/web/login",
        data={"login": user, "password": user, "csrf_token": token, "redirect": "/my"},
        timeout=60,
        allow_redirects=False,
    )
    if answer.status_code != 303 or "/web/login" in answer.headers.get("Location", ""):
        raise SystemExit(f"the login of {user} failed ({answer.status_code})")


def run(session, url, paths, rounds, statuses):
    for _round in range(rounds):
        for path in paths:
            glue = "&" if "?" in path else "?"
            response = session.get(f"{url}{path}{glue}{MARK}=1", timeout=120, allow_redirects=False)
            statuses[path][response.status_code] += 1


def modes_from_log(log_file, offset):
    """{path: Counter(mode)} of the marked request lines written after ``offset``."""
    modes = collections.defaultdict(collections.Counter)
    with open(log_file, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        for line in log:
            match = REQUEST_LINE.search(line)
            if match and MARK in match["path"]:
                path = re.sub(rf"[?&]{MARK}=1", "", match["path"])
                modes[unquote(path)][match["mode"]] += 1  # Odoo logs the path decoded
    return modes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--primary", required=True, help="libpq connection string of the primary")
    parser.add_argument("--replica", required=True, help="libpq connection string of the replica")
    parser.add_argument("--log", required=True, help="Odoo's log file")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--citizen", default="gov_citizen")
    args = parser.parse_args()

    with open(args.log, "rb") as log:
        offset = log.seek(0, 2)
    paths = public_paths(args.primary, args.db)
    citizen = requests.Session()
    login(citizen, args.url, args.citizen)
    mine = portal_paths(args.primary, args.db, args.citizen)
    replica_before, primary_before = counters(args.replica, args.db), counters(args.primary, args.db)
    statuses = collections.defaultdict(collections.Counter)
    start = time.perf_counter()
    run(requests.Session(), args.url, paths, args.rounds, statuses)
    run(citizen, args.url, mine, args.rounds, statuses)
    elapsed = time.perf_counter() - start
    time.sleep(1.5)  # the servers flush their statistics at most once a second
    replica_after, primary_after = counters(args.replica, args.db), counters(args.primary, args.db)
    time.sleep(0.5)  # the last request lines reach the log
    modes = modes_from_log(args.log, offset)

    problems = []
    print(f"{'route':48} {'status':>12} {'cursor (Odoo log)':>24}")
    for path in paths + mine:
        status = ", ".join(f"{code}×{count}" for code, count in sorted(statuses[path].items()))
        served = modes[unquote(path)]
        mode = ", ".join(f"{name}×{count}" for name, count in sorted(served.items())) or "not in the log"
        print(f"{path[:48]:48} {status:>12} {mode:>24}")
        if any(code >= 400 for code in statuses[path]):
            problems.append(f"{path}: HTTP {dict(statuses[path])}")
        if set(served) != {"ro"}:
            problems.append(f"{path}: served {dict(served) or 'nowhere in the log'}, not on the replica only")
    requests_made = sum(sum(counter.values()) for counter in statuses.values())
    replica_tx = replica_after[0] - replica_before[0]
    primary_tx = primary_after[0] - primary_before[0]
    print(
        f"\n{requests_made} requests in {elapsed:.1f} s ({args.rounds} rounds of {len(paths)} public and "
        f"{len(mine)} portal pages)"
    )
    print(f"replica: {replica_tx} transactions, {replica_after[1] - replica_before[1]} rows read (pg_stat_database)")
    print(f"primary: {primary_tx} transactions, {primary_after[1] - primary_before[1]} rows read (pg_stat_database)")
    if replica_tx < requests_made:
        problems.append(f"the replica counted {replica_tx} transactions for {requests_made} read-only requests")
    try:
        with psycopg2.connect(args.replica, dbname=args.db) as connection, connection.cursor() as cr:
            cr.execute("UPDATE ir_config_parameter SET value = value WHERE key = 'database.uuid'")
        problems.append("a write on the replica was accepted")
    except psycopg2.Error as error:
        print(f"a write on the replica: refused ({error.pgerror.strip().splitlines()[0]})")
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("\nOK: every public page and portal read was served by the replica")


if __name__ == "__main__":
    main()
