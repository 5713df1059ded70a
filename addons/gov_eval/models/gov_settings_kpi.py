from odoo import api, fields, models

from .kpi_figures import TARGETS

# field: (system parameter, default, smallest value, largest value)
KPI_PARAMS = {f"target_{key}": (param, default, 0.0, 100.0) for key, (param, default) in TARGETS.items()}


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    _inherit = "gov.settings"

    target_one_window = fields.Float(
        string="One-window Share Target (%)",
        help="Share of the cases accepted at a comprehensive window (综合窗口事项通办比例; the plan: 100%).",
    )
    target_on_time = fields.Float(string="On-time Rate Target (%)", help="Cases decided within the promised limit.")
    target_satisfaction = fields.Float(
        string="Satisfaction Target (%)", help="Ratings 1–3 among the counted ratings (the plan: at least 95%)."
    )
    target_rectification = fields.Float(
        string="Rectification Rate Target (%)", help="Bad reviews whose rectification is closed (100%)."
    )

    @api.model
    def _gov_number_params(self):
        return {**super()._gov_number_params(), **KPI_PARAMS}
