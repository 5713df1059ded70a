from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSecurity(ChineseEnvCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.env.ref("gov_center.user_gov_manager")  # 沙尔沁镇 (t100)
        cls.clerk = cls.env.ref("gov_center.user_gov_clerk")
        cls.t100 = cls.env.ref("gov_center.site_centre_t100")
        cls.t001 = cls.env.ref("gov_center.site_centre_t001")
        cls.own = cls.env.ref("gov_staff.employee_t100_wangfang")
        cls.foreign = cls.env.ref("gov_staff.employee_t001_lihua")

    def test_manager_cannot_see_or_edit_another_centres_staff(self):
        Employee = self.env["hr.employee"].with_user(self.manager)
        visible = Employee.search([("gov_site_id", "!=", False)])
        self.assertIn(self.own, visible)
        self.assertNotIn(self.foreign, visible)
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.manager).read(["name"])
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.manager).write({"gov_badge": "X"})
        # Their own centre's staff they manage, and hire.
        self.own.with_user(self.manager).write({"gov_dispatch_unit": "沙尔沁镇民政办"})
        new = Employee.create({"name": "新同事", "gov_site_id": self.t100.id})
        self.assertEqual(new.gov_managed_by, "centre")
        with self.assertRaises(AccessError):
            Employee.create({"name": "越权", "gov_site_id": self.t001.id})
        with self.assertRaises(AccessError):
            new.write({"gov_site_id": self.t001.id})

    def test_manager_hires_through_the_staff_form(self):
        """The staff form sends what the web client sends; a manager who is no HR officer can save it."""
        Employee = self.env["hr.employee"].with_user(self.manager).with_context(default_gov_site_id=self.t100.id)
        with Form(Employee, view="gov_staff.view_gov_staff_form") as form:
            form.name = "新招聘人员"
            form.gov_badge = "SEQ-099"
            form.gov_service_mode = "purchased"
            form.gov_window_ids.add(self.env.ref("gov_center.window_site_centre_t100_01"))
        employee = form.record
        self.assertEqual(employee.gov_site_id, self.t100)
        self.assertFalse(self.manager.has_group("hr.group_hr_user"))
        with Form(employee.with_user(self.manager), view="gov_staff.view_gov_staff_form") as form:
            form.gov_public_phone = "0472-5550099"
            form.gov_contact_public = True
        self.assertEqual(employee.gov_public_phone, "0472-5550099")

    def test_manager_rosters_and_notices_limited_to_own_centre(self):
        other_roster = self.env["gov.roster"].create(
            {"site_id": self.t001.id, "date_from": "2031-05-05", "date_to": "2031-05-11"}
        )
        Roster = self.env["gov.roster"].with_user(self.manager)
        self.assertNotIn(other_roster, Roster.search([]))
        self.assertIn(self.env.ref("gov_staff.roster_t100_this_week"), Roster.search([]))
        with self.assertRaises(AccessError):
            Roster.create({"site_id": self.t001.id, "date_from": "2031-06-02", "date_to": "2031-06-08"})
        with self.assertRaises(AccessError):
            self.env.ref("gov_center.window_site_centre_t001_01").with_user(self.manager).write(
                {"post_b_id": self.foreign.id}
            )

    def test_clerk_reads_colleagues_and_posts_only_own_notice(self):
        Employee = self.env["hr.employee"].with_user(self.clerk)
        self.assertIn(self.own, Employee.search([]))
        self.assertNotIn(self.foreign, Employee.search([]))
        with self.assertRaises(AccessError):
            self.own.with_user(self.clerk).write({"gov_badge": "X"})
        Notice = self.env["gov.whereabouts"].with_user(self.clerk)
        mine = Notice.create(
            {
                "reason": "到村委会核实材料",
                "contact": "0472-5551001",
                "expected_return": "2031-01-01 03:00:00",
                "date_start": "2031-01-01 02:00:00",
            }
        )
        self.assertEqual(mine.employee_id, self.env.ref("gov_staff.employee_t100_zhangmin"))
        self.assertEqual(mine.window_id, self.env.ref("gov_center.window_site_centre_t100_01"))
        mine.action_return()
        with self.assertRaises(AccessError):
            Notice.create(
                {
                    "employee_id": self.own.id,
                    "reason": "代同事留言",
                    "contact": "1",
                    "date_start": "2031-01-01 02:00:00",
                    "expected_return": "2031-01-01 03:00:00",
                }
            )
        # Windows and their posts are readable; the roster is read-only for clerks.
        self.assertTrue(self.env.ref("gov_center.window_site_centre_t100_01").with_user(self.clerk).duty_state)
        with self.assertRaises(AccessError):
            self.env.ref("gov_staff.roster_t100_this_week").with_user(self.clerk).action_draft()

    def test_station_committee_manages_its_station_staff(self):
        # A village station (gov_station adds the kind; here a site flagged as not a centre).
        station = self.env.ref("gov_center.site_centre_t101")
        self.env.cr.execute("UPDATE gov_site SET is_centre = FALSE WHERE id = %s", [station.id])
        station.invalidate_recordset(["is_centre"])
        committee = self.env["res.users"].create(
            {
                "name": "村委会管理员",
                "login": "gov_committee_test",
                "group_ids": [(6, 0, [self.env.ref("gov_center.group_gov_agent").id])],
                "gov_site_ids": [(6, 0, station.ids)],
            }
        )
        Employee = self.env["hr.employee"].with_user(committee)
        member = Employee.create({"name": "村级代办员", "gov_site_id": station.id, "gov_service_mode": "village"})
        self.assertEqual(member.gov_managed_by, "committee")
        member.write({"gov_work_time": "part"})
        self.assertNotIn(self.own, Employee.search([]))
        with self.assertRaises(AccessError):
            Employee.create({"name": "越权", "gov_site_id": self.t100.id})
        with self.assertRaises(AccessError):
            self.own.with_user(committee).write({"gov_badge": "X"})

    def test_manager_cannot_touch_the_contract(self):
        with self.assertRaisesRegex(AccessError, "wage"):
            self.env["hr.employee"].with_user(self.manager).create(
                {"name": "带合同", "gov_site_id": self.t100.id, "wage": 5000}
            )
        with self.assertRaisesRegex(AccessError, "private_phone"):
            self.own.with_user(self.manager).write({"private_phone": "13900000000"})
