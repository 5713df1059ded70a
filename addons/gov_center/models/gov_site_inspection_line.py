from odoo import api, fields, models

from .gov_site_inspection import RESULTS


class GovSiteInspectionLine(models.Model):
    _name = "gov.site.inspection.line"
    _description = "Inspection Checklist Item"
    _inherit = ["gov.guard.mixin"]
    _gov_state_field = "state"
    _gov_locked_states = ("done", "cancel")
    _order = "inspection_id, tier_rank, sequence, id"

    inspection_id = fields.Many2one("gov.site.inspection", required=True, index=True, ondelete="cascade")
    requirement_id = fields.Many2one("gov.site.requirement", required=True, ondelete="restrict")
    tier = fields.Selection(related="requirement_id.tier", store=True)
    tier_rank = fields.Integer(related="requirement_id.standard_id.tier_rank", store=True)
    sequence = fields.Integer(related="requirement_id.sequence", store=True)
    category = fields.Selection(related="requirement_id.category")
    mandatory = fields.Boolean(related="requirement_id.mandatory")
    result = fields.Selection(RESULTS)
    note = fields.Char()
    photo = fields.Image(string="Photo Evidence", max_width=1280, max_height=1280)
    deadline = fields.Date(string="Rectify By")
    state = fields.Selection(related="inspection_id.state")

    _requirement_unique = models.Constraint(
        "UNIQUE(inspection_id, requirement_id)", "A requirement appears once per inspection."
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._gov_check_created(self.env._("Only draft inspections can be changed; reset the inspection to draft first."))
        return lines

    @api.onchange("result")
    def _onchange_result(self):
        if self.result == "unmet" and not self.deadline and self.inspection_id.date:
            self.deadline = self.env["gov.holiday"].add_working_days(
                self.inspection_id.date, self.inspection_id._rectification_days()
            )
        elif self.result != "unmet":
            self.deadline = False
