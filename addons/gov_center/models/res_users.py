from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    gov_site_ids = fields.Many2many(
        "gov.site",
        "gov_site_res_users_rel",
        "user_id",
        "site_id",
        string="Service Sites",
        help="Sites this user works at. Record rules give clerks their own sites and managers "
        "their centres with the stations below them.",
    )
