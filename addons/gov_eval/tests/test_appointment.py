"""Appointments (预约服务): slots from the service hours and the published roster, booking up to
the capacity (also under concurrent requests, on real connections), cancelling, no-shows, the
citizen's pages and their isolation."""

import datetime
import threading

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.addons.gov_staff.models.gov_service_slot import local_to_utc
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.orm.environments import Transaction
from odoo.orm.registry import Registry
from odoo.sql_db import db_connect
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import BaseCase, JsonRpcException, get_db_name
from odoo.tools import mute_logger

from .common import GovCaseCommon, published_item

MONDAY = datetime.date(2026, 12, 7)
HOLIDAY = datetime.date(2026, 12, 9)  # a Wednesday made a holiday for the tests
SATURDAY = datetime.date(2026, 12, 12)
SUNDAY = datetime.date(2026, 12, 13)
# Friday 2026-12-04, 08:00 in Beijing: the week of MONDAY is within the 14-day horizon.
BEFORE = "2026-12-04 00:00:00"


class AppointmentCommon(GovCaseCommon):
    """The centre of GovCaseCommon with service hours of every kind, a second person for the
    comprehensive window, and helpers to publish a roster."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Employee = env["hr.employee"]
        cls.emp_front = Employee.create(
            {"name": "综窗甲", "gov_site_id": cls.centre.id, "gov_window_ids": [(6, 0, cls.w_front.ids)]}
        )
        cls.emp_front2 = Employee.create(
            {"name": "综窗乙", "gov_site_id": cls.centre.id, "gov_window_ids": [(6, 0, cls.w_front.ids)]}
        )
        front = [(6, 0, cls.w_front.ids)]
        env["gov.service.slot"].create(
            [
                {"site_id": cls.centre.id, "day_type": "working", "hour_from": 9.0, "hour_to": 12.0, "mode": "regular"},
                {
                    "site_id": cls.centre.id,
                    "day_type": "working",
                    "hour_from": 13.5,
                    "hour_to": 17.5,
                    "mode": "regular",
                },
                {
                    "site_id": cls.centre.id,
                    "day_type": "working",
                    "hour_from": 17.5,
                    "hour_to": 18.5,
                    "mode": "extended",
                    "window_ids": front,
                },
                {
                    "site_id": cls.centre.id,
                    "day_type": "saturday",
                    "hour_from": 9.0,
                    "hour_to": 12.0,
                    "mode": "duty",
                    "window_ids": front,
                },
                {
                    "site_id": cls.centre.id,
                    "day_type": "sunday",
                    "hour_from": 9.0,
                    "hour_to": 12.0,
                    "mode": "appointment",
                    "window_ids": front,
                },
                {
                    "site_id": cls.centre.id,
                    "day_type": "holiday",
                    "hour_from": 9.0,
                    "hour_to": 11.0,
                    "mode": "duty",
                    "window_ids": front,
                },
            ]
        )
        env["gov.holiday"].create({"date": HOLIDAY, "name": "测试节", "day_type": "holiday"})
        cls.Appointment = env["gov.appointment"]
        cls.citizen2 = new_test_user(env, "t_appt_citizen2", groups="base.group_portal", lang="en_US")

    # ------------------------------------------------------------------ helpers
    @classmethod
    def _roster(cls, shifts, date_from=MONDAY, date_to=None, publish=True, site=None):
        """A roster of ``site`` (the centre) with ``shifts`` = [(day, window, employee, from, to)]."""
        site = site or cls.centre
        roster = cls.env["gov.roster"].create(
            {"site_id": site.id, "date_from": date_from, "date_to": date_to or date_from + datetime.timedelta(days=6)}
        )
        cls.env["gov.roster.shift"].create(
            [
                {
                    "roster_id": roster.id,
                    "window_id": window.id,
                    "date": day,
                    "hour_from": start,
                    "hour_to": end,
                    "employee_id": employee.id if employee else False,
                }
                for day, window, employee, start, end in shifts
            ]
        )
        if publish:
            roster._gov_unlocked().write({"state": "published"})
        return roster

    def _slots(self, item=None, day=MONDAY, date_to=None, now=BEFORE):
        return self.Appointment._bookable_slots(self.centre, item or self.item, day, date_to or day, now=now)

    def _book(self, item=None, day=MONDAY, hour=9.0, user=None, **extra):
        vals = {
            "site_id": self.centre.id,
            "item_id": (item or self.item).id,
            "date": day,
            "hour_from": hour,
            "applicant_name": "王五",
            "applicant_phone": "13800000001",
        }
        user = user or self.clerk
        if user._is_portal():
            vals["partner_id"] = user.partner_id.id  # a citizen books for themselves, and says so
        vals.update(extra)
        with freeze_time(BEFORE):
            return self.Appointment.with_user(user).create(vals)


@tagged("post_install", "-at_install")
class TestAppointmentSlots(AppointmentCommon):
    def test_no_published_roster_no_slot(self):
        self.assertEqual(self._slots(), [], "no roster at all: nothing to book")
        self._roster([(MONDAY, self.w_dept, self.emp_a, 9.0, 12.0)], publish=False)
        self.assertEqual(self._slots(), [], "a draft roster is not a promise to citizens")

    def test_slots_follow_the_roster_and_count_the_qualified_windows(self):
        self._roster(
            [
                (MONDAY, self.w_dept, self.emp_a, 9.0, 12.0),
                (MONDAY, self.w_front, self.emp_front, 9.0, 12.0),
                (MONDAY, self.w_front, self.emp_front2, 13.5, 17.5),
            ]
        )
        slots = self._slots()
        morning = [s for s in slots if s["hour_from"] < 12]
        self.assertEqual([s["hour_from"] for s in morning], [9.0, 9.5, 10.0, 10.5, 11.0, 11.5], "30-minute slots")
        self.assertEqual({s["capacity"] for s in morning}, {4}, "the item's window and the comprehensive one, 2 each")
        self.assertEqual({s["mode"] for s in slots}, {"regular"})
        afternoon = [s for s in slots if s["hour_from"] >= 13.5]
        self.assertEqual(len(afternoon), 8)
        self.assertEqual({s["capacity"] for s in afternoon}, {2}, "only the comprehensive window is on duty")
        self.assertEqual(morning[0]["start"], local_to_utc(MONDAY, 9.0))
        # An item taken at the comprehensive window only: the department window does not count.
        self.assertEqual({s["capacity"] for s in self._slots(self.item_now) if s["hour_from"] < 12}, {2})
        # Site settings: slot length and seats per window.
        self.centre.write({"appointment_slot_minutes": 60, "appointment_per_window": 3})
        morning = [s for s in self._slots() if s["hour_from"] < 12]
        self.assertEqual([(s["hour_from"], s["capacity"]) for s in morning], [(9.0, 6), (10.0, 6), (11.0, 6)])
        # An item the site does not list has no slot.
        other = published_item(self.env, "预约未列事项", "150599084000")
        self.assertEqual(self._slots(other), [])

    def test_nobody_on_duty_no_slot(self):
        self._roster(
            [
                (MONDAY, self.w_dept, False, 9.0, 12.0),  # a gap: no person
                (MONDAY, self.w_front, self.emp_front, 9.0, 12.0),
            ]
        )
        self.assertEqual({s["capacity"] for s in self._slots()}, {2}, "the empty shift gives no seat")
        # The comprehensive window's person posts a whereabouts notice 9:00-10:00 and has no stand-in.
        self.env["gov.whereabouts"].create(
            {
                "employee_id": self.emp_front.id,
                "reason": "到村委会核实材料",
                "contact": "0472-5551000",
                "date_start": local_to_utc(MONDAY, 9.0),
                "expected_return": local_to_utc(MONDAY, 10.0),
            }
        )
        self.assertEqual([s["hour_from"] for s in self._slots()], [10.0, 10.5, 11.0, 11.5])

    def test_the_b_post_stands_in_for_an_absent_a_post(self):
        self._roster([(MONDAY, self.w_dept, self.emp_a, 9.0, 12.0)])
        notice = {"reason": "外出", "contact": "0472-5551000"}
        self.env["gov.whereabouts"].create(
            dict(
                notice,
                employee_id=self.emp_a.id,
                date_start=local_to_utc(MONDAY, 9.0),
                expected_return=local_to_utc(MONDAY, 12.0),
            )
        )
        self.assertEqual(len(self._slots()), 6, "B post (free) takes the window while A is away")
        self.env["gov.whereabouts"].create(
            dict(
                notice,
                employee_id=self.emp_b.id,
                date_start=local_to_utc(MONDAY, 9.0),
                expected_return=local_to_utc(MONDAY, 10.0),
            )
        )
        self.assertEqual([s["hour_from"] for s in self._slots()], [10.0, 10.5, 11.0, 11.5], "both away: no slot")

    def test_extended_weekend_and_holiday_service(self):
        self._roster(
            [
                (MONDAY, self.w_front, self.emp_front, 17.5, 18.5),
                (HOLIDAY, self.w_front, self.emp_front, 9.0, 11.0),
                (SATURDAY, self.w_front, self.emp_front2, 9.0, 12.0),
                (SUNDAY, self.w_front, self.emp_front2, 9.0, 12.0),
                # The department window on duty on Saturday, but Saturday duty opens only the front window.
                (SATURDAY, self.w_dept, self.emp_a, 9.0, 12.0),
            ]
        )
        slots = self._slots(date_to=SUNDAY)
        by_day = {}
        for slot in slots:
            by_day.setdefault(slot["date"], []).append(slot)
        self.assertEqual(
            [(s["hour_from"], s["mode"]) for s in by_day[MONDAY]], [(17.5, "extended"), (18.0, "extended")]
        )
        self.assertEqual({s["mode"] for s in by_day[HOLIDAY]}, {"duty"})
        self.assertEqual(len(by_day[HOLIDAY]), 4)
        self.assertEqual({(s["mode"], s["capacity"]) for s in by_day[SATURDAY]}, {("duty", 2)})
        self.assertEqual({s["mode"] for s in by_day[SUNDAY]}, {"appointment"})
        self.assertEqual(len(by_day[SUNDAY]), 6)

    def test_weekend_appointments_follow_the_weekend_service(self):
        # One fact: the site's weekend hours are its weekend service (gov_staff); unticking the
        # flag archives them, and the weekend offers no appointment even with a published roster.
        self._roster(
            [
                (SATURDAY, self.w_front, self.emp_front2, 9.0, 12.0),
                (SUNDAY, self.w_front, self.emp_front2, 9.0, 12.0),
            ]
        )
        self.assertTrue(self.centre.weekend_service)
        self.assertEqual({s["date"] for s in self._slots(day=SATURDAY, date_to=SUNDAY)}, {SATURDAY, SUNDAY})
        self.centre.weekend_service = False
        self.assertFalse(self._slots(day=SATURDAY, date_to=SUNDAY))
        Site = self.env["gov.site"]
        self.assertNotIn(self.centre, Site.search(Site._public_site_domain({"weekend": "1"})))

    def test_past_lead_time_and_horizon(self):
        self._roster([(MONDAY, self.w_front, self.emp_front, 9.0, 12.0)])
        # Monday 08:30 Beijing: the 9:00 slot starts within the hour's lead time.
        now = local_to_utc(MONDAY, 8.5)
        self.assertEqual(self._slots(now=now)[0]["hour_from"], 9.5)
        self.assertEqual(self._slots(now=local_to_utc(MONDAY, 13.0)), [], "past slots are not offered")
        self.assertEqual(self._slots(now="2026-11-20 00:00:00"), [], "beyond the 14-day horizon")
        self.env["ir.config_parameter"].set_param("gov_eval.appointment_horizon_days", 20)
        self.assertTrue(self._slots(now="2026-11-20 00:00:00"))

    def test_slot_listing_query_budget(self):
        self._roster(
            [
                (day, window, employee, 9.0, 12.0)
                for day in (MONDAY, MONDAY + datetime.timedelta(days=1), HOLIDAY + datetime.timedelta(days=1))
                for window, employee in ((self.w_dept, self.emp_a), (self.w_front, self.emp_front))
            ]
        )
        self._slots(date_to=SUNDAY)  # warm the registry caches (working calendar, translations)
        self.env.invalidate_all()
        with self.assertQueryCount(16):
            first = self._slots(date_to=SUNDAY)
        for hour in (9.0, 9.5, 10.0, 10.5, 11.0):
            self._book(hour=hour)
            self._book(hour=hour, day=MONDAY + datetime.timedelta(days=1))
        self.env.invalidate_all()
        with self.assertQueryCount(16):
            second = self._slots(date_to=SUNDAY)
        self.assertEqual(len(first), len(second))
        self.assertEqual(sum(s["booked"] for s in second), 10)


@tagged("post_install", "-at_install")
class TestAppointmentBooking(AppointmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._roster(
            [
                (MONDAY, cls.w_dept, cls.emp_a, 9.0, 12.0),
                (MONDAY, cls.w_front, cls.emp_front, 9.0, 12.0),
            ]
        )

    def test_booking_gives_a_number_a_window_and_what_to_bring(self):
        appointment = self._book(user=self.citizen)
        self.assertRegex(appointment.number, r"^YY\d{8}\d{5}$")
        self.assertEqual(appointment.partner_id, self.citizen.partner_id, "a citizen books for themselves")
        self.assertEqual(appointment.state, "booked")
        self.assertEqual(appointment.window_id, self.w_dept, "the item's own window first")
        self.assertEqual(appointment.seat, 1)
        self.assertEqual((appointment.start, appointment.stop), (local_to_utc(MONDAY, 9.0), local_to_utc(MONDAY, 9.5)))
        values = appointment.with_user(self.citizen)._portal_values()
        self.assertEqual([m["name"] for m in values["materials"]], ["居民身份证", "申请书", "收入证明"])
        self.assertIn(self.citizen.partner_id, appointment.sudo().message_partner_ids, "the citizen follows it")

    def test_capacity_is_enforced(self):
        booked = [self._book(item=self.item_now) for _i in range(2)]
        self.assertEqual([(a.window_id, a.seat) for a in booked], [(self.w_front, 1), (self.w_front, 2)])
        with self.assertRaises(UserError):
            self._book(item=self.item_now)
        # The department's item still has the department window's seats at the same time.
        self.assertEqual(self._book().window_id, self.w_dept)
        # A cancelled booking frees its seat.
        booked[0].cancel_reason = "窗口临时停电"
        booked[0].with_user(self.clerk).action_cancel()
        again = self._book(item=self.item_now)
        self.assertEqual((again.window_id, again.seat), (self.w_front, 1))
        slot = self._slots(self.item_now)[0]
        self.assertEqual((slot["capacity"], slot["booked"], slot["remaining"]), (2, 2, 0))

    def test_refused_values(self):
        with self.assertRaises(UserError):
            self._book(hour=9.25)  # not a slot
        with self.assertRaises(UserError):
            self._book(day=MONDAY + datetime.timedelta(days=1))  # no roster that day
        with self.assertRaises(ValidationError):
            self._book(applicant_phone="call me")
        with self.assertRaises(AccessError):
            self._book(user=self.citizen, partner_id=self.citizen2.partner_id.id)
        with self.assertRaises(AccessError):
            self._book(state="done")
        with self.assertRaises(AccessError):
            self._book(user=self.citizen, note="内部说明不是群众写的")
        with self.assertRaises(ValidationError):
            self._book(applicant_name="长" * 61)
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            self._book(user=self.other_clerk)  # another township's clerk
        self._book(user=self.citizen)
        with self.assertRaises(UserError):
            self._book(user=self.citizen, hour=9.0)  # the same citizen twice at the same time

    def test_never_deleted_and_the_time_is_fixed(self):
        appointment = self._book()
        with self.assertRaises(UserError):
            appointment.unlink()
        with self.assertRaises(UserError):
            appointment.sudo().unlink()
        with self.assertRaises(UserError):
            appointment.with_user(self.clerk).write({"hour_from": 10.0})
        with self.assertRaises(AccessError):
            appointment.with_user(self.clerk).write({"state": "done"})
        appointment.with_user(self.clerk).write({"applicant_phone": "13800000002", "note": "轮椅"})

    def test_citizen_cancels_until_the_lead_time(self):
        early = self._book(user=self.citizen)
        late = self._book(user=self.citizen, hour=11.0)
        with freeze_time(local_to_utc(MONDAY, 7.0)):  # 2 hours before 9:00: still possible
            self.assertTrue(early.with_user(self.citizen)._can_cancel_online())
            early.with_user(self.citizen)._portal_cancel()
        self.assertEqual((early.state, early.cancelled_online), ("cancelled", True))
        with freeze_time(local_to_utc(MONDAY, 9.5)):  # 1.5 hours before 11:00
            with self.assertRaises(UserError):
                late.with_user(self.citizen)._portal_cancel()
            with self.assertRaises(AccessError):
                late.with_user(self.citizen2)._portal_cancel()
            # Staff cancel at any time, with a reason.
            with self.assertRaises(UserError):
                late.with_user(self.clerk).action_cancel()
            late.with_user(self.clerk).write({"cancel_reason": "系统维护"})
            late.with_user(self.clerk).action_cancel()
        self.assertEqual(late.state, "cancelled")
        with self.assertRaises(UserError):
            late.with_user(self.clerk).write({"applicant_name": "改名"})  # history

    def test_check_in_done_and_no_show(self):
        came, missed, later = self._book(), self._book(hour=9.5), self._book(hour=11.5)
        with freeze_time(local_to_utc(MONDAY, 9.0)):
            with self.assertRaises(UserError):
                missed.with_user(self.clerk).action_no_show()  # has not started yet... 9:30
            came.with_user(self.clerk).action_check_in()
            with self.assertRaises(AccessError):
                came.with_user(self.citizen).action_done()
            came.with_user(self.clerk).action_done()
        self.assertEqual(came.state, "done")
        self.assertTrue(came.checked_in_at)
        with freeze_time(local_to_utc(MONDAY, 10.5)):
            self.Appointment._cron_no_show()
        self.assertEqual((missed.state, later.state), ("no_show", "booked"), "only the slot that has ended")
        with freeze_time(local_to_utc(MONDAY, 23.5)):
            self.Appointment._cron_no_show()
        self.assertEqual(later.state, "no_show")
        with self.assertRaises(UserError):
            missed.with_user(self.clerk).action_cancel()

    def test_the_window_sees_its_day(self):
        self._book()
        self._book(item=self.item_now, user=self.citizen)
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_appointment")
        self.assertIn("search_default_today", action["context"])
        mine = self.Appointment.with_user(self.clerk).search([("date", "=", MONDAY)])
        self.assertEqual(len(mine), 2)
        self.assertFalse(self.Appointment.with_user(self.other_clerk).search([("date", "=", MONDAY)]))
        self.assertEqual(self.Appointment.with_user(self.citizen).search_count([]), 1, "a citizen sees their own")


@tagged("post_install", "-at_install")
def _env(cr):
    """A superuser environment on ``cr``, an independent connection of another thread.

    The registry is taken as loaded: while the server loads modules and runs their post-install
    tests it holds the registries' lock, which ``Registry(dbname)`` (as ``api.Environment`` calls
    it for a new cursor) would wait for."""
    cr.transaction = Transaction(Registry.registries[cr.dbname])
    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})


class TestAppointmentConcurrency(BaseCase):
    """Two requests book the last seat of a slot at the same moment, on two real connections:
    exactly one booking survives. The data they need is committed first (and removed after); no
    test transaction is open (BaseCase), so that nothing the test holds blocks the two requests."""

    def test_concurrent_booking_of_the_last_seat(self):
        dbname = get_db_name()
        ids = {}
        with db_connect(dbname).cursor() as cr:
            env = _env(cr)
            site = env.ref("gov_center.site_centre_t100")
            line = env["gov.item.site"].search(
                [("site_id", "=", site.id), ("item_id.state", "=", "published")], limit=1
            )
            window = site.window_ids.filtered(lambda w: w.is_open and w.window_type == "comprehensive")[:1]
            employee = env["hr.employee"].search([("gov_site_id", "=", site.id)], limit=1)
            self.assertTrue(line and window and employee, "demo data: t100 has items, a front window and staff")
            # Eight days ahead is always after the demo roster (the week of installation).
            day = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=8)
            ids["per_window"] = site.appointment_per_window
            roster = env["gov.roster"].create({"site_id": site.id, "date_from": day, "date_to": day})
            env["gov.roster.shift"].create(
                {
                    "roster_id": roster.id,
                    "window_id": window.id,
                    "date": day,
                    "hour_from": 0.0,
                    "hour_to": 24.0,
                    "employee_id": employee.id,
                }
            )
            roster._gov_unlocked().write({"state": "published"})
            site.appointment_per_window = 1
            ids.update(site=site.id, item=line.item_id.id, roster=roster.id, day=day)
            cr.commit()  # pylint: disable=invalid-commit  # the race needs committed rows in two cursors
        try:
            self._race(dbname, ids)
        finally:
            with db_connect(dbname).cursor() as cr:
                cr.execute("SELECT id FROM gov_appointment WHERE site_id = %s AND date = %s", (ids["site"], ids["day"]))
                appointment_ids = [row[0] for row in cr.fetchall()] or [0]
                cr.execute(
                    "DELETE FROM mail_message WHERE model = 'gov.appointment' AND res_id IN %s",
                    (tuple(appointment_ids),),
                )
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = 'gov.appointment' AND res_id IN %s",
                    (tuple(appointment_ids),),
                )
                cr.execute("DELETE FROM gov_appointment WHERE id IN %s", (tuple(appointment_ids),))
                cr.execute("DELETE FROM gov_roster WHERE id = %s", (ids["roster"],))
                cr.execute(
                    "UPDATE gov_site SET appointment_per_window = %s WHERE id = %s", (ids["per_window"], ids["site"])
                )
                cr.commit()  # pylint: disable=invalid-commit  # the race needs committed rows in two cursors

    def _race(self, dbname, ids):
        barrier = threading.Barrier(2, timeout=20)
        results = []

        def book(name):
            try:
                with db_connect(dbname).cursor() as cr:
                    env = _env(cr)
                    Appointment = env["gov.appointment"].with_context(lang="en_US")
                    site, item = env["gov.site"].browse(ids["site"]), env["gov.item"].browse(ids["item"])
                    slots = Appointment._bookable_slots(site, item, ids["day"], ids["day"])
                    slot = next((s for s in slots if s["remaining"]), None)
                    results.append((name, "saw", slot and slot["start"], slot and slot["remaining"]))
                    barrier.wait()  # both have counted the same free seat in their snapshot
                    try:
                        Appointment.create(
                            {
                                "site_id": site.id,
                                "item_id": item.id,
                                "date": ids["day"],
                                "hour_from": slot["hour_from"],
                                "applicant_name": name,
                                "applicant_phone": "13800000003",
                            }
                        )
                        cr.commit()  # pylint: disable=invalid-commit  # the race needs committed rows in two cursors
                        results.append((name, "booked"))
                    except UserError as error:
                        cr.rollback()
                        results.append((name, "refused", str(error)))
            except Exception as error:  # reported by the assertions below
                barrier.abort()
                results.append((name, "error", repr(error)))

        threads = [threading.Thread(target=book, args=(name,)) for name in ("甲", "乙")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        saw = [row for row in results if row[1] == "saw"]
        self.assertEqual(len(saw), 2, results)
        self.assertEqual(saw[0][2:], saw[1][2:], "both saw the same slot with the same single seat left")
        self.assertEqual(saw[0][3], 1, results)
        outcomes = sorted(row[1] for row in results if row[1] != "saw")
        self.assertEqual(outcomes, ["booked", "refused"], results)
        refused = next(row for row in results if row[1] == "refused")
        self.assertIn("just been fully booked", refused[2])
        with db_connect(dbname).cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM gov_appointment WHERE site_id = %s AND date = %s AND state != 'cancelled'",
                (ids["site"], ids["day"]),
            )
            self.assertEqual(cr.fetchone()[0], 1, "exactly one booking survives")


@tagged("post_install", "-at_install")
class TestAppointmentPortal(AppointmentCommon, HttpCase):
    """The pages, on real dates (the HTTP server is not frozen): shifts the day after tomorrow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre.is_public = True
        # Every day type opens 9:00-12:00 at both windows (whatever day the test runs on).
        cls.centre.service_slot_ids.unlink()
        cls.env["gov.service.slot"].create(
            [
                {"site_id": cls.centre.id, "day_type": kind, "hour_from": 9.0, "hour_to": 12.0, "mode": mode}
                for kind, mode in (
                    ("working", "regular"),
                    ("saturday", "duty"),
                    ("sunday", "appointment"),
                    ("holiday", "duty"),
                )
            ]
        )
        today = datetime.datetime.now(datetime.UTC).date()
        cls.day = today + datetime.timedelta(days=2)
        cls._roster(
            [(cls.day, cls.w_front, cls.emp_front, 9.0, 12.0)],
            date_from=today,
            date_to=today + datetime.timedelta(days=6),
        )

    def _book_now(self, user, hour=9.0, item=None):
        return self.Appointment.with_user(user).create(
            {
                "site_id": self.centre.id,
                "item_id": (item or self.item_now).id,
                "date": self.day,
                "hour_from": hour,
                "applicant_name": "赵六",
                "applicant_phone": "13800000004",
                "partner_id": user.partner_id.id,
            }
        )

    def test_public_page_links_to_booking_and_lists_the_slots(self):
        page = self.url_open(f"/gov/sites/{self.centre.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/gov/sites/{self.centre.id}/book", page.text)
        book = self.url_open(f"/gov/sites/{self.centre.id}/book?item_id={self.item_now.id}")
        self.assertEqual(book.status_code, 200)
        self.assertIn(self.day.isoformat(), book.text)
        self.assertIn("minute=540", book.text, "the 9:00 slot is offered")

    def test_anonymous_visitor_cannot_book(self):
        url = f"/gov/sites/{self.centre.id}/book/confirm?item_id={self.item_now.id}&date={self.day}&minute=540"
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        posted = self.url_open(
            f"/gov/sites/{self.centre.id}/book/confirm",
            data={
                "item_id": self.item_now.id,
                "date": str(self.day),
                "minute": "540",
                "applicant_name": "匿名",
                "applicant_phone": "13800000000",
            },
            allow_redirects=False,
        )
        self.assertNotEqual(posted.status_code, 200)
        self.assertFalse(self.Appointment.search([("site_id", "=", self.centre.id)]), "nothing was booked")

    def test_citizen_books_sees_and_cancels(self):
        self.authenticate(self.citizen.login, self.citizen.login)
        url = f"/gov/sites/{self.centre.id}/book/confirm"
        form = self.url_open(f"{url}?item_id={self.item_now.id}&date={self.day}&minute=540")
        self.assertEqual(form.status_code, 200)
        self.assertIn("csrf_token", form.text)
        self.assertIn("09:00–09:30", form.text, "the chosen slot is shown")
        response = self.url_open(
            url,
            data={
                "item_id": self.item_now.id,
                "date": str(self.day),
                "minute": "540",
                "applicant_name": "赵六",
                "applicant_phone": "13800000004",
                "csrf_token": http_csrf(self),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        appointment = self.Appointment.search([("partner_id", "=", self.citizen.partner_id.id)])
        self.assertEqual(len(appointment), 1)
        self.assertIn(f"/my/appointments/{appointment.id}", response.headers["Location"])
        page = self.url_open(f"/my/appointments/{appointment.id}?booked=1")
        self.assertEqual(page.status_code, 200)
        self.assertIn(appointment.number, page.text)
        self.assertIn("居民身份证", page.text, "what to bring")
        listing = self.url_open("/my/appointments")
        self.assertIn(appointment.number, listing.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["appointment_count"]})
        self.assertEqual(counters["appointment_count"], 1, "the count on /my")
        # Invalid input: a clear message, nothing booked.
        bad = self.url_open(
            url,
            data={
                "item_id": self.item_now.id,
                "date": str(self.day),
                "minute": "570",
                "applicant_name": "赵六",
                "applicant_phone": "abc",
                "csrf_token": http_csrf(self),
            },
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("o_gov_book_error", bad.text)
        self.assertEqual(self.Appointment.search_count([("partner_id", "=", self.citizen.partner_id.id)]), 1)
        cancel = self.url_open(
            f"/my/appointments/{appointment.id}/cancel", data={"csrf_token": http_csrf(self)}, allow_redirects=False
        )
        self.assertEqual(cancel.status_code, 303)
        appointment.invalidate_recordset()
        self.assertEqual(appointment.state, "cancelled")

    def test_citizen_cannot_reach_another_citizens_appointment(self):
        theirs = self._book_now(self.citizen2)
        self.authenticate(self.citizen.login, self.citizen.login)
        self.assertEqual(self.url_open(f"/my/appointments/{theirs.id}").status_code, 404)
        self.assertNotIn(theirs.number, self.url_open("/my/appointments").text)
        cancel = self.url_open(
            f"/my/appointments/{theirs.id}/cancel", data={"csrf_token": http_csrf(self)}, allow_redirects=False
        )
        self.assertEqual(cancel.status_code, 404)
        for method, args in (
            ("read", [[theirs.id], ["number"]]),
            ("write", [[theirs.id], {"applicant_phone": "13900000000"}]),
            ("_portal_cancel", [[theirs.id]]),
            ("action_cancel", [[theirs.id]]),
            ("unlink", [[theirs.id]]),
        ):
            with self.subTest(method=method), self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {"model": "gov.appointment", "method": method, "args": args, "kwargs": {}},
                )
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "gov.appointment",
                    "method": "create",
                    "args": [
                        {
                            "site_id": self.centre.id,
                            "item_id": self.item_now.id,
                            "date": str(self.day),
                            "hour_from": 9.5,
                            "applicant_name": "冒名",
                            "applicant_phone": "13800000000",
                            "partner_id": self.citizen2.partner_id.id,
                        }
                    ],
                    "kwargs": {},
                },
            )
        theirs.invalidate_recordset()
        self.assertEqual((theirs.state, theirs.applicant_phone), ("booked", "13800000004"))
        self.assertEqual(self.Appointment.search_count([("partner_id", "=", self.citizen2.partner_id.id)]), 1)


