"""Read-only routes on a read-only replica (Odoo's replica mode).

Odoo 19 serves a route declared ``readonly=True`` on a cursor of the read-only replica when the
deployment names one (``db_replica_host``), the primary otherwise. Under the test runner the
registry runs in replica mode: such a request gets a cursor whose transaction is ``READ ONLY``,
so a route that writes fails there (``ReadOnlySqlTransaction``); in production Odoo would then
log a warning and serve the request again on the primary, silently doubling its cost.

The tests check that every GET route of the suite is declared read-only (or says why not), then
request each of them, anonymously, as the demo citizen and (the site list's download) as the
district administrator, with real records, and assert that each was answered by its first, read-only attempt: no write, no retry.
A control proves the check would see a write.
"""

import base64
from unittest.mock import patch

from odoo import fields
from odoo.addons.gov_center.controllers.params import readonly_get
from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.addons.gov_items.models.gov_item_locked_line import BYPASS_LOCK
from odoo.service import model as service_model
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ARGUMENT, gov_routes

# GET routes that write, each with its reason (none may be added without one).
READ_WRITE_GET = {
    "/gov/items/<item_id>/guide.pdf": (
        "the service guide is rendered once per content by wkhtmltopdf and kept as an attachment "
        "of the item (a cache): the first request after a change writes it"
    ),
}


def routings(env):
    """{(path, methods): routing} of every route of the gov_* modules."""
    return {key: endpoint.routing for key, (_rule, endpoint) in gov_routes(env).items()}


