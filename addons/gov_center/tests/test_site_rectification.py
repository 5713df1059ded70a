from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import GovSiteCase


@tagged("gov", "at_install", "-post_install")
class TestSiteRectification(GovSiteCase, TransactionCase):
    """Each unmet requirement of a closed inspection is a rectification item, verified one by one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()
        cls.clerk_b = new_test_user(cls.env, "t3_rect_clerk_b", groups="gov_center.group_gov_clerk", lang="zh_CN")
        cls.clerk_b.gov_site_ids = cls.centre_b

    def _item(self, inspection, code):
        return inspection.rectification_ids.filtered(lambda i: i.requirement_id.code == code)

    def test_items_per_unmet_requirement(self):
        first = self.inspect(self.centre_a, 250, unmet=["ZX-31", "ZX-32"], date="2026-09-28")
        items = first.rectification_ids
        self.assertEqual(len(items), 2)
        self.assertEqual(set(items.mapped("state")), {"open"})
        expected = self.env["gov.holiday"].add_working_days(date(2026, 9, 28), 20)
        self.assertEqual(set(items.mapped("deadline")), {expected}, "the settings' period, in working days")
        self.assertEqual(items.user_id, self.manager)
        self.assertEqual(self.centre_a.rectification_open_count, 2)
        Item = self.env["gov.site.rectification"]
        self.assertEqual(Item.search([("id", "in", items.ids), ("is_overdue", "=", True)]), items, "deadline passed")
        self.assertFalse(Item.search([("id", "in", items.ids), ("is_overdue", "=", False)]))

    def test_period_comes_from_the_settings(self):
        self.env["ir.config_parameter"].set_param("gov_center.rectification_working_days", "5")
        item = self.inspect(self.centre_a, 250, unmet=["ZX-31"], date="2026-09-28").rectification_ids
        self.assertEqual(item.deadline, self.env["gov.holiday"].add_working_days(date(2026, 9, 28), 5))

    def test_reinspection_verifies_one_by_one(self):
        first = self.inspect(self.centre_a, 250, unmet=["ZX-31", "ZX-32", "ZX-33"], date="2026-09-01")
        item_31, item_32, item_33 = (self._item(first, code) for code in ("ZX-31", "ZX-32", "ZX-33"))
        item_33.with_user(self.manager).evidence_note = "已整改，见照片"
        item_33.with_user(self.manager).action_submit()
        self.assertEqual(item_33.state, "submitted")
        self.assertFalse(item_33.activity_ids, "the owner's task is done once the evidence is in")
        second = self.inspect(self.centre_a, 250, unmet=["ZX-32", "ZX-33"], date="2026-10-09")
        self.assertEqual(item_31.state, "verified")
        self.assertEqual(item_31.verified_inspection_id, second)
        self.assertEqual(item_32.state, "open", "still unmet: stays open")
        self.assertEqual(item_33.state, "reopened", "evidence submitted but still unmet")
        self.assertEqual(item_33.activity_ids.user_id, self.manager)
        self.assertFalse(second.rectification_ids, "the items still open carry on; no duplicate")
        self.inspect(self.centre_a, 250, date="2026-11-09")
        self.assertEqual(set((item_32 | item_33).mapped("state")), {"verified"})

    def test_evidence_is_required_and_judged_by_the_inspecting_side(self):
        item = self.inspect(self.centre_a, 250, unmet=["ZX-31"]).rectification_ids
        with self.assertRaisesRegex(UserError, "证明材料"):
            item.with_user(self.manager).with_context(lang="zh_CN").action_submit()
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.manager)
            .create({"name": "photo.png", "raw": b"x", "res_model": item._name, "res_id": item.id})
        )
        item.with_user(self.manager).attachment_ids = attachment
        item.with_user(self.manager).action_submit()
        with self.assertRaises(AccessError, msg="the inspected do not judge their own evidence"):
            item.with_user(self.manager).action_reopen()
        item.with_user(self.admin).action_reopen()
        self.assertEqual(item.state, "reopened")

    def test_access(self):
        item = self.inspect(self.centre_a, 250, unmet=["ZX-31"]).rectification_ids
        self.assertEqual(item.with_user(self.clerk).read(["state"])[0]["state"], "open", "clerks read their site's")
        with self.assertRaises(AccessError):
            item.with_user(self.clerk).write({"evidence_note": "x"})
        with self.assertRaises(AccessError):
            item.with_user(self.clerk_b).read(["state"])
        with self.assertRaises(AccessError, msg="created by closing an inspection only"):
            self.env["gov.site.rectification"].with_user(self.admin).create(
                {"inspection_id": item.inspection_id.id, "requirement_id": item.requirement_id.id, "deadline": "2027-01-01"}
            )
        with self.assertRaises(AccessError, msg="the state is set by the actions"):
            item.with_user(self.admin).write({"state": "verified"})
        with self.assertRaises(UserError):
            item.unlink()
        item.with_user(self.manager).user_id = self.admin
        self.assertEqual(item.activity_ids.user_id, self.admin, "the activity follows the owner")

    def test_cancelled_inspection_cancels_its_items(self):
        inspection = self.inspect(self.centre_a, 250, unmet=["ZX-31"])
        inspection.with_user(self.admin).action_cancel()
        self.assertEqual(inspection.rectification_ids.state, "cancel")
        self.assertFalse(inspection.rectification_ids.activity_ids)


@tagged("gov", "at_install", "-post_install")
class TestSiteCertificate(GovSiteCase, TransactionCase):
    """The 达标证书 is numbered when an inspection establishes a tier, and verifiable by its number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()

    def _render(self, site):
        return self.env["ir.actions.report"]._render_qweb_html(
            "gov_center.action_report_site_certificate", site.ids
        )[0].decode()

    def test_number_issued_with_the_tier(self):
        failed = self.inspect(self.centre_a, 150, date="2026-09-01")
        self.assertFalse(failed.certificate_number, "no tier, no certificate")
        with self.assertRaisesRegex(UserError, "甲乡便民服务中心"):
            self._render(self.centre_a)
        inspection = self.inspect(self.centre_a, 250, date="2026-10-09")
        self.assertTrue(inspection.certificate_number)
        self.assertEqual(inspection.certificate_tier, "standard")
        self.assertTrue(inspection.certificate_issued_on)
        html = self._render(self.centre_a)
        self.assertIn(inspection.certificate_number, html)
        self.assertIn(f"/gov/verify/{inspection.certificate_number}", html)
        self.assertIn("发证日期", html)
        other = self.inspect(self.centre_b, 250, date="2026-10-09")
        self.assertNotEqual(other.certificate_number, inspection.certificate_number)

    def test_verify_public(self):
        inspection = self.inspect(self.centre_a, 310, date="2026-09-01")
        number = inspection.certificate_number
        result = self.env["gov.site.inspection"]._verify_public(f" {number} ")
        self.assertEqual(
            result,
            {
                "number": number,
                "name": "便民服务中心建设达标证书 · 标杆型",
                "holder": "甲乡便民服务中心",
                "issued_on": inspection.certificate_issued_on,
                "issuer": "测评区政务服务局",
                "revoked": False,
            },
        )
        self.assertIsNone(self.env["gov.site.inspection"]._verify_public("NO-SUCH"))
        self.assertIsNone(self.env["gov.site.inspection"]._verify_public(""))
        self.assertIsNone(self.env["gov.site.inspection"]._verify_public(number + "x" * 40))
        self.inspect(self.centre_a, 250, date="2026-10-09")  # down to standard
        self.assertTrue(self.env["gov.site.inspection"]._verify_public(number)["revoked"])
