"""The applicant follows the case on the portal: their own cases, or one case by its token."""

import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import ID_NUMBER, GovCaseCommon


@tagged("post_install", "-at_install")
class TestCasePortal(GovCaseCommon, HttpCase):
    def test_citizen_follows_their_case(self):
        case = self._accepted(partner_id=self.citizen.partner_id.id)
        other = self._case(applicant_name="李四")
        self.authenticate(self.citizen.login, self.citizen.login)
        listing = self.url_open("/my/cases")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(case.number, listing.text)
        self.assertNotIn(other.number, listing.text, "only the citizen's own cases")
        page = self.url_open(f"/my/cases/{case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("1101**********002X", page.text)
        self.assertNotIn(ID_NUMBER, page.text, "the full resident ID is never on the portal")
        self.assertNotIn(case.sudo().access_code, page.text)
        self.assertEqual(self.url_open(f"/my/cases/{other.id}").status_code, 404)

    def test_token_link_of_the_receipt(self):
        case = self._accepted(site_id=self.station.id, channel="agent", user=self.agent)
        url = case._follow_url()
        self.assertIn("access_token=", url)
        page = self.url_open(url[len(case.get_base_url()) :])
        self.assertEqual(page.status_code, 200, "anyone with the receipt's QR code follows the case")
        self.assertIn(case.number, page.text)
        self.assertIn(self.station.name, page.text, "the relay legs are shown")
        self.assertNotIn(ID_NUMBER, page.text)
        self.assertEqual(self.url_open(f"/my/cases/{case.id}?access_token=forged").status_code, 404)
        self.assertEqual(self.url_open(f"/my/cases/{case.id}").status_code, 404, "no token, no login: nothing")
        stranger = new_test_user(self.env, "t_case_stranger", groups="base.group_portal")
        self.authenticate(stranger.login, stranger.login)
        self.assertEqual(self.url_open(f"/my/cases/{case.id}").status_code, 404)

    def test_track_by_number_and_access_code(self):
        case = self._accepted()
        code = case.sudo().access_code
        response = self.url_open(f"/gov/track?number={case.number}&code={code.lower()}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/my/cases/{case.id}?access_token=", response.headers["Location"])
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(case.number, page.text)
        wrong_code = self.url_open(f"/gov/track?number={case.number}&code=AAAAAAAA", allow_redirects=False)
        wrong_number = self.url_open(f"/gov/track?number={case.number}9&code={code}", allow_redirects=False)
        self.assertEqual((wrong_code.status_code, wrong_number.status_code), (404, 404))
        # The pages carry a CSRF token that changes with the second the page was made: not part of the answer.
        csrf = re.compile(r"[0-9a-f]{40}o\d+")
        self.assertEqual(
            csrf.sub("CSRF", wrong_code.text),
            csrf.sub("CSRF", wrong_number.text.replace(f"{case.number}9", case.number)),
            "the same answer whichever half is wrong",
        )
        self.assertNotIn(case.number, wrong_code.text, "what was typed is not repeated")


@tagged("post_install", "-at_install")
class TestCaseRpcAttacks(GovCaseCommon, HttpCase):
    """What a signed-in clerk can send over JSON-RPC that the UI never sends."""

    def _call(self, model, method, args, context=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": {"context": context or {}}},
        )

    def test_the_nightly_job_and_its_context_keys_are_out_of_reach(self):
        case = self._accepted()
        self.authenticate(self.clerk.login, self.clerk.login)
        # The job, its reminders and its cron are not callable by a clerk, whatever the context.
        for method, args in (("_cron_deadlines", []), ("_remind", [[case.id], [case.id]])):
            with self.assertRaises(JsonRpcException):
                self._call("gov.case", method, args, {"mail_activity_automation_skip": True})
        cron = self.env.ref("gov_eval.ir_cron_gov_case_deadlines")
        with self.assertRaises(JsonRpcException):
            self._call("ir.cron", "method_direct_trigger", [[cron.id]])
        # The job's own day is a date object: a string in a caller's context is ignored, an open
        # pause counts up to the real today.
        self._call(
            "gov.case",
            "write",
            [[case.id], {"pause_ids": [(0, 0, {"kind": "materials", "reason": "缺签字"})]}],
            {"gov_deadline_today": "2030-12-31"},
        )
        case.invalidate_recordset()
        pause = case.pause_ids
        today = pause.date_start
        self.assertEqual(case.paused_days, self.env["gov.holiday"]._work_calendar([today]).count(today, today))
