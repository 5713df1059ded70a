from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gov_appraisal import BASIC_MIN, COMPETENT_MIN, EXCELLENT_MIN, EXCELLENT_SHARE

# field: (system parameter, default, smallest value, largest value)
APPRAISAL_PARAMS = {
    "appraisal_excellent_share": (*EXCELLENT_SHARE, 0.0, 100.0),
    "appraisal_excellent_min": (*EXCELLENT_MIN, 0.0, 100.0),
    "appraisal_competent_min": (*COMPETENT_MIN, 0.0, 100.0),
    "appraisal_basic_min": (*BASIC_MIN, 0.0, 100.0),
}


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    _inherit = "gov.settings"

    appraisal_excellent_share = fields.Float(
        string="优秀 at Most (% of the People)",
        help="The share of the people appraised by a centre who may be graded 优秀 (civil-service rule: usually 20%).",
    )
    appraisal_excellent_min = fields.Float(string="优秀 from (points)", help="Lowest total for 优秀 (within the share).")
    appraisal_competent_min = fields.Float(string="称职 from (points)", help="Lowest total for 称职.")
    appraisal_basic_min = fields.Float(
        string="基本称职 from (points)", help="Lowest total for 基本称职; below it the grade is 不称职."
    )

    @api.model
    def _gov_number_params(self):
        return {**super()._gov_number_params(), **APPRAISAL_PARAMS}

    @api.constrains("appraisal_basic_min", "appraisal_competent_min", "appraisal_excellent_min")
    def _check_appraisal_thresholds(self):
        for settings in self:
            if not settings.appraisal_basic_min <= settings.appraisal_competent_min <= settings.appraisal_excellent_min:
                raise ValidationError(
                    self.env._("The grade thresholds must rise: 基本称职 ≤ 称职 ≤ 优秀. Change the points so that they do.")
                )
