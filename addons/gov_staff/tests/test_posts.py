from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import GovStaffCase, at, day


@tagged("post_install", "-at_install")
class TestPosts(GovStaffCase):
    def test_a_and_b_must_differ(self):
        with self.assertRaisesRegex(ValidationError, "甲一 不能同时担任A岗和B岗"):
            self.w_front.post_b_id = self.alice

    def test_open_window_needs_both_posts(self):
        with self.assertRaisesRegex(ValidationError, "请同时设置A岗和B岗"):
            self.w_front.post_b_id = False
        # Closing the window lifts the requirement; reopening without B is refused again.
        self.w_front.write({"is_open": False, "post_b_id": False})
        with self.assertRaisesRegex(ValidationError, "请同时设置A岗和B岗"):
            self.w_front.is_open = True

    def test_posts_must_be_qualified_and_local(self):
        with self.assertRaisesRegex(ValidationError, "丙三 不具备窗口 \\[03\\]"):
            self.w_issue.post_b_id = self.carol
        stranger = self.env["hr.employee"].create(
            {"name": "外站人员", "gov_site_id": self.env.ref("gov_center.site_centre_t001").id}
        )
        with self.assertRaisesRegex(ValidationError, "外站人员 在 .* 工作，不能担任"):
            self.w_issue.post_b_id = stranger

    def test_routing_goes_to_b_while_a_on_leave(self):
        self._leave(self.alice, day(1), day(2))
        self.assertEqual(self.w_front._get_on_duty_employee(at(0, 10)), self.alice)
        self.assertEqual(self.w_front._get_on_duty_employee(at(1, 10)), self.bob)
        self.assertEqual(self.w_front._get_on_duty_map(at(1, 10))[self.w_front.id][1], "b")
        # Back to A the day after the leave.
        self.assertEqual(self.w_front._get_on_duty_employee(at(3, 10)), self.alice)

    def test_routing_goes_to_b_while_a_in_training(self):
        self._training(self.carol, 2, 9, 12)
        self.assertEqual(self.w_cannot._get_on_duty_employee(at(2, 10)), self.dave)
        self.assertEqual(self.w_cannot._get_on_duty_employee(at(2, 14)), self.carol)
        # Absent from the session: not away.
        self.env["gov.training.attendance"].search([("employee_id", "=", self.carol.id)]).attendance = "absent"
        self.assertEqual(self.w_cannot._get_on_duty_employee(at(2, 10)), self.carol)

    def test_routing_follows_whereabouts_notice_and_return(self):
        notice = self.env["gov.whereabouts"].create(
            {
                "employee_id": self.alice.id,
                "reason": "到村里上门服务",
                "reason_type": "home_service",
                "contact": "13800000001",
                "date_start": at(0, 9),
                "expected_return": at(0, 11),
            }
        )
        self.assertEqual(notice.window_id, self.w_front, "the notice defaults to the A post's window")
        self.assertEqual(self.w_front._get_on_duty_employee(at(0, 10)), self.bob)
        self.assertEqual(self.alice._gov_is_away(at(0, 10)), "whereabouts")
        self.assertEqual(self.w_front._get_on_duty_employee(at(0, 11.5)), self.alice, "notice expired")

    def test_gap_when_a_and_b_away(self):
        self._leave(self.alice, day(1), day(1))
        self._leave(self.bob, day(1), day(1))
        duty = (self.w_front | self.w_issue | self.w_cannot)._get_on_duty_map(at(1, 10))
        self.assertEqual(duty[self.w_front.id][1], "gap")
        self.assertFalse(duty[self.w_front.id][0])
        self.assertEqual(duty[self.w_issue.id][1], "gap")
        self.assertEqual(duty[self.w_cannot.id][1], "a")

    def test_window_whose_b_left_shows_as_gap(self):
        self.dave.active = False
        self.assertEqual(self.w_cannot.duty_state, "no_b")
        self.assertEqual(self.w_cannot._get_on_duty_employee(at(0, 10)), self.carol, "A still serves")
        gaps = self.env["gov.window"].search([("site_id", "=", self.site.id), ("duty_state", "=", "gap")])
        self.assertEqual(gaps, self.w_cannot)
        self._leave(self.carol, day(0), day(0))
        self.assertEqual(self.w_cannot._get_on_duty_map(at(0, 10))[self.w_cannot.id][1], "gap")

    def test_unstaffed_window_is_a_gap_seen_by_search(self):
        empty = self.env["gov.window"].create({"site_id": self.site.id, "code": "05", "name": "综合咨询窗口"})
        gaps = self.env["gov.window"].search([("site_id", "=", self.site.id), ("duty_state", "=", "gap")])
        self.assertEqual(gaps, empty)
        self.assertEqual(empty.duty_state, "gap")
        self.assertEqual(self.w_front.duty_state, "a")

    def test_published_roster_decides_who_is_on_duty(self):
        roster = self.env["gov.roster"].create({"site_id": self.site.id, "date_from": day(0), "date_to": day(0)})
        roster.action_generate()
        morning = roster.shift_ids.filtered(lambda s: s.hour_from == 9.0)
        morning.filtered(lambda s: s.window_id == self.w_cannot).employee_id = self.dave
        morning.filtered(lambda s: s.window_id == self.w_front).employee_id = self.carol
        roster.action_publish()
        self.assertEqual(self.w_front._get_on_duty_employee(at(0, 10)), self.carol)
        # The rostered person away: the B post takes the work.
        self._training(self.carol, 0, 9, 12)
        self.assertEqual(self.w_front._get_on_duty_employee(at(0, 10)), self.bob)
