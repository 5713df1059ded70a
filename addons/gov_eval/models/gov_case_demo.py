"""Demo cases: a few hundred cases across the demo sites, in every state, so that every screen
has something to show. Called from demo/gov_case_demo.xml; deterministic (seeded)."""

import random
from datetime import datetime, time, timedelta

from stdnum.cn import ric

from odoo import api, fields, models

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅兵建国志文斌海燕宁波鹏辉晓林"
# Where the demo cases end up (state, weight): most are in progress or done.
TARGETS = [
    ("consultation", 6),
    ("accepted", 12),
    ("review", 22),
    ("approved", 5),
    ("result_ready", 9),
    ("delivered", 8),
    ("closed", 30),
    ("refused", 4),
    ("not_accepted", 4),
]
GREEN = ["elderly", "disabled", "pregnant", "military", "hardship"]


class GovCase(models.Model):
    _inherit = "gov.case"

    @api.model
    def _demo_id_number(self, rng):
        region = rng.choice(["150207", "150202", "150203", "150204", "150205", "150206"])
        birth = datetime(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 65))
        body = f"{region}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
        return body + ric.calc_check_digit(body + "0")

    @api.model
    def _demo_generate(self, count=300, seed=2026):
        """Create ``count`` demo cases as the system (once: nothing is done when demo cases exist)."""
        if self.search_count([]):
            return 0
        rng = random.Random(seed)
        env = self.env(
            context=dict(
                self.env.context,
                mail_create_nolog=True,
                tracking_disable=True,
                mail_notify_force_send=False,
                mail_auto_subscribe_no_notify=True,
            )
        )
        Case = env["gov.case"].sudo()
        lines = (
            env["gov.item.site"]
            .sudo()
            .search([("item_id.state", "=", "published"), ("active", "=", True), ("item_id.material_ids", "!=", False)])
        )
        if not lines:
            return 0
        citizen = env.ref("gov_center.user_gov_citizen", raise_if_not_found=False)
        today = fields.Date.context_today(self)
        created = Case
        states, weights = zip(*TARGETS, strict=True)
        for index in range(count):
            line = rng.choice(lines)
            station = not line.site_id.is_centre
            target = rng.choices(states, weights)[0]
            vals = {
                "item_id": line.item_id.id,
                "site_id": line.site_id.id,
                "applicant_name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _i in range(rng.choice((1, 2)))),
                "id_number_input": self._demo_id_number(rng),
                "applicant_phone": f"13{rng.randint(100000000, 999999999)}",
                "channel": "agent"
                if station
                else rng.choices(["window", "portal", "phone", "post", "outreach"], [70, 15, 5, 5, 5])[0],
                "green_reason": rng.choice(GREEN) if rng.random() < 0.1 else False,
            }
            if station and line.site_id.agent_ids:
                vals["agent_id"] = line.site_id.agent_ids[0].id
            if citizen and index % 25 == 0:
                vals["partner_id"] = citizen.partner_id.id
            # The site's own window clerk took it (首问负责), as they would at the counter.
            clerk = line.site_id.user_ids.filtered(lambda u: u.has_group("gov_center.group_gov_clerk"))[:1]
            if not clerk and line.site_id.parent_id:
                clerk = line.site_id.parent_id.user_ids.filtered(lambda u: u.has_group("gov_center.group_gov_clerk"))[
                    :1
                ]
            if clerk:
                vals["user_id"] = clerk.id
            case = Case.create(vals)
            if clerk:
                case._gov_unlocked().write({"first_contact_id": clerk.id})
            created |= case
            case._demo_advance(target, rng, today)
        created._refresh_deadline_state(today)
        return len(created)

    def _demo_advance(self, target, rng, today):
        """Take the case to ``target`` with the application's own actions, then move its dates
        back in time so that the screens show a spread over the last three months."""
        self.ensure_one()
        if target == "consultation":
            if rng.random() < 0.5 and self.material_ids:
                self.material_ids[:1].write({"received": True})
            return
        if target == "not_accepted":
            self.decision_reason = "申请事项不属于本机关职权范围，请向旗县级主管部门申请。"
            self.action_not_accept()
            return
        self.material_ids.filtered("required").write({"received": True, "received_count": 1})
        self.action_accept()
        if self.kind == "immediate" and target in ("accepted", "review"):
            target = "approved"  # an on-the-spot case is decided the day it is taken
        if target in ("accepted", "review"):  # in progress: mostly within the time limit, some overdue
            days_ago = rng.randint(0, max(2, int(self.promised_days * 1.5)))
        else:
            days_ago = rng.randint(10, 85)
        accepted_on = today - timedelta(days=days_ago)
        self._gov_unlocked().write(
            {"accepted_on": accepted_on, "accepted_at": datetime.combine(accepted_on, time(2, rng.randint(0, 59)))}
        )
        if target == "accepted":
            if rng.random() < 0.25 and self.kind != "immediate":
                self.env["gov.case.pause"].create(
                    {
                        "case_id": self.id,
                        "kind": "materials",
                        "reason": "申请材料需补正：签字不全",
                        "date_start": min(today, accepted_on + timedelta(days=2)),
                    }
                )
            return
        self.action_send_review() if self.kind != "immediate" else None
        if target == "review":
            return
        decided_on = min(today, self.promised_deadline + timedelta(days=rng.choice((-3, -2, -1, 0, 0, 2))))
        if target == "refused":
            self.decision_reason = "经审查，申请人不符合该事项规定的条件。"
            self.action_refuse() if self.state == "review" else None
        else:
            self.action_approve()
        self._gov_unlocked().write({"decided_on": max(decided_on, accepted_on)})
        if target in ("approved", "refused"):
            return
        self.action_result_ready()
        if target == "result_ready":
            return
        self.write({"delivery_method": "post", "tracking_number": f"EMS{rng.randint(10**9, 10**10 - 1)}"})
        self.leg_ids.filtered(lambda leg: not leg.received_at).write({"received_by_name": self.applicant_name})
        for _round in range(3):
            self.leg_ids.filtered(lambda leg: not leg.received_at).action_receive()
        self.action_deliver()
        if target == "closed":
            self.action_close()
