"""Page by page, one request at a time: the suite's back office, portal and public pages against
Odoo's own project tasks on the same data (run by ``scripts/govctl pages``, against an Odoo it
started on 127.0.0.1 with its werkzeug log at INFO).

Each measurement is one kind of request repeated: WARM unmeasured runs (caches), then RUNS timed
at the client (loopback: the server's time and the transfer); the queries of each request are
read from the server's log line (Odoo's "query count, query time, remaining time"). Printed: the
median ms, the queries, and for each pair of the suite and Odoo's app the ratio of their times.
Targets (issue 14): the back office and portal no slower than project.task's equivalents (ratio
≤ 1.0 with a 10 % allowance for noise on a loaded 2-core machine), and the same queries whatever
the page size.

Usage: measure.py URL DB FIXTURE.json ODOO.log
"""

import json
import re
import statistics
import sys
import time

import requests

URL, DB, FIXTURE, LOG = sys.argv[1:5]
F = json.load(open(FIXTURE, encoding="utf-8"))
missing = [key for key, value in F.items() if value in (None, "")]
if missing:
    sys.exit(f"the fixture lacks {', '.join(missing)}: nothing comparable to measure")
WARM, RUNS = 3, 9
ALLOWANCE = 1.10
LINE = re.compile(r'"(?:GET|POST) (\S+) HTTP/[\d.]+" (\d{3}) - (\d+) ([\d.]+) ([\d.]+)')
OPEN_TASKS = ["01_in_progress", "02_changes_requested", "03_approved", "04_waiting_normal"]
CONTEXT = {"lang": "zh_CN", "tz": "Asia/Shanghai"}

log = open(LOG, encoding="utf-8", errors="replace")
log.seek(0, 2)


def queries_of(path):
    """The query count of the last finished request for ``path`` in the server's log."""
    found = None
    for _ in range(50):
        for line in log.readlines():
            match = LINE.search(line)
            if match and match.group(1).split("#")[0].split("?")[0] == path.split("?")[0]:
                found = int(match.group(3))
        if found is not None:
            return found
        time.sleep(0.02)
    return -1


def session(login=None, password=None):
    client = requests.Session()
    if login:
        answer = client.post(
            f"{URL}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": DB, "login": login, "password": password}},
        )
        answer.raise_for_status()
        if "error" in answer.json():
            sys.exit(f"login of {login} failed: {answer.json()['error']['data']['message']}")
    return client


def measure(client, method, path, payload=None):
    times, counts, status = [], [], None
    for run in range(WARM + RUNS):
        start = time.perf_counter()
        if method == "rpc":
            answer = client.post(URL + path, json={"jsonrpc": "2.0", "method": "call", "id": run, "params": payload})
            body = answer.json()
            if "error" in body:
                raise RuntimeError(f"{path}: {body['error']['data']['message']}")
        else:
            answer = client.get(URL + path, allow_redirects=False)
        elapsed = 1000 * (time.perf_counter() - start)
        status = answer.status_code
        count = queries_of(f"/web/dataset/call_kw/{payload['model']}/{payload['method']}" if method == "rpc" else path)
        if run >= WARM:
            times.append(elapsed)
            counts.append(count)
    return statistics.median(times), statistics.median(counts), status


def call(model, method, args, **kwargs):
    kwargs["context"] = CONTEXT
    return f"/web/dataset/call_kw/{model}/{method}", {"model": model, "method": method, "args": args, "kwargs": kwargs}


def search(model, domain, spec, limit=80):
    return call(model, "web_search_read", [], domain=domain, specification=spec, limit=limit, order="")


rows = []


def row(label, client, method, path, payload=None):
    ms, queries, status = measure(client, method, path, payload)
    rows.append((label, ms, queries, status))
    return ms, queries


def pair(label, ours, odoo, theirs):
    """``ours`` and ``theirs``: (client, method, path[, payload]); both rows, then the ratio."""
    pairs.append((label, row(label, *ours), row(f"  Odoo: {odoo}", *theirs)))


pairs = []
clerk = session(F["clerk"], F["password"])
citizen = session(F["citizen"], F["citizen"])
anonymous = session()

