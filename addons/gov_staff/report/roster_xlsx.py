from odoo import api, models
from odoo.addons.gov_center.models.gov_xlsx_report import XlsxColumn as Col
from odoo.addons.gov_center.tools import format_hour


class RosterXlsx(models.AbstractModel):
    """The exported rosters (排班表), one row per shift."""

    _name = "report.gov_staff.roster_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Roster Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Rosters")

    def _xlsx_rows(self, objs):
        return objs.shift_ids.sorted(lambda s: (s.date, s.site_id.id, s.hour_from, s.window_id.code or ""))

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        Shift = self.env["gov.roster.shift"]
        day_types = dict(Shift._fields["day_type"]._description_selection(self.env))
        modes = dict(Shift._fields["mode"]._description_selection(self.env))
        posts = dict(Shift._fields["post"]._description_selection(self.env))
        return [
            Col(self.env._("Date"), 12, lambda s: s.date, "date"),
            Col(self.env._("Day"), 10, lambda s: day_types.get(s.day_type)),
            Col(self.env._("Site"), 26, lambda s: s.site_id.name),
            Col(self.env._("Window"), 22, lambda s: s.window_id.display_name),
            Col(self.env._("Time"), 13, lambda s: f"{format_hour(s.hour_from)}–{format_hour(s.hour_to)}"),
            Col(self.env._("Service"), 10, lambda s: modes.get(s.mode)),
            Col(self.env._("Post"), 6, lambda s: posts.get(s.post)),
            Col(self.env._("On Duty"), 12, lambda s: s.employee_id.name),
            Col(self.env._("Hours"), 7, lambda s: s.hour_to - s.hour_from, "float"),
            Col(self.env._("Away"), 16, lambda s: s.away_reason),
        ]
