"""The public verification of a result (结果核验): /gov/verify and /gov/verify/<number>, no login.

Anyone holding a certificate or licence of the district (a bank, an employer, the holder) checks
that its number was really issued, by whom and to whom (the holder's name masked), and whether it
was revoked. What the page may say comes from ``_verify_public`` of the models ``gov.verify`` lists
(results of cases, compliance and training certificates) only.

No enumeration: a number that was never issued and a malformed one (too long, strange characters)
get the same answer, a 404 with the same page; the page never repeats what was typed.

Rate limit (per client address, in memory)
==========================================

Every lookup counts, whatever the number (so that the limit says nothing about the number either):
``/gov/verify/<number>`` and a number typed in the form (``/gov/verify?number=``). At most
``gov_eval.verify_rate_limit`` lookups (system parameter, default ``DEFAULT_LIMIT``) in any
``WINDOW`` seconds per client, then a 429 page (in Chinese, like every public page) with a
``Retry-After`` header; the empty form is not counted. A client is its address as Odoo sees it
(``request.httprequest.remote_addr``): behind a reverse proxy, run Odoo with ``proxy_mode = True``
or every visitor shares the proxy's address and its limit. An IPv6 client is its /64 network (one household or phone holds a whole /64).

The counter is a sliding log kept in the memory of the Odoo process (:class:`RateLimiter`), chosen
over a table because the page stays a read-only route (``readonly=True``, it may run on a read
replica), a lookup costs no write, and tests need no clean-up of the database. Its limits, which
are acceptable for a brake on scraping: with ``workers = N`` each worker process counts on its
own (a client may get up to N times the limit), and a restart forgets the counts. Memory is
bounded (``MAX_CLIENTS`` addresses, idle ones dropped first). A flood from many addresses is the
reverse proxy's job (nginx ``limit_req``).
"""

import collections
import ipaddress
import math
import threading
import time
import unicodedata

from odoo import http
from odoo.addons.gov_center.controllers.params import TEXT, Param, public_page, public_params, to_id
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from ..models.config import int_param

LIMIT_PARAM = "gov_eval.verify_rate_limit"
DEFAULT_LIMIT = 30
WINDOW = 60  # seconds
MAX_CLIENTS = 10000
# A result number as issued (2026-R000123-K7QM: the district series and a random check part;
# the sequence's prefix may change): ASCII letters,
# digits and dashes. Anything else is no number of ours, and answered like an unknown one.
MAX_NUMBER = 40
NUMBER_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


class RateLimiter:
    """At most ``limit`` hits per key in any ``window`` seconds (a sliding log of hit times)."""

    def __init__(self, window=WINDOW, max_keys=MAX_CLIENTS):
        self.window = window
        self.max_keys = max_keys
        self._hits = {}  # key -> deque of monotonic times, oldest first
        self._lock = threading.Lock()

    def hit(self, key, limit, now=None):
        """Count one hit of ``key``: (True, 0) when allowed, else (False, seconds to wait)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                if len(self._hits) >= self.max_keys:
                    self._prune(now)
                hits = self._hits[key] = collections.deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= limit:
                return False, max(math.ceil(hits[0] + self.window - now), 1)
            hits.append(now)
            return True, 0

    def _prune(self, now):
        """Drop the idle keys; if the table is still full, the least recently seen half."""
        for key in [key for key, hits in self._hits.items() if not hits or hits[-1] <= now - self.window]:
            del self._hits[key]
        if len(self._hits) >= self.max_keys:
            by_last_hit = sorted(self._hits, key=lambda key: self._hits[key][-1])
            for key in by_last_hit[: len(by_last_hit) // 2 + 1]:
                del self._hits[key]

    def reset(self):
        with self._lock:
            self._hits.clear()

    def wait(self, key, param, default):
        """Count one hit of the requesting client (its address, after ``key`` when given) against the
        limit of the system parameter ``param`` (``default`` when unset or not a positive number):
        None when allowed, else the seconds to wait."""
        limit = int_param(request.env, param, default, minimum=1)
        client = client_key(request.httprequest.remote_addr)
        allowed, retry_after = self.hit(f"{key}/{client}" if key else client, limit)
        return None if allowed else retry_after


def own_portal_record(model, record_id):
    """The caller's own record of ``model`` (readable with their rights, and their partner's), or None."""
    record_id = to_id(record_id)
    if not record_id:
        return None
    record = request.env[model].browse(record_id)
    try:
        record.check_access("read")
        if not record.exists() or record.partner_id != request.env.user.partner_id:
            return None
    except (AccessError, MissingError):
        return None
    return record


def too_many(response, retry_after):
    """``response`` (rendered with status 429) telling the client when to come back."""
    response.headers["Retry-After"] = str(retry_after)
    return response


VERIFY_LIMITER = RateLimiter()


def client_key(address):
    """The client an address stands for: itself, or its /64 network for IPv6."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return str(address or "")
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def to_result_number(value):
    """A well-formed result number (ASCII letters, digits, dashes; at most 40), else None.

    Full-width characters typed with a Chinese input method (２０２６－Ｒ０００１２３) count as
    the ASCII ones (NFKC)."""
    if not isinstance(value, str):
        return None
    value = unicodedata.normalize("NFKC", value[: MAX_NUMBER * 4]).strip()
    if not value or len(value) > MAX_NUMBER or not set(value) <= NUMBER_CHARS:
        return None
    return value.upper()  # the check part is upper case; a number read aloud is often typed in lower case


