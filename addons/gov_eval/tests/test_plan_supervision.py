"""Supervision of the plan (提升年督导): the seeded plan, the townships' progress reports and their
review, the overdue flags, the figures read from the suite, the board and the printed report."""

import datetime
import io

import psycopg2
from freezegun import freeze_time

from odoo import Command
from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .common import GovKpiCommon

D = datetime.date


@tagged("gov", "post_install", "-at_install")
class TestPlanSupervision(GovKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.plan = env.ref("gov_eval.plan_2023")
        cls.task = {n: env.ref(f"gov_eval.plan_2023_task_{n:02d}") for n in range(1, 16)}
        cls.Report = env["gov.plan.report"]
        # the centre's manager submits; the district administrator reviews
        cls.manager.gov_site_ids = cls.centre

    def _report(self, task=4, date_from="2023-05-01", user=None, **vals):
        values = {
            "site_id": self.centre.id,
            "action_id": self.task[task].id,
            "date_from": date_from,
            "status": "progress",
            "progress": 50,
            "next_steps": "下月完成清单公示",
        }
        values.update(vals)
        return self.Report.with_user(user or self.manager).create(values)

    # ------------------------------------------------------------------ the seeded plan
    def test_plan_tasks_are_seeded_from_the_plan_text(self):
        self.assertEqual(self.plan.name, "关于开展“基层政务服务提升年”活动的实施方案")
        self.assertEqual(self.plan.year, 2023)
        actions = self.plan.action_ids
        self.assertEqual(actions.mapped("number"), list(range(1, 16)))
        lines = [
            actions.filtered(lambda a, line=line: a.action_line == line)
            for line in ("standard", "norm", "digital", "convenience", "innovation")
        ]
        self.assertEqual([len(line) for line in lines], [3, 4, 3, 3, 2])
        self.assertEqual(self.task[1].name, "推动基层场所建设标准化")
        self.assertEqual(self.task[1].deadline, D(2023, 10, 31), "2023 年 10 月底前")
        self.assertEqual(self.task[4].deadline, D(2023, 5, 31))
        self.assertEqual(self.task[5].deadline, D(2023, 6, 30))
        self.assertEqual(self.task[7].deadline, D(2023, 4, 30))
        self.assertEqual(self.task[9].deadline, D(2023, 7, 31))
        self.assertEqual(self.task[9].lead_units, "区工科局")
        self.assertEqual(self.task[11].lead_units, "区政务服务中心")
        self.assertEqual(self.task[14].lead_units, "区政务服务中心、区发改委、铝业园区管委会")
        self.assertEqual(self.task[2].responsible_units, "各相关部门、单位，各镇、街道")
        self.assertTrue(all(actions.mapped("continues")), "every task: 并持续推进")
        self.assertIn("严禁“明进暗不进”", self.task[4].content)
        milestones = {(m.action_id.number, m.deadline) for m in self.plan.milestone_ids}
        for expected in (
            (6, D(2023, 3, 30)),
            (6, D(2023, 8, 31)),
            (3, D(2023, 8, 31)),
            (3, D(2023, 11, 30)),
            (13, D(2023, 3, 31)),
            (13, D(2023, 5, 31)),
            (False, D(2023, 3, 30)),
        ):
            self.assertIn(expected, milestones)
        targets = {m.target_key: m.target_value for m in self.plan.milestone_ids if m.target_key}
        self.assertEqual(
            targets,
            {
                "basic_rate": 100.0,
                "standard_rate": 90.0,
                "benchmark_rate": 40.0,
                "one_window": 100.0,
                "satisfaction": 95.0,
            },
        )

    # ------------------------------------------------------------------ flow
    def test_report_flows_from_township_to_district_and_reaches_the_board(self):
        done_before = self.task[4].done_count  # the demo's township accepted as done
        report = self._report(date_from="2023-05-17", status="done", progress=100)
        self.assertEqual(report.date_from, D(2023, 5, 1), "kept on the first day of its month")
        self.assertEqual(report.date_to, D(2023, 5, 31))
        report.with_user(self.manager).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_by_id, self.manager)
        todo = report.activity_ids.filtered(lambda a: a.user_id == self.admin)
        self.assertTrue(todo, "the district's reviewers have an activity")
        # locked for the township
        with self.assertRaises(UserError):
            report.with_user(self.manager).write({"progress": 90})
        with self.assertRaises(UserError):
            report.with_user(self.manager).unlink()
        # the township does not accept its own report
        with self.assertRaises(AccessError):
            report.with_user(self.manager).action_accept()
        row = self.env["gov.plan.progress"].search(
            [("action_id", "=", self.task[4].id), ("site_id", "=", self.centre.id)]
        )
        self.assertEqual((row.status, row.report_state, row.accepted), ("done", "submitted", False))
        report.with_user(self.admin).action_accept()
        self.assertEqual(report.state, "accepted")
        self.assertFalse(report.activity_ids, "the review is done")
        row.invalidate_recordset()
        self.assertEqual(
            (row.status, row.report_state, row.accepted, row.last_period), ("done", "accepted", True, D(2023, 5, 1))
        )
        self.assertEqual(self.task[4].done_count, done_before + 1)
        with self.assertRaises(UserError):
            report.with_user(self.manager).write({"next_steps": "改"})
        with self.assertRaises(UserError):
            report.with_user(self.admin).unlink()
        # the manager reads their own row of the board only
        rows = self.env["gov.plan.progress"].with_user(self.manager).search([])
        self.assertEqual(rows.site_id, self.centre)
        self.assertEqual(len(rows), 15)

    def test_return_needs_a_comment_and_reopens_the_report_for_the_township(self):
        report = self._report(task=13, date_from="2023-03-01")
        report.with_user(self.manager).action_submit()
        with self.assertRaisesRegex(UserError, "review comment"):
            report.with_user(self.admin).action_return()
        with self.assertRaises(AccessError):
            report.with_user(self.manager).write({"review_comment": "自己写的"})
        report.with_user(self.admin).write({"review_comment": "请补充公示栏照片"})
        report.with_user(self.admin).action_return()
        self.assertEqual(report.state, "returned")
        activity = report.activity_ids
        self.assertEqual(activity.user_id, self.manager, "the township is asked to correct it")
        report.with_user(self.manager).write({"progress": 100, "status": "done"})
        report.with_user(self.manager).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertFalse(report.activity_ids.filtered(lambda a: a.user_id == self.manager))
        with self.assertRaisesRegex(UserError, "never deleted"):
            report.sudo().unlink()

    def test_attacks_of_a_township_manager(self):
        report = self._report()
        # another township's report
        theirs = self._report(user=self.admin, site_id=self.other_centre.id, date_from="2023-06-01")
        with self.assertRaises(AccessError):
            theirs.with_user(self.manager).write({"progress": 10})
        with self.assertRaises(AccessError):
            self._report(site_id=self.other_centre.id, date_from="2023-07-01")
        with self.assertRaises(AccessError):
            report.with_user(self.manager).write({"site_id": self.other_centre.id})
        # fields the application sets
        for vals in (
            {"state": "accepted"},
            {"figures_snapshot": {"township": {"satisfaction": 100}}},
            {"submitted_by_id": self.admin.id},
        ):
            with self.assertRaises(AccessError):
                report.with_user(self.manager).write(vals)
        with self.assertRaises(AccessError):
            self._report(date_from="2023-08-01", state="accepted")
        # another record's file linked by an x2many command
        foreign = self.env["ir.attachment"].create(
            {"name": "别人的文件.pdf", "raw": b"%PDF", "res_model": "gov.case", "res_id": 1}
        )
        with self.assertRaises(AccessError):
            report.with_user(self.manager).write({"attachment_ids": [Command.link(foreign.id)]})
        # its own upload is bound to the report
        own = (
            self.env["ir.attachment"]
            .with_user(self.manager)
            .create({"name": "公示栏.jpg", "raw": b"jpg", "res_model": "gov.plan.report", "res_id": 0})
        )
        report.with_user(self.manager).write({"attachment_ids": [Command.link(own.id)]})
        self.assertEqual((own.res_model, own.res_id, report.attachment_count), ("gov.plan.report", report.id, 1))
        # clerks and agents read the plan and its tasks, not the reports
        self.assertTrue(self.task[1].with_user(self.clerk).name)
        self.assertTrue(self.task[1].with_user(self.agent).lead_units)
        counts = self.plan.with_user(self.clerk).read(["action_count", "overdue_count", "report_count"])[0]
        self.assertEqual((counts["action_count"], counts["report_count"]), (15, 0))
        with self.assertRaises(AccessError):
            report.with_user(self.clerk).read(["status"])
        with self.assertRaises(AccessError):
            self.task[1].with_user(self.manager).write({"deadline": "2024-01-01"})
        # one report per task and period
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._report()
        with self.assertRaises(ValidationError):
            self._report(user=self.admin, site_id=self.station.id, date_from="2023-09-01")

    # ------------------------------------------------------------------ overdue and late
    def test_overdue_flags_on_known_dates(self):
        task = self.task[12]  # deadline 2023-05-31
        task._set_overdue(D(2023, 5, 31))
        self.assertFalse(task.is_overdue, "on the deadline itself")
        task._set_overdue(D(2023, 6, 1))
        self.assertTrue(task.is_overdue, "past the deadline, no township done")
        # every township centre reports done and the district accepts: no longer overdue
        centres = self.env["gov.site"].search([("kind", "=", "township_centre")])
        reports = self.Report.create(
            [
                {
                    "site_id": centre.id,
                    "action_id": task.id,
                    "date_from": "2023-05-01",
                    "status": "done",
                    "progress": 100,
                }
                for centre in centres
            ]
        )
        reports.action_submit()
        accepted, last = reports[:-1], reports[-1:]
        accepted.with_user(self.admin).action_accept()
        task._set_overdue(D(2023, 6, 1))
        self.assertEqual(task.done_count, len(centres) - 1)
        self.assertTrue(task.is_overdue, "one township is still not accepted")
        last.with_user(self.admin).action_accept()
        task._set_overdue(D(2023, 6, 1))
        self.assertFalse(task.is_overdue)
        # a milestone reached in an accepted report of another task's period
        milestone = self.env.ref("gov_eval.plan_2023_milestone_t06_assessment")
        milestone._set_overdue(D(2023, 3, 31))
        self.assertTrue(milestone.is_overdue)
        # the stored flag follows the clock through the daily job (frozen clock)
        with freeze_time("2023-04-01 02:00:00"):
            self.env["gov.plan.action"]._cron_refresh_overdue()
        self.assertFalse(self.task[7].is_overdue, "task 7 is due on 30 April")
        self.assertTrue(milestone.is_overdue, "the assessment plans were due on 30 March")
        self.assertIn(milestone, self.env["gov.plan.milestone"].search([("is_overdue", "=", True)]))
        with freeze_time("2023-05-01 02:00:00"):
            self.env["gov.plan.action"]._cron_refresh_overdue()
        self.assertTrue(self.task[7].is_overdue)
        self.assertIn(self.task[7], self.env["gov.plan.action"].search([("is_overdue", "=", True)]))
        row = self.env["gov.plan.progress"].search(
            [("action_id", "=", self.task[7].id), ("site_id", "=", self.centre.id)]
        )
        self.assertTrue(row.overdue)

    def test_a_report_is_late_once_its_period_ended_unsubmitted(self):
        report = self._report(task=7, date_from="2023-04-01")
        report._set_late(D(2023, 4, 30))
        self.assertFalse(report.is_late)
        report._set_late(D(2023, 5, 1))
        self.assertTrue(report.is_late)
        self.assertIn(report, self.Report.search([("is_late", "=", True)]))
        report.with_user(self.manager).action_submit()
        with freeze_time("2023-05-02 02:00:00"):
            self.env["gov.plan.action"]._cron_refresh_overdue()
        self.assertFalse(report.is_late, "submitted: no longer late")

    # ------------------------------------------------------------------ figures
    def test_figures_are_the_suites_live_on_drafts_and_kept_once_submitted(self):
        self._september()
        report = self._report(task=5, date_from="2026-09-01")
        # The centre's September (GovKpiCommon): c1–c4 accepted, c2 at the comprehensive window,
        # c1 and c2 of c1–c3 on time, two of three ratings satisfied.
        self.assertEqual(report.fig_accepted, 4)
        self.assertEqual(report.fig_one_window, 25.0)
        self.assertEqual(report.fig_on_time, 66.7)
        self.assertEqual(report.fig_satisfaction, 66.7)
        township = self.centre.township_id
        [((_t,), kpi)] = self.Fact._kpi_figures(
            [("township_id", "=", township.id), ("date", ">=", "2026-09-01"), ("date", "<=", "2026-09-30")],
            ["township_id"],
        )
        self.assertEqual(
            (report.fig_accepted, report.fig_agent, report.fig_satisfaction),
            (kpi["accepted"], kpi["agent"], kpi["satisfaction"]),
        )
        attainment = {
            row["township"]: row for row in self.env["gov.site.attainment"]._attainment_figures()["townships"]
        }[township]
        self.assertEqual(report.fig_standard_rate, attainment["standard_rate"] or 0)
        lines = self.env["gov.item.site"].search(
            [("site_id", "=", self.centre.id), ("item_id.state", "=", "published")]
        )
        self.assertEqual(report.fig_items, len(lines))
        self.assertTrue(report.fig_live)
        report.with_user(self.manager).action_submit()
        self.assertFalse(report.fig_live)
        self.assertEqual(report.figures_snapshot["township"]["accepted"], 4)
        # A new item listed at the centre: the draft of another task sees it, the submitted one keeps its figure.
        item = self.env["gov.item"].search([("state", "=", "published"), ("id", "not in", lines.item_id.ids)], limit=1)
        self.env["gov.item.site"].create({"site_id": self.centre.id, "item_id": item.id})
        draft = self._report(task=2, date_from="2026-09-01")
        report.invalidate_recordset()
        self.assertEqual(draft.fig_items, len(lines) + 1)
        self.assertEqual(report.fig_items, len(lines))

    # ------------------------------------------------------------------ board and printed report
    def test_board_reads_in_a_fixed_number_of_queries(self):
        self._report().with_user(self.manager).action_submit()
        Board = self.env["gov.plan.progress"].with_user(self.admin)
        Board._read_group([], ["action_id"], ["done_count:sum"])  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            Board._read_group(
                [("plan_id", "=", self.plan.id)],
                ["action_id", "township_id"],
                ["done_count:sum", "progress:avg", "overdue_count:sum"],
            )
        with self.assertQueryCount(4):
            Board.search_read(
                [("plan_id", "=", self.plan.id)], ["action_id", "township_id", "status", "overdue"], limit=80
            )

    def test_progress_report_prints_the_figures_and_the_tasks(self):
        self._september()
        report = self._report(
            task=1,
            date_from="2023-07-01",
            period_type="quarter",
            status="blocked",
            problems="4个社区便民服务站面积不足50平方米",
        )
        report.with_user(self.manager).action_submit()
        with freeze_time("2026-09-30 04:00:00"):
            values = self.plan._progress_values()
            html = (
                self.env["ir.actions.report"]
                ._render_qweb_html("gov_eval.action_report_gov_plan_progress", self.plan.ids)[0]
                .decode()
            )
        self.assertIn("“基层政务服务提升年”活动进展情况报告", html)
        self.assertIn("截至2026年9月30日", html)
        self.assertIn("电子政务外网向基层延伸", html)
        self.assertIn("区工科局", html)
        self.assertIn("4个社区便民服务站面积不足50平方米", html)
        figures = values["figures"]
        self.assertEqual(values["targets"]["satisfaction"], 95.0)
        self.assertEqual(values["targets"]["benchmark_rate"], 40.0)
        self.assertIn(self.Report._fmt_figure("satisfaction", figures["satisfaction"]), html)
        self.assertIn(self.Report._fmt_figure("one_window", figures["one_window"]), html)
        [((), district)] = self.Fact._kpi_figures(
            [("date", ">=", "2023-01-01"), ("date", "<=", "2026-09-30")], [], ("accepted", "satisfaction")
        )
        self.assertEqual(figures["accepted"], district["accepted"])
        self.assertEqual(figures["satisfaction"], district["satisfaction"])
        task1 = next(row for row in values["actions"] if row["action"] == self.task[1])
        self.assertGreaterEqual(task1["blocked"], 1)


@tagged("gov", "post_install", "-at_install")
class TestPlanProgressPdf(ChineseEnvCase, HttpCase):
    """The printed progress report itself (wkhtmltopdf reads the page from the running server)."""

    def test_pdf_of_the_demo_plan(self):
        plan = self.env.ref("gov_eval.plan_2023")
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf("gov_eval.action_report_gov_plan_progress", plan.ids)
        self.assertEqual(kind, "pdf")
        reader = PdfFileReader(io.BytesIO(pdf))
        self.assertLessEqual(len(reader.pages), 2, "the district's report fits on two A4 pages")
        text = "".join(page.extract_text() for page in reader.pages)
        # (the text layer maps a few ideographs to their Kangxi radicals: compare the safe ones)
        self.assertIn("东河区“基层政务服务提升年”活动进展情况报告", text)
        self.assertIn("2023-07-31", text, "task 9's deadline")
