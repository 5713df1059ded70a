"""The citizens' rating pages (好差评), no login: thin pages over ``gov.evaluation``.

- ``GET/POST /gov/rate/<case_id>/<token>``: a case's rating page, the link of the receipt's second
  QR code (``gov.case._rating_url``), of the SMS and of the portal's "Rate this service" buttons.
  A wrong token and a missing case get the same 404. The occasion rated is one of those open
  (``?occasion=`` picks among them, a hidden field carries it, the model checks it again). The
  channel is decided here, never taken as posted: ``portal`` for the case's owner logged in who
  came from the portal (``?channel=portal``), ``sms`` for the SMS link (``?src=sms``), else ``qr``.
- ``GET/POST /gov/windows/<window_id>/rate/<token>``: the window's evaluation device (a tablet on
  the counter), posting to ``gov.evaluation._rate_window``; it returns to the start by itself.
- ``GET /gov/evaluations``: the published results per site (``gov.site._published_evaluations``).
- ``GET /my/cases/<case_id>/rate``: the owner's way to the rating page when the case has no token
  yet (the portal case page is read-only and does not make one).

POSTs are rate-limited per client address with the RateLimiter and client key of the verification
page (``gov_eval.rating_rate_limit`` ratings a minute, default ``RATING_LIMIT``): one budget per
address for the cases' pages, one per window and address for the devices.
The forms work without JavaScript: the server validates and returns the form with the message and
the values kept; ``static/src/js/rating.js`` only shows the reasons when a bad level is chosen.
"""

import re

from odoo import http
from odoo.addons.gov_center.controllers.params import (
    PATH_ID,
    Param,
    choice,
    not_found_response,
    public_page,
    public_params,
    to_id,
    to_text,
)
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from ..models.gov_evaluation import BAD_LEVELS, COMMENT_MAX, HALL_DIMENSIONS, LEVELS, ONLINE_DIMENSIONS
from .main import RateLimiter, too_many

RATING_LIMIT_PARAM = "gov_eval.rating_rate_limit"
RATING_LIMIT = 20  # ratings a minute from one address (a device: at one window)
RATING_LIMITER = RateLimiter()
DEVICE_RESTART = 5  # seconds: the device's thank-you page returns to the start
MAX_REASONS = 20
# Case tokens are UUIDs, device keys url-safe base64: ASCII letters, digits, '-' and '_'.
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)
PATH_TOKEN = Param(
    lambda value: value if isinstance(value, str) and _TOKEN_RE.fullmatch(value) else None, path=True, label="token"
)
LEVEL = Param(lambda value: value if isinstance(value, str) and len(value) <= 8 else None, default="", label="level")
SCORE = choice(*(key for key, _label in LEVELS))
COMMENT = Param(lambda value: to_text(value, COMMENT_MAX), default="", label="comment")
OCCASION = choice("acceptance", "result")
FORM_PARAMS = {"level": LEVEL, "comment": COMMENT, **dict.fromkeys(set(HALL_DIMENSIONS + ONLINE_DIMENSIONS), SCORE)}


def posted_reasons():
    """The reason ids checked in the posted form (repeated ``reason_ids`` fields), at most MAX_REASONS."""
    values = request.httprequest.form.getlist("reason_ids")[:MAX_REASONS]
    return [reason for reason in (to_id(value) for value in values) if reason]


