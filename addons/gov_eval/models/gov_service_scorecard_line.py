"""One target of a monthly scorecard: the target, the month's figure, whether it was met and what
is deducted. Written by the scorecard's Recompute only (every field is the application's); the
reviewer may comment on a line while the scorecard is a draft."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .gov_service_contract_target import COMPARISONS, METRICS

RESULTS = [("met", "Met"), ("missed", "Missed"), ("no_data", "No Data")]


class GovServiceScorecardLine(models.Model):
    _name = "gov.service.scorecard.line"
    _description = "Scorecard Line"
    _inherit = ["gov.guard.mixin"]
    _order = "scorecard_id, sequence, id"

    scorecard_id = fields.Many2one(
        "gov.service.scorecard", required=True, index=True, ondelete="cascade", readonly=True
    )
    site_id = fields.Many2one(related="scorecard_id.site_id", store=True, index=True)
    currency_id = fields.Many2one(related="scorecard_id.currency_id")
    target_id = fields.Many2one(
        "gov.service.contract.target", string="Contract Target", readonly=True, ondelete="set null"
    )
    sequence = fields.Integer(readonly=True)
    metric = fields.Selection(METRICS, required=True, readonly=True)
    comparison = fields.Selection(COMPARISONS, readonly=True)
    target = fields.Float(readonly=True, digits=(16, 1))
    actual = fields.Float(readonly=True, digits=(16, 1), help="The month's figure (meaningless when there is no data).")
    result = fields.Selection(RESULTS, string="Outcome", readonly=True)
    shortfall = fields.Float(string="Points Short", readonly=True, digits=(16, 1))
    deduction = fields.Monetary(readonly=True)
    consecutive_miss = fields.Boolean(
        string="Missed Twice", readonly=True, help="Missed this month and in the previous month's scorecard."
    )
    note = fields.Char(compute="_compute_note", string="Remark")
    comment = fields.Char(string="Reviewer's Comment")

    @api.depends("result", "consecutive_miss")
    def _compute_note(self):
        for line in self:
            if line.result == "no_data":
                line.note = self.env._("No data: no facts this month; not a miss")
            elif line.consecutive_miss:
                line.note = self.env._("Missed two months running")
            else:
                line.note = False

    def _gov_locked_records(self):
        return self.filtered(lambda line: line.scorecard_id.state == "confirmed")

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        if not self.env.su and not self._gov_is_unlocked():
            raise AccessError(self.env._("Scorecard lines are made by Recompute on the scorecard."))
        return super().create(vals_list)
