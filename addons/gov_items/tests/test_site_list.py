from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import GovItemsCommon


@tagged("gov", "gov_items", "at_install", "-post_install")
class TestSiteLists(GovItemsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()
        cls.Line = cls.env["gov.item.site"]
        cls.item = cls._published_item()

    def test_site_list_cannot_differ_from_the_catalogue(self):
        line = self.Line.create({"site_id": self.centre_a.id, "item_id": self.item.id, "window_id": self.window_a.id})
        self.assertEqual(line.promised_time_limit, 10)
        with self.assertRaises(ValidationError):
            line.write({"promised_time_limit": 3})
        with self.assertRaises(ValidationError):
            self.Line.create({"site_id": self.centre_b.id, "item_id": self.item.id, "visits": 0})
        self.assertEqual(self.item.promised_time_limit, 10, "the catalogue item is untouched")
        line.write({"phone": "0472-1234567"})
        self.assertEqual(line.consult_phone, "0472-1234567", "a site sets its own phone")
        other = self.Line.create({"site_id": self.centre_b.id, "item_id": self.item.id})
        self.assertEqual(
            [(rec.implementation_code, rec.promised_time_limit, rec.case_kind) for rec in line | other],
            [(self.item.implementation_code, 10, "promised")] * 2,
            "the same item reads the same at every site",
        )

    def test_window_of_another_site_and_unpublished_items_are_refused(self):
        with self.assertRaises(ValidationError):
            self.Line.create({"site_id": self.centre_a.id, "item_id": self.item.id, "window_id": self.window_b.id})
        draft = self.Item.create(self._item_vals(name="草稿事项", basic_code="150599009000"))
        with self.assertRaises(ValidationError):
            self.Line.create({"site_id": self.centre_a.id, "item_id": draft.id})

    def test_manager_checks(self):
        must_enter = self.Item.search(
            [("state", "=", "published"), ("must_enter", "=", True), ("service_level", "=", "township")]
        )
        self.assertEqual(len(must_enter), 72)
        self.assertEqual(self.centre_a.must_enter_missing_count, 72)
        self.centre_a.action_add_must_enter_items()
        self.assertEqual(self.centre_a.must_enter_missing_count, 0)
        self.assertEqual(self.centre_a.item_count, 72)
        self.assertEqual(self.centre_a.comprehensive_rate, 100.0)
        lines = self.centre_a.item_line_ids
        lines[:18].write({"window_id": self.window_a_dept.id})
        self.assertAlmostEqual(self.centre_a.comprehensive_rate, 75.0)
        lines[:2].write({"active": False})
        self.centre_a.invalidate_recordset()
        self.assertEqual(self.centre_a.must_enter_missing_count, 2, "archived lines do not count as entered")
        self.assertGreater(self.centre_a.avg_time_reduction_rate, 0)
        self.assertGreater(self.centre_a.materials_saved, 0)
        self.assertEqual(len(self.centre_a._public_item_lines("must_enter")), 70)
        agent_items = self.Item.search([("state", "=", "published"), ("agent_service", "=", True)])
        archived_agent = lines[:2].item_id & agent_items
        self.assertEqual(
            self.centre_a._public_item_lines("agent").item_id, agent_items - archived_agent, "the agent-service list"
        )

    def test_access_by_site(self):
        line_b = self.Line.create({"site_id": self.centre_b.id, "item_id": self.item.id})
        Line = self.Line.with_user(self.manager)
        own = Line.create({"site_id": self.centre_a.id, "item_id": self.item.id})
        own.write({"phone": "0472-7654321"})
        with self.assertRaises(AccessError):
            Line.browse(line_b.id).write({"phone": "0472-0000000"})
        with self.assertRaises(AccessError):
            Line.create({"site_id": self.centre_b.id, "item_id": self._published_item(basic_code="150599003000").id})
        with self.assertRaises(AccessError):
            self.Line.with_user(self.clerk).create({"site_id": self.centre_a.id, "item_id": self.item.id})
        self.assertEqual(self.Line.with_user(self.clerk).browse(line_b.id).promised_time_limit, 10, "everyone reads")
        with self.assertRaises(AccessError):
            self.Item.with_user(self.manager).create(self._item_vals(basic_code="150599004000"))
        citizen = new_test_user(self.env, "t_items_citizen", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.Item.with_user(citizen).search([]).mapped("name")
        with self.assertRaises(AccessError):
            self.Line.with_user(citizen).search([]).mapped("phone")
