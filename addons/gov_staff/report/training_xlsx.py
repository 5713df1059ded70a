from odoo import api, models
from odoo.addons.gov_center.models.gov_xlsx_report import XlsxColumn as Col


class TrainingXlsx(models.AbstractModel):
    """The training records (培训台账), one row per attendance."""

    _name = "report.gov_staff.training_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Training Records Workbook"

    @api.model
    def _xlsx_sheet_title(self):
        return self.env._("Training Records")

    def _xlsx_rows(self, objs):
        return objs.sorted(lambda a: (a.date_start, a.employee_id.name))

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        Attendance = self.env["gov.training.attendance"]
        forms = dict(Attendance._fields["form"]._description_selection(self.env))
        attendance = dict(Attendance._fields["attendance"]._description_selection(self.env))
        return [
            Col(self.env._("Attendee"), 12, lambda a: a.employee_id.name),
            Col(self.env._("Attendee's Site"), 26, lambda a: a.site_id.name),
            Col(self.env._("Session"), 30, lambda a: a.session_name),
            Col(self.env._("Form"), 12, lambda a: forms.get(a.form)),
            Col(self.env._("Organised By"), 26, lambda a: a.session_id.site_id.name),
            Col(self.env._("Start"), 16, lambda a: a.date_start, "datetime"),
            Col(self.env._("Attendance"), 8, lambda a: attendance.get(a.attendance)),
            Col(self.env._("Present"), 6, lambda a: a.attendance == "present", "bool"),
            Col(self.env._("Training Hours"), 7, lambda a: a.hours, "float"),
            Col(self.env._("Score"), 7, lambda a: a.score, "float"),
            Col(self.env._("Certificate No."), 16, lambda a: a.certificate_no),
            Col(self.env._("Certificate Issued On"), 12, lambda a: a.certificate_issued_on, "date"),
        ]
