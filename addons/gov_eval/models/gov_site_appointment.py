from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovSite(models.Model):
    _inherit = "gov.site"

    appointment_slot_minutes = fields.Integer(
        string="Appointment Slot (minutes)",
        default=30,
        help="Length of one bookable appointment slot; the service periods are cut into slots of this length.",
    )
    appointment_per_window = fields.Integer(
        string="Appointments per Window and Slot",
        default=2,
        help="How many citizens one window on duty takes by appointment in one slot; 0 takes no appointment.",
    )

    @api.constrains("appointment_slot_minutes", "appointment_per_window")
    def _check_appointment_settings(self):
        for site in self:
            if not 5 <= site.appointment_slot_minutes <= 240:
                raise ValidationError(
                    self.env._("%(site)s: an appointment slot lasts between 5 and 240 minutes.", site=site.name)
                )
            if not 0 <= site.appointment_per_window <= 50:
                raise ValidationError(
                    self.env._(
                        "%(site)s: a window takes between 0 and 50 appointments per slot.",
                        site=site.name,
                    )
                )
