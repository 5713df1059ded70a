"""The centre's staff appraisal on data whose scores are known by hand."""

import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GovKpiCommon


@tagged("gov", "post_install", "-at_install")
class TestAppraisal(GovKpiCommon):
    """The centre's three people in 2026 (default criteria: satisfaction 25, on time 20, volume 15,
    bad reviews 10 − 2 each, complaints 10 − 5 each, training 10, attendance and conduct 10):

    - the clerk (受理员丙) accepted c1, c2, c3; ratings of the acceptance: 非常满意, 非常不满意 (bad),
      基本满意 → satisfaction 66.7%; of the three, c3 was decided late → 2/3 on time; no training;
    - 审批甲 reviewed c1 (on time) and c3 (late): 1/2 on time, no rating, one complaint found
      substantiated, 10 of the plan's 20 training hours;
    - 审批乙 did nothing in the period.

    Cases handled: 3, 2, 0: the centre's average is 5/3.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # The manager is an employee of the centre too, appraised by the district, not by themselves.
        cls.emp_manager = env["hr.employee"].create(
            {"name": "主任丁", "gov_site_id": cls.centre.id, "user_id": cls.manager.id, "tz": "Asia/Shanghai"}
        )
        cls.criteria = {c.method: c for c in env["gov.appraisal.criterion"].search([])}

    def _data(self):
        c1 = self._accepted("2026-09-01 02:00:00")
        c2 = self._accepted("2026-09-01 02:00:00", item_id=self.item_now.id)
        c3 = self._accepted("2026-09-01 02:00:00")
        with freeze_time("2026-09-01 03:00:00"):
            c2.with_user(self.clerk).action_approve()
            (c1 | c3).with_user(self.clerk).action_send_review()
        self.assertEqual((c1 | c3).assignee_id, self.emp_a)
        with freeze_time("2026-09-04 02:00:00"):
            c1.with_user(self.approver_a).action_approve()
        with freeze_time("2026-09-14 02:00:00"):
            c3.with_user(self.approver_a).action_approve()
        Evaluation = self.env["gov.evaluation"]
        with freeze_time("2026-09-04 04:00:00"):
            Evaluation._rate_case(c1, "acceptance", "qr", {"level": "1"})
            Evaluation._rate_case(
                c2,
                "acceptance",
                "qr",
                {"level": "5", "reason_ids": [self.env.ref("gov_eval.reason_attitude").id], "comment": "态度生硬"},
            )
            Evaluation._rate_case(c3, "acceptance", "qr", {"level": "3"})
        with freeze_time("2026-10-10 02:00:00"):
            complaint = self.env["gov.complaint"].create(
                {
                    "kind": "complaint",
                    "channel": "hotline",
                    "site_id": self.centre.id,
                    "employee_id": self.emp_a.id,
                    "description": "审批拖延",
                }
            )
            handler = complaint.with_user(self.manager)
            handler.action_assign()
            handler.write({"findings": "情况属实。", "outcome": "已批评教育。", "verdict": "substantiated"})
            handler.action_answer()
        self.env["gov.capability.plan"].create({"site_id": self.centre.id, "year": 2026, "planned_hours": 20})
        session = self.env["gov.training.session"].create(
            {
                "name": "业务培训",
                "form": "centralised",
                "site_id": self.centre.id,
                "trainer": "区政务服务局",
                "date_start": datetime.datetime(2026, 6, 1, 1, 0),
                "date_end": datetime.datetime(2026, 6, 1, 11, 0),
                "hours": 10,
                "attendance_ids": [(0, 0, {"employee_id": self.emp_a.id, "attendance": "present"})],
            }
        )
        session.action_confirm()
        session.action_done()

    def _appraisal(self, user=None, **values):
        return (
            self.env["gov.appraisal"]
            .with_user(user or self.manager)
            .create({"centre_id": self.centre.id, "year": 2026, **values})
        )

    def _points(self, line):
        return {score.method: score.points for score in line.score_ids}

    def _lines(self, appraisal):
        return {line.employee_id: line for line in appraisal.line_ids}

    # ------------------------------------------------------------------ scores
    def test_scores_on_known_data(self):
        self._data()
        appraisal = self._appraisal()
        self.assertEqual((appraisal.date_from, appraisal.date_to), (self.day("2026-01-01"), self.day("2026-12-31")))
        appraisal.action_compute()
        lines = self._lines(appraisal)
        self.assertEqual(set(lines), {self.emp_clerk, self.emp_a, self.emp_b}, "the centre's staff, not its manager")
        clerk, reviewer, idle = lines[self.emp_clerk], lines[self.emp_a], lines[self.emp_b]
        self.assertEqual(
            self._points(clerk),
            {
                "satisfaction": 17.55,  # 25 × 66.7 / 95
                "on_time": 13.33,  # 20 × 2/3
                "volume": 15.0,  # 3 ≥ the average 5/3
                "bad_reviews": 8.0,  # 10 − 2
                "complaints": 10.0,
                "training": 0.0,  # 0 of 20 hours
                "manual": 0.0,  # not scored yet
            },
        )
        self.assertEqual(
            self._points(reviewer),
            {
                "satisfaction": 25.0,  # no rating: full points
                "on_time": 10.0,  # 20 × 1/2
                "volume": 15.0,  # 2 ≥ 5/3
                "bad_reviews": 10.0,
                "complaints": 5.0,  # 10 − 5
                "training": 5.0,  # 10 × 10/20
                "manual": 0.0,
            },
        )
        self.assertEqual(self._points(idle)["volume"], 0.0)
        self.assertEqual(self._points(idle)["on_time"], 20.0, "no decided case: full points")
        satisfaction = clerk.score_ids.filtered(lambda s: s.method == "satisfaction")
        self.assertEqual(satisfaction.value, "66.7%")
        self.assertIn("3 ratings", satisfaction.explanation)
        self.assertEqual(reviewer.score_ids.filtered(lambda s: s.method == "training").value, "10 / 20")
        # The manager scores attendance and conduct; the totals follow.
        clerk.score_ids.filtered(lambda s: s.method == "manual").with_user(self.manager).manual_score = 9
        reviewer.score_ids.filtered(lambda s: s.method == "manual").with_user(self.manager).manual_score = 10
        self.assertAlmostEqual(clerk.total, 72.88)
        self.assertAlmostEqual(reviewer.total, 80.0)
        self.assertEqual(reviewer.rank, 1)
        with self.assertRaisesRegex(ValidationError, "from 0 to 10 points"), self.env.cr.savepoint():
            clerk.score_ids.filtered(lambda s: s.method == "manual").with_user(self.manager).manual_score = 11
        # Recomputing keeps the manager's scores.
        appraisal.action_compute()
        self.assertAlmostEqual(self._lines(appraisal)[self.emp_clerk].total, 72.88)

    def test_criteria_must_add_up_to_100(self):
        self.criteria["manual"].weight = 15
        with self.assertRaisesRegex(ValidationError, "add up to 105"):
            self._appraisal().action_compute()

    # ------------------------------------------------------------------ grades, approval, lock
    def test_grades_cap_adjustments_and_approval(self):
        self._data()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("gov_eval.appraisal_excellent_share", "34")  # one of three
        params.set_param("gov_eval.appraisal_excellent_min", "80")
        appraisal = self._appraisal()
        appraisal.action_compute()
        lines = self._lines(appraisal)
        clerk = lines[self.emp_clerk].with_user(self.manager)
        reviewer = lines[self.emp_a].with_user(self.manager)
        with self.assertRaisesRegex(UserError, "Score Attendance and Conduct"):
            appraisal.action_approve()
        for line, points in ((clerk, 9), (reviewer, 10), (lines[self.emp_b].with_user(self.manager), 10)):
            line.score_ids.filtered(lambda s: s.method == "manual").manual_score = points
        with self.assertRaisesRegex(ValidationError, "reason for the adjustment"), self.env.cr.savepoint():
            clerk.adjustment = 8
        with self.assertRaisesRegex(ValidationError, "at most 10 points"), self.env.cr.savepoint():
            clerk.write({"adjustment": 12, "adjustment_reason": "窗口标兵"})
        clerk.write({"adjustment": 8, "adjustment_reason": "获评区级窗口服务标兵"})
        self.assertAlmostEqual(clerk.total, 80.88)
        # Both reach 80, but 优秀 is capped at one of three: the higher total.
        self.assertEqual((clerk.rank, clerk.grade), (1, "excellent"))
        self.assertEqual((reviewer.rank, reviewer.grade), (2, "competent"))
        self.assertEqual(lines[self.emp_b].grade, "competent", "75 points")
        with self.assertRaises(AccessError):
            appraisal.with_user(self.clerk).action_approve()
        with self.assertRaises(AccessError):
            appraisal.with_user(self.other_manager).action_approve()
        appraisal.action_approve()
        self.assertEqual((appraisal.state, appraisal.approved_by_id), ("approved", self.manager))
        # Locked: nothing changes, nothing is recomputed; the district may reopen it.
        with self.assertRaises(UserError):
            clerk.write({"adjustment": 0, "adjustment_reason": False})
        with self.assertRaises(UserError):
            clerk.score_ids.filtered(lambda s: s.method == "manual").manual_score = 5
        with self.assertRaisesRegex(UserError, "approved and locked"):
            appraisal.action_compute()
        with self.assertRaises(AccessError):
            appraisal.action_reopen()
        with self.assertRaises(UserError):
            appraisal.unlink()
        appraisal.with_user(self.admin).action_reopen()
        self.assertEqual(appraisal.state, "draft")

    def test_one_appraisal_per_period(self):
        self._appraisal()
        self._appraisal(quarter="3")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._appraisal()
        with self.assertRaisesRegex(ValidationError, "not a centre"):
            self._appraisal(user=self.admin, centre_id=self.station.id)

    # ------------------------------------------------------------------ who reads what
    def test_each_person_reads_only_their_own_result(self):
        self._data()
        appraisal = self._appraisal()
        appraisal.action_compute()
        for line in appraisal.line_ids:
            line.score_ids.filtered(lambda s: s.method == "manual").manual_score = 8
        lines = self._lines(appraisal)
        Line = self.env["gov.appraisal.line"]
        self.assertFalse(Line.with_user(self.clerk).search([]), "a draft is the manager's")
        appraisal.action_approve()
        mine = Line.with_user(self.clerk).search([])
        self.assertEqual(mine, lines[self.emp_clerk])
        self.assertEqual(len(mine.score_ids), 7, "with every criterion's score and how it was computed")
        self.assertTrue(all(mine.score_ids.mapped("explanation")))
        self.assertEqual(mine.with_user(self.clerk).appraisal_id.name, appraisal.name)
        with self.assertRaises(AccessError):
            lines[self.emp_a].with_user(self.clerk).read(["total"])
        with self.assertRaises(AccessError):
            lines[self.emp_a].score_ids.with_user(self.clerk).read(["points"])
        self.assertEqual(Line.with_user(self.approver_a).search([]), lines[self.emp_a])
        with self.assertRaises(AccessError):
            mine.with_user(self.clerk).write({"adjustment": 5, "adjustment_reason": "自评"})
        with self.assertRaises(AccessError):
            self._appraisal(user=self.clerk, year=2025)
        self.assertFalse(self.env["gov.appraisal"].with_user(self.other_manager).search([("id", "=", appraisal.id)]))
        with self.assertRaises(AccessError):
            appraisal.with_user(self.other_manager).action_compute()
        # The printed result: one's own, not a colleague's.
        report = self.env["ir.actions.report"].with_user(self.clerk)
        html = report._render_qweb_html("gov_eval.report_appraisal_line", mine.ids)[0].decode()
        self.assertIn("受理员丙", html)
        self.assertIn("考核结果", html)
        with self.assertRaises(AccessError):
            report._render_qweb_html("gov_eval.report_appraisal_line", lines[self.emp_a].ids)

    def test_figures_are_read_in_a_fixed_number_of_queries(self):
        self._data()
        appraisal = self._appraisal()
        few = self.emp_clerk | self.emp_a
        more = few | self.env["hr.employee"].create(
            [{"name": f"窗口{i}", "gov_site_id": self.centre.id} for i in range(5)]
        )
        self.env.flush_all()

        def count(employees):
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            appraisal._staff_figures(employees)
            return self.env.cr.sql_log_count - start

        count(few)  # the first run after invalidating reads the record rules again
        self.assertEqual(count(few), count(more))
        self.assertLessEqual(count(more), 10)

    def test_what_the_form_hides_is_refused(self):
        """Over JSON-RPC a manager may send anything: only the centre and the period are theirs."""
        with self.assertRaisesRegex(AccessError, "set by the application"):
            self._appraisal(state="approved")
        with self.assertRaisesRegex(AccessError, "set by the application"):
            self._appraisal(excellent_share=100)
        appraisal = (
            self.env["gov.appraisal"]
            .with_user(self.manager)
            .with_context(default_state="approved", default_approved_by_id=self.manager.id)
            .create({"centre_id": self.centre.id, "year": 2026})
        )
        self.assertEqual((appraisal.state, appraisal.approved_by_id.id), ("draft", False))
        with self.assertRaises(AccessError):
            appraisal.write({"state": "approved"})
        with self.assertRaises(AccessError):
            appraisal.write({"centre_id": self.other_centre.id})
        appraisal.action_compute()
        with self.assertRaisesRegex(UserError, "centre and period are fixed"):
            appraisal.write({"year": 2025})
        line = appraisal.line_ids[:1]
        for field, value in (("rank", 1), ("grade", "excellent"), ("employee_id", self.emp_b.id)):
            with self.assertRaises(AccessError):
                line.write({field: value})
        score = line.score_ids.filtered(lambda s: s.method == "satisfaction")
        with self.assertRaises(AccessError):
            score.write({"score": 25})
        with self.assertRaisesRegex(ValidationError, "Only attendance and conduct"), self.env.cr.savepoint():
            score.write({"manual_score": 25})
        with self.assertRaises(AccessError):
            line.score_ids.filtered(lambda s: s.method == "manual").write({"manual_set": True})
        with self.assertRaises(AccessError):
            self.Dashboard.with_user(self.clerk).action_drill("bad")
        # x2many commands through the forms: lines and scores are made by Compute only.
        stranger = self.env["hr.employee"].create({"name": "外人", "gov_site_id": self.other_centre.id})
        for command in (
            Command.create({"employee_id": stranger.id}),
            Command.delete(line.id),
            Command.update(line.id, {"grade": "excellent"}),
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                appraisal.write({"line_ids": [command]})
        for command in (Command.create({"criterion_id": self.criteria["volume"].id}), Command.delete(score.id)):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                line.write({"score_ids": [command]})
        self.assertEqual(len(appraisal.line_ids), 3)
        self.assertEqual(len(line.score_ids), 7)
