from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

from .gov_queue_ticket import AT_WINDOW_STATES

# 明进暗不进: an item listed at a centre with no case there for this many days.
IDLE_DAYS = 90

SCREEN_CALLS = 8  # numbers shown as "now calling" (the first one large)

# The hall screen shows the satisfaction of the last 30 days.
SCREEN_DAYS = 30

# The public page and the feed show each of the last 12 months (this one included).
PUBLIC_MONTHS = 12


class GovSite(models.Model):
    _inherit = "gov.site"

    def _service_centre(self):
        """The centre a site's work belongs to: a centre itself, a station (or outlet) the centre above it."""
        self.ensure_one()
        return self if self.is_centre or not self.parent_id else self.parent_id

    case_count = fields.Integer(compute="_compute_case_figures", string="Cases (12 months)")
    case_one_window_rate = fields.Float(
        compute="_compute_case_figures",
        string="One-window Acceptance (%)",
        help="一窗受理率: share of the cases accepted in the last twelve months at the site (and its stations) that "
        "came in through the comprehensive window.",
    )
    idle_item_count = fields.Integer(compute="_compute_idle_items", string="Items Without Cases")

    def _compute_case_figures(self):
        since = fields.Datetime.now() - timedelta(days=365)
        rows = (
            self.env["gov.case"]
            .sudo()
            ._read_group(
                [("centre_id", "in", self.ids), ("accepted_at", ">=", since)],
                ["centre_id", "is_comprehensive"],
                ["__count"],
            )
        )
        totals, comprehensive = {}, {}
        for centre, is_comprehensive, count in rows:
            totals[centre.id] = totals.get(centre.id, 0) + count
            if is_comprehensive:
                comprehensive[centre.id] = comprehensive.get(centre.id, 0) + count
        for site in self:
            total = totals.get(site.id, 0)
            site.case_count = total
            site.case_one_window_rate = 100.0 * comprehensive.get(site.id, 0) / total if total else 0.0

    def _compute_idle_items(self):
        lines = self.env["gov.item.site"].search([("site_id", "in", self.ids)])
        idle = lines.filtered("is_idle")
        for site in self:
            site.idle_item_count = len(idle.filtered(lambda line, s=site: line.site_id == s))

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_case")
        action.update(domain=[("centre_id", "=", self.id)], context={"default_site_id": self.id})
        return action

    # ------------------------------------------------------------------ queue

    # A site's hall: its queue's service kinds, the rules posted on the electronic screen, and the
    # screen's data (plan 二.7 and annex 二.三: 服务规范、服务承诺、窗口工作制度 shown on an e-screen).
    #
    # Everything the public screen and kiosk show comes from ``_queue_screen_data`` /
    # ``_queue_kiosk_data``: an allowlist of public values (ticket numbers, window numbers, the names and
    # badge numbers of the staff on duty as on the public window board), never a citizen's data. Their
    # cost does not depend on the number of tickets or cases.

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

    # ------------------------------------------------------------------ appointment

    appointment_slot_minutes = fields.Integer(
        string="Appointment Slot (minutes)",
        default=30,
        help="Length of one bookable appointment slot; the service periods are cut into slots of this length.",
    )

    appointment_per_window = fields.Integer(
        string="Appointments per Window and Slot",
        default=2,
        help="How many citizens one window on duty takes by appointment in one slot; 0 takes no appointment.",
    )

    @api.constrains("appointment_slot_minutes", "appointment_per_window")
    def _check_appointment_settings(self):
        for site in self:
            if not 5 <= site.appointment_slot_minutes <= 240:
                raise ValidationError(
                    self.env._("%(site)s: an appointment slot lasts between 5 and 240 minutes.", site=site.name)
                )
            if not 0 <= site.appointment_per_window <= 50:
                raise ValidationError(
                    self.env._(
                        "%(site)s: a window takes between 0 and 50 appointments per slot.",
                        site=site.name,
                    )
                )

    # ------------------------------------------------------------------ evaluation

    # Satisfaction of a site from its evaluations: the hall screen's figure, the site form's counts.

    satisfaction_rate = fields.Float(
        compute="_compute_evaluation_figures",
        string="Satisfaction This Year (%)",
        help="Ratings 1–3 among the counted evaluations of the year at this site (target ≥ 95%).",
    )

    evaluation_year_count = fields.Integer(compute="_compute_evaluation_figures", string="Evaluations This Year")

    rectification_open_count = fields.Integer(compute="_compute_evaluation_figures", string="Open Rectifications")

    def _compute_evaluation_figures(self):
        today = china_today()
        figures = self._satisfaction(today.replace(month=1, day=1))
        open_counts = dict(
            self.env["gov.rectification"]
            .sudo()
            ._read_group(
                [("site_id", "in", self.ids), ("state", "in", ("callback", "verify", "rectify", "feedback"))],
                ["site_id"],
                ["__count"],
            )
        )
        for site in self:
            total, good = figures.get(site.id, (0, 0))
            site.evaluation_year_count = total
            site.satisfaction_rate = 100.0 * good / total if total else 0.0
            site.rectification_open_count = open_counts.get(site, 0)

    def action_view_site_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_evaluation")
        action["domain"] = [("site_id", "=", self.id)]
        action["context"] = {"search_default_counted": 1, "search_default_rated_on": 1}
        return action

    def action_view_site_rectifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_rectification")
        action["domain"] = [("site_id", "=", self.id)]
        action["name"] = self.env._("Rectifications of %(site)s", site=self.name)
        return action

    def _satisfaction(self, date_from, date_to=None):
        """{site id: (counted evaluations, satisfied)} of ``self`` rated from ``date_from`` (and up
        to ``date_to``): levels 1–3 are satisfied; reviews taken out by an upheld appeal do not count.
        One grouped query."""
        domain = [("site_id", "in", self.filtered("id").ids), ("in_kpi", "=", True), ("rated_on", ">=", date_from)]
        if date_to:
            domain.append(("rated_on", "<=", date_to))
        result = {site.id: (0, 0) for site in self}
        groups = self.env["gov.evaluation"].sudo()._read_group(domain, ["site_id", "is_bad"], ["__count"])
        for site, is_bad, count in groups:
            total, good = result[site.id]
            result[site.id] = (total + count, good + (0 if is_bad else count))
        return result

    def _screen_satisfaction(self):
        """Satisfaction of the last month shown on the screen (好差评): a dict with ``rate`` (0-100) and
        ``count`` of the counted ratings, or None when there is none."""
        self.ensure_one()
        total, good = self._satisfaction(china_today() - timedelta(days=SCREEN_DAYS))[self.id]
        if not total:
            return None
        return {"rate": 100.0 * good / total, "count": total}

    def _monthly_satisfaction(self, months=PUBLIC_MONTHS):
        """{site id: [{"month": "YYYY-MM", "count", "satisfied", "rate"}, ...]} for the last ``months`` months,
        oldest first, this month included (a month without ratings has count 0 and rate None).
        Aggregates only; one grouped query for all of ``self``."""
        first = china_today().replace(day=1) - relativedelta(months=months - 1)
        keys = [(first + relativedelta(months=back)).strftime("%Y-%m") for back in range(months)]
        counts = {}
        groups = (
            self.env["gov.evaluation"]
            .sudo()
            ._read_group(
                [("site_id", "in", self.filtered("id").ids), ("in_kpi", "=", True), ("rated_on", ">=", first)],
                ["site_id", "rated_on:month", "is_bad"],
                ["__count"],
            )
        )
        for site, month, is_bad, count in groups:
            total, good = counts.get((site.id, month.strftime("%Y-%m")), (0, 0))
            counts[site.id, month.strftime("%Y-%m")] = (total + count, good + (0 if is_bad else count))
        result = {}
        for site in self:
            rows = []
            for key in keys:
                total, good = counts.get((site.id, key), (0, 0))
                rate = round(100.0 * good / total, 1) if total else None
                rows.append({"month": key, "count": total, "satisfied": good, "rate": rate})
            result[site.id] = rows
        return result

    def _public_data(self):
        """The sites' public data with the satisfaction of each of the last 12 months and of the
        12 months together (counts and rates, never a rating or a name)."""
        result = super()._public_data()
        if self.env.context.get("gov_public_cards"):
            return result  # the finder's cards show no satisfaction: not computed for them
        monthly = self._monthly_satisfaction()
        for row, site in zip(result, self, strict=True):
            months = monthly[site.id]
            total = sum(month["count"] for month in months)
            good = sum(month["satisfied"] for month in months)
            row["satisfaction"] = {
                "months": months,
                "count": total,
                "rate": round(100.0 * good / total, 1) if total else None,
            }
        self._add_public_outreach(result)
        return result

    # ------------------------------------------------------------------ public satisfaction

    # The published results of the evaluations (评价结果公开): /gov/evaluations.
    #
    # Per public site, for the current month and the year so far: the counted evaluations, the
    # satisfaction rate (levels 1–3 of the counted), the bad reviews and how many of their
    # rectifications are closed. Reviews taken out by an upheld appeal are not counted (``in_kpi``).
    # A constant number of grouped queries, whatever the number of sites and evaluations.

    def _published_evaluations(self, today):
        """Rows for the public page: one dict per public site with counted evaluations this year
        (``today``'s year), in the sites' order, and a district total as the last element."""
        year_start = today.replace(month=1, day=1)
        month_start = today.replace(day=1)
        Site = self.env["gov.site"].sudo()
        sites = Site.search(Site._public_site_domain({}))
        year = sites._satisfaction(year_start, today)
        month = sites._satisfaction(month_start, today)
        closed = {}
        for key, start in (("year", year_start), ("month", month_start)):
            groups = (
                self.env["gov.rectification"]
                .sudo()
                ._read_group(
                    [
                        ("site_id", "in", sites.ids),
                        ("state", "=", "closed"),
                        ("evaluation_id.in_kpi", "=", True),
                        ("evaluation_id.rated_on", ">=", start),
                        ("evaluation_id.rated_on", "<=", today),
                    ],
                    ["site_id"],
                    ["__count"],
                )
            )
            closed[key] = {site.id: count for site, count in groups}

        def figures(counted, satisfied, closed_count):
            return {
                "counted": counted,
                "rate": 100.0 * satisfied / counted if counted else None,
                "bad": counted - satisfied,
                "closed": closed_count,
            }

        rows = []
        for site in sites:
            if not year[site.id][0]:
                continue
            rows.append(
                {
                    "site": site.name,
                    "centre": site.parent_id.name if site.parent_id else "",
                    "month": figures(*month[site.id], closed["month"].get(site.id, 0)),
                    "year": figures(*year[site.id], closed["year"].get(site.id, 0)),
                }
            )
        total = {
            key: figures(
                sum(row[key]["counted"] for row in rows),
                sum(row[key]["counted"] - row[key]["bad"] for row in rows),
                sum(row[key]["closed"] for row in rows),
            )
            for key in ("month", "year")
        }
        return {"rows": rows, "total": total, "year": today.year, "month": today.month, "today": today}

    # ------------------------------------------------------------------ outreach services
    outreach_event_ids = fields.One2many("gov.outreach.event", "site_id", string="Outreach Services")

    def _add_public_outreach(self, result):
        """Add to the sites' public data their published, upcoming outreach services (厅外流动服务)."""
        upcoming = self.env["gov.outreach.event"]._public_upcoming(self)
        for row, site in zip(result, self, strict=True):
            row["outreach_events"] = upcoming.get(site.id, [])

    def _home_visit_items(self):
        """The published items a citizen may ask for at home from this site: the site's and its
        centre's (a station offers few items itself; the agent takes the centre's on the spot)."""
        self.ensure_one()
        return (self._public_item_lines() | self._service_centre()._public_item_lines()).item_id
