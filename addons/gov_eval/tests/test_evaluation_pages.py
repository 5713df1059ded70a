"""The citizens' rating pages (好差评): a case's page behind its token (once per occasion, the
allowlist, the channel decided by the server), the window's evaluation device, the portal's buttons,
the published results, and a phone rating from the receipt's QR code in Chromium."""

import datetime
import html
import re

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..controllers.evaluation import RATING_LIMIT_PARAM, RATING_LIMITER
from .common import ID_NUMBER, GovCaseCommon

# The form's token, or the page's (a page without a form, e.g. nothing open for rating).
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"|csrf_token: "([^"]+)"')
# Queries of the published page's figures, whatever the number of sites and evaluations.
PUBLISHED_BUDGET = 6


def csrf_of(text):
    match = CSRF_RE.search(text)
    return match.group(1) or match.group(2)


class RatingPagesCommon(GovCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Evaluation = cls.env["gov.evaluation"]
        cls.reason_attitude = cls.env.ref("gov_eval.reason_attitude")
        cls.emp_clerk = cls.env["hr.employee"].create(
            {"name": "受理员丙", "gov_site_id": cls.centre.id, "user_id": cls.clerk.id, "tz": "Asia/Shanghai"}
        )

    def setUp(self):
        super().setUp()
        RATING_LIMITER.reset()
        self.addCleanup(RATING_LIMITER.reset)

    def _post(self, path, data, csrf=True):
        """Post ``data`` (a dict, or a list of pairs for repeated fields) to the form of ``path``."""
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        if csrf:
            page = self.url_open(path)
            pairs.append(("csrf_token", csrf_of(page.text)))
        return self.url_open(path.split("?")[0], data=pairs, allow_redirects=False)

    def _message(self, func, *args):
        """The message of the UserError ``func`` raises, in the pages' language (Chinese)."""
        with self.assertRaises(UserError) as caught:
            func(*args)
        return html.escape(str(caught.exception), quote=False)


@tagged("post_install", "-at_install")
class TestEvaluationPages(RatingPagesCommon, HttpCase):
    def test_rate_a_case_once_with_its_token(self):
        case = self._accepted()
        path = case._rating_path()
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        for shown in (case.number, self.item.name, self.centre.name, 'name="occasion" value="acceptance"'):
            self.assertIn(shown, page.text)
        self.assertIn('name="score_attitude"', page.text, "the hall's dimensions")
        self.assertNotIn('name="score_operability"', page.text)
        self.assertNotIn(ID_NUMBER, page.text)
        response = self._post(path, {"level": "1", "occasion": "acceptance", "score_attitude": "2", "comment": "很好"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_gov_rate_thanks", response.text)
        evaluation = case.evaluation_ids
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(
            (evaluation.level, evaluation.occasion, evaluation.channel, evaluation.score_attitude, evaluation.comment),
            ("1", "acceptance", "qr", "2", "很好"),
        )
        # The same occasion again: refused with the message, no second record.
        message = self._message(case.with_context(lang="zh_CN")._check_rating_occasion, "acceptance")
        again = self._post(path, {"level": "2", "occasion": "acceptance"})
        self.assertEqual(again.status_code, 400)
        self.assertIn(message, again.text)
        self.assertEqual(len(case.evaluation_ids), 1)
        # Nothing open any more: the page says so and shows no form.
        closed = self.url_open(path)
        self.assertIn("o_gov_rate_closed", closed.text)
        self.assertNotIn("o_gov_rate_form", closed.text)

    def test_result_is_rated_once_decided(self):
        case = self._accepted()
        self.assertIn("o_gov_rate_form", self.url_open(case._rating_path()).text)
        refused = self._post(case._rating_path(), {"level": "1", "occasion": "result"})
        self.assertEqual(refused.status_code, 400, "not decided yet")
        self.assertFalse(case.evaluation_ids)
        self._post(case._rating_path(), {"level": "2", "occasion": "acceptance"})
        reviewer = case.with_user(self.approver_a)
        reviewer.action_send_review()
        reviewer.action_approve()
        reviewer.action_result_ready()
        page = self.url_open(case._rating_path())
        self.assertIn('name="occasion" value="result"', page.text)
        self.assertEqual(self._post(case._rating_path(), {"level": "1", "occasion": "result"}).status_code, 200)
        self.assertEqual(sorted(case.evaluation_ids.mapped("occasion")), ["acceptance", "result"])

    def test_another_cases_token_is_not_found(self):
        case = self._accepted()
        other = self._accepted(applicant_name="李四")
        forged = f"/gov/rate/{case.id}/{other.sudo()._portal_ensure_token()}"
        missing = f"/gov/rate/{other.id + 1000}/{other.sudo().access_token}"
        with mute_logger("odoo.http"):
            for path in (forged, missing, f"/gov/rate/{case.id}/nope", f"/gov/rate/{case.id}/%C2%B2"):
                response = self.url_open(path)
                self.assertEqual(response.status_code, 404, path)
                self.assertNotIn(case.number, response.text)
            # A post with a valid CSRF token (from the other case's page) to the forged address.
            csrf = csrf_of(self.url_open(other._rating_path()).text)
            response = self.url_open(forged, data={"level": "1", "occasion": "acceptance", "csrf_token": csrf})
            self.assertEqual(response.status_code, 404)
        self.assertFalse(self.Evaluation.search([("case_id", "in", (case | other).ids)]))

    def test_fields_outside_the_allowlist_have_no_effect(self):
        case = self._accepted()
        response = self._post(
            case._rating_path(),
            {
                "level": "2",
                "occasion": "acceptance",
                "employee_id": str(self.emp_a.id),
                "site_id": str(self.other_centre.id),
                "window_id": str(self.w_front.id),
                "in_kpi": "0",
                "channel": "phone",
                "partner_id": str(self.citizen.partner_id.id),
                "rated_at": "2020-01-01 00:00:00",
                "score_operability": "5",
            },
        )
        self.assertEqual(response.status_code, 200)
        evaluation = case.evaluation_ids
        self.assertEqual(evaluation.channel, "qr", "the server decides the channel")
        self.assertEqual(evaluation.site_id, self.centre)
        self.assertEqual(evaluation.employee_id, self.emp_clerk, "the clerk who accepted the case")
        self.assertTrue(evaluation.in_kpi)
        self.assertFalse(evaluation.partner_id)
        self.assertGreater(evaluation.rated_at, datetime.datetime(2026, 1, 1))
        self.assertFalse(evaluation.score_operability, "not a dimension of a hall service")

    def test_sms_link_and_unknown_level(self):
        case = self._accepted()
        message = self._message(self.Evaluation.with_context(lang="zh_CN")._citizen_values, {"level": "9"}, False)
        response = self._post(f"{case._rating_path()}?src=sms", {"level": "9", "occasion": "acceptance", "src": "sms"})
        self.assertEqual(response.status_code, 400)
        self.assertIn(message, response.text)
        self.assertFalse(case.evaluation_ids)
        self._post(f"{case._rating_path()}?src=sms", {"level": "3", "occasion": "acceptance", "src": "sms"})
        self.assertEqual(case.evaluation_ids.channel, "sms")

    def test_bad_review_needs_a_reason_and_opens_a_rectification(self):
        case = self._accepted()
        path = case._rating_path()
        message = self._message(
            self.Evaluation.with_context(lang="zh_CN")._check_reason_values, "5", self.env["gov.evaluation.reason"], ""
        )
        response = self._post(path, {"level": "5", "occasion": "acceptance", "comment": "等了两个小时"})
        self.assertEqual(response.status_code, 400)
        self.assertIn(message, response.text)
        self.assertRegex(response.text, r'id="o_gov_level_5" value="5" checked', "the level is kept")
        self.assertIn("等了两个小时", response.text, "the comment is kept")
        self.assertFalse(case.evaluation_ids)
        response = self._post(
            path, [("level", "5"), ("occasion", "acceptance"), ("reason_ids", str(self.reason_attitude.id))]
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_gov_rate_bad_followup", response.text)
        self.assertEqual(case.evaluation_ids.reason_ids, self.reason_attitude)
        self.assertEqual(len(case.evaluation_ids.rectification_ids), 1)

    def test_rate_limit(self):
        self.env["ir.config_parameter"].set_param(RATING_LIMIT_PARAM, 2)
        case = self._accepted()
        statuses = [self._post(case._rating_path(), {"level": "9"}).status_code for _i in range(3)]
        self.assertEqual(statuses, [400, 400, 429])

    # ------------------------------------------------------------------ the window's device
    def test_window_device(self):
        window = self.w_dept
        window.sudo().evaluation_device_token = "device-key_07"
        self.emp_a.write({"job_title": "民政窗口受理员", "gov_badge": "MZ0701", "private_phone": "13700001111"})
        path = f"/gov/windows/{window.id}/rate/device-key_07"
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/gov/windows/{window.id}/rate/wrong-key").status_code, 404)
            self.assertEqual(self.url_open(f"/gov/windows/{self.w_front.id}/rate/device-key_07").status_code, 404)
            csrf = csrf_of(self.url_open(path).text)
            wrong = self.url_open(f"/gov/windows/{window.id}/rate/wrong-key", data={"level": "1", "csrf_token": csrf})
            self.assertEqual(wrong.status_code, 404)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        for shown in ("审批甲", "民政窗口受理员", "MZ0701", window.name):
            self.assertIn(shown, page.text)
        self.assertNotIn("13700001111", page.text)
        response = self._post(path, {"level": "2", "score_attitude": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertIn('http-equiv="refresh"', response.text, "back to the start by itself")
        evaluation = self.Evaluation.search([("window_id", "=", window.id)])
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(
            (evaluation.occasion, evaluation.channel, evaluation.site_id, evaluation.case_id, evaluation.partner_id),
            ("consultation", "device", self.centre, self.env["gov.case"], self.env["res.partner"]),
        )
        self.assertEqual(evaluation.employee_id, self.emp_a, "the person on duty")
        self.assertEqual(evaluation.score_attitude, "1")

    def test_window_device_rates_the_case_being_served(self):
        Ticket = self.env["gov.queue.ticket"]
        service = self.centre.queue_service_ids.filtered(lambda s: s.prefix == "A")
        service.window_ids = self.w_front
        ticket = Ticket._issue(self.centre, service)
        Ticket.with_user(self.clerk)._call_next_at(self.w_front)
        case = self._accepted(ticket_id=ticket.id, partner_id=self.citizen.partner_id.id)
        self.assertEqual(self.w_front._case_being_served(), case)
        self.w_front.sudo().evaluation_device_token = "front-key"
        page = self.url_open(f"/gov/windows/{self.w_front.id}/rate/front-key").text
        self.assertIn(case.number, page, "the device says which case it rates")
        self.assertNotIn(case.applicant_name, page)
        response = self._post(f"/gov/windows/{self.w_front.id}/rate/front-key", {"level": "1"})
        self.assertEqual(response.status_code, 200)
        evaluation = case.evaluation_ids
        self.assertEqual((evaluation.occasion, evaluation.channel), ("acceptance", "device"))
        self.assertEqual(evaluation.partner_id, self.citizen.partner_id)

    # ------------------------------------------------------------------ portal
    def test_portal_offers_rating_to_the_owner(self):
        case = self._accepted(partner_id=self.citizen.partner_id.id)
        self.authenticate(self.citizen.login, self.citizen.login)
        page = self.url_open(f"/my/cases/{case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_gov_case_rate_acceptance", page.text)
        link = re.search(r'href="([^"]+)"[^>]*o_gov_case_rate_acceptance', page.text).group(1)
        link = html.unescape(link)
        self.assertTrue(link.startswith(case._rating_path()), link)
        self.assertIn("channel=portal", link)
        self.assertEqual(
            self._post(link, {"level": "2", "occasion": "acceptance", "channel": "portal"}).status_code, 200
        )
        self.assertEqual(case.evaluation_ids.channel, "portal", "the owner, logged in, from the portal")
        page = self.url_open(f"/my/cases/{case.id}")
        self.assertNotIn("o_gov_case_rate_acceptance", page.text, "rated once")
        self.assertIn("o_gov_case_evaluations", page.text)
        self.assertIn('data-level="2"', page.text)

    def test_portal_channel_only_for_the_owner(self):
        case = self._accepted(partner_id=self.citizen.partner_id.id)
        self._post(
            f"{case._rating_path()}?channel=portal", {"level": "2", "occasion": "acceptance", "channel": "portal"}
        )
        self.assertEqual(case.evaluation_ids.channel, "qr", "not logged in: the QR code's channel")

    def test_owner_is_sent_to_the_rating_page(self):
        case = self._accepted(partner_id=self.citizen.partner_id.id)
        token = case.sudo().access_token
        self.assertTrue(token, "the case has its token from its creation: the rating link only reads")
        self.authenticate(self.citizen.login, self.citizen.login)
        page = self.url_open(f"/my/cases/{case.id}")
        self.assertIn(f"/gov/rate/{case.id}/{token}?occasion=acceptance", html.unescape(page.text))
        # /my/cases/<id>/rate, the owner's link of older messages, sends to the same page
        response = self.url_open(f"/my/cases/{case.id}/rate?occasion=acceptance", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/gov/rate/{case.id}/{token}", response.headers["Location"])
        other = self._accepted(applicant_name="李四")
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/my/cases/{other.id}/rate").status_code, 404)

    # ------------------------------------------------------------------ published results
    def _close(self, rectification):
        rectification = rectification.with_user(self.clerk)
        rectification.write({"callback_result": "reached", "callback_note": "已回访"})
        rectification.action_callback_done()
        by_manager = rectification.with_user(self.manager)
        by_manager.write({"verification": "valid", "verification_note": "属实"})
        by_manager.action_verify()
        rectification.write({"measures": "培训"})
        rectification.action_rectified()
        by_manager.write({"citizen_response": "satisfied", "response_note": "满意"})
        by_manager.action_close()

    def _rate(self, when, level, **values):
        case = self._accepted(applicant_name=f"评价{level}")
        if level in ("4", "5"):
            values.setdefault("reason_ids", [self.reason_attitude.id])
        with freeze_time(when):
            return self.Evaluation._rate_case(case, "acceptance", "qr", dict(values, level=level))

    def test_published_figures(self):
        Site = self.env["gov.site"]
        today = datetime.date(2026, 6, 20)
        self._rate("2026-03-10 02:00:00", "1")  # this year, not this month
        self._rate("2025-12-10 02:00:00", "5")  # last year: not shown
        bad = self._rate("2026-06-10 02:00:00", "5")
        self._close(bad.rectification_ids)
        malicious = self._rate("2026-06-11 02:00:00", "4")
        self._rate("2026-06-12 02:00:00", "2")
        self.env.invalidate_all()
        with self.assertQueryCount(PUBLISHED_BUDGET):
            published = Site._published_evaluations(today)
        [row] = [row for row in published["rows"] if row["site"] == self.centre.name]
        self.assertEqual(row["month"], {"counted": 3, "rate": 100.0 / 3, "bad": 2, "closed": 1})
        self.assertEqual(row["year"], {"counted": 4, "rate": 50.0, "bad": 2, "closed": 1})
        # An upheld appeal takes the review out of the figures.
        appeal = (
            self.env["gov.evaluation.appeal"]
            .with_user(self.manager)
            .create({"evaluation_id": malicious.id, "grounds": "malicious", "statement": "监控显示未到窗口"})
        )
        appeal.with_user(self.admin).decision_note = "申诉成立"
        appeal.with_user(self.admin).action_uphold()
        # More sites and evaluations: the same number of queries.
        self._rate("2026-06-13 02:00:00", "1")
        station_case = self._accepted(site_id=self.station.id, channel="agent", user=self.agent)
        with freeze_time("2026-06-14 02:00:00"):
            self.Evaluation._rate_case(station_case, "acceptance", "qr", {"level": "3"})
        self.env.invalidate_all()
        with self.assertQueryCount(PUBLISHED_BUDGET):
            published = Site._published_evaluations(today)
        [row] = [row for row in published["rows"] if row["site"] == self.centre.name]
        self.assertEqual(row["month"], {"counted": 3, "rate": 200.0 / 3, "bad": 1, "closed": 1})
        self.assertEqual(row["year"]["counted"], 4)
        [station] = [row for row in published["rows"] if row["site"] == self.station.name]
        self.assertEqual(station["year"], {"counted": 1, "rate": 100.0, "bad": 0, "closed": 0})
        self.assertEqual(published["total"]["month"]["counted"], 4)

    def test_published_page(self):
        case = self._accepted()
        self.Evaluation._rate_case(case, "acceptance", "qr", {"level": "2"})
        page = self.url_open("/gov/evaluations")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.centre.name, page.text)
        self.assertRegex(page.text, r'o_gov_eval_counted">1<')
        self.assertIn("100.0%", page.text)
        self.assertNotIn(case.number, page.text)


@tagged("post_install", "-at_install")
class TestEvaluationTour(RatingPagesCommon, HttpCase):
    browser_size = "375x740"
    touch_enabled = True

    def test_tour_rate_from_the_receipt_on_a_phone(self):
        """A tour in Chromium rates a case from the receipt's QR link on a phone-sized screen."""
        case = self._accepted()
        url = case._rating_url()
        receipt, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            ._render_qweb_html("gov_eval.action_report_case_receipt", case.ids)
        )
        self.assertIn(url, receipt.decode(), "the receipt's second QR code carries the rating link")
        self.start_tour(url[len(case.get_base_url()) :], "gov_evaluation_rate")
        evaluation = case.evaluation_ids
        self.assertEqual(len(evaluation), 1)
        self.assertEqual((evaluation.level, evaluation.channel, evaluation.occasion), ("5", "qr", "acceptance"))
        self.assertEqual(len(evaluation.reason_ids), 1)
        self.assertEqual(len(evaluation.rectification_ids), 1, "the bad review opened its rectification")
