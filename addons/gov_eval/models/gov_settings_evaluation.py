from odoo import api, fields, models

from .gov_rectification import (
    CALLBACK_DAYS_DEFAULT,
    CALLBACK_DAYS_PARAM,
    ESCALATE_DAYS_DEFAULT,
    ESCALATE_DAYS_PARAM,
    RECTIFY_DAYS_DEFAULT,
    RECTIFY_DAYS_PARAM,
)

# field: (system parameter, default, smallest value)
EVALUATION_PARAMS = {
    "rectification_callback_days": (CALLBACK_DAYS_PARAM, CALLBACK_DAYS_DEFAULT, 0),
    "rectification_days": (RECTIFY_DAYS_PARAM, RECTIFY_DAYS_DEFAULT, 1),
    "rectification_escalate_days": (ESCALATE_DAYS_PARAM, ESCALATE_DAYS_DEFAULT, 0),
}


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    _inherit = "gov.settings"

    rectification_callback_days = fields.Integer(
        string="Call Back a Bad Review within (working days)",
        help="A real-name bad review is called back within this many working days.",
    )
    rectification_days = fields.Integer(
        string="Rectify a Bad Review within (working days)",
        help="A valid bad review is rectified and answered within this many working days of the review.",
    )
    rectification_escalate_days = fields.Integer(
        string="Escalate to the District after (working days)",
        help="An overdue step goes to the centre's manager at once, and to the district this many working days later.",
    )

    @api.model
    def _gov_number_params(self):
        return {**super()._gov_number_params(), **EVALUATION_PARAMS}
