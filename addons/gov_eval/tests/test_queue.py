"""The hall's queue (取号叫号): numbering, the green channel, calling at windows, recall, skip,
transfer, the times recorded for the KPIs, and the intake started from a ticket."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ID_NUMBER, GovCaseCommon


@tagged("gov", "post_install", "-at_install")
class TestQueue(GovCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Window = cls.env["gov.window"]
        cls.w_front2 = Window.create(
            {"site_id": cls.centre.id, "code": "02", "name": "综合受理二号窗口", "window_type": "comprehensive"}
        )
        cls.w_issue = Window.create(
            {"site_id": cls.centre.id, "code": "09", "name": "统一出件窗口", "window_type": "issuing"}
        )
        services = {service.prefix: service for service in cls.centre.queue_service_ids}
        cls.svc_a, cls.svc_b, cls.svc_c = services["A"], services["B"], services["C"]
        cls.svc_a.window_ids = cls.w_front | cls.w_front2
        cls.svc_b.window_ids = cls.w_issue
        cls.svc_c.window_ids = cls.w_front
        cls.Ticket = cls.env["gov.queue.ticket"]

    def issue(self, service=None, **kwargs):
        return self.Ticket.with_user(self.clerk)._issue(self.centre, service or self.svc_a, **kwargs)

    def call(self, window, user=None):
        return self.Ticket.with_user(user or self.clerk)._call_next_at(window)

    # ------------------------------------------------------------------ set-up and numbering
    def test_every_site_gets_default_services(self):
        self.assertEqual(sorted(self.station.queue_service_ids.mapped("prefix")), ["A", "B", "C"])
        with self.assertRaises(ValidationError):
            self.env["gov.queue.service"].create({"site_id": self.centre.id, "prefix": "Y", "name": "预约"})
        with self.assertRaises(ValidationError):
            self.env["gov.queue.service"].create({"site_id": self.centre.id, "prefix": "d1", "name": "错误"})

    def test_numbers_per_day_and_service(self):
        with freeze_time("2026-09-24 01:00:00"):
            numbers = [self.issue().number, self.issue().number, self.issue(self.svc_b).number]
            other = self.Ticket._issue(self.other_centre, self.other_centre.queue_service_ids[:1])
        self.assertEqual(numbers, ["A001", "A002", "B001"])
        self.assertEqual(other.number, "A001", "each site counts its own numbers")
        with freeze_time("2026-09-25 01:00:00"):
            ticket = self.issue()
        self.assertEqual(ticket.number, "A001", "numbers restart each day")
        self.assertEqual(str(ticket.day), "2026-09-25")

    def test_issue_checks_what_it_is_given(self):
        with self.assertRaises(UserError):
            self.Ticket._issue(self.centre, self.other_centre.queue_service_ids[:1])
        with self.assertRaises(UserError):
            self.Ticket._issue(self.centre, self.svc_a, green_reason="vip")
        with self.assertRaises(UserError):
            self.Ticket._issue(self.centre, self.svc_a, source="appointment")  # without an appointment
        self.centre.is_public = False
        with self.assertRaises(UserError):
            self.Ticket._issue(self.centre, self.svc_a)

    # ------------------------------------------------------------------ order of calling
    def test_green_channel_is_called_before_earlier_regular_tickets(self):
        with freeze_time("2026-09-24 01:00:00"):
            first, second = self.issue(), self.issue()
        with freeze_time("2026-09-24 01:20:00"):
            green = self.issue(green_reason="elderly")
            self.assertEqual(green.priority, "2")
            self.assertEqual(green._people_ahead(), 0)
            self.assertEqual(second._people_ahead(), 2)
            self.assertEqual(self.call(self.w_front), green)
            self.assertEqual(self.call(self.w_front2), first)
            self.assertEqual(self.call(self.w_front), second)

    def test_a_window_calls_only_the_services_it_serves(self):
        with freeze_time("2026-09-24 01:00:00"):
            pickup = self.issue(self.svc_b)
            self.assertFalse(self.call(self.w_front))
            self.assertEqual(self.call(self.w_issue), pickup)
            self.assertEqual(
                (pickup.state, pickup.window_id, pickup.called_by_id), ("called", self.w_issue, self.clerk)
            )

    def test_two_windows_never_call_the_same_ticket(self):
        with freeze_time("2026-09-24 01:00:00"):
            tickets = self.issue() | self.issue()
            called = self.call(self.w_front) | self.call(self.w_front2)
            self.assertEqual(called, tickets)
            self.assertEqual(len(called.window_id), 2)
            self.assertFalse(self.call(self.w_front), "the queue is empty once both are called")

    def test_calling_next_ends_the_current_ticket(self):
        with freeze_time("2026-09-24 01:00:00"):
            first, second = self.issue(), self.issue()
            self.call(self.w_front)
            self.assertEqual(self.w_front.queue_ticket_id, first)
            self.assertEqual(self.w_front2.queue_waiting_count, 1)
            self.call(self.w_front)
            self.assertEqual((first.state, second.state), ("done", "called"))

    # ------------------------------------------------------------------ window actions
    def test_recall_skip_requeue(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue()
            self.call(self.w_front)
            ticket.with_user(self.clerk).action_recall()
            ticket.with_user(self.clerk).action_recall()
            self.assertEqual(ticket.recall_count, 2)
            ticket.with_user(self.clerk).action_skip()
            self.assertEqual(ticket.state, "skipped")
            self.assertFalse(self.call(self.w_front2), "a skipped ticket is not called again")
            with self.assertRaises(UserError):
                ticket.with_user(self.clerk).action_skip()
            ticket.with_user(self.clerk).action_requeue()
            self.assertEqual(self.call(self.w_front2), ticket)

    def test_transfer_keeps_the_number_and_the_place(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue()
        with freeze_time("2026-09-24 01:10:00"):
            later = self.issue(self.svc_b)
            self.call(self.w_front)
        with freeze_time("2026-09-24 01:15:00"):
            moved = ticket.with_user(self.clerk).action_transfer(service=self.svc_b.id)
        self.assertEqual(ticket.state, "transferred")
        self.assertEqual(ticket.service_minutes, 5.0)
        self.assertEqual((moved.number, moved.state, moved.service_id), ("A001", "waiting", self.svc_b))
        self.assertEqual((moved.issued_at, moved.transferred_from_id), (ticket.issued_at, ticket))
        with freeze_time("2026-09-24 01:20:00"):
            self.assertEqual(self.call(self.w_issue), moved, "called before those who came later")
            self.assertEqual(self.call(self.w_issue), later)
        self.assertEqual(moved.waiting_minutes, 5.0, "waiting at the second service counts from the transfer")

    def test_transfer_to_a_window(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue()
            self.call(self.w_front)
            wizard = (
                self.env["gov.queue.transfer"]
                .with_user(self.clerk)
                .create({"ticket_id": ticket.id, "service_id": self.svc_a.id, "window_id": self.w_front2.id})
            )
            wizard.action_confirm()
            self.issue()
            moved = ticket.transfer_ids
            self.assertNotEqual(self.call(self.w_front), moved, "only the chosen window calls it")
            self.assertEqual(self.call(self.w_front2), moved)
            with self.assertRaises(UserError):
                moved.with_user(self.clerk).action_transfer(service=self.other_centre.queue_service_ids[:1].id)

    def test_waiting_and_service_minutes(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue()
        with freeze_time("2026-09-24 01:12:00"):
            self.call(self.w_front)
        with freeze_time("2026-09-24 01:15:00"):
            ticket.with_user(self.clerk).action_start()
        with freeze_time("2026-09-24 01:27:30"):
            ticket.with_user(self.clerk).action_done()
        self.assertEqual((ticket.waiting_minutes, ticket.service_minutes), (12.0, 12.5))
        self.assertEqual(ticket.state, "done")

    def test_start_intake_links_the_case(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue(green_reason="pregnant")
            self.call(self.w_front)
            action = ticket.with_user(self.clerk).action_start_intake()
            self.assertEqual(action["res_model"], "gov.case")
            self.assertEqual(ticket.state, "serving")
            defaults = {k[8:]: v for k, v in action["context"].items() if k.startswith("default_")}
            case = (
                self.env["gov.case"]
                .with_user(self.clerk)
                .with_context(**action["context"])
                .create(
                    {
                        "item_id": self.item.id,
                        "applicant_name": "张三丰",
                        "id_number_input": ID_NUMBER,
                        "applicant_phone": "1",
                    }
                )
            )
        self.assertEqual(defaults["ticket_id"], ticket.id)
        self.assertEqual((case.ticket_id, case.site_id, case.green_reason), (ticket, self.centre, "pregnant"))
        self.assertEqual(ticket.case_ids, case)
        self.assertEqual(ticket.case_count, 1)
        # A case is linked to a ticket of its own site only.
        with freeze_time("2026-09-24 01:00:00"):
            foreign = self.Ticket._issue(self.other_centre, self.other_centre.queue_service_ids[:1])
        with self.assertRaises(UserError):  # AccessError is a UserError too
            self.env["gov.case"].with_user(self.clerk).create(
                {
                    "item_id": self.item.id,
                    "applicant_name": "李四",
                    "applicant_phone": "1",
                    "ticket_id": foreign.id,
                    "site_id": self.centre.id,
                }
            )

    def test_a_called_ticket_goes_to_serving_when_a_case_is_created_from_it(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue()
            self.call(self.w_front)
            self._case(ticket_id=ticket.id)
        self.assertEqual(ticket.state, "serving")

    # ------------------------------------------------------------------ guards
    def test_clerk_of_another_site_cannot_call_here(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue()
            with self.assertRaises(AccessError):
                self.w_front.with_user(self.other_clerk).action_call_next()
            with self.assertRaises(AccessError):
                ticket.with_user(self.other_clerk).action_recall()
            with self.assertRaises(AccessError):
                self.w_front.with_user(self.agent).action_call_next()
        self.assertEqual(ticket.state, "waiting")

    def test_fields_set_by_the_buttons_cannot_be_written(self):
        with freeze_time("2026-09-24 01:00:00"):
            ticket = self.issue()
        mine = ticket.with_user(self.clerk)
        for vals in ({"state": "done"}, {"number": "A999"}, {"waiting_minutes": 0}, {"window_id": self.w_front.id}):
            with self.assertRaises(AccessError):
                mine.write(vals)
        with self.assertRaises(AccessError):
            self.Ticket.with_user(self.clerk).create(
                {"site_id": self.centre.id, "service_id": self.svc_a.id, "state": "called"}
            )
        mine.write({"green_reason": "military", "note": "军属"})
        self.assertEqual(ticket.priority, "2")
        with self.assertRaises(UserError):
            mine.unlink()
        with self.assertRaises(UserError):
            ticket.sudo().unlink()
        with freeze_time("2026-09-24 01:00:00"):
            self.call(self.w_front)
        with self.assertRaises(UserError):
            mine.write({"green_reason": False})

    def test_end_of_day_closes_the_queue(self):
        with freeze_time("2026-09-24 01:00:00"):
            called = self.issue()
            self.call(self.w_front)
            serving = self.issue(self.svc_b)
            self.call(self.w_issue)
            serving.action_start()
            waiting = self.issue()
        self.assertEqual((waiting.state, called.state, serving.state), ("waiting", "called", "serving"))
        with freeze_time("2026-09-25 01:00:00"):
            today = self.issue()
            self.Ticket._cron_close_day()
        self.assertEqual((waiting.state, waiting.end_reason), ("cancelled", "no_show"))
        self.assertEqual(called.state, "cancelled")
        self.assertEqual(serving.state, "done")
        self.assertEqual(today.state, "waiting")
