"""The window's evaluation device (窗口评价器): a tablet on the counter showing the person on duty.

The device opens ``/gov/windows/<id>/rate/<token>``; the token is set by the centre's manager from
the window form (and changed to retire a device). It rates the case being served at the window, or
a walk-in consultation when there is none.
"""

import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import consteq

# A citizen rates on the device right after being served: a case whose ticket ended longer ago than
# this is not the one being rated any more.
DEVICE_RECENT_MINUTES = 15


class GovWindow(models.Model):
    _inherit = "gov.window"

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
