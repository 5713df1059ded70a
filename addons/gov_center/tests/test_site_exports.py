import io
import zipfile

from odoo.tests import TransactionCase, tagged

from .common import GovSiteCase


@tagged("gov", "at_install", "-post_install")
class TestSiteExports(GovSiteCase, TransactionCase):
    """The Excel exports of inspections, rectification items and the attainment board (gov.xlsx.report)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def _book(self, report, ids, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.manager).with_context(lang="zh_CN")
        content, kind = Report._render_xlsx(report, ids, data={})
        self.assertEqual(kind, "xlsx")
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            names = book.namelist()
            strings = book.read("xl/sharedStrings.xml").decode()
            sheets = [book.read(name).decode() for name in sorted(names) if name.startswith("xl/worksheets/sheet")]
        return strings, sheets

    def test_inspections(self):
        inspection = self.inspect(self.centre_a, 250, unmet=["ZX-31"], date="2026-09-28")
        strings, sheets = self._book("gov_center.site_inspection_xlsx", inspection.ids)
        self.assertEqual(len(sheets), 2, "the inspections, and their unmet requirements")
        for header in ("站点", "检查人", "达到", "未达到", "未达到的要求"):
            self.assertIn(header, strings)
        self.assertIn("甲乡便民服务中心", strings)
        self.assertIn("[ZX-31]", strings)
        self.assertIn(inspection.certificate_number or "甲乡便民服务中心", strings)
        self.assertEqual(sheets[0].count("<row "), 2, "header and one inspection")
        self.assertEqual(sheets[1].count("<row "), 2, "header and one unmet requirement")

    def test_rectification_items(self):
        inspection = self.inspect(self.centre_a, 250, unmet=["ZX-31", "ZX-32"], date="2026-09-28")
        strings, sheets = self._book("gov_center.site_rectification_xlsx", inspection.rectification_ids.ids)
        for header in ("整改期限", "责任人", "逾期"):
            self.assertIn(header, strings)
        self.assertIn("[ZX-31]", strings)
        self.assertIn("[ZX-32]", strings)
        self.assertEqual(sheets[0].count("<row "), 3, "header and two items")

    def test_attainment_board(self):
        self.inspect(self.centre_a, 310)
        board = self.env["gov.site.attainment.board"].create({})
        strings, sheets = self._book("gov_center.site_attainment_xlsx", board.ids)
        for name in ("甲乡", "乙街道", "全区"):
            self.assertIn(name, strings)
        self.assertIn("标准型及以上", strings)
        townships = len(self.env["gov.site.attainment"]._attainment_figures()["townships"])
        self.assertEqual(sheets[0].count("<row "), townships + 2, "header, the townships and the district")
