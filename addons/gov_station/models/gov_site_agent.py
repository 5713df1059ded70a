from odoo import fields, models


class GovSiteAgent(models.Model):
    """Agent service staff of a station (帮办代办员): their names, duties and phones go on the
    station's service card (便民服务卡)."""

    _name = "gov.site.agent"
    _description = "Agent Service Staff"
    _order = "site_id, sequence, id"
    _inherit = ["gov.guard.mixin"]

    site_id = fields.Many2one("gov.site", string="Site", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    duty = fields.Char(required=True, help="E.g. 站长, 帮办代办员, 网格员.")
    phone = fields.Char(required=True)
    user_id = fields.Many2one("res.users", string="User")
    service_scope = fields.Char(help="Service area or items, e.g. 社保、医保、户籍代办.")
    active = fields.Boolean(default=True)
