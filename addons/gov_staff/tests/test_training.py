import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import GovStaffCase, at


@tagged("post_install", "-at_install")
class TestTraining(GovStaffCase):
    def test_hours_add_up_per_person_and_year(self):
        s1 = self._training(self.alice | self.bob, 0, 9, 12)
        s1.attendance_ids.filtered(lambda a: a.employee_id == self.bob).attendance = "absent"
        s1.attendance_ids.filtered(lambda a: a.employee_id == self.alice).attendance = "present"
        self._close(s1)
        s2 = self._training(self.alice, 1, 14, 16)
        s2.hours = 1.5
        s2.action_mark_all_present()
        self._close(s2)
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
        self._close(session)
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
            self._close(session)
        with self.assertRaisesRegex(ValidationError, "成绩应在 0 到 100 之间"):
            session.attendance_ids.score = 120

    def test_certificate_renders_in_chinese(self):
        session = self._training(self.alice, 0, 9, 12)
        session.attendance_ids.write({"attendance": "present", "score": 95})
        self._close(session)
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


@tagged("post_install", "-at_install")
class TestTrainingCertificates(GovStaffCase):
    """A certificate certifies what happened: present, with hours, at a closed session; numbered once."""

    def _row(self, session, employee):
        return session.attendance_ids.filtered(lambda a: a.employee_id == employee)

    def test_issued_only_to_present_attendees_with_hours_of_a_done_session(self):
        session = self._training(self.alice | self.bob | self.carol, 0, 9, 12)
        self._row(session, self.alice).attendance = "present"
        self._row(session, self.bob).write({"attendance": "present", "hours": 0})
        self._row(session, self.carol).attendance = "absent"
        # Not closed yet: nothing is numbered, nothing prints.
        self.assertFalse(session.attendance_ids.filtered("certificate_no"))
        with self.assertRaisesRegex(UserError, "培训证书只颁发给已结束培训的出勤人员"):
            self._row(session, self.alice).action_print_certificate()
        self._close(session)
        alice, bob, carol = self._row(session, self.alice), self._row(session, self.bob), self._row(session, self.carol)
        self.assertTrue(alice.certificate_no.startswith("PX"))
        self.assertTrue(alice.certificate_issued_on)
        self.assertFalse(bob.certificate_no, "0 hours credited: no certificate")
        self.assertFalse(carol.certificate_no)
        self.assertFalse(carol.certificate_issued_on)
        with self.assertRaisesRegex(UserError, "乙二"):
            self.env["ir.actions.report"]._render_qweb_html("gov_staff.report_training_certificate", (alice | bob).ids)
        html = self.env["ir.actions.report"]._render_qweb_html("gov_staff.report_training_certificate", alice.ids)[0]
        self.assertIn(alice.certificate_no, html.decode())

    def test_never_renumbered(self):
        session = self._training(self.alice, 0, 9, 12)
        session.action_mark_all_present()
        self._close(session)
        row = session.attendance_ids
        number, issued = row.certificate_no, row.certificate_issued_on
        with self.assertRaisesRegex(UserError, "不会重新编号"):
            row.sudo()._gov_unlocked().write({"certificate_no": "PX-FAKE"})
        # A correction by the district reopens and closes the session again: the number stays.
        session._gov_unlocked().write({"state": "confirmed"})
        self._close(session)
        self.assertEqual((row.certificate_no, row.certificate_issued_on), (number, issued))

    def test_not_closed_before_it_took_place(self):
        """A session still to come (or under way) is not closed, so it certifies nothing; the state is
        the buttons' only: a manager cannot write it, nor close a session twice."""
        session = self._training(self.alice, 0, 9, 12)
        session.action_mark_all_present()
        with freeze_time(session.date_end - datetime.timedelta(minutes=30)):
            with self.assertRaisesRegex(UserError, "培训结束后才能结束"):
                session.action_done()
        self.assertEqual(session.state, "confirmed")
        self.assertFalse(session.attendance_ids.certificate_no)
        user = new_test_user(
            self.env,
            "tr_manager",
            groups="base.group_user,gov_center.group_gov_manager",
            gov_site_ids=[Command.set(self.site.ids)],
        )
        manager = session.with_user(user)
        with self.assertRaises(AccessError):
            manager.write({"state": "done"})
        self.assertFalse(session.attendance_ids.certificate_no)
        self._close(manager)
        self.assertEqual(session.state, "done")
        self.assertTrue(session.attendance_ids.certificate_no.startswith("PX"))
        with self.assertRaisesRegex(UserError, "已结束或已取消"):
            self._close(manager)
        with self.assertRaisesRegex(UserError, "只有草稿"):
            manager.action_confirm()

    def test_verifiable_by_its_number(self):
        """/gov/verify answers a training certificate's number (gov.verify lists the attendances):
        the attendee's name masked; an attendance no longer present is shown revoked."""
        session = self._training(self.alice, 0, 9, 12)
        session.action_mark_all_present()
        self._close(session)
        row = session.attendance_ids
        result = self.env["gov.verify"]._verify_public(row.certificate_no)
        self.assertEqual(result["number"], row.certificate_no)
        self.assertEqual(result["holder"], self.alice.name[0] + "*" * min(max(len(self.alice.name) - 1, 1), 3))
        self.assertNotIn(self.alice.name, str(result))
        self.assertIn(session.name, result["name"])
        self.assertFalse(result["revoked"])
        self.assertIsNone(self.env["gov.verify"]._verify_public(row.certificate_no + "9"))
        self.assertIn(f"/gov/verify/{row.certificate_no}", row._certificate_verify_url())
        row.sudo()._gov_unlocked().write({"attendance": "absent"})
        self.assertTrue(self.env["gov.verify"]._verify_public(row.certificate_no)["revoked"])


