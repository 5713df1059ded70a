from odoo import http
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.http import request

from .params import FLAG, ID, PAGE, PATH_ID, TEXT, feed_response, public_page, public_params, selection, to_id

# The finder's filters (query parameters of /gov, /gov/sites and /gov/api/sites), parsed in
# controllers/params.py; gov_items reads "service" in gov.site._public_site_domain.
FILTER_PARAMS = {
    "kind": selection("gov.site", "kind"),
    "weekend": FLAG,
    "holiday": FLAG,
    "township": ID,
    "q": TEXT,
    "service": TEXT,
}
FILTER_KEYS = tuple(FILTER_PARAMS)
# Sites per page of the finder: a district (~180 sites) reads in a few pages, a city (1,620) is
# never rendered in one (1.5 s and a 2 MB page measured on bench/citygen.py's city).
FINDER_PAGE_SIZE = 60
FINDER_ORDER = "division_code, kind_sequence, name, id"


def public_site(site_id):
    """The site as a sudo record when the public may see it (active and published), else empty."""
    Site = request.env["gov.site"].sudo()
    site_id = to_id(site_id)
    site = Site.browse(site_id).exists() if site_id else Site
    return site.filtered_domain(site._public_site_domain({})) if site else site


class GovPublic(http.Controller):
    """The public face of the site registry: site finder, site pages and the JSON feed.

    Pages and feed read the same `gov.site._public_data()` (数据同源). Other modules extend
    the finder through `gov.site._public_site_domain(filters)` (e.g. gov_items for the
    "service available" filter), `_public_finder_values()` and the template anchors.
    Parameters are parsed by `params.public_params` (one set of rules for every public route).
    """

    def _public_filters(self, params):
        """The filters actually given (parsed values), for the domain and the form."""
        return {key: params[key] for key in FILTER_KEYS if params.get(key)}

    def _public_sites(self, filters):
        Site = request.env["gov.site"].sudo()
        return Site.search(Site._public_site_domain(filters))

    def _public_finder_values(self, filters, page=1):
        """The finder's values: one page of the sites matching ``filters`` (FINDER_PAGE_SIZE), grouped
        by township, with Odoo's pager. Sites come in the order of their division codes, so that a
        township's centre and stations stay together (a township is split only at a page's end)."""
        Site = request.env["gov.site"].sudo()
        domain = Site._public_site_domain(filters)
        # The pager's links keep the filters in the form's own values (a flag as "1").
        url_args = {key: 1 if value is True else value for key, value in filters.items()}
        total = Site.search_count(domain)
        pager = portal_pager(url="/gov", url_args=url_args, total=total, page=page, step=FINDER_PAGE_SIZE)
        sites = Site.search(domain, limit=FINDER_PAGE_SIZE, offset=pager["offset"], order=FINDER_ORDER)
        # Cards only: modules leave out what the finder's cards do not show (gov_eval: satisfaction).
        data = sites.with_context(gov_public_cards=True)._public_data()
        groups = {}
        for row in data:
            groups.setdefault(row["township"] or "", []).append(row)
        townships = request.env["gov.division"].sudo().search([("level", "=", "township")])
        return {
            "filters": filters,
            "sites": data,
            "site_count": total,
            "pager": pager,
            "groups": list(groups.items()),
            "kinds": Site._fields["kind"]._description_selection(request.env),
            "townships": townships,
            "page_name": "gov_sites",
        }

    @public_page("/gov", "/gov/page/<page>", "/gov/sites", sitemap=True, page=PAGE, **FILTER_PARAMS)
    def site_finder(self, page=1, **params):
        values = self._public_finder_values(self._public_filters(params), page=page)
        return request.render("gov_center.public_site_finder", values)

    def _public_site(self, site_id):
        return public_site(site_id) or None

    @public_page("/gov/sites/<site_id>", site_id=PATH_ID)
    def site_page(self, site_id, **params):
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
    @public_params(json=True, **FILTER_PARAMS)
    def api_sites(self, **params):
        filters = self._public_filters(params)
        data = self._public_sites(filters)._public_data()
        return feed_response({"count": len(data), "sites": data})

    @http.route("/gov/api/sites/<site_id>", type="http", auth="public", methods=["GET"], cors="*", readonly=True)
    @public_params(json=True, site_id=PATH_ID)
    def api_site(self, site_id, **params):
        site = self._public_site(site_id)
        if not site:
            raise request.not_found()
        [data] = site._public_data()
        return feed_response(data)
