"""The service kinds of a site's queue (取号业务类型): the big buttons of the hall kiosk.

A ticket's number is the service's prefix letter and three digits, restarting each day
(A001 综合受理, B001 出件/领证, C001 咨询). ``Y`` is the prefix of checked-in appointments
(预约), whatever their service: it is reserved and refused to service kinds. A service is
called at the windows that serve it (``window_ids``), at every window of the site when none is
chosen.
"""

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

APPOINTMENT_PREFIX = "Y"
_PREFIX_RE = re.compile(r"[A-Z]", re.ASCII)

# The kinds every site starts with (created with the site; an administrator adapts them):
# (prefix, name, sequence, window types that serve it).
# The window types of each default kind are kept apart from the labels: Odoo's term extractor reads
# every string that follows a translated one on its line.
SERVICE_WINDOW_TYPES = {
    "A": ("comprehensive", "one_thing", "agent", "department"),
    "B": ("issuing",),
    "C": ("consultation",),
}
DEFAULT_SERVICES = (
    ("A", _lt("Comprehensive Acceptance"), 10, SERVICE_WINDOW_TYPES["A"]),
    ("B", _lt("Result Pickup"), 20, SERVICE_WINDOW_TYPES["B"]),
    ("C", _lt("Consultation"), 30, SERVICE_WINDOW_TYPES["C"]),
)


class GovQueueService(models.Model):
    _name = "gov.queue.service"
    _description = "Queue Service Kind"
    _order = "site_id, sequence, prefix"

    name = fields.Char(required=True, translate=True, help="Shown on the kiosk's button and the printed slip.")
    prefix = fields.Char(
        required=True,
        size=1,
        help="One capital letter put before the ticket numbers (A001). Y is reserved for appointments.",
    )
    sequence = fields.Integer(default=10)
    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="cascade")
    window_ids = fields.Many2many(
        "gov.window",
        "gov_queue_service_window_rel",
        "service_id",
        "window_id",
        string="Windows",
        domain="[('site_id', '=', site_id)]",
        help="The windows that call this service's tickets; every window of the site when empty.",
    )
    description = fields.Char(help="A line under the kiosk's button (what to come for).")
    active = fields.Boolean(default=True)

    _prefix_site_unique = models.Constraint(
        "UNIQUE(site_id, prefix)", "Each service kind of a site has its own prefix letter."
    )

    @api.constrains("prefix")
    def _check_prefix(self):
        for service in self:
            if not _PREFIX_RE.fullmatch(service.prefix or ""):
                raise ValidationError(
                    self.env._("The prefix of %(service)s must be one capital letter (A to Z).", service=service.name)
                )
            if service.prefix == APPOINTMENT_PREFIX:
                raise ValidationError(
                    self.env._(
                        "The prefix %(prefix)s is reserved for checked-in appointments: choose another letter for "
                        "%(service)s.",
                        prefix=APPOINTMENT_PREFIX,
                        service=service.name,
                    )
                )

    @api.constrains("window_ids", "site_id")
    def _check_windows(self):
        for service in self:
            foreign = service.window_ids.filtered(lambda window, site=service.site_id: window.site_id != site)
            if foreign:
                raise ValidationError(
                    self.env._(
                        "%(window)s is not a window of %(site)s: a service kind is called at its own site's windows.",
                        window=foreign[0].display_name,
                        site=service.site_id.name,
                    )
                )

    def _compute_display_name(self):
        for service in self:
            service.display_name = f"{service.prefix} {service.name}" if service.prefix else service.name

    @api.model
    def _ensure_default_services(self, sites=None):
        """Create the default service kinds of ``sites`` (every site when None) that have none yet,
        archived ones included; their windows by window type. Run at install and on site creation."""
        Service = self.sudo().with_context(active_test=False)
        sites = (sites if sites is not None else self.env["gov.site"].sudo().search([])).sudo()  # pylint: disable=no-search-all  # a small table, read whole on purpose
        if not sites:
            return Service
        having = {site.id for [site] in Service._read_group([("site_id", "in", sites.ids)], ["site_id"])}
        vals_list = []
        for site in sites:
            if site.id in having:
                continue
            for prefix, name, sequence, window_types in DEFAULT_SERVICES:
                windows = site.window_ids.filtered(lambda window, types=window_types: window.window_type in types)
                vals_list.append(
                    {
                        "site_id": site.id,
                        "prefix": prefix,
                        "name": name._translate("en_US"),
                        "sequence": sequence,
                        "window_ids": [fields.Command.set(windows.ids)],
                    }
                )
        services = Service.with_context(lang="en_US").create(vals_list)
        # The names in the other installed languages (Chinese in the halls).
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        labels = {str(name._translate("en_US")): name for _prefix, name, _seq, _types in DEFAULT_SERVICES}
        for service in services if langs else ():
            label = labels[service.with_context(lang="en_US").name]
            service.update_field_translations("name", {lang: label._translate(lang) for lang in langs})
        return services.with_env(self.env)

    def _windows_served(self):
        """The windows that call the tickets of ``self`` (one service): its own, or all of the site's."""
        self.ensure_one()
        return self.window_ids or self.site_id.window_ids
