"""Demo evaluations: the demo cases rated as citizens rate (mostly satisfied, a few bad reviews with
their rectifications at every step, one appeal), and walk-in consultations on the windows' devices.
Called from demo/gov_evaluation_demo.xml after the demo cases; does nothing when ratings exist."""

import random
from datetime import timedelta

from odoo import api, fields, models

from .gov_case import ACCEPTANCE_STATES, RESULT_STATES

# Levels as they come in a district meeting its target (window satisfaction >= 95%).
LEVEL_WEIGHTS = (("1", 74), ("2", 17), ("3", 5), ("4", 3), ("5", 1))
COMMENTS = {
    "1": ["窗口人员热情耐心，一次就办好了", "办事很快，点赞", ""],
    "2": ["整体不错", ""],
    "3": ["等候时间稍长", ""],
    "4": ["排队时间太长，窗口只开了一个", "解释得不够清楚，又跑了一趟"],
    "5": ["工作人员态度生硬", "材料要求和指南上不一致"],
}


class GovEvaluation(models.Model):
    _inherit = "gov.evaluation"

    @api.model
    def _demo_generate(self, seed=2026):
        if self.sudo().search_count([]):
            return 0
        rng = random.Random(seed)
        env = self.env(context=dict(self.env.context, mail_create_nolog=True, tracking_disable=True))
        Evaluation = env["gov.evaluation"].sudo()._gov_unlocked()
        reasons = env["gov.evaluation.reason"].sudo().search([("needs_comment", "=", False)])
        levels, weights = zip(*LEVEL_WEIGHTS, strict=True)
        now = fields.Datetime.now()
        cases = env["gov.case"].sudo().search([("state", "in", ACCEPTANCE_STATES), ("accepted_at", "!=", False)])
        vals_list = []

        def rating(level, online):
            vals = {"level": level}
            comment = rng.choice(COMMENTS[level])
            if comment:
                vals["comment"] = comment
            if level in ("4", "5"):
                scope = ("all", "online" if online else "hall")
                vals["reason_ids"] = [fields.Command.set(rng.choice(reasons.filtered(lambda r: r.scope in scope)).ids)]
            return vals

        for case in cases:
            online = case.channel == "portal"
            if rng.random() < 0.7:
                vals = rating(rng.choices(levels, weights)[0], online)
                vals.update(
                    case_id=case.id,
                    occasion="acceptance",
                    channel="portal" if online else rng.choice(["device", "device", "qr"]),
                    rated_at=case.accepted_at + timedelta(minutes=rng.randint(1, 20)),
                )
                vals_list.append(vals)
            if case.state in RESULT_STATES and rng.random() < 0.5:
                vals = rating(rng.choices(levels, weights)[0], online)
                # Demo cases are made today: spread the results' ratings over the days after acceptance.
                when = min(case.accepted_at + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 6)), now)
                vals.update(
                    case_id=case.id, occasion="result", channel=rng.choice(["qr", "sms", "phone"]), rated_at=when
                )
                vals_list.append(vals)
        windows = env["gov.window"].sudo().search([("site_id.parent_id", "=", False)], limit=6)
        for window in windows:
            for day in range(1, 6):
                vals = rating(rng.choices(levels, weights)[0], False)
                vals.update(
                    window_id=window.id,
                    occasion="consultation",
                    channel="device",
                    rated_at=now - timedelta(days=day, hours=2),
                )
                vals_list.append(vals)
        evaluations = Evaluation.create(vals_list)
        self._demo_loop(evaluations.filtered("is_bad").rectification_ids, rng)
        return len(evaluations)

    @api.model
    def _demo_loop(self, rectifications, rng):
        """Carry the demo's rectifications to every step; the oldest are closed, one review appealed."""
        records = rectifications.sorted("opened_on")
        for index, record in enumerate(records):
            record = record._gov_unlocked()
            step = index % 5
            if record.state == "callback" and step >= 1:
                record.write({"callback_result": "reached", "callback_note": "已电话回访，群众说明了情况"})
                record.action_callback_done()
            if record.state == "verify" and step >= 2:
                record.write(
                    {
                        "verification": rng.choice(["valid", "partly"]),
                        "verification_note": "调阅监控并询问当事窗口人员，情况基本属实",
                    }
                )
                record.action_verify()
            if record.state == "rectify" and step >= 3:
                record.write({"measures": "对当事人员开展服务礼仪和业务培训，高峰时段增开窗口"})
                record.action_rectified()
            if record.state == "feedback" and step >= 4:
                record.write({"citizen_response": "satisfied", "response_note": "群众对整改结果表示满意"})
                record.action_close()
        pending = records.filtered(lambda r: r.state == "callback")[:1]
        if pending:
            env = self.env
            env["gov.evaluation.appeal"].sudo().create(
                {
                    "evaluation_id": pending.evaluation_id.id,
                    "grounds": "mistaken",
                    "statement": "经核实，该群众误将对其他部门的意见评价到本窗口，申请复核。",
                }
            )
        self.env["gov.rectification"]._cron_escalate()
