from odoo import api, models


class GovVerify(models.AbstractModel):
    _inherit = "gov.verify"

    @api.model
    def _verify_models(self):
        """Training certificates (培训证书) too."""
        return [*super()._verify_models(), "gov.training.attendance"]
