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
            Col(_("Site"), 30, lambda r: r.site_id.name),
            Col(_("Township / Street"), 14, lambda r: r.township_id.name),
            Col(_("Requirement"), 50, lambda r: r.requirement_id.display_name, "wrap"),
            Col(_("Inspection Date"), 12, lambda r: r.inspection_id.date, "date"),
            Col(_("Finding"), 30, lambda r: r.finding, "wrap"),
            Col(_("Rectify By"), 12, lambda r: r.deadline, "date"),
            Col(_("Person in Charge"), 14, lambda r: r.user_id.name),
            Col(_("Status"), 12, lambda r: states.get(r.state)),
            Col(_("Overdue"), 8, lambda r: r.is_overdue, "bool"),
            Col(_("Evidence Note"), 40, lambda r: r.evidence_note, "wrap"),
            Col(_("Evidence Files"), 8, lambda r: len(r.attachment_ids), "int"),
            Col(_("Verified On"), 12, lambda r: r.verified_on, "date"),
        ]
