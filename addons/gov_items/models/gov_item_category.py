from odoo import api, fields, models


class GovItemCategory(models.Model):
    """One of the twelve categories of the district's plan (户籍管理 … 党务管理服务)."""

    _name = "gov.item.category"
    _description = "Service Item Category"
    _inherit = ["gov.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=False)
    code = fields.Char(help="Short code of the category, e.g. HJ for 户籍管理.")
    sequence = fields.Integer(default=10)
    description = fields.Text()
    active = fields.Boolean(default=True)
    item_ids = fields.One2many("gov.item", "category_id", string="Items")
    item_count = fields.Integer(compute="_compute_item_count", string="Published Items")

    _name_unique = models.Constraint("UNIQUE(name)", "Two categories cannot share a name.")

    @api.depends("item_ids.state")
    def _compute_item_count(self):
        counts = dict(
            self.env["gov.item"]._read_group(
                [("category_id", "in", self.ids), ("state", "=", "published")], ["category_id"], ["__count"]
            )
        )
        for category in self:
            category.item_count = counts.get(category, 0)
