"""Appointments (预约服务): a citizen books a slot of a site's service hours for an item.

Slots are not stored: ``_bookable_slots`` computes them from the site's service hours
(gov.service.slot, or the district's standard ones), the published roster and who is away, in a
constant number of queries whatever the range. A slot exists only where a window that takes the
item (the item's own window at the site, and the comprehensive windows, 一窗受理) has a published
shift with a person on duty who is not away (or a stand-in, the window's B post, who is free); its
capacity is ``appointment_per_window`` seats per such window.

Double booking is refused by the database: a booking takes a seat (window, 1..per window) of the
slot, and a partial UNIQUE index on (site_id, start, window_id, seat) of the active appointments
makes a second transaction that took the same seat fail, whatever the isolation level; the
booking then tries the next seat it saw free and, when there is none, says that the slot has just
been fully booked.
"""

import datetime
import re
from collections import defaultdict

import psycopg2.errors
import pytz

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import (
    CHINA_TZ,
    SLOT_MODES,
    china_date,
    china_today,
    day_type_of,
    format_hour,
    local_to_utc,
)
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .config import int_param

STATES = [
    ("booked", "Booked"),
    ("checked_in", "Checked In"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
    ("no_show", "No-show"),
]
# States whose appointment holds its seat (the partial unique index).
ACTIVE_STATES = ("booked", "checked_in", "done", "no_show")

# System parameters (gov.settings, "Appointments"), with their defaults.
CANCEL_HOURS_PARAM, CANCEL_HOURS_DEFAULT = "gov_eval.appointment_cancel_hours", 2
HORIZON_PARAM, HORIZON_DEFAULT = "gov_eval.appointment_horizon_days", 14
LEAD_PARAM, LEAD_DEFAULT = "gov_eval.appointment_lead_minutes", 60

# What a booking sets from the caller's values; everything else is the application's.
BOOKING_FIELDS = frozenset({"site_id", "item_id", "partner_id", "date", "hour_from"})
CONTACT_FIELDS = frozenset({"applicant_name", "applicant_phone"})

WALK_INS = [("王建国", "13904720011"), ("李秀英", "13904720012"), ("张伟", "13904720013")]


class GovAppointment(models.Model):
    _name = "gov.appointment"
    _description = "Appointment"
    _inherit = ["gov.guard.mixin", "portal.mixin", "mail.thread"]
    _order = "start desc, id desc"
    _rec_name = "number"
    # An appointment that took place, was missed or was cancelled is history.
    _gov_locked_states = ("done", "cancelled", "no_show")
    _gov_locked_writable = frozenset({"note", "access_token"})

    number = fields.Char(string="Appointment No.", readonly=True, copy=False, index=True, default="/")
    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="restrict")
    item_id = fields.Many2one(
        "gov.item",
        string="Service Item",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('state', '=', 'published')]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Citizen",
        index="btree_not_null",
        ondelete="restrict",
        help="The citizen's portal contact: they see and cancel the appointment online.",
    )
    applicant_name = fields.Char(string="Applicant", required=True, tracking=True)
    applicant_phone = fields.Char(string="Phone", required=True, tracking=True)
    date = fields.Date(required=True, index=True)
    hour_from = fields.Float(string="Starts", required=True)
    hour_to = fields.Float(string="Ends", readonly=True)
    start = fields.Datetime(string="Start Time", readonly=True, index=True)
    stop = fields.Datetime(string="End Time", readonly=True)
    mode = fields.Selection(SLOT_MODES, string="Service", readonly=True)
    window_id = fields.Many2one("gov.window", readonly=True, index=True)
    seat = fields.Integer(readonly=True, copy=False, aggregator=None)
    state = fields.Selection(
        STATES, string="Status", default="booked", required=True, readonly=True, tracking=True, index=True, copy=False
    )
    checked_in_at = fields.Datetime(readonly=True, copy=False)
    cancelled_at = fields.Datetime(readonly=True, copy=False)
    cancel_reason = fields.Text(string="Cancellation Reason", copy=False)
    cancelled_online = fields.Boolean(string="Cancelled by the Citizen", readonly=True, copy=False)
    note = fields.Text(string="Internal Note")
    time_label = fields.Char(string="Time", compute="_compute_time_label")
    material_ids = fields.One2many(related="item_id.material_ids", string="What to Bring")

    _seat_unique = models.UniqueIndex(
        "(site_id, start, window_id, seat) WHERE state IN ('booked', 'checked_in', 'done', 'no_show')",
        "This slot has just been fully booked: choose another time.",
    )

    @api.depends("date", "hour_from", "hour_to")
    def _compute_time_label(self):
        for appointment in self:
            if appointment.date:
                appointment.time_label = (
                    f"{appointment.date} {format_hour(appointment.hour_from)}–{format_hour(appointment.hour_to)}"
                )
            else:
                appointment.time_label = False

    @api.depends("number", "applicant_name")
    def _compute_display_name(self):
        for appointment in self:
            appointment.display_name = f"{appointment.number or ''} {appointment.applicant_name or ''}".strip()

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for appointment in self:
            appointment.access_url = f"/my/appointments/{appointment.id}"
        return result

    # ------------------------------------------------------------------ settings
    @api.model
    def _appointment_params(self):
        return {
            "cancel_hours": int_param(self.env, CANCEL_HOURS_PARAM, CANCEL_HOURS_DEFAULT),
            "horizon_days": int_param(self.env, HORIZON_PARAM, HORIZON_DEFAULT),
            "lead_minutes": int_param(self.env, LEAD_PARAM, LEAD_DEFAULT),
        }

    # ------------------------------------------------------------------ slots
    @api.model
    def _item_windows(self, site, item):
        """The open windows of ``site`` that take ``item``, the item's own window first: the window
        of the item's line at the site, then the comprehensive windows (一窗受理, they take every
        item). A line without a window at a site without a comprehensive window: every open window.
        Empty when the site does not list the item (or the item is not published)."""
        site, item = site.sudo(), item.sudo()
        if item.state != "published":
            return self.env["gov.window"].sudo()
        line = (
            self.env["gov.item.site"]
            .sudo()
            .search([("site_id", "=", site.id), ("item_id", "=", item.id), ("active", "=", True)], limit=1)
        )
        if not line:
            return self.env["gov.window"].sudo()
        open_windows = site.window_ids.filtered("is_open")
        windows = (line.window_id & open_windows) | open_windows.filtered(lambda w: w.window_type == "comprehensive")
        return windows or open_windows

    @api.model
    def _bookable_slots(self, site, item, date_from, date_to, now=None):
        """The slots of ``site`` a citizen can book for ``item`` between two local dates.

        A list of dicts ``{date, hour_from, hour_to, start, stop, mode, capacity, booked,
        remaining, windows}`` in time order, ``windows`` being ``[(window_id, free seats), ...]`` in
        the order seats are given. Only slots with a person on duty; past slots, slots starting
        within the booking lead time and days beyond the horizon are left out. A constant number of
        queries whatever the range or the number of appointments: every read here is an
        allowlisted count or schedule, made as superuser."""
        site, item = site.sudo(), item.sudo()
        params = self._appointment_params()
        now = fields.Datetime.to_datetime(now) if now else fields.Datetime.now()
        today = china_date(now)
        date_from = max(date_from, today)
        date_to = min(date_to, today + datetime.timedelta(days=params["horizon_days"]))
        if not site or not item or date_to < date_from or not site.active:
            return []
        windows = self._item_windows(site, item)
        per_window = max(site.appointment_per_window or 0, 0)
        if not windows or not per_window:
            return []
        earliest = now + datetime.timedelta(minutes=params["lead_minutes"])
        length = max(site.appointment_slot_minutes or 30, 5) / 60.0
        on_duty = self._slot_duty(site, windows, date_from, date_to)
        taken = self._slot_seats_taken(site, date_from, date_to)
        slots = []
        for day, period, hour in self._slot_times(site, date_from, date_to, length):
            start, stop = local_to_utc(day, hour), local_to_utc(day, hour + length)
            if start < earliest:
                continue
            period_windows = windows & period.window_ids if period.window_ids else windows
            serving = [window.id for window in period_windows if on_duty(window, day, start, stop)]
            if not serving:
                continue
            seats = [(wid, max(per_window - taken.get((start, wid), 0), 0)) for wid in serving]
            capacity = per_window * len(serving)
            remaining = sum(count for _wid, count in seats)
            slots.append(
                {
                    "date": day,
                    "hour_from": hour,
                    "hour_to": hour + length,
                    "start": start,
                    "stop": stop,
                    "mode": period.mode,
                    "capacity": capacity,
                    "booked": capacity - remaining,
                    "remaining": remaining,
                    "windows": seats,
                }
            )
        slots.sort(key=lambda slot: slot["start"])
        return slots

    def _slot_times(self, site, date_from, date_to, length):
        """``(day, service period, hour)`` of every slot of ``length`` hours in the service hours of
        ``site`` (its own, else the district's standard ones) from ``date_from`` to ``date_to``, by the
        working calendar's day types."""
        exceptions = self.env["gov.holiday"].sudo()._exceptions(date_from, date_to)
        periods = site.service_slot_ids.filtered("active") or self.env["gov.service.slot"].sudo()._new_standard(site)
        by_type = defaultdict(list)
        for period in periods.sorted(lambda p: p.hour_from):
            by_type[period.day_type].append(period)
        day = date_from
        while day <= date_to:
            for period in by_type.get(day_type_of(day, exceptions), []):
                hour = period.hour_from
                while hour + length <= period.hour_to + 1e-9:
                    yield day, period, hour
                    hour += length
            day += datetime.timedelta(days=1)

    def _slot_duty(self, site, windows, date_from, date_to):
        """A function ``on_duty(window, day, start, stop)`` telling whether ``window`` has a person to
        serve from ``start`` to ``stop``: a published shift with a person covers the slot, and that
        person, or the window's other post (the stand-in), is free (not away, not on another window
        then). Reads the period's shifts, posts and absences once."""
        range_start, range_stop = local_to_utc(date_from, 0.0), local_to_utc(date_to, 24.0)
        shifts = (
            self.env["gov.roster.shift"]
            .sudo()
            .search_read(
                [
                    ("site_id", "=", site.id),
                    ("roster_state", "=", "published"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("employee_id", "!=", False),
                ],
                ["window_id", "date", "start", "stop", "employee_id"],
                load=None,
            )
        )
        by_window = defaultdict(list)
        by_employee = defaultdict(list)
        for shift in shifts:
            by_window[(shift["window_id"], shift["date"])].append(shift)
            by_employee[shift["employee_id"]].append(shift)
        people = {shift["employee_id"] for shift in shifts}
        posts = {}
        (windows.post_a_id | windows.post_b_id).mapped("active")  # one read of both posts
        for window in windows:
            posts[window.id] = (window.post_a_id.filtered("active").id, window.post_b_id.filtered("active").id)
            people.update(emp for emp in posts[window.id] if emp)
        away = self.env["hr.employee"].sudo().browse(people)._gov_away_intervals(range_start, range_stop)

        def free(emp_id, start, stop, window_id):
            if not emp_id:
                return False
            if any(a_start < stop and start < a_stop for a_start, a_stop, _kind, _label in away.get(emp_id, [])):
                return False
            return not any(
                s["window_id"] != window_id and s["start"] < stop and start < s["stop"] for s in by_employee[emp_id]
            )

        def on_duty(window, day, start, stop):
            covering = [s for s in by_window.get((window.id, day), []) if s["start"] <= start and stop <= s["stop"]]
            if not covering:
                return False  # no published shift with a person: no service at this window
            person = covering[0]["employee_id"]
            post_a, post_b = posts[window.id]
            stand_in = post_b if person != post_b else post_a
            return free(person, start, stop, window.id) or bool(
                stand_in and stand_in != person and free(stand_in, start, stop, window.id)
            )

        return on_duty

    def _slot_seats_taken(self, site, date_from, date_to):
        """``{(start, window_id): seats taken}`` by the active appointments of ``site`` in the period."""
        self.flush_model(["site_id", "start", "window_id", "state"])
        self.env.cr.execute(
            SQL(
                """SELECT start, window_id, count(*) FROM gov_appointment
                    WHERE site_id = %s AND start >= %s AND start < %s AND state IN %s
                 GROUP BY start, window_id""",
                site.id,
                local_to_utc(date_from, 0.0),
                local_to_utc(date_to, 24.0),
                ACTIVE_STATES,
            )
        )
        return {(start, window_id): count for start, window_id, count in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ booking
    def _check_booking_values(self, vals):
        user = self.env.user
        # The internal note is the staff's: a citizen books with their name and phone only.
        allowed = BOOKING_FIELDS | CONTACT_FIELDS | ({"note"} if user._is_internal() else set())
        unknown = sorted(set(vals) - allowed)
        if unknown and not self.env.su and not self._gov_is_unlocked():
            labels = "、".join(
                self._fields[name]._description_string(self.env) for name in unknown if name in self._fields
            )
            raise AccessError(
                self.env._("%(fields)s of an appointment are set by the booking, not by hand.", fields=labels or unknown[0])
            )
        for name in ("applicant_name", "applicant_phone"):
            vals[name] = (vals.get(name) or "").strip()
        if not vals["applicant_name"] or len(vals["applicant_name"]) > 60:
            raise ValidationError(self.env._("Enter the name of the person who will come (at most 60 characters)."))
        phone = vals["applicant_phone"].replace(" ", "").replace("-", "")
        if not (phone.isascii() and phone.isdigit() and 7 <= len(phone) <= 15):
            raise ValidationError(
                self.env._("Enter a phone number (digits only, e.g. 13800000000) so the window can reach you.")
            )
        if user._is_portal() and not self.env.su and vals.get("partner_id") != user.partner_id.id:
            # A citizen books for themselves, and says so: their own contact, never another's.
            raise AccessError(self.env._("You can only book appointments for yourself."))

    @api.model_create_multi
    def create(self, vals_list):
        """Book: each appointment takes a free seat of a bookable slot (see the module docstring)."""
        vals_list = [dict(vals) for vals in vals_list]
        slots = []
        for vals in vals_list:
            self._check_booking_values(vals)
            slots.append(self._prepare_booking(vals))
        records = super(GovAppointment, self.with_context(mail_create_nolog=True)).create(vals_list)
        records.flush_recordset()
        for record, slot in zip(records, slots, strict=True):
            self._take_seat(record, slot)
        records.invalidate_recordset(["window_id", "seat"])
        records._notify_booked()
        return records

    def _prepare_booking(self, vals):
        """Check that the slot asked for can be booked and complete ``vals`` from it; the slot."""
        Site, Item = self.env["gov.site"].sudo(), self.env["gov.item"].sudo()
        site, item = Site.browse(vals.get("site_id")).exists(), Item.browse(vals.get("item_id")).exists()
        day = fields.Date.to_date(vals.get("date"))
        if not site or not item or not day:
            raise ValidationError(self.env._("Choose a site, a service item and a day for the appointment."))
        hour = float(vals.get("hour_from") or 0.0)
        slot = next(
            (s for s in self._bookable_slots(site, item, day, day) if abs(s["hour_from"] - hour) < 1e-6),
            None,
        )
        if not slot:
            raise UserError(
                self.env._(
                    "%(site)s takes no appointment for %(item)s on %(day)s at %(time)s: choose one of the times "
                    "offered.",
                    site=site.name,
                    item=item.name,
                    day=day,
                    time=format_hour(hour),
                )
            )
        if vals.get("partner_id"):
            self.env.cr.execute(
                SQL(
                    "SELECT 1 FROM gov_appointment WHERE partner_id = %s AND start = %s AND state = 'booked' LIMIT 1",
                    vals["partner_id"],
                    slot["start"],
                )
            )
            if self.env.cr.fetchone():
                raise UserError(
                    self.env._("You already have an appointment at this time: cancel it first or choose another time.")
                )
        if not any(free for _wid, free in slot["windows"]):
            raise UserError(self.env._("This slot has just been fully booked: choose another time."))
        vals.update(
            number=self.env["ir.sequence"].sudo().with_context(tz="Asia/Shanghai").next_by_code("gov.appointment")
            or "/",
            date=slot["date"],
            hour_from=slot["hour_from"],
            hour_to=slot["hour_to"],
            start=slot["start"],
            stop=slot["stop"],
            mode=slot["mode"],
            state="booked",
        )
        return slot

    def _notify_booked(self):
        """The citizen follows their appointment and is told its number and time."""
        for record in self.sudo():
            if record.partner_id:
                record.message_subscribe(partner_ids=record.partner_id.ids)
            record.message_post(
                body=self.env._(
                    "Appointment %(number)s booked for %(item)s at %(site)s on %(time)s.",
                    number=record.number,
                    item=record.item_id.name,
                    site=record.site_id.name,
                    time=record.time_label,
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )

    def _take_seat(self, record, slot):
        """Give ``record`` the first seat of ``slot`` that no other transaction holds.

        The seats this transaction saw free are tried in order; the unique index decides between
        concurrent bookings (a seat taken by a transaction that has not committed yet makes ours
        wait, then fail once it commits)."""
        taken = set()
        self.env.cr.execute(
            SQL(
                "SELECT window_id, seat FROM gov_appointment WHERE site_id = %s AND start = %s AND state IN %s AND id != %s",
                record.site_id.id,
                slot["start"],
                ACTIVE_STATES,
                record.id,
            )
        )
        taken.update(self.env.cr.fetchall())
        per_window = record.site_id.sudo().appointment_per_window
        for window_id, _free in slot["windows"]:
            for seat in range(1, per_window + 1):
                if (window_id, seat) in taken:
                    continue
                try:
                    with self.env.cr.savepoint():
                        self.env.cr.execute(
                            SQL(
                                "UPDATE gov_appointment SET window_id = %s, seat = %s WHERE id = %s",
                                window_id,
                                seat,
                                record.id,
                            ),
                            log_exceptions=False,
                        )
                    return
                except psycopg2.errors.UniqueViolation:
                    continue
        raise UserError(self.env._("This slot has just been fully booked: choose another time."))

    # ------------------------------------------------------------------ ORM
    def write(self, vals):
        if not self._gov_is_unlocked() and not self.env.su:
            moved = sorted(set(vals) & BOOKING_FIELDS)
            if moved:
                raise UserError(
                    self.env._(
                        "The site, item, citizen and time of a booked appointment do not change: cancel it and "
                        "book another slot."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(self.env._("Appointments are never deleted: cancel the appointment instead."))

    # ------------------------------------------------------------------ actions
    def _check_staff(self):
        self.check_access("write")
        if self.env.user._is_portal() or self.env.user._is_public():
            raise AccessError(self.env._("Only the staff of the site can do this."))

    def _transition(self, allowed_from, vals):
        wrong = self.filtered(lambda a: a.state not in allowed_from)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Appointment %(number)s is %(state)s: this step is not possible any more.",
                    number=wrong[0].number,
                    state=states.get(wrong[0].state),
                )
            )
        self._gov_unlocked().write(vals)

    def action_check_in(self):
        """The citizen came: check them in (on the day of the appointment) and hand them a queue number
        of the appointments' line (see the queue section below)."""
        self._check_staff()
        today = china_today()
        early = self.filtered(lambda a: a.date != today)
        if early:
            raise UserError(
                self.env._("Appointment %(number)s is on %(day)s, not today.", number=early[0].number, day=early[0].date)
            )
        self._transition(("booked", "no_show"), {"state": "checked_in", "checked_in_at": fields.Datetime.now()})
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
        return True

    def action_done(self):
        self._check_staff()
        self._transition(("checked_in",), {"state": "done"})
        return True

    def action_no_show(self):
        """The citizen did not come: only once the slot has started."""
        self._check_staff()
        now = fields.Datetime.now()
        early = self.filtered(lambda a: a.start and a.start > now)
        if early:
            raise UserError(
                self.env._("Appointment %(number)s has not started yet: it cannot be a no-show.", number=early[0].number)
            )
        self._transition(("booked",), {"state": "no_show"})
        return True

    def action_cancel(self):
        """Staff cancel at any time, with a reason the citizen reads."""
        self._check_staff()
        missing = self.filtered(lambda a: not (a.cancel_reason or "").strip())
        if missing:
            raise UserError(
                self.env._(
                    "Write the reason for cancelling appointment %(number)s in Cancellation Reason first: the "
                    "citizen is told.",
                    number=missing[0].number,
                )
            )
        self._transition(("booked",), {"state": "cancelled", "cancelled_at": fields.Datetime.now()})
        for appointment in self:
            appointment.sudo().message_post(
                body=self.env._("Appointment cancelled by the site: %(reason)s", reason=appointment.cancel_reason),
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _cancel_deadline(self):
        self.ensure_one()
        hours = self._appointment_params()["cancel_hours"]
        return self.start - datetime.timedelta(hours=hours)

    def _can_cancel_online(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        return self.state == "booked" and bool(self.start) and now <= self._cancel_deadline()

    def _portal_cancel(self):
        """The citizen cancels their own booking online, until the lead time before it starts.

        Called by the portal; the caller must be the appointment's citizen (checked here on the
        caller's own rights); the values written are the application's, never the caller's."""
        self.ensure_one()
        self.check_access("read")
        if self.partner_id != self.env.user.partner_id:
            raise AccessError(self.env._("You can only cancel your own appointments."))
        if self.state != "booked":
            raise UserError(self.env._("This appointment is no longer booked: there is nothing to cancel."))
        if not self._can_cancel_online():
            raise UserError(
                self.env._(
                    "Appointments can be cancelled online until %(hours)s hours before they start; please call the "
                    "site instead.",
                    hours=self._appointment_params()["cancel_hours"],
                )
            )
        self.sudo()._gov_unlocked().write(
            {
                "state": "cancelled",
                "cancelled_at": fields.Datetime.now(),
                "cancelled_online": True,
                "cancel_reason": self.env._("Cancelled by the citizen online."),
            }
        )
        return True

    @api.model
    def _cron_no_show(self):
        """Booked appointments whose slot has ended are no-shows (爽约)."""
        missed = self.sudo().search([("state", "=", "booked"), ("stop", "<=", fields.Datetime.now())])
        missed._gov_unlocked().write({"state": "no_show"})
        return len(missed)

    # ------------------------------------------------------------------ portal
    def _portal_values(self):
        """What the citizen's pages show: an allowlist."""
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        modes = dict(self._fields["mode"]._description_selection(self.env))
        site = self.sudo().site_id
        item = self.sudo().item_id
        return {
            "id": self.id,
            "url": f"/my/appointments/{self.id}",
            "number": self.number,
            "state": self.state,
            "state_label": states.get(self.state, ""),
            "mode_label": modes.get(self.mode, ""),
            "site": site.name,
            "site_url": f"/gov/sites/{site.id}" if site.is_public and site.active else False,
            "address": site.address or "",
            "phone": site.phone if site.phone_public else "",
            "item": item.name,
            "window": self.sudo().window_id.display_name or "",
            "date": self.date,
            "time": f"{format_hour(self.hour_from)}–{format_hour(self.hour_to)}",
            "applicant": self.applicant_name,
            "phone_applicant": self.applicant_phone,
            "materials": [
                {"name": m.name, "copies": m.copies, "form": m.form, "requirement": m.requirement}
                for m in item.material_ids.sorted("sequence")
            ],
            "can_cancel": self._can_cancel_online(),
            # In Beijing time, whatever time zone the citizen's account has (often none).
            "cancel_deadline": pytz.utc.localize(self._cancel_deadline())
            .astimezone(CHINA_TZ)
            .strftime("%Y-%m-%d %H:%M")
            if self.start
            else "",
            "cancel_reason": self.cancel_reason if self.state == "cancelled" else "",
        }

    # ------------------------------------------------------------------ demo

    # Demo appointments: a few bookings in the published roster of the demo centre (t100), so that the
    # window's list and the citizen's portal have something to show. Called from
    # demo/gov_appointment_demo.xml; does nothing when no slot is left this week.

    @api.model
    def _demo_generate(self):
        site = self.env.ref("gov_center.site_centre_t100", raise_if_not_found=False)
        citizen = self.env.ref("gov_center.user_gov_citizen", raise_if_not_found=False)
        if not site or self.sudo().search_count([("site_id", "=", site.id)]):
            return False
        lines = site.sudo()._public_item_lines()[:3]
        today = china_today()
        bookings = []
        for index, line in enumerate(lines):
            slots = [
                s
                for s in self._bookable_slots(site, line.item_id, today, today + datetime.timedelta(days=6))
                if s["remaining"]
            ]
            if not slots:
                continue
            slot = slots[min(index * 3, len(slots) - 1)]
            name, phone = WALK_INS[index]
            vals = {
                "site_id": site.id,
                "item_id": line.item_id.id,
                "date": slot["date"],
                "hour_from": slot["hour_from"],
                "applicant_name": name,
                "applicant_phone": phone,
            }
            if index == 0 and citizen:
                vals.update(partner_id=citizen.partner_id.id, applicant_name=citizen.name)
            bookings.append(vals)
        return self.sudo().with_context(mail_notrack=True).create(bookings) if bookings else False

    # ------------------------------------------------------------------ queue

    # An appointment checked in takes a queue number (prefix Y), called after the green channel and
    # before walk-ins: at the window (the clerk's check-in button) or at the hall's kiosk, where the
    # citizen types the appointment number and the last four digits of the phone they booked with.

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
