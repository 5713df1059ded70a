from odoo import api, models

from ..models.gov_xlsx_report import XlsxColumn as Col


class SiteRectificationXlsx(models.AbstractModel):
    """Rectification items (整改台账), one row per item."""

    _name = "report.gov_center.site_rectification_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Rectification Items Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Rectification Items")

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        states = dict(self.env["gov.site.rectification"]._fields["state"]._description_selection(self.env))
        return [
            Col(self.env._("Site"), 30, lambda r: r.site_id.name),
            Col(self.env._("Township / Street"), 14, lambda r: r.township_id.name),
            Col(self.env._("Requirement"), 50, lambda r: r.requirement_id.display_name, "wrap"),
            Col(self.env._("Inspection Date"), 12, lambda r: r.inspection_id.date, "date"),
            Col(self.env._("Finding"), 30, lambda r: r.finding, "wrap"),
            Col(self.env._("Rectify By"), 12, lambda r: r.deadline, "date"),
            Col(self.env._("Person in Charge"), 14, lambda r: r.user_id.name),
            Col(self.env._("Status"), 12, lambda r: states.get(r.state)),
            Col(self.env._("Overdue"), 8, lambda r: r.is_overdue, "bool"),
            Col(self.env._("Evidence Note"), 40, lambda r: r.evidence_note, "wrap"),
            Col(self.env._("Evidence Files"), 8, lambda r: len(r.attachment_ids), "int"),
            Col(self.env._("Verified On"), 12, lambda r: r.verified_on, "date"),
        ]
