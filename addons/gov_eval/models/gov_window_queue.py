"""A window's queue: the ticket it serves, the tickets waiting for it, its call buttons."""

from odoo import fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import UserError

from .gov_queue_ticket import AT_WINDOW_STATES, TICKET_STATES


class GovWindow(models.Model):
    _inherit = "gov.window"

    queue_ticket_id = fields.Many2one(
        "gov.queue.ticket", compute="_compute_queue", string="Current Ticket", help="Called or being served here."
    )
    queue_ticket_state = fields.Selection(TICKET_STATES, compute="_compute_queue", string="Ticket Status")
    queue_waiting_count = fields.Integer(compute="_compute_queue", string="Waiting for this Window")

    def _compute_queue(self):
        Ticket = self.env["gov.queue.ticket"].sudo()
        today = china_today()
        current = {
            window: tickets[:1]
            for window, tickets in Ticket._read_group(
                [("window_id", "in", self.ids), ("state", "in", AT_WINDOW_STATES)], ["window_id"], ["id:recordset"]
            )
        }
        waiting = Ticket._read_group(
            [("site_id", "in", self.site_id.ids), ("day", "=", today), ("state", "=", "waiting")],
            ["service_id", "target_window_id"],
            ["__count"],
        )
        for window in self:
            ticket = current.get(window._origin, Ticket)
            window.queue_ticket_id = ticket.with_env(self.env)
            window.queue_ticket_state = ticket.state
            count = 0
            for service, target, number in waiting:
                if target:
                    count += number if target == window._origin else 0
                elif service.site_id == window.site_id and window._origin in service._windows_served():
                    count += number
            window.queue_waiting_count = count

    def action_call_next(self):
        """叫号: call the next ticket at this window (ends the current one)."""
        self.ensure_one()
        ticket = self.env["gov.queue.ticket"]._call_next_at(self)
        if not ticket:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {"type": "info", "message": self.env._("Nobody is waiting for %(window)s.", window=self.display_name)},
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Please ask %(number)s to come to %(window)s.", number=ticket.number, window=self.display_name
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _queue_current(self):
        self.ensure_one()
        ticket = self.queue_ticket_id
        if not ticket:
            raise UserError(self.env._("No ticket is called at %(window)s.", window=self.display_name))
        return ticket

    def action_queue_recall(self):
        self._queue_current().action_recall()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_queue_start(self):
        self._queue_current().action_start()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_queue_skip(self):
        self._queue_current().action_skip()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_queue_done(self):
        self._queue_current().action_done()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_queue_transfer(self):
        return self._queue_current().action_transfer()

    def action_queue_intake(self):
        return self._queue_current().action_start_intake()
