"""A service-level target of a centre operation contract and the deduction when it is missed.

Deduction of a missed month = fixed amount + amount per point of shortfall × points short, capped
(a cap of 0: no cap). A point is one percentage point for the rates, one minute for the waiting
time. A figure without facts in the month (no rating, no ticket...) is no miss: nothing is deducted.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

# metric: (label, comparison, default target). Waiting is at most the target, the rates at least.
METRICS = [
    ("satisfaction", "Satisfaction Rate (%)"),
    ("on_time", "On-time Rate (%)"),
    ("waiting", "Average Waiting (min)"),
    ("staffing", "Open Windows Staffed (%)"),
]
COMPARISONS = [("ge", "≥ (at least)"), ("le", "≤ (at most)")]
DEFAULT_COMPARISON = {"satisfaction": "ge", "on_time": "ge", "waiting": "le", "staffing": "ge"}


class GovServiceContractTarget(models.Model):
    _name = "gov.service.contract.target"
    _description = "Service-level Target"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one("gov.service.contract", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    site_id = fields.Many2one(related="contract_id.site_id", store=True, index=True)
    contract_state = fields.Selection(related="contract_id.state", string="Contract Status")
    currency_id = fields.Many2one(related="contract_id.currency_id")
    metric = fields.Selection(METRICS, required=True)
    comparison = fields.Selection(
        COMPARISONS, required=True, compute="_compute_comparison", store=True, readonly=False, precompute=True
    )
    target = fields.Float(
        required=True,
        compute="_compute_target",
        store=True,
        readonly=False,
        precompute=True,
        digits=(16, 1),
    )
    deduction_fixed = fields.Monetary(
        string="Deduction per Miss", help="Deducted once when the month misses the target."
    )
    deduction_per_point = fields.Monetary(
        string="Deduction per Point",
        help="Deducted per percentage point (per minute for the waiting time) the month falls short.",
    )
    deduction_cap = fields.Monetary(
        string="Cap", help="At most this much is deducted for the target in a month (0: no cap)."
    )

    _metric_unique = models.Constraint(
        "UNIQUE(contract_id, metric)", "A contract has one target per measure: edit the existing one."
    )
    _deductions_positive = models.Constraint(
        "CHECK(deduction_fixed >= 0 AND deduction_per_point >= 0 AND deduction_cap >= 0)",
        "Deductions and caps cannot be negative.",
    )

    @api.depends("metric")
    def _compute_comparison(self):
        for line in self:
            line.comparison = DEFAULT_COMPARISON.get(line.metric, "ge")

    @api.depends("metric")
    def _compute_target(self):
        targets = self.env["gov.kpi.fact"]._kpi_targets()
        defaults = {
            "satisfaction": targets["satisfaction"],
            "on_time": targets["on_time"],
            "waiting": 15.0,
            "staffing": 100.0,
        }
        for line in self:
            line.target = defaults.get(line.metric, 0.0)

    @api.depends("metric", "comparison", "target")
    def _compute_display_name(self):
        labels = dict(self._fields["metric"]._description_selection(self.env))
        for line in self:
            sign = "≥" if line.comparison == "ge" else "≤"
            line.display_name = f"{labels.get(line.metric, '')} {sign} {line.target:g}"

    # ------------------------------------------------------------------ deduction
    def _evaluate(self, actual):
        """(met, shortfall in points, deduction) of ``actual`` against this target; ``actual`` None:
        no data, (None, 0, 0)."""
        self.ensure_one()
        if actual is None:
            return None, 0.0, 0.0
        actual = round(actual, 1)
        shortfall = actual - self.target if self.comparison == "le" else self.target - actual
        shortfall = round(max(shortfall, 0.0), 1)
        if not shortfall:
            return True, 0.0, 0.0
        deduction = self.deduction_fixed + self.deduction_per_point * shortfall
        if self.deduction_cap:
            deduction = min(deduction, self.deduction_cap)
        return False, shortfall, self.currency_id.round(deduction)

    # ------------------------------------------------------------------ locks: the signed terms
    def _check_contract_draft(self, contracts):
        signed = contracts.filtered(lambda c: c.state != "draft")
        if signed:
            raise UserError(
                self.env._(
                    "The targets of %(contract)s are part of the signed contract and can no longer be changed: an "
                    "amendment is a new contract.",
                    contract=signed[0].number,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = self.env["gov.service.contract"].browse({vals.get("contract_id") for vals in vals_list})
        self._check_contract_draft(contracts.exists())
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        contracts = self.contract_id
        if vals.get("contract_id"):
            contracts |= self.env["gov.service.contract"].browse(vals["contract_id"])
        self._check_contract_draft(contracts)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self._check_contract_draft(self.contract_id)

    def _rule_text(self):
        """How a miss is deducted, in Chinese, as printed on the scorecard."""
        self.ensure_one()
        unit = "分钟" if self.metric == "waiting" else "个百分点"
        parts = []
        if self.deduction_fixed:
            parts.append(f"未达标扣{self.deduction_fixed:,.2f}元")
        if self.deduction_per_point:
            parts.append(f"每差1{unit}扣{self.deduction_per_point:,.2f}元")
        if self.deduction_cap:
            parts.append(f"最高扣{self.deduction_cap:,.2f}元")
        return "，".join(parts) or "不扣款"
