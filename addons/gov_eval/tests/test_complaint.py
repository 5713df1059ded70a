"""Complaints, suggestions and the 办不成事 window: deadlines in working days, routing to the
subject's centre managers, handling, locks, the list of problems to fix, the overdue job, and the
portal and public pages (allowlists, isolation, rate limit)."""

import re
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..controllers import complaint as complaint_controller
from ..controllers.complaint import FEEDBACK_LIMITER
from .common import GovCaseCommon


class ComplaintCommon(GovCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre.is_public = True
        cls.station.is_public = True
        cls.other_centre.is_public = True

    def _complaint(self, user=None, **values):
        vals = {
            "kind": "complaint",
            "channel": "hotline",
            "site_id": self.centre.id,
            "citizen_name": "王大明",
            "citizen_phone": "13800000001",
            "description": "窗口人员态度生硬，材料被退回两次。",
        }
        vals.update(values)
        return self.env["gov.complaint"].with_user(user or self.clerk).create(vals)

    def _as(self, record, user):
        return record.with_user(user)


@tagged("post_install", "-at_install")
class TestComplaint(ComplaintCommon):
    # ------------------------------------------------------------------ deadlines
    def test_deadline_counts_working_days(self):
        # Friday 25 September 2026 (10:00 Beijing): 28, 29, 30 September, then the National Day
        # holiday (1-7 October), then 8 and 9 October; calendar days would give 30 September.
        complaint = self._complaint(received_at="2026-09-25 02:00:00")
        self.assertEqual(complaint.received_on, self.day("2026-09-25"))
        self.assertEqual(complaint.deadline_days, 5)
        self.assertEqual(complaint.deadline, self.day("2026-10-09"))
        # 办不成事: 3 working days.
        report = self._complaint(kind="unresolved", received_at="2026-09-25 02:00:00")
        self.assertEqual(report.deadline_days, 3)
        self.assertEqual(report.deadline, self.day("2026-09-30"))
        # Received during the holiday (Saturday 3 October): 8, 9 and the make-up Saturday 10 October.
        report = self._complaint(kind="unresolved", received_at="2026-10-03 02:00:00")
        self.assertEqual(report.deadline, self.day("2026-10-10"))
        # The limit is a setting, read when a record comes in.
        self.env["ir.config_parameter"].sudo().set_param("gov_eval.complaint_days", "2")
        complaint = self._complaint(received_at="2026-09-25 02:00:00")
        self.assertEqual(complaint.deadline, self.day("2026-09-29"))
        self.assertTrue(complaint.number.startswith("TS-2026-"))
        self.assertTrue(report.number.startswith("BCS-2026-"))

    def test_settings_form(self):
        settings = self.env["gov.settings"].with_user(self.admin).create({})
        self.assertEqual((settings.complaint_days, settings.unresolved_days), (5, 3))
        settings.write({"complaint_days": 0})
        with self.assertRaises(ValidationError):
            settings.action_save()

    # ------------------------------------------------------------------ routing
    def test_complaint_reaches_the_subject_centre_manager(self):
        """A complaint about station A1 reaches the manager of centre A, above it."""
        complaint = self._complaint(user=self.agent, site_id=self.station.id, channel="box")
        self.assertEqual(complaint.centre_id, self.centre)
        self.assertEqual(complaint.user_id, self.manager, "a manager of the subject's centre is responsible")
        self.assertIn(self.manager.partner_id, complaint.message_partner_ids, "the manager follows it")
        activity = complaint.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(len(activity), 1, "the manager is asked to handle it")
        self.assertEqual(activity.date_deadline, complaint.deadline)
        # The manager sees it and handles it; the other township's staff do not even see it.
        self.assertTrue(self._as(complaint, self.manager).description)
        with self.assertRaises(AccessError):
            self._as(complaint, self.other_clerk).read(["description"])

    def test_centre_without_manager_goes_to_the_district(self):
        complaint = self._complaint(user=self.admin, site_id=self.other_centre.id)
        self.assertIn(self.admin, complaint.activity_ids.user_id)
        self.assertIn(self.admin.partner_id, complaint.message_partner_ids)

    # ------------------------------------------------------------------ never deleted, locked
    def test_nothing_is_deletable(self):
        complaint = self._complaint()
        for user in (self.clerk, self.manager, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._as(complaint, user).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            complaint.sudo().unlink()
        self.assertTrue(complaint.exists())

    def _answered(self, complaint):
        handler = self._as(complaint, self.manager)
        handler.action_assign()
        handler.write(
            {
                "findings": "经调取监控核实，情况属实。",
                "outcome": "已对当事人批评教育并当面致歉。",
                "verdict": "substantiated",
            }
        )
        handler.action_answer()
        return handler

    def test_flow_rights_and_lock(self):
        complaint = self._complaint()
        # The clerk records it and corrects it while received, but does not handle it.
        self._as(complaint, self.clerk).write({"description": "窗口人员态度生硬。"})
        with self.assertRaises(AccessError):
            self._as(complaint, self.clerk).action_assign()
        handler = self._as(complaint, self.manager)
        handler.action_assign()
        self.assertEqual(complaint.state, "assigned")
        with self.assertRaises(AccessError, msg="once handled, the clerk no longer changes it"):
            self._as(complaint, self.clerk).write({"note": "改"})
        handler.write({"outcome": "已致歉。"})
        with self.assertRaisesRegex(UserError, "Findings"):
            handler.action_answer()
        handler.write({"findings": "经调取监控核实，情况属实。"})
        with self.assertRaisesRegex(UserError, "Choose the Verdict"):
            handler.action_answer()
        handler.write({"verdict": "substantiated"})
        handler.action_answer()
        self.assertEqual(complaint.state, "answered")
        self.assertTrue(complaint.answered_on)
        with self.assertRaisesRegex(UserError, "callback"):
            handler.action_close()
        handler.write({"satisfaction": "dissatisfied", "callback_note": "群众认为处理太轻。"})
        handler.action_callback()
        with self.assertRaisesRegex(UserError, "reopen"):
            handler.action_close()
        handler.action_reopen()
        self.assertEqual(complaint.state, "assigned")
        handler.action_answer()
        handler.write({"satisfaction": "satisfied", "callback_note": "电话回访，表示满意。"})
        handler.action_callback()
        handler.action_close()
        self.assertEqual(complaint.state, "closed")
        # Closed: locked for everyone (a note aside), reopened by the district only.
        with self.assertRaisesRegex(UserError, "locked"):
            handler.write({"outcome": "改写"})
        with self.assertRaisesRegex(UserError, "locked"):
            complaint.sudo().write({"description": "改写"})
        handler.write({"note": "已归档"})
        with self.assertRaises(AccessError):
            handler.action_reopen()
        # Publication: anonymised only.
        handler.write({"public_result": "王大明反映窗口态度问题，已处理。"})
        with self.assertRaisesRegex(UserError, "anonymised"):
            handler.action_publish()
        handler.write({"public_result": "群众反映窗口人员服务态度问题（13800000001）。"})
        with self.assertRaisesRegex(UserError, "anonymised"):
            handler.action_publish()
        handler.write({"public_result": "群众反映窗口人员服务态度问题，经核实属实，已批评教育并致歉。"})
        handler.action_publish()
        self.assertTrue(complaint.is_published)
        with self.assertRaisesRegex(UserError, "withdraw"):
            handler.write({"public_result": "改"})
        rows = self.env["gov.complaint"]._public_results()
        row = next(r for r in rows if r["result"] == complaint.public_result)
        self.assertEqual(row["site"], self.centre.name)
        self.assertNotIn("citizen", row)
        self._as(complaint, self.admin).action_reopen()
        self.assertFalse(complaint.is_published, "a reopened record is no longer published")

    def test_protected_fields_and_reject(self):
        with self.assertRaises(AccessError):
            self._complaint(state="closed")
        complaint = self._complaint()
        with self.assertRaises(AccessError):
            self._as(complaint, self.manager).write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "Rejection Reason"):
            self._as(complaint, self.manager).action_reject()
        self._as(complaint, self.manager).write({"reject_reason": "重复反映，已并入TS-2026-00001。"})
        self._as(complaint, self.manager).action_reject()
        self.assertEqual(complaint.state, "rejected")
        with self.assertRaisesRegex(UserError, "locked"):
            self._as(complaint, self.manager).write({"description": "改"})

    def test_anonymous_without_phone_closes_without_callback(self):
        complaint = self._complaint(is_anonymous=True, citizen_name="某人", citizen_phone=False, kind="suggestion")
        self.assertFalse(complaint.citizen_name, "an anonymous record keeps no name")
        handler = self._as(complaint, self.manager)
        handler.action_assign()
        handler.write({"outcome": "已采纳。"})
        handler.action_answer()
        handler.action_close()
        self.assertEqual(complaint.satisfaction, "unreachable")

    # ------------------------------------------------------------------ 办不成事
    def test_unresolved_matter_and_the_problems_to_fix(self):
        report = self._complaint(kind="unresolved", channel="window")
        handler = self._as(report, self.manager)
        with self.assertRaisesRegex(UserError, "Leader in Charge"):
            handler.action_assign()
        handler.write(
            {
                "leader_id": self.manager.id,
                "department_ids": [(6, 0, self.env.ref("gov_items.dept_civil").ids)],
                "coordination_note": "与民政局会商。",
            }
        )
        handler.action_assign()
        handler.write({"outcome": "无法在本级办理。", "resolution": "not_solvable"})
        with self.assertRaisesRegex(UserError, "Resolution Explanation"):
            handler.action_answer()
        handler.write(
            {
                "resolution_note": "需省级系统开通权限。",
                "gap_kind": "system",
                "gap_note": "省级系统未向乡镇开通查询权限。",
            }
        )
        handler.action_answer()
        handler.write({"satisfaction": "satisfied", "callback_note": "理解。"})
        handler.action_callback()
        handler.action_close()
        self.assertEqual(report.gap_state, "to_fix")
        to_fix = [("kind", "=", "unresolved"), ("has_gap", "=", True), ("gap_state", "!=", "fixed")]
        Complaint = self.env["gov.complaint"].with_user(self.manager)
        self.assertIn(report, Complaint.search(to_fix))
        groups = Complaint._read_group(to_fix, ["gap_kind"], ["__count"])
        self.assertIn("system", [gap_kind for gap_kind, _count in groups])
        self.assertNotIn(self._complaint(), Complaint.search(to_fix), "a plain complaint is no problem to fix")
        with self.assertRaises(AccessError):
            self._as(report, self.clerk).action_gap_fixed()
        handler.action_gap_fixed()
        self.assertEqual(report.gap_state, "fixed")
        self.assertNotIn(report, Complaint.search(to_fix))

    # ------------------------------------------------------------------ overdue job
    def test_overdue_job_escalates_to_the_district(self):
        late = self._complaint(received_at="2026-09-25 02:00:00")  # due 9 October
        on_time = self._complaint(received_at="2026-10-09 02:00:00")
        answered = self._complaint(received_at="2026-09-25 02:00:00")
        self._answered(answered)
        Complaint = self.env["gov.complaint"]
        self.assertEqual(Complaint._cron_overdue(today=self.day("2026-10-09")), 0, "due today is not late")
        self.assertEqual(Complaint._cron_overdue(today=self.day("2026-10-12")), 1)
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue or answered.is_overdue)
        escalations = late.activity_ids.filtered(lambda a: a.user_id == self.admin)
        self.assertEqual(len(escalations), 1, "the district administrators are told")
        self.assertEqual(Complaint._cron_overdue(today=self.day("2026-10-13")), 0, "escalated once")
        # Answered late: the flag goes, the lateness stays on record.
        with freeze_time("2026-10-14 03:00:00"):
            self._answered(late)
        self.assertFalse(late.is_overdue)
        self.assertTrue(late.answered_late)


