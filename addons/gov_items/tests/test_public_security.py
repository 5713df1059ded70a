import json
import logging
import time
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import GovItemsCommon
from .test_public import pdf_text

_logger = logging.getLogger(__name__)


@tagged("gov", "gov_items", "post_install", "-at_install")
class TestPublicCatalogueSecurity(GovItemsCommon, HttpCase):
    """Attacks on the public catalogue (anonymous over HTTP) and on the item lock (JSON-RPC callers)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()
        env = cls.env
        town = env["gov.division"].create(
            {"name": "戊镇", "code": "159802102000", "division_type": "town", "parent_id": cls.centre_a.division_id.parent_id.id}
        )
        cls.unpublished = env["gov.site"].create(
            {"name": "戊镇便民服务中心", "kind": "township_centre", "division_id": town.id, "is_public": False,
             "phone": "0472-6660009"}
        )
        cls.centre_a.write({"phone": "0472-6660001", "address": "丙镇政府街1号"})
        # Centre B keeps its phone for internal use: it does not publish it.
        cls.centre_b.write({"phone": "0472-6660002", "phone_public": False})
        cls.item = cls._published_item(name="站点电话测试事项", basic_code="150599011000", consult_phone=False)
        cls.line_a, cls.line_b, cls.line_hidden = env["gov.item.site"].create(
            [
                {"site_id": cls.centre_a.id, "item_id": cls.item.id, "window_id": cls.window_a.id},
                {"site_id": cls.centre_b.id, "item_id": cls.item.id, "window_id": cls.window_b.id},
                {"site_id": cls.unpublished.id, "item_id": cls.item.id},
            ]
        )
        cls.draft = cls.Item.create(cls._item_vals(name="上下文草稿事项", basic_code="150599012000"))

    def _refused(self, method, *args):
        """The error by which the ORM refuses ``method(*args)`` (nothing it did is kept)."""
        try:
            with self.env.cr.savepoint():
                method(*args)
        except (UserError, AccessError) as error:
            return error
        self.fail(f"{method.__name__}{args} was not refused")

    def _guide_html(self):
        Report = self.env["ir.actions.report"].with_context(lang="zh_CN")
        html, _kind = Report._render_qweb_html("gov_items.action_report_item_guide", self.item.ids)
        return html.decode()

    # ------------------------------------------------------------------ finding 7
    def test_hidden_site_phone_is_not_published(self):
        """A site's phone with `phone_public` off reached the item JSON, page and guide as the line's phone."""
        self.assertEqual(self.line_a.consult_phone, "0472-6660001", "a published site phone is the fallback")
        self.assertFalse(self.line_b.consult_phone, "a hidden site phone is no fallback")
        outputs = {
            "json": self.url_open(f"/gov/api/items/{self.item.id}").text,
            "page": self.url_open(f"/gov/items/{self.item.id}").text,
            "guide": self._guide_html(),
        }
        for name, text in outputs.items():
            self.assertIn("0472-6660001", text, name)
            self.assertIn(self.centre_b.name, text, f"{name}: centre B is public, only its phone is not")
            self.assertNotIn("0472-6660002", text, name)
        self.line_b.phone = "0472-6660003"
        data = json.loads(self.url_open(f"/gov/api/items/{self.item.id}").text)
        phones = {site["name"]: site["phone"] for site in data["sites"]}
        self.assertEqual(phones[self.centre_b.name], "0472-6660003", "a phone set on the line is meant for the public")

    def test_lines_at_unpublished_sites_are_not_listed(self):
        """Lines at sites that are not public were listed by name on the item JSON, page and guide."""
        outputs = {
            "json": self.url_open(f"/gov/api/items/{self.item.id}").text,
            "page": self.url_open(f"/gov/items/{self.item.id}").text,
            "guide": self._guide_html(),
        }
        for name, text in outputs.items():
            self.assertIn(self.centre_a.name, text, name)
            self.assertNotIn(self.unpublished.name, text, name)
            self.assertNotIn("0472-6660009", text, name)
        data = json.loads(outputs["json"])
        self.assertEqual({site["id"] for site in data["sites"]}, {self.centre_a.id, self.centre_b.id})
        self.centre_b.active = False
        data = json.loads(self.url_open(f"/gov/api/items/{self.item.id}").text)
        self.assertEqual([site["id"] for site in data["sites"]], [self.centre_a.id], "an archived site neither")
        # The catalogue does not filter by an unpublished site either: the filter is ignored.
        all_items = json.loads(self.url_open("/gov/api/items").text)["total"]
        self.assertEqual(json.loads(self.url_open(f"/gov/api/items?site={self.unpublished.id}").text)["total"], all_items)
        self.assertEqual(json.loads(self.url_open(f"/gov/api/items?site={self.centre_a.id}").text)["total"], 1)

    # ------------------------------------------------------------------ finding A
    def test_malformed_parameters_are_ignored(self):
        """Each of these requests was an HTTP 500 for an anonymous visitor."""
        total = json.loads(self.url_open("/gov/api/items").text)["total"]
        for query in ("q=%00", "q=户口%00簿", "page=99999999999999999999", "page=-3", "category=99999999999999999999",
                      "site=99999999999999999999", "category=²", "site=١٢", "q=" + "字" * 500):
            for route in ("/gov/items", "/gov/api/items"):
                response = self.url_open(f"{route}?{query}")
                self.assertEqual(response.status_code, 200, f"{route}?{query[:40]}")
        self.assertEqual(json.loads(self.url_open("/gov/api/items?category=99999999999999999999").text)["total"], total)
        self.assertEqual(json.loads(self.url_open("/gov/api/items?page=99999999999999999999").text)["page"], 1)
        self.assertEqual(json.loads(self.url_open("/gov/api/items?q=%25").text)["total"], 0, "% is not a wildcard")
        self.assertEqual(json.loads(self.url_open("/gov/api/items?q=站点电话").text)["total"], 1)
        for query in ("service=%00", "service=户口%00簿"):
            self.assertEqual(self.url_open(f"/gov?{query}").status_code, 200, query)
            self.assertEqual(self.url_open(f"/gov/api/sites?{query}").status_code, 200, query)

    def test_malformed_path_ids_are_404(self):
        material = self.item.material_ids[0]
        with mute_logger("odoo.http"):
            for bad in ("99999999999999999999", "-1", "²", "%00", "%FF"):
                for url in (
                    f"/gov/items/{bad}",
                    f"/gov/items/{bad}/guide.pdf",
                    f"/gov/api/items/{bad}",
                    f"/gov/items/{bad}/materials/{material.id}/form",
                    f"/gov/items/{self.item.id}/materials/{bad}/form",
                    f"/gov/items/{self.item.id}/materials/{material.id}/{bad}",
                ):
                    self.assertEqual(self.url_open(url).status_code, 404, url)
            page = self.url_open("/gov/items/99999999999999999999/guide.pdf")
            self.assertIn("页面不存在", page.text, "the error page is in Chinese")
            self.assertEqual(
                self.url_open(f"/gov/items/{self.item.id}/materials/{material.id}/form").status_code, 404,
                "no blank form uploaded",
            )

    # ------------------------------------------------------------------ finding 8
    def test_guide_pdf_is_rendered_once_per_content(self):
        Report = type(self.env["ir.actions.report"])
        original = Report._run_wkhtmltopdf
        calls = []

        def counting(report, *args, **kwargs):
            calls.append(args)
            return original(report, *args, **kwargs)

        url = f"/gov/items/{self.item.id}/guide.pdf"
        with patch.object(Report, "_run_wkhtmltopdf", counting):
            start = time.perf_counter()
            first = self.url_open(url, timeout=60)
            first_time = time.perf_counter() - start
            self.assertEqual(first.status_code, 200)
            self.assertEqual(first.headers["Content-Type"], "application/pdf")
            self.assertEqual(len(calls), 1, "the first request renders the guide")
            start = time.perf_counter()
            second = self.url_open(url, timeout=60)
            second_time = time.perf_counter() - start
            self.assertEqual(len(calls), 1, "the second request is served from the stored file")
            self.assertEqual(second.content, first.content)
            _logger.info("guide.pdf: first request %.2f s (rendered), second %.2f s (stored)", first_time, second_time)
            stored = self.env["ir.attachment"].search([("res_model", "=", "gov.item"), ("res_id", "=", self.item.id)])
            self.assertEqual(len(stored), 1)
            self.assertEqual(stored.raw, first.content)

            # A change printed on the guide (a site's address) renders it again and replaces the file.
            self.centre_a.address = "丙镇新政府街8号"
            third = self.url_open(url, timeout=60)
            self.assertEqual(len(calls), 2, "the changed guide is rendered again")
            self.assertIn("丙镇新政府街8号", pdf_text(third.content))
            stored = self.env["ir.attachment"].search([("res_model", "=", "gov.item"), ("res_id", "=", self.item.id)])
            self.assertEqual(len(stored), 1, "the stale file is dropped")
            self.url_open(url, timeout=60)
            self.assertEqual(len(calls), 2)

            # Withdrawn: no guide is served and the stored file goes.
            self.item.action_withdraw()
            self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "gov.item"), ("res_id", "=", self.item.id)]))
            with mute_logger("odoo.http"):
                self.assertEqual(self.url_open(url).status_code, 404)
            self.assertEqual(len(calls), 2)

    # ------------------------------------------------------------------ finding 11
    def test_lock_context_key_cannot_be_forged(self):
        """`gov_item_bypass_lock=True` in an RPC context switched the lock of published items off."""
        forged = {"gov_item_bypass_lock": True}
        material = self.item.material_ids[0]
        for user in (self.admin, self.manager):
            item = self.item.with_user(user).with_context(**forged)
            lines = self.env["gov.item.material"].with_user(user).with_context(**forged)
            errors = [
                self._refused(item.write, {"acceptance_conditions": "篡改的受理条件"}),
                self._refused(item.write, {"promised_time_limit": 1}),
                self._refused(lines.browse(material.id).write, {"name": "篡改的材料"}),
                self._refused(lines.create, {"item_id": self.item.id, "name": "多出来的材料"}),
                self._refused(lines.browse(material.id).unlink),
            ]
            if user == self.admin:
                # The administrator may edit the catalogue: it is the lock that refuses.
                self.assertTrue(all(isinstance(error, UserError) for error in errors), errors)
        self.item.invalidate_recordset()
        self.assertEqual(self.item.acceptance_conditions, "本辖区户籍居民。")
        self.assertEqual(self.item.promised_time_limit, 10)
        self.assertEqual(self.item.material_ids.mapped("name"), ["居民身份证", "申请书"])
        # The application itself still creates items with their lines and publishes revisions.
        revision = self.Item.with_user(self.admin).browse(self.item.with_user(self.admin).action_new_revision()["res_id"])
        revision.write({"change_note": "测试", "acceptance_conditions": "新的受理条件。"})
        revision.material_ids[0].name = "居民身份证（原件）"
        revision.action_publish()
        self.assertEqual(self.item.state, "withdrawn")

    def test_repoint_context_key_cannot_be_forged(self):
        """`gov_item_site_repoint=True` in an RPC context let a site list an unpublished item."""
        forged = {"gov_item_site_repoint": True}
        for user in (self.admin, self.manager):
            line = self.line_a.with_user(user).with_context(**forged)
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                line.write({"item_id": self.draft.id})
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.env["gov.item.site"].with_user(user).with_context(**forged).create(
                    {"site_id": self.centre_a.id, "item_id": self.draft.id}
                )
        self.assertEqual(self.line_a.item_id, self.item)
        self.assertFalse(self.env["gov.item.site"].search([("item_id", "=", self.draft.id)]))
        # Publishing a revision still moves the site lists to it.
        revision = self.Item.browse(self.item.action_new_revision()["res_id"])
        revision.write({"change_note": "测试"})
        revision.action_publish()
        self.assertEqual((self.line_a | self.line_b | self.line_hidden).item_id, revision)
