from odoo import fields, models


class GovItemSpecialProcedure(models.Model):
    _name = "gov.item.special.procedure"
    _description = "Special Procedure"
    _inherit = ["gov.item.locked.line"]

    type_id = fields.Many2one("gov.item.special.procedure.type", string="Procedure", required=True)
    days = fields.Integer(
        string="Time Limit (days)", help="Time the procedure may take; it is not counted in the item's time limit."
    )
    note = fields.Char()
