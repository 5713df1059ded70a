"""The load run's traffic: citizens and window clerks on one Odoo with workers, on loopback only.

Run by ``scripts/govctl load`` (which starts Odoo with workers on the city database, writes the
fixture of real ids this file reads, runs locust headless for a bounded time and prints the
figures); not meant to be pointed anywhere else: it refuses a host that is not 127.0.0.1.

The mix (a Monday morning: citizens look things up, clerks take cases):

- anonymous citizens (weight 6): the finder, a site's page, a catalogue search, an item's page,
  the items feed, the e-screen's JSON, tracking a case by number and access code, verifying a
  result number;
- logged-in citizens (weight 2): their cases, one case, their appointments, the booking page of a
  site and, one time in five, a booking (confirm form, then the POST);
- window clerks (weight 2, one per centre): the case list with its default filter, a search by
  number and by resident ID, a case's form, and a case taken in (create, materials received,
  accept) over JSON-RPC, as the back office's buttons do.
"""

import json
import os
import random
import re
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

FIXTURE = json.load(open(os.environ["GOV_LOAD_FIXTURE"], encoding="utf-8"))  # noqa: SIM115 - read once
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CASE_LIST_FIELDS = {
    name: {}
    for name in ("number", "applicant_name", "id_number_masked", "state", "deadline_state", "promised_deadline")
}
CASE_LIST_FIELDS.update({name: {"fields": {"display_name": {}}} for name in ("item_id", "site_id", "user_id")})


@events.init.add_listener
def loopback_only(environment, **_kwargs):
    host = urlsplit(environment.host or "").hostname
    if host != "127.0.0.1":
        raise SystemExit(f"the load run only targets 127.0.0.1, not {host!r}")


def login(client, login, password):
    page = client.get("/web/login", name="/web/login")
    token = CSRF.search(page.text).group(1)
    answer = client.post(
        "/web/login",
        data={"login": login, "password": password, "csrf_token": token, "redirect": "/odoo"},
        name="/web/login (POST)",
        allow_redirects=False,
    )
    if answer.status_code != 303:
        raise RuntimeError(f"login of {login} failed: {answer.status_code}")


class Visitor(HttpUser):
    """What every simulated user does as a real one behind the proxy would (docs/DEPLOYMENT.md):

    - comes from an address of its own, which the proxy passes in X-Forwarded-For and Odoo reads
      (``proxy_mode``): the per-address limits of tracking, verification and rating apply to each
      citizen, not to the whole crowd at 127.0.0.1;
    - sends each request on a connection of its own (``Connection: close``), as nginx does to its
      upstream by default: a kept-alive connection would hold an Odoo worker idle between a user's
      requests (Odoo's prefork worker serves one connection at a time)."""

    abstract = True
    serial = 0

    def on_start(self):
        Visitor.serial += 1  # one address per user: 10.0.0.1, 10.0.0.2, ...
        number = Visitor.serial
        self.client.headers["X-Forwarded-For"] = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        # Odoo applies the forwarded headers only with X-Forwarded-Host, as nginx sets it
        self.client.headers["X-Forwarded-Host"] = urlsplit(self.host).netloc
        self.client.headers["X-Forwarded-Proto"] = "http"
        self.client.headers["Connection"] = "close"


