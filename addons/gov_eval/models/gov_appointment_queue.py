"""An appointment checked in takes a queue number (prefix Y), called after the green channel and
before walk-ins: at the window (the clerk's check-in button) or at the hall's kiosk, where the
citizen types the appointment number and the last four digits of the phone they booked with."""

import re

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import UserError


class GovAppointment(models.Model):
    _inherit = "gov.appointment"

    ticket_ids = fields.One2many("gov.queue.ticket", "appointment_id", string="Queue Numbers", readonly=True)

    def _queue_service(self):
        """The queue service of the site that serves the appointment's window (else the first one)."""
        self.ensure_one()
        services = self.site_id.sudo().queue_service_ids.filtered("active")
        return services.filtered(lambda s: self.window_id in s._windows_served())[:1] or services[:1]

    def _issue_tickets(self):
        Ticket = self.env["gov.queue.ticket"].sudo()
        tickets = Ticket.browse()
        for appointment in self:
            tickets |= Ticket._issue(
                appointment.site_id, appointment._queue_service(), source="appointment", appointment=appointment
            )
        return tickets

    def action_check_in(self):
        """At the window: check in, and hand the citizen a queue number of the appointments' line."""
        result = super().action_check_in()
        tickets = self._issue_tickets()
        if len(self) == 1 and tickets:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "title": self.env._("Checked in"),
                    "message": self.env._("Queue number %(number)s.", number=tickets[0].number),
                    "sticky": False,
                },
            }
        return result

    @api.model
    def _kiosk_check_in(self, site, number, phone_tail):
        """At the hall's kiosk (a public device, no login): the appointment ``number`` of ``site`` booked
        for today with a phone ending in ``phone_tail`` is checked in; returns its queue ticket.

        One answer for every wrong pair (another site, another day, a wrong number or phone), so that
        the kiosk tells nothing about other people's appointments. The records are the system's to
        change here: the caller proved the booking with its number and phone."""
        number = (number or "").strip().upper()
        phone_tail = re.sub(r"\D", "", phone_tail or "")
        nothing = UserError(
            self.env._(
                "No appointment for today matches this number and phone. Check the confirmation, or ask at the "
                "guide desk."
            )
        )
        if not number or len(number) > 40 or len(phone_tail) != 4:
            raise nothing
        appointment = (
            self.sudo()
            .search([("site_id", "=", site.id), ("number", "=", number), ("date", "=", china_today())], limit=1)
            .filtered(lambda a: re.sub(r"\D", "", a.applicant_phone or "").endswith(phone_tail))
        )
        if not appointment:
            raise nothing
        if appointment.state != "booked":
            raise UserError(self.env._("Appointment %(number)s is already checked in or closed.", number=appointment.number))
        if appointment.stop and appointment.stop <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The time of appointment %(number)s is over: take a number for the service, or book again.",
                    number=appointment.number,
                )
            )
        appointment._transition(("booked",), {"state": "checked_in", "checked_in_at": fields.Datetime.now()})
        appointment.message_post(body=self.env._("Checked in at the hall's kiosk."), subtype_xmlid="mail.mt_note")
        return appointment._issue_tickets()
