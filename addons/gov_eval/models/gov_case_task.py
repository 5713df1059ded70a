from odoo import api, fields, models
from odoo.exceptions import UserError


class GovCaseTask(models.Model):
    """A department's part of a joint case (联办件): the lead case closes when every part is done."""

    _name = "gov.case.task"
    _description = "Joint Case Sub-task"
    _inherit = ["gov.case.line"]
    _order = "case_id, deadline, id"

    name = fields.Char(string="Task", required=True)
    department_id = fields.Many2one("gov.item.department", required=True)
    user_id = fields.Many2one("res.users", string="Assignee", domain="[('share', '=', False)]")
    deadline = fields.Date(required=True)
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True, readonly=True)
    done_on = fields.Date(readonly=True)
    note = fields.Text()

    def _gov_line_locked(self):
        return self.state == "done"

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        for case in tasks.case_id:
            if case.kind != "joint":
                raise UserError(
                    self.env._("Sub-tasks belong to joint cases (联办件): %(case)s is not one.", case=case.display_name)
                )
        for task in tasks.filtered("user_id"):
            task.case_id._schedule(
                task.user_id, self.env._("Joint case %(case)s: %(task)s", case=task.case_id.number, task=task.name)
            )
        return tasks

    def action_done(self):
        for task in self:
            task.check_access("write")
            if task.state == "done":
                continue
            task._gov_unlocked().write({"state": "done", "done_on": fields.Date.context_today(self)})
            case = task.case_id
            case.message_post(
                body=self.env._(
                    "Sub-task done: %(task)s (%(department)s), by %(user)s.",
                    task=task.name,
                    department=task.department_id.name,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if not case.open_task_count and case.user_id:
                case._schedule(case.user_id, self.env._("Every sub-task of joint case %(case)s is done", case=case.number))
        return True
