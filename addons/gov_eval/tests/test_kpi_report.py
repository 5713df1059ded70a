"""The monthly report (gov.kpi.report): the workbook read back with openpyxl, the bulletin's PDF,
the monthly job, and who may do what; on the September 2026 of GovKpiCommon (tests/common.py), whose figures are known
by hand (the test database holds the demo district too: rows are read for the test's own sites)."""

import base64
import io
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.addons.gov_items.tests.test_public import pdf_text
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.translate import code_translations

from .common import GovKpiCommon

HEADER_ROW = 4  # openpyxl rows start at 1: title, targets, blank, headers
RED = "FF9C0006"


def read_sheet(workbook, name):
    """({label of the first column: {header: value}}, {label: row number}) of a sheet."""
    sheet = workbook[name]
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    rows, numbers = {}, {}
    for number in range(HEADER_ROW + 1, sheet.max_row + 1):
        values = [cell.value for cell in sheet[number]]
        if values[0] is not None:
            rows[values[0]] = dict(zip(headers, values, strict=True))
            numbers[values[0]] = number
    return rows, numbers


class KpiReportCommon(GovKpiCommon):
    """The test district and its September of GovKpiCommon (five cases, three ratings, a bad review
    and a complaint)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["gov.kpi.report"]

    def _report(self, **values):
        """September's report (created on 8 October: a month in the future is refused)."""
        with freeze_time("2026-10-08 02:00:00"):
            return self.Report.search([("month", "=", "2026-09-01")]) or self.Report.create(
                {"month": "2026-09-01", **values}
            )

    def _generate(self, user=None, lang="en_US", **context):
        report = self._report()
        with freeze_time("2026-10-08 02:00:00"):
            report.with_user(user or self.admin).with_context(lang=lang, **context).action_generate()
        return report

    @staticmethod
    def _workbook(report):
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(report.workbook)))


