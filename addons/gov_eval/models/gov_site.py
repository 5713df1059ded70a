from datetime import timedelta

from odoo import fields, models

# 明进暗不进: an item listed at a centre with no case there for this many days.
IDLE_DAYS = 90


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
