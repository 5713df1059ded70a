from odoo import fields, models


class GovSiteContact(models.Model):
    _name = "gov.site.contact"
    _description = "Site Contact"
    _order = "site_id, sequence, id"
    _inherit = ["gov.guard.mixin"]

    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Label", required=True, help="E.g. 咨询电话, 监督电话, 帮办代办电话.")
    phone = fields.Char(required=True)
    is_public = fields.Boolean(string="Public", default=True, help="Shown in the public site finder and the feed.")