# Not a path parameter of params.py (path=True would answer a malformed number with the generic
# 404 page, another page than an unknown number's): a malformed number reaches the route as None.
RESULT_NUMBER = Param(to_result_number, label="result number")


class GovVerifyPublic(http.Controller):
    def _rate_limit(self):
        """None when the client may look up one more number, else the 429 response."""
        retry_after = VERIFY_LIMITER.wait("", LIMIT_PARAM, DEFAULT_LIMIT)
        if retry_after is None:
            return None
        return too_many(
            request.render(
                "gov_eval.public_verify_limited", {"page_name": "gov_verify", "retry_after": retry_after}, status=429
            ),
            retry_after,
        )

    def _lookup(self, number):
        """The page of ``number`` (None when malformed): 200 for an issued result, revoked or not;
        404 and the same page for anything else; 429 past the client's limit."""
        limited = self._rate_limit()
        if limited:
            return limited
        result = request.env["gov.verify"]._verify_public(number) if number else None
        return request.render(
            "gov_eval.public_verify",
            {"page_name": "gov_verify", "result": result, "searched": True},
            status=200 if result else 404,
        )

    @public_page("/gov/verify", sitemap=True, number=TEXT)
    def verify_form(self, number="", **kwargs):
        """The form; a number typed in it is looked up here, exactly as /gov/verify/<number> does."""
        if number:
            return self._lookup(to_result_number(number))
        return request.render("gov_eval.public_verify", {"page_name": "gov_verify", "result": None, "searched": False})

    @public_page("/gov/verify/<number>", number=RESULT_NUMBER)
    def verify_number(self, number=None, **kwargs):
        """The URL the QR code of a result certificate carries (gov.case._verify_url)."""
        return self._lookup(number)


class GovTrackPublic(GovVerifyPublic):
    """/gov/track: follow a case without logging in, with the case number and the access code printed
    on the receipt. Rate-limited with the verification page (one budget per address); a wrong pair
    tells nothing about which half was wrong."""

    # Read-only: a case has its portal token from its creation (gov.case.create).
    @http.route("/gov/track", type="http", auth="public", methods=["GET"], website=True, sitemap=True, readonly=True)
    @public_params(number=TEXT, code=TEXT)
    def track(self, number="", code="", **kwargs):
        values = {"page_name": "gov_track", "searched": False}
        if number or code:
            limited = self._rate_limit()
            if limited:
                return limited
            case = request.env["gov.case"]._track_public(number, code)
            if case:
                return request.redirect(case._follow_url(relative=True), code=303)
            values["searched"] = True
            return request.render("gov_eval.public_track", values, status=404)
        return request.render("gov_eval.public_track", values)
