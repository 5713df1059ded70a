from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.gov_center.controllers.params import PATH_ID, public_page
from odoo.addons.gov_center.controllers.public import public_site
from odoo.http import request


class GovAgencyPublic(http.Controller):
    """The public 帮办代办 pages (plan, task 13): the district's and each public site's.

    Routing only: the data comes from `gov.site._public_agency_data()` and
    `_public_agency_district_data()`, the allowlist of what may be shown.
    """

    @public_page("/gov/agency", sitemap=True)
    def agency(self, **params):
        data = request.env["gov.site"].sudo()._public_agency_district_data()
        return request.render("gov_station.public_agency_district", {"agency": data, "page_name": "gov_agency"})

    @public_page("/gov/sites/<site_id>/agency", site_id=PATH_ID)
    def site_agency(self, site_id, **params):
        site = public_site(site_id)
        if not site:
            raise NotFound()
        [data] = site._public_agency_data()
        return request.render("gov_station.public_agency_site", {"agency": data, "page_name": "gov_agency"})
