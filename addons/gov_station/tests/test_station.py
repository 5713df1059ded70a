from odoo.addons.gov_center.tests.common import GovSiteCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

# The 十个一 and the cross-cutting station requirements that the basic tier does not need.
STANDARD_ONLY = ["SY-01", "SY-04", "SY-05", "SY-09", "ZS-11", "ZS-12", "ZS-13"]


class GovStationCase(GovSiteCase):
    @classmethod
    def _setup_stations(cls):
        cls._setup_gov_sites()
        Division = cls.env["gov.division"]
        cls.village_b, cls.village_c = Division.create(
            [
                {"name": "乙村", "code": "159701100202", "division_type": "village", "parent_id": cls.town_a.id},
                {"name": "乙社区", "code": "159701001001", "division_type": "community", "parent_id": cls.town_b.id},
            ]
        )
        Site = cls.env["gov.site"]
        cls.station, cls.remote_station, cls.station_b = Site.create(
            [
                {"name": "甲村便民服务站", "kind": "station", "division_id": cls.village_a.id, "parent_id": cls.centre_a.id},
                {
                    "name": "乙村便民服务站",
                    "kind": "station",
                    "division_id": cls.village_b.id,
                    "parent_id": cls.centre_a.id,
                    "remote_pastoral": True,
                    "target_tier": "basic",
                },
                {
                    "name": "乙社区便民服务站",
                    "kind": "station",
                    "division_id": cls.village_c.id,
                    "parent_id": cls.centre_b.id,
                    "station_setting": "party_mass",
                },
            ]
        )


@tagged("gov", "at_install", "-post_install")
class TestStationTier(GovStationCase, TransactionCase):
    """Station tiers: 20/50/80 m², 八有 and 十个一, basic tier only in remote pastoral areas."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_stations()

    def test_area_edges(self):
        station = self.station
        for area, tier in ((49, False), (50, "standard"), (79, "standard"), (80, "benchmark")):
            self.inspect(station, area, date=f"2026-10-{area % 28 + 1:02d}")
            with self.subTest(area=area):
                self.assertEqual(station.achieved_tier, tier)
        self.inspect(station, 49, date="2026-11-30")
        self.assertEqual(station.gap_area, 1.0)

    def test_basic_tier_for_remote_station_only(self):
        # The 八有 are met but not the 十个一: a basic station, if remote.
        self.inspect(self.remote_station, 20, unmet=STANDARD_ONLY)
        self.assertEqual(self.remote_station.achieved_tier, "basic")
        self.assertTrue(self.remote_station.target_reached)
        self.inspect(self.station, 60, unmet=STANDARD_ONLY)
        self.assertFalse(self.station.achieved_tier, "no basic tier outside remote pastoral areas")
        self.assertEqual(set(self.station.gap_requirement_ids.mapped("code")), set(STANDARD_ONLY))

    def test_remote_station_area_edge(self):
        self.inspect(self.remote_station, 19)
        self.assertFalse(self.remote_station.achieved_tier, "19 m² is below the 20 m² of a basic station")
        self.assertEqual(self.remote_station.gap_area, 1.0)
        self.inspect(self.remote_station, 20, date="2026-10-20")
        self.assertEqual(self.remote_station.achieved_tier, "basic", "everything met, but 20 m² is below the 50 m² of standard")
        self.inspect(self.remote_station, 50, date="2026-10-21")
        self.assertEqual(self.remote_station.achieved_tier, "standard")

    def test_one_missing_basic_item(self):
        self.inspect(self.remote_station, 30, unmet=["BY-8"])
        self.assertFalse(self.remote_station.achieved_tier, "no complaint box or comment book")
        self.assertEqual(self.remote_station.gap_requirement_ids.mapped("code"), ["BY-8"])

    def test_basic_target_refused_for_non_remote_station(self):
        with self.assertRaisesRegex(ValidationError, "基础型只限于偏远农牧区便民服务站"):
            self.station.with_context(lang="zh_CN").target_tier = "basic"
        with self.assertRaises(ValidationError):
            self.remote_station.remote_pastoral = False
        self.remote_station.write({"remote_pastoral": False, "target_tier": "standard"})
        self.assertEqual(self.remote_station.target_tier, "standard")

    def test_remote_flag_only_for_stations(self):
        with self.assertRaises(ValidationError):
            self.centre_a.remote_pastoral = True

    def test_dashboard_basic_rate(self):
        self.inspect(self.remote_station, 25, unmet=STANDARD_ONLY)  # basic
        self.inspect(self.station, 60)  # standard
        self.inspect(self.station_b, 45)  # too small, not remote: none
        self.inspect(self.centre_a, 250)
        self.inspect(self.centre_b, 150)
        figures = self.env["gov.site.attainment"]._attainment_figures(
            [("township_id", "in", (self.town_a | self.town_b).ids)]
        )
        district = figures["district"]
        self.assertEqual((district["stations"], district["basic"]), (3, 2))
        self.assertEqual(district["basic_rate"], 66.7)
        self.assertFalse(district["basic_met"])
        self.assertEqual(district["standard_rate"], 40.0, "2 of 5 sites at standard or above")
        by_town = {row["township"]: row for row in figures["townships"]}
        self.assertEqual(by_town[self.town_a]["basic_rate"], 100.0)
        self.assertTrue(by_town[self.town_a]["basic_met"])
        self.assertEqual(by_town[self.town_b]["basic_rate"], 0.0)

    def test_station_checklist(self):
        inspection = self.env["gov.site.inspection"].create({"site_id": self.station.id})
        codes = inspection.line_ids.mapped("requirement_id.code")
        self.assertEqual(len(codes), 8 + 16 + 4, "八有, 十个一 with the cross-cutting items, benchmark additions")
        self.assertEqual(codes[:8], [f"BY-{i}" for i in range(1, 9)], "lowest tier first")


@tagged("gov", "at_install", "-post_install")
class TestStationRegistry(GovStationCase, TransactionCase):
    """Station names, parents, partner outlets, access by site and the service cards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_stations()
        cls.Site = cls.env["gov.site"].with_context(lang="zh_CN")

    def test_station_name_refused_with_expected(self):
        with self.assertRaisesRegex(ValidationError, "应命名为“甲村便民服务站”"):
            self.station.with_context(lang="zh_CN").name = "甲村服务站"

    def test_station_needs_village_and_parent(self):
        with self.assertRaisesRegex(ValidationError, "所属行政区划必须是"):
            self.Site.create({"name": "甲乡便民服务站", "kind": "station", "division_id": self.town_a.id, "parent_id": self.centre_a.id})
        village = self.env["gov.division"].create(
            {"name": "丁村", "code": "159701100203", "division_type": "village", "parent_id": self.town_a.id}
        )
        with self.assertRaisesRegex(ValidationError, "所属的便民服务中心"):
            self.Site.create({"name": "丁村便民服务站", "kind": "station", "division_id": village.id})

    def test_outlet_is_free_named_and_not_graded(self):
        outlet = self.Site.create(
            {
                "name": "农商银行甲乡支行政银合作点",
                "kind": "outlet",
                "outlet_type": "bank",
                "division_id": self.town_a.id,
                "parent_id": self.centre_a.id,
            }
        )
        self.assertFalse(outlet.is_graded)
        self.assertEqual(outlet.kind_sequence, 3)

    def test_onchange_finds_parent_centre(self):
        site = self.env["gov.site"].new({"kind": "station", "division_id": self.village_a.id})
        site._onchange_station_parent()
        site._onchange_suggest_name()
        self.assertEqual(site.parent_id, self.centre_a)
        self.assertEqual(site.name, "甲村便民服务站")

    def test_manager_edits_own_stations_only(self):
        self.station.with_user(self.manager).floor_area = 66
        self.env["gov.site.agent"].with_user(self.manager).create(
            {"site_id": self.station.id, "name": "王芳", "duty": "站长", "phone": "13900000001"}
        )
        with self.assertRaises(AccessError):
            self.station_b.with_user(self.manager).floor_area = 66
        with self.assertRaises(AccessError):
            self.env["gov.site.agent"].with_user(self.manager).create(
                {"site_id": self.station_b.id, "name": "李强", "duty": "站长", "phone": "13900000002"}
            )
        with self.assertRaises(AccessError):
            self.station.with_user(self.clerk).floor_area = 70

    def test_service_cards_eight_per_page(self):
        self.env["gov.site.agent"].create(
            [
                {"site_id": self.station.id, "name": f"帮办员{i}", "duty": "帮办代办员", "phone": f"1390000{i:04d}"}
                for i in range(9)
            ]
        )
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_station.action_report_service_card", self.station.ids
        )[0].decode()
        self.assertEqual(html.count('class="page"'), 2, "9 cards take two A4 sheets")
        self.assertEqual(html.count("便民服务卡"), 9)
        self.assertIn("帮办员8", html)
        self.assertIn("13900000008", html)

    def test_service_cards_need_agents(self):
        with self.assertRaisesRegex(UserError, "帮办代办人员"):
            self.station_b.with_context(lang="zh_CN").action_print_service_cards()


