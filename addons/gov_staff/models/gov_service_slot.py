import datetime

import pytz

from odoo import api, fields, models
from odoo.addons.gov_center.models.gov_holiday import CHINA_TZ, GovHoliday
from odoo.addons.gov_center.tools import format_hour
from odoo.exceptions import ValidationError

# Service hours are local Beijing time (CHINA_TZ: gov_center's one constant, also imported from here).


def china_today():
    """Today's date in Beijing."""
    return datetime.datetime.now(CHINA_TZ).date()


def china_date(value):
    """The Beijing date of a naive UTC datetime (a date stays itself)."""
    if isinstance(value, datetime.datetime):
        return pytz.utc.localize(value).astimezone(CHINA_TZ).date()
    return value

DAY_TYPES = [
    ("working", "Working Day"),
    ("saturday", "Saturday"),
    ("sunday", "Sunday"),
    ("holiday", "Statutory Holiday"),
]
SLOT_MODES = [
    ("regular", "Regular Hours"),
    ("extended", "Extended Hours"),
    ("duty", "Weekend/Holiday Duty"),
    ("appointment", "By Appointment Only"),
]


def day_type_of(day, exceptions):
    """The service day type of ``day`` given the working calendar's ``{date: day_type}``: the
    working calendar's own rule (``gov.holiday._day_type``); the keys are those of ``DAY_TYPES``."""
    return GovHoliday._day_type(day, exceptions)


def local_to_utc(day, hour):
    """Naive UTC datetime of ``hour`` (float, e.g. 13.5) local time on ``day``."""
    minutes = round(hour * 60)
    local = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(minutes=minutes)
    return CHINA_TZ.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def format_period(hour_from, hour_to):
    """``(9, 12)`` → ``"09:00–12:00"``."""
    return f"{format_hour(hour_from)}–{format_hour(hour_to)}"


