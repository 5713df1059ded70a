from odoo import http
from odoo.http import request

FILTER_KEYS = ("kind", "weekend", "holiday", "township", "q", "service")


def set_public_lang():
    """Serve the public pages in Chinese unless the visitor picked another installed language.

    Shared by every module's public pages (gov_items, gov_staff import it).
    """
    wanted = request.params.get("lang") or request.cookies.get("frontend_lang") or "zh_CN"
    installed = {code for code, _name in request.env["res.lang"].get_installed()}
    if wanted not in installed:
        wanted = "zh_CN" if "zh_CN" in installed else request.env.lang
    if wanted != request.env.lang:
        request.update_context(lang=wanted)


def public_site(site_id):
    """The site as a sudo record when the public may see it (active and published), else empty."""
    site = request.env["gov.site"].sudo().browse(site_id).exists()
    return site.filtered_domain(site._public_site_domain({})) if site else site


class GovPublic(http.Controller):
    """The public face of the site registry: site finder, site pages and the JSON feed.

    Pages and feed read the same `gov.site._public_data()` (数据同源). Other modules extend
    the finder through `gov.site._public_site_domain(filters)` (e.g. gov_items for the
    "service available" filter), `_public_finder_values()` and the template anchors.
    """

    def _set_public_lang(self):
        set_public_lang()

    def _public_filters(self, params):
        return {key: params.get(key) for key in FILTER_KEYS if params.get(key)}

    def _public_sites(self, filters):
        Site = request.env["gov.site"].sudo()
        return Site.search(Site._public_site_domain(filters))

    def _public_finder_values(self, filters):
        sites = self._public_sites(filters)
        data = sites._public_data()
        groups = {}
        for row in data:
            groups.setdefault(row["township"] or "", []).append(row)
        Site = request.env["gov.site"].sudo()
        townships = request.env["gov.division"].sudo().search([("level", "=", "township")])
        return {
            "filters": filters,
            "sites": data,
            "groups": list(groups.items()),
            "kinds": Site._fields["kind"]._description_selection(request.env),
            "townships": townships,
            "page_name": "gov_sites",
        }

    @http.route(["/gov", "/gov/sites"], type="http", auth="public", methods=["GET"], website=True, sitemap=True, readonly=True)
    def site_finder(self, **params):
        self._set_public_lang()
        return request.render("gov_center.public_site_finder", self._public_finder_values(self._public_filters(params)))

    def _public_site(self, site_id):
        return public_site(site_id) or None

    @http.route("/gov/sites/<int:site_id>", type="http", auth="public", methods=["GET"], website=True, sitemap=False, readonly=True)
    def site_page(self, site_id, **params):
        self._set_public_lang()
        site = self._public_site(site_id)
        if not site:
            raise request.not_found()
        [data] = site._public_data()
        children = site.child_ids.filtered_domain(site._public_site_domain({}))._public_data()
        return request.render(
            "gov_center.public_site_page",
            # `site` is a sudo record for the modules that extend the page (gov_items, gov_staff):
            # they must show only public data from it.
            {"site_data": data, "site_id": site.id, "site": site, "children": children, "page_name": "gov_site"},
        )

    @http.route("/gov/api/sites", type="http", auth="public", methods=["GET"], cors="*", readonly=True)
    def api_sites(self, **params):
        self._set_public_lang()
        filters = self._public_filters(params)
        data = self._public_sites(filters)._public_data()
        return request.make_json_response({"count": len(data), "sites": data})

    @http.route("/gov/api/sites/<int:site_id>", type="http", auth="public", methods=["GET"], cors="*", readonly=True)
    def api_site(self, site_id, **params):
        self._set_public_lang()
        site = self._public_site(site_id)
        if not site:
            return request.make_json_response({"error": "not found"}, status=404)
        [data] = site._public_data()
        return request.make_json_response(data)
