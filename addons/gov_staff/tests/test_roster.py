import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import GovStaffCase, at, day


@tagged("post_install", "-at_install")
class TestRoster(GovStaffCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Holiday = cls.env["gov.holiday"]
        # Wednesday is a statutory holiday, Sunday a make-up working day (调休上班).
        Holiday.create({"date": day(2), "day_type": "holiday", "name": "测试节"})
        Holiday.create({"date": day(6), "day_type": "workday", "name": "测试节"})
        cls.site.action_load_standard_hours()

    def _roster(self, first=0, last=6):
        return self.env["gov.roster"].create({"site_id": self.site.id, "date_from": day(first), "date_to": day(last)})

    def test_standard_hours(self):
        slots = self.site.service_slot_ids
        self.assertEqual(set(slots.mapped("day_type")), {"working", "saturday", "sunday", "holiday"})
        holiday = slots.filtered(lambda s: s.day_type == "holiday")
        self.assertEqual(holiday.window_ids, self.w_front)
        self.assertIn("婚姻登记", holiday.note)
        self.assertEqual(slots.filtered(lambda s: s.day_type == "sunday").mode, "appointment")

    def test_generator_covers_every_open_slot_of_a_week_with_a_holiday(self):
        roster = self._roster()
        roster.action_generate()
        shifts = roster.shift_ids
        by_day = {d: shifts.filtered(lambda s, d=d: s.date == d) for d in (day(i) for i in range(7))}
        # Working days (Mon, Tue, Thu, Fri and the make-up Sunday): 3 windows x 2 periods + extended hours.
        for n in (0, 1, 3, 4, 6):
            self.assertEqual(len(by_day[day(n)]), 7, day(n))
            self.assertEqual(set(by_day[day(n)].mapped("day_type")), {"working"})
        # Holiday: duty at the comprehensive window only; Saturday: comprehensive and issuing.
        self.assertEqual(by_day[day(2)].window_id, self.w_front)
        self.assertEqual(by_day[day(2)].mode, "duty")
        self.assertEqual(by_day[day(5)].window_id, self.w_front | self.w_issue)
        self.assertEqual(len(shifts), 7 * 5 + 1 + 2)
        self.assertFalse(shifts.filtered("is_gap"), "every open slot has someone on duty")
        # 乙二 (A of the issuing window) has served Monday to Saturday: on Sunday someone else
        # qualified takes the window rather than a seventh day in a row.
        sunday_issue = by_day[day(6)].filtered(lambda s: s.window_id == self.w_issue)
        self.assertEqual(sunday_issue.employee_id, self.dave)
        self.assertFalse(roster._coverage_problems())
        roster.action_publish()
        self.assertEqual(roster.state, "published")
        # Working-day slots go to the A post.
        monday_front = by_day[day(0)].filtered(lambda s: s.window_id == self.w_front)
        self.assertEqual(monday_front.employee_id, self.alice)

    def test_generator_uses_b_while_a_on_leave(self):
        self._leave(self.carol, day(0), day(1))
        roster = self._roster(0, 1)
        roster.action_generate()
        cannot = roster.shift_ids.filtered(lambda s: s.window_id == self.w_cannot)
        self.assertEqual(cannot.employee_id, self.dave)

    def test_generator_leaves_a_gap_and_publish_refuses_it(self):
        self._leave(self.carol, day(0), day(0))
        self._leave(self.dave, day(0), day(0))
        roster = self._roster(0, 0)
        roster.action_generate()
        gaps = roster.shift_ids.filtered("is_gap")
        self.assertEqual(gaps.window_id, self.w_cannot)
        with self.assertRaisesRegex(UserError, r"窗口 \[04\] 办不成事反映窗口 无人值守"):
            roster.action_publish()

    def test_generator_respects_max_days_in_a_row(self):
        self.site.staff_max_consecutive_days = 3
        roster = self._roster(0, 4)
        roster.action_generate()
        for person in (self.alice, self.bob, self.carol, self.dave):
            days = sorted(set(roster.shift_ids.filtered(lambda s, p=person: s.employee_id == p).mapped("date")))
            run = best = 0
            for i, d in enumerate(days):
                run = run + 1 if i and d - days[i - 1] == datetime.timedelta(days=1) else 1
                best = max(best, run)
            self.assertLessEqual(best, 3, person.name)

    def test_conflict_two_windows_at_once(self):
        roster = self._roster(0, 0)
        roster.action_generate()
        shift = roster.shift_ids.filtered(lambda s: s.window_id == self.w_cannot and s.hour_from == 9.0)
        with self.assertRaisesRegex(ValidationError, r"甲一 在 2031-03-03 不能同时在两个窗口值班"):
            shift.employee_id = self.alice

    def test_conflict_on_leave(self):
        roster = self._roster(0, 0)
        roster.action_generate()
        self._leave(self.dave, day(0), day(0))
        shift = roster.shift_ids.filtered(lambda s: s.window_id == self.w_cannot and s.hour_from == 9.0)
        with self.assertRaisesRegex(ValidationError, r"丁四 在 2031-03-03 请假"):
            shift.employee_id = self.dave

    def test_conflict_in_training(self):
        roster = self._roster(0, 0)
        roster.action_generate()
        self._training(self.dave, 0, 13.5, 16)
        shift = roster.shift_ids.filtered(lambda s: s.window_id == self.w_cannot and s.hour_from == 13.5)
        with self.assertRaisesRegex(ValidationError, r"丁四 在 2031-03-03 参加培训（岗位练兵）"):
            shift.employee_id = self.dave
        # The morning is free.
        morning = roster.shift_ids.filtered(lambda s: s.window_id == self.w_cannot and s.hour_from == 9.0)
        morning.employee_id = self.dave

    def test_conflict_max_days_in_a_row(self):
        self.site.staff_max_consecutive_days = 2
        roster = self._roster(0, 2)
        roster.action_generate()
        shift = roster.shift_ids.filtered(lambda s: s.date == day(2))
        self.assertEqual(shift.employee_id, self.dave, "the others worked Monday and Tuesday: the rested one serves")
        with self.assertRaisesRegex(
            ValidationError, r"甲一 将连续值班 3 天（2031-03-03 至 2031-03-05.*最多允许连续 2 天"
        ):
            shift.employee_id = self.alice

    def test_conflict_person_from_another_site(self):
        roster = self._roster(0, 0)
        roster.action_generate()
        other = self.env.ref("gov_staff.employee_t001_lihua")
        with self.assertRaisesRegex(ValidationError, "李华 不在 测试镇便民服务中心 工作"):
            roster.shift_ids[0].employee_id = other

    def test_conflict_shift_hours(self):
        roster = self._roster(0, 0)
        roster.action_generate()
        shift = roster.shift_ids[0]
        with self.assertRaisesRegex(ValidationError, "班次开始时间须早于结束时间"):
            shift.hour_to = shift.hour_from
        with self.assertRaisesRegex(ValidationError, "班次开始时间须早于结束时间"):
            shift.write({"hour_from": 20.0, "hour_to": 25.0})

    def test_conflict_window_of_another_site(self):
        roster = self._roster(0, 0)
        roster.action_generate()
        other = self.env["gov.window"].search([("site_id", "!=", self.site.id)], limit=1)
        with self.assertRaisesRegex(ValidationError, f"窗口 .* 不属于 {self.site.name}"):
            roster.shift_ids[0].write({"window_id": other.id, "employee_id": False})

    def test_overlapping_rosters_refused(self):
        self._roster(0, 6)
        with self.assertRaisesRegex(ValidationError, "在该期间已有排班表"):
            self._roster(3, 9)

    def test_generation_query_budget(self):
        roster = self._roster()
        self.env.invalidate_all()
        # Constant in the number of days, windows and people but for one INSERT per 100 shifts:
        # measured 21 queries for a week, 25 for four weeks.
        with self.assertQueryCount(24):
            roster.action_generate()
        month = self.env["gov.roster"].create(
            {"site_id": self.site.id, "date_from": day(7), "date_to": day(7) + datetime.timedelta(days=27)}
        )
        self.env.invalidate_all()
        with self.assertQueryCount(28):
            month.action_generate()
        self.assertGreater(len(month.shift_ids), 4 * len(roster.shift_ids) - 10)

    def test_shift_times_are_beijing_time(self):
        roster = self._roster(0, 0)
        roster.action_generate()
        shift = roster.shift_ids.filtered(lambda s: s.window_id == self.w_front and s.hour_from == 9.0)
        self.assertEqual(shift.start, at(0, 9))
        self.assertEqual(shift.start.hour, 1, "09:00 in Beijing is 01:00 UTC")

    def test_leave_approved_after_publishing_shows_on_the_shifts(self):
        roster = self._roster(0, 1)
        roster.action_generate()
        roster.action_publish()
        monday = roster.shift_ids.filtered(lambda s: s.date == day(0) and s.window_id == self.w_front)
        self.assertTrue(monday)
        self.assertFalse(any(monday.mapped("away_reason")))
        # 甲一 falls ill after the roster went out: the shifts say so, and work goes to B.
        self._leave(self.alice, day(0), day(0))
        self.env.invalidate_all()
        # A whole day's leave covers the whole day, the extended hour after closing included.
        alice_monday = monday.filtered(lambda s: s.employee_id == self.alice)
        self.assertEqual(set(alice_monday.mapped("mode")), {"regular", "extended"})
        for shift in alice_monday:
            self.assertIn("休假中", shift.with_context(lang="zh_CN").away_reason)
        self.assertEqual(self.w_front._get_on_duty_employee(at(0, 10)), self.bob)
        self.assertEqual(self.w_front._get_on_duty_employee(at(0, 18)), self.bob)
        # Tuesday's shifts are untouched.
        tuesday = roster.shift_ids.filtered(lambda s: s.date == day(1))
        self.assertFalse(any(tuesday.mapped("away_reason")))