running = [["state", "in", ["accepted", "review"]]]
project = [["project_id", "=", F["project"]]]
back = [
    ("case list, in progress (80 rows)", search("gov.case", running, F["case_list"]),
     search("project.task", project + [["state", "in", OPEN_TASKS]], F["task_list"]), "project's open tasks"),
    ("case list, in progress (20 rows)", search("gov.case", running, F["case_list"], 20),
     search("project.task", project + [["state", "in", OPEN_TASKS]], F["task_list"], 20), "project's open tasks, 20"),
    ("case list, by number", search("gov.case", [["number", "ilike", F["number"]]], F["case_list"]),
     search("project.task", project + [["name", "ilike", F["number"]]], F["task_list"]), "task by name"),
    # A task has no resident ID: the exact lookup is compared with a task found by its exact name.
    ("case list, by resident ID", search("gov.case", [["id_number_input", "=", F["id_number"]]], F["case_list"]),
     search("project.task", project + [["name", "=", F["task_name"]]], F["task_list"]), "task by its exact name"),
    # The city's applicants are names, not partners: the tasks carry them in their name.
    ("case list, by applicant name", search("gov.case", [["applicant_name", "ilike", F["applicant"]]], F["case_list"]),
     search("project.task", project + [["name", "ilike", F["applicant"]]], F["task_list"]), "task by name"),
    ("case form", call("gov.case", "web_read", [[F["case"]]], specification=F["case_form"]),
     call("project.task", "web_read", [[F["task"]]], specification=F["task_form"]), "task form"),
]
for label, (path, payload), (tpath, tpayload), odoo in back:
    pair(label, (clerk, "rpc", path, payload), odoo, (clerk, "rpc", tpath, tpayload))
pair("/my/cases (citizen)", (citizen, "get", "/my/cases"), "/my/tasks", (citizen, "get", "/my/tasks"))
pair(
    "/my/cases/<id> (citizen)",
    (citizen, "get", f"/my/cases/{F['citizen_case']}"),
    "/my/tasks/<id>",
    (citizen, "get", f"/my/tasks/{F['citizen_task']}"),
)
public = [
    ("/gov (finder, first page)", "/gov"),
    ("/gov/items?q= (catalogue search)", f"/gov/items?q={F['item_query']}"),
    ("/gov/items/<id> (item page, most sites)", f"/gov/items/{F['item']}"),
    ("/gov/sites/<id> (site page)", f"/gov/sites/{F['site']}"),
    ("/gov/sites/<id>/screen (e-screen)", f"/gov/sites/{F['site']}/screen"),
    ("/gov/sites/<id>/screen.json", f"/gov/sites/{F['site']}/screen.json"),
    ("/gov/api/sites (feed, every site)", "/gov/api/sites"),
    ("/gov/api/sites/<id>", f"/gov/api/sites/{F['site']}"),
    ("/gov/api/items (feed)", "/gov/api/items"),
    ("/gov/evaluations (published results)", "/gov/evaluations"),
    ("/web/login (Odoo, for scale)", "/web/login"),
]
for label, path in public:
    row(label, anonymous, "get", path)

print(
    f"\nData: {F['all_cases']:,} cases and {F['all_tasks']:,} tasks; clerk {F['clerk']}: {F['centre_cases']:,} cases at "
    f"the centre, its project {F['project_tasks']:,} tasks; {F['citizen']}: {F['citizen_cases']} cases, "
    f"follows {F['citizen_tasks']} tasks. Median of {RUNS} after {WARM} warm-up requests, one at a time."
)
print(f"\n{'request':<44}{'ms':>9}{'queries':>9}{'status':>8}")
for label, ms, queries, status in rows:
    print(f"{label:<44}{ms:>9.1f}{queries:>9.0f}{status:>8}")
print(f"\n{'the suite against Odoo':<44}{'ratio':>9}  (target ≤ 1.0, {ALLOWANCE - 1:.0%} allowance)")
missed = 0
for label, (ms, _q), (tms, _tq) in pairs:
    ratio = ms / tms
    ok = ratio <= ALLOWANCE
    missed += not ok
    print(f"{label:<44}{ratio:>9.2f}  {'met' if ok else 'NOT met'}")
flat = [r for r in rows if r[0].startswith("case list, in progress")]
print(f"queries of the case list at 80 and 20 rows: {flat[0][2]:.0f} and {flat[1][2]:.0f}: {'flat' if flat[0][2] == flat[1][2] else 'NOT flat'}")
# A page that did not answer 200, or whose log line was not found, measured nothing comparable.
broken = [label for label, _ms, queries, status in rows if status != 200 or queries < 0]
for label in broken:
    print(f"NOT measured: {label.strip()} (status or query count missing)")
sys.exit(1 if missed or broken or flat[0][2] != flat[1][2] else 0)
