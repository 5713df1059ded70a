from odoo import api, fields, models

# Which catalogue level a centre's must-enter check looks at.
CENTRE_LEVEL = {"district_centre": "district", "township_centre": "township"}
LIST_KINDS = ("all", "must_enter", "one_window", "agent")


class GovSite(models.Model):
    _inherit = "gov.site"

    item_line_ids = fields.One2many("gov.item.site", "site_id", string="Implemented Items")
    item_count = fields.Integer(compute="_compute_item_stats", string="Items")
    must_enter_missing_ids = fields.Many2many(
        "gov.item",
        compute="_compute_item_stats",
        string="Must-enter Items Missing",
        help="Published must-enter items (应进必进) of the centre's level that the centre does not list yet.",
    )
    must_enter_missing_count = fields.Integer(compute="_compute_item_stats", string="Must-enter Missing")
    comprehensive_rate = fields.Float(
        compute="_compute_item_stats",
        string="Comprehensive Window Share (%)",
        help="Share of the site's items taken at the comprehensive acceptance window (target 100%).",
    )
    avg_time_reduction_rate = fields.Float(
        compute="_compute_item_stats", string="Average Time Reduction (%)", help="减时限 against the legal limits."
    )
    materials_saved = fields.Integer(compute="_compute_item_stats", help="减材料 against the legal basis.")
    steps_saved = fields.Integer(compute="_compute_item_stats", help="减环节 against the statutory procedure.")

    @api.depends("item_line_ids.active", "item_line_ids.is_comprehensive", "kind")
    def _compute_item_stats(self):
        Item = self.env["gov.item"]
        must_enter_by_level = {}
        for site in self:
            lines = site.item_line_ids.filtered(lambda line: line.item_id.state == "published")
            items = lines.item_id
            site.item_count = len(lines)
            level = CENTRE_LEVEL.get(site.kind)
            if level:
                if level not in must_enter_by_level:
                    must_enter_by_level[level] = Item.search(
                        [("state", "=", "published"), ("must_enter", "=", True), ("service_level", "=", level)]
                    )
                site.must_enter_missing_ids = must_enter_by_level[level] - items
            else:
                site.must_enter_missing_ids = Item
            site.must_enter_missing_count = len(site.must_enter_missing_ids)
            site.comprehensive_rate = 100.0 * len(lines.filtered("is_comprehensive")) / len(lines) if lines else 0.0
            timed = items.filtered("legal_time_limit")
            site.avg_time_reduction_rate = (
                sum(timed.mapped("time_reduction_rate")) / len(timed) if timed else 0.0
            )
            site.materials_saved = sum(items.mapped("material_reduction"))
            site.steps_saved = sum(items.mapped("step_reduction"))

    def _public_site_domain(self, filters=None):
        """The site finder's "service" filter: sites whose list offers a matching published item."""
        domain = super()._public_site_domain(filters)
        service = ((filters or {}).get("service") or "").strip()
        if service:
            items = self.env["gov.item"].sudo()._search(self.env["gov.item"]._public_search_domain(service))
            domain.append(("item_line_ids", "any", [("active", "=", True), ("item_id", "in", items)]))
        return domain

    def _public_item_lines(self, kind="all"):
        """Active lines of published items for one of the public lists (公示清单)."""
        self.ensure_one()
        lines = self.item_line_ids.filtered(lambda line: line.active and line.item_id.state == "published")
        if kind == "must_enter":
            lines = lines.filtered("must_enter")
        elif kind == "one_window":
            lines = lines.filtered("one_window")
        elif kind == "agent":
            lines = lines.filtered("agent_service")
        return lines.sorted(lambda line: (line.category_sequence, line.sequence, line.item_id.basic_code or ""))

    def _booklet_title(self):
        """《XX便民服务指南》: the place's name without the kind of site."""
        self.ensure_one()
        name = self.name or ""
        for suffix in ("便民服务中心", "便民服务站", "政务服务中心", "便民服务点"):
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
                break
        return f"《{name}便民服务指南》"

    def _list_title(self, kind):
        titles = {
            "all": self.env._("Government Service Item List"),
            "must_enter": self.env._("Must-enter Item List"),
            "one_window": self.env._("One-window Comprehensive Acceptance List"),
            "agent": self.env._("Agent Service Item List"),
        }
        return titles[kind]

    def action_view_item_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_items.action_gov_item_site")
        action.update(domain=[("site_id", "=", self.id)], context={"default_site_id": self.id})
        return action

    def action_export_list_xlsx(self):
        self.ensure_one()
        kind = self.env.context.get("list_kind", "all")
        return {
            "type": "ir.actions.act_url",
            "url": f"/gov_items/site/{self.id}/list.xlsx?kind={kind if kind in LIST_KINDS else 'all'}",
            "target": "download",
        }

    def action_add_must_enter_items(self):
        """Enter every missing must-enter item at the centre, at its comprehensive window if it has one."""
        for site in self:
            window = site.window_ids.filtered(lambda w: w.window_type == "comprehensive" and w.is_open)[:1]
            self.env["gov.item.site"].create(
                [
                    {"site_id": site.id, "item_id": item.id, "window_id": window.id}
                    for item in site.must_enter_missing_ids
                ]
            )
        return True
