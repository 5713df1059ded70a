from odoo import api, models

from ..models.gov_xlsx_report import XlsxColumn as Col


class SiteRegistryXlsx(models.AbstractModel):
    """The site registry with tiers and gaps (登记台账), one row per site."""

    _name = "report.gov_center.site_registry_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Site Registry Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Site Registry")

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        Site = self.env["gov.site"]
        kinds = dict(Site._fields["kind"]._description_selection(self.env))
        tiers = dict(Site._fields["achieved_tier"]._description_selection(self.env))
        return [
            Col(self.env._("Name"), 30, lambda s: s.name),
            Col(self.env._("Kind"), 18, lambda s: kinds.get(s.kind)),
            Col(self.env._("Division Code"), 14, lambda s: s.division_code),
            Col(self.env._("Division"), 14, lambda s: s.division_id.name),
            Col(self.env._("Township / Street"), 14, lambda s: s.township_id.name),
            Col(self.env._("Parent Centre"), 24, lambda s: s.parent_id.name),
            Col(self.env._("Address"), 30, lambda s: s.address),
            Col(self.env._("Phone"), 14, lambda s: s.phone),
            Col(self.env._("Manager"), 14, lambda s: s.manager_id.name),
            Col(self.env._("Staff"), 6, lambda s: s.staff_count, "int"),
            Col(self.env._("Floor Area (m²)"), 10, lambda s: s.floor_area, "float"),
            Col(self.env._("Weekend Service"), 8, lambda s: s.weekend_service, "bool"),
            Col(self.env._("Remote Pastoral Area"), 8, lambda s: s.remote_pastoral, "bool"),
            Col(self.env._("E-Government Extranet"), 8, lambda s: s.extranet, "bool"),
            Col(self.env._("Video Surveillance"), 8, lambda s: s.video_surveillance, "bool"),
            Col(self.env._("Last Inspected"), 12, lambda s: s.last_inspection_date, "date"),
            Col(self.env._("Target Tier"), 10, lambda s: tiers.get(s.target_tier) if s.is_graded else None),
            Col(self.env._("Achieved Tier"), 10, lambda s: tiers.get(s.achieved_tier) if s.is_graded else None),
            Col(self.env._("Missing Area (m²)"), 10, lambda s: s.gap_area, "float"),
            Col(self.env._("Missing Items"), 8, lambda s: s.gap_count, "int"),
            Col(self.env._("Missing Requirements"), 60, lambda s: s.gap_requirement_ids.mapped("display_name"), "lines"),
        ]
