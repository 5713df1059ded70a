import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SEPTEMBER, GovCaseCommon

DT = datetime.datetime


@tagged("gov", "post_install", "-at_install")
class TestOutreach(GovCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Event = env["gov.outreach.event"]
        cls.Visit = env["gov.home.visit"]
        cls.event = cls.Event.create(
            {
                "name": "政务服务进企业",
                "kind": "five_in",
                "target": "enterprise",
                "site_id": cls.centre.id,
                "place": "某某公司会议室",
                "date_start": DT(2026, 9, 24, 1, 0),
                "date_end": DT(2026, 9, 24, 5, 0),
                "item_ids": [Command.set(cls.item.ids)],
            }
        )
        cls.event.action_publish()
        cls.other_event = cls.Event.create(
            {
                "name": "别镇流动服务",
                "kind": "mobile",
                "site_id": cls.other_centre.id,
                "place": "别镇广场",
                "date_start": DT(2026, 9, 24, 1, 0),
                "date_end": DT(2026, 9, 24, 5, 0),
            }
        )
        cls.other_event.action_publish()
        common = {"lang": "en_US", "tz": "Asia/Shanghai"}
        cls.agent2 = new_test_user(env, "t_or_agent2", groups="gov_center.group_gov_agent", **common)
        cls.agent2.gov_site_ids = cls.station
        Agent = env["gov.site.agent"]
        cls.agent_1 = Agent.search([("site_id", "=", cls.station.id), ("user_id", "=", cls.agent.id)])
        cls.agent_2 = Agent.create(
            {
                "site_id": cls.station.id,
                "name": "代办员乙",
                "duty": "网格员",
                "phone": "13900000019",
                "user_id": cls.agent2.id,
                "sequence": 20,
            }
        )
        # never chosen: no user, archived
        Agent.create(
            {"site_id": cls.station.id, "name": "无账号", "duty": "网格员", "phone": "13900000018", "sequence": 1}
        )
        Agent.create(
            {
                "site_id": cls.station.id,
                "name": "已离职",
                "duty": "网格员",
                "phone": "13900000017",
                "user_id": cls.agent.id,
                "active": False,
            }
        )

    # ------------------------------------------------------------------ cases and figures
    def test_outreach_case_counted_for_its_event_and_in_the_kpis(self):
        case = self._accepted(channel="outreach", outreach_event_id=self.event.id)
        self._accepted()  # at the window
        self.assertEqual(case.outreach_event_id, self.event)
        self.assertEqual(self.event.case_count, 1)
        [(_key, figures)] = self.env["gov.kpi.fact"]._kpi_figures(
            [*SEPTEMBER, ("centre_id", "=", self.centre.id)], (), ("accepted", "outreach_count", "outreach_share")
        )
        self.assertEqual(figures, {"accepted": 2, "outreach_count": 1, "outreach_share": 50.0})
        # the dashboard's drill-down lists the outreach cases
        action = (
            self.env["gov.kpi.dashboard"]
            .with_user(self.manager)
            .action_drill("outreach_count", "2026-09", self.centre.id)
        )
        self.assertEqual(self.env["gov.case"].search(action["domain"]), case)

    def test_case_channel_and_event_must_agree(self):
        with self.assertRaisesRegex(ValidationError, "choose the outreach service it was taken at"):
            self._case(channel="outreach")
        with self.assertRaisesRegex(ValidationError, "its channel must be Outreach Service"):
            self._case(channel="window", outreach_event_id=self.event.id)
        with self.assertRaisesRegex(ValidationError, "organised by 别镇便民服务中心"):
            self._case(channel="outreach", outreach_event_id=self.other_event.id)
        # a station's case may carry its centre's event
        case = self._case(channel="outreach", outreach_event_id=self.event.id, site_id=self.station.id, user=self.agent)
        self.assertEqual(case.channel, "outreach")

    def test_five_in_needs_a_target_and_end_after_start(self):
        vals = {
            "name": "进园区",
            "kind": "five_in",
            "site_id": self.centre.id,
            "place": "园区",
            "date_start": DT(2026, 9, 1, 1),
        }
        with self.assertRaisesRegex(ValidationError, "Choose where the five-in service"):
            self.Event.create(dict(vals, date_end=DT(2026, 9, 1, 3)))
        with self.assertRaisesRegex(ValidationError, "must end after it starts"):
            self.Event.create(dict(vals, target="park", date_end=DT(2026, 9, 1, 0)))

    def test_closing_needs_start_and_report(self):
        event = self.event.with_user(self.clerk)
        with freeze_time("2026-09-23 10:00:00"), self.assertRaisesRegex(UserError, "has not started yet"):
            event.action_done()
        with freeze_time("2026-09-24 06:00:00"):
            with self.assertRaisesRegex(UserError, "Write a short report"):
                event.action_done()
            event.write({"consultation_count": 35, "report": "现场咨询35人次。"})
            event.action_done()
        self.assertEqual((event.state, event.consultation_count), ("done", 35))
        with self.assertRaisesRegex(UserError, "locked"):
            event.write({"place": "别处"})
        # the approver reads it, writes nothing; another centre's clerk does not see it
        self.assertEqual(event.with_user(self.approver_a).place, "某某公司会议室")
        with self.assertRaises(AccessError):
            event.with_user(self.approver_a).write({"note": "x"})
        with self.assertRaises(AccessError):
            event.with_user(self.other_clerk).read(["place"])
        # state is the application's, not a caller's
        with self.assertRaises(AccessError):
            self.Event.with_user(self.clerk).create(
                {
                    "name": "x",
                    "kind": "mobile",
                    "site_id": self.centre.id,
                    "place": "p",
                    "date_start": DT(2026, 9, 1, 1),
                    "date_end": DT(2026, 9, 1, 2),
                    "state": "done",
                }
            )

    # ------------------------------------------------------------------ home visits
    def _visit(self, start, hours=1, user=None, **extra):
        return self.Visit.with_user(user or self.clerk).create(
            dict(
                {
                    "person_name": "王秀兰",
                    "phone": "13847201135",
                    "address": "办件村3组12号",
                    "reason": "elderly",
                    "site_id": self.station.id,
                    "item_ids": [Command.set(self.item.ids)],
                    "slot_start": start,
                    "slot_end": start + datetime.timedelta(hours=hours),
                },
                **extra,
            )
        )

    def test_home_visit_goes_to_a_free_agent_least_loaded_first(self):
        # agent 1 has a visit at 09:00-10:00 Beijing (01:00 UTC) on 1 Oct
        first = self._visit(DT(2026, 10, 1, 1))
        first.action_schedule()
        self.assertEqual(first.agent_id, self.agent_1, "both free and unloaded: the site's order")
        self.assertEqual(first.state, "scheduled")
        self.assertEqual((first.event_id.kind, first.event_id.agent_ids), ("home_visit", self.agent_1))
        self.assertTrue(first.activity_ids.filtered(lambda a: a.user_id == self.agent))
        # an overlapping slot: agent 1 is busy, agent 2 gets it
        second = self._visit(DT(2026, 10, 1, 1, 30))
        second.action_schedule()
        self.assertEqual(second.agent_id, self.agent_2)
        # a later slot the same day: both free, agent 2 has one visit, agent 1 one: the order decides;
        # give agent 2 an outreach event that day (not overlapping): agent 1 is the least loaded
        event = self.Event.create(
            {
                "name": "进社区",
                "kind": "five_in",
                "target": "community",
                "site_id": self.centre.id,
                "place": "社区",
                "date_start": DT(2026, 10, 1, 7),
                "date_end": DT(2026, 10, 1, 8),
                "agent_ids": [Command.set(self.agent_2.ids)],
            }
        )
        event.action_publish()
        third = self._visit(DT(2026, 10, 1, 5))
        third.action_schedule()
        self.assertEqual(third.agent_id, self.agent_1)
        # 15:00 Beijing: agent 1 is at... nobody is free when both are busy: agent 2 at the event,
        # agent 1 at a visit overlapping it
        fourth = self._visit(DT(2026, 10, 1, 6, 30), hours=2)
        fourth.action_schedule()
        self.assertEqual(fourth.agent_id, self.agent_1)
        fifth = self._visit(DT(2026, 10, 1, 7))
        with self.assertRaisesRegex(
            UserError, "No agent of 办件村便民服务站 is available from 2026-10-01 15:00 to 2026-10-01 16:00"
        ):
            fifth.action_schedule()
        self.assertEqual(fifth.state, "requested")
        # the cases taken at the visit carry its event
        case = self._case(
            channel="outreach", outreach_event_id=first.event_id.id, site_id=self.station.id, user=self.agent
        )
        self.assertEqual(first.event_id.case_count, 1)
        self.assertEqual(case.outreach_event_id.home_visit_ids, first)
        # done needs what was done; it closes the event
        with self.assertRaisesRegex(UserError, "Write what was done"):
            first.action_done()
        first.result = "上门办理养老资格认证。"
        first.action_done()
        self.assertEqual((first.state, first.event_id.state), ("done", "done"))

    def test_refusal_needs_a_reason_and_agents_write_only_open_requests(self):
        visit = self._visit(DT(2026, 10, 2, 1), user=self.agent)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            visit.action_refuse()
        visit.refusal_reason = "不在服务范围。"
        visit.action_refuse()
        self.assertEqual(visit.state, "refused")
        with self.assertRaises(AccessError):
            visit.with_user(self.agent).write({"phone": "13000000000"})
        with self.assertRaises(AccessError):
            self._visit(DT(2026, 10, 2, 1), user=self.agent, site_id=self.centre.id)
        with self.assertRaises(AccessError):
            visit.with_user(self.other_clerk).read(["address"])

    def test_citizen_sets_only_the_form_fields(self):
        Visit = self.Visit.with_user(self.citizen)
        vals = {
            "person_name": "王秀兰",
            "phone": "13847201135",
            "address": "办件村3组12号",
            "reason": "ill",
            "site_id": self.station.id,
            "partner_id": self.citizen.partner_id.id,
        }
        with self.assertRaisesRegex(AccessError, "cannot set"):
            Visit.create(dict(vals, agent_id=self.agent_1.id))
        with self.assertRaises(AccessError):
            Visit.create(dict(vals, partner_id=self.env.user.partner_id.id))
        # over JSON-RPC: only items the site offers at home, as a plain list
        offered = self.station._home_visit_items()
        elsewhere = self.env["gov.item"].search([("id", "not in", offered.ids)], limit=1)
        self.assertTrue(elsewhere, "an item the station does not offer")
        with self.assertRaisesRegex(AccessError, "offered by the site"):
            Visit.create(dict(vals, item_ids=[(6, 0, elsewhere.ids)]))
        with self.assertRaisesRegex(AccessError, "nothing else"):
            Visit.create(dict(vals, item_ids=[(0, 0, {"name": "x"})]))
        visit = Visit.create(vals)
        self.assertEqual((visit.state, visit.agent_id.id), ("requested", False))
        self.assertTrue(visit.name.startswith("SM-"))

    def test_public_upcoming_events_allowlisted(self):
        self.centre.is_public = True
        draft = self.Event.create(
            {
                "name": "草稿活动",
                "kind": "mobile",
                "site_id": self.centre.id,
                "place": "p",
                "date_start": DT(2026, 10, 9, 1),
                "date_end": DT(2026, 10, 9, 2),
            }
        )
        upcoming = self.Event.create(
            {
                "name": "进农村",
                "kind": "five_in",
                "target": "village",
                "site_id": self.centre.id,
                "place": "办件村广场",
                "date_start": DT(2026, 10, 9, 1),
                "date_end": DT(2026, 10, 9, 4),
                "employee_ids": [Command.set(self.emp_a.ids)],
                "item_ids": [Command.set(self.item.ids)],
            }
        )
        upcoming.action_publish()
        with freeze_time("2026-10-01 04:00:00"):
            [data] = self.centre._public_data()
        events = data["outreach_events"]
        self.assertEqual(
            [e["name"] for e in events], ["进农村"], "published and upcoming only, not the draft nor the past"
        )
        self.assertEqual(events[0]["start"], "2026-10-09 09:00")
        self.assertEqual(events[0]["items"], ["办件测试救助金给付"])
        self.assertEqual(
            set(events[0]), {"name", "kind", "kind_label", "target", "target_label", "place", "start", "end", "items"}
        )
        self.assertNotIn(draft.name, str(data))
        self.assertNotIn(self.emp_a.name, str(data))

    def test_public_upcoming_queries_do_not_grow_with_sites_and_events(self):
        sites = self.centre | self.station | self.other_centre
        for index, site in enumerate(list(sites) * 3):
            event = self.Event.create(
                {
                    "name": f"流动服务{index}",
                    "kind": "mobile",
                    "site_id": site.id,
                    "place": "广场",
                    "date_start": DT(2026, 10, 9, 1),
                    "date_end": DT(2026, 10, 9, 2),
                    "item_ids": [Command.set((self.item | self.item_now).ids)],
                }
            )
            event.action_publish()

        def queries(records):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with freeze_time("2026-10-01 04:00:00"):
                result = self.Event._public_upcoming(records)
            return self.env.cr.sql_log_count - before, result

        queries(sites)  # warm the registry's caches (selection labels, translations)
        one, result_one = queries(self.centre)
        three, result_three = queries(sites)
        self.assertEqual(len(result_one[self.centre.id]), 3)
        self.assertEqual(sum(len(rows) for rows in result_three.values()), 9)
        self.assertEqual(one, three, "one search and its prefetch, whatever the number of sites and events")
        self.assertLessEqual(three, 5)


@tagged("gov", "post_install", "-at_install")
class TestOutreachPages(ChineseEnvCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site = cls.env.ref("gov_station.site_station_t001_v001")
        cls.site.sudo().is_public = True
        cls.item = cls.site.sudo()._home_visit_items()[:1]
        Event = cls.env["gov.outreach.event"]
        now = datetime.datetime.now().replace(microsecond=0)
        base = {
            "site_id": cls.site.id,
            "date_start": now + datetime.timedelta(days=3),
            "date_end": now + datetime.timedelta(days=3, hours=2),
        }
        cls.published = Event.create(
            dict(base, name="测试活动·进社区", kind="five_in", target="community", place="测试广场", note="内部备注")
        )
        cls.published.action_publish()
        cls.draft = Event.create(dict(base, name="测试草稿活动", kind="mobile", place="草稿地点"))
        cls.citizen_a = new_test_user(cls.env, "t_or_citizen_a", groups="base.group_portal", lang="en_US")
        cls.citizen_b = new_test_user(cls.env, "t_or_citizen_b", groups="base.group_portal", lang="en_US")

    def test_site_page_and_feed_show_published_upcoming_events(self):
        page = self.url_open(f"/gov/sites/{self.site.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("测试活动·进社区", page.text)
        self.assertNotIn("测试草稿活动", page.text)
        feed = self.url_open(f"/gov/api/sites/{self.site.id}").json()
        names = [event["name"] for event in feed["outreach_events"]]
        self.assertIn("测试活动·进社区", names)
        self.assertNotIn("测试草稿活动", names)
        self.assertNotIn("内部备注", str(feed))

    def test_citizen_requests_and_sees_only_their_own(self):
        self.assertTrue(self.item, "the demo station offers items")
        self.authenticate("t_or_citizen_a", "t_or_citizen_a")
        page = self.url_open(f"/my/home-visits/new?site_id={self.site.id}")
        self.assertEqual(page.status_code, 200)
        response = self.url_open(
            "/my/home-visits/new",
            data={
                "csrf_token": http_csrf(self, self.site),
                "submit": "1",
                "site_id": self.site.id,
                "person_name": "王秀兰",
                "phone": "13847201135",
                "address": "建华社区12号楼",
                "reason": "elderly",
                "item_ids": self.item.id,
                "state": "done",
                "agent_id": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_gov_home_visit_error", response.text)
        visit = self.env["gov.home.visit"].search([("partner_id", "=", self.citizen_a.partner_id.id)])
        self.assertEqual(len(visit), 1)
        self.assertEqual((visit.state, visit.agent_id.id, visit.person_name), ("requested", False, "王秀兰"))
        listing = self.url_open("/my/home-visits")
        self.assertIn(visit.name, listing.text)
        self.assertEqual(self.url_open(f"/my/home-visits/{visit.id}").status_code, 200)
        # another citizen: not found, not listed, not readable over the ORM
        self.authenticate("t_or_citizen_b", "t_or_citizen_b")
        self.assertEqual(self.url_open(f"/my/home-visits/{visit.id}").status_code, 404)
        self.assertNotIn(visit.name, self.url_open("/my/home-visits").text)
        with self.assertRaises(AccessError):
            visit.with_user(self.citizen_b).read(["address"])


def http_csrf(case, site):
    """A CSRF token of the authenticated session (the form's hidden field)."""
    page = case.url_open(f"/my/home-visits/new?site_id={site.id}")
    marker = 'name="csrf_token" value="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]
