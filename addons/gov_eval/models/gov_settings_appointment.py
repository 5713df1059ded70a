from odoo import api, fields, models

from .gov_appointment import (
    CANCEL_HOURS_DEFAULT,
    CANCEL_HOURS_PARAM,
    HORIZON_DEFAULT,
    HORIZON_PARAM,
    LEAD_DEFAULT,
    LEAD_PARAM,
)

# field: (system parameter, default, smallest value)
APPOINTMENT_PARAMS = {
    "appointment_cancel_hours": (CANCEL_HOURS_PARAM, CANCEL_HOURS_DEFAULT, 0),
    "appointment_horizon_days": (HORIZON_PARAM, HORIZON_DEFAULT, 1),
    "appointment_lead_minutes": (LEAD_PARAM, LEAD_DEFAULT, 0),
}


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    _inherit = "gov.settings"

    appointment_cancel_hours = fields.Integer(
        string="Online Cancellation up to (hours before)",
        help="Citizens can cancel their appointment online until this many hours before it starts; "
        "the site's staff can cancel at any time.",
    )
    appointment_horizon_days = fields.Integer(
        string="Booking Horizon (days)", help="How many days ahead citizens can book an appointment."
    )
    appointment_lead_minutes = fields.Integer(
        string="Booking Lead Time (minutes)",
        help="A slot of today can be booked until this many minutes before it starts.",
    )

    @api.model
    def _gov_number_params(self):
        return {**super()._gov_number_params(), **APPOINTMENT_PARAMS}
