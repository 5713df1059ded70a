from odoo.tests import tagged

from .common import GovStaffCase, day

WEEKEND = ("saturday", "sunday")


@tagged("post_install", "-at_install")
class TestServiceDaysFollowServiceHours(GovStaffCase):
    """gov.site's weekend/holiday flags (the public finder's filters) and the service hours
    (rosters, appointments, the site page) are one fact: the flags are computed from the hours."""

    def _finder(self, **filters):
        Site = self.env["gov.site"]
        return Site.search(Site._public_site_domain(filters))

    def _roster_day_types(self):
        roster = self.env["gov.roster"].create({"site_id": self.site.id, "date_from": day(0), "date_to": day(6)})
        roster.action_generate()
        return set(roster.shift_ids.mapped("day_type")), roster

    def test_standard_hours_serve_weekends_and_holidays(self):
        self.assertFalse(self.site.service_slot_ids)
        self.assertTrue(self.site.weekend_service, "the standard hours have Saturday duty")
        self.assertTrue(self.site.holiday_service, "the standard hours have holiday duty")
        self.assertIn(self.site, self._finder(weekend="1"))

    def test_removing_then_adding_weekend_hours(self):
        self.site.action_load_standard_hours()
        weekend = self.site.service_slot_ids.filtered(lambda s: s.day_type in WEEKEND)
        weekend.filtered(lambda s: s.day_type == "saturday").write({"active": False})
        weekend.filtered(lambda s: s.day_type == "sunday").unlink()
        self.assertFalse(self.site.weekend_service)
        self.assertTrue(self.site.holiday_service)
        self.assertNotIn(self.site, self._finder(weekend="1"))
        self.assertIn(self.site, self._finder(holiday="1"))
        day_types, roster = self._roster_day_types()
        self.assertFalse(day_types & set(WEEKEND), "no weekend duty without weekend hours")
        summary = {row["day"]: row["periods"] for row in self.site._public_duty_summary()["hours"]}
        saturday = dict(self.env["gov.service.slot"]._fields["day_type"]._description_selection(self.env))["saturday"]
        self.assertEqual(summary[saturday], "")

        roster.action_cancel()
        self.env["gov.service.slot"].create(
            {"site_id": self.site.id, "day_type": "saturday", "hour_from": 9.0, "hour_to": 11.0, "mode": "duty"}
        )
        self.assertTrue(self.site.weekend_service)
        self.assertIn(self.site, self._finder(weekend="1"))
        day_types, _roster = self._roster_day_types()
        self.assertIn("saturday", day_types)
        self.assertNotIn("sunday", day_types)

    def test_holiday_hours_make_holiday_service(self):
        self.site.action_load_standard_hours()
        holiday = self.site.service_slot_ids.filtered(lambda s: s.day_type == "holiday")
        holiday.write({"active": False})
        self.assertFalse(self.site.holiday_service)
        self.assertNotIn(self.site, self._finder(holiday="1"))
        holiday.write({"active": True})
        self.assertTrue(self.site.holiday_service)

    def test_unticking_a_flag_archives_those_hours(self):
        # A site on the standard hours: unticking gives it the standard hours as its own, minus the weekend.
        self.site.weekend_service = False
        slots = self.site.service_slot_ids
        self.assertTrue(slots)
        self.assertFalse(slots.filtered(lambda s: s.day_type in WEEKEND))
        archived = slots.with_context(active_test=False).search(
            [("site_id", "=", self.site.id), ("active", "=", False)]
        )
        self.assertEqual(set(archived.mapped("day_type")), set(WEEKEND), "archived, not deleted")
        self.assertFalse(self.site.weekend_service)
        self.assertTrue(self.site.holiday_service)
        day_types, _roster = self._roster_day_types()
        self.assertFalse(day_types & set(WEEKEND))

        self.site.holiday_service = False
        self.assertEqual(set(self.site.service_slot_ids.mapped("day_type")), {"working"})

        self.site.weekend_service = True
        self.assertEqual(set(self.site.service_slot_ids.mapped("day_type")), {"working", *WEEKEND})
        self.assertTrue(self.site.weekend_service)
        self.assertFalse(self.site.holiday_service)

    def test_flag_given_at_creation_shapes_the_hours(self):
        division = self.env["gov.division"].create(
            {
                "name": "周末休息镇",
                "code": self.division.code[:6] + "991000",
                "division_type": "town",
                "parent_id": self.division.parent_id.id,
            }
        )
        site = self.env["gov.site"].create(
            {
                "name": "周末休息镇便民服务中心",
                "kind": "township_centre",
                "division_id": division.id,
                "weekend_service": False,
            }
        )
        self.assertFalse(site.weekend_service)
        self.assertTrue(site.holiday_service)
        self.assertFalse(site.service_slot_ids.filtered(lambda s: s.day_type in WEEKEND))
        self.assertTrue(site.service_slot_ids.filtered(lambda s: s.day_type == "working"))
