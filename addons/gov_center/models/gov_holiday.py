import datetime
import logging

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

DAY_TYPES = [
    ("holiday", "Statutory Holiday"),
    ("workday", "Make-up Working Day"),
]

# China has one time zone: dates of the working calendar are Beijing dates.
CHINA_TZ = pytz.timezone("Asia/Shanghai")


class GovHoliday(models.Model):
    """China's working calendar (中国工作日历).

    Monday to Friday are working days and weekends are rest days, except for the
    dates listed here: statutory holidays (法定节假日, rest on a weekday) and
    make-up working days (调休上班, work on a weekend). One table serves rosters
    and case deadlines (行政许可法 art. 82: time limits count working days).
    """

    _name = "gov.holiday"
    _description = "Working Calendar Exception"
    _order = "date"
    _inherit = ["gov.guard.mixin"]

    date = fields.Date(required=True)  # indexed by its UNIQUE
    day_type = fields.Selection(DAY_TYPES, string="Type", required=True, default="holiday")
    name = fields.Char(string="Festival", required=True, help="e.g. 春节, 国庆节 (节日名称).")
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    source = fields.Selection(
        [("library", "State Council notice (chinesecalendar)"), ("manual", "Entered by hand")],
        default="manual",
        required=True,
        help="Where the date comes from: the State Council's yearly notice as packaged by the "
        "chinesecalendar library, or entered by an administrator.",
    )

    calendar_leave_ids = fields.One2many(
        "resource.calendar.leaves",
        "gov_holiday_id",
        string="Calendar Leaves",
        readonly=True,
        help="The statutory holiday as a global time off of every working calendar (one per company), so that "
        "Odoo's working time, leave durations and planning skip it. Kept in step with this date.",
    )

    _date_unique = models.Constraint("UNIQUE(date)", "A date can appear only once in the working calendar.")

    @api.depends("date")
    def _compute_year(self):
        for day in self:
            day.year = day.date.year if day.date else 0

    @api.constrains("date", "day_type")
    def _check_day_type(self):
        for day in self:
            weekend = day.date.weekday() >= 5
            if day.day_type == "workday" and not weekend:
                raise ValidationError(
                    self.env._(
                        "%(date)s is a weekday and already a working day: a make-up working day (调休上班) "
                        "must fall on a Saturday or Sunday.",
                        date=day.date,
                    )
                )

    # ------------------------------------------------------------------ Odoo's calendars
    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days._sync_calendar_leaves()
        return days

    def write(self, vals):
        result = super().write(vals)
        if {"date", "day_type", "name"} & set(vals):
            self._sync_calendar_leaves()
        return result

    def unlink(self):
        # Through the ORM (not the foreign key's cascade), so that hr_holidays re-counts the
        # time off that spanned the day.
        self.sudo().calendar_leave_ids.unlink()
        return super().unlink()

    def _sync_calendar_leaves(self):
        """Mirror the statutory holidays of ``self`` into Odoo's own calendars.

        Each statutory holiday is one global ``resource.calendar.leaves`` per company
        (``calendar_id`` and ``resource_id`` empty: every working calendar of the company, the
        sites' opening hours and the employees' schedules alike, as a State Council holiday
        applies to all of them), from 00:00 to 23:59:59 Beijing time. Make-up working days are not
        mirrored: Odoo calendars have no "extra working day", the suite counts them in
        ``_day_type``. A day that stops being a holiday loses its mirror.

        The mirror is derived data (its values come from the holiday, never from the caller), so
        it is written with superuser rights once the caller was allowed to change the holiday.
        """
        Leave = self.env["resource.calendar.leaves"].sudo()
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all  # a few companies, each gets the mirror
        stale = Leave.browse()
        to_create = {}
        for day in self.sudo():
            leaves = day.calendar_leave_ids
            if day.day_type != "holiday":
                stale |= leaves
                continue
            start = CHINA_TZ.localize(datetime.datetime.combine(day.date, datetime.time.min))
            stop = CHINA_TZ.localize(datetime.datetime.combine(day.date, datetime.time(23, 59, 59)))
            vals = {
                "name": day.name,
                "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                "date_to": stop.astimezone(pytz.utc).replace(tzinfo=None),
                "time_type": "leave",
            }
            for company in companies:
                leave = leaves.filtered(lambda leave, c=company: leave.company_id == c)[:1]
                if not leave:
                    to_create.setdefault(company, []).append(
                        {**vals, "gov_holiday_id": day.id, "calendar_id": False, "resource_id": False}
                    )
                elif any(leave[key] != value for key, value in vals.items()):
                    leave.write(vals)
                stale |= leaves.filtered(lambda leave, c=company, keep=leave: leave.company_id == c and leave != keep)
            stale |= leaves.filtered(lambda leave: leave.company_id not in companies)
        stale.unlink()
        for company, vals_list in to_create.items():
            Leave.with_company(company).create(vals_list)
        return True

    # ------------------------------------------------------------------ calendar API
    @staticmethod
    def _day_type(day, exceptions):
        """The one day-type rule of the suite: "working", "saturday", "sunday" or "holiday".

        ``exceptions`` is the working calendar's ``{date: day_type}`` (see ``_exceptions``): a
        statutory holiday is a holiday, a make-up working day (调休上班) a working day, other days
        follow the week (Monday to Friday working)."""
        kind = exceptions.get(day)
        if kind == "holiday":
            return "holiday"
        if kind == "workday" or day.weekday() < 5:
            return "working"
        return "saturday" if day.weekday() == 5 else "sunday"

    @api.model
    def _exceptions(self, date_from, date_to):
        """Return {date: day_type} for the range, in one query."""
        rows = self.sudo().search_read(
            [("date", ">=", date_from), ("date", "<=", date_to)], ["date", "day_type"], order="date"
        )
        return {row["date"]: row["day_type"] for row in rows}

    @api.model
    def is_working_day(self, day):
        day = fields.Date.to_date(day)
        return self._is_working(day, self._exceptions(day, day))

    @classmethod
    def _is_working(cls, day, exceptions):
        return cls._day_type(day, exceptions) == "working"

    @api.model
    def working_days_between(self, date_from, date_to):
        """Working days in [date_from, date_to], both included."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if date_to < date_from:
            return 0
        exceptions = self._exceptions(date_from, date_to)
        days = (date_to - date_from).days + 1
        return sum(
            1 for i in range(days) if self._is_working(date_from + datetime.timedelta(days=i), exceptions)
        )

    @api.model
    def add_working_days(self, start, count):
        """The date that is ``count`` working days after ``start`` (start itself not counted).

        ``count`` = 0 returns ``start`` when it is a working day, else the next working day.
        """
        start = fields.Date.to_date(start)
        if count < 0:
            raise UserError(self.env._("The number of working days to add cannot be negative."))
        # Fetch exceptions generously: two calendar weeks per working week, plus the
        # longest Chinese holiday run, then extend if ever needed.
        horizon = start + datetime.timedelta(days=count * 2 + 30)
        exceptions = self._exceptions(start, horizon)
        day, left = start, count
        if left == 0:
            while not self._is_working(day, exceptions):
                day += datetime.timedelta(days=1)
            return day
        while left:
            day += datetime.timedelta(days=1)
            if day > horizon:
                horizon = day + datetime.timedelta(days=60)
                exceptions.update(self._exceptions(day, horizon))
            if self._is_working(day, exceptions):
                left -= 1
        return day

    @api.model
    def working_days_in_range(self, date_from, date_to):
        """List of the working dates in [date_from, date_to]."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        exceptions = self._exceptions(date_from, date_to)
        days = (date_to - date_from).days + 1
        return [
            d
            for d in (date_from + datetime.timedelta(days=i) for i in range(max(days, 0)))
            if self._is_working(d, exceptions)
        ]

    # ------------------------------------------------------------------ seeding
    @api.model
    def _library_days(self, year):
        """Holidays and make-up working days of ``year`` from chinesecalendar, or None."""
        try:
            import chinese_calendar  # noqa: PLC0415
        except ImportError:
            _logger.warning("chinesecalendar is not installed: the working calendar is not refreshed")
            return None
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        try:
            holidays = chinese_calendar.get_holidays(start, end, include_weekends=False)
            workdays = [d for d in chinese_calendar.get_workdays(start, end, include_weekends=True) if d.weekday() >= 5]
        except NotImplementedError:
            return None
        result = {}
        for day in holidays:
            _on, name = chinese_calendar.get_holiday_detail(day)
            result[day] = ("holiday", self._festival_label(name))
        for day in workdays:
            _on, name = chinese_calendar.get_holiday_detail(day)
            result[day] = ("workday", self._festival_label(name))
        return result

    @staticmethod
    def _festival_label(name):
        labels = {
            "New Year's Day": "元旦",
            "Spring Festival": "春节",
            "Tomb-sweeping Day": "清明节",
            "Labour Day": "劳动节",
            "Dragon Boat Festival": "端午节",
            "National Day": "国庆节",
            "Mid-autumn Festival": "中秋节",
            "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
        }
        return labels.get(name, name or "调休")

    @api.model
    def _sync_from_library(self, years=None):
        """Create the missing dates of ``years`` (default: this year and the next) from the library.

        Existing dates are left as they are, so manual corrections survive. Returns the
        number of dates created. Called on install and by the yearly November cron, when
        the State Council publishes the next year's arrangement.
        """
        if years is None:
            this_year = fields.Date.context_today(self).year
            years = range(this_year - 1, this_year + 2)
        created = 0
        for year in years:
            days = self._library_days(year)
            if not days:
                continue
            existing = set(self._exceptions(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
            vals = [
                {"date": day, "day_type": kind, "name": name, "source": "library"}
                for day, (kind, name) in sorted(days.items())
                if day not in existing
            ]
            self.sudo().create(vals)
            created += len(vals)
        # Every run (install, update, cron) also repairs the mirror in Odoo's calendars, e.g. for
        # holidays entered before it existed or leaves removed by hand.
        self.sudo().search([])._sync_calendar_leaves()  # pylint: disable=no-search-all  # a few dozen days a year
        return created

    def action_sync_from_library(self):
        self.check_access("create")
        created = self._sync_from_library()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if created else "info",
                "message": self.env._("%(count)s dates added to the working calendar.", count=created)
                if created
                else self.env._("The working calendar already holds every date the library knows."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
