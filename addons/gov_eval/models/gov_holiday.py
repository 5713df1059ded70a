"""China's working calendar loaded once for a batch of deadlines.

Every deadline of a batch (an intake of many cases, the nightly job, the recomputation after the
district enters a year's State Council notice) is computed on one ``WorkCalendar``: plain list
arithmetic (bisect) per case, never one calendar walk per case. The calendar's exceptions (a few
dozen days a year, ``gov.holiday``) are read once per server and kept in the registry cache, which
entering, correcting or removing a day clears (in every worker).
"""

import bisect
import datetime
from types import MappingProxyType

from odoo import api, fields, models, tools

ONE_DAY = datetime.timedelta(days=1)


class WorkCalendar:
    """Working days from ``start`` to ``end`` (both included) with the years the calendar knows.

    A year is *known* when the district entered its State Council notice (at least one holiday or
    make-up working day of that year in ``gov.holiday``). Days of unknown years are working days
    on weekdays only: deadlines that reach into them are *provisional*.
    """

    def __init__(self, env, start, end):
        self.env = env
        self.start, self.end = start, end
        holiday = env["gov.holiday"]
        self.known_years, exceptions = holiday._calendar_table()
        days, day = [], start
        while day <= end:
            if holiday._is_working(day, exceptions):
                days.append(day)
            day += ONE_DAY
        self.days = days

    @classmethod
    def for_dates(cls, env, dates, max_days=0):
        """A calendar covering ``dates`` and ``max_days`` working days after the last of them."""
        dates = [d for d in dates if d]
        today = fields.Date.context_today(env["gov.holiday"])
        start = min(dates + [today])
        end = max(dates + [today]) + datetime.timedelta(days=max_days * 2 + 60)
        return cls(env, start, end)

    def _extend(self, end):
        extra = WorkCalendar(self.env, self.end + ONE_DAY, end)
        self.days.extend(extra.days)
        self.end = end

    def add(self, start, count):
        """The date ``count`` working days after ``start`` (``start`` not counted); for ``count`` 0,
        ``start`` if it is a working day, else the next one (as ``gov.holiday.add_working_days``)."""
        index = (
            bisect.bisect_left(self.days, start) if count == 0 else bisect.bisect_right(self.days, start) + count - 1
        )
        while index >= len(self.days):
            self._extend(self.end + datetime.timedelta(days=count * 2 + 60))
        return self.days[index]

    def count(self, date_from, date_to):
        """Working days in [date_from, date_to]."""
        if not date_from or not date_to or date_to < date_from:
            return 0
        if date_to > self.end:
            self._extend(date_to)
        return bisect.bisect_right(self.days, date_to) - bisect.bisect_left(self.days, date_from)

    def missing_years(self, date_from, date_to):
        """Years of [date_from, date_to] whose arrangement the calendar does not know."""
        if not date_from or not date_to:
            return set()
        return {year for year in range(date_from.year, date_to.year + 1) if year not in self.known_years}


class GovHoliday(models.Model):
    _inherit = "gov.holiday"

    @api.model
    def _work_calendar(self, dates, max_days=0):
        return WorkCalendar.for_dates(self.env, list(dates), max_days)

    @api.model
    @tools.ormcache()
    def _calendar_table(self):
        """(years the calendar knows, {date: day type}) of the whole working calendar, read once and
        kept until a day changes (a year is known once any of its days is entered)."""
        rows = self.sudo().search_read([], ["date", "day_type"])  # pylint: disable=no-search-all  # a small table, read whole on purpose
        exceptions = {row["date"]: row["day_type"] for row in rows}
        return frozenset(day.year for day in exceptions), MappingProxyType(exceptions)

    # Entering (or correcting) a year's notice recomputes the deadlines it touches.
    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        self.env.registry.clear_cache()  # _calendar_table, in every worker
        self.env["gov.case"]._recompute_for_calendar(set(days.mapped("year")))
        return days

    def write(self, vals):
        years = set(self.mapped("year"))
        result = super().write(vals)
        self.env.registry.clear_cache()
        self.env["gov.case"]._recompute_for_calendar(years | set(self.mapped("year")))
        return result

    def unlink(self):
        years = set(self.mapped("year"))
        result = super().unlink()
        self.env.registry.clear_cache()
        self.env["gov.case"]._recompute_for_calendar(years)
        return result
