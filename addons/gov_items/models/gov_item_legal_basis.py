from odoo import fields, models


class GovItemLegalBasis(models.Model):
    """Legal basis (设定依据 / 实施依据) of an item: law, article and text."""

    _name = "gov.item.legal.basis"
    _description = "Legal Basis"
    _inherit = ["gov.item.locked.line"]
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.item", string="Service Item", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    law = fields.Char(string="Law or Regulation", required=True)
    article = fields.Char(help="Article number, e.g. 第十条.")
    text = fields.Text(string="Provision Text")
