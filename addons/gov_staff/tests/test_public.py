import datetime

from odoo import fields
from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPublicPages(ChineseEnvCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site = cls.env.ref("gov_center.site_centre_t100")
        cls.zhangmin = cls.env.ref("gov_staff.employee_t100_zhangmin")
        cls.env["gov.whereabouts"].search([("site_id", "=", cls.site.id)]).action_cancel()

    def test_board_shows_notice_and_stand_in_until_return(self):
        now = fields.Datetime.now()
        notice = self.env["gov.whereabouts"].create(
            {
                "employee_id": self.zhangmin.id,
                "reason": "到区政务服务中心领取证照",
                "reason_type": "errand",
                "contact": "13912345678",
                "date_start": now - datetime.timedelta(minutes=5),
                "expected_return": now + datetime.timedelta(hours=1),
            }
        )
        page = self.url_open(f"/gov/sites/{self.site.id}/board")
        self.assertEqual(page.status_code, 200)
        html = page.text
        self.assertIn("到区政务服务中心领取证照", html)
        self.assertIn("13912345678", html)
        self.assertIn("去向留言", html, "the page is in Chinese")
        self.assertIn("王芳", html, "the B post is shown on duty at the comprehensive window")
        notice.action_return()
        html = self.url_open(f"/gov/sites/{self.site.id}/board").text
        self.assertNotIn("到区政务服务中心领取证照", html)
        # Private numbers never appear: 王芳 has no published contact.
        self.env.ref("gov_staff.employee_t100_wangfang").work_phone = "13600000000"
        self.assertNotIn("13600000000", self.url_open(f"/gov/sites/{self.site.id}/board").text)

    def test_expired_notice_leaves_the_board(self):
        now = fields.Datetime.now()
        self.env["gov.whereabouts"].create(
            {
                "employee_id": self.zhangmin.id,
                "reason": "上门服务已过期",
                "contact": "1",
                "date_start": now - datetime.timedelta(hours=3),
                "expected_return": now - datetime.timedelta(hours=1),
            }
        )
        self.assertNotIn("上门服务已过期", self.url_open(f"/gov/sites/{self.site.id}/board").text)

    def test_public_roster_shows_published_week(self):
        roster = self.env.ref("gov_staff.roster_t100_this_week")
        html = self.url_open(f"/gov/sites/{self.site.id}/roster?week={roster.date_from}").text
        self.assertIn("综合受理窗口", html)
        self.assertIn("张敏", html)
        self.assertIn("SEQ-001", html)
        self.assertIn("预约服务", html, "Sunday mornings are by appointment")
        roster.action_draft()
        html = self.url_open(f"/gov/sites/{self.site.id}/roster?week={roster.date_from}").text
        self.assertNotIn("SEQ-001", html, "a draft roster is not public")

    def test_site_page_links_board_and_roster(self):
        html = self.url_open(f"/gov/sites/{self.site.id}").text
        self.assertIn(f"/gov/sites/{self.site.id}/board", html)
        self.assertIn(f"/gov/sites/{self.site.id}/roster", html)
        self.assertIn("婚姻登记", html, "holiday duty for high-frequency items is announced")
        self.assertIn("5 / 5", html, "the five windows of the centre are staffed")

    def test_unpublished_site_is_404(self):
        self.site.is_public = False
        self.assertEqual(self.url_open(f"/gov/sites/{self.site.id}/board").status_code, 404)

    def test_unknown_site_is_404(self):
        self.assertEqual(self.url_open("/gov/sites/999999/board").status_code, 404)
        self.assertEqual(self.url_open("/gov/sites/999999/roster").status_code, 404)

    def test_board_query_budget(self):
        self.url_open(f"/gov/sites/{self.site.id}/board")  # warm the caches
        # Measured: 18 and 28 queries (five windows, a week of 58 shifts); constant in the
        # number of windows, notices and shifts.
        with self.assertQueryCount(22):
            self.assertEqual(self.url_open(f"/gov/sites/{self.site.id}/board").status_code, 200)
        with self.assertQueryCount(32):
            self.assertEqual(self.url_open(f"/gov/sites/{self.site.id}/roster").status_code, 200)

    def test_manager_generates_and_publishes_a_roster_tour(self):
        self.env["gov.roster"].create({"site_id": self.site.id, "date_from": "2031-06-02", "date_to": "2031-06-08"})
        self.start_tour("/odoo/action-gov_staff.action_gov_roster", "gov_staff_roster_tour", login="gov_manager")
        roster = self.env["gov.roster"].search([("site_id", "=", self.site.id), ("date_from", "=", "2031-06-02")])
        self.assertEqual(roster.state, "published")
        self.assertTrue(roster.shift_ids)
        self.assertFalse(roster.shift_ids.filtered("is_gap"))
