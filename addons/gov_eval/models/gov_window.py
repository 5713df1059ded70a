"""The window in the cases module: its queue (the ticket it serves, the tickets waiting for it, its
call buttons) and its rating device (the citizen rates the service just received)."""

import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import AccessError, UserError
from odoo.tools import consteq

from .gov_queue_ticket import AT_WINDOW_STATES, TICKET_STATES

# A citizen rates on the device right after being served: a case whose ticket ended longer ago than
# this is not the one being rated any more.
DEVICE_RECENT_MINUTES = 15


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

    # ------------------------------------------------------------------ evaluation

    # The window's evaluation device (窗口评价器): a tablet on the counter showing the person on duty.
    #
    # The device opens ``/gov/windows/<id>/rate/<token>``; the token is set by the centre's manager from
    # the window form (and changed to retire a device). It rates the case being served at the window, or
    # a walk-in consultation when there is none.

    evaluation_device_token = fields.Char(
        string="Evaluation Device Key", readonly=True, copy=False, groups="gov_center.group_gov_manager"
    )

    def action_set_evaluation_device(self):
        """A new key for the window's device (the old device stops working); the manager opens the
        page on the tablet from here."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group("gov_center.group_gov_manager"):
            raise AccessError(self.env._("The centre's manager sets up the evaluation device of a window."))
        self.sudo().evaluation_device_token = secrets.token_urlsafe(24)
        self.sudo().message_post(body=self.env._("A new evaluation device key was issued; the previous device no longer rates."))
        return self.action_open_evaluation_device()

    def action_open_evaluation_device(self):
        self.ensure_one()
        token = self.sudo().evaluation_device_token
        if not token:
            return self.action_set_evaluation_device()
        return {"type": "ir.actions.act_url", "url": f"/gov/windows/{self.id}/rate/{token}", "target": "new"}

    @api.model
    def _device_from_token(self, window_id, token):
        """The window whose device key is ``token``, else an empty recordset (constant time)."""
        if not token or not isinstance(token, str) or len(token) > 64:
            return self.browse()
        window = self.sudo().browse(int(window_id)).exists()
        if (
            window
            and window.active
            and window.evaluation_device_token
            and consteq(window.evaluation_device_token, token)
        ):
            return window
        return self.browse()

    def _case_being_served(self):
        """The case of the ticket at this window now (or finished in the last minutes)."""
        self.ensure_one()
        since = fields.Datetime.now() - timedelta(minutes=DEVICE_RECENT_MINUTES)
        ticket = (
            self.env["gov.queue.ticket"]
            .sudo()
            .search(
                [
                    ("window_id", "=", self.id),
                    "|",
                    ("state", "in", ("called", "serving")),
                    "&",
                    ("state", "=", "done"),
                    ("done_at", ">=", since),
                ],
                order="called_at desc, id desc",
                limit=1,
            )
        )
        return ticket.case_ids.sorted("id", reverse=True)[:1]
