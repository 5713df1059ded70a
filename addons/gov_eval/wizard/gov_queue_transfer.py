"""The wizard moving a queue ticket to another service or window (转办)."""

from odoo import api, fields, models


class GovQueueTransfer(models.TransientModel):
    _name = "gov.queue.transfer"
    _description = "Transfer a Queue Ticket"

    ticket_id = fields.Many2one("gov.queue.ticket", required=True, readonly=True)
    site_id = fields.Many2one(related="ticket_id.site_id")
    service_id = fields.Many2one(
        "gov.queue.service", string="To Service", domain="[('site_id', '=', site_id)]", required=True
    )
    window_id = fields.Many2one(
        "gov.window",
        string="To Window",
        domain="[('site_id', '=', site_id), ('is_open', '=', True)]",
        help="Only this window will call the ticket; any window of the service when empty.",
    )

    @api.onchange("ticket_id")
    def _onchange_ticket(self):
        if self.ticket_id and not self.service_id:
            self.service_id = self.ticket_id.service_id

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id.action_transfer(service=self.service_id.id, window=self.window_id.id or None)
        return {"type": "ir.actions.act_window_close"}
