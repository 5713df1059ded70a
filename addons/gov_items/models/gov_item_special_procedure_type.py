from odoo import fields, models


class GovItemSpecialProcedureType(models.Model):
    """Special procedures (特别程序) whose time is not counted in the time limit."""

    _name = "gov.item.special.procedure.type"
    _description = "Special Procedure Type"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
