from odoo import fields, models


class GovItemIntermediary(models.Model):
    """An intermediary service (中介服务) the applicant needs before or while applying for the item,
    e.g. a survey or an appraisal by a qualified body; printed in the guide where the item has one."""

    _name = "gov.item.intermediary"
    _description = "Intermediary Service"
    _inherit = ["gov.item.locked.line"]

    name = fields.Char(string="Intermediary Service", required=True, help="e.g. 房屋安全鉴定.")
    provider = fields.Char(
        help="Who may provide it, e.g. 具备相应资质的鉴定机构 (the applicant chooses the provider freely)."
    )
    legal_basis = fields.Char(help="The law or rule that sets the service as a requirement.")
    fee = fields.Char(help="e.g. 免费, 政府定价, 按市场价.")
    days = fields.Integer(string="Time Limit (working days)", help="Working days the service takes (0 = not fixed).")
