from odoo import fields, models


class GovItemBundleMaterial(models.Model):
    _name = "gov.item.bundle.material"
    _description = "Merged Material of a Bundle"
    _order = "bundle_id, sequence, id"

    bundle_id = fields.Many2one("gov.item.bundle", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Material", required=True)
    form = fields.Selection(
        [("original", "Original"), ("copy", "Copy"), ("both", "Original and copy")], string="Original or Copy"
    )
    copies = fields.Integer(default=1)
    requirement = fields.Selection([("required", "Required"), ("conditional", "Conditional")])
    condition = fields.Char()
    source = fields.Selection([("applicant", "Applicant's own"), ("department", "Issued by a department")])
    item_ids = fields.Many2many("gov.item", string="Needed For")
