"""Every public route of the suite, requested with malformed parameters: never a server error.

The routes come from the routing map (auth 'public' or 'none', endpoint in a gov_* module), the
parameters each reads from its declaration (``gov_center.controllers.params.public_params``),
the path parameters from the route itself. gov_eval installs the whole suite, so every module's
routes are there.
"""

import base64
import inspect
import logging
import time

from odoo.addons.gov_center.tests.common import ChineseEnvCase
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ARGUMENT, gov_routes

_logger = logging.getLogger(__name__)

# Malformed values, written as they travel in a URL (percent-encoded).
MALFORMED = {
    "unicode superscript digit": "%C2%B2",  # ²
    "arabic-indic digits": "%D9%A1%D9%A2",  # ١٢
    "NUL": "%00",
    "huge number": "99999999999999999999",
    "negative": "-1",
    "far future": "9999-12-31",
    "far past": "0001-01-01",
    "10 kB": "9" * 10240,
    "SQL and LIKE metacharacters": "%25_%27%20OR%20%271%27%3D%271",  # %_' OR '1'='1
    "invalid UTF-8": "%FF%FE%C3",
}
# Routes the suite is known to publish (the test fails if one disappears from the map).
KNOWN_ROUTES = {
    "/gov",
    "/gov/sites",
    "/gov/sites/<site_id>",
    "/gov/api/sites",
    "/gov/api/sites/<site_id>",
    "/gov/sites/<site_id>/roster",
    "/gov/sites/<site_id>/board",
    "/gov/items",
    "/gov/items/<item_id>",
    "/gov/items/<item_id>/guide.pdf",
    "/gov/items/<item_id>/materials/<material_id>/<kind>",
    "/gov/api/items",
    "/gov/api/items/<item_id>",
    "/gov/verify",
    "/gov/track",
    "/gov/verify/<number>",
    "/my/cases/<case_id>",
    "/gov/sites/<site_id>/book",
    "/gov/rate/<case_id>/<token>",
    "/gov/windows/<window_id>/rate/<token>",
    "/gov/evaluations",
}


@tagged("gov", "post_install", "-at_install")
class TestPublicFuzz(ChineseEnvCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        item = env["gov.item"].create(
            {
                "name": "模糊测试事项",
                "category_id": env.ref("gov_items.category_sb").id,
                "item_type": "05",
                "basic_code": "150599099000",
                "department_id": env.ref("gov_items.dept_civil").id,
                "implementing_body_id": env.ref("gov_items.dept_civil").id,
                "case_kind": "immediate",
                "promised_time_limit": 0,
                "visits": 0,
                "acceptance_conditions": "本辖区户籍居民。",
                "material_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "申请表",
                            "blank_form": base64.b64encode(b"%PDF-1.4 form"),
                            "blank_form_name": "申请表.pdf",
                        },
                    )
                ],
                "step_ids": [(0, 0, {"name": "受理"})],
            }
        )
        item.action_publish()
        site = env.ref("gov_center.site_centre_t100")
        env["gov.item.site"].create({"site_id": site.id, "item_id": item.id})
        # A valid value of each path parameter, so that the query parameters behind it are reached.
        cls.valid = {
            "site_id": str(site.id),
            "page": "2",
            "item_id": str(item.id),
            "material_id": str(item.material_ids.id),
            "kind": "form",
            "number": "2026-R000001-ABCD",
            "case_id": "1",
            "window_id": "1",
            "token": "no-such-token",
        }
        # The fuzz requests every route many times from one address: lift /gov/verify's rate limit.
        env["ir.config_parameter"].set_param("gov_eval.verify_rate_limit", 100000)

    def _public_routes(self):
        """(path, endpoint) of every public route of the gov_* modules, from the routing map."""
        return {
            path: (rule, endpoint)
            for (path, _methods), (rule, endpoint) in gov_routes(self.env).items()
            if endpoint.routing.get("auth") in ("public", "none")
        }

    def _url(self, path, values, query=None):
        url = ARGUMENT.sub(lambda match: values[match.group(1)], path)
        return f"{url}?{query}" if query else url

    def test_no_server_error_on_malformed_parameters(self):
        routes = self._public_routes()
        self.assertTrue(routes)
        self.assertLessEqual(KNOWN_ROUTES, set(routes), "every known public route is in the routing map")
        requests = 0
        errors = []
        fuzzed_endpoints = set()
        start = time.perf_counter()

        def get(url, expected=None):
            nonlocal requests
            requests += 1
            response = self.url_open(url, timeout=60, allow_redirects=False)
            if response.status_code >= 500 or (expected and response.status_code != expected):
                errors.append((response.status_code, url[:120]))

        with mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http", "werkzeug"):
            for path, (rule, endpoint) in sorted(routes.items()):
                arguments = sorted(rule.arguments)
                self.assertLessEqual(
                    set(arguments), set(self.valid), f"{path}: give a valid value for its path parameters"
                )
                declared = getattr(endpoint, "gov_public_params", None)
                if declared is None:
                    # Not parsed by params.public_params: an error, but fuzz what its signature reads.
                    errors.append(("undeclared parameters", path))
                    signature = inspect.signature(getattr(endpoint, "original_endpoint", endpoint))
                    declared = [p.name for p in signature.parameters.values() if p.kind != p.VAR_KEYWORD]
                elif not set(arguments) <= set(declared):
                    errors.append(("path parameters not parsed", path))
                get(self._url(path, self.valid))
                # /gov and /gov/sites share one endpoint: fuzz it once.
                key = getattr(endpoint, "original_endpoint", endpoint)
                if key in fuzzed_endpoints:
                    continue
                fuzzed_endpoints.add(key)
                for name in arguments:
                    for value in MALFORMED.values():
                        get(self._url(path, {**self.valid, name: value}), expected=404)
                for name in sorted(set(declared) - set(arguments) - {"self"}):
                    for value in MALFORMED.values():
                        get(self._url(path, self.valid, f"{name}={value}"))
        _logger.info(
            "public fuzz: %s routes (%s endpoints), %s requests in %.1f s, %s server errors, %s other problems",
            len(routes),
            len(fuzzed_endpoints),
            requests,
            time.perf_counter() - start,
            sum(1 for status, _url in errors if isinstance(status, int) and status >= 500),
            sum(1 for status, _url in errors if not isinstance(status, int) or status < 500),
        )
        self.maxDiff = None
        self.assertEqual(
            errors, [], "every route declares its parameters; no server error, a 404 for every malformed path value"
        )
