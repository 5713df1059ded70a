from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..controllers.main import DEFAULT_LIMIT, LIMIT_PARAM
from .gov_case_leg import LATE_DEFAULT, LATE_PARAM


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    """The module's settings are numbers kept as system parameters (whole numbers, or decimals for a
    Float field such as a target): each part of the module adds its own to ``_gov_number_params``;
    reading and saving them is done here, once."""

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
    def _gov_number_params(self):
        """{field: (system parameter, default, smallest value[, largest value])}; extended by each part
        of the module."""
        return {
            "leg_late_days": (LATE_PARAM, LATE_DEFAULT, 1),
            "verify_rate_limit": (LIMIT_PARAM, DEFAULT_LIMIT, 1),
        }

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default, *_bounds) in self._gov_number_params().items():
            if name in fields_list:
                cast = float if self._fields[name].type == "float" else int
                try:
                    values[name] = cast(params.get_param(key) or default)
                except ValueError:
                    values[name] = default
        return values

    def action_save(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, _default, minimum, *maximum) in self._gov_number_params().items():
            if self[name] < minimum:
                raise ValidationError(
                    self.env._(
                        "%(setting)s must be at least %(minimum)s.",
                        setting=self._fields[name]._description_string(self.env),
                        minimum=minimum,
                    )
                )
            if maximum and self[name] > maximum[0]:
                raise ValidationError(
                    self.env._(
                        "%(setting)s must be at most %(maximum)s.",
                        setting=self._fields[name]._description_string(self.env),
                        maximum=f"{maximum[0]:g}",
                    )
                )
            params.set_param(key, str(self[name]))
        return super().action_save()
