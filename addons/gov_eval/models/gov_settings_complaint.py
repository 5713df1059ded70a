from odoo import api, fields, models

from .gov_complaint import (
    COMPLAINT_DAYS_DEFAULT,
    COMPLAINT_DAYS_PARAM,
    FEEDBACK_LIMIT_DEFAULT,
    FEEDBACK_LIMIT_PARAM,
    UNRESOLVED_DAYS_DEFAULT,
    UNRESOLVED_DAYS_PARAM,
)

# field: (system parameter, default, smallest value)
COMPLAINT_PARAMS = {
    "complaint_days": (COMPLAINT_DAYS_PARAM, COMPLAINT_DAYS_DEFAULT, 1),
    "unresolved_days": (UNRESOLVED_DAYS_PARAM, UNRESOLVED_DAYS_DEFAULT, 1),
    "feedback_rate_limit": (FEEDBACK_LIMIT_PARAM, FEEDBACK_LIMIT_DEFAULT, 1),
}


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    _inherit = "gov.settings"

    complaint_days = fields.Integer(
        string="Complaint Answer Time Limit (working days)",
        help="Complaints and suggestions are answered within this many working days of their receipt; later, "
        "they are overdue and escalated to the district administrators.",
    )
    unresolved_days = fields.Integer(
        string="办不成事 Answer Time Limit (working days)",
        help="Reports of the 办不成事 window are answered within this many working days of their receipt.",
    )
    feedback_rate_limit = fields.Integer(
        string="Hall Feedback Forms per 10 Minutes",
        help="How many complaints or suggestions one address may send from a hall's QR form in 10 minutes.",
    )

    @api.model
    def _gov_number_params(self):
        return {**super()._gov_number_params(), **COMPLAINT_PARAMS}
