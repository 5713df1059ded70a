"""The one place where the public routes (no login) read their parameters.

Every public route of the gov_* modules is decorated with :func:`public_params`, which
declares the parameters the route reads and hands it parsed, bounded values only:

- a malformed query value is treated as absent (the route gets the parameter's default);
- a malformed path value (``/gov/sites/<site_id>``) ends in a 404 page in Chinese, or in
  ``{"error": "not found"}`` for the JSON feeds; so does any ``NotFound`` the route raises;
- query parameters the route does not declare never reach it.

The rules (one function each, usable on their own):

========  ==========================================================================
id        ASCII digits only (no ``²``, no ``١٢``), 1 to 2**31 - 1 (a PostgreSQL integer)
page      an id, at most ``MAX_PAGE``; absent or malformed is page 1
date      ``YYYY-MM-DD`` in ASCII digits, between ``MIN_DATE`` and ``MAX_DATE``
text      control and format characters (NUL, CR, LF, zero-width, bidi marks) removed,
          whitespace collapsed, at most ``MAX_TEXT`` characters
flag      ``1``, ``true``, ``on`` or ``yes``; anything else is off
choice    one of the given values, compared as ASCII strings
lang      a language code (``zh_CN``), at most 16 characters; whether it is installed is
          decided by :func:`set_public_lang`
========  ==========================================================================

Only ``str`` values are parsed (ids also accept ``int``): an uploaded file or a list is absent.
"""

import datetime
import functools
import re
import unicodedata

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

MAX_ID = 2**31 - 1
MAX_PAGE = 1000
MAX_TEXT = 100
MIN_DATE = datetime.date(2000, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)

_ID_RE = re.compile(r"[0-9]{1,10}", re.ASCII)
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_LANG_RE = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})?(?:@[A-Za-z]{1,8})?", re.ASCII)
_TRUE = {"1", "true", "on", "yes"}
# Unicode categories removed from search text: controls (NUL, CR, LF, DEL, C1), format
# characters (zero-width spaces, bidi overrides), surrogates, unassigned code points.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Cn"}


# ---------------------------------------------------------------------- the rules
def to_id(value):
    """A record id from ASCII digits (or an int) in 1..2**31-1, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def to_page(value):
    """A page number in 1..MAX_PAGE; absent or malformed is page 1."""
    page = to_id(value)
    return min(page, MAX_PAGE) if page else 1


def to_date(value):
    """A date written YYYY-MM-DD between MIN_DATE and MAX_DATE, else None."""
    if isinstance(value, datetime.date):
        day = value
    else:
        match = _DATE_RE.fullmatch(value) if isinstance(value, str) else None
        if not match:
            return None
        try:
            day = datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    return day if MIN_DATE <= day <= MAX_DATE else None


def to_text(value, max_length=MAX_TEXT):
    """Search text without control characters, whitespace collapsed, at most max_length characters."""
    if not isinstance(value, str):
        return ""
    value = value[: max_length * 4]  # bound the work before cleaning
    cleaned = "".join(
        " " if char.isspace() else char
        for char in value
        if char.isspace() or unicodedata.category(char) not in _DROPPED_CATEGORIES
    )
    return " ".join(cleaned.split())[:max_length].strip()


def to_flag(value):
    """True for 1/true/on/yes, else False."""
    return isinstance(value, str) and value.strip().lower() in _TRUE


def to_choice(value, choices):
    """``value`` when it is one of ``choices``, else None."""
    return value if isinstance(value, str) and value in choices else None


def to_lang(value):
    """A well-formed language code (zh_CN, en_US, sr@latin), else None."""
    return value if isinstance(value, str) and _LANG_RE.fullmatch(value) else None


# ---------------------------------------------------------------------- declarations
class Param:
    """How a route reads one parameter: ``parse(value)`` returns the value or ``default``.

    ``path`` parameters are part of the URL: a malformed one is a 404.
    """

    def __init__(self, parse, default=None, path=False, label=""):
        self.parse = parse
        self.default = default
        self.path = path
        self.label = label

    def __call__(self, value):
        parsed = self.parse(value)
        if parsed is None or parsed == "":
            if self.path:
                raise NotFound()
            return self.default
        return parsed

    def __repr__(self):
        return f"Param({self.label}{', path' if self.path else ''})"


ID = Param(to_id, label="id")
PAGE = Param(to_page, default=1, label="page")
DATE = Param(to_date, label="date")
TEXT = Param(to_text, default="", label="text")
FLAG = Param(to_flag, default=False, label="flag")
PATH_ID = Param(to_id, path=True, label="id")


def choice(*choices, path=False):
    """A parameter that takes one of ``choices`` (e.g. the kind of a material file)."""
    allowed = frozenset(choices)
    return Param(lambda value: to_choice(value, allowed), path=path, label="choice")


def selection(model, field):
    """A parameter that takes one of the values of a selection field (e.g. gov.site kind)."""

    def parse(value):
        if not isinstance(value, str):
            return None
        return to_choice(value, set(request.env[model]._fields[field].get_values(request.env)))

    return Param(parse, label="selection")


# Parameters every public page reads (the language rule).
COMMON = {"lang": Param(to_lang, label="lang")}


# ---------------------------------------------------------------------- language
def set_public_lang():
    """Serve the public pages in Chinese unless the visitor picked another installed language.

    The ``lang`` parameter first, then the ``frontend_lang`` cookie. Shared by every module's
    public pages (gov_items, gov_staff import it from controllers/public.py).
    """
    wanted = to_lang(request.params.get("lang")) or to_lang(request.cookies.get("frontend_lang")) or "zh_CN"
    installed = {code for code, _name in request.env["res.lang"].get_installed()}
    if wanted not in installed:
        wanted = "zh_CN" if "zh_CN" in installed else request.env.lang
    if wanted != request.env.lang:
        request.update_context(lang=wanted)


# ---------------------------------------------------------------------- routes
# The public JSON feeds are the same for every visitor and change slowly: a reverse proxy or a kiosk
# may keep one for FEED_MAX_AGE seconds (docs/DEPLOYMENT.md: nginx's proxy_cache for /gov/api/).
# Every site of a city with its year of satisfaction is 0.6 s of work (bench/pages).
FEED_MAX_AGE = 300


def feed_response(data):
    """A public JSON feed's answer, cacheable by proxies for FEED_MAX_AGE seconds."""
    return request.make_json_response(data, headers=[("Cache-Control", f"public, max-age={FEED_MAX_AGE}")])