def http_csrf(case):
    """A CSRF token of the test's current session, read from the booking form."""
    page = case.url_open(
        f"/gov/sites/{case.centre.id}/book/confirm?item_id={case.item_now.id}&date={case.day}&minute=660"
    )
    marker = 'name="csrf_token" value="'
    case.assertIn(marker, page.text, "the booking form carries a CSRF token")
    return page.text.split(marker, 1)[1].split('"', 1)[0]


@tagged("post_install", "-at_install")
class TestAppointmentQueue(AppointmentCommon):
    """An appointment checked in takes a number of the appointments' line (Y): after the green
    channel, before walk-ins; at the window or at the hall's kiosk with its number and phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._roster([(MONDAY, cls.w_front, cls.emp_front, 9.0, 12.0)])
        cls.Ticket = cls.env["gov.queue.ticket"]
        cls.svc_a = cls.centre.queue_service_ids.filtered(lambda s: s.prefix == "A")
        cls.svc_a.window_ids = cls.w_front

    def test_checked_in_at_the_window_called_after_green_before_walk_ins(self):
        booked = self._book(hour=9.5)
        with freeze_time(local_to_utc(MONDAY, 9.0)):
            walk_in = self.Ticket._issue(self.centre, self.svc_a)
            action = booked.with_user(self.clerk).action_check_in()
            green = self.Ticket._issue(self.centre, self.svc_a, green_reason="elderly")
            ticket = booked.ticket_ids
            self.assertEqual((ticket.number, ticket.source, ticket.priority), ("Y001", "appointment", "1"))
            self.assertIn("Y001", action["params"]["message"])
            self.assertEqual(booked.state, "checked_in")
            calls = [self.Ticket.with_user(self.clerk)._call_next_at(self.w_front) for _i in range(3)]
        self.assertEqual(calls, [green, ticket, walk_in])

    def test_kiosk_check_in_by_number_and_phone(self):
        booked = self._book(hour=10.0, applicant_phone="138 0000 4321")
        Appointment = self.env["gov.appointment"]
        with freeze_time(local_to_utc(MONDAY, 9.5)):
            answers = set()
            for site, number, tail in (
                (self.centre, booked.number, "1234"),  # wrong phone
                (self.centre, booked.number + "9", "4321"),  # wrong number
                (self.other_centre, booked.number, "4321"),  # another site
                (self.centre, booked.number, "43"),  # too short
            ):
                with self.assertRaises(UserError) as refused:
                    Appointment._kiosk_check_in(site, number, tail)
                answers.add(str(refused.exception))
            self.assertEqual(len(answers), 1, "one answer for every wrong pair")
            self.assertEqual(booked.state, "booked")
            ticket = Appointment._kiosk_check_in(self.centre, booked.number.lower(), "4321")
            self.assertEqual((ticket.number, ticket.appointment_id), ("Y001", booked))
            self.assertEqual(booked.state, "checked_in")
            with self.assertRaises(UserError):
                Appointment._kiosk_check_in(self.centre, booked.number, "4321")  # once
        other = self._book(hour=11.0, applicant_phone="13800004321")
        with freeze_time(local_to_utc(MONDAY, 12.0)), self.assertRaises(UserError):
            Appointment._kiosk_check_in(self.centre, other.number, "4321")  # its time is over
        with freeze_time(local_to_utc(MONDAY + datetime.timedelta(days=1), 9.0)), self.assertRaises(UserError):
            Appointment._kiosk_check_in(self.centre, other.number, "4321")  # another day