@tagged("gov", "post_install", "-at_install")
class TestKpiReport(KpiReportCommon):
    # ------------------------------------------------------------------ the workbook
    def test_workbook_holds_the_hand_computed_figures(self):
        *_cases, bad = self._september()
        report = self._generate()
        self.assertEqual(report.name, "Monthly Report 2026-09")
        self.assertEqual((report.date_from.isoformat(), report.date_to.isoformat()), ("2026-09-01", "2026-09-30"))
        self.assertEqual(report.workbook_filename, "Monthly Report 2026-09.xlsx")
        self.assertEqual(report.generated_by_id, self.admin)
        book = self._workbook(report)
        self.assertEqual(
            book.sheetnames,
            [
                "Townships",
                "Convenience Centres",
                "Convenience Stations",
                "Service Items",
                "Staff",
                "Bad Reviews and Rectification",
            ],
        )
        # The centre: c1–c4 accepted, c1–c3 decided (c3 late), c2 alone at the comprehensive window,
        # ratings of c1, c2 (bad: one open rectification) and c3, one complaint.
        centres, numbers = read_sheet(book, "Convenience Centres")
        centre = centres[self.centre.name]
        self.assertEqual(centre["Cases Accepted"], 4)
        self.assertEqual(centre["Cases Decided"], 3)
        self.assertEqual(centre["On-time Rate"], 66.7)
        self.assertEqual(centre["Avg Working Days to Close"], 4.0, "(3 + 0 + 9) / 3")
        self.assertEqual(centre["One-window Share"], 25.0)
        self.assertEqual(centre["Ratings Counted"], 3)
        self.assertEqual(centre["Satisfaction"], 66.7)
        self.assertEqual(centre["Bad Reviews"], 1)
        self.assertEqual(centre["Rectification Rate"], 0.0)
        self.assertEqual(centre["Complaints"], 1)
        self.assertIsNone(centre["Avg Waiting (min)"], "no ticket: an empty cell, not 0")
        other = centres[self.other_centre.name]
        self.assertEqual((other["Cases Accepted"], other["On-time Rate"], other["One-window Share"]), (1, 100.0, 100.0))
        self.assertIn("All Centres", centres)
        # Formats: frozen below the header, numbers formatted, a rate below its target in red.
        sheet = book["Convenience Centres"]
        self.assertEqual(sheet.freeze_panes, "B5")
        self.assertIn("Satisfaction ≥ 95%", sheet["A2"].value)
        headers = [cell.value for cell in sheet[HEADER_ROW]]
        on_time = sheet.cell(numbers[self.centre.name], headers.index("On-time Rate") + 1)
        self.assertEqual(on_time.number_format, '0.0"%"')
        self.assertEqual(on_time.font.color.rgb, RED, "66.7% is below the target of 100%")
        on_time_other = sheet.cell(numbers[self.other_centre.name], headers.index("On-time Rate") + 1)
        self.assertNotEqual(on_time_other.font.color and on_time_other.font.color.rgb, RED)
        accepted = sheet.cell(numbers[self.centre.name], headers.index("Cases Accepted") + 1)
        self.assertEqual(accepted.number_format, "#,##0")
        # Townships, items, staff.
        townships, _numbers = read_sheet(book, "Townships")
        self.assertEqual(townships["办件镇"]["Cases Accepted"], 4)
        self.assertEqual(townships["别镇"]["Cases Accepted"], 1)
        items, _numbers = read_sheet(book, "Service Items")
        self.assertEqual(items[self.item.name]["Cases Accepted"], 3)
        self.assertEqual(items[self.item.name]["Avg Working Days to Close"], 6.0, "(3 + 9) / 2")
        self.assertEqual(items[self.item.name]["Department"], self.item.department_id.name)
        self.assertEqual(items[self.item_now.name]["Cases Accepted"], 2)
        staff, _numbers = read_sheet(book, "Staff")
        self.assertEqual(staff["受理员丙"]["Cases Accepted"], 4, "the clerk registered c1–c4")
        self.assertEqual(staff["受理员丙"]["Works At"], self.centre.name)
        stations, _numbers = read_sheet(book, "Convenience Stations")
        self.assertNotIn(self.station.name, stations, "nothing happened at the station")
        # The bad review and its open rectification, overdue on 8 October (callback due 7 September).
        reviews, _numbers = read_sheet(book, "Bad Reviews and Rectification")
        [row] = [row for row in reviews.values() if row["Rectification No."] == bad.rectification_ids.number]
        self.assertEqual(row["Rated On"].date().isoformat(), "2026-09-04")
        self.assertEqual(row["Site"], self.centre.name)
        self.assertEqual(row["Window"], self.w_front.name)
        self.assertEqual(row["Overall Satisfaction"], "Very Dissatisfied")
        self.assertEqual(row["Evaluated Person"], bad.employee_id.name or None)
        self.assertEqual(row["Reasons"], self.env.ref("gov_eval.reason_attitude").name)
        self.assertEqual(row["Comment"], "态度生硬")
        self.assertEqual(row["Rectification State"], "To Call Back")
        self.assertEqual(row["Rectify By"].date(), bad.rectification_ids.rectify_deadline)
        self.assertIsNone(row["Closed On"])
        self.assertEqual(row["Overdue"], "Yes")

    def test_workbook_speaks_the_users_language(self):
        self._september()
        # Field labels come from the database's zh_CN; the code's strings from gov_eval's zh_CN.po,
        # here completed with the translations of a few new strings.
        zh_cn = dict(code_translations.get_python_translations("gov_eval", "zh_CN"))
        zh_cn.update({"Convenience Centres": "便民服务中心", "Cases Accepted": "受理量", "Satisfaction": "满意率"})
        with patch.dict(code_translations.python_translations, {("gov_eval", "zh_CN"): zh_cn}):
            report = self._generate(lang="zh_CN")
        book = self._workbook(report)
        centres, _numbers = read_sheet(book, "便民服务中心")
        self.assertEqual(centres[self.centre.name]["受理量"], 4)
        self.assertEqual(centres[self.centre.name]["满意率"], 66.7)
        headers = [cell.value for cell in book.worksheets[-1][HEADER_ROW]]
        for label in ("评价日期", "站点", "窗口", "整改期限"):
            self.assertIn(label, headers)

    def test_queries_do_not_grow_with_the_cases(self):
        self._september()
        report = self._report()

        def count():
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            with freeze_time("2026-10-08 02:00:00"):
                report.with_user(self.admin)._render_workbook(report.with_user(self.admin)._kpi_data())
            return self.env.cr.sql_log_count - start

        count()  # warm the caches
        before = count()
        for index in range(4):
            self._decide(self._accepted("2026-09-07 02:00:00", applicant_name=f"李{index}"), "2026-09-08 02:00:00")
        self.assertEqual(count(), before)

    # ------------------------------------------------------------------ the bulletin
    def test_bulletin_values(self):
        self._september()
        report = self._report(note="本月开展窗口服务专项整治。")
        with freeze_time("2026-10-08 02:00:00"):
            values = report.with_user(self.admin)._bulletin_values()
        names = [row["name"] for row in values["on_time_ranking"]]
        self.assertLess(names.index(self.other_centre.name), names.index(self.centre.name), "100% before 66.7%")
        [mine] = [row for row in values["satisfaction_ranking"] if row["name"] == self.centre.name]
        self.assertEqual((mine["value"], mine["volume"], mine["missed"]), ("66.7%", 3, True))
        self.assertNotIn(self.other_centre.name, [row["name"] for row in values["satisfaction_ranking"]], "not rated")
        self.assertEqual(values["note"], "本月开展窗口服务专项整治。")

    # ------------------------------------------------------------------ regeneration and the monthly job
    def test_generating_again_replaces_the_files(self):
        self._september()
        report = self._generate()
        first = report.workbook
        self._decide(self._accepted("2026-09-08 02:00:00", applicant_name="王五"), "2026-09-09 02:00:00")
        self._generate()
        self.assertNotEqual(report.workbook, first)
        centres, _numbers = read_sheet(self._workbook(report), "Convenience Centres")
        self.assertEqual(centres[self.centre.name]["Cases Accepted"], 5)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "gov.kpi.report"), ("res_id", "=", report.id), ("res_field", "=", "workbook")]
        )
        self.assertEqual(len(attachments), 1, "the previous workbook is replaced, not kept beside")
        self.assertIn("replace the files", report.message_ids[0].body)

    def test_monthly_job_makes_last_months_report_once(self):
        self._september()
        with freeze_time("2026-10-01 00:30:00"):
            report = self.Report._cron_generate()
            generated_at = report.generated_at
            self.assertEqual(report.month.isoformat(), "2026-09-01")
            self.assertTrue(report.workbook and report.bulletin)
        with freeze_time("2026-10-01 03:00:00"):
            self.assertEqual(self.Report._cron_generate(), report)
        self.assertEqual(self.Report.search_count([("month", "=", "2026-09-01")]), 1)
        self.assertEqual(report.generated_at, generated_at, "generated once; the administrator regenerates")
        cron = self.env.ref("gov_eval.ir_cron_gov_kpi_report")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "months"))
        self.assertEqual(cron.nextcall.day, 1)

    # ------------------------------------------------------------------ refusals
    def test_month_must_be_a_past_or_current_first_day(self):
        with freeze_time("2026-09-15 02:00:00"):
            with self.assertRaisesRegex(ValidationError, "has not begun yet"):
                self.Report.with_user(self.admin).create({"month": "2027-01-01"})
            with self.assertRaisesRegex(ValidationError, "first day of its month: choose 2026-08-01"):
                self.Report.with_user(self.admin).create({"month": "2026-08-15"})
            current = self.Report.with_user(self.admin).create({"month": "2026-09-01"})
            self.assertEqual(current.period, "2026-09")
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
                self.Report.with_user(self.admin).create({"month": "2026-09-01"})
                self.env.flush_all()

    def test_month_of_a_generated_report_is_kept(self):
        report = self._generate()
        with self.assertRaisesRegex(UserError, "its month can no longer change"):
            report.with_user(self.admin).write({"month": "2026-08-01"})
        report.with_user(self.admin).write({"note": "补充说明"})

    def test_only_the_district_reads_and_generates(self):
        report = self._report()
        for user in (self.manager, self.clerk, self.approver_a, self.agent, self.citizen):
            with self.assertRaises(AccessError):
                report.with_user(user).read(["period"])
            with self.assertRaises(AccessError):
                report.with_user(user).action_generate()
            with self.assertRaises(AccessError):
                report.with_user(user).action_download_workbook()
            with self.assertRaises(AccessError):
                self.Report.with_user(user).create({"month": "2026-08-01"})
        with self.assertRaises(AccessError):
            report.with_user(self.admin).write({"workbook": base64.b64encode(b"forged")})
        with self.assertRaisesRegex(AccessError, "made by Generate"):
            self.Report.with_user(self.admin).create({"month": "2026-07-01", "bulletin": base64.b64encode(b"forged")})
        forged = (
            self.Report.with_user(self.admin)
            .with_context(default_generated_at="2026-07-02 00:00:00")
            .create({"month": "2026-07-01"})
        )
        self.assertFalse(forged.generated_at, "no default_* key from the caller")
        action = report.with_user(self.admin).action_download_workbook()
        self.assertIn("field=workbook", action["url"])
        self.assertTrue(report.workbook, "generated on the first download")

    def test_never_deleted(self):
        report = self._report()
        with self.assertRaises(AccessError):
            report.with_user(self.admin).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            report.unlink()
        self.assertTrue(report.exists())


@tagged("gov", "post_install", "-at_install")
class TestKpiReportPdf(KpiReportCommon, HttpCase):
    """wkhtmltopdf loads the report's assets from the test server: an HttpCase."""

    def test_bulletin_is_a_chinese_pdf(self):
        self._september()
        report = self._report()
        report.with_user(self.admin).with_context(force_report_rendering=True).action_generate()
        pdf = base64.b64decode(report.bulletin)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(report.bulletin_filename, "Monthly Report 2026-09.pdf")
        text = pdf_text(pdf)
        self.assertIn(f"{report._district_name()}政务服务月报", text)
        self.assertIn("2026年9月", text)
        for heading in ("主要指标完成情况", "便民服务中心排名", "便民服务站建设达标情况", "差评与整改", "投诉与建议"):
            self.assertIn(heading, text)
        self.assertIn(self.centre.name, text, "ranked")
        self.assertIn("未达标", text)
