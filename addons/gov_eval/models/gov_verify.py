from odoo import api, models


class GovVerify(models.AbstractModel):
    _inherit = "gov.verify"

    @api.model
    def _verify_models(self):
        """Results of cases (证照、批文) first: most numbers looked up are theirs."""
        return ["gov.case", *super()._verify_models()]
