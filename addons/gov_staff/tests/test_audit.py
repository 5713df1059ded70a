"""等保 2.0 audit of staff records (data/gov_staff_audit_data.xml): changes to hr.employee are logged."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import GovStaffCase


@tagged("gov", "at_install", "-post_install")
class TestStaffAudit(GovStaffCase):
    def test_employee_changes_are_logged(self):
        gov_admin = new_test_user(self.env, "t_audit_gov_admin", groups="gov_center.group_gov_admin")
        Log = self.env["auditlog.log"].with_user(gov_admin)

        def logs(method):
            return Log.search(
                [("model_model", "=", "hr.employee"), ("res_id", "=", self.alice.id), ("method", "=", method)]
            )

        self.assertEqual(len(logs("create")), 1, "the creation of a staff record is logged")
        self.alice.write({"gov_badge": "TT-9", "gov_window_ids": [Command.unlink(self.w_issue.id)]})
        line = logs("write").line_ids.filtered(lambda line: line.field_name == "gov_badge")
        self.assertEqual((line.old_value_text, line.new_value_text), ("TT-1", "TT-9"))
        self.assertIn("gov_window_ids", logs("write").line_ids.mapped("field_name"))
        self.alice.active = False
        self.assertIn("active", logs("write").line_ids.mapped("field_name"))
        self.assertEqual(logs("write").user_id, self.env.user)
        # personal data Odoo keeps to HR officers is not copied into the log
        rule = self.env.ref("gov_staff.auditlog_rule_hr_employee")
        excluded = set(rule.fields_to_exclude_ids.mapped("name"))
        self.assertLessEqual({"private_phone", "identification_id", "bank_account_ids", "birthday"}, excluded)
        self.assertFalse({"gov_badge", "gov_window_ids", "name", "active"} & excluded)
        self.alice.private_phone = "13900000000"
        self.assertNotIn("private_phone", logs("write").line_ids.mapped("field_name"))
        self.assertNotIn("13900000000", "".join(logs("create").line_ids.mapped(lambda line: str(line.new_value_text))))
