"""An item offered at a site: its cases, and items not handled for a long time."""

from datetime import timedelta

from odoo import api, fields, models

from .gov_site import IDLE_DAYS


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
