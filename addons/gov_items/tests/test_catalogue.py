from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.addons.gov_items.models.gov_item import amount_to_capital, name_to_pinyin
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import GovItemsCommon

# The plan's annex, section 三(一) 坚持“应进必进”: the 12 categories and every item they name.
ANNEX = {
    "户籍管理": [
        "居民户口簿遗失补发", "居民身份证核发", "临时居民身份证核发", "居住证核发", "入伍注销户口", "退役军人入户",
        "亲属投靠落户", "新生儿出生登记", "户籍分户、立户", "大中专院校录取学生户籍迁出（入）",
        "大中专院校毕业生户籍迁入（出）", "变更姓名", "变更户主或与户主关系", "变更文化程度、婚姻状况", "更正出生日期",
        "变更性别", "户口县内迁移", "准迁证补发", "迁移证补发", "死亡户口注销", "失踪户口注销", "其他情况入户销户变更",
    ],
    "人口和生育服务": ["生育登记", "60岁以上失独人员扶助", "老年优待证核发", "新农合、新农保减免"],
    "社会保障": [
        "城乡最低生活保障对象认定", "特困人员认定", "贫困学生助学申请初审", "临时救助", "老年人福利补贴", "留守儿童服务",
        "孤儿认定", "残疾证办理", "残疾人职业技术培训", "重度残疾人护理补贴", "困难残疾人生活补贴",
    ],
    "劳动保障": ["企业用工需求服务", "就（失）业登记", "贫困劳动力一次性创业补贴初审"],
    "养老保障": [
        "城乡居民养老保险参保登记", "城乡居民养老保险参保缴费", "城乡居民养老保险参保信息查询",
        "城乡居民养老保险待遇核定", "城乡居民养老保险基本信息变更登记", "城乡居民养老保险参保关系终止",
    ],
    "医疗保障": ["城乡居民医疗保险参保登记", "城乡居民医疗保险参保缴费", "城乡居民医疗保险参保信息查询", "医疗救助金给付"],
    "脱贫帮扶": [
        "建档立卡贫困学生雨露计划教育资金审核", "贫困户耕地补差", "贫困户农业保险", "贫困户跨省务工补助",
        "雨露计划短期技能培训",
    ],
    "农业农村管理和服务": ["种粮补贴发放", "土地流转服务", "农业技术咨询", "土地纠纷调解"],
    "乡村建设管理和服务": ["农村村民住宅用地审核", "乡村建设规划许可证核发", "危房改造申请"],
    "营商管理和服务": ["个体工商户登记", "食品经营许可", "食品小经营店登记", "食品小摊点备案"],
    "服役退役服务": [
        "应征公民兵役登记", "兵役登记报名线下确认", "应征入伍初审", "组织应征公民政审、体检", "义务兵家庭优待金给付",
    ],
    "党务管理服务": ["党（团）组织关系转移"],
}


@tagged("gov", "gov_items", "at_install", "-post_install")
class TestSeededCatalogue(ChineseEnvCase, TransactionCase):
    def test_every_annex_item_in_its_category(self):
        categories = self.env["gov.item.category"].search([])
        self.assertEqual(categories.mapped("name"), list(ANNEX), "the 12 categories, in the annex's order")
        for category, names in ANNEX.items():
            items = self.env["gov.item"].search([("category_id.name", "=", category), ("state", "=", "published")])
            self.assertCountEqual(items.mapped("name"), names, f"items of {category}")
        self.assertEqual(sum(len(names) for names in ANNEX.values()), 72)

    def test_seeded_items_are_complete_and_valid(self):
        items = self.env["gov.item"].search([("state", "=", "published")])
        Item = self.env["gov.item"]
        for item in items:
            self.assertFalse(item._publish_errors(), item.name)
            self.assertEqual(len(item.implementation_code), 31, item.name)
            self.assertFalse(Item._implementation_code_error(item.implementation_code), item.name)
            self.assertTrue(item.must_enter, item.name)
            if item.online_depth == "4":
                self.assertEqual(item.visits, 0, item.name)
            if item.visits:
                self.assertTrue(item.visit_reason, item.name)
        self.assertEqual(len(set(items.mapped("implementation_code"))), len(items), "implementation codes are unique")
        for department in self.env["gov.item.department"].search([]):
            self.assertFalse(department._credit_code_error(department.credit_code), department.name)


