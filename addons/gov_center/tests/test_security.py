from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import ChineseEnvCase


class GovUsersMixin:
    @classmethod
    def _gov_users(cls):
        env = cls.env
        district = env["gov.division"].create({"name": "安全区", "code": "159801000000", "division_type": "district"})
        towns = env["gov.division"].create(
            [
                {"name": "甲镇", "code": "159801100000", "division_type": "town", "parent_id": district.id},
                {"name": "乙镇", "code": "159801101000", "division_type": "town", "parent_id": district.id},
            ]
        )
        cls.centre_a, cls.centre_b = env["gov.site"].create(
            [{"name": f"{town.name}便民服务中心", "kind": "township_centre", "division_id": town.id} for town in towns]
        )
        common = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        cls.clerk = new_test_user(env, "t_gov_clerk", groups="gov_center.group_gov_clerk", **common)
        cls.manager = new_test_user(env, "t_gov_manager", groups="gov_center.group_gov_manager", **common)
        cls.admin = new_test_user(env, "t_gov_admin", groups="gov_center.group_gov_admin", **common)
        cls.agent = new_test_user(env, "t_gov_agent", groups="gov_center.group_gov_agent", **common)
        cls.approver = new_test_user(env, "t_gov_approver", groups="gov_center.group_gov_approver", **common)
        (cls.clerk | cls.manager).gov_site_ids = cls.centre_a


@tagged("gov", "at_install", "-post_install")
class TestGroups(ChineseEnvCase, GovUsersMixin, TransactionCase):
    """Roles imply each other as DESIGN.md says, and menus and records follow the roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_users()

    def test_implications(self):
        self.assertTrue(self.admin.has_group("gov_center.group_gov_manager"))
        self.assertTrue(self.admin.has_group("gov_center.group_gov_clerk"))
        self.assertTrue(self.admin.has_group("gov_center.group_gov_approver"))
        self.assertTrue(self.manager.has_group("gov_center.group_gov_clerk"))
        self.assertFalse(self.manager.has_group("gov_center.group_gov_admin"))
        self.assertFalse(self.clerk.has_group("gov_center.group_gov_manager"))
        self.assertFalse(self.agent.has_group("gov_center.group_gov_clerk"))
        self.assertFalse(self.approver.has_group("gov_center.group_gov_clerk"))

    def _visible(self, user):
        """Menus the user can reach: the menu and every menu above it are visible to them."""
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        reachable = set()
        for xmlid in self._menu_xmlids:
            menu = self.env.ref(xmlid)
            chain = menu
            while chain.parent_id:
                chain = chain.parent_id
                menu |= chain
            if set(menu.ids) <= visible_ids:
                reachable.add(xmlid)
        return reachable

    _menu_xmlids = (
        "gov_center.menu_gov_root",
        "gov_center.menu_gov_site",
        "gov_center.menu_gov_config",
        "gov_center.menu_gov_division",
        "gov_center.menu_gov_holiday",
    )

    def test_clerk_cannot_reach_admin_menus(self):
        visible = self._visible(self.clerk)
        self.assertIn("gov_center.menu_gov_root", visible)
        self.assertIn("gov_center.menu_gov_site", visible)
        self.assertNotIn("gov_center.menu_gov_config", visible)
        self.assertNotIn("gov_center.menu_gov_division", visible)
        self.assertNotIn("gov_center.menu_gov_holiday", visible)

    def test_admin_reaches_admin_menus(self):
        self.assertEqual(self._visible(self.admin), set(self._menu_xmlids))

    def test_every_role_sees_the_app(self):
        for user in (self.agent, self.approver, self.clerk, self.manager, self.admin):
            with self.subTest(user=user.login):
                self.assertIn("gov_center.menu_gov_root", self._visible(user))

    def test_clerk_reads_but_cannot_change_reference_data(self):
        division = self.centre_a.division_id.with_user(self.clerk)
        self.assertEqual(division.name, "甲镇")
        with self.assertRaises(AccessError):
            division.name = "改名镇"
        with self.assertRaises(AccessError):
            self.env["gov.holiday"].with_user(self.clerk).create({"date": "2041-05-01", "name": "劳动节"})
        with self.assertRaises(AccessError):
            self.centre_a.with_user(self.clerk).phone = "0472-0000000"

    def test_manager_edits_own_centre_only(self):
        self.centre_a.with_user(self.manager).phone = "0472-1111111"
        self.assertEqual(self.centre_a.phone, "0472-1111111")
        with self.assertRaises(AccessError):
            self.centre_b.with_user(self.manager).phone = "0472-2222222"
        # ... and the windows of the own centre only.
        self.env["gov.window"].with_user(self.manager).create(
            {"site_id": self.centre_a.id, "code": "01", "name": "综合受理窗口"}
        )
        with self.assertRaises(AccessError):
            self.env["gov.window"].with_user(self.manager).create(
                {"site_id": self.centre_b.id, "code": "01", "name": "综合受理窗口"}
            )

    def test_admin_edits_everything(self):
        self.centre_b.with_user(self.admin).phone = "0472-3333333"
        self.env["gov.holiday"].with_user(self.admin).create({"date": "2041-05-01", "name": "劳动节"})
        self.env["gov.division"].with_user(self.admin).create(
            {"name": "丙镇", "code": "159801102000", "division_type": "town", "parent_id": self.centre_a.division_id.parent_id.id}
        )


@tagged("gov", "post_install", "-at_install")
class TestClerkWebClient(ChineseEnvCase, GovUsersMixin, HttpCase):
    """A clerk who logs in sees the 政务服务 app, in Chinese, and not the configuration."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._gov_users()

    def test_menus_served_to_clerk(self):
        self.authenticate("t_gov_clerk", "t_gov_clerk")
        menus = self.url_open("/web/webclient/load_menus").json()
        names = {menu["name"] for menu in menus.values() if isinstance(menu, dict) and "name" in menu}
        self.assertIn("政务服务", names)
        self.assertIn("服务站点", names)
        self.assertNotIn("行政区划", names)
        self.assertNotIn("工作日历", names)

    def test_clerk_home_screen_in_browser(self):
        # Real Chromium: the home menu shows the app by its Chinese name.
        # Real Chromium: the clerk opens the apps menu and finds the app by its Chinese name.
        code = """
            document.querySelector('.o_navbar_apps_menu button').click();
            const check = (tries) => {
                const apps = [...document.querySelectorAll('.o_app')].map((el) => el.innerText.trim());
                if (apps.some((name) => name.includes('政务服务'))) {
                    console.log('test successful');
                } else if (tries > 0) {
                    setTimeout(() => check(tries - 1), 200);
                } else {
                    console.error('政务服务 not among the apps: ' + JSON.stringify(apps));
                }
            };
            check(25);
        """
        self.browser_js(
            "/odoo", code, ready="!!document.querySelector('.o_navbar_apps_menu button')", login="t_gov_clerk"
        )