@tagged("post_install", "-at_install")
class TestComplaintPortal(ComplaintCommon, HttpCase):
    def setUp(self):
        super().setUp()
        FEEDBACK_LIMITER.reset()

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_citizen_files_and_sees_only_their_own(self):
        other = self._complaint(description="别人的投诉内容")
        stranger = new_test_user(self.env, "t_cmp_stranger", groups="base.group_portal")
        mine_elsewhere = (
            self.env["gov.complaint"]
            .with_user(stranger)
            ._portal_submit({"site_id": self.centre.id, "description": "陌生人的建议", "kind": "suggestion"})
        )
        with self.assertRaises(AccessError, msg="a citizen files through the portal, not by create"):
            self.env["gov.complaint"].with_user(self.citizen).create(
                {"site_id": self.centre.id, "description": "直接创建"}
            )
        self.authenticate(self.citizen.login, self.citizen.login)
        token = self._csrf(f"/my/complaints/new?site_id={self.centre.id}")
        response = self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": token,
                "submit": "1",
                "site_id": self.centre.id,
                "kind": "complaint",
                "window_id": self.w_front.id,
                "description": "取号后等候一个半小时无人叫号。",
                "citizen_phone": "13800000002",
                "state": "closed",
                "employee_id": self.emp_a.id,
                "partner_id": stranger.partner_id.id,
            },
        )
        self.assertEqual(response.status_code, 200)
        mine = self.env["gov.complaint"].search([("partner_id", "=", self.citizen.partner_id.id)])
        self.assertEqual(len(mine), 1)
        self.assertEqual(
            (mine.state, mine.channel, mine.site_id, mine.window_id, mine.employee_id.id),
            ("received", "portal", self.centre, self.w_front, False),
        )
        self.assertIn(self.manager, mine.activity_ids.user_id, "it reaches the centre's manager")
        listing = self.url_open("/my/complaints")
        self.assertIn(mine.number, listing.text)
        self.assertNotIn(other.number, listing.text)
        self.assertNotIn(mine_elsewhere.number, listing.text)
        page = self.url_open(f"/my/complaints/{mine.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("取号后等候一个半小时无人叫号。", page.text)
        for foreign in (other, mine_elsewhere):
            self.assertEqual(self.url_open(f"/my/complaints/{foreign.id}").status_code, 404)
        with self.assertRaises(AccessError):
            other.with_user(self.citizen).read(["description"])
        # The answer shows once given; the findings never do.
        self._answered(mine)
        page = self.url_open(f"/my/complaints/{mine.id}")
        self.assertIn(mine.outcome, page.text)
        self.assertNotIn(mine.findings, page.text)

    def _answered(self, complaint):
        handler = complaint.with_user(self.manager)
        handler.action_assign()
        handler.write({"findings": "内部核实：叫号机故障。", "outcome": "已维修叫号机并致歉。", "verdict": "partly"})
        handler.action_answer()

    def test_hall_qr_form_keeps_only_its_allowlist(self):
        url = f"/gov/sites/{self.station.id}/feedback"
        token = self._csrf(url)
        before = self.env["gov.complaint"].search([])
        with mute_logger("odoo.http"):
            response = self.url_open(
                url,
                data={
                    "csrf_token": token,
                    "kind": "complaint",
                    "description": "周六上午站点无人值守。",
                    "citizen_name": "赵四",
                    "is_anonymous": "1",
                    "state": "closed",
                    "site_id": self.other_centre.id,
                    "employee_id": self.emp_a.id,
                    "user_id": self.clerk.id,
                    "window_id": self.env["gov.window"]
                    .create({"site_id": self.other_centre.id, "code": "09", "name": "别处"})
                    .id,
                    "is_published": "1",
                },
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        created = self.env["gov.complaint"].search([]) - before
        self.assertEqual(len(created), 1)
        self.assertEqual(
            (created.state, created.channel, created.site_id, created.centre_id, created.employee_id.id),
            ("received", "qr", self.station, self.centre, False),
        )
        self.assertFalse(created.window_id, "a window of another site is dropped")
        self.assertTrue(created.is_anonymous)
        self.assertFalse(created.citizen_name)
        self.assertFalse(created.is_published)
        self.assertEqual(created.user_id, self.manager)
        # An unpublished site takes no feedback; an empty description is refused, nothing created.
        self.station.is_public = False
        self.assertEqual(self.url_open(url).status_code, 404)
        self.station.is_public = True
        empty = self.url_open(url, data={"csrf_token": token, "description": ""})
        self.assertEqual(empty.status_code, 400)
        self.assertEqual(len(self.env["gov.complaint"].search([]) - before), 1)

    def test_hall_qr_form_is_rate_limited(self):
        self.env["ir.config_parameter"].sudo().set_param("gov_eval.feedback_rate_limit", "2")
        url = f"/gov/sites/{self.centre.id}/feedback"
        token = self._csrf(url)
        codes = [
            self.url_open(url, data={"csrf_token": token, "description": f"建议{n}"}, allow_redirects=False).status_code
            for n in range(3)
        ]
        self.assertEqual(codes, [303, 303, 429])

    def test_published_results_page_on(self):
        """The "next" link of the published results leads to the next page (it once led to a 404)."""
        for text in ("群众反映停车难，已增设车位。", "群众反映等候区座椅不足，已补充。"):
            complaint = self._complaint()
            self._answered(complaint)
            handler = complaint.with_user(self.manager)
            handler.write({"satisfaction": "satisfied", "callback_note": "满意"})
            handler.action_callback()
            handler.action_close()
            handler.write({"public_result": text})
            handler.action_publish()
        with patch.object(complaint_controller, "PAGE_SIZE", 1):
            first = self.url_open("/gov/complaints/results").text
            self.assertIn('href="/gov/complaints/results/page/2"', first)
            second = self.url_open("/gov/complaints/results/page/2")
        self.assertEqual(second.status_code, 200)
        self.assertIn("群众反映等候区座椅不足，已补充。", first, "the latest first")
        self.assertIn("群众反映停车难，已增设车位。", second.text)

    def test_published_results_are_anonymised(self):
        complaint = self._complaint(citizen_name="钱多多", citizen_phone="13800000003")
        self._answered(complaint)
        handler = complaint.with_user(self.manager)
        handler.write({"satisfaction": "satisfied", "callback_note": "满意"})
        handler.action_callback()
        handler.action_close()
        unpublished = self.url_open("/gov/complaints/results")
        self.assertEqual(unpublished.status_code, 200)
        handler.write({"public_result": "群众反映叫号机故障，已维修。"})
        handler.action_publish()
        page = self.url_open("/gov/complaints/results")
        self.assertIn("群众反映叫号机故障，已维修。", page.text)
        self.assertIn(self.centre.name, page.text)
        for private in ("钱多多", "13800000003", complaint.description, complaint.findings, complaint.number):
            self.assertNotIn(private, page.text)
