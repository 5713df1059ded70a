from odoo.tests import new_test_user


class ChineseEnvCase:
    """Mixin of every test case of the suite: the test environment speaks Chinese, as every request
    of the bureau's users does (the web client and the public pages carry the language). Without a
    language in the context ``env._()`` answers in English, and the tests read what users read.
    The crons pass their user's language the same way (their ``code`` in data/)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))


class GovSiteCase(ChineseEnvCase):
    """A district of its own with two towns and their centres, so that tests do not depend on demo data."""

    @classmethod
    def _setup_gov_sites(cls):
        env = cls.env
        Division = env["gov.division"]
        cls.district = Division.create({"name": "测评区", "code": "159701000000", "division_type": "district"})
        cls.town_a, cls.town_b = Division.create(
            [
                {"name": "甲乡", "code": "159701100000", "division_type": "township", "parent_id": cls.district.id},
                {"name": "乙街道", "code": "159701001000", "division_type": "street", "parent_id": cls.district.id},
            ]
        )
        cls.village_a = Division.create(
            {"name": "甲村", "code": "159701100201", "division_type": "village", "parent_id": cls.town_a.id}
        )
        Site = env["gov.site"]
        cls.district_centre = Site.create(
            {"name": "测评区政务服务中心", "kind": "district_centre", "division_id": cls.district.id}
        )
        cls.centre_a, cls.centre_b = Site.create(
            [
                {
                    "name": f"{town.name}便民服务中心",
                    "kind": "township_centre",
                    "division_id": town.id,
                    "parent_id": cls.district_centre.id,
                }
                for town in (cls.town_a, cls.town_b)
            ]
        )
        common = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        cls.admin = new_test_user(env, "t3_gov_admin", groups="gov_center.group_gov_admin", **common)
        cls.manager = new_test_user(env, "t3_gov_manager", groups="gov_center.group_gov_manager", **common)
        cls.clerk = new_test_user(env, "t3_gov_clerk", groups="gov_center.group_gov_clerk", **common)
        (cls.manager | cls.clerk).gov_site_ids = cls.centre_a
        cls.centre_a.manager_id = cls.manager

    def inspect(self, site, area, unmet=(), date="2026-10-12"):
        inspection = self.env["gov.site.inspection"].browse(
            self.env["gov.site.inspection"]._record_inspection(site.id, date, area, list(unmet))
        )
        return inspection
