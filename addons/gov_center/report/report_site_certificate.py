from odoo import api, models

from ..tools import qr_data_uri


class SiteCertificateReport(models.AbstractModel):
    """The compliance certificate (达标证书) of sites: only for a site holding a tier, with the number,
    issue date and verification link of the certificate issued by its latest inspection."""

    _name = "report.gov_center.report_site_certificate"
    _description = "Compliance Certificate"

    @api.model
    def _get_report_values(self, docids, data=None):
        sites = self.env["gov.site"].browse(docids)
        certificates = {site.id: site._current_certificate() for site in sites}
        return {
            "doc_ids": docids,
            "doc_model": "gov.site",
            "docs": sites,
            "certificates": certificates,
            "qr_data_uri": qr_data_uri,
        }
