"""Regression tests of the attacks found on the registry and inspections (security issue, findings
4, 6, 9, 10 and 11): each performs the attack as the role that tried it."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import GovSiteCase


@tagged("gov", "post_install", "-at_install")
class TestAccessHardening(GovSiteCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_gov_sites()
        common = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        # The district centre's manager inspects the township centres below it.
        cls.district_manager = new_test_user(cls.env, "t8_district_manager", groups="gov_center.group_gov_manager", **common)
        cls.district_manager.gov_site_ids = cls.district_centre
        cls.clerk_b = new_test_user(cls.env, "t8_clerk_b", groups="gov_center.group_gov_clerk", **common)
        cls.clerk_b.gov_site_ids = cls.centre_b
        cls.internal = new_test_user(cls.env, "t8_internal", groups="base.group_user", **common)
        Inspection = cls.env["gov.site.inspection"]
        cls.done = Inspection.browse(Inspection._record_inspection(cls.centre_a.id, "2026-10-12", 250, done=False))
        cls.done.note = "<p>内部意见：不公开</p>"
        cls.done.action_done()
        cls.contact_private = cls.env["gov.site.contact"].create(
            {"site_id": cls.centre_a.id, "name": "主任手机", "phone": "139-0000-1111", "is_public": False}
        )
        cls.contact_public = cls.env["gov.site.contact"].create(
            {"site_id": cls.centre_a.id, "name": "咨询电话", "phone": "0472-5550000", "is_public": True}
        )

    # ------------------------------------------------------------------ finding 4
    def test_revoking_a_site_takes_effect_at_once(self):
        """Rules must not serve a stale site list: grant, then revoke, in one transaction."""
        Window = self.env["gov.window"]
        window_b = Window.create({"site_id": self.centre_b.id, "code": "01", "name": "综合受理窗口"})
        with self.assertRaises(AccessError):
            window_b.with_user(self.manager).write({"name": "越权"})
        self.manager.gov_site_ids = [(4, self.centre_b.id)]
        window_b.with_user(self.manager).write({"name": "授权后可改"})
        self.centre_b.user_ids = [(3, self.manager.id)]  # revoked from the site's side
        with self.assertRaises(AccessError):
            window_b.with_user(self.manager).write({"name": "撤销后仍能改"})
        self.assertEqual(window_b.name, "授权后可改")
        # The same after the caches are dropped, as in a freshly started worker.
        self.env.registry.clear_cache()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            window_b.with_user(self.manager).write({"name": "重启后仍能改"})

    def test_every_change_of_staff_reaches_the_rules(self):
        """The rules read the user's site ids from the per-user rule cache (models/ir_rule.py): each
        way of changing who works where clears it, within the transaction that makes the change."""
        Window = self.env["gov.window"]
        window_b = Window.create({"site_id": self.centre_b.id, "code": "01", "name": "综合受理窗口"})
        as_manager = window_b.with_user(self.manager)
        # Cached before any change, so that a stale list would show below.
        self.assertFalse(as_manager.has_access("write"))
        # granted from the site's side, revoked from the user's side
        self.centre_b.user_ids = [(4, self.manager.id)]
        self.assertTrue(as_manager.has_access("write"))
        self.manager.gov_site_ids = [(3, self.centre_b.id)]
        self.assertFalse(as_manager.has_access("write"))
        # a site created with its staff
        town_c = self.env["gov.division"].create(
            {"name": "丙镇", "code": "159701101000", "division_type": "town", "parent_id": self.district.id}
        )
        centre_c = self.env["gov.site"].create(
            {
                "name": "丙镇便民服务中心",
                "kind": "township_centre",
                "division_id": town_c.id,
                "parent_id": self.district_centre.id,
                "user_ids": [(4, self.manager.id)],
            }
        )
        window_c = Window.create({"site_id": centre_c.id, "code": "01", "name": "综合受理窗口"})
        self.assertTrue(window_c.with_user(self.manager).has_access("write"))
        # a user created with their sites
        newcomer = new_test_user(self.env, "t8_newcomer", groups="gov_center.group_gov_manager")
        self.assertFalse(window_b.with_user(newcomer).has_access("write"))
        other = self.env["res.users"].create(
            {
                "name": "新到岗负责人",
                "login": "t8_newcomer_b",
                "group_ids": [(4, self.env.ref("gov_center.group_gov_manager").id)],
                "gov_site_ids": [(4, self.centre_b.id)],
            }
        )
        self.assertTrue(window_b.with_user(other).has_access("write"))
        # the rule compares ids: one IN, no join through the users of the site
        domain = str(self.env["ir.rule"].with_user(self.manager)._compute_domain("gov.window", "write"))
        self.assertNotIn("user_ids", domain)

    def test_every_change_of_sites_below_reaches_the_rules(self):
        """A centre's staff have the records of the sites below it (its stations) through the cached
        ``gov_scope_site_ids``: a site put under the centre, moved away, created under it or archived
        changes what they may do at once; the rule stays a plain IN on the record's own site."""
        Window = self.env["gov.window"]
        window_b = Window.create({"site_id": self.centre_b.id, "code": "01", "name": "综合受理窗口"})
        as_manager = window_b.with_user(self.manager)
        self.assertFalse(as_manager.has_access("write"))  # cached before the change
        self.centre_b.parent_id = self.centre_a
        self.assertTrue(as_manager.has_access("write"))
        self.centre_b.parent_id = self.district_centre
        self.assertFalse(as_manager.has_access("write"))
        self.assertTrue(window_b.with_user(self.clerk_b).has_access("read"))
        town_d = self.env["gov.division"].create(
            {"name": "丁镇", "code": "159701102000", "division_type": "town", "parent_id": self.district.id}
        )
        below = self.env["gov.site"].create(
            {"name": "丁镇便民服务中心", "kind": "township_centre", "division_id": town_d.id, "parent_id": self.centre_a.id}
        )
        window = Window.create({"site_id": below.id, "code": "01", "name": "代办窗口"})
        self.assertTrue(window.with_user(self.manager).has_access("write"))
        below.action_archive()
        self.assertTrue(window.with_user(self.manager).has_access("write"))
        domain = str(self.env["ir.rule"].with_user(self.manager)._compute_domain("gov.window", "write"))
        self.assertNotIn("parent_id", domain)
        self.assertIn(str(below.id), domain)

    # ------------------------------------------------------------------ finding 6
    def test_the_inspected_do_not_grade_themselves(self):
        Inspection = self.env["gov.site.inspection"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Inspection.create({"site_id": self.centre_a.id})
        line = self.done.line_ids[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.manager).write({"result": "met"})
        with self.assertRaises(AccessError):
            self.done.with_user(self.manager).action_draft()
        self.assertEqual(self.done.state, "done")

    def test_done_inspection_is_locked_for_everyone(self):
        inspection = (
            self.env["gov.site.inspection"]
            .with_user(self.district_manager)
            .create({"site_id": self.centre_a.id, "floor_area": 260})
        )
        inspection.action_mark_all_met()
        inspection.action_done()
        with self.assertRaises(UserError):
            inspection.line_ids[:1].write({"result": "unmet"})
        with self.assertRaises(UserError):
            inspection.write({"floor_area": 999})
        with self.assertRaises(AccessError):
            inspection.line_ids[:1].with_user(self.district_manager).unlink()  # managers delete no checklist item
        with self.assertRaises(AccessError):
            inspection.with_user(self.district_manager).action_draft()  # reopening is the district administrator's
        other_requirement = self.env["gov.site.requirement"].search(
            [("id", "not in", self.done.line_ids.requirement_id.ids)], limit=1
        )
        with self.assertRaises(UserError):
            self.done.with_user(self.admin).unlink()
        with self.assertRaises(UserError):
            self.done.line_ids[:1].with_user(self.admin).unlink()
        with self.assertRaises(UserError):
            self.env["gov.site.inspection.line"].with_user(self.admin).create(
                {"inspection_id": self.done.id, "requirement_id": other_requirement.id}
            )
        # The logged correction: the administrator reopens, the chatter keeps who and when.
        self.done.with_user(self.admin).action_draft()
        self.assertEqual(self.done.state, "draft")
        self.done.line_ids[:1].with_user(self.admin).write({"result": "unmet"})

    def test_computed_tier_cannot_be_written(self):
        self.assertEqual(self.centre_a.achieved_tier, "standard")
        for user in (self.manager, self.admin):
            with self.assertRaises(AccessError):
                self.centre_a.with_user(user).write({"achieved_tier": "benchmark"})
            with self.assertRaises(AccessError):
                self.done.with_user(user).write({"met_count": 99})
        self.assertEqual(self.centre_a.achieved_tier, "standard")

    def test_a_forged_context_does_not_unlock(self):
        for key in ("gov_unlocked", "gov_item_bypass_lock"):
            with self.assertRaises(UserError):
                self.done.with_user(self.admin).with_context(**{key: True}).write({"floor_area": 1})

    # ------------------------------------------------------------------ finding 9
    def test_calendar_sync_is_not_a_public_method(self):
        from odoo.service.model import call_kw  # noqa: PLC0415 - the JSON-RPC entry point

        Holiday = self.env["gov.holiday"].with_user(self.internal)
        with self.assertRaises(AccessError):
            call_kw(Holiday, "_sync_from_library", [], {})
        with self.assertRaises(AccessError):
            Holiday.action_sync_from_library()
        with self.assertRaises(AccessError):
            self.env["gov.holiday"].with_user(self.manager).action_sync_from_library()

    # ------------------------------------------------------------------ finding 10
    def test_inspections_are_read_by_their_sites_only(self):
        for user in (self.internal, self.clerk_b):
            Inspection = self.env["gov.site.inspection"].with_user(user)
            self.assertNotIn(self.done, Inspection.search([]))
            with self.assertRaises(AccessError):
                self.done.with_user(user).read(["note"])
            with self.assertRaises(AccessError):
                self.done.line_ids[:1].with_user(user).read(["note"])
        for user in (self.clerk, self.manager, self.district_manager, self.admin):
            self.assertIn("内部意见", self.done.with_user(user).note)

    def test_private_contacts_stay_with_the_site(self):
        for user in (self.internal, self.clerk_b):
            Contact = self.env["gov.site.contact"].with_user(user)
            found = Contact.search([("site_id", "=", self.centre_a.id)])
            self.assertIn(self.contact_public, found)
            self.assertNotIn(self.contact_private, found)
            self.env.invalidate_all()
            self.assertNotIn("139-0000-1111", self.centre_a.with_user(user).contact_ids.mapped("phone"))
        for user in (self.clerk, self.district_manager):
            self.env.invalidate_all()  # x2many values are cached per record, not per user
            self.assertIn(self.contact_private, self.centre_a.with_user(user).contact_ids)

    # ------------------------------------------------------------------ finding 11
    def test_rectification_note_escapes_data(self):
        requirement = self.done.line_ids[:1].requirement_id
        requirement.name = '<img src=x onerror="alert(1)">桌椅'
        inspection = self.env["gov.site.inspection"].browse(
            self.env["gov.site.inspection"]._record_inspection(
                self.centre_a.id, "2026-11-02", 250, [requirement.code]
            )
        )
        note = str(inspection.rectification_ids.activity_ids[:1].note)
        self.assertIn("&lt;img", note)
        self.assertNotIn("<img", note)
