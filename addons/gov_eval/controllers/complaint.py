"""Complaints and suggestions (投诉建议) from the portal and the hall's QR code; published results.

- ``/my/complaints``, ``/my/complaints/new``, ``/my/complaints/<id>`` (login required): the citizen's
  own complaints, the form (kind, site, optional window and item, description; POST with CSRF) and
  a complaint's status and answer (``gov.complaint._portal_values``, an allowlist).
- ``/gov/sites/<site_id>/feedback`` (public): the form the hall's QR code opens (评价二维码), anonymous
  allowed, phone optional; POST with Odoo's CSRF token, rate-limited per site and client address
  (``gov_eval.feedback_rate_limit`` records in 10 minutes, with the RateLimiter of /gov/verify).
- ``/gov/complaints/results`` (public): the anonymised results of closed records the centres
  published: site, kind, date and the public text only (``gov.complaint._public_results``).

Thin: the records are created by ``gov.complaint._portal_submit`` / ``_public_submit``, which keep
only the fields of their allowlists (a posted state, another site or a person named are ignored).
"""

import unicodedata

from odoo import http
from odoo.addons.gov_center.controllers.params import (
    FLAG,
    ID,
    PAGE,
    PATH_ID,
    TEXT,
    Param,
    choice,
    public_page,
    public_params,
    readonly_get,
    to_id,
    to_text,
)
from odoo.addons.gov_center.controllers.public import public_site
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..models.gov_complaint import FEEDBACK_LIMIT_DEFAULT, FEEDBACK_LIMIT_PARAM, KINDS, MAX_DESCRIPTION
from .main import RateLimiter, own_portal_record, too_many
from .portal import PAGE_SIZE, portal_list

FEEDBACK_WINDOW = 600  # seconds
FEEDBACK_LIMITER = RateLimiter(window=FEEDBACK_WINDOW)
KIND_KEYS = tuple(key for key, _label in KINDS)


def to_long_text(value, max_length=MAX_DESCRIPTION):
    """Free text of a form: line breaks kept, other control and format characters removed, at most
    ``max_length`` characters."""
    if not isinstance(value, str):
        return ""
    value = value[: max_length * 4].replace("\r\n", "\n")
    cleaned = "".join(
        char for char in value if char == "\n" or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Cn")
    )
    return cleaned.strip()[:max_length]


LONG_TEXT = Param(to_long_text, default="", label="long text")
KIND = choice(*KIND_KEYS)


def _error_text(error):
    return str(error.args[0] if error.args else error)


def _site_choices(site):
    """Windows and published items of a (sudo) site for the forms: the site's and its centre's windows."""
    centre = site if site.is_centre or not site.parent_id else site.parent_id
    windows = (site | centre).window_ids.filtered("is_open")
    return {
        "windows": [{"id": w.id, "name": w.display_name} for w in windows],
        "items": [{"id": line.item_id.id, "name": line.item_id.name} for line in site._public_item_lines()],
    }


class GovComplaintPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = request.env["gov.complaint"]
            values["complaint_count"] = (
                Complaint.search_count(self._complaint_domain()) if Complaint.has_access("read") else 0
            )
        return values

    def _complaint_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _kind_labels(self):
        return list(request.env["gov.complaint"]._fields["kind"]._description_selection(request.env))

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def portal_my_complaints(self, page=1, **kwargs):
        return portal_list(
            self,
            "gov.complaint",
            self._complaint_domain(),
            url="/my/complaints",
            page=page,
            template="gov_eval.portal_my_complaints",
            key="complaints",
            rows=lambda records: [record._portal_values() for record in records],
            page_name="gov_complaint",
        )

    @http.route(
        "/my/complaints/new", type="http", auth="user", methods=["GET", "POST"], website=True, readonly=readonly_get
    )
    def portal_complaint_new(self, **post):
        Site = request.env["gov.site"].sudo()
        sites = Site.search(Site._public_site_domain({}), order="name")
        site = public_site(post.get("site_id")) if post.get("site_id") else Site
        form = {
            "kind": post.get("kind") if post.get("kind") in KIND_KEYS else "complaint",
            "site_id": site.id or False,
            "window_id": to_id(post.get("window_id")) or False,
            "item_id": to_id(post.get("item_id")) or False,
            "description": to_long_text(post.get("description")),
            "citizen_phone": to_text(post.get("citizen_phone"), 20),
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "sites": [{"id": s.id, "name": s.name} for s in sites],
                "kinds": self._kind_labels(),
                "form": form,
                "error": "",
                "page_name": "gov_complaint",
                **(_site_choices(site) if site else {"windows": [], "items": []}),
            }
        )
        if request.httprequest.method == "POST" and post.get("submit") == "1":
            try:
                with request.env.cr.savepoint():
                    record = request.env["gov.complaint"]._portal_submit(form)
            except (UserError, ValidationError, AccessError) as error:
                values["error"] = _error_text(error)
            else:
                return request.redirect(f"/my/complaints/{record.id}?submitted=1")
        return request.render("gov_eval.portal_complaint_new", values)

    def _own_complaint(self, complaint_id):
        """The caller's own complaint (their rights), or None."""
        return own_portal_record("gov.complaint", complaint_id)

    @http.route(
        "/my/complaints/<complaint_id>", type="http", auth="user", methods=["GET"], website=True, readonly=True
    )
    def portal_complaint(self, complaint_id, **kwargs):
        record = self._own_complaint(complaint_id)
        if not record:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "complaint": record._portal_values(),
                "submitted": kwargs.get("submitted") == "1",
                "page_name": "gov_complaint",
            }
        )
        return request.render("gov_eval.portal_complaint_page", values)


