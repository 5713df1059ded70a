from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import ChineseEnvCase


@tagged("gov", "at_install", "-post_install")
class TestDivision(ChineseEnvCase, TransactionCase):
    """The division hierarchy: codes, levels and their parent, refused in the user's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Division = cls.env["gov.division"].with_context(lang="zh_CN")
        # A district of its own, so that the tests do not depend on demo data.
        cls.district = cls.Division.create({"name": "测试区", "code": "159901000000", "division_type": "district"})
        cls.town = cls.Division.create(
            {"name": "测试镇", "code": "159901100000", "division_type": "town", "parent_id": cls.district.id}
        )

    def _create(self, name, code, division_type, parent=None):
        return self.Division.create(
            {"name": name, "code": code, "division_type": division_type, "parent_id": parent and parent.id}
        )

    def test_valid_tree(self):
        street = self._create("测试街道", "159901001000", "street", self.district)
        village = self._create("测试村", "159901100201", "village", self.town)
        community = self._create("测试社区", "159901001001", "community", street)
        self.assertEqual(village.level, "village")
        self.assertEqual(street.level, "township")
        self.assertEqual(community.complete_name, "测试区 / 测试街道 / 测试社区")
        self.assertEqual(self.district.child_count, 2)
        self.assertIn(village.id, self.Division.search([("parent_id", "child_of", self.district.id)]).ids)

    def test_duplicate_code_refused(self):
        with self.assertRaisesRegex(ValidationError, "已被 测试区 / 测试镇 使用"):
            self._create("另一个镇", "159901100000", "town", self.district)

    def test_wrong_prefix_refused(self):
        # A village of 测试镇 must start with its first 9 digits, 159901100.
        with self.assertRaisesRegex(ValidationError, "必须以“159901100”开头"):
            self._create("外村", "159901101201", "village", self.town)
        with self.assertRaisesRegex(ValidationError, "必须以“159901”开头"):
            self._create("外镇", "159902100000", "town", self.district)

    def test_wrong_level_refused(self):
        # A village directly under the district skips the township level.
        with self.assertRaisesRegex(ValidationError, "上级区划必须正好高一级"):
            self._create("跳级村", "159901000201", "village", self.district)
        # A township without a parent.
        with self.assertRaisesRegex(ValidationError, "请设置其上级区划"):
            self._create("孤镇", "159901102000", "town")
        # A district with a parent.
        with self.assertRaisesRegex(ValidationError, "请删除其上级区划"):
            self._create("子区", "159902000000", "district", self.district)

    def test_malformed_codes_refused(self):
        for bad in ("15990110000", "1599011000000", "15990110000A"):
            with self.subTest(code=bad), self.assertRaisesRegex(ValidationError, "12 位数字"):
                self._create("坏码镇", bad, "town", self.district)
        # A township code ends with 000: "159901100201" is shaped like a village code.
        with self.assertRaisesRegex(ValidationError, "不符合“乡镇（街道）”级"):
            self._create("坏码镇", "159901100201", "town", self.district)

    def test_message_in_english_for_english_users(self):
        with self.assertRaisesRegex(ValidationError, "must start with “159901100”"):
            self.Division.with_context(lang="en_US").create(
                {"name": "Outer", "code": "159901101201", "division_type": "village", "parent_id": self.town.id}
            )

    def test_cycle_refused(self):
        street = self._create("测试街道", "159901001000", "street", self.district)
        # Making the district a child of its own street: refused (Odoo's parent store sees the
        # loop before our level check does).
        with self.assertRaises(UserError):
            self.district.parent_id = street
