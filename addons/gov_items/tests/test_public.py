import base64
import io
import json
import unicodedata
from unittest.mock import patch
from urllib.parse import quote

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from ..controllers import main as items_controller
from .common import GovItemsCommon

# The CJK font maps some simplified characters to radical code points in the PDF text layer.
RADICALS = str.maketrans({"⺠": "民", "⻔": "门", "⻬": "齐", "⻓": "长", "⻋": "车", "⻅": "见", "⻚": "页", "⻢": "马"})


def pdf_text(data):
    """Text of a PDF with the ideographs the font extracts as radicals mapped back (NFKC + table)."""
    reader = PdfFileReader(io.BytesIO(data))
    return unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages)).translate(RADICALS)


@tagged("gov", "gov_items", "post_install", "-at_install")
class TestPublicCatalogue(GovItemsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()
        cls.hkb = cls.env.ref("gov_items.item_hj_01")
        cls.draft = cls.Item.create(cls._item_vals(name="户口簿草稿事项"))
        cls.env["gov.item.site"].create(
            {"site_id": cls.centre_a.id, "item_id": cls.hkb.id, "window_id": cls.window_a.id, "phone": "0472-5550101"}
        )

    def test_anonymous_sees_published_items_only(self):
        response = self.url_open("/gov/items?q=hkb")
        self.assertEqual(response.status_code, 200)
        self.assertIn("居民户口簿遗失补发", response.text)
        self.assertNotIn("户口簿草稿事项", response.text)
        self.assertEqual(self.url_open(f"/gov/items/{self.hkb.id}").status_code, 200)
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/gov/items/{self.draft.id}").status_code, 404)
            self.assertEqual(self.url_open(f"/gov/items/{self.draft.id}/guide.pdf").status_code, 404)
            self.assertEqual(self.url_open("/gov/items/999999999").status_code, 404)
        answer = self.url_open("/gov/api/items?q=hkb")
        self.assertEqual(answer.headers.get("Cache-Control"), "public, max-age=300", "a proxy may keep the feed")
        feed = json.loads(answer.text)
        self.assertEqual([item["name"] for item in feed["items"]], ["居民户口簿遗失补发"])
        self.assertEqual(feed["items"][0]["implementation_code"], self.hkb.implementation_code)
        self.assertEqual(feed["items"][0]["case_type"]["code"], "1")

    def test_item_json_has_the_guide(self):
        data = json.loads(self.url_open(f"/gov/api/items/{self.hkb.id}").text)
        self.assertEqual(data["name"], "居民户口簿遗失补发")
        self.assertEqual([m["name"] for m in data["materials"]], self.hkb.material_ids.mapped("name"))
        self.assertIn(self.centre_a.name, [site["name"] for site in data["sites"]])
        self.assertTrue(data["steps"])
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/gov/api/items/{self.draft.id}").status_code, 404)

    def test_search_by_category_and_site(self):
        response = self.url_open(f"/gov/items?site={self.centre_a.id}")
        self.assertIn("居民户口簿遗失补发", response.text)
        self.assertNotIn("居民身份证核发", response.text, "only the site's items")
        feed = json.loads(self.url_open(f"/gov/api/items?category={self.env.ref('gov_items.category_yb').id}").text)
        self.assertEqual(feed["total"], 4)

    def test_item_page_is_in_chinese_and_shows_the_guide(self):
        page = self.url_open(f"/gov/items/{self.hkb.id}").text
        for text in ("居民户口簿遗失补发", "受理条件", "申请材料", "居民身份证", "0472-5550101", self.centre_a.name):
            self.assertIn(text, page)

    def test_item_page_names_the_first_sites_and_links_the_finder(self):
        """An item offered at every station of a city would list 1,623 sites: the page names the
        first ITEM_PAGE_SITES (centres first) and sends to the finder filtered by the item."""
        self.env["gov.item.site"].create({"site_id": self.centre_b.id, "item_id": self.hkb.id})
        lines = self.hkb.sudo()._public_site_lines()
        self.assertGreaterEqual(len(lines), 2)
        self.assertEqual(lines[:1], self.hkb.sudo()._public_site_lines(limit=1))
        with patch.object(items_controller, "ITEM_PAGE_SITES", 1):
            page = self.url_open(f"/gov/items/{self.hkb.id}").text
        self.assertIn(lines[0].site_id.name, page)
        self.assertNotIn(f'href="/gov/sites/{lines[1].site_id.id}"', page)
        self.assertIn("o_gov_item_more_sites", page)
        self.assertIn(f"{len(lines)} 个站点可办理此事项", page)
        link = f"/gov?service={quote(self.hkb.name)}"
        self.assertIn(link, page)
        self.assertIn(self.centre_b.name, self.url_open(link).text, "the finder lists every site offering it")
        full = self.url_open(f"/gov/items/{self.hkb.id}").text
        self.assertNotIn("o_gov_item_more_sites", full, "all named: no link")

    def test_blank_form_download(self):
        item = self._published_item(
            name="表格下载测试",
            basic_code="150599007000",
            material_ids=[(0, 0, {"name": "申请表", "blank_form": base64.b64encode(b"%PDF-1.4 form"), "blank_form_name": "申请表.pdf"})],
        )
        response = self.url_open(f"/gov/items/{item.id}/materials/{item.material_ids.id}/form")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 form")
        self.assertIn("o_gov_material_form", self.url_open(f"/gov/items/{item.id}").text)
        with mute_logger("odoo.http"):
            other = self.hkb.material_ids[0]
            self.assertEqual(self.url_open(f"/gov/items/{item.id}/materials/{other.id}/form").status_code, 404)
            self.assertEqual(self.url_open(f"/gov/items/{self.draft.id}/materials/{self.draft.material_ids[0].id}/form").status_code, 404)

    def test_old_revision_link_leads_to_the_current_one(self):
        item = self._published_item(name="链接测试事项", basic_code="150599005000")
        revision = self.Item.browse(item.action_new_revision()["res_id"])
        revision.write({"change_note": "测试"})
        revision.action_publish()
        response = self.url_open(f"/gov/items/{item.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response.headers["Location"].endswith(f"/gov/items/{revision.id}"))

    def test_public_search_query_budget(self):
        Item = self.env["gov.item"]
        self.env.invalidate_all()
        with self.assertQueryCount(3):  # search (with the page fields), count; at most one more read
            items, total = Item._public_search("hkb", limit=20)
            items.mapped("name")
        self.assertEqual(total, 1)
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            items, total = Item._public_search("zd", category_id=self.category.id, site_id=self.centre_a.id, limit=20)
            items.mapped("name")
        self.env.invalidate_all()
        with self.assertQueryCount(5):  # + category and department names shown on each row
            items, total = Item._public_search("", limit=20)
            items.mapped("category_id.name")
            items.mapped("department_id.name")
        self.assertEqual(total, 72)

    def test_public_page_query_budget(self):
        self.url_open("/gov/items?q=hkb")  # warm the caches (assets, views)
        with self.assertQueryCount(16):
            self.assertEqual(self.url_open("/gov/items?q=jm").status_code, 200)

    def test_guides_render_as_pdf_with_chinese_text(self):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True, lang="zh_CN")
        pdf, kind = Report._render_qweb_pdf("gov_items.action_report_item_guide", self.hkb.ids)
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf)
        for heading in ("办事指南", "受理条件", "申请材料", "办理流程", self.hkb.implementation_code):
            self.assertIn(heading, text)
        id_card = self.env.ref("gov_items.item_hj_02")  # 20 yuan
        pdf, _kind = Report._render_qweb_pdf("gov_items.action_report_item_guide", id_card.ids)
        self.assertIn("人民币贰拾元整", pdf_text(pdf), "the fee prints in capital numerals")
        pdf, _kind = Report._render_qweb_pdf("gov_items.action_report_item_notice", self.hkb.ids)
        self.assertIn("一次性告知单", pdf_text(pdf))
        pdf, _kind = Report._render_qweb_pdf("gov_items.action_report_site_booklet", self.centre_a.ids)
        text = pdf_text(pdf)
        self.assertEqual(self.centre_a._booklet_title(), "《丙镇便民服务指南》")
        self.assertIn("《丙镇便民服务指南》", text)
        self.assertIn("目 录", text)
        self.assertIn("办事指南", text)
        for report in ("all", "must_enter", "one_window", "agent"):
            pdf, _kind = Report._render_qweb_pdf(f"gov_items.action_report_site_list_{report}", self.centre_a.ids)
            self.assertIn("清单", pdf_text(pdf))
        response = self.url_open(f"/gov/items/{self.hkb.id}/guide.pdf")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("办事指南", pdf_text(response.content))

    def test_excel_list_of_a_malformed_site_is_not_found(self):
        self.authenticate("t_items_clerk", "t_items_clerk")
        for site in ("99999999999999999999", "%C2%B2", "0"):
            self.assertEqual(self.url_open(f"/gov_items/site/{site}/list.xlsx").status_code, 404, site)

    def test_excel_lists(self):
        self.authenticate("t_items_clerk", "t_items_clerk")
        response = self.url_open(f"/gov_items/site/{self.centre_a.id}/list.xlsx?kind=must_enter")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"), "an xlsx (zip) file")
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertIn("应进必进", sheet["A1"].value)
        self.assertEqual(sheet["C3"].value, "居民户口簿遗失补发")

    def test_tour_visitor_finds_item_by_initials(self):
        self.start_tour("/gov/items", "gov_items_public_search")

    def test_site_finder_lists_the_site_items(self):
        page = self.url_open(f"/gov/sites/{self.centre_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_gov_site_items", page.text)
        self.assertIn(f'href="/gov/items/{self.hkb.id}"', page.text)
        self.assertNotIn("居民身份证核发", page.text, "only the site's own items")
        finder = self.url_open("/gov?service=hkb").text
        self.assertIn(self.centre_a.name, finder)
        self.assertNotIn(self.centre_b.name, self.url_open("/gov?service=hkb").text, "centre B does not offer it")


@tagged("gov", "gov_items", "post_install", "-at_install")
class TestRevisionTour(ChineseEnvCase, HttpCase):
    def test_tour_admin_publishes_a_revision(self):
        item = self.env.ref("gov_items.item_hj_02")
        self.start_tour(f"/odoo/action-gov_items.action_gov_item/{item.id}", "gov_items_revision", login="admin")
        self.assertEqual(item.state, "withdrawn")
        revision = item.superseded_by_id
        self.assertEqual((revision.state, revision.revision, revision.promised_time_limit), ("published", 2, 15))
        self.assertEqual(item.promised_time_limit, 20, "the old revision is kept as it was")
        self.assertIn("压缩为15个工作日", revision.change_note)