@tagged("gov", "post_install", "-at_install")
class TestReplicaRoutes(ChineseEnvCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.citizen = env.ref("gov_center.user_gov_citizen")
        cls.site = env.ref("gov_center.site_centre_t100")
        Case = env["gov.case"].sudo()
        mine = Case.search([("partner_id", "=", cls.citizen.partner_id.id), ("number", "!=", False)], order="id")
        cls.case = mine[0]
        issued = Case.search([("result_number", "!=", False), ("partner_id", "=", cls.citizen.partner_id.id)], limit=1)
        cls.issued = issued or Case.search([("result_number", "!=", False)], limit=1)
        cls.appointment = env["gov.appointment"].sudo().search([("partner_id", "=", cls.citizen.partner_id.id)], limit=1)
        cls.complaint = env["gov.complaint"].sudo().search([("partner_id", "=", cls.citizen.partner_id.id)], limit=1)
        cls.home_visit = env["gov.home.visit"].sudo().search([("partner_id", "=", cls.citizen.partner_id.id)], limit=1)
        item_line = env["gov.item.site"].sudo().search([("site_id", "=", cls.site.id)], limit=1)
        cls.item = item_line.item_id
        online_items = env["gov.item"].sudo().search(Case._online_item_domain(), limit=1)
        cls.draft = (
            env["gov.case"]
            .with_user(cls.citizen)
            .create(
                {
                    "item_id": online_items.id,
                    "site_id": Case._online_sites(online_items)[:1].id,
                    "applicant_name": "只读申请人",
                    "id_number_input": "11010519491231002X",
                    "applicant_phone": "13800000071",
                }
            )
        )
        # A blank form to download (表格下载); the demo catalogue has none.
        cls.item.material_ids[:1].sudo().with_context(gov_item_bypass_lock=BYPASS_LOCK).write(
            {"blank_form": base64.b64encode(b"%PDF-1.4 blank form"), "blank_form_name": "申请表.pdf"}
        )
        # Earlier tests of the run may have used this address's budget of /gov/verify and /gov/track.
        env["ir.config_parameter"].set_param("gov_eval.verify_rate_limit", 100000)
        window = env["gov.window"].sudo().search([("site_id", "=", cls.site.id)], limit=1)
        cls.values = {
            "site_id": cls.site.id,
            "item_id": cls.item.id,
            "material_id": cls.item.material_ids[:1].id,
            "kind": "form",
            "number": cls.issued.result_number,
            "case_id": cls.case.id,
            "token": cls.case.access_token,
            "window_id": window.id,
            "appointment_id": cls.appointment.id,
            "complaint_id": cls.complaint.id,
            "visit_id": cls.home_visit.id,
            "page": 1,
        }

    def _url(self, path, **overrides):
        values = {**self.values, **overrides}
        return ARGUMENT.sub(lambda match: str(values[match.group(1)]), path)

    def _serve_attempts(self):
        """Patch the dispatcher's transaction loop to record, per request, the mode of each cursor
        it was given: ['ro'] is a request served by a read-only route on the replica."""
        attempts = []
        retrying = service_model.retrying

        def recording(func, env):
            attempts.append("ro" if env.cr.readonly else "rw")
            return retrying(func, env)

        return attempts, patch.object(service_model, "retrying", recording)

    def _get(self, url, attempts, expected=(200,)):
        """GET ``url``; returns the cursor modes the request went through and its response."""
        before = len(attempts)
        response = self.url_open(url, timeout=120, allow_redirects=False)
        self.assertIn(response.status_code, expected, f"{url}: status {response.status_code}")
        return attempts[before:], response

    # ------------------------------------------------------------------ declarations
    def test_every_get_route_is_declared_read_only(self):
        """GET routes are read-only; GET+POST routes read on GET (readonly_get); POST routes write."""
        problems = []
        for (path, methods), routing in sorted(routings(self.env).items()):
            readonly = routing.get("readonly")
            if methods == ("GET",):
                if path in READ_WRITE_GET:
                    if readonly:
                        problems.append(f"{path}: declared read-only but listed as writing")
                elif readonly is not True:
                    problems.append(f"{path}: a GET route not declared readonly=True")
            elif "GET" in methods:
                if readonly is not readonly_get:
                    problems.append(f"{path} {methods}: GET and POST, give readonly=readonly_get")
            elif readonly:
                problems.append(f"{path} {methods}: a route that writes declared read-only")
        self.assertEqual(problems, [])
        self.assertLessEqual(
            set(READ_WRITE_GET), {path for path, _methods in routings(self.env)}, "no stale exception"
        )

    # ------------------------------------------------------------------ requests
    def _pages(self, auth):
        """The GET paths of the suite's routes whose ``auth`` is ``auth``, and read-only."""
        return sorted(
            {
                path
                for (path, methods), routing in routings(self.env).items()
                if "GET" in methods and routing.get("auth") == auth and path not in READ_WRITE_GET
            }
        )

    def _assert_read_only(self, urls, expected_status=None):
        attempts, patcher = self._serve_attempts()
        served = {}
        with patcher:
            for url in urls:
                modes, _response = self._get(url, attempts, (expected_status or {}).get(url, (200,)))
                served[url] = modes
        self.assertEqual(
            {url: modes for url, modes in served.items() if modes != ["ro"]},
            {},
            "each request is answered by its first, read-only attempt (['ro->rw'...] is a write retried on the primary)",
        )

    def test_public_pages_read_only(self):
        paths = self._pages("public")
        self.assertIn("/gov/sites/<site_id>", paths)
        urls = [self._url(path) for path in paths if "<token>" not in path and not path.startswith("/my/")]
        urls += [
            f"/gov/rate/{self.case.id}/{self.case.access_token}",
            f"/my/cases/{self.case.id}?access_token={self.case.access_token}",
            f"/gov/items?q={self.item.name[:2]}",
            f"/gov/track?number={self.case.number}&code={self.case.access_code}",
            f"/my/cases/{self.issued.id}/result?access_token={self.issued.access_token}",
        ]
        expected = {
            # the tracking form answers a known number and code with the case's page
            f"/gov/track?number={self.case.number}&code={self.case.access_code}": (303,),
            # a window's rating page needs the token of the window's screen, not given here
            self._url("/gov/windows/<window_id>/rate/<token>"): (404,),
        }
        urls.append(self._url("/gov/windows/<window_id>/rate/<token>"))
        self._assert_read_only(urls, expected)

    def test_portal_pages_read_only(self):
        """The citizen's journey: their cases, one case, the rating link, the application forms, a
        draft, their appointments and complaints; the booking confirmation and a new complaint's form."""
        self.authenticate(self.citizen.login, self.citizen.login)
        paths = [path for path in self._pages("user") if path.startswith("/my/")]
        self.assertIn("/my/cases", paths)
        urls = [
            self._url(
                path,
                case_id=self.draft.id if path.endswith("/edit") else self.case.id,
                item_id=self.draft.item_id.id,  # the application form of an item taken online
            )
            for path in paths
        ]
        urls += [
            f"/my/cases/{self.case.id}",
            f"/my/cases?filterby=open&search={self.case.number}",
            self._book_confirm_url(),
        ]
        expected = {
            self._url("/my/cases/<case_id>/rate"): (303,),
        }
        self._assert_read_only(urls, expected)

    def _book_confirm_url(self):
        """The confirmation form of a booking of the site's first item, tomorrow at 9:00."""
        item = self.site.sudo()._public_item_lines()[:1].item_id
        day = fields.Date.to_string(fields.Date.add(fields.Date.context_today(self.site), days=1))
        return f"/gov/sites/{self.site.id}/book/confirm?item_id={item.id}&date={day}&minute=540"

    def test_back_office_download_read_only(self):
        self.authenticate("gov_admin", "gov_admin")
        self._assert_read_only([f"/gov_items/site/{self.site.id}/list.xlsx"])

    def test_a_write_is_seen(self):
        """Control: a read-only route that writes is retried on a read/write cursor, and seen."""
        Site = type(self.env["gov.site"])
        original = Site._public_site_domain

        def writing(site, *args, **kwargs):
            site.env["ir.config_parameter"].sudo().set_param("gov_eval.replica_probe", "written")
            return original(site, *args, **kwargs)

        attempts, patcher = self._serve_attempts()
        with (
            patcher,
            patch.object(Site, "_public_site_domain", writing),
            mute_logger("odoo.sql_db"),
            self.assertLogs("odoo.http", "WARNING"),
        ):
            modes, _response = self._get("/gov/api/sites", attempts)
        self.assertEqual(modes, ["ro", "rw"], "the read-only attempt failed on its write, the retry wrote")
