import re

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from .common import GovItemsCommon

RULE_FILE = "gov_center/static/src/scss/gov_report.scss"


@tagged("gov", "gov_items", "post_install", "-at_install")
class TestPrintedLists(GovItemsCommon, TransactionCase):
    """Printed lists repeat their header row on every page and keep each row on one page: one rule
    in the report assets (gov_center) for the tables marked o_gov_print_list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()
        items = cls.Item.browse()
        for number in range(40):
            items |= cls._published_item(
                name=f"测试一窗事项{number:02d}", basic_code=f"1505993{number:02d}000", one_window=True
            )
        cls.env["gov.item.site"].create(
            [{"site_id": cls.centre_a.id, "item_id": item.id, "window_id": cls.window_a.id} for item in items]
        )

    def test_rule_is_in_the_report_assets(self):
        paths = [asset[0] for asset in self.env["ir.asset"]._get_asset_paths("web.report_assets_common", {})]
        self.assertTrue(any(path.endswith(RULE_FILE) for path in paths), paths[-5:])
        with file_open(RULE_FILE) as rule:
            text = rule.read()
        self.assertIn("table.o_gov_print_list", text)
        self.assertRegex(text, r"thead\s*\{\s*display:\s*table-header-group;")
        self.assertRegex(text, r"tr\s*\{\s*page-break-inside:\s*avoid;")
        self.assertRegex(text, r"table\.o_gov_print_chunk \+ table\.o_gov_print_chunk,[^{]*\{\s*page-break-before:\s*always;")

    def test_one_window_list_repeats_its_header_on_every_page(self):
        """40 items: 20 under the title, 20 on the next page, each page a table with the header row
        (wkhtmltopdf without its patched Qt repeats no thead), numbered on from one page to the next."""
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_items.action_report_site_list_one_window", self.centre_a.ids
        )[0].decode()
        tables = re.findall(r'<table class="o_gov_print_list o_gov_print_chunk[^"]*">(.*?)</table>', html, re.S)
        self.assertEqual(len(tables), 2, "one table per printed page")
        numbers = []
        for table in tables:
            head, _sep, body = table.partition("</thead>")
            self.assertIn("事项名称", head, "each page has the header row")
            self.assertEqual(body.count("测试一窗事项"), 20)
            numbers += [int(n) for n in re.findall(r"<tr>\s*<td>(\d+)</td>", body)]
        self.assertEqual(numbers, list(range(1, 41)))

    def test_one_time_notice_pages_its_materials(self):
        item = self._published_item(name="测试告知单事项", basic_code="150599500000")
        self.assertTrue(item.material_ids)
        html = self.env["ir.actions.report"]._render_qweb_html("gov_items.action_report_item_notice", item.ids)[
            0
        ].decode()
        tables = re.findall(r'<table class="o_gov_print_list o_gov_print_chunk[^"]*">', html)
        self.assertEqual(len(tables), 1, "a short checklist is one table")
