from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GovStaffCase, at


@tagged("post_install", "-at_install")
class TestTraining(GovStaffCase):
    def test_hours_add_up_per_person_and_year(self):
        s1 = self._training(self.alice | self.bob, 0, 9, 12)
        s1.attendance_ids.filtered(lambda a: a.employee_id == self.bob).attendance = "absent"
        s1.attendance_ids.filtered(lambda a: a.employee_id == self.alice).attendance = "present"
        s1.action_done()
        s2 = self._training(self.alice, 1, 14, 16)
        s2.hours = 1.5
        s2.action_mark_all_present()
        s2.action_done()
        # A session that is only planned does not count yet.
        self._training(self.alice, 3, 9, 11)
        hours = (self.alice | self.bob | self.carol)._gov_training_hours(2031)
        self.assertEqual(hours[self.alice.id], 4.5)
        self.assertEqual(hours.get(self.bob.id, 0.0), 0.0)
        self.assertFalse(self.carol.id in hours)
        self.assertFalse((self.alice | self.bob)._gov_training_hours(2030))
        self.assertTrue(s1.attendance_ids.filtered(lambda a: a.employee_id == self.alice).certificate_no)
        self.assertFalse(s1.attendance_ids.filtered(lambda a: a.employee_id == self.bob).certificate_no)

    def test_capability_plan_planned_and_done(self):
        plan = self.env["gov.capability.plan"].create({"site_id": self.site.id, "year": 2031, "planned_hours": 10})
        self.assertEqual(plan.headcount, 4)
        self.assertEqual(plan.planned_total_hours, 40)
        session = self._training(self.alice | self.carol, 0, 9, 12)
        session.plan_id = plan
        session.action_mark_all_present()
        session.action_done()
        plan.invalidate_recordset()
        self.assertEqual(plan.done_hours, 6)
        self.assertEqual(plan.done_sessions, 1)
        self.assertAlmostEqual(plan.progress, 15.0)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["gov.capability.plan"].create({"site_id": self.site.id, "year": 2031, "planned_hours": 5})

    def test_checks(self):
        with self.assertRaisesRegex(ValidationError, r"时长 3(\.0)? 小时的培训不能记 5"):
            self.env["gov.training.session"].create(
                {
                    "name": "观摩交流",
                    "form": "exchange",
                    "site_id": self.site.id,
                    "trainer": "某某",
                    "date_start": at(0, 9),
                    "date_end": at(0, 12),
                    "hours": 5,
                }
            )
        session = self._training(self.alice, 0, 9, 12)
        with self.assertRaisesRegex(UserError, "请登记 甲一 的出勤情况"):
            session.action_done()
        with self.assertRaisesRegex(ValidationError, "成绩应在 0 到 100 之间"):
            session.attendance_ids.score = 120

    def test_certificate_renders_in_chinese(self):
        session = self._training(self.alice, 0, 9, 12)
        session.attendance_ids.write({"attendance": "present", "score": 95})
        session.action_done()
        row = session.attendance_ids
        html = self.env["ir.actions.report"]._render_qweb_html("gov_staff.report_training_certificate", row.ids)[0]
        html = html.decode()
        self.assertIn("培训证书", html)
        self.assertIn("甲一", html)
        self.assertIn(row.certificate_no, html)
        self.assertIn("<strong>3</strong> 学时", html)
        action = row.action_print_certificate()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action.get("report_name", "gov_staff.report_training_certificate"), "gov_staff.report_training_certificate"
        )
        absent = self._training(self.bob, 1, 9, 12)
        with self.assertRaisesRegex(UserError, "培训证书只颁发给已结束培训的出勤人员"):
            absent.attendance_ids.action_print_certificate()
