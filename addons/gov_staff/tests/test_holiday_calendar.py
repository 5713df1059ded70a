import datetime

from odoo.tests import tagged

from .common import GovStaffCase

D = datetime.date
# National Day 2026 (State Council notice): 1–7 October off, of which these weekdays are statutory
# holidays in the working calendar; Saturday 10 October is a make-up working day (调休上班).
NATIONAL_DAY = [D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)]
MAKE_UP = D(2026, 10, 10)


@tagged("post_install", "-at_install")
class TestHolidaysInOdooCalendars(GovStaffCase):
    """Statutory holidays of gov.holiday are global time off in Odoo's calendars, so that
    resource and hr_holidays do not count them as working time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Holiday = cls.env["gov.holiday"]
        known = set(Holiday._exceptions(D(2026, 9, 1), D(2026, 10, 31)))
        Holiday.create(
            [{"date": d, "day_type": "holiday", "name": "国庆节"} for d in NATIONAL_DAY if d not in known]
            + ([{"date": MAKE_UP, "day_type": "workday", "name": "国庆节"}] if MAKE_UP not in known else [])
        )
        cls.holidays = Holiday.search([("date", "in", NATIONAL_DAY)])
        calendar = cls.env["resource.calendar"].create({"name": "测试工作时间", "tz": "Asia/Shanghai"})
        (cls.alice | cls.bob).resource_calendar_id = calendar

    def _leave_days(self, first, last, employee=None):
        leave = self.env["hr.leave"].create(
            {
                "employee_id": (employee or self.alice).id,
                "holiday_status_id": self.leave_type.id,
                "request_date_from": first,
                "request_date_to": last,
            }
        )
        return leave.number_of_days

    def _mirror(self, holiday):
        return self.env["resource.calendar.leaves"].search([("gov_holiday_id", "=", holiday.id)])

    def test_each_statutory_holiday_is_global_time_off(self):
        self.assertEqual(len(self.holidays), 5)
        for holiday in self.holidays:
            leave = self._mirror(holiday)
            self.assertEqual(len(leave), 1)
            self.assertFalse(leave.calendar_id, "every working calendar")
            self.assertFalse(leave.resource_id)
            self.assertEqual(leave.time_type, "leave")
            # The whole Beijing day: 00:00 local is 16:00 UTC the day before.
            start = datetime.datetime.combine(holiday.date, datetime.time()) - datetime.timedelta(hours=8)
            self.assertEqual(leave.date_from, start)
            self.assertEqual(leave.date_to, start + datetime.timedelta(hours=23, minutes=59, seconds=59))
        make_up = self.env["gov.holiday"].search([("date", "=", MAKE_UP)])
        self.assertFalse(self._mirror(make_up), "make-up working days are not time off")

    def test_leave_across_national_day_counts_working_days(self):
        # 30 Sep – 9 Oct: eight weekdays, five of them statutory holidays. Odoo's calendars have no
        # make-up Saturday (10 Oct is outside anyway), so Odoo counts 30 Sep, 8 and 9 Oct.
        self.assertEqual(self._leave_days(D(2026, 9, 30), D(2026, 10, 9)), 3)
        self.assertEqual(self.env["gov.holiday"].working_days_between(D(2026, 9, 30), D(2026, 10, 9)), 3)
        work = self.alice.resource_calendar_id.get_work_hours_count(
            datetime.datetime(2026, 9, 30, 0, 0), datetime.datetime(2026, 10, 10, 0, 0), compute_leaves=True
        )
        self.assertEqual(work, 3 * 8)

    def test_editing_and_removing_a_holiday_updates_the_mirror(self):
        first = self.holidays.filtered(lambda h: h.date == D(2026, 10, 1))
        first.name = "国庆节（测试）"
        self.assertEqual(self._mirror(first).name, "国庆节（测试）")
        # Moved to 8 October: the mirror moves with it.
        moved = self.holidays.filtered(lambda h: h.date == D(2026, 10, 7))
        moved.date = D(2026, 10, 8)
        self.assertEqual(self._mirror(moved).date_from, datetime.datetime(2026, 10, 7, 16, 0))
        self.assertEqual(self._leave_days(D(2026, 10, 7), D(2026, 10, 9)), 2)
        calendar = self.alice.resource_calendar_id
        oct_8 = (datetime.datetime(2026, 10, 7, 16, 0), datetime.datetime(2026, 10, 8, 16, 0))
        self.assertEqual(calendar.get_work_hours_count(*oct_8, compute_leaves=True), 0)
        # Removed: the day is working time again.
        mirror = self._mirror(moved)
        moved.unlink()
        self.assertFalse(mirror.exists())
        self.assertEqual(calendar.get_work_hours_count(*oct_8, compute_leaves=True), 8)
        self.assertEqual(self._leave_days(D(2026, 10, 7), D(2026, 10, 9), employee=self.bob), 3)

    def test_a_holiday_made_a_working_day_loses_its_mirror(self):
        saturday = self.env["gov.holiday"].create({"date": D(2031, 5, 3), "day_type": "holiday", "name": "劳动节"})
        self.assertTrue(self._mirror(saturday))
        saturday.day_type = "workday"
        self.assertFalse(self._mirror(saturday))
        saturday.day_type = "holiday"
        self.assertTrue(self._mirror(saturday))

    def test_library_sync_repairs_a_mirror_removed_by_hand(self):
        holiday = self.holidays[0]
        self._mirror(holiday).unlink()
        self.env["gov.holiday"]._sync_from_library(years=[])
        self.assertEqual(len(self._mirror(holiday)), 1)
