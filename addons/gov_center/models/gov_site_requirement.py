from odoo import api, fields, models

REQUIREMENT_CATEGORIES = [
    ("premises", "Premises and Zones"),
    ("facility", "Facilities"),
    ("window", "Windows"),
    ("counter", "Counters and Equipment"),
    ("display", "Public Display"),
    ("signage", "Signage"),
    ("staff", "Staff and Rules"),
    ("smart", "Self-service and Smart Equipment"),
    ("network", "Network and Surveillance"),
    ("accessibility", "Accessibility and Elderly-friendly"),
]

# Facilities of a site that a requirement checks (设施): the site's flag of the same name is the
# result of the latest closed inspection for these requirements (gov.site._compute_facilities).
FACILITIES = [
    ("extranet", "E-Government Extranet"),
    ("video_surveillance", "Video Surveillance"),
    ("sign_plate", "Sign Plate"),
    ("road_sign", "Road Sign"),
]


class GovSiteRequirement(models.Model):
    """One checklist item of a construction standard (e.g. 设立综合受理窗口, 有投诉箱或意见簿)."""

    _name = "gov.site.requirement"
    _description = "Construction Requirement"
    _order = "standard_id, sequence, id"
    _inherit = ["gov.guard.mixin"]

    standard_id = fields.Many2one("gov.site.standard", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(related="standard_id.kind", store=True)
    tier = fields.Selection(related="standard_id.tier", store=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(help="Short reference, e.g. S-BY-3 for the third of the station's 八有.")
    name = fields.Char(string="Requirement", required=True)
    category = fields.Selection(REQUIREMENT_CATEGORIES, required=True, default="facility")
    mandatory = fields.Boolean(
        default=True, help="Mandatory requirements must all be met to reach the tier; others are recommended."
    )
    description = fields.Text(help="What the inspector checks.")
    facility = fields.Selection(
        FACILITIES,
        index=True,
        help="The facility of the site this requirement checks: the site's flag of that facility shows "
        "whether it was met at the latest closed inspection.",
    )
    active = fields.Boolean(default=True)

    def _compute_display_name(self):
        for req in self:
            req.display_name = f"[{req.code}] {req.name}" if req.code else req.name

    @api.model_create_multi
    def create(self, vals_list):
        requirements = super().create(vals_list)
        requirements.standard_id._recompute_sites()
        return requirements

    def write(self, vals):
        standards = self.standard_id
        res = super().write(vals)
        if {"mandatory", "active", "standard_id"} & set(vals):
            (standards | self.standard_id)._recompute_sites()
        return res

    def unlink(self):
        standards = self.standard_id
        res = super().unlink()
        standards._recompute_sites()
        return res
