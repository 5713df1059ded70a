import io
import re
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GovStaffCase, day


@tagged("post_install", "-at_install")
class TestStaffXlsx(GovStaffCase):
    """The Excel exports of gov_staff (OCA report_xlsx, gov.xlsx.report): Chinese headers, one row per
    shift, person, attendance or plan, read with the exporter's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.env["res.users"].create(
            {
                "name": "测试中心负责人",
                "login": "t_h3_xlsx_manager",
                "lang": "zh_CN",
                "tz": "Asia/Shanghai",
                "group_ids": [(6, 0, [cls.env.ref("gov_center.group_gov_manager").id])],
                "gov_site_ids": [(6, 0, cls.site.ids)],
            }
        )
        cls.citizen = new_test_user(cls.env, "t_h3_xlsx_citizen", groups="base.group_portal")

    def _book(self, report, records, user=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.manager)
            .with_context(lang="zh_CN")
            ._render_xlsx(report, records.ids, data={})
        )
        self.assertEqual(kind, "xlsx")
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        rows = len(re.findall(r"<row ", sheet)) - 1  # less the header row
        return strings, rows

    def _refused(self, report, records):
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.citizen)._render_xlsx(report, records.ids, data={})

    def test_roster(self):
        roster = self.env["gov.roster"].create({"site_id": self.site.id, "date_from": day(0), "date_to": day(0)})
        roster.action_generate()
        self.assertTrue(roster.shift_ids)
        strings, rows = self._book("gov_staff.roster_xlsx", roster)
        self.assertEqual(rows, len(roster.shift_ids), "one row per shift")
        for header in ("日期", "窗口", "值班人员", "小时"):
            self.assertIn(header, strings)
        self.assertIn("测试镇便民服务中心", strings)
        self.assertIn("甲一", strings)
        self._refused("gov_staff.roster_xlsx", roster)

    def test_staff(self):
        staff = self.alice | self.bob | self.carol
        strings, rows = self._book("gov_staff.staff_xlsx", staff)
        self.assertEqual(rows, 3)
        for text in ("姓名", "工号", "担任A岗", "可任职窗口", "甲一", "乙二", "丙三", "TT-1", "综合受理窗口"):
            self.assertIn(text, strings)
        self.assertNotIn("丁四", strings, "only the exported people")
        self._refused("gov_staff.staff_xlsx", staff)

    def test_training_records(self):
        session = self._training(self.alice | self.bob, 0, 9, 12)
        session.attendance_ids.filtered(lambda a: a.employee_id == self.bob).attendance = "absent"
        session.attendance_ids.filtered(lambda a: a.employee_id == self.alice).attendance = "present"
        self._close(session)
        number = session.attendance_ids.filtered(lambda a: a.employee_id == self.alice).certificate_no
        strings, rows = self._book("gov_staff.training_xlsx", session.attendance_ids)
        self.assertEqual(rows, 2, "one row per attendance")
        for text in ("参训人员", "证书编号", "学时", "岗位练兵", "甲一", "乙二", "缺勤", number):
            self.assertIn(text, strings)
        self._refused("gov_staff.training_xlsx", session.attendance_ids)

    def test_capability_plans(self):
        plan = self.env["gov.capability.plan"].create({"site_id": self.site.id, "year": 2031, "planned_hours": 10})
        strings, rows = self._book("gov_staff.capability_plan_xlsx", plan)
        self.assertEqual(rows, 1)
        for text in ("中心", "截止日期", "逾期", "测试镇便民服务中心", "草稿"):
            self.assertIn(text, strings)
        self._refused("gov_staff.capability_plan_xlsx", plan)
