from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from ..controllers import public
from .common import GovSiteCase

PUBLIC_KEYS = {
    "id", "name", "kind", "kind_label", "division", "division_code", "township", "township_id", "parent",
    "address", "latitude", "longitude", "phone", "contacts", "opening_hours", "hours_note",
    "weekend_service", "holiday_service", "tier", "tier_label", "url", "map_url",
}  # fmt: skip


@tagged("gov", "post_install", "-at_install")
class TestPublicSiteFinder(GovSiteCase, HttpCase):
    """The public finder, site pages and feed render for anonymous visitors and leak nothing private."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()
        cls.centre_a.write(
            {
                "phone": "0472-7770001",
                "address": "测评区甲乡政府街1号",
                "latitude": 40.5861,
                "longitude": 110.0617,
                "weekend_service": True,
                "resource_calendar_id": cls.env.ref("resource.resource_calendar_std").id,
                "contact_ids": [
                    (0, 0, {"name": "监督电话", "phone": "0472-7770002"}),
                    (0, 0, {"name": "主任手机", "phone": "139-0000-7777", "is_public": False}),
                ],
            }
        )
        cls.centre_b.write({"phone": "0472-8880001", "phone_public": False, "weekend_service": False})
        inspection = cls.env["gov.site.inspection"].browse(
            cls.env["gov.site.inspection"]._record_inspection(
                cls.centre_a.id, "2026-10-12", 250, ["ZX-B03"], done=False
            )
        )
        inspection.note = "<p>内部意见：窗口人员态度需改进</p>"
        inspection.line_ids[:1].note = "整改备注-保密"
        inspection.action_done()
        cls.hidden = cls.env["gov.division"].create(
            {"name": "隐乡", "code": "159701102000", "division_type": "township", "parent_id": cls.district.id}
        )
        cls.unpublished = cls.env["gov.site"].create(
            {"name": "隐乡便民服务中心", "kind": "township_centre", "division_id": cls.hidden.id, "is_public": False}
        )
        cls.private_strings = ["0472-8880001", "139-0000-7777", "内部意见", "整改备注-保密", cls.manager.name, "t3_gov_manager"]

    def assertNothingPrivate(self, text):
        for private in self.private_strings:
            self.assertNotIn(private, text)

    def test_finder_lists_sites_in_chinese(self):
        response = self.url_open("/gov")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("站点查询", html)
        self.assertIn("甲乡便民服务中心", html)
        self.assertIn("乙街道便民服务中心", html)
        self.assertIn("0472-7770001", html)
        self.assertNotIn("隐乡便民服务中心", html)
        self.assertNothingPrivate(html)

    def test_finder_filters(self):
        html = self.url_open("/gov?weekend=1&q=测评区").text
        self.assertIn("甲乡便民服务中心", html)
        self.assertNotIn("乙街道便民服务中心", html, "not open at weekends")
        html = self.url_open(f"/gov?township={self.town_b.id}").text
        self.assertIn("乙街道便民服务中心", html)
        self.assertNotIn("甲乡便民服务中心", html)
        html = self.url_open("/gov?kind=district_centre&q=测评区").text
        self.assertIn("测评区政务服务中心", html)
        self.assertNotIn("甲乡便民服务中心", html)

    def test_finder_pages(self):
        """The finder shows a page of sites at a time (a city has 1,620), a township's sites together
        in the order of their division codes, the filters kept in the pager's links."""
        with patch.object(public, "FINDER_PAGE_SIZE", 2):
            first = self.url_open("/gov?q=测评区").text
            second = self.url_open("/gov/page/2?q=测评区").text
            beyond = self.url_open("/gov/page/9?q=测评区").text
        self.assertIn("测评区政务服务中心", first)
        self.assertIn("乙街道便民服务中心", first, "159701001000 comes before 甲乡's 159701100000")
        self.assertNotIn("甲乡便民服务中心", first)
        self.assertIn("3 个站点", first.replace("</span>", ""))
        self.assertIn("/gov/page/2?q=%E6%B5%8B%E8%AF%84%E5%8C%BA", first)
        self.assertIn("甲乡便民服务中心", second)
        self.assertNotIn("乙街道便民服务中心", second)
        self.assertIn("甲乡便民服务中心", beyond, "a page past the end shows the last one")
        with patch.object(public, "FINDER_PAGE_SIZE", 2):
            only = self.url_open(f"/gov?weekend=1&township={self.town_a.id}").text
        self.assertIn("甲乡便民服务中心", only)
        self.assertNotIn("o_gov_finder_pager", only, "one page: no pager")

    def test_site_page(self):
        response = self.url_open(f"/gov/sites/{self.centre_a.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        for expected in ("测评区甲乡政府街1号", "0472-7770001", "监督电话", "0472-7770002", "标准型", "周一至周五", "双休日对外办公"):
            self.assertIn(expected, html)
        self.assertIn("https://uri.amap.com/marker?position=110.0617,40.5861", html)
        self.assertIn('id="gov_site_services"', html)
        self.assertIn('id="gov_site_board"', html)
        self.assertNothingPrivate(html)
        self.assertEqual(self.url_open(f"/gov/sites/{self.unpublished.id}").status_code, 404)
        self.assertEqual(self.url_open("/gov/sites/999999").status_code, 404)

    def test_map_provider_is_configurable(self):
        settings = self.env["gov.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.map_provider, "amap", "AMap by default")
        settings.map_provider = "baidu"
        settings.action_save()
        html = self.url_open(f"/gov/sites/{self.centre_a.id}").text
        self.assertIn("https://api.map.baidu.com/marker?location=40.5861,110.0617", html)

    def test_feed(self):
        data = self.url_open("/gov/api/sites?q=测评区").json()
        names = {site["name"] for site in data["sites"]}
        self.assertEqual(names, {"测评区政务服务中心", "甲乡便民服务中心", "乙街道便民服务中心"})
        self.assertEqual(data["count"], 3)
        # Other modules' public keys: gov_station's station and outlet data, gov_eval's satisfaction
        # (aggregates of the last 12 months) and upcoming outreach services (published ones, through
        # an allowlist of their fields), each checked there.
        extra = {"station_setting", "outlet_type", "host_organisation", "satisfaction", "outreach_events"}
        for site in data["sites"]:
            self.assertLessEqual(set(site) - extra, PUBLIC_KEYS)
        centre_b = next(site for site in data["sites"] if site["id"] == self.centre_b.id)
        self.assertIsNone(centre_b["phone"], "phone not published")
        one = self.url_open(f"/gov/api/sites/{self.centre_a.id}").json()
        self.assertEqual(one["tier"], "standard")
        self.assertEqual(one["tier_label"], "标准型")
        self.assertEqual(one["contacts"], [{"label": "监督电话", "phone": "0472-7770002"}])
        self.assertTrue(one["weekend_service"])
        self.assertNothingPrivate(self.url_open("/gov/api/sites").text)
        missing = self.url_open(f"/gov/api/sites/{self.unpublished.id}")
        self.assertEqual(missing.status_code, 404)
        # the feeds may be kept by a proxy for five minutes (the same for everyone); a 404 is not
        for url in ("/gov/api/sites", f"/gov/api/sites/{self.centre_a.id}"):
            self.assertEqual(self.url_open(url).headers.get("Cache-Control"), "public, max-age=300", url)
        self.assertNotIn("public", missing.headers.get("Cache-Control", ""))

    def test_finder_tour(self):
        self.start_tour("/gov", "gov_site_finder", login=None)
