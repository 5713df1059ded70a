from odoo import api, models
from odoo.addons.gov_center.models.gov_xlsx_report import XlsxColumn as Col


class StaffXlsx(models.AbstractModel):
    """The window staff (窗口工作人员名册), one row per person."""

    _name = "report.gov_staff.staff_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Window Staff Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Window Staff")

    def _xlsx_rows(self, objs):
        return objs.sorted(lambda e: (e.gov_site_id.name or "", e.gov_badge or "", e.name))

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        Employee = self.env["hr.employee"]
        modes = dict(Employee._fields["gov_service_mode"]._description_selection(self.env))
        work_times = dict(Employee._fields["gov_work_time"]._description_selection(self.env))
        return [
            Col(self.env._("Full Name"), 12, lambda e: e.name),
            Col(self.env._("Badge No."), 10, lambda e: e.gov_badge),
            Col(self.env._("Service Site"), 26, lambda e: e.gov_site_id.name),
            Col(self.env._("A Post of"), 22, lambda e: e.gov_post_a_window_ids.mapped("display_name"), "lines"),
            Col(self.env._("B Post of"), 22, lambda e: e.gov_post_b_window_ids.mapped("display_name"), "lines"),
            Col(self.env._("Qualified Windows"), 26, lambda e: e.gov_window_ids.mapped("display_name"), "lines"),
            Col(self.env._("Work Phone"), 14, lambda e: e.work_phone),
            Col(self.env._("Public Contact"), 14, lambda e: e.gov_public_phone),
            Col(self.env._("Service Mode"), 10, lambda e: modes.get(e.gov_service_mode)),
            Col(self.env._("Full/Part Time"), 8, lambda e: work_times.get(e.gov_work_time)),
            Col(self.env._("Dispatching Unit"), 18, lambda e: e.gov_dispatch_unit),
            Col(self.env._("Training Hours This Year"), 10, lambda e: e.gov_training_hours_year, "float"),
        ]
