from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.gov_center.controllers.params import (
    ID,
    PAGE,
    PATH_ID,
    TEXT,
    choice,
    feed_response,
    public_page,
    public_params,
    to_id,
)
from odoo.addons.gov_center.controllers.public import public_site
from odoo.http import content_disposition, request

from ..models.gov_site import LIST_KINDS

PAGE_SIZE = 20
# Sites an item's page names ("where to go"), centres first; the others are found with the site
# finder's item filter (an agent-service item is offered at every station: 1,623 in a city).
ITEM_PAGE_SITES = 30
# Query parameters of the catalogue page and its JSON feed.
SEARCH_PARAMS = {"q": TEXT, "category": ID, "site": ID, "page": PAGE}
# Files of a material a visitor may download: the field and the field of its file name.
MATERIAL_FILES = {"form": ("blank_form", "blank_form_name"), "example": ("example", "example_name")}


class GovItemsPublic(http.Controller):
    """The public catalogue (no login): search and service guides of published items.

    Parameters are parsed by gov_center's `params.public_params` (ids, page, search text).
    """


    def _search_values(self, q="", category=None, site=None, page=1):
        Item = request.env["gov.item"]
        # Only a public site filters the catalogue: an unpublished site's list stays private.
        site_id = public_site(site).id if site else None
        items, total = Item._public_search(
            q, category, site_id, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        page_count = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)

        def page_url(number):
            query = {"q": q or "", "category": category or "", "site": site_id or "", "page": number}
            return "/gov/items?" + urlencode(query)

        return {
            "items": items,
            "total": total,
            "q": q or "",
            "category_id": category,
            "site_id": site_id,
            "page": page,
            "page_count": page_count,
            "page_url": page_url,
            "categories": request.env["gov.item.category"].sudo().search([]),
            "sites": request.env["gov.site"].sudo().search([("item_line_ids", "!=", False), ("is_public", "=", True)]),
        }

    @public_page("/gov/items", **SEARCH_PARAMS)
    def items(self, q="", category=None, site=None, page=1, **kwargs):
        return request.render("gov_items.public_item_search", self._search_values(q, category, site, page))

    def _public_item(self, item_id):
        item = request.env["gov.item"].sudo().browse(item_id).exists()
        if not item or not item.active:
            raise NotFound()
        # A printed QR code may point at an older revision: follow it to the current one.
        seen = set()
        while item.superseded_by_id and item.id not in seen:
            seen.add(item.id)
            item = item.superseded_by_id
        if item.state != "published":
            raise NotFound()
        return item

    @public_page("/gov/items/<item_id>", item_id=PATH_ID)
    def item_page(self, item_id, **kwargs):
        item = self._public_item(item_id)
        if item.id != item_id:
            return request.redirect(f"/gov/items/{item.id}", code=301)
        lines = item._public_site_lines(limit=ITEM_PAGE_SITES)
        if len(lines) < ITEM_PAGE_SITES:
            total = len(lines)
        else:
            total = request.env["gov.item.site"].sudo().search_count(item._public_site_lines_domain())
        return request.render(
            "gov_items.public_item_page",
            {"item": item, "lines": lines, "line_count": total, "finder_url": "/gov?" + urlencode({"service": item.name})},
        )

    @http.route("/gov/items/<item_id>/guide.pdf", type="http", auth="public", methods=["GET"], sitemap=False)
    @public_params(item_id=PATH_ID)
    def item_guide_pdf(self, item_id, **kwargs):
        item = self._public_item(item_id)
        pdf = item._public_guide_pdf()
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", content_disposition(f"办事指南-{item.name}.pdf", "inline")),
            ],
        )

    @http.route(
        "/gov/items/<item_id>/materials/<material_id>/<kind>",
        type="http", auth="public", methods=["GET"], readonly=True, sitemap=False,
    )
    @public_params(item_id=PATH_ID, material_id=PATH_ID, kind=choice(*MATERIAL_FILES, path=True))
    def material_file(self, item_id, material_id, kind, **kwargs):
        """Blank form or filled example of a published item's material (表格下载)."""
        item = self._public_item(item_id)
        material = item.material_ids.filtered(lambda m: m.id == material_id)
        field, name_field = MATERIAL_FILES[kind]
        if not material or not material[field]:
            raise NotFound()
        stream = request.env["ir.binary"].sudo()._get_stream_from(
            material, field, filename=material[name_field] or f"{material.name}.pdf"
        )
        return stream.get_response(as_attachment=True)

    @http.route("/gov/api/items", type="http", auth="public", methods=["GET"], readonly=True, sitemap=False, cors="*")
    @public_params(json=True, **SEARCH_PARAMS)
    def items_json(self, q="", category=None, site=None, page=1, **kwargs):
        """The same published catalogue as JSON (数据同源) for other channels."""
        values = self._search_values(q, category, site, page)
        return feed_response(
            {
                "total": values["total"],
                "page": values["page"],
                "items": [item._public_json() for item in values["items"]],
            }
        )

    @http.route("/gov/api/items/<item_id>", type="http", auth="public", methods=["GET"], readonly=True, sitemap=False, cors="*")
    @public_params(json=True, item_id=PATH_ID)
    def item_json(self, item_id, **kwargs):
        """One published item with its guide (conditions, materials, steps, sites), as JSON."""
        item = self._public_item(item_id)
        return feed_response(item.with_env(request.env(su=True))._public_json(detail=True))


class GovItemsExport(http.Controller):
    @http.route("/gov_items/site/<site_id>/list.xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def site_list_xlsx(self, site_id, kind="all", **kwargs):
        # Odoo's int converter takes Unicode digits and numbers PostgreSQL cannot hold: parse here.
        site_id = to_id(site_id)
        site = request.env["gov.site"].browse(site_id).exists() if site_id else None
        if not site:
            raise NotFound()
        site.check_access("read")
        kind = kind if kind in LIST_KINDS else "all"
        content, _format = (
            request.env["report.gov_items.site_item_list_xlsx"]
            .with_context(active_model="gov.site")
            .create_xlsx_report(site.ids, {"kind": kind})
        )
        title = f"{site.name}{site._list_title(kind)}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", content_disposition(f"{title}.xlsx")),
            ],
        )
