from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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


class GovSettings(models.TransientModel):
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
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default, _minimum) in COMPLAINT_PARAMS.items():
            if name in fields_list:
                try:
                    values[name] = int(params.get_param(key) or default)
                except ValueError:
                    values[name] = default
        return values

    def action_save(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, _default, minimum) in COMPLAINT_PARAMS.items():
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
