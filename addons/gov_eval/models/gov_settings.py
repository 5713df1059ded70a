from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..controllers.main import DEFAULT_LIMIT, LIMIT_PARAM
from .gov_appointment import (
    CANCEL_HOURS_DEFAULT,
    CANCEL_HOURS_PARAM,
    HORIZON_DEFAULT,
    HORIZON_PARAM,
    LEAD_DEFAULT,
    LEAD_PARAM,
)
from .gov_appraisal import BASIC_MIN, COMPETENT_MIN, EXCELLENT_MIN, EXCELLENT_SHARE
from .gov_case_leg import LATE_DEFAULT, LATE_PARAM
from .gov_complaint import (
    COMPLAINT_DAYS_DEFAULT,
    COMPLAINT_DAYS_PARAM,
    FEEDBACK_LIMIT_DEFAULT,
    FEEDBACK_LIMIT_PARAM,
    UNRESOLVED_DAYS_DEFAULT,
    UNRESOLVED_DAYS_PARAM,
)
from .gov_rectification import (
    CALLBACK_DAYS_DEFAULT,
    CALLBACK_DAYS_PARAM,
    ESCALATE_DAYS_DEFAULT,
    ESCALATE_DAYS_PARAM,
    RECTIFY_DAYS_DEFAULT,
    RECTIFY_DAYS_PARAM,
)
from .kpi_figures import TARGETS

# field: (system parameter, default, smallest value)
APPOINTMENT_PARAMS = {
    "appointment_cancel_hours": (CANCEL_HOURS_PARAM, CANCEL_HOURS_DEFAULT, 0),
    "appointment_horizon_days": (HORIZON_PARAM, HORIZON_DEFAULT, 1),
    "appointment_lead_minutes": (LEAD_PARAM, LEAD_DEFAULT, 0),
}

# field: (system parameter, default, smallest value)
EVALUATION_PARAMS = {
    "rectification_callback_days": (CALLBACK_DAYS_PARAM, CALLBACK_DAYS_DEFAULT, 0),
    "rectification_days": (RECTIFY_DAYS_PARAM, RECTIFY_DAYS_DEFAULT, 1),
    "rectification_escalate_days": (ESCALATE_DAYS_PARAM, ESCALATE_DAYS_DEFAULT, 0),
}

# field: (system parameter, default, smallest value)
COMPLAINT_PARAMS = {
    "complaint_days": (COMPLAINT_DAYS_PARAM, COMPLAINT_DAYS_DEFAULT, 1),
    "unresolved_days": (UNRESOLVED_DAYS_PARAM, UNRESOLVED_DAYS_DEFAULT, 1),
    "feedback_rate_limit": (FEEDBACK_LIMIT_PARAM, FEEDBACK_LIMIT_DEFAULT, 1),
}

# field: (system parameter, default, smallest value, largest value)
KPI_PARAMS = {f"target_{key}": (param, default, 0.0, 100.0) for key, (param, default) in TARGETS.items()}

# field: (system parameter, default, smallest value, largest value)
APPRAISAL_PARAMS = {
    "appraisal_excellent_share": (*EXCELLENT_SHARE, 0.0, 100.0),
    "appraisal_excellent_min": (*EXCELLENT_MIN, 0.0, 100.0),
    "appraisal_competent_min": (*COMPETENT_MIN, 0.0, 100.0),
    "appraisal_basic_min": (*BASIC_MIN, 0.0, 100.0),
}


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
        """{field: (system parameter, default, smallest value[, largest value])} of every part of the
        module."""
        return {
            "leg_late_days": (LATE_PARAM, LATE_DEFAULT, 1),
            "verify_rate_limit": (LIMIT_PARAM, DEFAULT_LIMIT, 1),
            **APPOINTMENT_PARAMS,
            **EVALUATION_PARAMS,
            **COMPLAINT_PARAMS,
            **KPI_PARAMS,
            **APPRAISAL_PARAMS,
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

    # ------------------------------------------------------------------ appointment

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


    # ------------------------------------------------------------------ evaluation

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


    # ------------------------------------------------------------------ complaint

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


    # ------------------------------------------------------------------ kpi

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


    # ------------------------------------------------------------------ appraisal

    appraisal_excellent_share = fields.Float(
        string="优秀 at Most (% of the People)",
        help="The share of the people appraised by a centre who may be graded 优秀 (civil-service rule: usually 20%).",
    )

    appraisal_excellent_min = fields.Float(string="优秀 from (points)", help="Lowest total for 优秀 (within the share).")

    appraisal_competent_min = fields.Float(string="称职 from (points)", help="Lowest total for 称职.")

    appraisal_basic_min = fields.Float(
        string="基本称职 from (points)", help="Lowest total for 基本称职; below it the grade is 不称职."
    )


    @api.constrains("appraisal_basic_min", "appraisal_competent_min", "appraisal_excellent_min")
    def _check_appraisal_thresholds(self):
        for settings in self:
            if not settings.appraisal_basic_min <= settings.appraisal_competent_min <= settings.appraisal_excellent_min:
                raise ValidationError(
                    self.env._("The grade thresholds must rise: 基本称职 ≤ 称职 ≤ 优秀. Change the points so that they do.")
                )
