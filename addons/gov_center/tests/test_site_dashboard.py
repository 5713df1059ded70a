import io
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import GovSiteCase


@tagged("gov", "at_install", "-post_install")
class TestSiteDashboard(GovSiteCase, TransactionCase):
    """Attainment rates per township and district from grouped queries, against the plan's targets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()
        cls.town_c = cls.env["gov.division"].create(
            {"name": "丙镇", "code": "159701101000", "division_type": "town", "parent_id": cls.district.id}
        )
        cls.centre_c = cls.env["gov.site"].create(
            {"name": "丙镇便民服务中心", "kind": "township_centre", "division_id": cls.town_c.id}
        )
        cls.towns = cls.town_a | cls.town_b | cls.town_c
        cls.domain = [("township_id", "in", cls.towns.ids)]

    def _figures(self):
        return self.env["gov.site.attainment"]._attainment_figures(self.domain)

    def test_rates_on_known_data(self):
        self.inspect(self.centre_a, 250)  # standard
        self.inspect(self.centre_b, 310)  # benchmark
        self.inspect(self.centre_c, 180)  # too small: no tier
        figures = self._figures()
        district = figures["district"]
        self.assertEqual(district["sites"], 3, "the district centre is not graded")
        self.assertEqual(district["standard"], 2)
        self.assertEqual(district["benchmark"], 1)
        self.assertEqual(district["standard_rate"], 66.7)
        self.assertEqual(district["benchmark_rate"], 33.3)
        self.assertIsNone(district["basic_rate"], "no station counts towards the basic target here")
        self.assertFalse(district["standard_met"], "66.7% is below the 90% target")
        self.assertFalse(district["benchmark_met"], "33.3% is below the 40% pilot target")
        by_town = {row["township"]: row for row in figures["townships"]}
        self.assertEqual(by_town[self.town_b]["benchmark_rate"], 100.0)
        self.assertTrue(by_town[self.town_b]["standard_met"])
        self.assertEqual(by_town[self.town_c]["standard_rate"], 0.0)
        self.assertEqual(figures["targets"], {"basic": 100.0, "standard": 90.0, "benchmark": 40.0})

    def test_targets_are_configurable(self):
        self.inspect(self.centre_a, 250)
        self.inspect(self.centre_b, 310)
        self.inspect(self.centre_c, 250)
        self.assertTrue(self._figures()["district"]["standard_met"])
        self.env["ir.config_parameter"].set_param("gov_center.target_benchmark", "30")
        self.assertTrue(self._figures()["district"]["benchmark_met"], "1 in 3 reaches a 30% target")

    def test_archived_sites_leave_the_dashboard(self):
        self.inspect(self.centre_a, 250)
        self.centre_c.active = False
        self.env.flush_all()
        self.assertEqual(self._figures()["district"]["sites"], 2)

    def test_query_count_does_not_grow_with_sites(self):
        self.inspect(self.centre_a, 250)
        self.env.flush_all()
        Attainment = self.env["gov.site.attainment"]
        Attainment._attainment_figures()  # warm the caches (system parameters)
        with self.assertQueryCount(2):
            Attainment._attainment_figures()
        villages = self.env["gov.division"].create(
            [
                {"name": f"测{i}镇", "code": f"159701{200 + i:03d}000", "division_type": "town", "parent_id": self.district.id}
                for i in range(40)
            ]
        )
        self.env["gov.site"].create(
            [{"name": f"{town.name}便民服务中心", "kind": "township_centre", "division_id": town.id} for town in villages]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            figures = Attainment._attainment_figures()
        self.assertGreaterEqual(figures["district"]["sites"], 43)


@tagged("gov", "post_install", "-at_install")
class TestRegistryExport(GovSiteCase, HttpCase):
    """The Excel registry export lists the sites with their tiers and gaps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def test_xlsx_export(self):
        """The Print menu's Excel export (OCA report_xlsx, gov.xlsx.report): Chinese headers, typed cells."""
        self.inspect(self.centre_a, 250, unmet=["ZX-10"])
        self.authenticate("t3_gov_manager", "t3_gov_manager")
        response = self.url_open(
            f"/report/xlsx/gov_center.site_registry_xlsx/{self.centre_a.id},{self.centre_b.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn("甲乡便民服务中心", strings)
        self.assertIn("乙街道便民服务中心", strings)
        self.assertIn("[ZX-10]", strings, "the gap lists the missing requirement")
        self.assertIn("未达标要求", strings, "headers in the user's language")
        self.assertIn('<pane xSplit="1" ySplit="1"', sheet, "header row and first column frozen")
        self.assertIn("<autoFilter", sheet)

    def test_xlsx_export_reads_as_the_user(self):
        """The workbook is written with the exporter's rights, not the report's: a portal user gets none."""
        citizen = new_test_user(self.env, "t3_xlsx_citizen", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(citizen)._render_xlsx(
                "gov_center.site_registry_xlsx", self.centre_a.ids, data={}
            )

    def test_xlsx_export_needs_login(self):
        response = self.url_open(f"/report/xlsx/gov_center.site_registry_xlsx/{self.centre_a.id}", allow_redirects=False)
        self.assertIn(response.status_code, (303, 302))

    def test_certificate(self):
        self.inspect(self.centre_a, 250)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_center.action_report_site_certificate", self.centre_a.ids
        )[0].decode()
        self.assertIn("甲乡便民服务中心", html)
        self.assertIn("标准型", html)
        self.assertIn("data:image/png;base64,", html, "QR code to the public page")
        self.assertIn("测评区政务服务局", html)


@tagged("gov", "at_install", "-post_install")
class TestAttainmentBoard(GovSiteCase, TransactionCase):
    """The board shows each township's rates, green where the target is reached and red where not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def test_board(self):
        self.inspect(self.centre_a, 310)
        board = self.env["gov.site.attainment.board"].with_context(lang="zh_CN").create({})
        html = str(board.summary_html)
        row_a = html[html.index("甲乡") :].split("</tr>")[0]
        row_b = html[html.index("乙街道") :].split("</tr>")[0]
        self.assertIn('text-success">100%', row_a.replace("text-end ", ""))
        self.assertIn('text-danger">0%', row_b.replace("text-end ", ""))
        self.assertIn("全区", html)
        self.assertEqual(board.display_name, "达标看板")


@tagged("gov", "at_install", "-post_install")
class TestPublicDataQueries(GovSiteCase, TransactionCase):
    """The public feed reads sites in batches: its query count does not grow with the number of sites."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def _count(self, sites):
        sites._public_data()  # warm the caches (system parameters, translations)
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        sites._public_data()
        return self.env.cr.sql_log_count - start

    def test_public_data_queries(self):
        small = self.centre_a | self.centre_b
        towns = self.env["gov.division"].create(
            [
                {"name": f"馈{i}镇", "code": f"159701{300 + i:03d}000", "division_type": "town", "parent_id": self.district.id}
                for i in range(30)
            ]
        )
        large = self.env["gov.site"].create(
            [
                {
                    "name": f"{town.name}便民服务中心",
                    "kind": "township_centre",
                    "division_id": town.id,
                    "parent_id": self.district_centre.id,
                    "resource_calendar_id": self.env.ref("resource.resource_calendar_std").id,
                    "contact_ids": [(0, 0, {"name": "咨询电话", "phone": "0472-0000000"})],
                }
                for town in towns
            ]
        )
        self.env.flush_all()
        self.assertEqual(self._count(large), self._count(small | large[:1]))
