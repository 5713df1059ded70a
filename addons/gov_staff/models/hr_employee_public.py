from odoo import fields, models


class HrEmployeePublic(models.Model):
    """The public profile carries where a person serves and their badge, nothing more of the suite:
    the other window staff fields are for the suite's roles and HR officers (field groups on
    hr.employee)."""

    _inherit = "hr.employee.public"

    gov_site_id = fields.Many2one("gov.site", string="Service Site", readonly=True)
    gov_badge = fields.Char(string="Badge No.", readonly=True)
