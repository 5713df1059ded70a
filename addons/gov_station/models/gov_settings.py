from odoo import api, fields, models
from odoo.tools import html_sanitize

AGENCY_RULES_PARAM = "gov_station.agency_rules"


class GovSettings(models.TransientModel):  # pylint: disable=no-wizard-in-models  # settings live in models/, as Odoo's res.config.settings do
    _inherit = "gov.settings"

    agency_rules = fields.Html(
        string="帮办代办 Rules",
        help="The district's rules for the agent service (帮办代办制度), shown on the public 帮办代办 pages and "
        "the hall posters of every site; a site may add its own.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "agency_rules" in fields_list:
            values["agency_rules"] = self._agency_rules()
        return values

    def action_save(self):
        self.ensure_one()
        # The field is sanitized on write; the parameter keeps that sanitized value.
        self.env["ir.config_parameter"].sudo().set_param(AGENCY_RULES_PARAM, self.agency_rules or "")
        return super().action_save()

    @api.model
    def _agency_rules(self):
        """The district's 帮办代办 rules (sanitized HTML, empty string when none)."""
        value = self.env["ir.config_parameter"].sudo().get_param(AGENCY_RULES_PARAM) or ""
        return html_sanitize(value) if value else ""