class GovEvaluationPublic(http.Controller):
    # ------------------------------------------------------------------ helpers
    def _limited(self, key):
        """None when the client may rate once more, else the seconds to wait."""
        return RATING_LIMITER.wait(key, RATING_LIMIT_PARAM, RATING_LIMIT)

    def _labels(self, field):
        return dict(request.env["gov.evaluation"]._fields[field]._description_selection(request.env))

    def _form_values(self, is_online, values=None, error="", **extra):
        """What the rating form shows: levels, the dimensions of the kind of service, the reasons
        offered, and the values posted (kept when the form comes back with an error)."""
        Evaluation = request.env["gov.evaluation"]
        dimensions = ONLINE_DIMENSIONS if is_online else HALL_DIMENSIONS
        reasons = (
            request.env["gov.evaluation.reason"]
            .sudo()
            .search([("scope", "in", ("all", "online" if is_online else "hall"))])
        )
        values = values or {}
        return {
            "levels": list(self._labels("level").items()),
            "bad_levels": BAD_LEVELS,
            "dimensions": [(name, Evaluation._fields[name]._description_string(request.env)) for name in dimensions],
            "reasons": [{"id": r.id, "name": r.name, "needs_comment": r.needs_comment} for r in reasons],
            "posted": values,
            "posted_reasons": set(values.get("reason_ids") or []),
            "error": error,
            "comment_max": COMMENT_MAX,
            "lang": request.env.lang,
            **extra,
        }

    # ------------------------------------------------------------------ a case's rating page
    def _case(self, case_id, token):
        case = request.env["gov.case"]._rating_case_from_token(case_id, token)
        if not case:
            raise request.not_found()
        return case

    def _channel(self, case, channel, src):
        """``portal`` for the case's owner logged in coming from the portal, ``sms`` for the SMS link,
        else ``qr``: decided here from who is asking, whatever was posted."""
        user = request.env.user
        if channel == "portal" and not user._is_public() and case.partner_id and user.partner_id == case.partner_id:
            return "portal"
        return "sms" if src == "sms" else "qr"

    def _query_extra(self, channel, src):
        """The query that keeps the way the page was reached when switching occasions."""
        return ("&channel=portal" if channel == "portal" else "") + ("&src=sms" if src == "sms" else "")

    def _case_values(self, case, occasion, channel, src, **extra):
        open_occasions = case._rating_open_occasions()
        occasion = occasion if occasion in open_occasions else (open_occasions[:1] or [False])[0]
        rated = set(case.evaluation_ids.mapped("occasion"))
        labels = self._labels("occasion")
        return self._form_values(
            case.channel == "portal",
            page_name="gov_rate",
            case_info={
                "number": case.number or "",
                "item": case.item_id.name or "",
                "site": case.site_id.name or "",
                "centre": case.centre_id.name or "",
            },
            action=case._rating_path(),
            occasion=occasion,
            occasions=[(key, labels[key]) for key in open_occasions],
            rated=bool(rated),
            # Not rateable now, but its result will be once decided (the same link then).
            result_later="result" not in rated and "result" not in open_occasions and bool(case.number),
            channel=channel if channel == "portal" else "",
            src=src or "",
            query_extra=self._query_extra(channel, src),
            **extra,
        )

    @public_page(
        "/gov/rate/<case_id>/<token>",
        case_id=PATH_ID,
        token=PATH_TOKEN,
        occasion=OCCASION,
        channel=choice("portal"),
        src=choice("sms"),
    )
    def rate_case_form(self, case_id, token, occasion=None, channel=None, src=None, **kwargs):
        case = self._case(case_id, token)
        return request.render("gov_eval.public_rate", self._case_values(case, occasion, channel, src))

    @http.route(
        "/gov/rate/<case_id>/<token>", type="http", auth="public", methods=["POST"], website=True, sitemap=False
    )
    @public_params(
        case_id=PATH_ID, token=PATH_TOKEN, occasion=OCCASION, channel=choice("portal"), src=choice("sms"), **FORM_PARAMS
    )
    def rate_case(self, case_id, token, occasion=None, channel=None, src=None, **form):
        case = self._case(case_id, token)
        values = {**form, "reason_ids": posted_reasons()}
        retry_after = self._limited("case")
        if retry_after:
            return too_many(
                request.render(
                    "gov_eval.public_rate",
                    self._case_values(case, occasion, channel, src, values=values, error="busy"),
                    status=429,
                ),
                retry_after,
            )
        if occasion not in case._rating_open_occasions():
            error = request.env._("This service cannot be rated on this occasion now: open the rating page again.")
            if occasion:
                try:
                    case._check_rating_occasion(occasion)
                except UserError as exc:
                    error = str(exc)
            return request.render(
                "gov_eval.public_rate",
                self._case_values(case, occasion, channel, src, values=values, error=error),
                status=400,
            )
        try:
            with request.env.cr.savepoint():
                evaluation = request.env["gov.evaluation"]._rate_case(
                    case, occasion, self._channel(case, channel, src), values
                )
        except UserError as exc:
            return request.render(
                "gov_eval.public_rate",
                self._case_values(case, occasion, channel, src, values=values, error=str(exc)),
                status=400,
            )
        open_occasions = case._rating_open_occasions()
        return request.render(
            "gov_eval.public_rate_thanks",
            {
                "page_name": "gov_rate",
                "bad": evaluation.is_bad,
                "occasion_label": self._labels("occasion").get(evaluation.occasion, ""),
                "next_url": f"{case._rating_path()}?occasion={open_occasions[0]}{self._query_extra(channel, src)}"
                if open_occasions
                else "",
                "back_url": f"/my/cases/{case.id}" if self._channel(case, channel, src) == "portal" else "",
            },
        )

    # ------------------------------------------------------------------ the window's device
    def _window(self, window_id, token):
        window = request.env["gov.window"]._device_from_token(window_id, token)
        if not window:
            raise request.not_found()
        return window

    def _device_values(self, window, token, **extra):
        employee = window._get_on_duty_employee().sudo()
        # What a rating now would be about: the acceptance of the case being served, else a consultation
        # (the same choice as gov.evaluation._rate_window). Case number and item only.
        case = window._case_being_served()
        serving = (
            {"number": case.number, "item": case.item_id.name}
            if case and "acceptance" in case._rating_open_occasions()
            else None
        )
        return self._form_values(
            False,
            serving=serving,
            window_info={
                "code": window.code or "",
                "name": window.name or "",
                "site": window.site_id.name or "",
            },
            # The person on duty as on the public window board: name, post and badge number only.
            clerk={"name": employee.name, "job": employee.job_title or "", "badge": employee.gov_badge or ""}
            if employee
            else None,
            action=f"/gov/windows/{window.id}/rate/{token}",
            **extra,
        )

    @http.route(
        "/gov/windows/<window_id>/rate/<token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    @public_params(window_id=PATH_ID, token=PATH_TOKEN)
    def rate_window_form(self, window_id, token, **kwargs):
        window = self._window(window_id, token)
        return request.render("gov_eval.window_rate", self._device_values(window, token))

    @http.route("/gov/windows/<window_id>/rate/<token>", type="http", auth="public", methods=["POST"], sitemap=False)
    @public_params(window_id=PATH_ID, token=PATH_TOKEN, **FORM_PARAMS)
    def rate_window(self, window_id, token, **form):
        window = self._window(window_id, token)
        values = {**form, "reason_ids": posted_reasons()}
        retry_after = self._limited(f"window/{window.id}")
        if retry_after:
            return too_many(
                request.render(
                    "gov_eval.window_rate", self._device_values(window, token, values=values, error="busy"), status=429
                ),
                retry_after,
            )
        try:
            with request.env.cr.savepoint():
                evaluation = request.env["gov.evaluation"]._rate_window(window, values)
        except UserError as exc:
            return request.render(
                "gov_eval.window_rate",
                self._device_values(window, token, values=values, error=str(exc)),
                status=400,
            )
        return request.render(
            "gov_eval.window_rate_thanks",
            {
                "window_info": {"code": window.code or "", "name": window.name or "", "site": window.site_id.name},
                "bad": evaluation.is_bad,
                "restart": DEVICE_RESTART,
                "restart_url": f"/gov/windows/{window.id}/rate/{token}",
                "lang": request.env.lang,
            },
        )

    # ------------------------------------------------------------------ published results
    @public_page("/gov/evaluations", sitemap=True)
    def published(self, **kwargs):
        values = request.env["gov.site"]._published_evaluations(china_today())
        values["page_name"] = "gov_evaluations"
        return request.render("gov_eval.public_evaluations", values)


class GovEvaluationPortal(CustomerPortal):
    @http.route(
        "/my/cases/<case_id>/rate", type="http", auth="user", methods=["GET"], website=True, sitemap=False, readonly=True
    )
    @public_params(case_id=PATH_ID, occasion=OCCASION)
    def portal_rate(self, case_id, occasion=None, **kwargs):
        """The owner's way to the rating page (the link of older messages and e-mails): the page with the
        case's token, which every case has from its creation."""
        try:
            case = self._document_check_access("gov.case", case_id)
        except (AccessError, MissingError):
            return not_found_response()
        query = f"?occasion={occasion}&channel=portal" if occasion else "?channel=portal"
        return request.redirect(f"{case._rating_path()}{query}", code=303)
