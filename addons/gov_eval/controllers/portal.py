"""The applicant follows their cases on the portal: /my/cases (their own, logged in) and
/my/cases/<id> (logged in, or with the case's token from the QR code of the receipt).

What the page shows is an explicit allowlist (``gov.case._portal_values``): never the full
resident ID, internal notes, the reviewer or the access code.
"""

import re

from odoo import http
from odoo.addons.gov_center.controllers.params import PATH_ID, Param, not_found_response, public_params
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

PAGE_SIZE = 20
_TOKEN_RE = re.compile(r"[A-Za-z0-9-]{1,64}", re.ASCII)


def to_token(value):
    """A portal access token (a UUID) in ASCII, else absent: Odoo compares tokens with consteq,
    which refuses non-ASCII text with a server error."""
    return value if isinstance(value, str) and _TOKEN_RE.fullmatch(value) else ""


TOKEN = Param(to_token, default="", label="access token")


class GovCasePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "case_count" in counters:
            Case = request.env["gov.case"]
            values["case_count"] = Case.search_count(self._case_domain()) if Case.has_access("read") else 0
        return values

    def _case_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    @http.route(["/my/cases", "/my/cases/page/<int:page>"], type="http", auth="user", methods=["GET"], website=True)
    def portal_my_cases(self, page=1, **kwargs):
        Case = request.env["gov.case"]
        if not Case.has_access("read"):
            return request.redirect("/my")
        domain = self._case_domain()
        pager = portal_pager(url="/my/cases", total=Case.search_count(domain), page=page, step=PAGE_SIZE)
        cases = Case.search(domain, limit=PAGE_SIZE, offset=pager["offset"], order="create_date desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update({"cases": [case._portal_values() for case in cases], "pager": pager, "page_name": "gov_case"})
        return request.render("gov_eval.portal_my_cases", values)

    @http.route("/my/cases/<case_id>", type="http", auth="public", methods=["GET"], readonly=True, sitemap=False, website=True)
    @public_params(case_id=PATH_ID, access_token=TOKEN)
    def portal_case(self, case_id, access_token="", **kwargs):
        try:
            case = self._document_check_access("gov.case", case_id, access_token=access_token or None)
        except (AccessError, MissingError):
            return not_found_response()
        values = self._prepare_portal_layout_values()
        values.update({"case": case._portal_values(), "page_name": "gov_case"})
        return request.render("gov_eval.portal_case_page", values)
