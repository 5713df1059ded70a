"""Demo complaints, suggestions and 办不成事 reports about the demo centre t100 and a station below
it, in every state, one with a gap on the list of problems to fix. Called from
demo/gov_complaint_demo.xml; does nothing when the centre already has some."""

import datetime

from odoo import api, fields, models


class GovComplaint(models.Model):
    _inherit = "gov.complaint"

    @api.model
    def _demo_generate(self):
        centre = self.env.ref("gov_center.site_centre_t100", raise_if_not_found=False)
        station = self.env.ref("gov_station.site_station_t100_v200", raise_if_not_found=False)
        manager = self.env.ref("gov_center.user_gov_manager", raise_if_not_found=False)
        citizen = self.env.ref("gov_center.user_gov_citizen", raise_if_not_found=False)
        if not centre or not manager or self.sudo().search_count([("centre_id", "=", centre.id)]):
            return False
        now = fields.Datetime.now()
        window = centre.window_ids[:1]
        item = self.env["gov.item.site"].sudo().search([("site_id", "=", centre.id)], limit=1).item_id
        Complaint = self.sudo().with_context(mail_notrack=True, mail_create_nolog=True)
        records = Complaint.create(
            [
                {
                    "kind": "complaint",
                    "channel": "hotline",
                    "received_at": now - datetime.timedelta(days=1),
                    "citizen_name": "刘志强",
                    "citizen_phone": "13904720021",
                    "site_id": centre.id,
                    "window_id": window.id,
                    "item_id": item.id,
                    "description": "12345热线转办：办理业务时窗口工作人员中途离岗二十分钟，无人解释，群众排队等候时间过长。",
                },
                {
                    "kind": "suggestion",
                    "channel": "box",
                    "received_at": now - datetime.timedelta(days=12),
                    "is_anonymous": True,
                    "site_id": centre.id,
                    "description": "意见箱：建议大厅增设老花镜和便民雨伞，方便老年人填写表格。",
                },
                {
                    "kind": "unresolved",
                    "channel": "window",
                    "received_at": now - datetime.timedelta(days=20),
                    "citizen_name": "马秀兰",
                    "citizen_phone": "13904720022",
                    "site_id": centre.id,
                    "item_id": item.id,
                    "description": "办不成事反映：母亲户籍在外省，申请高龄津贴需提供的证明本地无法开具，多次往返未能办成。",
                },
                {
                    "kind": "complaint",
                    "channel": "qr",
                    "received_at": now - datetime.timedelta(days=9),
                    "is_anonymous": True,
                    "site_id": (station or centre).id,
                    "description": "扫码反映：便民服务站公示的开放时间为周六上午，实际周六无人值守。",
                },
            ]
            + (
                [
                    {
                        "kind": "suggestion",
                        "channel": "portal",
                        "received_at": now - datetime.timedelta(hours=3),
                        "partner_id": citizen.partner_id.id,
                        "citizen_name": citizen.name,
                        "site_id": centre.id,
                        "description": "网上建议：希望预约服务能开放周末下午时段。",
                    }
                ]
                if citizen
                else []
            )
        )
        suggestion, unresolved = records[1], records[2]
        handler = self.with_user(manager).with_context(mail_notrack=True)
        # The suggestion: answered, called back, closed and its result published.
        suggestion = handler.browse(suggestion.id)
        suggestion.action_assign()
        suggestion.write({"outcome": "已在大厅咨询台配备老花镜、放大镜和爱心雨伞，并在导服台公示借用方式。"})
        suggestion.action_answer()
        suggestion.action_close()
        suggestion.write({"public_result": "群众建议大厅增设老花镜和便民雨伞。中心已在咨询台配备并公示借用方式。"})
        suggestion.action_publish()
        # The 办不成事 report: taken over by the manager, coordinated, closed with a catalogue gap to fix.
        unresolved = handler.browse(unresolved.id)
        unresolved.write(
            {
                "leader_id": manager.id,
                "department_ids": [(6, 0, self.env.ref("gov_items.dept_civil").ids)],
                "coordination_note": "中心负责人牵头，与区民政局视频会商，确认可由申请人书面承诺代替外省证明。",
            }
        )
        unresolved.action_assign()
        unresolved.write(
            {
                "findings": "高龄津贴办事指南要求的户籍地证明在外省无法开具，指南未列明告知承诺替代方式。",
                "outcome": "已按告知承诺制当场受理，三个工作日内办结。",
                "resolution": "solved",
                "gap_kind": "catalogue",
                "gap_note": "高龄津贴事项清单未列明告知承诺替代材料，需修订办事指南。",
            }
        )
        unresolved.action_answer()
        unresolved.write({"satisfaction": "satisfied", "callback_note": "电话回访，群众表示满意。"})
        unresolved.action_callback()
        unresolved.action_close()
        return records
