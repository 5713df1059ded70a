"""The hall's public devices: the kiosk issues numbers (CSRF, rate limit), the electronic screen shows
the calls and nothing private at a cost that does not grow with the queue; and what a signed-in user
or an anonymous caller can send over JSON-RPC to the queue."""

import re

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..controllers.queue import KIOSK_LIMIT_PARAM, KIOSK_LIMITER, screen_values
from .common import ID_NUMBER, GovCaseCommon

# Queries of the screen (data and rendering), whatever the number of tickets and cases; the last
# 30 days' satisfaction is one grouped query of the evaluations.
SCREEN_BUDGET = 20
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class QueueScreenCommon(GovCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        services = {service.prefix: service for service in cls.centre.queue_service_ids}
        cls.svc_a, cls.svc_b = services["A"], services["B"]
        cls.svc_a.window_ids = cls.w_front
        cls.centre.write(
            {
                "hall_rules": "<p>首问负责，一次性告知</p>",
                "service_commitment": "<p>即办件当场办结</p>",
                "window_rules": "<p>窗口无否决权</p>",
            }
        )
        cls.Ticket = cls.env["gov.queue.ticket"]

    def _called_ticket_with_case(self):
        """A ticket called at window 01 whose citizen's case names and phones them."""
        ticket = self.Ticket._issue(self.centre, self.svc_a, green_reason="elderly")
        self.Ticket.with_user(self.clerk)._call_next_at(self.w_front)
        self._case(ticket_id=ticket.id, applicant_name="欧阳秘密", applicant_phone="13911112222")
        return ticket


@tagged("gov", "post_install", "-at_install")
class TestScreenBudget(QueueScreenCommon, TransactionCase):
    def _render(self):
        return str(self.env["ir.qweb"]._render("gov_eval.queue_screen", screen_values(self.centre.sudo(), "zh_CN")))

    def _screen_queries(self):
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        with self.assertQueryCount(SCREEN_BUDGET):
            html = self._render()
        return self.cr.sql_log_count - start, html

    def test_screen_queries_do_not_grow_with_the_queue(self):
        for _i in range(5):
            self._called_ticket_with_case()
        self._render()  # warm the template and registry caches
        few, html = self._screen_queries()
        self.assertIn("A005", html)
        for _i in range(45):
            self.Ticket._issue(self.centre, self.svc_a)
            self._case(applicant_name="排队群众")
        self.Ticket.with_user(self.clerk)._call_next_at(self.w_front)
        many, html = self._screen_queries()
        self.assertIn("A006", html)
        self.assertEqual(many, few, "the screen costs the same with 5 and 50 tickets")

    def test_satisfaction_hook_shows_nothing_until_evaluations_exist(self):
        self.assertIsNone(self.centre._screen_satisfaction())
        html = str(self.env["ir.qweb"]._render("gov_eval.queue_screen", screen_values(self.centre.sudo(), "en_US")))
        self.assertNotIn('id="o_gov_satisfaction"', html)


@tagged("gov", "post_install", "-at_install")
class TestHallDevices(QueueScreenCommon, HttpCase):
    def setUp(self):
        super().setUp()
        KIOSK_LIMITER.reset()
        self.addCleanup(KIOSK_LIMITER.reset)

    def _kiosk_post(self, data, csrf=True):
        url = f"/gov/sites/{self.centre.id}/kiosk"
        if csrf:
            page = self.url_open(url)
            data = dict(data, csrf_token=CSRF_RE.search(page.text).group(1))
        return self.url_open(url, data=data, allow_redirects=False)

    def test_kiosk_checks_in_appointments_and_tells_nothing_of_others(self):
        page = self.url_open(f"/gov/sites/{self.centre.id}/kiosk")
        self.assertIn('name="appointment"', page.text, "the kiosk offers the appointment check-in")
        response = self._kiosk_post({"appointment": "YY20261207000001", "phone": "1234"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("没有与此预约号和手机号匹配的今日预约", response.text)
        self.assertNotIn("YY20261207000001", response.text, "what was typed is not repeated")
        self.assertFalse(self.Ticket.search([("site_id", "=", self.centre.id)]))

    def test_screen_shows_the_calls_and_nothing_private(self):
        ticket = self._called_ticket_with_case()
        case = ticket.case_ids
        response = self.url_open(f"/gov/sites/{self.centre.id}/screen")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(ticket.number, page)
        self.assertRegex(page, r'id="o_gov_call_window">01<')
        self.assertIn("首问负责", page)
        self.assertIn("即办件当场办结", page)
        self.assertIn(self.item.name, page, "the items handled here")
        self.assertIn("审批甲", page, "the person on duty at the department window, as on the public board")
        for private in ("欧阳秘密", "13911112222", ID_NUMBER, case.id_number_masked, case.number, case.access_code):
            self.assertNotIn(private, page)
        self.assertNotIn('id="o_gov_satisfaction"', page)

        feed = self.url_open(f"/gov/sites/{self.centre.id}/screen.json").json()
        self.assertEqual(feed["calls"][0]["number"], ticket.number)
        self.assertEqual(feed["calls"][0]["window"], "01")
        self.assertEqual(set(feed["calls"][0]), {"number", "window", "window_name", "service", "recalled", "announced"})
        self.assertNotIn("欧阳秘密", str(feed))

    def test_screen_of_an_unpublished_site_is_not_found(self):
        self.centre.is_public = False
        self.assertEqual(self.url_open(f"/gov/sites/{self.centre.id}/screen").status_code, 404)
        self.assertEqual(self.url_open(f"/gov/sites/{self.centre.id}/screen.json").status_code, 404)
        self.assertEqual(self.url_open(f"/gov/sites/{self.centre.id}/kiosk").status_code, 404)

    def test_kiosk_issues_a_ticket(self):
        page = self.url_open(f"/gov/sites/{self.centre.id}/kiosk")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.svc_a.with_context(lang="zh_CN").name, page.text, "the hall speaks Chinese")
        self.assertIn("综合受理", page.text)
        response = self._kiosk_post({"service": str(self.svc_a.id), "green": "elderly"})
        self.assertEqual(response.status_code, 200)
        ticket = self.Ticket.search([("site_id", "=", self.centre.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual((ticket.source, ticket.green_reason, ticket.service_id), ("walk_in", "elderly", self.svc_a))
        self.assertIn(ticket.number, response.text)
        # Another site's service, a malformed one: no ticket.
        foreign = self.other_centre.queue_service_ids[:1]
        with mute_logger("odoo.http"):
            self.assertEqual(self._kiosk_post({"service": str(foreign.id)}).status_code, 400)
            self.assertEqual(self._kiosk_post({"service": "²"}).status_code, 400)
            # A form posted without the kiosk page's CSRF token is refused.
            self.assertGreaterEqual(self._kiosk_post({"service": str(self.svc_a.id)}, csrf=False).status_code, 400)
        self.assertEqual(self.Ticket.search_count([("site_id", "in", (self.centre | self.other_centre).ids)]), 1)

    def test_kiosk_rate_limit(self):
        self.env["ir.config_parameter"].set_param(KIOSK_LIMIT_PARAM, 2)
        statuses = [self._kiosk_post({"service": str(self.svc_a.id)}).status_code for _i in range(3)]
        self.assertEqual(statuses, [200, 200, 429])
        self.assertEqual(self.Ticket.search_count([("site_id", "=", self.centre.id)]), 2)


@tagged("gov", "post_install", "-at_install")
class TestQueueRpcAttacks(QueueScreenCommon, HttpCase):
    """What a signed-in user or an anonymous caller can send over JSON-RPC to the queue."""

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw", {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        )

    def test_attacks(self):
        ticket = self.Ticket._issue(self.centre, self.svc_a)
        with mute_logger("odoo.http"):
            # Anonymous: nothing.
            for method, args in (("action_call_next", [[self.w_front.id]]),):
                with self.assertRaises(JsonRpcException):
                    self._call("gov.window", method, args)
            # The clerk of another centre cannot call this centre's queue, nor touch its ticket.
            self.authenticate(self.other_clerk.login, self.other_clerk.login)
            with self.assertRaises(JsonRpcException):
                self._call("gov.window", "action_call_next", [[self.w_front.id]])
            with self.assertRaises(JsonRpcException):
                self._call("gov.queue.ticket", "action_recall", [[ticket.id]])
            with self.assertRaises(JsonRpcException):
                self._call("gov.queue.ticket", "read", [[ticket.id], ["number"]])
            # Portal: no access to tickets at all.
            self.authenticate(self.citizen.login, self.citizen.login)
            with self.assertRaises(JsonRpcException):
                self._call("gov.queue.ticket", "search_read", [[]], {"fields": ["number"]})
            with self.assertRaises(JsonRpcException):
                self._call("gov.queue.ticket", "create", [{"site_id": self.centre.id, "service_id": self.svc_a.id}])
            # The clerk of the site: no private method, no field the buttons set.
            self.authenticate(self.clerk.login, self.clerk.login)
            with self.assertRaises(JsonRpcException):
                self._call("gov.queue.ticket", "_issue", [], {"site": self.centre.id, "service": self.svc_a.id})
            for vals in ({"state": "done"}, {"number": "A999"}, {"waiting_minutes": 0}, {"priority": "2"}):
                with self.assertRaises(JsonRpcException):
                    self._call("gov.queue.ticket", "write", [[ticket.id], vals])
            with self.assertRaises(JsonRpcException):
                self._call("gov.queue.ticket", "unlink", [[ticket.id]])
        ticket.invalidate_recordset()
        self.assertEqual((ticket.state, ticket.number, ticket.priority), ("waiting", "A001", "0"))
        # What the clerk may do: call their own window.
        self._call("gov.window", "action_call_next", [[self.w_front.id]])
        ticket.invalidate_recordset()
        self.assertEqual((ticket.state, ticket.window_id), ("called", self.w_front))
