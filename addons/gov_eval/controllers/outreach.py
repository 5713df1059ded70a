"""Home visits from the portal (上门服务申请): ``/my/home-visits`` (the citizen's own requests and their
status), ``/my/home-visits/new`` (the request form, POST with CSRF) and ``/my/home-visits/<id>``.

Thin: the request is created as the citizen (their rights and the portal record rule) by
``gov.home.visit._portal_submit``, which keeps only ``PORTAL_FIELDS`` and sets the citizen's partner.
"""

from odoo import fields, http
from odoo.addons.gov_center.controllers.params import readonly_get, to_id, to_text
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..models.gov_home_visit import HOME_VISIT_REASONS
from .complaint import to_long_text
from .main import own_portal_record
from .portal import portal_list

REASON_KEYS = tuple(key for key, _label in HOME_VISIT_REASONS)


class GovHomeVisitPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "home_visit_count" in counters:
            Visit = request.env["gov.home.visit"]
            values["home_visit_count"] = (
                Visit.search_count(self._home_visit_domain()) if Visit.has_access("read") else 0
            )
        return values

    def _home_visit_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _home_visit_values(self, visit):
        """What the citizen sees of their request (an allowlist)."""
        env = request.env
        states = dict(visit._fields["state"]._description_selection(env))
        reasons = dict(visit._fields["reason"]._description_selection(env))
        sudo = visit.sudo()
        return {
            "id": visit.id,
            "url": f"/my/home-visits/{visit.id}",
            "number": visit.name,
            "person_name": visit.person_name,
            "address": visit.address,
            "reason_label": reasons.get(visit.reason, ""),
            "site": sudo.site_id.name,
            "items": "、".join(sudo.item_ids.mapped("name")),
            "preferred_date": fields.Date.to_string(visit.preferred_date) if visit.preferred_date else "",
            "slot": sudo._local_text(visit.slot_start)
            if visit.state in ("scheduled", "done") and visit.slot_start
            else "",
            "agent": sudo.agent_id.name if visit.state in ("scheduled", "done") else "",
            "state": visit.state,
            "state_label": states[visit.state],
            "refusal_reason": visit.refusal_reason if visit.state == "refused" else "",
        }

    @http.route(
        ["/my/home-visits", "/my/home-visits/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def portal_my_home_visits(self, page=1, **kwargs):
        return portal_list(
            self,
            "gov.home.visit",
            self._home_visit_domain(),
            url="/my/home-visits",
            page=page,
            template="gov_eval.portal_my_home_visits",
            key="visits",
            rows=lambda records: [self._home_visit_values(record) for record in records],
            page_name="gov_home_visit",
        )

    @http.route(
        "/my/home-visits/new", type="http", auth="user", methods=["GET", "POST"], website=True, readonly=readonly_get
    )
    def portal_home_visit_new(self, **post):
        if not request.env["gov.home.visit"].has_access("create"):
            return request.redirect("/my")
        Site = request.env["gov.site"].sudo()
        sites = Site.search(Site._public_site_domain({}), order="name")
        site = sites.filtered(lambda s: s.id == to_id(post.get("site_id")))[:1]
        item_ids = [to_id(value) for value in request.httprequest.form.getlist("item_ids")] if post else []
        items = site._home_visit_items() if site else request.env["gov.item"].sudo()
        form = {
            "site_id": site.id or False,
            "person_name": to_text(post.get("person_name"), 60),
            "phone": to_text(post.get("phone"), 20),
            "address": to_text(post.get("address"), 200),
            "reason": post.get("reason") if post.get("reason") in REASON_KEYS else "elderly",
            "preferred_date": to_text(post.get("preferred_date"), 10),
            "note": to_long_text(post.get("note"), 1000),
            "item_ids": [item_id for item_id in item_ids if item_id in items.ids],
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "sites": [{"id": s.id, "name": s.name} for s in sites],
                "items": [{"id": item.id, "name": item.name} for item in items],
                "reasons": list(request.env["gov.home.visit"]._fields["reason"]._description_selection(request.env)),
                "form": form,
                "error": "",
                "page_name": "gov_home_visit",
            }
        )
        if request.httprequest.method == "POST" and post.get("submit") == "1":
            try:
                if not (form["site_id"] and form["person_name"] and form["phone"] and form["address"]):
                    raise UserError(
                        request.env._("Fill in the service site, the person's name, the phone and the address.")
                    )
                if not form["item_ids"]:
                    raise UserError(request.env._("Choose at least one service item you need."))
                vals = dict(form)
                if vals["preferred_date"]:
                    try:
                        vals["preferred_date"] = fields.Date.to_date(vals["preferred_date"])
                    except ValueError:
                        raise UserError(request.env._("Enter the preferred date as YYYY-MM-DD.")) from None
                with request.env.cr.savepoint():
                    record = request.env["gov.home.visit"]._portal_submit(vals)
            except (UserError, ValidationError, AccessError) as error:
                values["error"] = str(error.args[0] if error.args else error)
            else:
                return request.redirect(f"/my/home-visits/{record.id}?submitted=1")
        return request.render("gov_eval.portal_home_visit_new", values)

    @http.route("/my/home-visits/<visit_id>", type="http", auth="user", methods=["GET"], website=True, readonly=True)
    def portal_home_visit(self, visit_id, **kwargs):
        record = own_portal_record("gov.home.visit", visit_id)
        if not record:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "visit": self._home_visit_values(record),
                "submitted": kwargs.get("submitted") == "1",
                "page_name": "gov_home_visit",
            }
        )
        return request.render("gov_eval.portal_home_visit_page", values)
