from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.tests import new_test_user


class GovItemsCommon(ChineseEnvCase):
    """Fixtures of the gov_items tests: own divisions, centres, windows and users, and a
    helper that builds a valid draft item."""

    @classmethod
    def _gov_items_fixtures(cls):
        env = cls.env
        cls.Item = env["gov.item"]
        district = env["gov.division"].create({"name": "测试区", "code": "159802000000", "division_type": "district"})
        towns = env["gov.division"].create(
            [
                {"name": "丙镇", "code": "159802100000", "division_type": "town", "parent_id": district.id},
                {"name": "丁镇", "code": "159802101000", "division_type": "town", "parent_id": district.id},
            ]
        )
        cls.centre_a, cls.centre_b = env["gov.site"].create(
            [{"name": f"{town.name}便民服务中心", "kind": "township_centre", "division_id": town.id} for town in towns]
        )
        cls.window_a, cls.window_a_dept = env["gov.window"].create(
            [
                {"site_id": cls.centre_a.id, "code": "01", "name": "综合受理窗口", "window_type": "comprehensive"},
                {"site_id": cls.centre_a.id, "code": "07", "name": "民政窗口", "window_type": "department"},
            ]
        )
        cls.window_b = env["gov.window"].create(
            {"site_id": cls.centre_b.id, "code": "01", "name": "综合受理窗口", "window_type": "comprehensive"}
        )
        common = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        cls.admin = new_test_user(env, "t_items_admin", groups="gov_center.group_gov_admin", **common)
        cls.manager = new_test_user(env, "t_items_manager", groups="gov_center.group_gov_manager", **common)
        cls.clerk = new_test_user(env, "t_items_clerk", groups="gov_center.group_gov_clerk", **common)
        (cls.manager | cls.clerk).gov_site_ids = cls.centre_a
        cls.category = env.ref("gov_items.category_sb")
        cls.department = env.ref("gov_items.dept_civil")

    @classmethod
    def _item_vals(cls, **overrides):
        vals = {
            "name": "测试救助金给付",
            "category_id": cls.category.id,
            "item_type": "05",
            "basic_code": "150599001000",
            "department_id": cls.department.id,
            "implementing_body_id": cls.department.id,
            "case_kind": "promised",
            "legal_time_limit": 20,
            "promised_time_limit": 10,
            "visits": 1,
            "visit_reason": "需现场核验申请人身份",
            "acceptance_conditions": "本辖区户籍居民。",
            "material_ids": [
                (0, 0, {"name": "居民身份证", "form": "original"}),
                (0, 0, {"name": "申请书", "form": "original"}),
            ],
            "step_ids": [(0, 0, {"name": "受理"}), (0, 0, {"name": "审核", "days": 9})],
        }
        vals.update(overrides)
        return vals

    @classmethod
    def _published_item(cls, **overrides):
        item = cls.Item.create(cls._item_vals(**overrides))
        item.action_publish()
        return item