class GovServiceSlot(models.Model):
    """When a site serves (服务时间): one row per kind of day and period.

    Working days, Saturdays, Sundays and statutory holidays each have their own hours, so a
    site can run 365-day service (365天政务服务不打烊): Saturday-morning duty, holiday duty
    for high-frequency items (社会保障, 医疗报销, 婚姻登记) and appointment-only periods.
    """

    _name = "gov.service.slot"
    _description = "Service Hours"
    _order = "site_id, day_type_sequence, hour_from"
    _inherit = ["gov.guard.mixin"]

    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="cascade")
    day_type = fields.Selection(DAY_TYPES, string="Day", required=True, default="working")
    day_type_sequence = fields.Integer(compute="_compute_day_type_sequence", store=True)
    hour_from = fields.Float(string="From", required=True, default=9.0)
    hour_to = fields.Float(string="To", required=True, default=12.0)
    mode = fields.Selection(SLOT_MODES, string="Service", required=True, default="regular")
    window_ids = fields.Many2many(
        "gov.window",
        string="Windows",
        domain="[('site_id', '=', site_id)]",
        help="Windows open in this period; leave empty for every open window of the site.",
    )
    note = fields.Char(help="What is served, e.g. 社会保障、医疗报销、婚姻登记 (high-frequency items on holiday duty).")
    active = fields.Boolean(default=True)

    @api.depends("day_type")
    def _compute_day_type_sequence(self):
        order = {key: i for i, (key, _label) in enumerate(DAY_TYPES)}
        for slot in self:
            slot.day_type_sequence = order.get(slot.day_type, 9)

    @api.constrains("hour_from", "hour_to", "window_ids", "site_id")
    def _check_hours(self):
        for slot in self:
            if not (0 <= slot.hour_from < slot.hour_to <= 24):
                raise ValidationError(
                    self.env._(
                        "Service hours of %(site)s: the period %(start)s–%(end)s is invalid; the start must be "
                        "before the end, within one day.",
                        site=slot.site_id.name,
                        start=format_hour(slot.hour_from),
                        end=format_hour(min(max(slot.hour_to, 0), 24)),
                    )
                )
            wrong = slot.window_ids.filtered(lambda w, s=slot: w.site_id != s.site_id)
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Service hours of %(site)s cannot open window %(window)s of another site.",
                        site=slot.site_id.name,
                        window=wrong[0].display_name,
                    )
                )
        sites = self.site_id
        slots = self.search([("site_id", "in", sites.ids)])
        for slot in self:
            for other in slots:
                if (
                    other != slot
                    and other.site_id == slot.site_id
                    and other.day_type == slot.day_type
                    and other.hour_from < slot.hour_to
                    and slot.hour_from < other.hour_to
                    and (not other.window_ids or not slot.window_ids or other.window_ids & slot.window_ids)
                ):
                    raise ValidationError(
                        self.env._(
                            "Service hours of %(site)s overlap on %(day)s: %(a)s and %(b)s. Make the periods "
                            "follow each other or open different windows.",
                            site=slot.site_id.name,
                            day=dict(DAY_TYPES)[slot.day_type],
                            a=format_period(slot.hour_from, slot.hour_to),
                            b=format_period(other.hour_from, other.hour_to),
                        )
                    )

    @api.depends("day_type", "hour_from", "hour_to", "mode")
    def _compute_display_name(self):
        days = dict(self._fields["day_type"]._description_selection(self.env))
        for slot in self:
            slot.display_name = f"{days.get(slot.day_type, '')} {format_period(slot.hour_from, slot.hour_to)}"

    @staticmethod
    def _calendar_periods(site):
        """{day_type: [(from, to), …]} of the regular hours in the site's opening calendar
        (gov_center's `resource_calendar_id`), Monday standing for the working days."""
        periods = {}
        day_types = {"0": "working", "5": "saturday", "6": "sunday"}
        for att in site.resource_calendar_id.attendance_ids:
            day_type = day_types.get(att.dayofweek)
            if day_type and att.day_period != "lunch" and (not att.week_type or att.week_type == "0"):
                periods.setdefault(day_type, set()).add((att.hour_from, att.hour_to))
        return {day_type: sorted(spans) for day_type, spans in periods.items()}

    @api.model
    def _standard_slot_values(self, site):
        """The district's standard hours for a site without its own.

        Regular hours are the site's opening calendar, so that the hours a citizen reads on the
        site page and the hours rosters are built from are one and the same; without a calendar,
        working days 9:00–12:00 and 13:30–17:30. On top come one hour of extended service after
        the last working-day period at the comprehensive windows; weekend days the calendar opens
        are duty at the comprehensive and issuing windows for the calendar's periods, and on
        weekend days it leaves closed, Saturday-morning duty at those windows and Sunday mornings
        by appointment; holiday-morning duty for high-frequency items at the comprehensive
        windows."""
        windows = site.window_ids.filtered("is_open")
        front = windows.filtered(lambda w: w.window_type == "comprehensive") or windows[:1]
        front_issuing = windows.filtered(lambda w: w.window_type in ("comprehensive", "issuing")) or front
        calendar = self._calendar_periods(site)
        working = calendar.get("working") or [(9.0, 12.0), (13.5, 17.5)]
        last_end = max(end for _start, end in working)
        values = [
            {"site_id": site.id, "day_type": "working", "hour_from": start, "hour_to": end, "mode": "regular"}
            for start, end in working
        ]
        if last_end < 23.0:
            values.append(
                {
                    "site_id": site.id,
                    "day_type": "working",
                    "hour_from": last_end,
                    "hour_to": last_end + 1.0,
                    "mode": "extended",
                    "window_ids": [fields.Command.set(front.ids)],
                }
            )
        weekend_default = {
            "saturday": {"mode": "duty", "window_ids": [fields.Command.set(front_issuing.ids)]},
            "sunday": {"mode": "appointment", "window_ids": [fields.Command.set(front.ids)]},
        }
        for day_type, default in weekend_default.items():
            if calendar.get(day_type):
                # The hall is open when the calendar says; at weekends the front windows are on duty.
                values += [
                    {
                        "site_id": site.id,
                        "day_type": day_type,
                        "hour_from": start,
                        "hour_to": end,
                        "mode": "duty",
                        "window_ids": [fields.Command.set(front_issuing.ids)],
                    }
                    for start, end in calendar[day_type]
                ]
            else:
                values.append({"site_id": site.id, "day_type": day_type, "hour_from": 9.0, "hour_to": 12.0, **default})
        return values + [
            {
                "site_id": site.id,
                "day_type": "holiday",
                "hour_from": 9.0,
                "hour_to": 12.0,
                "mode": "duty",
                "window_ids": [fields.Command.set(front.ids)],
                "note": "社会保障、医疗报销、婚姻登记",
            },
        ]

    @api.model
    def _new_standard(self, site):
        """The standard hours as unsaved records, for a site that has not set its own."""
        slots = self.browse()
        for vals in self._standard_slot_values(site):
            slots |= self.new(vals)
        return slots
