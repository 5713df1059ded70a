"""The published results of the evaluations (评价结果公开): /gov/evaluations.

Per public site, for the current month and the year so far: the counted evaluations, the
satisfaction rate (levels 1–3 of the counted), the bad reviews and how many of their
rectifications are closed. Reviews taken out by an upheld appeal are not counted (``in_kpi``).
A constant number of grouped queries, whatever the number of sites and evaluations.
"""

from odoo import models


class GovSite(models.Model):
    _inherit = "gov.site"

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
