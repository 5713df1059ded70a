from odoo import fields, models


class GovItemLegalBasis(models.Model):
    """Legal basis (设定依据 / 实施依据) of an item: law, article and text."""

    _name = "gov.item.legal.basis"
    _description = "Legal Basis"
    _inherit = ["gov.item.locked.line"]

    law = fields.Char(string="Law or Regulation", required=True)
    article = fields.Char(help="Article number, e.g. 第十条.")
    text = fields.Text(string="Provision Text")