class Citizen(Visitor):
    """Anonymous: the public pages and feeds."""

    weight = 6
    wait_time = between(0.5, 2)

    @task(4)
    def finder(self):
        self.client.get("/gov", name="/gov")

    @task(3)
    def site_page(self):
        self.client.get(f"/gov/sites/{random.choice(FIXTURE['sites'])}", name="/gov/sites/[id]")

    @task(3)
    def catalogue_search(self):
        self.client.get(f"/gov/items?q={random.choice(FIXTURE['queries'])}", name="/gov/items?q=")

    @task(2)
    def item_page(self):
        self.client.get(f"/gov/items/{random.choice(FIXTURE['items'])}", name="/gov/items/[id]")

    @task(1)
    def items_feed(self):
        self.client.get("/gov/api/items", name="/gov/api/items")

    @task(2)
    def screen(self):
        self.client.get(f"/gov/sites/{random.choice(FIXTURE['centres'])}/screen.json", name="/gov/sites/[id]/screen.json")

    @task(2)
    def track(self):
        number, code = random.choice(FIXTURE["tracked"])
        with self.client.get(
            f"/gov/track?number={number}&code={code}", name="/gov/track?number=&code=", allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 303:
                response.success()

    @task(1)
    def verify(self):
        self.client.get(f"/gov/verify/{random.choice(FIXTURE['results'])}", name="/gov/verify/[number]")


class PortalCitizen(Visitor):
    """Logged in on the portal: their cases and appointments, a booking now and then."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        super().on_start()
        login(self.client, FIXTURE["citizen"], FIXTURE["citizen"])

    @task(3)
    def my_cases(self):
        self.client.get("/my/cases", name="/my/cases")

    @task(3)
    def my_case(self):
        self.client.get(f"/my/cases/{random.choice(FIXTURE['citizen_cases'])}", name="/my/cases/[id]")

    @task(1)
    def my_appointments(self):
        self.client.get("/my/appointments", name="/my/appointments")

    @task(2)
    def booking(self):
        site, item = random.choice(FIXTURE["bookable"])
        page = self.client.get(f"/gov/sites/{site}/book?item_id={item}", name="/gov/sites/[id]/book")
        slots = re.findall(r"date=(\d{4}-\d{2}-\d{2})&amp;minute=(\d+)", page.text)
        if not slots or random.random() > 0.2:
            return
        day, minute = random.choice(slots)
        url = f"/gov/sites/{site}/book/confirm?item_id={item}&date={day}&minute={minute}"
        form = self.client.get(url, name="/gov/sites/[id]/book/confirm")
        token = CSRF.search(form.text)
        if token:
            self.client.post(
                url,
                data={"csrf_token": token.group(1), "applicant_name": "压测市民", "applicant_phone": "13900000000"},
                name="/gov/sites/[id]/book/confirm (POST)",
            )


class Clerk(Visitor):
    """A window clerk of one centre: the case list, its searches, a form, a case taken in."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        super().on_start()
        self.clerk = random.choice(FIXTURE["clerks"])
        login(self.client, self.clerk["login"], FIXTURE["clerk_password"])
        self.rpc_id = 0

    def rpc(self, model, method, args, kwargs, name):
        self.rpc_id += 1
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": self.rpc_id,
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
        }
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}", json=payload, name=name, catch_response=True
        ) as response:
            body = response.json()
            if "error" in body:
                response.failure(body["error"]["data"].get("message", "error"))
                return None
            return body["result"]

    def search(self, domain, name):
        return self.rpc(
            "gov.case",
            "web_search_read",
            [],
            {"domain": domain, "specification": CASE_LIST_FIELDS, "limit": 80, "context": {"lang": "zh_CN"}},
            name,
        )

    @task(4)
    def case_list(self):
        self.search([("state", "in", ["accepted", "review"])], "case list (in progress)")

    @task(2)
    def search_number(self):
        self.search([("number", "ilike", random.choice(self.clerk["numbers"]))], "case list: number")

    @task(1)
    def search_resident_id(self):
        self.search([("id_number_input", "=", random.choice(FIXTURE["id_numbers"]))], "case list: resident ID")

    @task(3)
    def case_form(self):
        self.rpc(
            "gov.case",
            "web_read",
            [[random.choice(self.clerk["cases"])]],
            {"specification": FIXTURE["form_spec"], "context": {"lang": "zh_CN"}},
            "case form",
        )

    @task(1)
    def intake(self):
        case = self.rpc(
            "gov.case",
            "create",
            [
                {
                    "item_id": random.choice(FIXTURE["intake_items"]),
                    "site_id": self.clerk["centre"],
                    "applicant_name": "压测申请人",
                    "id_number_input": random.choice(FIXTURE["id_numbers"]),
                    "applicant_phone": "13800000000",
                }
            ],
            {"context": {"lang": "zh_CN"}},
            "intake: create",
        )
        if not case:
            return
        # the checklist's required materials ticked as received, saved as the form saves them
        read = self.rpc(
            "gov.case", "web_read", [[case]], {"specification": {"material_ids": {"fields": {"required": {}}}}},
            "intake: read the checklist",
        )
        lines = [line["id"] for line in read[0]["material_ids"] if line["required"]] if read else []
        self.rpc(
            "gov.case",
            "write",
            [[case], {"material_ids": [[1, line, {"received": True}] for line in lines]}],
            {"context": {"lang": "zh_CN"}},
            "intake: materials received",
        )
        self.rpc("gov.case", "action_accept", [[case]], {"context": {"lang": "zh_CN"}}, "intake: accept")
