"""One person's result in a centre's appraisal, and the score of each criterion behind it."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gov_appraisal import ADJUSTMENT_LIMIT, GRADES


class GovAppraisalLine(models.Model):
    _name = "gov.appraisal.line"
    _description = "Staff Appraisal Result"
    _inherit = ["gov.guard.mixin"]
    _order = "appraisal_id, rank, id"
    _gov_locked_states = ("approved",)
    _rec_names_search = ["employee_id"]

    appraisal_id = fields.Many2one("gov.appraisal", required=True, readonly=True, index=True, ondelete="cascade")
    state = fields.Selection(related="appraisal_id.state", string="Appraisal Status")
    centre_id = fields.Many2one(related="appraisal_id.centre_id", store=True, index=True)
    year = fields.Integer(related="appraisal_id.year", store=True)
    quarter = fields.Selection(related="appraisal_id.quarter", store=True)
    employee_id = fields.Many2one("hr.employee", string="Staff", required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", compute="_compute_user", store=True, index=True, help="The person's own login."
    )
    badge = fields.Char(compute="_compute_user", store=True, string="Badge No.")
    score_ids = fields.One2many("gov.appraisal.score", "line_id", string="Scores")
    computed_total = fields.Float(
        compute="_compute_totals", store=True, digits=(5, 2), string="Score from the Criteria"
    )
    adjustment = fields.Float(
        digits=(5, 2),
        help=f"Points added or taken off by the manager (at most {ADJUSTMENT_LIMIT:g} either way), with the reason.",
    )
    adjustment_reason = fields.Text(string="Reason for the Adjustment")
    total = fields.Float(compute="_compute_totals", store=True, digits=(5, 2))
    rank = fields.Integer(readonly=True)
    grade = fields.Selection(GRADES, readonly=True, index=True)
    people_count = fields.Integer(related="appraisal_id.line_count", string="People Appraised")

    _person_unique = models.Constraint("UNIQUE(appraisal_id, employee_id)", "A person is appraised once per appraisal.")

    @api.depends("employee_id.user_id", "employee_id.gov_badge")
    def _compute_user(self):
        for line in self:
            employee = line.employee_id.sudo()
            line.user_id = employee.user_id
            line.badge = employee.gov_badge

    @api.depends("score_ids.score", "score_ids.manual_score", "adjustment")
    def _compute_totals(self):
        for line in self:
            computed = sum(line.score_ids.mapped("points"))
            line.computed_total = round(computed, 2)
            line.total = round(min(max(computed + line.adjustment, 0.0), 100.0), 2)

    @api.constrains("adjustment", "adjustment_reason")
    def _check_adjustment(self):
        for line in self:
            if abs(line.adjustment) > ADJUSTMENT_LIMIT:
                raise ValidationError(
                    self.env._(
                        "An adjustment moves a total by at most %(limit)s points: change the one of %(person)s.",
                        limit=f"{ADJUSTMENT_LIMIT:g}",
                        person=line.employee_id.name,
                    )
                )
            if line.adjustment and not (line.adjustment_reason or "").strip():
                raise ValidationError(
                    self.env._("Write the reason for the adjustment of %(person)s.", person=line.employee_id.name)
                )

    def write(self, vals):
        result = super().write(vals)
        if {"adjustment"} & set(vals):
            self.appraisal_id._assign_grades()
        return result

    def _score_of(self, method):
        return sum(self.score_ids.filtered(lambda s: s.method == method).mapped("points"))

    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.employee_id.name or ''} · {line.appraisal_id.name or ''}"

    def action_print(self):
        return self.env.ref("gov_eval.action_report_gov_appraisal_line").report_action(self)
