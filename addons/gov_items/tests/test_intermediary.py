import json

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import GovItemsCommon
from .test_public import pdf_text


@tagged("gov", "gov_items", "post_install", "-at_install")
class TestIntermediaryServices(GovItemsCommon, HttpCase):
    """Intermediary services (中介服务) of an item: edited with the draft, locked once published,
    printed in the guide and shown on the public page only where the item has them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()
        cls.with_service = cls._published_item(
            name="测试房屋翻建审批",
            basic_code="150599021000",
            intermediary_ids=[
                (
                    0,
                    0,
                    {
                        "name": "房屋安全鉴定",
                        "provider": "具备相应资质的鉴定机构",
                        "legal_basis": "《城市危险房屋管理规定》第六条",
                        "fee": "按市场价",
                        "days": 7,
                    },
                )
            ],
        )
        cls.without_service = cls._published_item(name="测试无中介事项", basic_code="150599022000")

    def _guide_html(self, item):
        return self.env["ir.actions.report"]._render_qweb_html("gov_items.action_report_item_guide", item.ids)[0].decode()

    def test_guide_prints_them_only_when_present(self):
        html = self._guide_html(self.with_service)
        for text in ("中介服务", "房屋安全鉴定", "具备相应资质的鉴定机构", "《城市危险房屋管理规定》第六条", "按市场价", "7 个工作日"):
            self.assertIn(text, html)
        self.assertNotIn("中介服务", self._guide_html(self.without_service))
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf("gov_items.action_report_item_guide", self.with_service.ids)
        )
        self.assertIn("房屋安全鉴定", pdf_text(pdf))

    def test_public_page_and_feed(self):
        page = self.url_open(f"/gov/items/{self.with_service.id}").text
        self.assertIn("房屋安全鉴定", page)
        self.assertIn("具备相应资质的鉴定机构", page)
        self.assertNotIn("o_gov_item_intermediary", self.url_open(f"/gov/items/{self.without_service.id}").text)
        data = json.loads(self.url_open(f"/gov/api/items/{self.with_service.id}").text)
        self.assertEqual(
            data["intermediary_services"],
            [
                {
                    "name": "房屋安全鉴定",
                    "provider": "具备相应资质的鉴定机构",
                    "legal_basis": "《城市危险房屋管理规定》第六条",
                    "fee": "按市场价",
                    "days": 7,
                }
            ],
        )

    def test_locked_with_the_published_item_and_copied_to_its_revision(self):
        service = self.with_service.intermediary_ids
        with self.assertRaises(UserError):
            service.with_user(self.admin).write({"fee": "免费"})
        with self.assertRaises(UserError):
            self.env["gov.item.intermediary"].with_user(self.admin).create(
                {"item_id": self.with_service.id, "name": "测绘"}
            )
        revision = self.Item.browse(self.with_service.with_user(self.admin).action_new_revision()["res_id"])
        self.assertEqual(revision.intermediary_ids.mapped("name"), ["房屋安全鉴定"])
        self.assertNotEqual(revision.intermediary_ids, service, "the revision has its own lines")
        revision.intermediary_ids.with_user(self.admin).write({"fee": "免费"})
        self.assertEqual(service.fee, "按市场价", "the published revision keeps its line")
