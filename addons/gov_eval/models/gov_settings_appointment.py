from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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


class GovSettings(models.TransientModel):
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
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default, _minimum) in APPOINTMENT_PARAMS.items():
            if name in fields_list:
                try:
                    values[name] = int(params.get_param(key) or default)
                except ValueError:
                    values[name] = default
        return values

    def action_save(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, _default, minimum) in APPOINTMENT_PARAMS.items():
            if self[name] < minimum:
                raise ValidationError(
                    _(
                        "%(setting)s must be at least %(minimum)s.",
                        setting=self._fields[name]._description_string(self.env),
                        minimum=minimum,
                    )
                )
            params.set_param(key, str(self[name]))
        return super().action_save()
