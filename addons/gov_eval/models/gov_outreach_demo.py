import random
from datetime import datetime, time, timedelta

from odoo import api, fields, models

from .gov_case import GIVEN, SURNAMES


class GovOutreachEvent(models.Model):
    _inherit = "gov.outreach.event"

    @api.model
    def _demo_generate(self):
        """Demo outreach services at 和平路街道 (t001) and its 建华社区 station: a 五进 into an enterprise
        (held, with cases taken on the spot), a mobile service day in a village next week (published,
        on the public site page), and home-visit requests in every status. Once."""
        centre = self.env.ref("gov_center.site_centre_t001", raise_if_not_found=False)
        station = self.env.ref("gov_station.site_station_t001_v001", raise_if_not_found=False)
        if not centre or not station or self.search_count([("name", "=", "政务服务进企业·包钢集团")]):
            return
        rng = random.Random(15)
        Event = self.sudo()._gov_unlocked().with_context(tracking_disable=True, mail_create_nolog=True)
        today = fields.Date.context_today(self)
        items = (
            self.env["gov.item.site"]
            .sudo()
            .search([("site_id", "in", (centre | station).ids), ("item_id.state", "=", "published")])
            .item_id
        )
        agents = self.env["gov.site.agent"].sudo().search([("site_id", "=", station.id)])
        held_day = today - timedelta(days=12)
        partner = self.env["res.partner"].sudo().create({"name": "包头钢铁（集团）有限责任公司", "is_company": True})
        held = Event.create(
            {
                "name": "政务服务进企业·包钢集团",
                "kind": "five_in",
                "target": "enterprise",
                "site_id": centre.id,
                "place": "包钢集团职工服务中心一楼大厅",
                "partner_id": partner.id,
                "date_start": datetime.combine(held_day, time(1, 0)),
                "date_end": datetime.combine(held_day, time(4, 0)),
                "item_ids": [(6, 0, items[:4].ids)],
                "agent_ids": [(6, 0, agents[:1].ids)],
                "state": "done",
                "consultation_count": 46,
                "report": "为包钢集团职工集中办理社保、公积金、户籍等业务，现场咨询46人次，受理办件若干，收集企业诉求3条。",
            }
        )
        next_week = today + timedelta(days=7)
        Event.create(
            {
                "name": "便民服务流动日·进农村",
                "kind": "five_in",
                "target": "village",
                "site_id": station.id,
                "place": "建华社区党群服务中心门前广场",
                "date_start": datetime.combine(next_week, time(1, 30)),
                "date_end": datetime.combine(next_week, time(4, 30)),
                "item_ids": [(6, 0, items[:3].ids)],
                "agent_ids": [(6, 0, agents.ids)],
                "state": "published",
            }
        )
        Event.create(
            {
                "name": "厅外流动服务车进园区",
                "kind": "mobile",
                "site_id": centre.id,
                "place": "东河区装备制造产业园管委会",
                "date_start": datetime.combine(next_week + timedelta(days=3), time(1, 0)),
                "date_end": datetime.combine(next_week + timedelta(days=3), time(5, 0)),
                "item_ids": [(6, 0, items[:2].ids)],
                "state": "draft",
            }
        )
        # cases taken at the enterprise
        Case = self.env["gov.case"].sudo().with_context(tracking_disable=True, mail_create_nolog=True)
        lines = (
            self.env["gov.item.site"]
            .sudo()
            .search(
                [
                    ("site_id", "=", centre.id),
                    ("item_id.state", "=", "published"),
                    ("item_id.material_ids", "!=", False),
                ],
                limit=3,
            )
        )
        for line in lines:
            case = Case.create(
                {
                    "item_id": line.item_id.id,
                    "site_id": centre.id,
                    "applicant_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                    "id_number_input": Case._demo_id_number(rng),
                    "applicant_phone": f"13{rng.randint(100000000, 999999999)}",
                    "channel": "outreach",
                    "outreach_event_id": held.id,
                }
            )
            case._demo_advance("accepted", rng, today)
        # home visits
        Visit = self.env["gov.home.visit"].sudo().with_context(tracking_disable=True, mail_create_nolog=True)
        citizen = self.env.ref("gov_center.user_gov_citizen", raise_if_not_found=False)
        base = {"site_id": station.id, "item_ids": [(6, 0, items[:1].ids)]}
        Visit.create(
            dict(
                base,
                person_name="王秀兰",
                phone="13847201135",
                address="建华社区12号楼3单元201",
                reason="elderly",
                preferred_date=today + timedelta(days=3),
                partner_id=citizen.partner_id.id if citizen else False,
                note="老人行动不便，需上门办理养老资格认证。",
            )
        )
        Visit.create(
            dict(base, person_name="赵建国", phone="13904721876", address="建华社区5号楼1单元602", reason="disabled")
        )
        scheduled = Visit.create(
            dict(base, person_name="李桂芳", phone="15947236610", address="建华社区8号楼2单元101", reason="ill")
        )
        self._demo_visit_event(scheduled, datetime.combine(today + timedelta(days=2), time(2, 0)), agents, items)
        done = Visit.create(
            dict(base, person_name="张淑珍", phone="13500472293", address="建华社区3号楼4单元302", reason="pregnant")
        )
        result = "上门为孕产妇办理生育登记。"
        self._demo_visit_event(
            done,
            datetime.combine(today - timedelta(days=5), time(7, 0)),
            agents,
            items,
            event_vals={"state": "done", "consultation_count": 1, "report": result},
            visit_vals={"state": "done", "result": result},
        )
        refused = Visit.create(
            dict(base, person_name="刘志强", phone="18647215530", address="东河区北梁新区南二区", reason="other")
        )
        refused._gov_unlocked().write(
            {"state": "refused", "refusal_reason": "申请地址不在本站服务范围，已转北梁新区便民服务站。"}
        )

    @api.model
    def _demo_visit_event(self, visit, start, agents, items, event_vals=None, visit_vals=None):
        """The outreach service of a demo home visit at ``start`` (one hour, the station's first
        agent), linked to the visit: scheduled and published unless ``event_vals`` and
        ``visit_vals`` say otherwise."""
        Event = self.sudo()._gov_unlocked().with_context(tracking_disable=True, mail_create_nolog=True)
        end = start + timedelta(hours=1)
        event = Event.create(
            {
                "name": f"上门服务：{visit.person_name}",
                "kind": "home_visit",
                "target": "family",
                "site_id": visit.site_id.id,
                "place": visit.address,
                "date_start": start,
                "date_end": end,
                "agent_ids": [(6, 0, agents[:1].ids)],
                "item_ids": [(6, 0, items[:1].ids)],
                "state": "published",
                **(event_vals or {}),
            }
        )
        visit._gov_unlocked().write(
            {
                "state": "scheduled",
                "slot_start": start,
                "slot_end": end,
                "agent_id": agents[:1].id,
                "event_id": event.id,
                **(visit_vals or {}),
            }
        )
        return event
