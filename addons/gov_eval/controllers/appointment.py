"""Appointments (预约服务) on the public site pages and the portal.

- ``/gov/sites/<site_id>/book`` (public): the site's bookable items, then the slots of the
  booking horizon with the seats left;
- ``/gov/sites/<site_id>/book/confirm`` (login required): the chosen slot, the applicant's name
  and phone, and the booking itself (POST, CSRF);
- ``/my/appointments`` and ``/my/appointments/<id>`` (login required): the citizen's own
  appointments, the confirmation (number, time, address, what to bring) and the cancel button.

Thin: slots, booking and cancelling are model methods (``gov.appointment``) the tests call too;
bookings are created with the caller's own rights (a portal user books for themselves only).
"""

import datetime
import re

import babel.dates

from odoo import http
from odoo.addons.gov_center.controllers.params import (
    ID,
    PATH_ID,
    public_page,
    readonly_get,
    to_date,
    to_id,
    to_text,
)
from odoo.addons.gov_center.controllers.public import public_site
from odoo.addons.gov_center.tools import format_hour
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import babel_locale_parse

from ..models.gov_appointment import china_today
from .main import own_portal_record
from .portal import portal_list

_MINUTE_RE = re.compile(r"[0-9]{1,4}", re.ASCII)


def to_minute(value):
    """Minutes after midnight (0..1439) written in ASCII digits, else None."""
    if not isinstance(value, str) or not _MINUTE_RE.fullmatch(value):
        return None
    minute = int(value)
    return minute if minute < 24 * 60 else None


