from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gov_item_material import material_key

_FORM_RANK = {"original": 0, "copy": 0, "both": 1}


class GovItemBundle(models.Model):
    """A "one thing, one visit" bundle (一件事一次办): several items across departments,
    one merged material list without duplicates and one application form."""

    _name = "gov.item.bundle"
    _description = "One-thing Bundle"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True, help="e.g. 新生儿出生一件事.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()
    item_ids = fields.Many2many(
        "gov.item", "gov_item_bundle_rel", "bundle_id", "item_id", string="Items", tracking=True,
        domain="[('state', '!=', 'withdrawn')]",
    )
    department_ids = fields.Many2many(
        "gov.item.department", compute="_compute_summary", string="Departments"
    )
    lead_department_id = fields.Many2one("gov.item.department")
    form = fields.Binary(string="Application Form", attachment=True, help="The one merged application form.")
    form_name = fields.Char()
    material_ids = fields.One2many("gov.item.bundle.material", "bundle_id", string="Merged Materials", readonly=True)
    material_count = fields.Integer(compute="_compute_summary", string="Materials")
    source_material_count = fields.Integer(
        compute="_compute_summary", string="Materials Before Merging", help="Sum of the materials of the items."
    )
    promised_time_limit = fields.Integer(
        aggregator=None,
        compute="_compute_summary", help="Longest promised limit of the items."
    )

    @api.depends("item_ids.material_ids", "item_ids.promised_time_limit", "material_ids")
    def _compute_summary(self):
        for bundle in self:
            bundle.department_ids = bundle.item_ids.department_id
            bundle.material_count = len(bundle.material_ids)
            bundle.source_material_count = len(bundle.item_ids.material_ids)
            bundle.promised_time_limit = max(bundle.item_ids.mapped("promised_time_limit") or [0])

    @api.constrains("item_ids")
    def _check_items(self):
        for bundle in self:
            if len(bundle.item_ids) == 1:
                raise ValidationError(
                    self.env._("The bundle “%(bundle)s” needs at least two items to merge.", bundle=bundle.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        bundles = super().create(vals_list)
        bundles._merge_materials()
        return bundles

    def write(self, vals):
        res = super().write(vals)
        if "item_ids" in vals:
            self._merge_materials()
        return res

    def _merge_materials(self):
        """Rebuild the merged list: one line per distinct material (by normalised name),
        required if any item requires it, the most demanding form and copies."""
        Line = self.env["gov.item.bundle.material"]
        for bundle in self:
            bundle.material_ids.unlink()
            merged = {}
            for material in bundle.item_ids.material_ids.sorted(
                lambda m: (m.item_id.category_sequence, m.item_id.sequence, m.item_id.id, m.sequence)
            ):
                key = material_key(material.name)
                line = merged.get(key)
                if line is None:
                    merged[key] = {
                        "bundle_id": bundle.id,
                        "sequence": len(merged) + 1,
                        "name": material.name,
                        "form": material.form,
                        "copies": material.copies,
                        "requirement": material.requirement,
                        "condition": material.condition,
                        "source": material.source,
                        "item_ids": [material.item_id.id],
                    }
                    continue
                if _FORM_RANK[material.form] > _FORM_RANK[line["form"]] or material.form != line["form"]:
                    line["form"] = "both" if material.form != line["form"] else material.form
                line["copies"] = max(line["copies"], material.copies)
                if material.requirement == "required":
                    line["requirement"], line["condition"] = "required", False
                if material.item_id.id not in line["item_ids"]:
                    line["item_ids"].append(material.item_id.id)
            Line.create([dict(vals, item_ids=[(6, 0, vals["item_ids"])]) for vals in merged.values()])
        return True

    def action_merge_materials(self):
        return self._merge_materials()
