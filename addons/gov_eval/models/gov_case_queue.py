"""A case taken from a queue ticket."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class GovCase(models.Model):
    _inherit = "gov.case"

    ticket_id = fields.Many2one(
        "gov.queue.ticket",
        string="Queue Ticket",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        tracking=True,
        domain="[('site_id', 'in', (site_id, centre_id)), ('state', 'in', ('called', 'serving'))]",
        help="The queue number the citizen held when the case was started at the window.",
    )

    @api.constrains("ticket_id", "site_id")
    def _check_ticket_site(self):
        for case in self.filtered("ticket_id"):
            ticket_site = case.ticket_id.sudo().site_id
            if ticket_site not in (case.site_id | case.site_id.parent_id):
                raise UserError(
                    self.env._("Queue ticket %(number)s was issued at another site.", number=case.ticket_id.sudo().number)
                )

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        tickets = cases.ticket_id
        if tickets:
            tickets.check_access("write")  # linking a case moves the ticket: the caller works that queue
            tickets._on_case_created()
        return cases

    def write(self, vals):
        result = super().write(vals)
        if vals.get("ticket_id"):
            self.ticket_id.check_access("write")
            self.ticket_id._on_case_created()
        return result
