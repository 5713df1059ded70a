from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    gov_holiday_id = fields.Many2one(
        "gov.holiday",
        string="Statutory Holiday",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
        help="The day of China's working calendar this time off mirrors; it follows that day.",
    )
