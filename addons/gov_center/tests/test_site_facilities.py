from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import GovSiteCase


@tagged("gov", "at_install", "-post_install")
class TestSiteFacilities(GovSiteCase, TransactionCase):
    """The facility flags of a site are the results of its latest closed inspection, never set by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def test_requirements_say_which_facility_they_check(self):
        Requirement = self.env["gov.site.requirement"]
        found = {r.code: r.facility for r in Requirement.search([("kind", "=", "township_centre"), ("facility", "!=", False)])}
        self.assertEqual(
            found,
            {"ZX-24": "sign_plate", "ZX-25": "road_sign", "ZX-28": "extranet", "ZX-29": "video_surveillance"},
        )

    def test_never_inspected_site_has_no_facility(self):
        site = self.centre_b
        self.assertFalse(site.extranet or site.video_surveillance or site.sign_plate or site.road_sign)
        self.env["gov.site.inspection"].create({"site_id": site.id}).line_ids.result = "met"
        self.assertFalse(site.extranet, "a draft inspection is not the site's state")

    def test_flags_follow_the_latest_inspection(self):
        site = self.centre_a
        first = self.inspect(site, 250, unmet=["ZX-28"], date="2026-09-01")
        self.assertEqual(site.last_inspection_id, first)
        self.assertFalse(site.extranet, "the inspection found no extranet")
        self.assertTrue(site.video_surveillance)
        self.assertTrue(site.sign_plate)
        self.assertTrue(site.road_sign)
        self.inspect(site, 250, date="2026-10-09")
        self.assertTrue(site.extranet, "the re-inspection found it connected")
        self.inspect(site, 250, unmet=["ZX-29", "ZX-25"], date="2026-11-09")
        self.assertTrue(site.extranet)
        self.assertFalse(site.video_surveillance)
        self.assertFalse(site.road_sign)

    def test_not_applicable_is_not_there(self):
        site = self.centre_a
        inspection = self.env["gov.site.inspection"].create({"site_id": site.id, "date": "2026-09-01"})
        inspection.line_ids.result = "met"
        inspection.line_ids.filtered(lambda line: line.requirement_id.code == "ZX-24").result = "na"
        inspection.action_done()
        self.assertFalse(site.sign_plate)
        self.assertTrue(site.extranet)

    def test_flags_cannot_be_set_by_hand(self):
        self.inspect(self.centre_a, 250, unmet=["ZX-28"])
        self.assertTrue(self.centre_a._fields["extranet"].readonly)
        for user in (self.manager, self.admin):
            with self.assertRaises(AccessError):
                self.centre_a.with_user(user).write({"extranet": True})
        self.assertFalse(self.centre_a.extranet)
