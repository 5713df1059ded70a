"""等保 2.0 (GB/T 22239-2019 level 2) account and audit controls, as data/gov_security_policy_data.xml sets them."""

import datetime
from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ChineseEnvCase

STRONG = ["Gov-Svc#2026a", "Gov-Svc#2026b", "Gov-Svc#2026c", "Gov-Svc#2026d", "Gov-Svc#2026e", "Gov-Svc#2026f"]


@tagged("gov", "at_install", "-post_install")
class TestSecurityPolicy(ChineseEnvCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        common = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        cls.clerk = new_test_user(env, "t_policy_clerk", groups="gov_center.group_gov_clerk", **common)
        cls.gov_admin = new_test_user(env, "t_policy_admin", groups="gov_center.group_gov_admin", **common)
        division = env["gov.division"].create({"name": "审计区", "code": "159901000000", "division_type": "district"})
        cls.site = env["gov.site"].create({"name": "审计区政务服务中心", "kind": "district_centre", "division_id": division.id})
        cls.Param = env["ir.config_parameter"].sudo()

    @contextmanager
    def enforced(self):
        """password_security leaves passwords unchecked while tests run, except its own tests
        (ResUsers._check_password_policy reads odoo.modules.module.current_test.test_module):
        present this test as one of them, so that the rules apply as they do in production."""
        with patch.object(self, "test_module", "password_security"):
            yield

    def change_own_password(self, user, old, new):
        """The user's own change (preferences > change password), in Chinese."""
        user.invalidate_recordset(["password", "password_history_ids"])  # as a new request would
        user.with_user(user).with_context(lang="zh_CN").change_password(old, new)

    # ------------------------------------------------------------------ passwords

    def test_password_rules(self):
        self.assertEqual(self.Param.get_param("auth_password_policy.minlength"), "8")
        for key in ("lower", "upper", "numeric", "special"):
            self.assertEqual(self.Param.get_param(f"password_security.{key}"), "1", key)
        # neither password_security nor Odoo's auth_password_policy ships Chinese for these
        # messages: gov_center words them (res_users.py), and the clerk reads them in Chinese.
        with self.enforced():
            with self.assertRaisesRegex(UserError, "密码至少需要 8 个字符"):
                self.change_own_password(self.clerk, "t_policy_clerk", "Ab#1")
            for weak, missing in (
                ("GOV-SVC#2026", "小写字母"),
                ("gov-svc#2026", "大写字母"),
                ("Gov-Svc#Abcd", "数字"),
                ("GovSvc2026ab", "特殊字符"),
            ):
                with self.subTest(weak=weak), self.assertRaisesRegex(ValidationError, missing) as refused:
                    self.change_own_password(self.clerk, "t_policy_clerk", weak)
                self.assertIn("密码至少 8 个字符", str(refused.exception))
            self.change_own_password(self.clerk, "t_policy_clerk", STRONG[0])
        credential = {"login": self.clerk.login, "password": STRONG[0], "type": "password"}
        self.assertTrue(self.clerk.with_user(self.clerk)._check_credentials(credential, {"interactive": True}))

    def set_password(self, user, new):
        """An administrator sets the password (Settings > Users > Change Password)."""
        user.invalidate_recordset(["password", "password_history_ids"])  # as a new request would
        self.env["change.password.wizard"].create(
            {"user_ids": [Command.create({"user_id": user.id, "user_login": user.login, "new_passwd": new})]}
        ).change_password_button()

    def test_password_history(self):
        self.assertEqual(self.Param.get_param("password_security.history"), "5")
        with self.enforced():
            for new in STRONG[:5]:
                self.set_password(self.clerk, new)
            # the last five passwords are refused, set by an administrator or by the user
            for reused in STRONG[:5]:
                with self.subTest(reused=reused), self.assertRaisesRegex(UserError, "最近 5 次"):
                    self.set_password(self.clerk, reused)
            with self.assertRaisesRegex(UserError, "最近 5 次"):
                self.change_own_password(self.clerk, STRONG[4], STRONG[2])
            # one more, and the oldest of the five is free again, the next one is not
            self.set_password(self.clerk, STRONG[5])
            with self.assertRaisesRegex(UserError, "最近 5 次"):
                self.set_password(self.clerk, STRONG[1])
            self.set_password(self.clerk, STRONG[0])

    def test_password_expiry(self):
        self.assertEqual(self.Param.get_param("password_security.expiration_days"), "90")
        now = fields.Datetime.now()
        self.clerk.password_write_date = now - datetime.timedelta(days=89)
        self.assertFalse(self.clerk._password_has_expired())
        self.clerk.password_write_date = now - datetime.timedelta(days=91)
        self.assertTrue(self.clerk._password_has_expired())

    # ------------------------------------------------------------------ logins and sessions

    def test_login_cooldown(self):
        self.assertEqual(self.Param.get_param("base.login_cooldown_after"), "5")
        self.assertEqual(self.Param.get_param("base.login_cooldown_duration"), "1800")
        Users = self.env["res.users"]
        now = datetime.datetime.now()
        self.assertFalse(Users._on_login_cooldown(4, now), "4 failures: the fifth attempt is still allowed")
        self.assertTrue(Users._on_login_cooldown(5, now), "5 failures: refused")
        self.assertTrue(Users._on_login_cooldown(5, now - datetime.timedelta(minutes=29)))
        self.assertFalse(Users._on_login_cooldown(5, now - datetime.timedelta(minutes=31)), "30 minutes later")

    def test_session_timeout(self):
        self.assertEqual(self.Param.get_param("inactive_session_time_out_delay"), "1800")
        Param = self.env["ir.config_parameter"]
        self.assertEqual(Param._auth_timeout_get_parameter_delay(), 1800)
        with patch("odoo.addons.auth_session_timeout.models.res_users.time", return_value=10_000):
            self.assertEqual(self.env["res.users"]._auth_timeout_deadline_calculate(), 10_000 - 1800)

    # ------------------------------------------------------------------ audit

    def logs(self, record):
        """Audit logs of ``record`` as the district administrator finds them: "View logs" on its form."""
        action = self.env["ir.actions.act_window"].search(
            [("binding_model_id.model", "=", record._name), ("res_model", "=", "auditlog.log")]
        )
        self.assertEqual(len(action), 1)
        self.assertIn(self.env.ref("gov_center.group_gov_admin"), action.group_ids)
        domain = safe_eval(action.domain, {"active_id": record.id})
        return self.env["auditlog.log"].with_user(self.gov_admin).search(domain)

    def changed_fields(self, logs, method="write"):
        return set(logs.filtered(lambda log: log.method == method).line_ids.mapped("field_name"))

    def test_audit_user_access_rights(self):
        self.assertIn("create", self.logs(self.clerk).mapped("method"))
        self.clerk.write({"group_ids": [Command.link(self.env.ref("gov_center.group_gov_manager").id)]})
        self.clerk.write({"gov_site_ids": [Command.link(self.site.id)]})
        self.clerk.write({"login": "t_policy_clerk2", "active": False})
        logs = self.logs(self.clerk)
        self.assertLessEqual({"group_ids", "gov_site_ids", "login", "active"}, self.changed_fields(logs))
        lines = logs.line_ids.filtered(lambda line: line.field_name == "gov_site_ids")
        self.assertTrue(any(self.site.name in (line.new_value_text or "") for line in lines), lines.mapped("new_value_text"))
        self.assertEqual(logs.filtered(lambda log: log.method == "write").user_id, self.env.user)
        # a window clerk reads no audit log
        self.assertFalse(self.env["auditlog.log"].with_user(self.clerk).has_access("read"))

    def test_audit_groups_and_site_staff(self):
        group = self.env.ref("gov_center.group_gov_approver")
        group.write({"user_ids": [Command.link(self.clerk.id)]})
        self.assertIn("user_ids", self.changed_fields(self.logs(group)))
        self.site.write({"user_ids": [Command.link(self.clerk.id)]})
        self.assertIn("user_ids", self.changed_fields(self.logs(self.site)))
        self.site.unlink()
        self.assertIn("unlink", self.logs(self.site).mapped("method"))

    def test_audit_retention(self):
        cron = self.env.ref("auditlog.ir_cron_auditlog_autovacuum")
        self.assertTrue(cron.active)
        self.assertEqual(cron.code.strip(), "model.autovacuum(180)")
        log = self.logs(self.clerk)[:1]
        self.assertTrue(log)
        self.env.cr.execute(
            "UPDATE auditlog_log SET create_date = now() at time zone 'UTC' - interval '179 days' WHERE id = %s", [log.id]
        )
        log.invalidate_recordset()
        cron.ir_actions_server_id.run()
        self.assertTrue(log.exists(), "a log of 179 days is kept")
        self.env.cr.execute(
            "UPDATE auditlog_log SET create_date = now() at time zone 'UTC' - interval '181 days' WHERE id = %s", [log.id]
        )
        log.invalidate_recordset()
        cron.ir_actions_server_id.run()
        self.assertFalse(log.exists(), "a log of 181 days is deleted")
