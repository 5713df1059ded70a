"""好差评: the five national levels, one rating per case and occasion, bad reviews and their closed
loop (callback, verification, rectification, response) in working days with escalation, appeals
decided by the district, and nothing deleted."""

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GovCaseCommon


@tagged("post_install", "-at_install")
class TestEvaluation(GovCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_clerk = cls.env["hr.employee"].create(
            {"name": "受理员丙", "gov_site_id": cls.centre.id, "user_id": cls.clerk.id, "tz": "Asia/Shanghai"}
        )
        cls.Evaluation = cls.env["gov.evaluation"]
        cls.reason_attitude = cls.env.ref("gov_eval.reason_attitude")
        cls.reason_other = cls.env.ref("gov_eval.reason_other")

    def _rate(self, case, level, occasion="acceptance", channel="qr", **values):
        return self.Evaluation._rate_case(case, occasion, channel, dict(values, level=level))

    def _bad(self, when="2026-09-30 02:00:00", **case_values):
        """A case accepted on ``when`` (UTC; 10:00 in Beijing) and rated 非常不满意 right away."""
        case = self._accepted(when=when, **case_values)
        with freeze_time(when):
            evaluation = self._rate(case, "5", reason_ids=[self.reason_attitude.id], comment="态度生硬")
        return evaluation

    # ------------------------------------------------------------------ levels and reasons
    def test_five_levels_carry_the_national_codes(self):
        levels = dict(self.Evaluation._fields["level"].selection)
        self.assertEqual(list(levels), ["1", "2", "3", "4", "5"])
        self.assertEqual(levels["1"], "Very Satisfied")
        self.assertEqual(levels["5"], "Very Dissatisfied")
        good = self._rate(self._accepted(), "3")
        self.assertEqual(good.level_code, "3")
        self.assertFalse(good.is_bad, "基本满意 is not a bad review")
        self.assertFalse(good.rectification_ids)

    def test_bad_review_needs_a_reason(self):
        case = self._accepted()
        with self.assertRaisesRegex(ValidationError, "at least one reason"):
            self._rate(case, "4")
        with self.assertRaisesRegex(ValidationError, "Say in the comment"):
            self._rate(case, "4", reason_ids=[self.reason_other.id])
        evaluation = self._rate(case, "4", reason_ids=[self.reason_other.id], comment="窗口提前下班")
        self.assertTrue(evaluation.is_bad)
        self.assertEqual(len(evaluation.rectification_ids), 1, "a bad review opens its rectification")

    def test_unknown_level_is_refused(self):
        with self.assertRaisesRegex(UserError, "Choose how satisfied"):
            self._rate(self._accepted(), "6")

    def test_reasons_of_online_services_are_not_offered_in_the_hall(self):
        case = self._accepted()
        platform = self.env.ref("gov_eval.reason_platform")
        with self.assertRaisesRegex(ValidationError, "at least one reason"):
            self._rate(case, "5", reason_ids=[platform.id])

    # ------------------------------------------------------------------ once per case and occasion
    def test_one_rating_per_case_and_occasion(self):
        case = self._accepted()
        self.assertEqual(case._rating_open_occasions(), ["acceptance"], "no result yet")
        with self.assertRaisesRegex(UserError, "cannot be rated for its Result yet"):
            self._rate(case, "1", occasion="result")
        self._rate(case, "1")
        self.assertEqual(case._rating_open_occasions(), [])
        with self.assertRaisesRegex(UserError, "already been rated"):
            self._rate(case, "2")
        # Even written straight to the table (two requests at once), the database keeps one.
        first = case.evaluation_ids
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO gov_evaluation (case_id, occasion, channel, level, site_id, rated_at)"
                " VALUES (%s, 'acceptance', 'qr', '1', %s, now())",
                (case.id, self.centre.id),
            )
        self.assertEqual(case.evaluation_ids, first)

    def test_evaluated_person_is_derived_from_the_case(self):
        case = self._accepted()
        case.with_user(self.clerk).action_send_review()
        case.with_user(self.approver_a).action_approve()
        case.with_user(self.clerk).action_result_ready()
        acceptance = self._rate(case, "2", occasion="acceptance")
        result = self._rate(case, "1", occasion="result", employee_id=self.emp_b.id, site_id=self.other_centre.id)
        self.assertEqual(acceptance.employee_id, self.emp_clerk, "the window clerk who accepted")
        self.assertEqual(result.employee_id, self.emp_a, "the department's reviewer who decided")
        self.assertEqual(result.department_id, self.item.department_id)
        self.assertEqual(result.site_id, self.centre, "values outside the allowlist are ignored")
        with self.assertRaises(AccessError):
            result.with_user(self.manager).write({"level": "5"})
        with self.assertRaises(AccessError):
            result.with_user(self.admin).write({"employee_id": self.emp_b.id})

    def test_walk_in_consultation_is_anonymous_at_the_window(self):
        evaluation = self.Evaluation._rate_window(
            self.w_dept, {"level": "5", "reason_ids": f"{self.reason_attitude.id}"}
        )
        self.assertFalse(evaluation.case_id)
        self.assertEqual(evaluation.occasion, "consultation")
        self.assertEqual((evaluation.site_id, evaluation.window_id), (self.centre, self.w_dept))
        self.assertEqual(evaluation.employee_id, self.emp_a, "the A post on duty")
        self.assertFalse(evaluation.is_real_name)
        rectification = evaluation.rectification_ids
        self.assertEqual(rectification.state, "verify", "an anonymous review has nobody to call back")
        self.assertEqual(rectification.callback_result, "anonymous")

    def test_staff_enter_phone_and_box_ratings_only(self):
        case = self._accepted()
        Evaluation = self.Evaluation.with_user(self.clerk)
        with self.assertRaisesRegex(AccessError, "phone follow-up or from the suggestion box"):
            Evaluation.create({"case_id": case.id, "occasion": "acceptance", "channel": "qr", "level": "1"})
        with self.assertRaisesRegex(AccessError, "derived by the application"):
            Evaluation.create(
                {"case_id": case.id, "occasion": "acceptance", "channel": "phone", "level": "5", "is_bad": False}
            )
        entered = Evaluation.create(
            {"case_id": case.id, "occasion": "acceptance", "entry_channel": "phone", "level": "2"}
        )
        self.assertEqual((entered.channel, entered.entered_by_id), ("phone", self.clerk))
        other = self._accepted(site_id=self.centre.id)
        with self.assertRaises(AccessError):
            self.Evaluation.with_user(self.other_clerk).create(
                {"case_id": other.id, "occasion": "acceptance", "entry_channel": "phone", "level": "2"}
            )

    def test_two_rectification_periods_are_two_settings(self):
        """The inspection's period (gov_center) and the bad review's (gov_eval) are two fields of
        the settings page and two parameters: saving one never overwrites the other."""
        settings = self.env["gov.settings"].create({})
        settings.write({"inspection_rectification_days": 7, "rectification_days": 12})
        settings.action_save()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("gov_center.rectification_working_days"), "7")
        self.assertEqual(params.get_param("gov_eval.rectification_days"), "12")
        self.assertNotEqual(
            settings._fields["inspection_rectification_days"].string, settings._fields["rectification_days"].string
        )

    # ------------------------------------------------------------------ the closed loop
    def test_loop_deadlines_count_working_days(self):
        evaluation = self._bad()
        rectification = evaluation.rectification_ids
        self.assertEqual(rectification.opened_on, self.day("2026-09-30"))
        # National Day (1–7 October 2026) is not counted; 10 October is a make-up working day.
        self.assertEqual(rectification.callback_deadline, self.day("2026-10-08"))
        self.assertEqual(rectification.rectify_deadline, self.day("2026-10-27"))
        self.assertEqual(rectification.user_id, self.clerk, "谁办理谁负责: the clerk who accepted the case")
        self.assertEqual(rectification.state, "callback")
        self.assertEqual(rectification.step_deadline, self.day("2026-10-08"))
        self.assertIn(self.clerk, rectification.activity_ids.user_id)
        self.env["ir.config_parameter"].set_param("gov_eval.rectification_days", "5")
        shorter = self._bad(when="2026-09-30 03:00:00", applicant_name="李四").rectification_ids
        self.assertEqual(shorter.rectify_deadline, self.day("2026-10-13"), "configurable: 5 working days")

    def test_loop_steps_by_whom_and_in_order(self):
        rectification = self._bad().rectification_ids.with_user(self.clerk)
        with self.assertRaisesRegex(UserError, "whether the citizen was reached"):
            rectification.action_callback_done()
        rectification.write({"callback_result": "reached", "callback_note": "群众反映等候时间长、态度生硬"})
        rectification.action_callback_done()
        self.assertEqual(rectification.state, "verify")
        with self.assertRaisesRegex(AccessError, "recorded by the centre's manager"):
            rectification.write({"verification": "invalid"})  # the person rated does not judge the review
        by_manager = rectification.with_user(self.manager)
        by_manager.write({"verification": "valid", "verification_note": "调取监控属实"})
        with self.assertRaises(AccessError):
            rectification.action_verify()
        by_manager.action_verify()
        self.assertEqual(rectification.state, "rectify")
        with self.assertRaisesRegex(UserError, "measures"):
            rectification.action_rectified()
        rectification.write({"measures": "窗口人员服务礼仪培训，纳入月度考核"})
        rectification.action_rectified()
        with self.assertRaisesRegex(UserError, "response"):
            by_manager.action_close()
        by_manager.write({"citizen_response": "satisfied", "response_note": "回访满意"})
        by_manager.action_close()
        self.assertEqual(rectification.state, "closed")
        with self.assertRaisesRegex(UserError, "locked"):
            by_manager.write({"measures": "改写"})
        self.assertGreaterEqual(len(rectification.message_ids), 4, "every step in the chatter")

    def test_overdue_steps_escalate_to_the_centre_then_the_district(self):
        rectification = self._bad().rectification_ids
        Rectification = self.env["gov.rectification"]
        with freeze_time("2026-10-08 04:00:00"):
            Rectification._cron_escalate()
            self.assertEqual(rectification.escalation, "none", "due today: not late yet")
            self.assertFalse(Rectification.search([("is_overdue", "=", True), ("id", "=", rectification.id)]))
        with freeze_time("2026-10-09 04:00:00"):
            Rectification._cron_escalate()
            self.assertEqual(rectification.escalation, "centre")
            self.assertIn(self.manager, rectification.activity_ids.user_id)
            self.assertTrue(Rectification.search([("is_overdue", "=", True), ("id", "=", rectification.id)]))
        with freeze_time("2026-10-10 04:00:00"):  # a make-up working day, 1 working day late
            Rectification._cron_escalate()
            self.assertEqual(rectification.escalation, "centre")
        with freeze_time("2026-10-12 04:00:00"):  # 3 working days late: beyond the 2 of the setting
            Rectification._cron_escalate()
            self.assertEqual(rectification.escalation, "district")
            self.assertIn(self.admin, rectification.activity_ids.user_id)

    # ------------------------------------------------------------------ appeals
    def test_upheld_appeal_keeps_the_review_and_leaves_the_figures(self):
        evaluation = self._bad()
        with freeze_time("2026-09-30 02:00:00"):
            self._rate(self._accepted(applicant_name="王五"), "1")
        self.assertEqual(self.centre._satisfaction(self.day("2026-09-01"))[self.centre.id], (2, 1))
        with self.assertRaises(AccessError):
            self.env["gov.evaluation.appeal"].with_user(self.clerk).create(
                {"evaluation_id": evaluation.id, "grounds": "malicious", "statement": "x"}
            )
        appeal = (
            self.env["gov.evaluation.appeal"]
            .with_user(self.manager)
            .create(
                {
                    "evaluation_id": evaluation.id,
                    "grounds": "malicious",
                    "statement": "该群众当日未到窗口办理，监控可证",
                }
            )
        )
        self.assertEqual(evaluation.appeal_state, "submitted")
        self.assertTrue(evaluation.in_kpi, "still counted until the district decides")
        with self.assertRaisesRegex(AccessError, "district decides"):
            appeal.with_user(self.manager).action_uphold()
        by_district = appeal.with_user(self.admin)
        with self.assertRaisesRegex(UserError, "reasons of the decision"):
            by_district.action_uphold()
        by_district.decision_note = "经调取监控，申诉理由成立"
        by_district.action_uphold()
        self.assertEqual(evaluation.appeal_state, "upheld")
        self.assertFalse(evaluation.in_kpi)
        self.assertTrue(evaluation.exists(), "kept on record")
        self.assertEqual(evaluation.rectification_ids.state, "void")
        self.assertEqual(self.centre._satisfaction(self.day("2026-09-01"))[self.centre.id], (1, 1))
        with self.assertRaisesRegex(ValidationError, "already has an appeal"):
            self.env["gov.evaluation.appeal"].with_user(self.manager).create(
                {"evaluation_id": evaluation.id, "grounds": "mistaken", "statement": "再次申诉"}
            )

    def test_what_the_forms_hide_is_refused_too(self):
        """As a JSON-RPC client would try: a case's evaluations through an x2many command, an appeal
        decided by its own author, the context key that unlocks records."""
        evaluation = self._bad()
        case = evaluation.case_id.with_user(self.manager)
        with self.assertRaises(AccessError):
            case.write({"evaluation_ids": [(2, evaluation.id)]})
        with self.assertRaises(AccessError):
            case.write({"evaluation_ids": [(1, evaluation.id, {"level": "1"})]})
        Appeal = self.env["gov.evaluation.appeal"].with_user(self.manager)
        with self.assertRaisesRegex(AccessError, "the district writes the decision"):
            Appeal.create({"evaluation_id": evaluation.id, "grounds": "malicious", "statement": "x", "state": "upheld"})
        rectification = evaluation.rectification_ids.with_user(self.clerk).with_context(gov_unlocked=True)
        with self.assertRaises(AccessError):
            rectification.write({"state": "closed"})
        with self.assertRaises(AccessError):
            rectification.write({"user_id": self.other_clerk.id})
        self.assertEqual(evaluation.rectification_ids.state, "callback")

    def test_the_application_writes_no_default_of_the_caller(self):
        """What the application creates for a citizen (a rating, a complaint) takes none of the caller's
        default_* context keys, which could otherwise set a computed or derived field."""
        case = self._accepted()
        tainted = {"default_is_bad": False, "default_employee_id": self.emp_b.id, "default_in_kpi": False}
        evaluation = self.Evaluation.with_context(**tainted)._rate_case(
            case, "acceptance", "qr", {"level": "5", "reason_ids": [self.reason_attitude.id]}
        )
        self.assertEqual((evaluation.is_bad, evaluation.in_kpi), (True, True))
        self.assertEqual(evaluation.employee_id, self.emp_clerk)
        self.assertEqual(evaluation.rectification_ids.state, "callback")
        self.centre.is_public = True
        complaint = (
            self.env["gov.complaint"]
            .with_context(default_state="closed", default_findings="已核实", default_is_published=True)
            ._public_submit(self.centre, {"description": "窗口无人"})
        )
        self.assertEqual((complaint.state, complaint.findings, complaint.is_published), ("received", False, False))

    def test_a_rejected_appeal_keeps_the_review_counted(self):
        evaluation = self._bad()
        appeal = (
            self.env["gov.evaluation.appeal"]
            .with_user(self.manager)
            .create({"evaluation_id": evaluation.id, "grounds": "mistaken", "statement": "误评"})
        )
        appeal.with_user(self.admin).write({"decision_note": "理由不成立"})
        appeal.with_user(self.admin).action_reject()
        self.assertEqual((evaluation.appeal_state, evaluation.in_kpi), ("rejected", True))
        self.assertEqual(evaluation.rectification_ids.state, "callback", "the loop goes on")

    # ------------------------------------------------------------------ nothing deleted
    def test_nothing_is_deletable(self):
        evaluation = self._bad()
        appeal = self.env["gov.evaluation.appeal"].create(
            {"evaluation_id": evaluation.id, "grounds": "mistaken", "statement": "误评"}
        )
        for record in (evaluation, evaluation.rectification_ids, appeal):
            with self.assertRaises(UserError, msg=record._name):
                record.unlink()  # the superuser too
            with self.assertRaises(UserError, msg=record._name):  # AccessError or UserError
                record.with_user(self.admin).unlink()
        self.assertTrue((evaluation | evaluation.rectification_ids.evaluation_id).exists())

    def test_hall_screen_shows_the_satisfaction(self):
        self.assertIsNone(self.centre._screen_satisfaction())
        first, second = (
            self._accepted(when="2026-11-20 02:00:00"),
            self._accepted(when="2026-11-20 02:00:00", applicant_name="赵六"),
        )
        with freeze_time("2026-11-20 03:00:00"):
            self._rate(first, "1")
            self._rate(second, "5", reason_ids=[self.reason_attitude.id])
        with freeze_time("2026-11-27 04:00:00"):
            self.assertEqual(self.centre._screen_satisfaction(), {"rate": 50.0, "count": 2})
