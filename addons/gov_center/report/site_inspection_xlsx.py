from odoo import api, models

from ..models.gov_xlsx_report import XlsxColumn as Col


class SiteInspectionXlsx(models.AbstractModel):
    """Inspections with their results (检查记录): one row per inspection, and a second sheet with one
    row per unmet requirement."""

    _name = "report.gov_center.site_inspection_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Inspections Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Inspections")

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        Inspection = self.env["gov.site.inspection"]
        states = dict(Inspection._fields["state"]._description_selection(self.env))
        tiers = dict(Inspection._fields["certificate_tier"]._description_selection(self.env))
        return [
            Col(self.env._("Site"), 30, lambda i: i.site_id.name),
            Col(self.env._("Township / Street"), 14, lambda i: i.township_id.name),
            Col(self.env._("Date"), 12, lambda i: i.date, "date"),
            Col(self.env._("Inspector"), 14, lambda i: i.inspector_id.name),
            Col(self.env._("Status"), 10, lambda i: states.get(i.state)),
            Col(self.env._("Measured Floor Area (m²)"), 10, lambda i: i.floor_area, "float"),
            Col(self.env._("Tier Established"), 10, lambda i: tiers.get(i.certificate_tier)),
            Col(self.env._("Certificate Number"), 16, lambda i: i.certificate_number),
            Col(self.env._("Met"), 6, lambda i: i.met_count, "int"),
            Col(self.env._("Not Met"), 6, lambda i: i.unmet_count, "int"),
            Col(self.env._("Rectify By"), 12, lambda i: i.rectification_deadline, "date"),
            Col(
                self.env._("Unmet Requirements"),
                60,
                lambda i: i.line_ids.filtered(lambda line: line.result == "unmet").requirement_id.mapped("display_name"),
                "lines",
            ),
        ]

    @api.model
    def _xlsx_line_columns(self):
        _ = self.env._
        return [
            Col(self.env._("Site"), 30, lambda line: line.inspection_id.site_id.name),
            Col(self.env._("Date"), 12, lambda line: line.inspection_id.date, "date"),
            Col(self.env._("Requirement"), 50, lambda line: line.requirement_id.display_name, "wrap"),
            Col(self.env._("Mandatory"), 8, lambda line: line.mandatory, "bool"),
            Col(self.env._("Note"), 30, lambda line: line.note, "wrap"),
            Col(self.env._("Rectify By"), 12, lambda line: line.deadline, "date"),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        formats = self._xlsx_formats(workbook)
        self._xlsx_write_sheet(workbook, formats, self._xlsx_sheet_title(), self._xlsx_columns(), objs)
        lines = objs.line_ids.filtered(lambda line: line.result == "unmet")
        self._xlsx_write_sheet(workbook, formats, self.env._("Unmet Requirements"), self._xlsx_line_columns(), lines)