@tagged("gov", "post_install", "-at_install")
class TestStationPublic(GovStationCase, HttpCase):
    """Stations in the public finder and feed, without their staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_stations()
        cls.env["gov.site.agent"].create(
            {"site_id": cls.station.id, "name": "赵秘密", "duty": "站长", "phone": "13811112222"}
        )
        cls.station.write({"phone": "0472-5550001", "address": "甲村村委会一楼"})

    def test_station_page_and_feed(self):
        html = self.url_open(f"/gov/sites/{self.station.id}").text
        self.assertIn("甲村便民服务站", html)
        self.assertIn("0472-5550001", html)
        self.assertNotIn("赵秘密", html)
        self.assertNotIn("13811112222", html)
        centre_html = self.url_open(f"/gov/sites/{self.centre_a.id}").text
        self.assertIn("甲村便民服务站", centre_html, "the centre page lists its stations")
        data = self.url_open("/gov/api/sites?kind=station&q=测评区").json()
        self.assertEqual({site["name"] for site in data["sites"]}, {"甲村便民服务站", "乙村便民服务站", "乙社区便民服务站"})
        station_b = next(site for site in data["sites"] if site["id"] == self.station_b.id)
        self.assertEqual(station_b["station_setting"], "依托党群服务中心")
        self.assertNotIn("13811112222", self.url_open("/gov/api/sites").text)

    def test_manager_inspects_station_tour(self):
        self.station.floor_area = 60
        self.start_tour(
            f"/odoo/action-gov_center.action_gov_site/{self.station.id}", "gov_station_inspection", login="t3_gov_manager"
        )
        self.assertEqual(self.station.achieved_tier, "standard")
        self.assertEqual(self.station.last_inspection_id.inspector_id, self.manager)
