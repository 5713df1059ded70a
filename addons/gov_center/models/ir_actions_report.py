from odoo import models

from ..tools import page_chunks


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """Every report's templates get ``gov_page_chunks(rows, per_page, first=None)``: a printed list
        cut into pages, each printed as a table with its own header row (class o_gov_print_chunk)."""
        values = super()._get_rendering_context(report, docids, data)
        values["gov_page_chunks"] = page_chunks
        return values
