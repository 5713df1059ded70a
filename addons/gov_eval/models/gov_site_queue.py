"""A site's hall: its queue's service kinds, the rules posted on the electronic screen, and the
screen's data (plan 二.7 and annex 二.三: 服务规范、服务承诺、窗口工作制度 shown on an e-screen).

Everything the public screen and kiosk show comes from ``_queue_screen_data`` /
``_queue_kiosk_data``: an allowlist of public values (ticket numbers, window numbers, the names and
badge numbers of the staff on duty as on the public window board), never a citizen's data. Their
cost does not depend on the number of tickets or cases.
"""

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.tools import is_html_empty

from .gov_queue_ticket import AT_WINDOW_STATES

SCREEN_CALLS = 8  # numbers shown as "now calling" (the first one large)


class GovSite(models.Model):
    _inherit = "gov.site"

    queue_service_ids = fields.One2many("gov.queue.service", "site_id", string="Queue Services")
    hall_rules = fields.Html(
        string="Service Standards",
        translate=True,
        sanitize_overridable=False,
        help="服务规范: shown on the hall's electronic screen.",
    )
    service_commitment = fields.Html(
        string="Service Commitments",
        translate=True,
        sanitize_overridable=False,
        help="服务承诺: shown on the hall's electronic screen.",
    )
    window_rules = fields.Html(
        string="Window Work Rules",
        translate=True,
        sanitize_overridable=False,
        help="窗口工作制度: shown on the hall's electronic screen.",
    )

    def _gov_created(self):
        result = super()._gov_created()
        # The new sites' stored computes (is_centre, kind_sequence...) are written first: creating the
        # services in another language context dropped their pending computation (seen in tests:
        # a township centre stored with is_centre = False).
        self.flush_recordset()
        self.env["gov.queue.service"]._ensure_default_services(self)
        return result

    def action_view_queue(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_queue_ticket")
        action.update(domain=[("site_id", "=", self.id)], context={"search_default_today": 1})
        return action

    def action_open_screen(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/gov/sites/{self.id}/screen", "target": "new"}

    def action_open_kiosk(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/gov/sites/{self.id}/kiosk", "target": "new"}

    # ------------------------------------------------------------------ public data
    def _screen_satisfaction(self):
        """Satisfaction of the last month shown on the screen (好差评): a dict with ``rate`` (0-100) and
        ``count``, or None when there is nothing to show. Evaluations are not built yet: the
        evaluation module overrides this hook; until then the screen shows no satisfaction."""
        self.ensure_one()
        return None

    def _queue_calls(self, limit=SCREEN_CALLS):
        """The numbers being called now (last announced first): [{number, window, service, recall}]."""
        self.ensure_one()
        tickets = (
            self.env["gov.queue.ticket"]
            .sudo()
            .search(
                [("site_id", "=", self.id), ("day", "=", china_today()), ("state", "in", AT_WINDOW_STATES)],
                order="announced_at desc, id desc",
                limit=limit,
            )
        )
        return [
            {
                "number": ticket.number,
                "window": ticket.window_id.code or "",
                "window_name": ticket.window_id.name or "",
                "service": ticket.service_id.name or "",
                "recalled": bool(ticket.recall_count),
                "announced": fields.Datetime.to_string(ticket.announced_at),
            }
            for ticket in tickets
        ]

    def _queue_waiting(self):
        """{service id: number of waiting tickets today}, one grouped query."""
        self.ensure_one()
        groups = (
            self.env["gov.queue.ticket"]
            .sudo()
            ._read_group(
                [("site_id", "=", self.id), ("day", "=", china_today()), ("state", "=", "waiting")],
                ["service_id"],
                ["__count"],
            )
        )
        return {service.id: count for service, count in groups}

    def _queue_services_data(self):
        """The active service kinds with their waiting count (kiosk buttons, screen summary)."""
        self.ensure_one()
        waiting = self._queue_waiting()
        services = self.sudo().queue_service_ids.filtered("active").sorted(lambda s: (s.sequence, s.prefix))
        return [
            {
                "id": service.id,
                "prefix": service.prefix,
                "name": service.name,
                "description": service.description or "",
                "waiting": waiting.get(service.id, 0),
            }
            for service in services
        ]

    def _queue_screen_data(self):
        """Everything the hall's screen shows (see the module docstring for what may be shown)."""
        self.ensure_one()
        site = self.sudo()
        now = fields.Datetime.now()
        windows = site.window_ids.filtered("is_open")
        duty = windows._get_on_duty_map(now)
        notices = self.env["gov.whereabouts"]._public_notices(site, now)
        window_rows = []
        for window in windows:
            employee, state, _label = duty[window.id]
            window_rows.append(
                {
                    "code": window.code,
                    "name": window.name,
                    "state": state,
                    "person": employee.name if employee else "",
                    "badge": employee.gov_badge if employee else "",
                }
            )
        return {
            "site_name": site.name,
            "calls": site._queue_calls(),
            "services": site._queue_services_data(),
            "windows": window_rows,
            "notices": [
                {
                    "person": notice.employee_id.name,
                    "badge": notice.employee_id.gov_badge or "",
                    "window": notice.window_id.code or "",
                    "reason": notice.reason or "",
                    "back": notice.expected_return,
                    "contact": notice.contact or "",
                }
                for notice in notices
            ],
            "rules": [
                (field, site._fields[field].get_description(self.env)["string"], site[field])
                for field in ("hall_rules", "service_commitment", "window_rules")
                if not is_html_empty(site[field])
            ],
            "items": [line.item_id.name for line in site._public_item_lines()],
            "satisfaction": site._screen_satisfaction(),
        }

    # ------------------------------------------------------------------ demo
    @api.model
    def _demo_hall_texts(self):
        """Demo data: the district's model texts of the three hall rules on every centre without its own."""
        texts = {
            "hall_rules": "<ul><li>首问负责：第一位接待您的工作人员负责答复或引导到位。</li>"
            "<li>一次性告知：材料不全的，一次性书面告知需补正的全部材料。</li>"
            "<li>限时办结：按承诺时限办结，节假日不计入办理时限。</li>"
            "<li>文明服务：统一着装、挂牌上岗，使用普通话和文明用语。</li></ul>",
            "service_commitment": "<ul><li>即办件当场办结，承诺件在承诺时限内办结。</li>"
            "<li>老年人、残疾人、孕妇、军人军属走绿色通道，优先办理。</li>"
            "<li>工作日延时服务、周六上午值班、周日预约办理。</li>"
            "<li>办不成事可到“办不成事”反映窗口，当天登记、限时答复。</li></ul>",
            "window_rules": "<ul><li>AB岗互为补位，窗口不空岗。</li>"
            "<li>离岗须留言去向和返回时间。</li>"
            "<li>窗口无否决权：不予受理须书面说明理由。</li>"
            "<li>服务结束请对本次服务作出评价。</li></ul>",
        }
        centres = self.search([("is_centre", "=", True)])
        for field, text in texts.items():
            centres.filtered(lambda site, f=field: is_html_empty(site[f])).with_context(lang="zh_CN").write(
                {field: text}
            )
