from odoo import api, models
from odoo.addons.gov_center.models.gov_xlsx_report import XlsxColumn as Col


class CapabilityPlanXlsx(models.AbstractModel):
    """The centres' capability plans (能力提升考核工作方案), one row per plan, with their due date."""

    _name = "report.gov_staff.capability_plan_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Capability Plans Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Capability Plans")

    def _xlsx_rows(self, objs):
        return objs.sorted(lambda p: (-p.year, p.site_id.name or ""))

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        states = dict(self.env["gov.capability.plan"]._fields["state"]._description_selection(self.env))
        return [
            Col(self.env._("Centre"), 26, lambda p: p.site_id.name),
            Col(self.env._("Year"), 6, lambda p: p.year, "int"),
            Col(self.env._("Status"), 8, lambda p: states.get(p.state)),
            Col(self.env._("Due Date"), 12, lambda p: p.due_date, "date"),
            Col(self.env._("Submitted On"), 12, lambda p: p.submitted_on, "date"),
            Col(self.env._("Late"), 6, lambda p: p.is_late, "bool"),
            Col(self.env._("Staff"), 6, lambda p: p.headcount, "int"),
            Col(self.env._("Planned Hours per Person"), 10, lambda p: p.planned_hours, "float"),
            Col(self.env._("Planned Hours"), 10, lambda p: p.planned_total_hours, "float"),
            Col(self.env._("Hours Done"), 10, lambda p: p.done_hours, "float"),
            Col(self.env._("Progress (%)"), 10, lambda p: p.progress, "percent"),
            Col(self.env._("Planned Sessions"), 8, lambda p: p.planned_sessions, "int"),
            Col(self.env._("Sessions Done"), 8, lambda p: p.done_sessions, "int"),
        ]
