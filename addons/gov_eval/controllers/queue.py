"""The hall's public devices, no login: the queue kiosk (取号机) and the electronic screen (电子屏).

- ``GET /gov/sites/<id>/kiosk``: big buttons per service kind and the green channel choice.
- ``POST /gov/sites/<id>/kiosk``: issues a ticket (``gov.queue.ticket._issue``, which checks
  everything itself) and shows the slip: number, service, people ahead, time. A public form with
  Odoo's CSRF token. Rate-limited per site and client address with the RateLimiter of the
  verification page (``gov_eval.kiosk_rate_limit`` tickets a minute, default ``KIOSK_LIMIT``): a
  kiosk is one device, a script cannot drain the day's numbers.
- ``GET /gov/sites/<id>/screen``: the full-screen page of the hall's TV (1920×1080, read from 5 m):
  the numbers called and their windows, the windows open with the person on duty (or B standing
  in), whereabouts notices, the site's rules, the items handled here, satisfaction once evaluations
  exist. Reloads itself every few minutes; the calls are polled from
- ``GET /gov/sites/<id>/screen.json``: the calls and waiting counts only.

Only ``gov.site._queue_screen_data`` / ``_queue_services_data`` decide what is shown: ticket
numbers, window numbers and staff on duty as on the public window board, never a citizen's data.
"""

from datetime import datetime

import pytz

from odoo import fields, http
from odoo.addons.gov_center.controllers.params import ID, PATH_ID, TEXT, choice, public_params
from odoo.addons.gov_center.controllers.public import public_site
from odoo.addons.gov_staff.models.gov_service_slot import CHINA_TZ
from odoo.exceptions import UserError
from odoo.http import request

from ..models.gov_case import GREEN_REASONS
from .main import RateLimiter, too_many

KIOSK_LIMIT_PARAM = "gov_eval.kiosk_rate_limit"
KIOSK_LIMIT = 20  # tickets a minute from one device at one site
KIOSK_LIMITER = RateLimiter()
SCREEN_REFRESH = 300  # seconds: the whole screen (duty, notices, rules)
CALLS_POLL = 5  # seconds: the calls, from screen.json


def _local(value):
    if not value:
        return None
    return pytz.utc.localize(fields.Datetime.to_datetime(value)).astimezone(CHINA_TZ)


def screen_values(site, lang):
    """The values of the screen's template for ``site`` (a sudo record of a public site)."""
    data = site._queue_screen_data()
    for notice in data["notices"]:
        notice["back"] = _local(notice["back"])
    return {
        "site": site,
        "data": data,
        "now": datetime.now(CHINA_TZ),
        "refresh": SCREEN_REFRESH,
        "poll": CALLS_POLL,
        "lang": lang,
    }


class GovQueuePublic(http.Controller):
    def _site(self, site_id):
        site = public_site(site_id)
        if not site:
            raise request.not_found()
        return site

    # ------------------------------------------------------------------ kiosk
    def _green_labels(self):
        return dict(request.env["gov.queue.ticket"]._fields["green_reason"]._description_selection(request.env))

    def _kiosk_values(self, site, **extra):
        return {
            "site": site,
            "site_name": site.name,
            "services": site._queue_services_data(),
            "green_reasons": list(self._green_labels().items()),
            "error": "",
            "lang": request.env.lang,
            **extra,
        }

    @http.route("/gov/sites/<site_id>/kiosk", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    @public_params(site_id=PATH_ID)
    def kiosk(self, site_id, **kwargs):
        site = self._site(site_id)
        return request.render("gov_eval.queue_kiosk", self._kiosk_values(site))

    def _kiosk_limited(self, site):
        retry_after = KIOSK_LIMITER.wait(site.id, KIOSK_LIMIT_PARAM, KIOSK_LIMIT)
        if retry_after is None:
            return None
        return too_many(
            request.render(
                "gov_eval.queue_kiosk", self._kiosk_values(site, error="busy", retry_after=retry_after), status=429
            ),
            retry_after,
        )

    @http.route("/gov/sites/<site_id>/kiosk", type="http", auth="public", methods=["POST"], sitemap=False)
    @public_params(
        site_id=PATH_ID,
        service=ID,
        green=choice(*(key for key, _label in GREEN_REASONS)),
        appointment=TEXT,
        phone=TEXT,
    )
    def kiosk_issue(self, site_id, service=None, green=None, appointment="", phone="", **kwargs):
        """A number for a service, or (with ``appointment`` and ``phone``) the check-in of today's
        appointment, which takes a number of the appointments' line (Y)."""
        site = self._site(site_id)
        limited = self._kiosk_limited(site)
        if limited:
            return limited
        Service = request.env["gov.queue.service"].sudo()
        chosen = Service.browse(service).exists() if service else Service
        try:
            if appointment or phone:
                ticket = request.env["gov.appointment"]._kiosk_check_in(site, appointment, phone)
            else:
                ticket = request.env["gov.queue.ticket"].sudo()._issue(site, chosen, green_reason=green or False)
        except UserError as error:
            return request.render("gov_eval.queue_kiosk", self._kiosk_values(site, error=str(error)), status=400)
        values = {
            "site_name": site.name,
            "site": site,
            "number": ticket.number,
            "service": ticket.service_id.name,
            "green": self._green_labels().get(ticket.green_reason, "") if ticket.green_reason else "",
            "ahead": ticket._people_ahead(),
            "issued": _local(ticket.issued_at),
            "lang": request.env.lang,
        }
        return request.render("gov_eval.queue_kiosk_slip", values)

    # ------------------------------------------------------------------ screen
    @http.route(
        "/gov/sites/<site_id>/screen", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True
    )
    @public_params(site_id=PATH_ID)
    def screen(self, site_id, **kwargs):
        site = self._site(site_id)
        values = screen_values(site, request.env.lang)
        return request.render("gov_eval.queue_screen", values)

    @http.route(
        "/gov/sites/<site_id>/screen.json", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True
    )
    @public_params(json=True, site_id=PATH_ID)
    def screen_json(self, site_id, **kwargs):
        site = self._site(site_id)
        calls = site._queue_calls()
        return request.make_json_response(
            {
                "calls": calls,
                "services": site._queue_services_data(),
                "time": datetime.now(CHINA_TZ).strftime("%H:%M"),
            },
            headers={"Cache-Control": "no-store"},
        )
