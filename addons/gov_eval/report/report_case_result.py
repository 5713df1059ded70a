"""The result certificate of a case: printable once the result is issued."""

from odoo import api, models


class ReportCaseResult(models.AbstractModel):
    _name = "report.gov_eval.report_case_result"
    _description = "Case Result Certificate"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["gov.case"].browse(docids)
        docs._check_printable_result()
        return {"doc_ids": docs.ids, "doc_model": "gov.case", "docs": docs, "data": data}
