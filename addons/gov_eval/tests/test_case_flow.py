"""The life of a case (办件): intake, one-time notice, decision, deadlines, relay, closing."""

from freezegun import freeze_time

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import ID_NUMBER, USCC, GovCaseCommon, published_item


@tagged("post_install", "-at_install")
class TestCaseIntake(GovCaseCommon):
    def test_number_access_code_and_checklist(self):
        case = self._case()
        self.assertRegex(case.number, r"^159803100000-\d{4}-\d{6}$", "numbered per site (division code) and year")
        second = self._case()
        self.assertEqual(int(second.number[-6:]), int(case.number[-6:]) + 1)
        station_case = self._case(user=self.agent, site_id=self.station.id, channel="agent")
        self.assertTrue(station_case.number.startswith("159803100201-"), "a station has its own series")
        self.assertEqual(len(case.sudo().access_code), 8)
        self.assertNotEqual(case.sudo().access_code, second.sudo().access_code)
        self.assertEqual(case.material_ids.mapped("name"), ["居民身份证", "申请书", "收入证明"])
        self.assertEqual(case.material_ids.mapped("required"), [True, True, False])
        self.assertEqual(case.kind, "promised", "the item's default kind")
        self.assertEqual(station_case.kind, "agent", "a case taken by a station agent is an agent case (代理件)")
        self.assertEqual(case.window_id, self.w_dept, "the item's window at the centre")
        self.assertEqual(case.first_contact_id, self.clerk, "首问负责: the first person asked owns the inquiry")
        self.assertEqual(case.centre_id, self.centre)
        self.assertEqual(station_case.centre_id, self.centre, "a station's cases are handled by its centre")

    def test_resident_id_validated_masked_and_reads_logged(self):
        with self.assertRaises(ValidationError):
            self._case(id_number_input="110105194912310021")  # wrong check digit
        case = self._case()
        self.assertEqual(case.id_number_masked, "1101**********002X")
        self.assertEqual(case.id_number_input, "1101**********002X", "the input field never returns the number")
        clerk_case = case.with_user(self.clerk)
        with self.assertRaises(AccessError):
            clerk_case.read(["id_number"])
        listed = self.env["gov.case"].with_user(self.clerk).search_read([("id", "=", case.id)], ["id_number_masked"])
        self.assertEqual(listed[0]["id_number_masked"], "1101**********002X")
        # The full number can be looked up by staff, and every such read is logged.
        found = self.env["gov.case"].with_user(self.clerk).search([("id_number_input", "=", ID_NUMBER.lower())])
        self.assertEqual(found, case | self.env["gov.case"].search([("id_number_input", "=", ID_NUMBER)]))
        action = clerk_case.action_reveal_id_number()
        self.assertEqual(action["params"]["message"], ID_NUMBER)
        log = self.env["gov.case.id.read"].search([("case_id", "=", case.id)])
        self.assertEqual(log.user_id, self.clerk)
        with self.assertRaises(AccessError):
            log.with_user(self.admin).unlink()
        # A citizen reads their own case with the number masked, and cannot reveal it.
        case.sudo().partner_id = self.citizen.partner_id
        mine = case.with_user(self.citizen)
        self.assertEqual(mine.read(["id_number_masked"])[0]["id_number_masked"], "1101**********002X")
        with self.assertRaises(AccessError):
            mine.action_reveal_id_number()

    def test_enterprise_needs_valid_credit_code(self):
        with self.assertRaises(ValidationError):
            self._case(applicant_type="enterprise", id_number_input=False, applicant_uscc="91110000600037341X")
        case = self._case(applicant_type="enterprise", id_number_input=False, applicant_uscc=USCC)
        self.assertEqual(case.applicant_uscc, USCC)

    def test_missing_material_blocks_acceptance_and_one_notice_lists_all(self):
        case = self._case()
        case.material_ids[0].write({"received": True, "faulty": True, "fault_note": "已过有效期"})
        with self.assertRaisesRegex(UserError, "居民身份证.*申请书"):
            case.action_accept()
        self.assertEqual(case.state, "consultation")
        notice = self.env["gov.case.notice"].with_user(self.clerk).create({"case_id": case.id, "kind": "one_time"})
        self.assertIn("居民身份证: 已过有效期", notice.content)
        self.assertIn("申请书: missing", notice.content)
        self.assertNotIn("收入证明", notice.content, "an optional material left out is not asked for")
        self.assertFalse(notice.is_repeat)
        # A second one-time notice needs a reason and is flagged to the centre manager.
        with self.assertRaisesRegex(UserError, "reason"):
            self.env["gov.case.notice"].with_user(self.clerk).create({"case_id": case.id, "kind": "one_time"})
        second = (
            self.env["gov.case.notice"]
            .with_user(self.clerk)
            .create({"case_id": case.id, "kind": "one_time", "reason": "申请人更换了申请事项情形"})
        )
        self.assertTrue(second.is_repeat)
        self.assertTrue(case.repeat_notice)
        self.assertIn(self.manager, case.activity_ids.user_id)
        with self.assertRaises(AccessError):
            second.with_user(self.clerk).write({"content": "改写"})
        # Materials in: accepted.
        case.material_ids[0].faulty = False
        case.material_ids[1].received = True
        case.with_user(self.clerk).action_accept()
        self.assertEqual(case.state, "accepted")

    def test_intake_is_fixed_and_revisions_do_not_change_the_case(self):
        case = self._accepted()
        with self.assertRaises(UserError):
            case.with_user(self.clerk).write({"applicant_name": "李四"})
        revision = self.item.action_new_revision()
        new_item = self.env["gov.item"].browse(revision["res_id"]) if isinstance(revision, dict) else revision
        new_item.write({"promised_time_limit": 3, "change_note": "压缩时限"})
        new_item.action_publish()
        self.assertEqual(case.item_id, self.item, "the case keeps the revision it was taken on")
        self.assertEqual(case.promised_days, 6)
        later = self._complete(self._case(item_id=new_item.id))
        self.assertEqual(later.item_id, new_item, "new cases are taken on the published revision")

    def test_application_fields_are_set_by_actions_only(self):
        case = self._case()
        for vals in (
            {"state": "approved"},
            {"promised_deadline": "2030-01-01"},
            {"number": "X"},
            {"result_number": "FORGED"},
            {"id_number_masked": "1"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                case.with_user(self.clerk).write(vals)
        forged = (
            self.env["gov.case"]
            .with_user(self.clerk)
            .with_context(default_state="closed")
            .create(
                {"item_id": self.item.id, "site_id": self.centre.id, "applicant_name": "王五", "applicant_phone": "1"}
            )
        )
        self.assertEqual(forged.state, "consultation", "a default_state in the context is ignored")
        with self.assertRaises(AccessError):
            self.env["gov.case"].with_user(self.clerk).create(
                {
                    "item_id": self.item.id,
                    "site_id": self.centre.id,
                    "applicant_name": "王五",
                    "applicant_phone": "1",
                    "state": "closed",
                }
            )

    def test_rpc_cannot_bend_the_rules(self):
        """What the form hides, tried over RPC: a clerk making a promised case on-the-spot to decide it
        at the window, moving a case to another centre, a pause born resumed or backdated."""
        case = self._case()
        with self.assertRaises(ValidationError):
            case.with_user(self.clerk).write({"kind": "immediate"})
        with self.assertRaises(AccessError):
            case.with_user(self.clerk).write({"site_id": self.other_centre.id, "window_id": False})
        self.assertEqual(case.site_id, self.centre)
        accepted = self._accepted("2026-09-24 03:00:00")
        with freeze_time("2026-09-28 03:00:00"):
            pause = (
                self.env["gov.case.pause"]
                .with_user(self.clerk)
                .with_context(default_date_end="2026-09-29", default_date_start="2026-01-01", default_counts=False)
                .create({"case_id": accepted.id, "kind": "materials", "reason": "补正"})
            )
        self.assertEqual(pause.date_start, self.day("2026-09-28"))
        self.assertFalse(pause.date_end)
        self.assertTrue(pause.counts)
        with self.assertRaises(AccessError):
            self.env["gov.case.leg"].with_user(self.clerk).create(
                {"case_id": accepted.id, "leg_type": "station_centre", "payload": "materials"}
            )

    def test_required_materials_stay_required(self):
        """A clerk cannot accept past a missing material by making it optional or deleting the line."""
        case = self._case()
        id_card = case.material_ids.filtered(lambda m: m.name == "居民身份证")
        with self.assertRaises(ValidationError):
            id_card.with_user(self.clerk).write({"required": False})
        with self.assertRaises(ValidationError):
            case.with_user(self.clerk).write({"material_ids": [(1, id_card.id, {"required": False})]})
        with self.assertRaises(UserError):
            case.with_user(self.clerk).write({"material_ids": [(2, id_card.id)]})
        income = case.material_ids.filtered(lambda m: m.name == "收入证明")
        income.with_user(self.clerk).write({"required": True})  # the condition applies: asked for
        (case.material_ids - income).write({"received": True})
        with self.assertRaisesRegex(UserError, "收入证明"):
            case.with_user(self.clerk).action_accept()
        income.with_user(self.clerk).write({"required": False})
        extra = self.env["gov.case.material"].with_user(self.clerk).create({"case_id": case.id, "name": "委托书"})
        extra.with_user(self.clerk).unlink()
        case.with_user(self.clerk).action_accept()
        self.assertEqual(case.state, "accepted")

    def test_batch_acceptance_gives_each_case_its_own_limits(self):
        """One Accept on cases of different items and responsibles (one write per set of values)."""
        promised = self._complete(self._case())
        immediate = self._complete(self._case(item_id=self.item_now.id))
        other = self._complete(self._case(user_id=self.manager.id))
        with freeze_time("2026-09-24 03:00:00"):
            (promised | immediate | other).with_user(self.clerk).action_accept()
        self.assertEqual((promised.promised_days, promised.legal_days), (6, 20))
        self.assertEqual((immediate.promised_days, immediate.legal_days), (0, 0))
        self.assertEqual(immediate.promised_deadline, self.day("2026-09-24"), "decided the same day")
        self.assertEqual(other.user_id, self.manager, "the responsible is kept")
        self.assertEqual(promised.user_id, self.clerk)
        self.assertEqual(set((promised | immediate | other).mapped("state")), {"accepted"})

    def test_acceptance_is_one_line_of_the_chatter(self):
        """The note of a state change rides on its tracking message: one line says who accepted and
        what changed; a second move in the same transaction keeps both notes, in order; a case created
        in the same transaction (Odoo tracks nothing then) keeps its notes as notes."""

        def commit():  # what a commit runs: flush, then mail tracking writes its messages
            self.env.flush_all()
            self.env.cr.precommit.run()
            self.env.invalidate_all()

        case = self._complete(self._case()).with_context(tracking_disable=False)  # tracking as in production
        commit()  # the intake was its own request
        with freeze_time("2026-09-24 03:00:00"):
            case.with_user(self.clerk).action_accept()
            case.with_user(self.clerk).action_send_review()
        commit()
        messages = case.sudo().message_ids
        accepted = messages.filtered(lambda m: "Case accepted." in m.body)
        sent = messages.filtered(lambda m: "Sent to review" in m.body)
        self.assertEqual((len(accepted), len(sent)), (1, 1))
        self.assertIn("state", sent.tracking_value_ids.field_id.mapped("name"), "the note is on the tracking line")
        self.assertLess(accepted.id, sent.id, "in the order they happened")

        fresh = self._complete(self._case()).with_context(tracking_disable=False)
        with freeze_time("2026-09-24 03:00:00"):
            fresh.with_user(self.clerk).action_accept()
        commit()
        self.assertEqual(len(fresh.sudo().message_ids.filtered(lambda m: "Case accepted." in m.body)), 1)

    def test_cases_are_never_deleted(self):
        case = self._case()
        for user in (self.clerk, self.manager, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                case.with_user(user).unlink()
        with self.assertRaises(UserError):
            case.sudo().unlink()
        self.assertTrue(case.exists())

    def test_first_contact_hands_over(self):
        case = self._case(user=self.clerk)
        with freeze_time("2026-09-24 02:00:00"):
            case.with_user(self.clerk).action_hand_over()
        self.assertEqual(case.user_id, self.approver_a, "the window's A post on duty owns the case")
        self.assertEqual(case.first_contact_id, self.clerk)
        self.assertIn("Handed over", case.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestCaseDeadlines(GovCaseCommon):
    def test_promised_six_days_across_mid_autumn_and_national_day(self):
        # Accepted Thursday 2026-09-24: 25-27 Mid-Autumn (Fri holiday + weekend), 28-30 three working
        # days, 1-7 October National Day, 8-9 two more, Saturday 10 October a make-up working day.
        case = self._accepted("2026-09-24 03:00:00")
        self.assertEqual(case.accepted_on, self.day("2026-09-24"))
        self.assertEqual(case.promised_deadline, self.day("2026-10-10"))
        self.assertEqual(case.legal_deadline, self.day("2026-10-29"), "20 working days")
        self.assertFalse(case.deadline_provisional)

    def test_pause_and_resume_shift_exactly(self):
        case = self._accepted("2026-09-24 03:00:00")
        with freeze_time("2026-09-28 03:00:00"):  # Monday
            case.with_user(self.clerk).write({"pause_ids": [(0, 0, {"kind": "materials", "reason": "申请书签字不全"})]})
            self.assertTrue(case.is_paused)
            self.assertEqual(case.deadline_state, "paused")
            correction = case.notice_ids.filtered(lambda n: n.kind == "correction")
            self.assertEqual(len(correction), 1, "补正通知 issued with the pause")
            with self.assertRaises(UserError):
                case.with_user(self.clerk).action_send_review()
        with freeze_time("2026-09-30 03:00:00"):  # Wednesday: Monday and Tuesday were paused
            case.with_user(self.clerk).action_resume()
        self.assertFalse(case.is_paused)
        self.assertEqual(case.paused_days, 2)
        self.assertEqual(case.promised_deadline, self.day("2026-10-13"), "two working days later: 12 and 13 Oct")
        with self.assertRaises(AccessError):
            case.pause_ids.with_user(self.clerk).write({"date_end": "2026-09-29"})

    def test_special_procedure_not_counted(self):
        case = self._accepted("2026-09-24 03:00:00")
        procedure = self.env["gov.item.special.procedure.type"].create({"name": "专家评审"})
        with freeze_time("2026-10-08 03:00:00"):
            case.with_user(self.approver_a).write(
                {"pause_ids": [(0, 0, {"kind": "special", "reason": "专家评审", "procedure_type_id": procedure.id})]}
            )
            self.assertFalse(case.notice_ids.filtered(lambda n: n.kind == "correction"))
        with freeze_time("2026-10-09 03:00:00"):
            case.with_user(self.approver_a).action_resume()
        self.assertEqual(case.paused_days, 1)
        self.assertEqual(case.promised_deadline, self.day("2026-10-12"))

    def test_nightly_job_counts_open_pauses_up_to_its_own_day(self):
        case = self._accepted("2026-09-24 03:00:00")
        with freeze_time("2026-09-28 03:00:00"):  # Monday
            case.with_user(self.clerk).write({"pause_ids": [(0, 0, {"kind": "materials", "reason": "缺签字"})]})
        with freeze_time("2026-11-20 03:00:00"):  # the job runs late, for the night of 30 September
            self.env["gov.case"]._cron_deadlines(today=self.day("2026-09-30"))
        self.assertEqual(case.paused_days, 3, "28, 29 and 30 September, not every working day until November")
        self.assertEqual(case.promised_deadline, self.day("2026-10-14"), "6 + 3 working days")
        self.assertEqual(case.deadline_state, "paused")

    def test_calendar_follows_every_change_of_the_holidays(self):
        """The working calendar is cached per server: entering, moving and removing a day show at once."""
        Holiday = self.env["gov.holiday"]
        monday = self.day("2031-03-03")
        self.assertEqual(Holiday._work_calendar([monday]).add(monday, 0), monday)
        day = Holiday.create({"date": "2031-03-03", "name": "测试假日"})
        self.assertEqual(Holiday._work_calendar([monday]).add(monday, 0), self.day("2031-03-04"))
        day.date = "2031-03-04"
        self.assertEqual(Holiday._work_calendar([monday]).add(monday, 1), self.day("2031-03-05"))
        day.unlink()
        self.assertEqual(Holiday._work_calendar([monday]).add(monday, 1), self.day("2031-03-04"))

    def test_provisional_deadline_recomputed_when_the_year_is_entered(self):
        Holiday = self.env["gov.holiday"]
        Holiday.search([("year", "in", (2045, 2046))]).unlink()
        case = self._accepted("2045-12-27 03:00:00")  # Wednesday; 6 working days reach into 2046
        self.assertTrue(case.deadline_provisional)
        self.assertEqual(case.promised_deadline, self.day("2046-01-04"), "weekends only: Thu, Fri, Mon-Thu")
        self.assertIn(
            "Enter the 2045 holiday arrangement (State Council notice)",
            self.env["mail.activity"].search([("res_model", "=", "gov.case")]).mapped("summary"),
        )
        with freeze_time("2045-12-28 03:00:00"):
            Holiday.create(
                [
                    {"date": "2045-10-02", "name": "国庆节"},
                    {"date": "2046-01-01", "name": "元旦"},
                    {"date": "2046-01-02", "name": "元旦"},
                ]
            )
        self.assertFalse(case.deadline_provisional)
        self.assertEqual(case.promised_deadline, self.day("2046-01-08"), "1 and 2 January are holidays")

    def test_colours_and_reminders(self):
        case = self._accepted("2026-09-24 03:00:00")  # due 2026-10-10
        Case = self.env["gov.case"]
        with freeze_time("2026-10-07 03:00:00"):
            Case._cron_deadlines()
        self.assertEqual(case.deadline_state, "normal", "8, 9 and 10 October still ahead: three working days")
        with freeze_time("2026-10-08 03:00:00"):
            changed = Case._cron_deadlines()
        self.assertEqual(case.deadline_state, "yellow", "two working days left")
        self.assertGreaterEqual(changed["yellow"], 1)
        self.assertIn(self.clerk, case.activity_ids.user_id)
        with freeze_time("2026-10-12 03:00:00"):
            Case._cron_deadlines()
        self.assertEqual(case.deadline_state, "red")
        self.assertIn("overdue", case.activity_ids.filtered(lambda a: a.user_id == self.clerk)[-1:].summary)
        summary = self.centre.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(len(summary), 1, "the centre manager gets one summary of the night's overdue cases")
        self.assertIn(case.number, summary.note)
        with freeze_time("2026-10-12 03:00:00"):
            again = Case._cron_deadlines()
        self.assertEqual(again["red"], 0, "a case already red is not written (nor reminded) again")


@tagged("post_install", "-at_install")
class TestCaseDecision(GovCaseCommon):
    def test_routing_follows_a_and_b_posts(self):
        case = self._accepted("2026-09-24 01:00:00")
        with freeze_time("2026-09-24 02:00:00"):
            case.with_user(self.clerk).action_send_review()
        self.assertEqual(case.state, "review")
        self.assertEqual(case.assignee_id, self.emp_a)
        self.assertEqual(case.assignee_user_id, self.approver_a)
        self.assertIn(self.approver_a, case.activity_ids.user_id)
        # A away (on leave): the next case goes to B.
        leave_type = self.env["hr.leave.type"].create(
            {
                "name": "事假",
                "requires_allocation": False,
                "leave_validation_type": "no_validation",
                "request_unit": "day",
            }
        )
        leave = (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "employee_id": self.emp_a.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": "2026-09-29",
                    "request_date_to": "2026-09-29",
                }
            )
        )
        if leave.state != "validate":
            leave.sudo().action_approve()
        other = self._accepted("2026-09-29 01:00:00")
        with freeze_time("2026-09-29 03:00:00"):
            other.with_user(self.clerk).action_send_review()
        self.assertEqual(other.assignee_id, self.emp_b, "B stands in while A is away")

    def test_a_clerk_cannot_refuse(self):
        case = self._accepted()
        case.with_user(self.clerk).action_send_review()
        case.decision_reason = "申请人不符合救助条件"
        with self.assertRaisesRegex(AccessError, "窗口无否决权"):
            case.with_user(self.clerk).action_refuse()
        with self.assertRaises(AccessError):
            case.with_user(self.manager).action_refuse()
        with self.assertRaises(AccessError):
            case.with_user(self.clerk).action_approve()
        consult = self._case()
        consult.decision_reason = "不属于本机关职权范围"
        with self.assertRaisesRegex(AccessError, "窗口无否决权"):
            consult.with_user(self.clerk).action_not_accept()
        # The approver refuses with written reasons, which go on the notice.
        case.decision_reason = False
        with self.assertRaisesRegex(UserError, "reasons"):
            case.with_user(self.approver_a).action_refuse()
        case.decision_reason = "家庭人均收入高于保障标准"
        case.with_user(self.approver_a).action_refuse()
        self.assertEqual(case.state, "refused")
        self.assertEqual(case.decided_by_id, self.approver_a)
        refusal = case.notice_ids.filtered(lambda n: n.kind == "refusal")
        self.assertEqual(refusal.reason, "家庭人均收入高于保障标准")
        consult.with_user(self.approver_a).action_not_accept()
        self.assertEqual(consult.state, "not_accepted")
        self.assertEqual(consult.notice_ids.kind, "not_accepted")

    def test_on_the_spot_case_is_decided_at_the_window(self):
        case = self._accepted("2026-09-24 03:00:00", item_id=self.item_now.id)
        self.assertEqual(case.kind, "immediate")
        self.assertEqual(case.promised_deadline, case.accepted_on, "decided the same day")
        with freeze_time("2026-09-24 04:00:00"):
            case.with_user(self.clerk).action_approve()
        self.assertEqual(case.state, "approved")
        self.assertTrue(case.on_time)

    def test_joint_case_closes_only_when_sub_tasks_are_done(self):
        case = self._accepted(kind="joint")
        Task = self.env["gov.case.task"].with_user(self.clerk)
        tasks = Task.create(
            [
                {
                    "case_id": case.id,
                    "name": "核查户籍",
                    "department_id": self.env.ref("gov_items.dept_civil").id,
                    "user_id": self.approver_b.id,
                    "deadline": "2026-09-30",
                },
                {
                    "case_id": case.id,
                    "name": "核查社保",
                    "department_id": self.env.ref("gov_items.dept_civil").id,
                    "user_id": self.approver_b.id,
                    "deadline": "2026-10-09",
                },
            ]
        )
        case.with_user(self.clerk).action_send_review()
        with self.assertRaisesRegex(UserError, "sub-tasks"):
            case.with_user(self.approver_a).action_approve()
        tasks[0].with_user(self.approver_b).action_done()
        with self.assertRaisesRegex(UserError, "1 open sub-tasks"):
            case.with_user(self.approver_a).action_approve()
        tasks[1].with_user(self.approver_b).action_done()
        case.with_user(self.approver_a).action_approve()
        self.assertEqual(case.state, "approved")
        with self.assertRaises(UserError):
            Task.create(
                {
                    "case_id": self._accepted().id,
                    "name": "x",
                    "department_id": tasks.department_id.id,
                    "deadline": "2026-10-09",
                }
            )

    def test_escalated_case_waits_for_the_answer(self):
        case = self._accepted()
        case.with_user(self.clerk).action_send_review()
        case.escalation_level = "county"
        case.with_user(self.approver_a).action_escalate()
        with self.assertRaisesRegex(UserError, "answer"):
            case.with_user(self.approver_a).action_approve()
        case.escalation_answer = "同意"
        case.with_user(self.approver_a).action_record_answer()
        case.with_user(self.approver_a).action_approve()
        self.assertEqual(case.state, "approved")


@tagged("post_install", "-at_install")
class TestCaseIssuing(GovCaseCommon):
    def _approved(self, **values):
        case = self._accepted(**values)
        case.with_user(self.clerk).action_send_review()
        case.with_user(self.approver_a).action_approve()
        return case

    def test_issue_deliver_close_and_tell_the_applicant(self):
        case = self._approved(partner_id=self.citizen.partner_id.id)
        case.with_user(self.clerk).action_result_ready()
        self.assertRegex(case.result_number, r"^\d{4}-R\d{6}-[A-Z2-9]{4}$", "a series number and a random check part")
        self.assertEqual(case.result_name, self.item.name)
        with self.assertRaisesRegex(UserError, "signature"):
            case.with_user(self.clerk).action_deliver()
        case.write({"delivery_method": "post"})
        with self.assertRaisesRegex(UserError, "tracking"):
            case.with_user(self.clerk).action_deliver()
        case.with_user(self.clerk).write({"tracking_number": "EMS1234567890"})
        case.with_user(self.clerk).action_deliver()
        case.with_user(self.clerk).action_close()
        self.assertEqual(case.state, "closed")
        with self.assertRaises(UserError):
            case.with_user(self.clerk).write({"tracking_number": "x"})
        told = case.message_ids.filtered(lambda m: self.citizen.partner_id in m.partner_ids)
        self.assertGreaterEqual(len(told), 4, "accepted, approved, result ready, delivered, closed")

    def test_relay_case_shows_its_legs_in_order(self):
        case = self._case(
            user=self.agent,
            site_id=self.station.id,
            channel="agent",
            agent_id=self.station.agent_ids.id,
            partner_id=self.citizen.partner_id.id,
        )
        self._complete(case)
        with freeze_time("2026-09-24 03:00:00"):
            case.with_user(self.agent).action_accept()
        self.assertEqual(case.leg_ids.mapped("leg_type"), ["station_centre"])
        first = case.leg_ids
        self.assertEqual((first.from_label, first.to_label), (self.station.name, self.centre.name))
        first.with_user(self.clerk).action_receive()
        case.with_user(self.clerk).action_send_review()
        case.with_user(self.approver_a).action_approve()
        case.with_user(self.clerk).action_result_ready()
        case.leg_ids.filtered(lambda leg: not leg.received_at).with_user(self.agent).action_receive()
        last = case.leg_ids.filtered(lambda leg: not leg.received_at)
        self.assertEqual(last.leg_type, "station_citizen", "the station hands the result to the citizen")
        with self.assertRaisesRegex(UserError, "signed"):
            last.with_user(self.agent).action_receive()
        last.with_user(self.agent).write({"received_by_name": "张三丰"})
        last.with_user(self.agent).action_receive()
        self.assertEqual(case.leg_ids.mapped("leg_type"), ["station_centre", "centre_station", "station_citizen"])
        self.assertTrue(all(case.leg_ids.mapped("received_at")))
        # The citizen sees the legs of their case.
        legs = self.env["gov.case.leg"].with_user(self.citizen).search([("case_id", "=", case.id)])
        self.assertEqual(len(legs), 3)
        with self.assertRaises(AccessError):
            first.with_user(self.agent).write({"received_at": "2026-01-01 00:00:00"})

    def test_late_leg_is_flagged(self):
        case = self._case(user=self.agent, site_id=self.station.id, channel="agent")
        self._complete(case)
        with freeze_time("2026-11-02 03:00:00"):  # Monday
            case.with_user(self.agent).action_accept()
        with freeze_time("2026-11-04 03:00:00"):
            self.env["gov.case"]._cron_deadlines()
        self.assertFalse(case.leg_ids.is_late, "two working days are allowed")
        with freeze_time("2026-11-05 03:00:00"):
            self.env["gov.case"]._cron_deadlines()
        self.assertTrue(case.leg_ids.is_late)
        self.assertIn(self.manager, case.activity_ids.user_id)

    def test_sites_see_only_their_cases(self):
        case = self._case()
        other = self._case(user=self.other_clerk, site_id=self.other_centre.id)
        Case = self.env["gov.case"]
        self.assertIn(case, Case.with_user(self.clerk).search([]))
        self.assertNotIn(other, Case.with_user(self.clerk).search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.clerk).read(["applicant_name"])
        station_case = self._case(user=self.agent, site_id=self.station.id, channel="agent")
        self.assertEqual(Case.with_user(self.agent).search([]), station_case, "an agent sees their station's cases")
        self.assertIn(station_case, Case.with_user(self.clerk).search([]), "the centre sees its stations' cases")
        self.assertFalse(Case.with_user(self.citizen).search([]), "not the citizen's own")


@tagged("post_install", "-at_install")
class TestCaseTour(ChineseEnvCase, HttpCase):
    def test_clerk_from_intake_to_issuing_tour(self):
        clerk = self.env.ref("gov_center.user_gov_clerk")
        centre = clerk.gov_site_ids[:1]
        item = published_item(
            self.env,
            "巡游测试即办事项",
            "150599082000",
            materials=("巡游申请书",),
            case_kind="immediate",
            legal_time_limit=1,
            promised_time_limit=0,
        )
        self.env["gov.item.site"].create({"site_id": centre.id, "item_id": item.id})
        self.start_tour("/odoo/action-gov_eval.action_gov_case", "gov_case_intake_tour", login="gov_clerk")
        case = self.env["gov.case"].search([("item_id", "=", item.id)])
        self.assertEqual(case.state, "delivered")
        self.assertEqual(case.site_id, centre)
        self.assertEqual(case.first_contact_id, clerk)
        self.assertTrue(case.result_number)
        self.assertEqual(case.tracking_number, "EMS1234567890")
        self.assertEqual(case.sudo().id_number, "11010519491231002X")


@tagged("post_install", "-at_install")
class TestCaseSettings(GovCaseCommon):
    def test_district_sets_the_case_parameters(self):
        Settings = self.env["gov.settings"].with_user(self.admin)
        form = Settings.create({})
        self.assertEqual((form.leg_late_days, form.verify_rate_limit), (2, 30), "the defaults")
        form.write({"leg_late_days": 3, "verify_rate_limit": 60})
        form.action_save()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("gov_eval.leg_late_working_days"), "3")
        self.assertEqual(params.get_param("gov_eval.verify_rate_limit"), "60")
        bad = Settings.create({"leg_late_days": -1})
        with self.assertRaises(ValidationError):
            bad.action_save()
