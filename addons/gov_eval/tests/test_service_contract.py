"""Third-party operated centres: contracts, their monthly scorecards on known data, the warning of
a target missed twice running, the monthly job and the printed scorecard."""

import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import USCC, GovKpiCommon

AUGUST, SEPTEMBER = datetime.date(2026, 8, 1), datetime.date(2026, 9, 1)


@tagged("gov", "post_install", "-at_install")
class TestServiceContract(GovKpiCommon):
    """September 2026 at the centre (GovKpiCommon): cases c1–c3 decided, c1 and c2 on time (66.7%);
    three ratings, one bad (66.7%); plus, here, four tickets waiting 10, 20, 30 and 20 minutes (20.0)
    and a published roster of four window-days, two of them fully staffed (50.0%)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.provider = env["res.partner"].create({"name": "托管服务公司", "is_company": True})
        cls.purchased = env["hr.employee"].create(
            {"name": "购买服务人员", "gov_site_id": cls.centre.id, "gov_service_mode": "purchased"}
        )
        cls.Contract = env["gov.service.contract"]

    # ------------------------------------------------------------------ helpers
    def _contract(self, site=None, start="2026-08-01", end="2027-07-31", run=True, **values):
        vals = {
            "name": "托管服务合同",
            "site_id": (site or self.centre).id,
            "provider_id": self.provider.id,
            "credit_code": USCC,
            "date_start": start,
            "date_end": end,
            "monthly_fee": 20000,
            "user_id": self.manager.id,
            "target_ids": [
                Command.create(
                    {
                        "metric": "satisfaction",
                        "deduction_fixed": 1000,
                        "deduction_per_point": 200,
                        "deduction_cap": 5000,
                    }
                ),
                Command.create({"metric": "on_time", "deduction_fixed": 500}),
                Command.create({"metric": "waiting", "target": 15, "deduction_per_point": 100}),
                Command.create({"metric": "staffing", "target": 90, "deduction_fixed": 300, "deduction_per_point": 10}),
            ],
            **values,
        }
        contract = self.Contract.with_user(self.admin).create(vals)
        if run:
            contract.action_start()
        return contract

    def _tickets(self, site, day, waits):
        service = site.queue_service_ids[:1]
        values = []
        for index, wait in enumerate(waits):
            queued = datetime.datetime.combine(day, datetime.time(1, index))
            values.append(
                {
                    "site_id": site.id,
                    "service_id": service.id,
                    "day": day,
                    "issued_at": queued,
                    "queued_at": queued,
                    "called_at": queued + datetime.timedelta(minutes=wait),
                    "state": "done",
                }
            )
        return self.env["gov.queue.ticket"].create(values)

    def _roster(self):
        roster = self.env["gov.roster"].create(
            {"site_id": self.centre.id, "date_from": "2026-09-01", "date_to": "2026-09-30"}
        )
        Shift = self.env["gov.roster.shift"]

        def shift(window, day, hour, employee):
            return {
                "roster_id": roster.id,
                "window_id": window.id,
                "date": day,
                "hour_from": hour,
                "hour_to": hour + 3,
                "employee_id": employee.id if employee else False,
            }

        Shift.create(
            [
                shift(self.w_front, "2026-09-01", 9, self.emp_clerk),  # staffed
                shift(self.w_front, "2026-09-02", 9, None),  # a gap
                shift(self.w_dept, "2026-09-01", 9, self.emp_a),  # staffed: both shifts
                shift(self.w_dept, "2026-09-01", 13, self.emp_b),
                shift(self.w_dept, "2026-09-02", 9, self.emp_a),  # half a day's gap: not staffed
                shift(self.w_dept, "2026-09-02", 13, None),
            ]
        )
        roster.state = "published"
        return roster

    def _september_data(self):
        self._september()
        self._tickets(self.centre, datetime.date(2026, 9, 8), [10, 20, 30, 20])
        self._roster()

    def _lines(self, card):
        return {line.metric: line for line in card.line_ids}

    # ------------------------------------------------------------------ figures and deductions
    def test_scorecard_equals_hand_computed_one(self):
        self._september_data()
        contract = self._contract()
        card = contract.with_user(self.admin).action_compute_month(SEPTEMBER)
        lines = self._lines(card)
        self.assertEqual(card.month, SEPTEMBER)
        self.assertEqual(
            {metric: (line.actual, line.result) for metric, line in lines.items()},
            {
                "satisfaction": (66.7, "missed"),
                "on_time": (66.7, "missed"),
                "waiting": (20.0, "missed"),
                "staffing": (50.0, "missed"),
            },
        )
        self.assertEqual((card.evaluation_count, card.decided_count, card.ticket_count), (3, 3, 4))
        self.assertEqual((card.window_days, card.staffed_days), (4, 2))
        # 1000 + 200 × 28.3 = 6660, capped at 5000; 500 fixed; 100 × 5 minutes; 300 + 10 × 40 points.
        self.assertEqual(
            {metric: line.deduction for metric, line in lines.items()},
            {"satisfaction": 5000.0, "on_time": 500.0, "waiting": 500.0, "staffing": 700.0},
        )
        self.assertEqual(lines["satisfaction"].shortfall, 28.3)
        self.assertEqual(card.total_deduction, 6700.0)
        self.assertEqual(card.monthly_fee, 20000.0)
        self.assertEqual(card.amount_payable, 13300.0)
        self.assertEqual(card.amount_payable_words, "壹万叁仟叁佰元整")
        self.assertFalse(card.is_flagged, "August has no scorecard: no repeated miss")
        # The payable never goes below zero.
        contract.sudo()._gov_unlocked().write({"monthly_fee": 5000})
        card.action_recompute()
        self.assertEqual((card.total_deduction, card.amount_payable), (6700.0, 0.0))

    def test_month_without_data_is_no_miss(self):
        contract = self._contract()
        card = contract.with_user(self.admin).action_compute_month(AUGUST)
        self.assertEqual(set(card.line_ids.mapped("result")), {"no_data"})
        self.assertTrue(all(card.line_ids.mapped("note")))
        self.assertEqual((card.total_deduction, card.amount_payable, card.missed_count), (0.0, 20000.0, 0))

    def test_second_missed_month_warns(self):
        self._tickets(self.centre, datetime.date(2026, 8, 10), [30, 30])
        self._september_data()
        contract = self._contract()
        august = contract.with_user(self.admin).action_compute_month(AUGUST)
        self.assertEqual(self._lines(august)["waiting"].result, "missed")
        self.assertFalse(august.is_flagged)
        september = contract.with_user(self.admin).action_compute_month(SEPTEMBER)
        lines = self._lines(september)
        self.assertTrue(lines["waiting"].consecutive_miss)
        self.assertFalse(lines["satisfaction"].consecutive_miss, "August had no rating: no data is not a miss")
        self.assertTrue(september.is_flagged)
        self.assertEqual(september.flagged_metrics, "Average Waiting (min)")
        self.assertIn("连续两个月未达标", september.message_ids[:1].body)
        activities = september.activity_ids
        self.assertIn(self.admin, activities.user_id)
        self.assertIn(self.manager, activities.user_id, "the contract's responsible person")
        self.assertEqual(len(activities), len(activities.user_id), "one activity per person")
        self.assertEqual(contract.flagged_count, 1)
        # Computing again warns nobody twice.
        september.with_user(self.admin).action_recompute()
        self.assertEqual(september.activity_ids, activities)

    def test_miss_after_met_month_does_not_warn(self):
        self._tickets(self.centre, datetime.date(2026, 8, 10), [5, 5])
        self._tickets(self.centre, datetime.date(2026, 9, 10), [40])
        contract = self._contract()
        august = contract.with_user(self.admin).action_compute_month(AUGUST)
        self.assertEqual(self._lines(august)["waiting"].result, "met")
        september = contract.with_user(self.admin).action_compute_month(SEPTEMBER)
        self.assertEqual(self._lines(september)["waiting"].result, "missed")
        self.assertFalse(september.is_flagged)
        self.assertFalse(september.activity_ids)

    # ------------------------------------------------------------------ contract checks
    def test_credit_code_and_staff_constraints(self):
        with self.assertRaisesRegex(ValidationError, "91110000600037341A"):
            self._contract(credit_code="91110000600037341A", run=False)
        with self.assertRaises(ValidationError):
            self._contract(employee_ids=[Command.set(self.emp_a.ids)], run=False)
        elsewhere = self.env["hr.employee"].create(
            {"name": "别镇购买服务人员", "gov_site_id": self.other_centre.id, "gov_service_mode": "purchased"}
        )
        with self.assertRaises(ValidationError):
            self._contract(employee_ids=[Command.set(elsewhere.ids)], run=False)
        contract = self._contract(employee_ids=[Command.set(self.purchased.ids)], run=False)
        self.assertEqual(contract.staff_count, 1)
        self.assertTrue(contract.number.startswith("TG"))
        with self.assertRaises(ValidationError):
            self._contract(site=self.station, run=False)
        with self.assertRaises(ValidationError):
            self._contract(start="2026-08-01", end="2026-07-01", run=False)

    def test_overlapping_running_contracts_refused(self):
        self._contract()
        second = self._contract(start="2027-07-01", end="2028-06-30", run=False)
        with self.assertRaises(ValidationError):
            second.action_start()
        after = self._contract(start="2027-08-01", end="2028-07-31")
        self.assertEqual(after.state, "running")
        self._contract(site=self.other_centre)  # another centre: no overlap

    def test_running_contract_terms_locked_and_termination(self):
        contract = self._contract()
        target = contract.target_ids[:1]
        with self.assertRaises(UserError):
            target.with_user(self.admin).write({"target": 80})
        with self.assertRaises(UserError):
            contract.with_user(self.admin).write({"target_ids": [Command.update(target.id, {"target": 80})]})
        with self.assertRaises(UserError):
            contract.with_user(self.admin).write({"target_ids": [Command.delete(target.id)]})
        with self.assertRaises(UserError):
            contract.with_user(self.admin).write({"monthly_fee": 1})
        with self.assertRaises(AccessError):
            contract.with_user(self.manager).write({"note": "改"})
        with self.assertRaises(UserError):
            contract.with_user(self.admin).action_terminate()
        contract.with_user(self.admin).write({"termination_reason": "服务商严重违约"})
        contract.with_user(self.admin).action_terminate()
        self.assertEqual(contract.state, "terminated")
        with self.assertRaises(UserError):
            contract.with_user(self.admin).unlink()

    # ------------------------------------------------------------------ confirmation, roles
    def test_confirmed_scorecard_locked(self):
        self._september_data()
        contract = self._contract()
        card = contract.with_user(self.admin).action_compute_month(SEPTEMBER)
        line = card.line_ids[:1]
        with self.assertRaises(AccessError):
            card.with_user(self.manager).action_confirm()
        with self.assertRaises(AccessError):
            line.with_user(self.admin).write({"deduction": 0})
        with self.assertRaises(AccessError):
            card.with_user(self.admin).write({"line_ids": [Command.update(line.id, {"deduction": 0})]})
        with self.assertRaises(AccessError):
            self.env["gov.service.scorecard.line"].with_user(self.admin).create(
                {"scorecard_id": card.id, "metric": "waiting"}
            )
        line.with_user(self.admin).write({"comment": "已核实"})
        card.with_user(self.admin).action_confirm()
        self.assertEqual((card.state, card.confirmed_by_id), ("confirmed", self.admin))
        with self.assertRaises(UserError):
            card.with_user(self.admin).write({"note": "改"})
        with self.assertRaises(UserError):
            line.with_user(self.admin).write({"comment": "改"})
        with self.assertRaises(UserError):
            card.with_user(self.admin).action_recompute()
        with self.assertRaises(UserError):
            card.with_user(self.admin).unlink()
        # The centre's manager reads the scorecard, the other centre's clerk nothing.
        self.assertEqual(card.with_user(self.manager).amount_payable, 13300.0)
        with self.assertRaises(AccessError):
            card.with_user(self.clerk).read(["amount_payable"])
        with self.assertRaises(AccessError):
            contract.with_user(self.other_clerk).read(["monthly_fee"])

    def test_cron_is_idempotent(self):
        self._september_data()
        contract = self._contract()
        other = self._contract(site=self.other_centre)
        later = self._contract(site=self.other_centre, start="2027-08-01", end="2028-07-31")  # not in September
        with freeze_time("2026-10-01 02:00:00"):
            self.Contract._cron_scorecards()
            self.Contract._cron_scorecards()
        cards = self.env["gov.service.scorecard"].search(
            [("month", "=", SEPTEMBER), ("contract_id", "in", (contract | other | later).ids)]
        )
        self.assertEqual(cards.contract_id, contract | other)
        self.assertEqual(len(cards), 2)
        self.assertEqual(cards.filtered(lambda c: c.contract_id == contract).amount_payable, 13300.0)

    def test_cron_expires_ended_contracts(self):
        contract = self._contract(start="2026-01-01", end="2026-08-31")
        with freeze_time("2026-10-01 02:00:00"):
            self.Contract._cron_scorecards()
        self.assertEqual(contract.state, "expired")
        self.assertFalse(contract.scorecard_ids, "August ended before September")

    # ------------------------------------------------------------------ printed scorecard
    def test_printed_scorecard(self):
        self._tickets(self.centre, datetime.date(2026, 8, 10), [30, 30])
        self._september_data()
        contract = self._contract()
        contract.with_user(self.admin).action_compute_month(AUGUST)
        card = contract.with_user(self.admin).action_compute_month(SEPTEMBER)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.admin)
            ._render_qweb_html("gov_eval.action_report_service_scorecard", card.ids)
        )
        html = html.decode()
        for text in (
            contract.number,
            USCC,
            "托管服务月度考核表",
            "¥6,700.00",
            "¥13,300.00",
            "壹万叁仟叁佰元整",
            "20.0分钟",
            "66.7%",
            "连续两个月未达标",
            "服务商确认",
        ):
            self.assertIn(text, html)

    def test_recompute_queries_do_not_grow_with_data(self):
        contract = self._contract()
        card = contract.with_user(self.admin).action_compute_month(SEPTEMBER)
        card.action_recompute()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=30):
            card.action_recompute()
            card.flush_recordset()
        self._september_data()
        self._tickets(self.centre, datetime.date(2026, 9, 9), [1] * 30)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=30):
            card.action_recompute()
            card.flush_recordset()