def not_found_response(json=False):
    """The public 404: a page in the visitor's language (Chinese by default), or JSON for the feeds."""
    if json:
        return request.make_json_response(
            {"error": "not found", "message": request.env._("Not found.")}, status=404
        )
    if not getattr(request, "is_frontend", False):
        # A file route (guide PDF, material download) is no frontend page: give the error page
        # what the public layout needs (http_routing sets this up for `website=True` routes).
        request.is_frontend = True
        request.lang = request.env["res.lang"]._get_data(code=request.env.lang)
    return request.render("gov_center.public_error", {"page_name": "gov_error"}, status=404)


def public_params(json=False, **spec):
    """Declare and parse the parameters of a public route; put it right under ``@http.route``.

    ``spec`` maps each parameter the route reads (path and query) to a :class:`Param`
    (``ID``, ``PAGE``, ``DATE``, ``TEXT``, ``FLAG``, ``PATH_ID``, ``choice(...)``,
    ``selection(...)``). The route receives exactly these names with parsed values. ``json``
    routes answer a 404 as JSON. The declaration is kept on the endpoint as ``gov_public_params``
    (the fuzz test of gov_eval reads it).
    """
    spec = dict(spec)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, *args, **params):
            set_public_lang()
            try:
                values = {name: param(params.get(name)) for name, param in spec.items()}
                return func(self, *args, **values)
            except NotFound:
                return not_found_response(json=json)

        wrapper.gov_public_params = {**COMMON, **spec}
        wrapper.gov_public_json = json
        return wrapper

    return decorator


def public_page(*routes, json=False, sitemap=False, **spec):
    """``@http.route`` of a public GET page or feed (no login, read-only, in the frontend layout)
    with its ``@public_params(**spec)``: the one decorator of the suite's public routes.

    ``routes`` are the route's paths; ``sitemap`` lists the page in /sitemap.xml (the site-wide
    pages); ``json`` answers a 404 as JSON (the feeds)."""

    def decorator(func):
        routed = http.route(
            list(routes),
            type="http",
            auth="public",
            methods=["GET"],
            website=True,
            sitemap=sitemap,
            readonly=True,
        )
        return routed(public_params(json=json, **spec)(func))

    return decorator


def readonly_get(controller, rule, args):
    """``readonly`` of a route answering GET and POST: the form is read (on a read-only replica when
    the deployment has one, ``db_replica_host``), the posted form is written (on the primary)."""
    return request.httprequest.method in ("GET", "HEAD")
