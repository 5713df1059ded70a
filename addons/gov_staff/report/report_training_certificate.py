from odoo import api, models
from odoo.addons.gov_center.tools import qr_data_uri
from odoo.exceptions import UserError


class TrainingCertificateReport(models.AbstractModel):
    """The training certificate (培训证书) prints only what happened: a numbered certificate of an
    attendee present, with hours, at a closed session."""

    _name = "report.gov_staff.report_training_certificate"
    _description = "Training Certificate"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["gov.training.attendance"].browse(docids)
        refused = docs - docs._certificates_printable()
        if refused:
            raise UserError(
                self.env._(
                    "No certificate has been issued to %(people)s: a certificate is numbered when the session "
                    "is closed, for attendees present with training hours.",
                    people="、".join(refused.mapped("employee_id.name")),
                )
            )
        return {"doc_ids": docs.ids, "doc_model": "gov.training.attendance", "docs": docs, "qr_data_uri": qr_data_uri}
