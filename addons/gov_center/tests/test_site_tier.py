from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import GovSiteCase


@tagged("gov", "at_install", "-post_install")
class TestSiteTier(GovSiteCase, TransactionCase):
    """Tiers of centres from the latest inspection: area minimums, mandatory requirements, gaps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def _codes(self, requirements):
        return set(requirements.mapped("code"))

    def test_centre_area_edges(self):
        centre = self.centre_a
        self.inspect(centre, 199)
        self.assertFalse(centre.achieved_tier, "199 m² is below the 200 m² of a standard centre")
        self.assertEqual(centre.gap_area, 1.0)
        self.assertFalse(centre.gap_requirement_ids)
        self.inspect(centre, 200, date="2026-10-13")
        self.assertEqual(centre.achieved_tier, "standard")
        self.assertTrue(centre.target_reached)
        self.assertEqual(centre.gap_area, 0.0)
        self.inspect(centre, 299, date="2026-10-14")
        self.assertEqual(centre.achieved_tier, "standard", "299 m² is below the 300 m² of a benchmark centre")
        self.inspect(centre, 300, date="2026-10-15")
        self.assertEqual(centre.achieved_tier, "benchmark")
        self.assertEqual(centre.tier_rank, 3)

    def test_one_missing_requirement(self):
        centre = self.centre_a
        self.inspect(centre, 250, unmet=["ZX-10"])
        self.assertFalse(centre.achieved_tier, "no 办不成事反映 window: not a standard centre")
        self.assertEqual(self._codes(centre.gap_requirement_ids), {"ZX-10"})
        self.assertEqual(centre.gap_count, 1)
        self.assertIn("办不成事反映", centre.with_context(lang="zh_CN").gap_summary)

    def test_missing_benchmark_item_keeps_standard(self):
        centre = self.centre_a
        centre.target_tier = "benchmark"
        self.inspect(centre, 320, unmet=["ZX-B07"])
        self.assertEqual(centre.achieved_tier, "standard")
        self.assertFalse(centre.target_reached)
        self.assertEqual(self._codes(centre.gap_requirement_ids), {"ZX-B07"})
        # The same site aiming at the standard tier has no gap.
        centre.target_tier = "standard"
        self.assertTrue(centre.target_reached)
        self.assertFalse(centre.gap_requirement_ids)

    def test_recommended_requirement_does_not_block(self):
        requirement = self.env.ref("gov_center.standard_centre_standard_req_10")
        requirement.mandatory = False
        self.inspect(self.centre_a, 250, unmet=[requirement.code])
        self.assertEqual(self.centre_a.achieved_tier, "standard")

    def test_standard_change_recomputes_tiers(self):
        self.inspect(self.centre_a, 250)
        self.assertEqual(self.centre_a.achieved_tier, "standard")
        self.env.ref("gov_center.standard_centre_standard").min_area = 260
        self.assertFalse(self.centre_a.achieved_tier)
        self.assertEqual(self.centre_a.gap_area, 10.0)
        self.env["gov.site.requirement"].create(
            {"standard_id": self.env.ref("gov_center.standard_centre_standard").id, "code": "ZX-99", "name": "新要求"}
        )
        self.assertIn("ZX-99", self._codes(self.centre_a.gap_requirement_ids))

    def test_latest_done_inspection_is_the_state(self):
        centre = self.centre_a
        self.inspect(centre, 250, date="2026-09-01")
        self.assertEqual(centre.achieved_tier, "standard")
        later = self.inspect(centre, 250, unmet=["ZX-29"], date="2026-10-01")
        self.assertFalse(centre.achieved_tier, "the video surveillance hook-up was lost since")
        self.assertEqual(centre.last_inspection_id, later)
        # A draft inspection does not count until it is closed; cancelling the latest one
        # makes the earlier one the current state again.
        self.env["gov.site.inspection"].create({"site_id": centre.id, "date": "2026-11-01"})
        self.assertEqual(centre.last_inspection_id, later)
        later.action_cancel()
        self.assertEqual(centre.achieved_tier, "standard")

    def test_no_inspection_no_tier(self):
        self.centre_b.floor_area = 500
        self.assertFalse(self.centre_b.achieved_tier)
        self.assertEqual(self.centre_b.gap_count, self.env.ref("gov_center.standard_centre_standard").requirement_count)
        self.assertIn("尚无已完成的达标检查", self.centre_b.with_context(lang="zh_CN").gap_summary)

    def test_district_centre_is_not_graded(self):
        self.assertFalse(self.district_centre.is_graded)
        self.assertFalse(self.district_centre.achieved_tier)
        with self.assertRaisesRegex(UserError, "不参与建设标准评档"):
            self.env["gov.site.inspection"].with_context(lang="zh_CN").create({"site_id": self.district_centre.id})

    def test_centre_cannot_target_basic(self):
        with self.assertRaisesRegex(ValidationError, "基础型只限于偏远农牧区便民服务站"):
            self.centre_a.with_context(lang="zh_CN").target_tier = "basic"

    def test_inspection_unmet_items_get_deadline_and_activity(self):
        inspection = self.env["gov.site.inspection"].create({"site_id": self.centre_a.id, "date": "2026-09-28"})
        self.assertEqual(len(inspection.line_ids), 42, "34 standard and 8 benchmark requirements of a centre")
        inspection.line_ids.result = "met"
        unmet = inspection.line_ids.filtered(lambda line: line.requirement_id.code in ("ZX-31", "ZX-32"))
        unmet.result = "unmet"
        inspection.floor_area = 230
        inspection.action_done()
        # 20 working days after Monday 2026-09-28 skip the National Day golden week.
        expected = self.env["gov.holiday"].add_working_days(date(2026, 9, 28), 20)
        self.assertGreater((expected - date(2026, 9, 28)).days, 28)
        self.assertEqual(set(unmet.mapped("deadline")), {expected})
        self.assertEqual(inspection.rectification_deadline, expected)
        items = inspection.rectification_ids
        self.assertEqual(set(items.requirement_id.mapped("code")), {"ZX-31", "ZX-32"}, "one item per unmet requirement")
        self.assertEqual(set(items.mapped("deadline")), {expected})
        self.assertEqual(items.user_id, self.manager, "owned by the site's manager")
        activity = items.activity_ids
        self.assertEqual(len(activity), 2, "one activity per item for its owner")
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(set(activity.mapped("date_deadline")), {expected})
        self.assertEqual(self.centre_a.floor_area, 230, "the measured area updates the registry")
        self.assertFalse(self.centre_a.achieved_tier)

    def test_reinspection_verifies_earlier_rectification(self):
        first = self.inspect(self.centre_a, 250, unmet=["ZX-31"], date="2026-09-01")
        item = first.rectification_ids
        self.assertEqual(len(item.activity_ids), 1)
        second = self.inspect(self.centre_a, 250, date="2026-10-09")
        self.assertEqual(item.state, "verified", "the rectification was checked at the next inspection")
        self.assertEqual(item.verified_inspection_id, second)
        self.assertFalse(item.activity_ids)
        self.assertFalse(second.rectification_ids)
        self.assertTrue(any("2026-10-09" in str(message.body) for message in item.message_ids), "verification logged")
        self.assertEqual(self.centre_a.achieved_tier, "standard")

    def test_inspection_refuses_unchecked_items(self):
        inspection = self.env["gov.site.inspection"].with_context(lang="zh_CN").create({"site_id": self.centre_a.id})
        inspection.line_ids[1:].result = "met"
        with self.assertRaisesRegex(UserError, "还有 1 项未检查"):
            inspection.action_done()
        inspection.action_mark_all_met()
        inspection.action_done()
        with self.assertRaises(UserError):
            inspection.action_load_checklist()


@tagged("gov", "at_install", "-post_install")
class TestSiteNaming(GovSiteCase, TransactionCase):
    """Names follow the annex: “XXX乡镇（街道）便民服务中心”; a wrong name shows the expected one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()
        cls.Site = cls.env["gov.site"].with_context(lang="zh_CN")

    def test_accepted_names(self):
        self.assertEqual(self.centre_b.name, "乙街道便民服务中心")
        self.assertEqual(self.district_centre.name, "测评区政务服务中心")
        # Renaming the division requires renaming the site along with it.
        with self.assertRaises(ValidationError):
            self.centre_a.write({"division_id": self.town_b.id})

    def test_refused_name_shows_expected(self):
        with self.assertRaisesRegex(ValidationError, "应命名为“甲乡便民服务中心”"):
            self.centre_a.with_context(lang="zh_CN").name = "甲乡政务大厅"

    def test_refused_district_centre_name(self):
        with self.assertRaisesRegex(ValidationError, "测评区政务服务中心"):
            self.Site.create({"name": "测评区便民服务中心", "kind": "district_centre", "division_id": self.district.id})

    def test_centre_needs_township_division(self):
        with self.assertRaisesRegex(ValidationError, "所属行政区划必须是"):
            self.Site.create({"name": "甲村便民服务中心", "kind": "township_centre", "division_id": self.village_a.id})

    def test_onchange_suggests_name(self):
        site = self.env["gov.site"].new({"kind": "township_centre", "division_id": self.town_a.id})
        site._onchange_suggest_name()
        self.assertEqual(site.name, "甲乡便民服务中心")


