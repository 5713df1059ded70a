from odoo import api, models

from ..models.gov_xlsx_report import XlsxColumn as Col


class SiteAttainmentXlsx(models.AbstractModel):
    """The attainment board (达标看板): one row per township and one for the district, with the rates
    against the plan's targets (gov.site.attainment._attainment_figures, as the board shows them)."""

    _name = "report.gov_center.site_attainment_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Attainment Board Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Attainment Board")

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        targets = self.env["gov.site.attainment"]._targets()

        def rate(key):
            return lambda row: row[f"{key}_rate"] if row[f"{key}_rate"] is not None else None

        def met(key):
            return lambda row: row[f"{key}_met"]

        return [
            Col(self.env._("Township / Street"), 18, lambda row: row["township"].name if row["township"] else self.env._("Whole district")),
            Col(self.env._("Graded sites"), 8, lambda row: row["sites"], "int"),
            Col(self.env._("Stations"), 8, lambda row: row["stations"], "int"),
            Col(self.env._("Basic or above (stations)"), 10, lambda row: row["basic"], "int"),
            Col(self.env._("Basic Attainment (%)"), 10, rate("basic"), "percent"),
            Col(self.env._("Basic target %(target)s%% reached", target=f"{targets['basic']:g}"), 10, met("basic"), "bool"),
            Col(self.env._("Standard or above"), 10, lambda row: row["standard"], "int"),
            Col(self.env._("Standard Attainment (%)"), 10, rate("standard"), "percent"),
            Col(self.env._("Standard target %(target)s%% reached", target=f"{targets['standard']:g}"), 10, met("standard"), "bool"),
            Col(self.env._("Benchmark"), 10, lambda row: row["benchmark"], "int"),
            Col(self.env._("Benchmark Share (%)"), 10, rate("benchmark"), "percent"),
            Col(
                self.env._("Benchmark target %(target)s%% reached", target=f"{targets['benchmark']:g}"), 10, met("benchmark"), "bool"
            ),
        ]

    def _xlsx_rows(self, objs):
        figures = self.env["gov.site.attainment"]._attainment_figures()
        return [*figures["townships"], figures["district"]]
