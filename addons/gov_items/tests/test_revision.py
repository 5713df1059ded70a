from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import GovItemsCommon


@tagged("gov", "gov_items", "at_install", "-post_install")
class TestRevisions(GovItemsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()

    def test_publish_needs_the_elements(self):
        item = self.Item.create(self._item_vals(material_ids=[], acceptance_conditions=False))
        with self.assertRaises(UserError):
            item.action_publish()
        self.assertEqual(item.state, "draft")

    def test_publishing_is_the_actions_own(self):
        """Over JSON-RPC an administrator could create an item already published, or write its state,
        skipping action_publish's checks; lifecycle fields are the actions' own."""
        Item = self.Item.with_user(self.admin)
        with self.assertRaises(AccessError):
            Item.create(self._item_vals(material_ids=[], state="published"))
        draft = Item.create(self._item_vals(material_ids=[]))
        for vals in ({"state": "published"}, {"published_uid": self.admin.id}, {"revision": 7}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                draft.write(vals)
        self.assertEqual(draft.state, "draft")
        with self.assertRaises(UserError):
            draft.action_publish()  # the checks still hold: no material

    def test_published_item_is_not_edited_in_place(self):
        item = self._published_item()
        with self.assertRaises(UserError):
            item.write({"promised_time_limit": 5})
        with self.assertRaises(UserError):
            item.material_ids[0].write({"copies": 3})
        with self.assertRaises(UserError):
            self.env["gov.item.material"].create({"item_id": item.id, "name": "新材料"})
        with self.assertRaises(UserError):
            item.material_ids[0].unlink()
        with self.assertRaises(UserError):
            item.unlink()
        self.assertEqual(item.promised_time_limit, 10)
        self.assertEqual(len(item.material_ids), 2)

    def test_revision_keeps_the_old_one(self):
        item = self._published_item()
        item.message_subscribe(partner_ids=self.admin.partner_id.ids)
        line = self.env["gov.item.site"].create({"site_id": self.centre_a.id, "item_id": item.id, "window_id": self.window_a.id})
        action = item.with_user(self.admin).action_new_revision()
        revision = self.Item.browse(action["res_id"])
        self.assertEqual((revision.state, revision.revision, revision.previous_id, revision.origin_id), ("draft", 2, item, item))
        self.assertEqual(len(revision.material_ids), 2, "the revision starts from a copy of the elements")
        self.assertEqual(self.Item.browse(item.with_user(self.admin).action_new_revision()["res_id"]), revision, "one pending draft")
        self.env.flush_all()
        self.env.cr.precommit.run()  # end of the transaction that drafted the revision (no tracking at creation)
        revision.with_user(self.admin).write({"promised_time_limit": 5, "material_ids": [(2, revision.material_ids[1].id)]})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit time
        with self.assertRaises(UserError):
            revision.with_user(self.admin).action_publish()  # says what changed first
        revision.with_user(self.admin).write({"change_note": "承诺时限由10日压缩为5日，取消申请书"})
        revision.with_user(self.admin).action_publish()
        self.assertEqual(item.state, "withdrawn")
        self.assertEqual(item.superseded_by_id, revision)
        self.assertEqual((item.promised_time_limit, len(item.material_ids)), (10, 2), "the old revision stays readable")
        self.assertEqual((revision.state, revision.promised_time_limit, len(revision.material_ids)), ("published", 5, 1))
        self.assertEqual(line.item_id, revision, "site lists follow the new revision")
        self.assertEqual(revision.published_uid, self.admin)
        self.assertEqual(item.revision_ids, revision | item)
        self.assertIn("承诺时限由10日压缩为5日", revision.message_ids[:1].body)
        tracked = revision.message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == "promised_time_limit")
        self.assertEqual((tracked.old_value_integer, tracked.new_value_integer), (10, 5), "the history says what changed")
        self.assertEqual(tracked.mail_message_id.author_id, self.admin.partner_id, "… and who")
        # The public catalogue shows the current revision only.
        found = self.Item._public_search("测试救助金给付")[0]
        self.assertEqual(found, revision)

    def test_withdraw(self):
        item = self._published_item()
        item.action_withdraw()
        self.assertEqual(item.state, "withdrawn")
        self.assertFalse(self.Item._public_search("测试救助金给付")[0])
        with self.assertRaises(UserError):
            item.write({"name": "改名"})


@tagged("gov", "gov_items", "at_install", "-post_install")
class TestBundles(GovItemsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()

    def test_bundle_merges_duplicate_materials(self):
        first = self._published_item()
        second = self._published_item(
            name="测试参保登记",
            item_type="20",
            basic_code="152099001000",
            department_id=self.env.ref("gov_items.dept_medical").id,
            implementing_body_id=self.env.ref("gov_items.dept_medical").id,
            material_ids=[
                (0, 0, {"name": "居民身份证（原件）", "form": "copy", "copies": 2}),
                (0, 0, {"name": "居民户口簿", "form": "original"}),
                (0, 0, {"name": "申请书", "requirement": "conditional", "condition": "代办时"}),
            ],
        )
        bundle = self.env["gov.item.bundle"].create({"name": "测试一件事", "item_ids": [(6, 0, (first | second).ids)]})
        self.assertEqual(bundle.source_material_count, 5)
        self.assertEqual(bundle.material_count, 3, "居民身份证 and 申请书 appear once")
        by_name = {line.name: line for line in bundle.material_ids}
        self.assertCountEqual(by_name, ["居民身份证", "申请书", "居民户口簿"])
        id_card = by_name["居民身份证"]
        self.assertEqual(id_card.item_ids, first | second)
        self.assertEqual((id_card.form, id_card.copies), ("both", 2), "the most demanding form and copies")
        self.assertEqual(by_name["申请书"].requirement, "required", "required by one item is required")
        self.assertEqual(bundle.department_ids, first.department_id | second.department_id)
        with self.assertRaises(ValidationError):
            bundle.item_ids = [(3, second.id)]
