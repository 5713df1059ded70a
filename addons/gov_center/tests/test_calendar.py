import datetime

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChineseEnvCase

D = datetime.date


@tagged("gov", "at_install", "-post_install")
class TestWorkingCalendar(ChineseEnvCase, TransactionCase):
    """China's working calendar: weekends, statutory holidays and make-up working days (调休)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["gov.holiday"]
        # A controlled year far from the library's range: National Day week of 2041.
        # 2041-10-01 is a Tuesday; holidays Tue 1 - Mon 7, make-up working day Sat 12.
        cls.Holiday.create(
            [{"date": D(2041, 10, d), "day_type": "holiday", "name": "国庆节"} for d in range(1, 8)]
            + [{"date": D(2041, 10, 12), "day_type": "workday", "name": "国庆节"}]
        )

    def test_plain_week(self):
        self.assertTrue(self.Holiday.is_working_day(D(2041, 9, 27)))  # Friday
        self.assertFalse(self.Holiday.is_working_day(D(2041, 9, 28)))  # Saturday
        self.assertFalse(self.Holiday.is_working_day(D(2041, 9, 29)))  # Sunday

    def test_holidays_and_makeup_days(self):
        self.assertFalse(self.Holiday.is_working_day(D(2041, 10, 1)))
        self.assertTrue(self.Holiday.is_working_day(D(2041, 10, 12)))  # Saturday, 调休上班
        # Sep 30 (Mon) to Oct 13 (Sun): 10 weekdays - 5 holidays + 1 make-up Saturday = 6
        self.assertEqual(self.Holiday.working_days_between(D(2041, 9, 30), D(2041, 10, 13)), 6)
        self.assertEqual(
            self.Holiday.working_days_in_range(D(2041, 10, 5), D(2041, 10, 12)),
            [D(2041, 10, 8), D(2041, 10, 9), D(2041, 10, 10), D(2041, 10, 11), D(2041, 10, 12)],
        )

    def test_add_working_days_skips_holidays(self):
        # Promised in 3 working days from Monday Sep 30: Oct 8, 9, 10 -> Thursday Oct 10.
        self.assertEqual(self.Holiday.add_working_days(D(2041, 9, 30), 3), D(2041, 10, 10))
        # 5 working days from Oct 7 lands on the make-up Saturday, Oct 12.
        self.assertEqual(self.Holiday.add_working_days(D(2041, 10, 7), 5), D(2041, 10, 12))
        # 0 days on a holiday: the next working day.
        self.assertEqual(self.Holiday.add_working_days(D(2041, 10, 3), 0), D(2041, 10, 8))
        self.assertEqual(self.Holiday.add_working_days(D(2041, 10, 8), 0), D(2041, 10, 8))

    def test_long_horizon_is_one_query(self):
        # Deadlines are computed on every case: a 60-day limit must not query per day.
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            end = self.Holiday.add_working_days(D(2041, 9, 1), 60)
        self.assertEqual(self.Holiday.working_days_between(D(2041, 9, 2), end), 60)

    def test_makeup_day_must_be_weekend(self):
        with self.assertRaisesRegex(ValidationError, "必须是星期六或星期日"):
            self.Holiday.with_context(lang="zh_CN").create(
                {"date": D(2041, 10, 15), "day_type": "workday", "name": "调休"}
            )

    def test_library_seed_matches_state_council(self):
        # Installing the module seeded this year's and next year's arrangement.
        self.Holiday._sync_from_library([2026])
        self.assertFalse(self.Holiday.is_working_day(D(2026, 10, 1)))  # 国庆节
        self.assertTrue(self.Holiday.is_working_day(D(2026, 1, 4)))  # Sunday, 元旦调休上班
        self.assertFalse(self.Holiday.is_working_day(D(2026, 2, 15)))  # 春节
        day = self.Holiday.search([("date", "=", D(2026, 10, 1))])
        self.assertEqual((day.name, day.source), ("国庆节", "library"))

    def test_sync_keeps_manual_corrections(self):
        self.Holiday._sync_from_library([2026])
        day = self.Holiday.search([("date", "=", D(2026, 10, 1))])
        day.write({"name": "国庆节（本区调整）", "source": "manual"})
        self.assertEqual(self.Holiday._sync_from_library([2026]), 0)
        self.assertEqual(day.name, "国庆节（本区调整）")
        # A year the library does not know yet is skipped, not guessed.
        self.assertEqual(self.Holiday._sync_from_library([2099]), 0)
