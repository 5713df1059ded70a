"""Satisfaction of a site from its evaluations: the hall screen's figure, the site form's counts."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today

# The hall screen shows the satisfaction of the last 30 days.
SCREEN_DAYS = 30
# The public page and the feed show each of the last 12 months (this one included).
PUBLIC_MONTHS = 12


class GovSite(models.Model):
    _inherit = "gov.site"

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
        return result
