"""The case receipt (受理回执): printable once the case is accepted; its QR code opens the case."""

from odoo import api, models


class ReportCaseReceipt(models.AbstractModel):
    _name = "report.gov_eval.report_case_receipt"
    _description = "Case Receipt (受理回执)"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["gov.case"].browse(docids)
        docs._check_printable_receipt()
        # The QR code carries the portal token, made with the case (gov.case.create, _follow_url).
        return {"doc_ids": docs.ids, "doc_model": "gov.case", "docs": docs, "data": data}