class GovAppointmentPortal(CustomerPortal):
    # ------------------------------------------------------------------ helpers
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "appointment_count" in counters:
            Appointment = request.env["gov.appointment"]
            values["appointment_count"] = (
                Appointment.search_count(self._appointment_domain()) if Appointment.has_access("read") else 0
            )
        return values

    def _appointment_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    @staticmethod
    def _bookable_lines(site):
        """The site's public item lines that can be booked: all of them as long as a window of the
        site is open (``gov.appointment._item_windows``: the item's window, the comprehensive ones,
        or else every open window). Whether someone is on duty is the slots' business."""
        return site._public_item_lines() if site.window_ids.filtered("is_open") else site.item_line_ids.browse()

    @staticmethod
    def _day_label(day):
        locale = babel_locale_parse(request.env.lang or "zh_CN")
        return babel.dates.format_date(day, "EEE M/d", locale=locale)

    def _slot_grid(self, site, item):
        Appointment = request.env["gov.appointment"]
        today = china_today()
        horizon = Appointment._appointment_params()["horizon_days"]
        slots = Appointment._bookable_slots(site, item, today, today + datetime.timedelta(days=horizon))
        modes = dict(request.env["gov.service.slot"]._fields["mode"]._description_selection(request.env))
        days = {}
        for slot in slots:
            days.setdefault(slot["date"], []).append(
                {
                    "minute": round(slot["hour_from"] * 60),
                    "label": f"{format_hour(slot['hour_from'])}–{format_hour(slot['hour_to'])}",
                    "mode": slot["mode"],
                    "mode_label": modes.get(slot["mode"], ""),
                    "remaining": slot["remaining"],
                    "capacity": slot["capacity"],
                }
            )
        return [
            {"date": day, "iso": day.isoformat(), "label": self._day_label(day), "slots": day_slots}
            for day, day_slots in sorted(days.items())
        ]

    def _chosen_slot(self, site, item, day, minute):
        """The bookable slot a citizen chose, or None."""
        if not (site and item and day and minute is not None):
            return None
        slots = request.env["gov.appointment"]._bookable_slots(site, item, day, day)
        return next((s for s in slots if round(s["hour_from"] * 60) == minute), None)

    # ------------------------------------------------------------------ public: choose
    @public_page("/gov/sites/<site_id>/book", site_id=PATH_ID, item_id=ID)
    def public_book(self, site_id, item_id=None, **kwargs):
        site = public_site(site_id)
        if not site:
            raise request.not_found()
        lines = self._bookable_lines(site)
        line = next((line for line in lines if line.item_id.id == item_id), None) if item_id else None
        values = {
            "site": site,
            "site_id": site.id,
            "lines": lines,
            "item": line.item_id if line else None,
            "days": self._slot_grid(site, line.item_id) if line else [],
            "page_name": "gov_book",
        }
        return request.render("gov_eval.public_book", values)

    # ------------------------------------------------------------------ logged in: confirm and book
    @http.route(
        "/gov/sites/<site_id>/book/confirm",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
        readonly=readonly_get,
    )
    def book_confirm(self, site_id, **post):
        site = public_site(site_id)
        item_id, day, minute = to_id(post.get("item_id")), to_date(post.get("date")), to_minute(post.get("minute"))
        lines = self._bookable_lines(site) if site else []
        line = next((line for line in lines if line.item_id.id == item_id), None)
        if not line or not day or minute is None:
            raise request.not_found()
        item = line.item_id
        user = request.env.user
        values = {
            "site": site,
            "item": item,
            "day": day,
            "day_label": self._day_label(day),
            "minute": minute,
            "slot_time": format_hour(minute / 60),
            "applicant_name": to_text(post.get("applicant_name"), 60) or user.partner_id.name or "",
            "applicant_phone": to_text(post.get("applicant_phone"), 20) or user.partner_id.phone or "",
            "error": "",
            "page_name": "gov_book",
        }
        slot = self._chosen_slot(site, item, day, minute)
        if request.httprequest.method == "POST":
            if not slot:
                values["error"] = request.env._("This time can no longer be booked: choose another one.")
            else:
                try:
                    with request.env.cr.savepoint():
                        appointment = request.env["gov.appointment"].create(
                            {
                                "site_id": site.id,
                                "item_id": item.id,
                                "partner_id": user.partner_id.id,
                                "date": day,
                                "hour_from": slot["hour_from"],
                                "applicant_name": values["applicant_name"],
                                "applicant_phone": values["applicant_phone"],
                            }
                        )
                except (UserError, ValidationError, AccessError) as error:
                    values["error"] = str(error.args[0] if error.args else error)
                else:
                    return request.redirect(f"/my/appointments/{appointment.id}?booked=1")
        elif not slot:
            values["error"] = request.env._("This time can no longer be booked: choose another one.")
        if slot:
            values["slot_end"] = format_hour(slot["hour_to"])
            values["remaining"] = slot["remaining"]
        return request.render("gov_eval.public_book_confirm", values)

    # ------------------------------------------------------------------ portal: my appointments
    @http.route(
        ["/my/appointments", "/my/appointments/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def portal_my_appointments(self, page=1, **kwargs):
        return portal_list(
            self,
            "gov.appointment",
            self._appointment_domain(),
            url="/my/appointments",
            page=page,
            template="gov_eval.portal_my_appointments",
            key="appointments",
            rows=lambda records: [record._portal_values() for record in records],
            page_name="gov_appointment",
        )

    def _own_appointment(self, appointment_id):
        """The caller's own appointment (their rights), or None."""
        return own_portal_record("gov.appointment", appointment_id)

    @http.route(
        "/my/appointments/<appointment_id>", type="http", auth="user", methods=["GET"], website=True, readonly=True
    )
    def portal_appointment(self, appointment_id, **kwargs):
        appointment = self._own_appointment(appointment_id)
        if not appointment:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "appointment": appointment._portal_values(),
                "booked": kwargs.get("booked") == "1",
                "cancelled": kwargs.get("cancelled") == "1",
                "error": "",
                "page_name": "gov_appointment",
            }
        )
        return request.render("gov_eval.portal_appointment_page", values)

    @http.route("/my/appointments/<appointment_id>/cancel", type="http", auth="user", methods=["POST"], website=True)
    def portal_appointment_cancel(self, appointment_id, **kwargs):
        appointment = self._own_appointment(appointment_id)
        if not appointment:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                appointment._portal_cancel()
        except (UserError, AccessError) as error:
            values = self._prepare_portal_layout_values()
            values.update(
                {
                    "appointment": appointment._portal_values(),
                    "booked": False,
                    "cancelled": False,
                    "error": str(error.args[0] if error.args else error),
                    "page_name": "gov_appointment",
                }
            )
            return request.render("gov_eval.portal_appointment_page", values, status=409)
        return request.redirect(f"/my/appointments/{appointment.id}?cancelled=1")
