import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gov_service_slot import china_today, day_type_of, format_period

WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
# The kinds of day each flag of the public finder summarises.
WEEKEND_DAYS = ("saturday", "sunday")
HOLIDAY_DAYS = ("holiday",)


class GovSite(models.Model):
    _inherit = "gov.site"

    gov_staff_ids = fields.One2many("hr.employee", "gov_site_id", string="Employees")
    staff_employee_count = fields.Integer(compute="_compute_staff_employee_count", string="Window Staff")
    service_slot_ids = fields.One2many(
        "gov.service.slot",
        "site_id",
        string="Service Hours",
        help="When the site serves: working-day hours, extended hours, Saturday and holiday duty "
        "(365天政务服务不打烊) and appointment-only periods. Rosters are generated from them.",
    )
    # One source: the service hours. The finder's flags say what the hours say (rosters and
    # appointments are built from the same hours); ticking or unticking a flag edits the hours.
    weekend_service = fields.Boolean(
        compute="_compute_weekend_service",
        inverse="_inverse_weekend_service",
        store=True,
        readonly=False,
        help="Open on Saturdays or Sundays: the site has service hours on those days (Service Hours tab). "
        "Ticking it adds the standard weekend hours, unticking it archives the weekend hours.",
    )
    holiday_service = fields.Boolean(
        compute="_compute_holiday_service",
        inverse="_inverse_holiday_service",
        store=True,
        readonly=False,
        help="On duty on statutory holidays: the site has holiday service hours (Service Hours tab). "
        "Ticking it adds the standard holiday duty, unticking it archives the holiday hours.",
    )
    staff_max_consecutive_days = fields.Integer(
        string="Max Days in a Row",
        default=6,
        help="The most consecutive days one person may be on duty; the roster refuses more.",
    )

    # One compute (and inverse) per flag: Odoo protects every field of a shared compute method when
    # one of them is given, so a site created with only weekend_service would lose its holiday hours.
    @api.depends("service_slot_ids.day_type", "service_slot_ids.active")
    def _compute_weekend_service(self):
        for site in self:
            site.weekend_service = bool(site._gov_service_day_types() & set(WEEKEND_DAYS))

    @api.depends("service_slot_ids.day_type", "service_slot_ids.active")
    def _compute_holiday_service(self):
        for site in self:
            site.holiday_service = bool(site._gov_service_day_types() & set(HOLIDAY_DAYS))

    def _gov_service_day_types(self):
        """The kinds of day the site serves on: from its own hours, else from the standard hours."""
        self.ensure_one()
        if self.service_slot_ids:
            return set(self.service_slot_ids.mapped("day_type"))
        return {vals["day_type"] for vals in self.env["gov.service.slot"]._standard_slot_values(self)}

    def _inverse_weekend_service(self):
        self._gov_set_service_days("weekend_service", WEEKEND_DAYS)

    def _inverse_holiday_service(self):
        self._gov_set_service_days("holiday_service", HOLIDAY_DAYS)

    def _gov_set_service_days(self, fname, day_types):
        """A flag set by hand (form, import, data file) edits the service hours it summarises: a site
        on the standard hours gets them as its own first, then its ``day_types`` hours are archived
        when the flag is off, or the standard ones added when it is on."""
        Slot = self.env["gov.service.slot"]
        for site in self:
            on = site[fname]
            if bool(site._gov_service_day_types() & set(day_types)) == on:
                continue
            if not site.service_slot_ids:
                Slot.create(Slot._standard_slot_values(site))
            slots = site.service_slot_ids.filtered(lambda s: s.day_type in day_types)
            if on and not slots:
                Slot.create([v for v in Slot._standard_slot_values(site) if v["day_type"] in day_types])
            elif not on and slots:
                slots.write({"active": False})

    @api.model
    def _gov_recompute_service_days(self):
        """Recompute the finder's flags of every site from its service hours (install, upgrade):
        the hours win, as rosters and appointments were built from them."""
        sites = self.with_context(active_test=False).search([])  # pylint: disable=no-search-all  # every site, once at install
        for fname in ("weekend_service", "holiday_service"):
            self.env.add_to_compute(self._fields[fname], sites)
        sites._recompute_recordset(["weekend_service", "holiday_service"])

    def _gov_service_slots(self):
        """The service hours rosters, appointments and pages are built from: the site's own,
        else the standard hours (unsaved)."""
        self.ensure_one()
        return self.service_slot_ids or self.env["gov.service.slot"]._new_standard(self)

    def _compute_staff_employee_count(self):
        counts = dict(
            self.env["hr.employee"]._read_group([("gov_site_id", "in", self.ids)], ["gov_site_id"], ["__count"])
        )
        for site in self:
            site.staff_employee_count = counts.get(site, 0)

    @api.constrains("staff_max_consecutive_days")
    def _check_staff_max_consecutive_days(self):
        for site in self:
            if site.staff_max_consecutive_days < 1:
                raise ValidationError(
                    self.env._("%(site)s: the maximum number of days in a row must be at least 1.", site=site.name)
                )

    def action_view_staff(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_staff.action_gov_staff")
        action.update(domain=[("gov_site_id", "=", self.id)], context={"default_gov_site_id": self.id})
        return action

    def action_load_standard_hours(self):
        """Create the district's standard service hours for sites that have none yet."""
        Slot = self.env["gov.service.slot"]
        vals = []
        for site in self.filtered(lambda s: not s.service_slot_ids):
            vals += Slot._standard_slot_values(site)
        Slot.create(vals)
        return True

    def _public_duty_summary(self, at=None):
        """What the public site page shows of the staff: service hours per kind of day, the
        windows on duty now, the gaps and the whereabouts notices on the board."""
        self.ensure_one()
        site = self.sudo()
        Slot = self.env["gov.service.slot"]
        windows = site.window_ids.filtered("is_open")
        duty = windows._get_on_duty_map(at)
        states = [state for _employee, state, _label in duty.values()]
        slots = site._gov_service_slots()
        days = dict(Slot._fields["day_type"]._description_selection(self.env))
        modes = dict(Slot._fields["mode"]._description_selection(self.env))
        hours = []
        for day_type, label in days.items():
            periods = [
                f"{format_period(s.hour_from, s.hour_to)}（{modes[s.mode]}）"
                for s in slots.filtered(lambda s, d=day_type: s.day_type == d).sorted("hour_from")
            ]
            notes = [s.note for s in slots if s.day_type == day_type and s.note]
            hours.append({"day": label, "periods": "、".join(periods), "note": "；".join(notes)})
        return {
            "windows": len(windows),
            "on_duty": sum(1 for state in states if state in ("a", "b")),
            "gaps": states.count("gap"),
            "notices": len(self.env["gov.whereabouts"]._public_notices(site, at)),
            "hours": hours,
        }

    def _public_roster_week(self, day=None, today=None):
        """The published roster of the week of ``day`` (default: this week) as the public page shows
        it, in plain data: one row per period of each day, one cell per window, as posted on the
        counter. Reads published shifts only, with superuser rights (the page is public)."""
        self.ensure_one()
        today = today or china_today()
        day = day or today
        monday = day - datetime.timedelta(days=day.weekday())
        sunday = monday + datetime.timedelta(days=6)
        Shift = self.env["gov.roster.shift"].sudo()
        shifts = Shift.search(
            [
                ("site_id", "=", self.id),
                ("roster_state", "=", "published"),
                ("date", ">=", monday),
                ("date", "<=", sunday),
            ],
            order="date, hour_from, window_id",
        )
        Holiday = self.env["gov.holiday"].sudo()
        holidays = {h.date: h for h in Holiday.search([("date", ">=", monday), ("date", "<=", sunday)])}
        exceptions = {date: holiday.day_type for date, holiday in holidays.items()}
        modes = dict(Shift._fields["mode"]._description_selection(self.env))
        day_types = dict(Shift._fields["day_type"]._description_selection(self.env))
        days = []
        for i in range(7):
            date = monday + datetime.timedelta(days=i)
            rows = {}
            for shift in shifts.filtered(lambda s, d=date: s.date == d):
                row = rows.setdefault(
                    (shift.hour_from, shift.hour_to, shift.mode),
                    {
                        "time": format_period(shift.hour_from, shift.hour_to),
                        "mode": modes.get(shift.mode, ""),
                        "mode_key": shift.mode,
                        "note": shift.note or "",
                        "cells": {},
                    },
                )
                row["cells"][shift.window_id.id] = {
                    "person": shift.employee_id.name or "",
                    "badge": shift.employee_id.gov_badge or "",
                }
            holiday = holidays.get(date)
            days.append(
                {
                    "date": date,
                    "weekday": WEEKDAYS[i],
                    "day_type": day_type_of(date, exceptions),
                    "kind": day_types[day_type_of(date, exceptions)],
                    "festival": holiday.name if holiday else "",
                    "is_today": date == today,
                    "rows": [rows[key] for key in sorted(rows)],
                }
            )
        return {
            "windows": [
                {"id": window.id, "name": window.display_name}
                for window in shifts.window_id.sorted(lambda w: (w.sequence, w.code))
            ],
            "days": days,
            "monday": monday,
            "sunday": sunday,
            "prev_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
            "has_shifts": bool(shifts),
        }
