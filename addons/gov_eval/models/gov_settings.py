from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..controllers.main import DEFAULT_LIMIT, LIMIT_PARAM
from .gov_case_leg import LATE_DEFAULT, LATE_PARAM

CASE_PARAMS = {
    "leg_late_days": (LATE_PARAM, LATE_DEFAULT),
    "verify_rate_limit": (LIMIT_PARAM, DEFAULT_LIMIT),
}


class GovSettings(models.TransientModel):
    _inherit = "gov.settings"

    leg_late_days = fields.Integer(
        string="Relay Leg Late After (working days)",
        help="A relay hand-over (帮办代办) not received after this many working days is flagged and its centre "
        "manager told.",
    )
    verify_rate_limit = fields.Integer(
        string="Result Verifications per Minute",
        help="How many lookups one address may make per minute on the public verification page (/gov/verify).",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default) in CASE_PARAMS.items():
            if name in fields_list:
                values[name] = int(params.get_param(key) or default)
        return values

    def action_save(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, _default) in CASE_PARAMS.items():
            if self[name] and self[name] < 1:
                raise ValidationError(
                    _("%(setting)s must be at least 1.", setting=self._fields[name]._description_string(self.env))
                )
            if self[name]:
                params.set_param(key, str(self[name]))
        return super().action_save()
