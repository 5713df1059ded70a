"""The reasons a citizen gives for a bad review (差评原因), kept as data the district may edit.

Rated 不满意 or 非常不满意, a service needs at least one reason (国办发〔2019〕51号): the list below
is loaded from ``data/gov_evaluation_data.xml`` and follows the national platform's categories.
"""

from odoo import fields, models


class GovEvaluationReason(models.Model):
    _name = "gov.evaluation.reason"
    _description = "Bad Review Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Code of the category in the district's exchange with the platform.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    scope = fields.Selection(
        [("all", "Hall and Online"), ("hall", "Hall"), ("online", "Online")],
        required=True,
        default="all",
        help="Where the reason is offered: at the hall (window, device, QR) or for online services.",
    )
    needs_comment = fields.Boolean(
        string="Needs a Comment", help="The citizen must say more in the comment (e.g. 'Other')."
    )

    _code_unique = models.Constraint("UNIQUE(code)", "Each reason has its own code.")
