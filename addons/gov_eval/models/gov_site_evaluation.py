"""Satisfaction of a site from its evaluations: the hall screen's figure, the site form's counts."""

from datetime import timedelta

from odoo import models
from odoo.addons.gov_staff.models.gov_service_slot import china_today

# The hall screen shows the satisfaction of the last 30 days.
SCREEN_DAYS = 30


class GovSite(models.Model):
    _inherit = "gov.site"

    def _satisfaction(self, date_from, date_to=None):
        """{site id: (counted evaluations, satisfied)} of ``self`` rated from ``date_from`` (and up
        to ``date_to``): levels 1–3 are satisfied; reviews taken out by an upheld appeal do not count.
        One grouped query."""
        domain = [("site_id", "in", self.ids), ("in_kpi", "=", True), ("rated_on", ">=", date_from)]
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
