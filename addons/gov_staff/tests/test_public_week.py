import datetime

from odoo.addons.gov_center.tools import format_hour
from odoo.addons.gov_staff.models.gov_roster_shift import days_in_a_row
from odoo.addons.gov_staff.models.gov_service_slot import day_type_of, format_period
from odoo.tests import tagged

from .common import GovStaffCase, day


@tagged("post_install", "-at_install")
class TestPublicRosterWeek(GovStaffCase):
    """The public roster's week as model data (gov.site._public_roster_week), and the single
    helpers it shares with the roster: the day-type rule, the hour format, the days-in-a-row count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Holiday = cls.env["gov.holiday"]
        Holiday.create({"date": day(2), "day_type": "holiday", "name": "测试节"})
        Holiday.create({"date": day(6), "day_type": "workday", "name": "测试节"})
        cls.site.action_load_standard_hours()
        cls.roster = cls.env["gov.roster"].create({"site_id": cls.site.id, "date_from": day(0), "date_to": day(6)})
        cls.roster.action_generate()

    def test_day_type_rule(self):
        exceptions = {day(2): "holiday", day(6): "workday"}
        self.assertEqual(
            [day_type_of(day(n), exceptions) for n in range(7)],
            ["working", "working", "holiday", "working", "working", "saturday", "working"],
        )
        Holiday = self.env["gov.holiday"]
        self.assertFalse(Holiday.is_working_day(day(2)))
        self.assertTrue(Holiday.is_working_day(day(6)))
        self.assertFalse(Holiday.is_working_day(day(5)))

    def test_hour_format(self):
        self.assertEqual(format_hour(9), "09:00")
        self.assertEqual(format_hour(13.5), "13:30")
        self.assertEqual(format_period(17.5, 18.5), "17:30–18:30")

    def test_days_in_a_row(self):
        days = {day(0), day(1), day(3), day(4)}
        self.assertEqual(days_in_a_row(days, day(2)), (day(0), day(4)), "the day itself joins two runs")
        self.assertEqual(days_in_a_row(days, day(1)), (day(0), day(1)))
        self.assertEqual(days_in_a_row(set(), day(5)), (day(5), day(5)))

    def test_draft_week_is_empty(self):
        week = self.site._public_roster_week(day(3), today=day(1))
        self.assertFalse(week["has_shifts"])
        self.assertEqual(week["windows"], [])
        self.assertEqual([d["rows"] for d in week["days"]], [[]] * 7)

    def test_published_week(self):
        self.roster.action_publish()
        week = self.site._public_roster_week(day(3), today=day(1))
        self.assertTrue(week["has_shifts"])
        self.assertEqual((week["monday"], week["sunday"]), (day(0), day(6)))
        self.assertEqual(week["prev_week"], day(0) - datetime.timedelta(days=7))
        self.assertEqual(week["next_week"], day(7))
        self.assertEqual([d["weekday"] for d in week["days"]], ["周一", "周二", "周三", "周四", "周五", "周六", "周日"])
        self.assertEqual(
            [d["day_type"] for d in week["days"]],
            ["working", "working", "holiday", "working", "working", "saturday", "working"],
        )
        self.assertEqual([d["is_today"] for d in week["days"]], [False, True] + [False] * 5)
        self.assertEqual(week["days"][2]["festival"], "测试节")
        self.assertEqual(week["days"][6]["festival"], "测试节", "a make-up working day names its festival")
        self.assertEqual(week["days"][0]["festival"], "")
        self.assertEqual(
            [w["id"] for w in week["windows"]], (self.w_front | self.w_issue | self.w_cannot).sorted("code").ids
        )
        monday = week["days"][0]["rows"]
        self.assertEqual(
            [(r["time"], r["mode_key"]) for r in monday],
            [("09:00–12:00", "regular"), ("13:30–17:30", "regular"), ("17:30–18:30", "extended")],
        )
        self.assertEqual(monday[0]["cells"][self.w_front.id], {"person": "甲一", "badge": "TT-1"})
        self.assertEqual(set(monday[2]["cells"]), {self.w_front.id}, "extended hours at the front window only")
        holiday = week["days"][2]["rows"]
        self.assertEqual([(r["time"], r["mode_key"]) for r in holiday], [("09:00–12:00", "duty")])
        self.assertIn("婚姻登记", holiday[0]["note"])
        # Sunday is a make-up working day: working-day hours, not Sunday appointments.
        self.assertEqual(week["days"][6]["rows"][0]["mode_key"], "regular")
        # Any day of the week gives the same week.
        self.assertEqual(self.site._public_roster_week(day(6), today=day(1)), week)

    def test_public_user_reads_the_week(self):
        self.roster.action_publish()
        public = self.env.ref("base.public_user")
        week = self.site.with_user(public)._public_roster_week(day(0), today=day(0))
        self.assertTrue(week["has_shifts"])
        self.assertEqual(week["days"][0]["rows"][0]["cells"][self.w_front.id]["person"], "甲一")
