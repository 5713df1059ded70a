import datetime

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import GovStaffCase, at


@tagged("post_install", "-at_install")
class TestWhereabouts(GovStaffCase):
    def _notice(self, employee, start, back, **vals):
        return self.env["gov.whereabouts"].create(
            {
                "employee_id": employee.id,
                "reason": "到区中心送审材料",
                "contact": "13800000009",
                "date_start": start,
                "expected_return": back,
                **vals,
            }
        )

    def test_public_notices_until_return_or_expiry(self):
        notice = self._notice(self.carol, at(0, 9), at(0, 10))
        Notice = self.env["gov.whereabouts"]
        self.assertEqual(Notice._public_notices(self.site, at(0, 9.5)), notice)
        self.assertFalse(Notice._public_notices(self.site, at(0, 10.1)), "expired at the expected return")
        notice.date_expire = at(0, 11)
        self.assertEqual(Notice._public_notices(self.site, at(0, 10.5)), notice, "kept longer on purpose")
        self.assertFalse(Notice._public_notices(self.site, at(0, 8)), "not before leaving")

    def test_return_ends_the_notice(self):
        now = fields.Datetime.now()
        notice = self._notice(self.alice, now - datetime.timedelta(minutes=10), now + datetime.timedelta(hours=1))
        self.assertTrue(notice.is_away_now)
        self.assertEqual(notice.status, "away")
        self.assertEqual(notice.stand_in_id, self.bob)
        self.assertIn(notice, self.env["gov.whereabouts"].search([("is_away_now", "=", True)]))
        notice.action_return()
        self.assertEqual(notice.status, "returned")
        self.assertFalse(self.env["gov.whereabouts"]._public_notices(self.site))
        self.assertNotIn(notice, self.env["gov.whereabouts"].search([("is_away_now", "=", True)]))
        self.assertEqual(self.w_front._get_on_duty_employee(), self.alice)

    def test_late_return_does_not_stretch_the_notice(self):
        now = fields.Datetime.now()
        back = now - datetime.timedelta(hours=2)
        notice = self._notice(self.carol, now - datetime.timedelta(hours=3), back)
        notice.action_return()  # two hours after it expired
        self.assertEqual(notice.date_end, back)
        self.assertEqual(self.w_cannot._get_on_duty_employee(now - datetime.timedelta(hours=1)), self.carol)
        self.assertEqual(self.w_cannot._get_on_duty_employee(now - datetime.timedelta(hours=2.5)), self.dave)

    def test_counts_how_often(self):
        now = fields.Datetime.now()
        for hours in (1, 3, 5):
            self._notice(self.dave, now - datetime.timedelta(hours=hours + 1), now - datetime.timedelta(hours=hours))
        self.assertEqual(self.dave.gov_whereabouts_count, 3)
        self.assertEqual(self.carol.gov_whereabouts_count, 0)

    def test_dates_checked(self):
        with self.assertRaisesRegex(ValidationError, "预计返回时间必须晚于离开时间"):
            self._notice(self.alice, at(0, 10), at(0, 9))
        with self.assertRaisesRegex(ValidationError, "更长时间请申请休假"):
            self._notice(self.alice, at(0, 10), at(5, 9))