class GovComplaintPublic(http.Controller):
    def _site(self, site_id):
        site = public_site(site_id)
        if not site:
            raise request.not_found()
        return site

    def _feedback_values(self, site, **extra):
        return {
            "site": site,
            "kinds": list(request.env["gov.complaint"]._fields["kind"]._description_selection(request.env)),
            "form": {"kind": "complaint"},
            "error": "",
            "sent": False,
            "page_name": "gov_feedback",
            **_site_choices(site),
            **extra,
        }

    @public_page("/gov/sites/<site_id>/feedback", site_id=PATH_ID, sent=FLAG)
    def feedback(self, site_id, sent=False, **kwargs):
        site = self._site(site_id)
        return request.render("gov_eval.public_feedback", self._feedback_values(site, sent=sent))

    def _feedback_limited(self, site):
        retry_after = FEEDBACK_LIMITER.wait(site.id, FEEDBACK_LIMIT_PARAM, FEEDBACK_LIMIT_DEFAULT)
        if retry_after is None:
            return None
        return too_many(
            request.render(
                "gov_eval.public_feedback",
                self._feedback_values(site, error="busy", retry_after=retry_after),
                status=429,
            ),
            retry_after,
        )

    @http.route(
        "/gov/sites/<site_id>/feedback", type="http", auth="public", methods=["POST"], website=True, sitemap=False
    )
    @public_params(
        site_id=PATH_ID,
        kind=KIND,
        window_id=ID,
        item_id=ID,
        description=LONG_TEXT,
        citizen_name=TEXT,
        citizen_phone=TEXT,
        is_anonymous=FLAG,
    )
    def feedback_send(self, site_id, **values):
        """Only the parameters declared above reach the model, and the model keeps only its allowlist."""
        site = self._site(site_id)
        limited = self._feedback_limited(site)
        if limited:
            return limited
        try:
            with request.env.cr.savepoint():
                request.env["gov.complaint"]._public_submit(site, values)
        except (UserError, ValidationError, AccessError) as error:
            form = {key: value for key, value in values.items() if value}
            return request.render(
                "gov_eval.public_feedback",
                self._feedback_values(
                    site, form=dict(form, kind=values.get("kind") or "complaint"), error=_error_text(error)
                ),
                status=400,
            )
        return request.redirect(f"/gov/sites/{site.id}/feedback?sent=1", code=303)

    @public_page("/gov/complaints/results", "/gov/complaints/results/page/<page>", sitemap=True, page=PAGE)
    def results(self, page=1, **kwargs):
        Complaint = request.env["gov.complaint"].sudo()
        total = Complaint.search_count(Complaint._public_results_domain())
        pager = portal_pager(url="/gov/complaints/results", total=total, page=page, step=PAGE_SIZE)
        rows = Complaint._public_results(offset=pager["offset"], limit=PAGE_SIZE)
        return request.render(
            "gov_eval.public_complaint_results", {"rows": rows, "pager": pager, "page_name": "gov_complaint_results"}
        )