@tagged("gov", "gov_items", "at_install", "-post_install")
class TestItemElements(GovItemsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_items_fixtures()

    def test_fee_in_capital_numerals(self):
        self.assertEqual(amount_to_capital(0), "零元整")
        self.assertEqual(amount_to_capital(0.5), "伍角整")
        self.assertEqual(amount_to_capital(10), "壹拾元整")
        self.assertEqual(amount_to_capital(1234.56), "壹仟贰佰叁拾肆元伍角陆分")
        item = self.Item.create(self._item_vals(fee_type="charged", fee_amount=1234.56, fee_basis="收费文件"))
        self.assertEqual(item.fee_amount_capital, "壹仟贰佰叁拾肆元伍角陆分")
        item.fee_amount = 10
        self.assertEqual(item.fee_amount_capital, "壹拾元整")
        item.fee_type = "free"
        self.assertEqual(item.fee_amount_capital, "零元整")
        self.assertEqual(self.env.ref("gov_items.item_hj_02").fee_amount_capital, "贰拾元整")
        with self.assertRaises(ValidationError):
            item.write({"fee_type": "charged", "fee_amount": 0})

    def test_pinyin_fields(self):
        self.assertEqual(name_to_pinyin("居民户口簿遗失补发"), ("juminhukoubuyishibufa", "jmhkbysbf"))
        self.assertEqual(name_to_pinyin("60岁以上失独人员扶助")[1], "60syssdryfz")
        item = self.Item.create(self._item_vals(name="户口簿测试"))
        self.assertEqual(item.name_initials, "hkbcs")
        item.name = "临时救助测试"
        self.assertEqual(item.name_initials, "lsjzcs", "pinyin follows the name")

    def test_pinyin_search_by_initials(self):
        found = self.Item.search(self.Item._public_search_domain("hkb"))
        self.assertIn(self.env.ref("gov_items.item_hj_01"), found, "hkb finds 居民户口簿遗失补发 (initials substring)")
        self.assertTrue(all("户口簿" in name for name in found.mapped("name")), found.mapped("name"))
        self.assertIn(self.env.ref("gov_items.item_hj_01"), self.Item.search(self.Item._public_search_domain("HuKouBu")))
        self.assertIn(self.env.ref("gov_items.item_hj_01"), self.Item.search(self.Item._public_search_domain("户口簿")))
        dibao = self.Item.search(self.Item._public_search_domain("zdshbz"))
        self.assertEqual(dibao, self.env.ref("gov_items.item_sb_01"))
        self.assertIn(self.env.ref("gov_items.item_hj_01").id, [rid for rid, _name in self.Item.name_search("jmhkb")])
        by_category = self.Item.search(self.Item._public_search_domain(category_id=self.env.ref("gov_items.category_dw").id))
        self.assertEqual(by_category.mapped("name"), ["党（团）组织关系转移"])

    def test_codes(self):
        Item = self.Item
        self.assertFalse(Item._basic_code_error("150599001000", "05"))
        self.assertTrue(Item._basic_code_error("15059900100", "05"), "11 digits")
        self.assertTrue(Item._basic_code_error("15059900100A", "05"), "letters")
        self.assertTrue(Item._basic_code_error("150199001000", "05"), "type digits disagree with the item type")
        with self.assertRaises(ValidationError):
            Item.create(self._item_vals(basic_code="150199001000"))
        item = Item.create(self._item_vals())
        self.assertEqual(item.implementation_code, f"{self.department.credit_code}4150599001000")
        self.assertFalse(Item._implementation_code_error(item.implementation_code))
        bad_check = item.implementation_code[:17] + ("0" if item.implementation_code[17] != "0" else "1") + item.implementation_code[18:]
        self.assertIn("check", Item.with_context(lang="en_US")._implementation_code_error(bad_check))
        self.assertTrue(Item._implementation_code_error(item.implementation_code[:30]), "30 characters")
        self.assertTrue(Item._implementation_code_error(item.implementation_code[:18] + "7" + item.implementation_code[19:]))

    def test_credit_code_check_and_accepted_exception(self):
        Department = self.env["gov.item.department"]
        good = "91150202MA0N0DJ00X"
        from stdnum.cn import uscc

        good = good[:17] + uscc.calc_check_digit(good[:17])
        bad = good[:17] + ("0" if good[17] != "0" else "1")
        Department.create({"name": "好代码单位", "credit_code": good})
        with self.assertRaises(ValidationError):
            Department.create({"name": "坏代码单位", "credit_code": bad})
        with self.assertRaises(AccessError):
            Department.with_user(self.manager).create(
                {"name": "坏代码单位", "credit_code": bad, "credit_code_exception": "证书所载"}
            )
        body = Department.with_user(self.admin).create(
            {"name": "坏代码单位", "credit_code": bad, "credit_code_exception": "登记证书所载代码，校验位历史原因不符"}
        )
        item = self.Item.create(self._item_vals(implementing_body_id=body.id))
        self.assertFalse(self.Item._implementation_code_error(item.implementation_code), "an accepted code counts as valid")
        with self.assertRaises(ValidationError):
            body.with_user(self.admin).credit_code_exception = False

    def test_visits_agree_with_online_depth(self):
        with self.assertRaises(ValidationError):
            self.Item.create(self._item_vals(online_depth="4", visits=1))
        with self.assertRaises(ValidationError):
            self.Item.create(self._item_vals(visits=2, visit_reason=False))
        item = self.Item.create(self._item_vals(online_depth="4", visits=0, visit_reason=False))
        self.assertEqual(item.online_depth, "4")

    def test_time_limits_and_case_kind(self):
        with self.assertRaises(ValidationError):
            self.Item.create(self._item_vals(case_kind="immediate"))
        with self.assertRaises(ValidationError):
            self.Item.create(self._item_vals(promised_time_limit=30))
        item = self.Item.create(self._item_vals(case_kind="immediate", promised_time_limit=0))
        self.assertEqual(item.case_type_code, "1")
        self.assertEqual(self.Item.create(self._item_vals(case_kind="escalated", basic_code="150599002000")).case_type_code, "9")

    def test_reduction_figures(self):
        item = self.Item.create(self._item_vals(legal_material_count=5, legal_step_count=4))
        self.assertEqual(item.time_reduction, 10)
        self.assertAlmostEqual(item.time_reduction_rate, 50.0)
        self.assertEqual(item.material_reduction, 3)
        self.assertEqual(item.step_reduction, 2)

    def test_promised_deadline_in_working_days(self):
        item = self.Item.create(self._item_vals(promised_time_limit=5))
        # Accepted Tuesday 2025-09-30: 1-8 October is the National Day holiday, Saturday 11 October a
        # make-up working day: 9, 10, 11, 13, 14 October.
        self.assertEqual(str(item._promised_deadline("2025-09-30")), "2025-10-14")
        immediate = self.Item.create(self._item_vals(case_kind="immediate", promised_time_limit=0, basic_code="150599006000"))
        self.assertEqual(str(immediate._promised_deadline("2025-10-09")), "2025-10-09")

    def test_conditional_material_needs_condition(self):
        with self.assertRaises(ValidationError):
            self.Item.create(self._item_vals(material_ids=[(0, 0, {"name": "结婚证", "requirement": "conditional"})]))
