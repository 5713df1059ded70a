from odoo.addons.gov_items.tests.common import GovItemsCommon
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_station import GovStationCase


@tagged("gov", "post_install", "-at_install")
class TestAgencyPublic(GovStationCase, GovItemsCommon, HttpCase):
    """The public 帮办代办 pages (plan, task 13) of a site and of the district, and the hall poster:
    rules, the items taken through 帮办代办, the published agents with their duty phone, nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_stations()
        cls.Item = cls.env["gov.item"]
        cls.category = cls.env.ref("gov_items.category_sb")
        cls.department = cls.env.ref("gov_items.dept_civil")
        cls.agent_item = cls._published_item(name="代办测试救助金", basic_code="150599011000", agent_service=True)
        cls.window_item = cls._published_item(name="窗口测试补贴", basic_code="150599012000")
        cls.env["gov.item.site"].create(
            [
                {"site_id": cls.station.id, "item_id": cls.agent_item.id},
                {"site_id": cls.station.id, "item_id": cls.window_item.id},
            ]
        )
        cls.clerk.partner_id.write({"phone": "13700009999", "email": "clerk.private@example.com"})
        cls.env["gov.site.agent"].create(
            [
                {
                    "site_id": cls.station.id,
                    "name": "钱代办",
                    "duty": "帮办代办员",
                    "phone": "13900001111",
                    "service_scope": "社保、医保代办",
                    "user_id": cls.clerk.id,
                },
                {"site_id": cls.station.id, "name": "孙不公开", "duty": "网格员", "phone": "13900002222", "is_public": False},
                {"site_id": cls.station_b.id, "name": "李未公示", "duty": "站长", "phone": "13900003333"},
            ]
        )
        cls.station_b.is_public = False
        cls.station.agency_rules = "<p>本站周六上午有人值守。</p><script>alert(1)</script>"
        settings = cls.env["gov.settings"].with_user(cls.admin).create(
            {"agency_rules": "<p>帮办代办全程免费，群众自愿申请。</p><script>alert(2)</script>"}
        )
        settings.action_save()

    def test_settings_keep_the_district_rules_sanitized(self):
        rules = self.env["gov.settings"]._agency_rules()
        self.assertIn("帮办代办全程免费", rules)
        self.assertNotIn("script", rules)
        self.assertIn("帮办代办全程免费", self.env["gov.settings"].with_user(self.admin).default_get(["agency_rules"])["agency_rules"])

    def test_site_data_is_an_allowlist(self):
        [data] = self.station.sudo()._public_agency_data()
        self.assertEqual([agent["name"] for agent in data["agents"]], ["钱代办"], "unpublished agents stay out")
        self.assertEqual(set(data["agents"][0]), {"name", "duty", "phone", "scope"})
        self.assertEqual([item["name"] for item in data["items"]], ["代办测试救助金"], "only items with 帮办代办")
        self.assertEqual(data["url"], f"/gov/sites/{self.station.id}/agency")

    def test_site_page(self):
        html = self.url_open(f"/gov/sites/{self.station.id}/agency").text
        for shown in ("甲村便民服务站", "帮办代办全程免费", "本站周六上午有人值守", "钱代办", "帮办代办员", "13900001111", "社保、医保代办", "代办测试救助金"):
            self.assertIn(shown, html)
        # The duty phone of the agent is public (it is printed on the service card); nothing of the
        # agent's user is, nor unpublished agents, nor items not taken through 帮办代办.
        for hidden in ("13700009999", "clerk.private@example.com", "t3_gov_clerk", "孙不公开", "13900002222", "窗口测试补贴", "alert("):
            self.assertNotIn(hidden, html)

    def test_site_page_links_to_it(self):
        html = self.url_open(f"/gov/sites/{self.station.id}").text
        self.assertIn(f"/gov/sites/{self.station.id}/agency", html)
        self.assertNotIn("钱代办", html, "the site page links, it does not list the agents")
        other = self.url_open(f"/gov/sites/{self.remote_station.id}").text
        self.assertNotIn(f"/gov/sites/{self.remote_station.id}/agency", other, "no agents, no items: no link")

    def test_district_page(self):
        html = self.url_open("/gov/agency").text
        for shown in ("帮办代办全程免费", "甲村便民服务站", "钱代办", "13900001111", "代办测试救助金", f"/gov/sites/{self.station.id}/agency"):
            self.assertIn(shown, html)
        for hidden in ("本站周六上午有人值守", "孙不公开", "13900002222", "李未公示", "13900003333", "乙社区便民服务站", "窗口测试补贴"):
            self.assertNotIn(hidden, html)

    @mute_logger("odoo.http")
    def test_unknown_or_unpublished_site_is_404(self):
        for site_id in ("99999999", "99999999999999999999", str(self.station_b.id), "abc"):
            with self.subTest(site_id=site_id):
                response = self.url_open(f"/gov/sites/{site_id}/agency")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("李未公示", response.text)

    def test_poster_renders(self):
        Report = self.env["ir.actions.report"].with_user(self.manager).with_context(force_report_rendering=True)
        html = Report._render_qweb_html("gov_station.action_report_agency_poster", self.station.ids)[0].decode()
        for shown in ("帮办代办服务", "钱代办", "13900001111", "帮办代办全程免费", "代办测试救助金", "data:image/png;base64,"):
            self.assertIn(shown, html)
        for hidden in ("孙不公开", "13900002222", "13700009999"):
            self.assertNotIn(hidden, html)
        pdf, report_type = Report._render_qweb_pdf("gov_station.action_report_agency_poster", self.station.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_poster_rules_are_short(self):
        self.station.agency_rules = "<p>" + "上门服务。" * 200 + "</p>"
        short = self.station._agency_rules_short()
        self.assertLessEqual(len(short), 240)
        self.assertTrue(short.endswith("…"))
        self.assertTrue(short.startswith("帮办代办全程免费"), "the district's rules come first")