@tagged("gov", "at_install", "-post_install")
class TestSiteAccess(GovSiteCase, TransactionCase):
    """Access by site: a clerk edits no site, a manager edits and inspects only their own centre."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def test_clerk_cannot_edit_sites(self):
        for centre in (self.centre_a, self.centre_b):
            with self.assertRaises(AccessError):
                centre.with_user(self.clerk).floor_area = 300
        self.assertEqual(self.centre_b.with_user(self.clerk).name, "乙街道便民服务中心", "the registry is readable")
        with self.assertRaises(AccessError):
            self.env["gov.site.inspection"].with_user(self.clerk).create({"site_id": self.centre_a.id})

    def test_manager_inspects_the_sites_below_the_centre_not_the_centre(self):
        """The inspected do not grade themselves: a manager inspects the sites below their centre,
        the district inspects the centre."""
        # The district centre's manager: the township centres are the sites below theirs.
        district_manager = new_test_user(
            self.env, "t3_gov_district_manager", groups="gov_center.group_gov_manager", lang="zh_CN"
        )
        district_manager.gov_site_ids = self.district_centre
        inspection = (
            self.env["gov.site.inspection"]
            .with_user(district_manager)
            .create({"site_id": self.centre_a.id, "floor_area": 210})
        )
        inspection.action_mark_all_met()
        inspection.action_done()
        self.assertEqual(self.centre_a.achieved_tier, "standard")
        Inspection = self.env["gov.site.inspection"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Inspection.create({"site_id": self.centre_a.id})
        with self.assertRaises(AccessError):
            self.centre_b.with_user(self.manager).floor_area = 300
        with self.assertRaises(AccessError):
            Inspection.create({"site_id": self.centre_b.id})
        own = self.env["gov.site.inspection"].with_user(self.admin).create({"site_id": self.centre_a.id})
        self.assertEqual(own.with_user(self.manager).site_id, self.centre_a, "the manager reads their centre's")

    def test_only_admin_edits_standards(self):
        standard = self.env.ref("gov_center.standard_centre_standard")
        with self.assertRaises(AccessError):
            standard.with_user(self.manager).min_area = 100
        standard.with_user(self.admin).min_area = 210
        self.assertEqual(standard.min_area, 210)
