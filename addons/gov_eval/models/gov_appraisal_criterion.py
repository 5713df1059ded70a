"""The criteria of the centre's yearly staff appraisal (窗口工作人员考核指标), with their weights.

The plan (四.三, 五): staff stationed at a centre are appraised by the centre (年度考核由便民服务中心
负责). The district sets the criteria once (data/gov_appraisal_data.xml gives the defaults); each
criterion is computed from the suite's figures by its method, except attendance and conduct,
which the centre's manager scores. The weights of the active criteria add up to 100 points.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

METHODS = [
    ("satisfaction", "Satisfaction of the Ratings"),
    ("on_time", "On-time Rate"),
    ("volume", "Cases Handled"),
    ("bad_reviews", "Bad Reviews Upheld"),
    ("complaints", "Complaints Upheld"),
    ("training", "Training Hours against the Plan"),
    ("manual", "Attendance and Conduct (scored by the manager)"),
]
# Methods that deduct points per event from the full weight.
DEDUCTING = ("bad_reviews", "complaints")
TOTAL_POINTS = 100.0


class GovAppraisalCriterion(models.Model):
    _name = "gov.appraisal.criterion"
    _description = "Appraisal Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    method = fields.Selection(
        METHODS,
        required=True,
        help="How the score is computed from the period's figures (the manager scores attendance and conduct).",
    )
    weight = fields.Float(string="Points", required=True, help="Full points of the criterion; the active ones add up to 100.")
    deduction = fields.Float(
        string="Points Deducted per Event",
        help="For bad reviews and complaints upheld: points taken off the full points for each one (never below 0).",
    )
    description = fields.Text(translate=True, help="How the criterion is scored, as the appraised person reads it.")

    _method_unique = models.UniqueIndex("(method) WHERE active", "Each way of scoring is used by one active criterion.")

    @api.constrains("weight", "deduction")
    def _check_points(self):
        for criterion in self:
            if criterion.weight <= 0 or criterion.weight > TOTAL_POINTS:
                raise ValidationError(
                    self.env._("The points of “%(criterion)s” must be above 0 and at most 100.", criterion=criterion.name)
                )
            if criterion.deduction < 0:
                raise ValidationError(
                    self.env._("The points deducted per event of “%(criterion)s” cannot be negative.", criterion=criterion.name)
                )

    @api.model
    def _active_criteria(self):
        """The active criteria, checked to add up to 100 points before an appraisal is computed."""
        criteria = self.sudo().search([])  # pylint: disable=no-search-all  # a small table, read whole on purpose
        total = sum(criteria.mapped("weight"))
        if not criteria or abs(total - TOTAL_POINTS) > 0.001:
            raise ValidationError(
                self.env._(
                    "The points of the active appraisal criteria add up to %(total)s, not 100: ask the district "
                    "administrator to adjust them in Configuration › Appraisal Criteria.",
                    total=f"{total:g}",
                )
            )
        return criteria
