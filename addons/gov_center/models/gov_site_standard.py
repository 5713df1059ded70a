from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gov_site import TIER_RANK, TIERS


class GovSiteStandard(models.Model):
    """Construction standard of one tier for one kind of site (e.g. 标准型便民服务中心).

    Data the district administrator edits; seeded from section 二 of the annex.
    Tiers are cumulative: a higher tier includes the requirements of the lower ones.
    """

    _name = "gov.site.standard"
    _description = "Construction Standard"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    _order = "kind, tier_rank"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(selection="_selection_kind", string="Site Kind", required=True, index=True)
    tier = fields.Selection(TIERS, required=True, index=True)
    tier_rank = fields.Integer(compute="_compute_tier_rank", store=True)
    min_area = fields.Float(string="Minimum Floor Area (m²)", tracking=True)
    requirement_ids = fields.One2many("gov.site.requirement", "standard_id", string="Requirements")
    requirement_count = fields.Integer(compute="_compute_requirement_count")
    description = fields.Text(help="Source of the standard, e.g. the section of the annex.")
    active = fields.Boolean(default=True)

    _kind_tier_unique = models.Constraint("UNIQUE(kind, tier)", "There is one standard per site kind and tier.")
    _min_area_positive = models.Constraint("CHECK(min_area >= 0)", "The minimum floor area cannot be negative.")

    @api.model
    def _selection_kind(self):
        return self.env["gov.site"]._fields["kind"]._description_selection(self.env)

    @api.depends("tier")
    def _compute_tier_rank(self):
        for standard in self:
            standard.tier_rank = TIER_RANK.get(standard.tier, 0)

    def _compute_requirement_count(self):
        counts = dict(
            self.env["gov.site.requirement"]._read_group([("standard_id", "in", self.ids)], ["standard_id"], ["__count"])
        )
        for standard in self:
            standard.requirement_count = counts.get(standard, 0)

    @api.model
    def _standards_by_kind(self):
        """Active standards grouped by site kind, lowest tier first (one query for a batch of sites)."""
        result = {}
        for standard in self.search([], order="kind, tier_rank"):  # pylint: disable=no-search-all  # a small table, read whole on purpose
            result.setdefault(standard.kind, []).append(standard)
        return result

    def _mandatory_requirement_ids(self):
        self.ensure_one()
        return {req.id for req in self.requirement_ids if req.mandatory}

    @api.constrains("kind", "tier")
    def _check_basic_kind(self):
        for standard in self:
            if standard.tier == "basic" and standard.kind in ("district_centre", "township_centre"):
                raise ValidationError(self.env._("Centres have no basic tier: the basic tier is for stations in remote pastoral areas."))

    def _recompute_sites(self):
        kinds = set(self.mapped("kind"))
        sites = self.env["gov.site"].with_context(active_test=False).search([("kind", "in", list(kinds))])
        site_fields = self.env["gov.site"]._fields
        for fname in ("achieved_tier", "tier_rank", "gap_requirement_ids", "gap_area", "gap_count", "target_reached"):
            self.env.add_to_compute(site_fields[fname], sites)

    @api.model_create_multi
    def create(self, vals_list):
        standards = super().create(vals_list)
        standards._recompute_sites()
        return standards

    def write(self, vals):
        kinds = set(self.mapped("kind"))
        res = super().write(vals)
        if {"min_area", "kind", "tier", "active"} & set(vals):
            (self | self.search([("kind", "in", list(kinds))]))._recompute_sites()
        return res

    def action_view_requirements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_site_requirement")
        action.update(domain=[("standard_id", "=", self.id)], context={"default_standard_id": self.id})
        return action
