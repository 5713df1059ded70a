from odoo import _, http
from odoo.http import content_disposition, request

from .params import to_id

# At most this many ids in one export request; a longer list is a mistake or an attack.
MAX_IDS = 10000


class GovRegistryExport(http.Controller):
    @http.route("/gov/registry.xlsx", type="http", auth="user", methods=["GET"])
    def registry_xlsx(self, ids="", **kwargs):
        """The site registry with tiers and gaps as an Excel workbook (records the user may read)."""
        Site = request.env["gov.site"]
        site_ids = [i for i in map(to_id, str(ids or "").split(",")[:MAX_IDS]) if i]
        sites = Site.browse(site_ids).exists() if site_ids else Site.search([])
        sites.check_access("read")
        content = sites._registry_xlsx()
        filename = _("Site Registry") + ".xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
