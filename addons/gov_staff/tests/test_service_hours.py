from odoo.tests import tagged

from .common import GovStaffCase


@tagged("gov", "at_install", "-post_install")
class TestServiceHoursFollowOpeningCalendar(GovStaffCase):
    """The hours a citizen reads (the site's opening calendar) and the hours rosters are built
    from (service slots) must not disagree."""

    def _calendar(self, spans_by_day):
        return self.env["resource.calendar"].create(
            {
                "name": "测试开放时间",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    (0, 0, {"name": f"{day}-{start}", "dayofweek": day, "hour_from": start, "hour_to": end,
                            "day_period": "morning" if start < 12 else "afternoon"})
                    for day, spans in spans_by_day.items()
                    for start, end in spans
                ],
            }
        )

    def _slots(self, day_type):
        return sorted(
            (s.hour_from, s.hour_to, s.mode)
            for s in self.site.service_slot_ids
            if s.day_type == day_type
        )

    def test_standard_hours_without_calendar(self):
        self.site.action_load_standard_hours()
        self.assertEqual(
            self._slots("working"), [(9.0, 12.0, "regular"), (13.5, 17.5, "regular"), (17.5, 18.5, "extended")]
        )
        self.assertEqual(self._slots("saturday"), [(9.0, 12.0, "duty")])
        self.assertEqual(self._slots("sunday"), [(9.0, 12.0, "appointment")])
        self.assertEqual(self._slots("holiday"), [(9.0, 12.0, "duty")])

    def test_calendar_sets_regular_hours(self):
        weekday = [(8.5, 12.0), (14.0, 17.0)]
        self.site.resource_calendar_id = self._calendar(
            {**{str(d): weekday for d in range(5)}, "5": [(9.0, 12.0), (14.0, 17.0)]}
        )
        self.site.action_load_standard_hours()
        # Working days as the calendar says, with an hour of extended service after closing.
        self.assertEqual(
            self._slots("working"), [(8.5, 12.0, "regular"), (14.0, 17.0, "regular"), (17.0, 18.0, "extended")]
        )
        # The calendar opens on Saturday: duty for the calendar's whole day, not only the morning,
        # at the front windows.
        self.assertEqual(self._slots("saturday"), [(9.0, 12.0, "duty"), (14.0, 17.0, "duty")])
        saturday_slots = self.site.service_slot_ids.filtered(lambda s: s.day_type == "saturday")
        self.assertEqual(saturday_slots.window_ids, self.w_front | self.w_issue)
        # Sunday is closed in the calendar: appointment mornings remain.
        self.assertEqual(self._slots("sunday"), [(9.0, 12.0, "appointment")])
        # The page and the roster read the same hours.
        summary = {row["day"]: row["periods"] for row in self.site._public_duty_summary()["hours"]}
        saturday = dict(self.env["gov.service.slot"]._fields["day_type"]._description_selection(self.env))["saturday"]
        self.assertIn("14:00–17:00", summary[saturday])
