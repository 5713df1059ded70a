from odoo import fields, models


class GovItemSpecialProcedure(models.Model):
    _name = "gov.item.special.procedure"
    _description = "Special Procedure"
    _inherit = ["gov.item.locked.line"]
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.item", string="Service Item", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    type_id = fields.Many2one("gov.item.special.procedure.type", string="Procedure", required=True)
    days = fields.Integer(
        string="Time Limit (days)", help="Time the procedure may take; it is not counted in the item's time limit."
    )
    note = fields.Char()
