from odoo import fields, models


class GovItemStep(models.Model):
    """A step of the handling process (办理流程); with an illustration for the 图例版 guide."""

    _name = "gov.item.step"
    _description = "Process Step"
    _inherit = ["gov.item.locked.line"]

    name = fields.Char(string="Step", required=True)
    description = fields.Text()
    actor = fields.Char(string="Handled By", help="Who performs the step: applicant, window, back office …")
    days = fields.Integer(string="Working Days", help="Working days the step may take (0 = on the spot).")
    image = fields.Image(string="Illustration", max_width=1024, max_height=1024, help="Picture for the 图例版 guide.")
