from datetime import timedelta

from odoo import api, fields, models

# 明进暗不进: an item listed at a centre with no case there for this many days.
IDLE_DAYS = 90


class GovItemSite(models.Model):
    _inherit = "gov.item.site"

    last_case_date = fields.Date(
        compute="_compute_case_activity",
        string="Last Case",
        help="The last case of the item (any revision) taken at the site.",
    )
    is_idle = fields.Boolean(
        compute="_compute_case_activity",
        search="_search_is_idle",
        string="No Case in 90 Days",
        help="明进暗不进: listed at a centre, yet no case taken there in 90 days. Check the item is really handled "
        "at the centre and not sent back to the department.",
    )

    def _case_dates(self):
        """{(site_id, root item id): last case date} for the lines of ``self``, in one grouped query."""
        roots = {line.item_id.id: (line.item_id.origin_id or line.item_id).id for line in self}
        revisions = (
            self.env["gov.item"]
            .sudo()
            .with_context(active_test=False)
            .search(["|", ("id", "in", list(set(roots.values()))), ("origin_id", "in", list(set(roots.values())))])
        )
        root_of = {item.id: (item.origin_id or item).id for item in revisions}
        rows = (
            self.env["gov.case"]
            .sudo()
            ._read_group(
                [("site_id", "in", self.site_id.ids), ("item_id", "in", revisions.ids)],
                ["site_id", "item_id"],
                ["create_date:max"],
            )
        )
        dates = {}
        for site, item, last in rows:
            key = (site.id, root_of[item.id])
            dates[key] = max(dates.get(key, last.date()), last.date())
        return roots, dates

    @api.depends("site_id", "item_id")
    def _compute_case_activity(self):
        lines = self.filtered("id")
        roots, dates = lines._case_dates() if lines else ({}, {})
        limit = fields.Date.context_today(self) - timedelta(days=IDLE_DAYS)
        for line in self:
            last = dates.get((line.site_id.id, roots.get(line.item_id.id)))
            line.last_case_date = last or False
            line.is_idle = bool(
                line.id
                and line.active
                and line.site_id.is_centre
                and line.create_date
                and line.create_date.date() <= limit
                and (not last or last <= limit)
            )

    def _search_is_idle(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        lines = self.search([("site_id.is_centre", "=", True)])
        idle = lines.filtered("is_idle").ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", idle)]


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
