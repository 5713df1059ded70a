"""The applicant follows their cases on the portal: /my/cases (their own, logged in) and
/my/cases/<id> (logged in, or with the case's token from the QR code of the receipt).

What the page shows is an explicit allowlist (``gov.case._portal_values``): never the full
resident ID, internal notes, the reviewer or the access code.
"""

import re

from odoo import http
from odoo.addons.gov_center.controllers.params import (
    PAGE,
    PATH_ID,
    TEXT,
    Param,
    choice,
    not_found_response,
    public_page,
    public_params,
    to_id,
    to_text,
)
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

PAGE_SIZE = 20
# The citizen's filters of /my/cases: label, domain.
OPEN_STATES = ("consultation", "accepted", "review", "approved", "result_ready")
DONE_STATES = ("delivered", "closed", "refused", "not_accepted", "withdrawn")
# Fields of the application form, and their longest value.
FORM_FIELDS = {
    "applicant_type": 16,
    "applicant_name": 60,
    "id_number_input": 30,
    "applicant_uscc": 30,
    "applicant_phone": 30,
    "applicant_address": 200,
    "delivery_method": 16,
}
_TOKEN_RE = re.compile(r"[A-Za-z0-9-]{1,64}", re.ASCII)


def to_token(value):
    """A portal access token (a UUID) in ASCII, else absent: Odoo compares tokens with consteq,
    which refuses non-ASCII text with a server error."""
    return value if isinstance(value, str) and _TOKEN_RE.fullmatch(value) else ""


TOKEN = Param(to_token, default="", label="access token")


def portal_list(portal, model, domain, *, url, page, template, key, rows, page_name, order=None, url_args=None, **extra):
    """The page ``page`` of the citizen's own ``model`` records in ``domain`` (a /my/... list):
    back to /my when the user may not read the model; ``rows(records)`` gives what the template
    lists under ``key``; ``extra`` values are added as they are."""
    Model = request.env[model]
    if not Model.has_access("read"):
        return request.redirect("/my")
    pager = portal_pager(url=url, url_args=url_args, total=Model.search_count(domain), page=page, step=PAGE_SIZE)
    records = Model.search(domain, limit=PAGE_SIZE, offset=pager["offset"], order=order)
    values = portal._prepare_portal_layout_values()
    values.update({key: rows(records), "pager": pager, "page_name": page_name, **extra})
    return request.render(template, values)


class GovCasePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "case_count" in counters:
            Case = request.env["gov.case"]
            values["case_count"] = Case.search_count(self._case_domain()) if Case.has_access("read") else 0
        return values

    def _case_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _case_filters(self):
        env = request.env
        labels = {
            "all": env._("All"),
            "open": env._("In Progress"),
            "draft": env._("Drafts and Returned"),
            "done": env._("Finished"),
        }
        domains = {
            "all": [],
            "open": [("state", "in", OPEN_STATES)],
            "draft": [("state", "=", "draft")],
            "done": [("state", "in", DONE_STATES)],
        }
        return {key: {"label": labels[key], "domain": domains[key]} for key in labels}

    @http.route(
        ["/my/cases", "/my/cases/page/<int:page>"], type="http", auth="user", methods=["GET"], website=True, readonly=True
    )
    @public_params(page=PAGE, filterby=choice("all", "open", "draft", "done"), search=TEXT)
    def portal_my_cases(self, page=1, filterby=None, search="", **kwargs):
        filters = self._case_filters()
        filterby = filterby or "all"
        domain = self._case_domain() + filters[filterby]["domain"]
        if search:
            # Item names are the public catalogue's, matched behind this one search.
            items = request.env["gov.item"].sudo()._search([("name", "ilike", search)])
            domain += ["|", ("number", "ilike", search), ("item_id", "in", items)]
        return portal_list(
            self,
            "gov.case",
            domain,
            url="/my/cases",
            url_args={"filterby": filterby, "search": search},
            page=page,
            order="create_date desc, id desc",
            template="gov_eval.portal_my_cases",
            key="cases",
            rows=lambda cases: cases._portal_list_values(),
            page_name="gov_case",
            default_url="/my/cases",
            searchbar_filters=filters,
            filterby=filterby,
            search=search,
            search_in="all",
            searchbar_inputs={"all": {"input": "all", "label": request.env._("Case No. or item")}},
        )

    @public_page("/my/cases/<case_id>", case_id=PATH_ID, access_token=TOKEN, submitted=choice("1"))
    def portal_case(self, case_id, access_token="", submitted=None, **kwargs):
        try:
            case = self._document_check_access("gov.case", case_id, access_token=access_token or None)
        except (AccessError, MissingError):
            return not_found_response()
        values = self._prepare_portal_layout_values()
        values = self._get_page_view_values(case, access_token, values, "my_cases_history", False)
        values.update(
            {
                "case": case._portal_values(),
                "page_name": "gov_case",
                "submitted": bool(submitted),
                "token_query": f"?access_token={access_token}" if access_token else "",
            }
        )
        return request.render("gov_eval.portal_case_page", values)

    @http.route("/my/cases/<case_id>/result", type="http", auth="public", methods=["GET"], readonly=True, sitemap=False)
    @public_params(case_id=PATH_ID, access_token=TOKEN)
    def portal_case_result(self, case_id, access_token="", **kwargs):
        """The issued result (certificate) as a PDF, for the applicant or the holder of the token."""
        try:
            case = self._document_check_access("gov.case", case_id, access_token=access_token or None)
        except (AccessError, MissingError):
            return not_found_response()
        if not case._portal_values()["result_downloadable"]:
            return not_found_response()
        return self._show_report(case, "pdf", "gov_eval.action_report_case_result", download=True)

    # ------------------------------------------------------------------ applying online
    @http.route(
        ["/my/cases/apply", "/my/cases/apply/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    @public_params(page=PAGE, q=TEXT)
    def portal_apply_items(self, page=1, q="", **kwargs):
        """Step 1: choose the item, searched as in the public catalogue (name, pinyin, initials, code)."""
        Item = request.env["gov.item"]
        domain = Item._public_search_domain(q) + request.env["gov.case"]._online_item_domain()
        Item = Item.sudo()  # the public catalogue, read behind the published-and-online domain
        pager = portal_pager(
            url="/my/cases/apply", url_args={"q": q}, total=Item.search_count(domain), page=page, step=PAGE_SIZE
        )
        items = Item.search(domain, limit=PAGE_SIZE, offset=pager["offset"], order="category_id, name")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "items": [
                    {
                        "id": item.id,
                        "name": item.name,
                        "category": item.category_id.name,
                        "depth": dict(item._fields["online_depth"]._description_selection(request.env)).get(
                            item.online_depth
                        ),
                        "promised": item.promised_time_limit,
                    }
                    for item in items
                ],
                "pager": pager,
                "q": q,
                "page_name": "gov_apply",
            }
        )
        return request.render("gov_eval.portal_apply_items", values)

    def _online_item(self, item_id):
        item = request.env["gov.item"].sudo().browse(item_id).exists()
        if not item or not item.filtered_domain(request.env["gov.case"]._online_item_domain()):
            return None
        return item

    def _form_values(self, params):
        """The applicant's fields of the form, as text of bounded length (files are read apart)."""
        values = {name: to_text(params.get(name, ""), max_length) for name, max_length in FORM_FIELDS.items()}
        values["applicant_type"] = (
            values["applicant_type"] if values["applicant_type"] in ("person", "enterprise") else "person"
        )
        if values["delivery_method"] not in ("pickup", "post", "online"):
            values["delivery_method"] = "pickup"
        if values["applicant_type"] == "person":
            values["applicant_uscc"] = False
        if not values["id_number_input"]:
            del values["id_number_input"]
        return values

    def _render_form(self, item, case=None, values=None, errors=None, status=200, saved=False):
        Case = request.env["gov.case"]
        sites = Case._online_sites(item)
        form = (case or Case)._portal_form_values(sites, request.env.user.partner_id)
        form.update(values or {})
        materials = (case or Case)._portal_form_materials(item)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "item": item,
                "case": case,
                "sites": sites,
                "form": form,
                "materials": materials,
                "errors": errors or [],
                "notices": case._portal_values()["notices"] if case else [],
                "max_mb": Case._upload_limit_mb(),
                "page_name": "gov_apply",
                "action": f"/my/cases/{case.id}/edit" if case else f"/my/cases/apply/{item.id}",
                "saved": saved,
            }
        )
        return request.render("gov_eval.portal_apply_form", values, status=status)

    def _save_uploads(self, case, by_key):
        """Attach each uploaded file to its material (``by_key``: form key -> material)."""
        files = request.httprequest.files
        for key, material in by_key.items():
            for upload in files.getlist(key):
                if upload and upload.filename:
                    case._portal_attach(material, upload.filename, upload.read())

    def _after_save(self, case, submit):
        if submit:
            case.action_submit()
            return request.redirect(f"/my/cases/{case.id}?submitted=1", code=303)
        return request.redirect(f"/my/cases/{case.id}/edit?saved=1", code=303)

    @http.route(
        "/my/cases/apply/<item_id>", type="http", auth="user", methods=["GET"], website=True, sitemap=False, readonly=True
    )
    @public_params(item_id=PATH_ID)
    def portal_apply_form(self, item_id, **kwargs):
        """Step 2: the application form of an item taken online."""
        item = self._online_item(item_id)
        if not item or not request.env["gov.case"].has_access("create"):
            return not_found_response()
        return self._render_form(item)

    @http.route("/my/cases/apply/<item_id>", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    def portal_apply_post(self, item_id, **post):
        """Save the application as a draft of the citizen's own (as the citizen), with its scans;
        with ``submit``, send it to the centre. Errors come back on the form, all at once."""
        item = self._online_item(to_id(item_id))
        if not item or not request.env["gov.case"].has_access("create"):
            return not_found_response()
        values = self._form_values(post)
        values.update(item_id=item.id, site_id=to_id(post.get("site_id")) or False)
        try:
            with request.env.cr.savepoint():
                case = request.env["gov.case"].create(values)
                lines = {line.item_material_id.id: line for line in case.sudo().material_ids}
                self._save_uploads(case, {f"item_material_{mid}": line for mid, line in lines.items()})
        except (UserError, AccessError) as error:
            return self._render_form(item, values=values, errors=[str(error.args[0])], status=400)
        try:
            return self._after_save(case, post.get("submit"))
        except UserError as error:
            return self._render_form(item, case=case, errors=[str(error.args[0])], status=400)

    def _own_draft(self, case_id):
        case = request.env["gov.case"].browse(case_id).exists()
        if not case or not case.has_access("write") or case.state != "draft":
            return None
        try:
            case.check_access("write")
        except AccessError:
            return None
        return case

    @http.route(
        "/my/cases/<case_id>/edit", type="http", auth="user", methods=["GET"], website=True, sitemap=False, readonly=True
    )
    @public_params(case_id=PATH_ID, saved=choice("1"))
    def portal_edit_form(self, case_id, saved=None, **kwargs):
        case = self._own_draft(case_id)
        if not case:
            return not_found_response()
        return self._render_form(case.item_id.sudo(), case=case, saved=bool(saved))

    @http.route("/my/cases/<case_id>/edit", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    def portal_edit_post(self, case_id, **post):
        case = self._own_draft(to_id(case_id))
        if not case:
            return not_found_response()
        values = self._form_values(post)
        values["site_id"] = to_id(post.get("site_id")) or case.site_id.id
        if values.get("id_number_input") == case.id_number_masked:
            del values["id_number_input"]
        try:
            with request.env.cr.savepoint():
                case.write(values)
                for att_id in request.httprequest.form.getlist("remove_file"):
                    attachment = request.env["ir.attachment"].sudo().browse(to_id(att_id) or 0).exists()
                    if attachment:
                        case._portal_detach(attachment)
                self._save_uploads(case, {f"material_{line.id}": line for line in case.sudo().material_ids})
        except (UserError, AccessError) as error:
            return self._render_form(
                case.item_id.sudo(), case=case, values=values, errors=[str(error.args[0])], status=400
            )
        try:
            return self._after_save(case, post.get("submit"))
        except UserError as error:
            return self._render_form(case.item_id.sudo(), case=case, errors=[str(error.args[0])], status=400)

    @http.route("/my/cases/<case_id>/withdraw", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    def portal_withdraw(self, case_id, **post):
        case = self._own_draft(to_id(case_id))
        if not case:
            return not_found_response()
        case.action_withdraw()
        return request.redirect(f"/my/cases/{case.id}", code=303)