@tagged("post_install", "-at_install")
class TestCapabilityPlanDue(GovStaffCase):
    """Task 6: the yearly plan is due by 30 March; late plans are flagged; a reminder before the date."""

    def _plan(self, year=2031, site=None):
        return self.env["gov.capability.plan"].create(
            {"site_id": (site or self.site).id, "year": year, "planned_hours": 10}
        )

    def test_due_date_and_late(self):
        Plan = self.env["gov.capability.plan"]
        plan = self._plan()
        self.assertEqual(str(plan.due_date), "2031-03-30")
        with freeze_time("2031-03-30"):
            plan.invalidate_recordset(["is_late"])
            self.assertFalse(plan.is_late, "due on the day itself")
        with freeze_time("2031-03-31"):
            plan.invalidate_recordset(["is_late"])
            self.assertTrue(plan.is_late, "not submitted and past due")
            self.assertIn(plan, Plan.search([("is_late", "=", True)]))
            plan.action_submit()
        self.assertEqual(str(plan.submitted_on), "2031-03-31")
        plan.invalidate_recordset(["is_late"])
        self.assertTrue(plan.submitted_late)
        self.assertTrue(plan.is_late, "submitted after the due date")
        on_time = self._plan(2032)
        with freeze_time("2032-03-20"):
            on_time.action_submit()
        with freeze_time("2032-06-01"):
            on_time.invalidate_recordset(["is_late"])
            self.assertFalse(on_time.is_late)
            self.assertNotIn(on_time, Plan.search([("is_late", "=", True)]))
            self.assertIn(on_time, Plan.search([("is_late", "=", False)]))
        with self.assertRaisesRegex(ValidationError, "年份"):
            self._plan(31)

    def test_reminder_before_the_due_date(self):
        manager = self.env["res.users"].create(
            {
                "name": "测试中心负责人",
                "login": "t_h3_plan_manager",
                "group_ids": [(6, 0, [self.env.ref("gov_center.group_gov_manager").id])],
                "gov_site_ids": [(6, 0, self.site.ids)],
            }
        )
        self.site.manager_id = manager
        reminder = self.env.ref("gov_staff.mail_activity_type_capability_plan")
        Plan = self.env["gov.capability.plan"]

        def reminders():
            return self.site.activity_ids.filtered(lambda a: a.activity_type_id == reminder)

        with freeze_time("2031-02-01"):
            Plan._cron_remind_missing_plans()
        self.assertFalse(reminders(), "too early")
        # Run as the scheduler runs it: the cron's user, no language in the context; its code passes the
        # user's language, so the centre reads the reminder in Chinese.
        cron = self.env.ref("gov_staff.ir_cron_gov_capability_plan_reminder")
        cron.user_id.lang = "zh_CN"
        scheduled = cron.ir_actions_server_id.with_env(self.env(user=cron.user_id, context={}))
        with freeze_time("2031-03-10"):
            scheduled.run()
            Plan._cron_remind_missing_plans()
        self.assertEqual(len(reminders()), 1, "one reminder, not one per run")
        self.assertEqual(reminders().summary, "请于3月30日前向区里报送 2031 年度能力提升方案")
        self.assertEqual(reminders().user_id, manager)
        self.assertEqual(str(reminders().date_deadline), "2031-03-30")
        with freeze_time("2031-03-12"):
            self._plan().action_submit()
            Plan._cron_remind_missing_plans()
        self.assertFalse(reminders(), "withdrawn once the plan is submitted")
