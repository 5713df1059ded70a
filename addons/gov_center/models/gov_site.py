from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import escape_psql

from ..controllers.params import to_id, to_text
from ..tools import format_hour, qr_data_uri
from .gov_settings import default_map_url

# Site kinds of the service network. gov_station adds stations and partner outlets.
SITE_KINDS = [
    ("district_centre", "District Government Service Centre"),
    ("township_centre", "Township/Street Convenience Service Centre"),
]
CENTRE_KINDS = ("district_centre", "township_centre")

# Construction tiers of the annex 《便民服务中心（站）软硬件建设标准化工作指南》, lowest first.
TIERS = [
    ("basic", "Basic Tier"),
    ("standard", "Standard Tier"),
    ("benchmark", "Benchmark Tier"),
]
TIER_RANK = {"basic": 1, "standard": 2, "benchmark": 3}



class GovSite(models.Model):
    """A place where citizens are served: a centre, a station or a partner outlet.

    One registry for the whole network so that rosters, item lists, cases and the
    public site finder all point at the same record.
    """

    _name = "gov.site"
    _description = "Service Site"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin", "image.mixin"]
    _order = "kind_sequence, division_code, name"
    _rec_names_search = ["name", "division_id.name"]

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(SITE_KINDS, required=True, default="township_centre", tracking=True, index=True)
    kind_sequence = fields.Integer(compute="_compute_kind_sequence", store=True)
    is_centre = fields.Boolean(compute="_compute_kind_sequence", store=True, string="Is a Centre")
    division_id = fields.Many2one(
        "gov.division",
        required=True,
        index=True,
        tracking=True,
        help="The administrative division the site serves (所属行政区划).",
    )
    division_code = fields.Char(related="division_id.code", store=True, string="Division Code")
    township_id = fields.Many2one(
        "gov.division",
        string="Township / Street",
        compute="_compute_township_id",
        store=True,
        index=True,
        help="The township or street the site belongs to; empty for district-level sites.",
    )
    parent_id = fields.Many2one(
        "gov.site",
        string="Parent Centre",
        index=True,
        domain="[('is_centre', '=', True)]",
        help="The centre a site reports to: the district centre for township centres, the township "
        "centre for stations.",
    )
    child_ids = fields.One2many("gov.site", "parent_id", string="Subordinate Sites")
    manager_id = fields.Many2one("res.users", tracking=True, help="负责人")
    phone = fields.Char()
    phone_public = fields.Boolean(
        string="Publish Phone", default=True, help="Show the phone number in the public site finder and the feed."
    )
    contact_ids = fields.One2many("gov.site.contact", "site_id", string="Contacts")
    address = fields.Char()
    latitude = fields.Float(digits=(10, 6), help="Latitude in GCJ-02 (the coordinates of Chinese map providers).")
    longitude = fields.Float(digits=(10, 6), help="Longitude in GCJ-02 (the coordinates of Chinese map providers).")
    active = fields.Boolean(default=True)
    is_public = fields.Boolean(
        string="Published", default=True, tracking=True, help="List the site in the public site finder and the feed."
    )
    window_ids = fields.One2many("gov.window", "site_id", string="Windows")
    window_count = fields.Integer(compute="_compute_window_count")
    user_ids = fields.Many2many(
        "res.users",
        "gov_site_res_users_rel",
        "site_id",
        "user_id",
        string="Staff Users",
        help="Users who work at this site; access to the site's records follows it.",
    )

    # Opening and premises
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Opening Hours",
        help="Working calendar of the site; statutory holidays follow the district working calendar.",
    )
    opening_hours = fields.Char(
        compute="_compute_opening_hours", string="Opening Hours Summary", help="Opening hours as shown to citizens."
    )
    weekend_service = fields.Boolean(
        tracking=True, help="Open on Saturdays and Sundays (延时/预约服务)."
    )
    holiday_service = fields.Boolean(
        tracking=True, help="On duty on statutory holidays (365天不打烊)."
    )
    service_hours_note = fields.Char(
        string="Hours Note", help="E.g. weekend service by appointment, lunch break on duty."
    )
    floor_area = fields.Float(string="Floor Area (m²)", tracking=True, help="Floor area of the service hall in m².")
    staff_count = fields.Integer(string="Staff", help="Number of staff working at the site.")
    photo_ids = fields.Many2many(
        "ir.attachment", "gov_site_photo_rel", "site_id", "attachment_id", string="Photos"
    )
    remote_pastoral = fields.Boolean(
        string="Remote Pastoral Area",
        tracking=True,
        help="Station in a remote farming or pastoral area (偏远农牧区): only these may be built to the basic tier.",
    )
    # Facilities: results of the latest closed inspection for the requirements that check them
    # (gov.site.requirement.facility), never set by hand; false for a site never inspected.
    extranet = fields.Boolean(
        string="E-Government Extranet",
        compute="_compute_facilities",
        store=True,
        help="Connected to the e-government extranet (电子政务外网), as found at the latest closed inspection.",
    )
    video_surveillance = fields.Boolean(
        compute="_compute_facilities",
        store=True,
        help="Hooked up to the city-wide video surveillance system (视频监控), as found at the latest closed "
        "inspection.",
    )
    sign_plate = fields.Boolean(
        compute="_compute_facilities",
        store=True,
        help="Name plate fixed outside in a visible place (标识标牌), as found at the latest closed inspection.",
    )
    road_sign = fields.Boolean(
        compute="_compute_facilities",
        store=True,
        help="Notice board at the main crossroads (路口公告牌), as found at the latest closed inspection.",
    )

    # Construction tier
    is_graded = fields.Boolean(
        compute="_compute_kind_sequence", store=True, help="Graded against the construction standards."
    )
    in_basic_target = fields.Boolean(
        compute="_compute_kind_sequence", store=True, help="Counts towards the 100% basic attainment target (stations)."
    )
    target_tier = fields.Selection(
        TIERS, default="standard", tracking=True, help="The tier the site is being built to (建设目标)."
    )
    inspection_ids = fields.One2many("gov.site.inspection", "site_id", string="Inspections")
    rectification_ids = fields.One2many("gov.site.rectification", "site_id", string="Rectification Items")
    rectification_open_count = fields.Integer(
        compute="_compute_rectification_open_count", string="Open Rectifications"
    )
    last_inspection_id = fields.Many2one(
        "gov.site.inspection",
        compute="_compute_last_inspection",
        store=True,
        string="Latest Inspection",
        help="The latest completed inspection: the site's current state.",
    )
    last_inspection_date = fields.Date(related="last_inspection_id.date", string="Last Inspected")
    achieved_tier = fields.Selection(
        TIERS,
        compute="_compute_tier",
        store=True,
        tracking=True,
        help="Highest tier whose mandatory requirements were all met at the latest inspection and whose "
        "minimum floor area is reached.",
    )
    tier_rank = fields.Integer(compute="_compute_tier", store=True, aggregator="max")
    gap_requirement_ids = fields.Many2many(
        "gov.site.requirement",
        "gov_site_gap_requirement_rel",
        "site_id",
        "requirement_id",
        compute="_compute_tier",
        store=True,
        string="Missing Requirements",
        help="Mandatory requirements of the target tier not met at the latest inspection.",
    )
    gap_area = fields.Float(
        compute="_compute_tier", store=True, string="Missing Area (m²)", help="Floor area still missing for the target tier."
    )
    gap_count = fields.Integer(compute="_compute_tier", store=True, string="Missing Items")
    target_reached = fields.Boolean(compute="_compute_tier", store=True)
    gap_summary = fields.Text(compute="_compute_gap_summary", string="Gap to Target")

    _name_unique = models.Constraint("UNIQUE(name)", "Two sites cannot share a name.")

    # The rules' ``gov_site_ids`` and ``gov_scope_site_ids`` (models/ir_rule.py) are cached per
    # user: a change of a site's staff, or of the sites below a site, clears them.
    @api.model_create_multi
    def create(self, vals_list):
        sites = super().create(vals_list)
        if any(vals.get("user_ids") or vals.get("parent_id") for vals in vals_list):
            self.env.registry.clear_cache()
        sites._gov_created()
        return sites

    def _gov_created(self):
        """Hook for the modules that set up more with a new site (gov_eval: its queue services).

        Extend this, not ``create``: OCA auditlog wraps ``gov.site.create`` when its rule is confirmed
        (gov_center's data), keeping the method of that moment, so a ``create`` override of a module
        installed later in the same process would be skipped until the server restarts; this hook
        is looked up on the record at each call."""

    def write(self, vals):
        result = super().write(vals)
        if "user_ids" in vals or "parent_id" in vals:
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        staffed = bool(self.sudo().user_ids) or bool(self.sudo().parent_id)
        result = super().unlink()
        if staffed:
            self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------------ hooks
    @api.model
    def _graded_kinds(self):
        """Kinds graded against the construction standards (gov_station adds stations)."""
        return ("township_centre",)

    @api.model
    def _basic_target_kinds(self):
        """Kinds whose basic attainment target is 100% (stations, added by gov_station)."""
        return ()

    def _basic_tier_allowed(self):
        """Basic tier exists only for stations in remote pastoral areas; centres have none."""
        self.ensure_one()
        return False

    def _expected_name(self):
        """Name the annex prescribes for the site, or None when it is free (partner outlets)."""
        self.ensure_one()
        division = self.division_id
        if self.kind == "district_centre":
            return f"{division.name}政务服务中心"
        if self.kind == "township_centre":
            return f"{division.name}便民服务中心"
        return None

    def _expected_division_levels(self):
        self.ensure_one()
        return {"district_centre": ("district",), "township_centre": ("township",)}.get(self.kind)

    # ------------------------------------------------------------------ computes
    @api.depends("kind")
    def _compute_kind_sequence(self):
        order = {kind: i for i, (kind, _label) in enumerate(self._fields["kind"].selection)}
        graded = self._graded_kinds()
        basic = self._basic_target_kinds()
        for site in self:
            site.kind_sequence = order.get(site.kind, 99)
            site.is_centre = site.kind in CENTRE_KINDS
            site.is_graded = site.kind in graded
            site.in_basic_target = site.kind in basic

    @api.depends("division_id.level", "division_id.parent_id")
    def _compute_township_id(self):
        for site in self:
            division = site.division_id
            if division.level == "township":
                site.township_id = division
            elif division.level == "village":
                site.township_id = division.parent_id
            else:
                site.township_id = False

    def _compute_rectification_open_count(self):
        counts = dict(
            self.env["gov.site.rectification"]._read_group(
                [("site_id", "in", self.ids), ("state", "in", ("open", "submitted", "reopened"))],
                ["site_id"],
                ["__count"],
            )
        )
        for site in self:
            site.rectification_open_count = counts.get(site, 0)

    def _compute_window_count(self):
        counts = dict(self.env["gov.window"]._read_group([("site_id", "in", self.ids)], ["site_id"], ["__count"]))
        for site in self:
            site.window_count = counts.get(site, 0)

    @api.depends("resource_calendar_id.attendance_ids", "weekend_service")
    def _compute_opening_hours(self):
        days = dict(self.env["resource.calendar.attendance"]._fields["dayofweek"]._description_selection(self.env))
        for site in self:
            calendar = site.resource_calendar_id
            if not calendar:
                site.opening_hours = False
                continue
            ranges = {}
            for att in calendar.attendance_ids.filtered(
                lambda a: a.day_period != "lunch" and (not a.week_type or a.week_type == "0")
            ):
                ranges.setdefault(att.dayofweek, []).append((att.hour_from, att.hour_to))
            groups = []
            for day in sorted(ranges, key=int):
                spans = "、".join(f"{format_hour(a)}-{format_hour(b)}" for a, b in sorted(set(ranges[day])))
                if groups and groups[-1][2] == spans and int(groups[-1][1]) == int(day) - 1:
                    groups[-1][1] = day
                else:
                    groups.append([day, day, spans])
            parts = []
            for first, last, spans in groups:
                label = days[first] if first == last else self.env._("%(first)s to %(last)s", first=days[first], last=days[last])
                parts.append(f"{label} {spans}")
            site.opening_hours = "；".join(parts)

    @api.depends("inspection_ids.state", "inspection_ids.date")
    def _compute_last_inspection(self):
        for site in self:
            done = site.inspection_ids.filtered(lambda i: i.state == "done")
            site.last_inspection_id = done.sorted(lambda i: (i.date, i.id))[-1:] if done else False

    @api.depends(
        "last_inspection_id",
        "last_inspection_id.line_ids.result",
        "last_inspection_id.line_ids.requirement_id.facility",
    )
    def _compute_facilities(self):
        """A facility is there when the latest closed inspection met every requirement that checks it
        (not when it found it not applicable or had no such requirement)."""
        facilities = [key for key, _label in self.env["gov.site.requirement"]._fields["facility"].selection]
        for site in self:
            found = {}
            for line in site.last_inspection_id.line_ids:
                facility = line.requirement_id.facility
                if facility:
                    found.setdefault(facility, []).append(line.result == "met")
            for facility in facilities:
                site[facility] = bool(found.get(facility)) and all(found[facility])

    @api.depends(
        "kind",
        "floor_area",
        "remote_pastoral",
        "target_tier",
        "last_inspection_id",
        "last_inspection_id.line_ids.result",
    )
    def _compute_tier(self):
        """The one place where tiers are decided.

        Tiers are cumulative: a tier is reached when the floor area reaches its minimum and
        every mandatory requirement of that tier and of the lower tiers of the same kind was
        met at the latest inspection. Basic tier exists only where `_basic_tier_allowed`.
        """
        Standard = self.env["gov.site.standard"]
        by_kind = Standard._standards_by_kind()
        for site in self:
            standards = by_kind.get(site.kind, []) if site.is_graded else []
            met = site.last_inspection_id._met_requirements() if site.last_inspection_id else set()
            achieved = False
            required = set()
            needed = {}
            for standard in standards:  # lowest tier first
                required |= standard._mandatory_requirement_ids()
                needed[standard.tier] = (set(required), standard.min_area)
                if standard.tier == "basic" and not site._basic_tier_allowed():
                    continue
                if site.floor_area >= standard.min_area and required <= met:
                    achieved = standard.tier
                else:
                    break
            site.achieved_tier = achieved
            site.tier_rank = TIER_RANK.get(achieved, 0)
            target = site.target_tier
            if site.is_graded and target in needed:
                target_required, min_area = needed[target]
                missing = sorted(target_required - met)
                site.gap_requirement_ids = [fields.Command.set(missing)]
                site.gap_area = max(0.0, min_area - site.floor_area)
                site.gap_count = len(missing)
                site.target_reached = TIER_RANK.get(achieved, 0) >= TIER_RANK[target]
            else:
                site.gap_requirement_ids = [fields.Command.clear()]
                site.gap_area = 0.0
                site.gap_count = 0
                site.target_reached = False

    @api.depends("gap_requirement_ids", "gap_area", "target_tier", "target_reached", "is_graded")
    def _compute_gap_summary(self):
        tiers = dict(self._fields["target_tier"]._description_selection(self.env))
        for site in self:
            if not site.is_graded or not site.target_tier:
                site.gap_summary = False
            elif site.target_reached:
                site.gap_summary = self.env._("Target tier %(tier)s reached.", tier=tiers[site.target_tier])
            else:
                lines = [self.env._("Gap to the %(tier)s tier:", tier=tiers[site.target_tier])]
                if site.gap_area:
                    lines.append(self.env._("- floor area: %(missing)s m² missing", missing=f"{site.gap_area:g}"))
                lines += [f"- {req.display_name}" for req in site.gap_requirement_ids]
                if not site.last_inspection_id:
                    lines.append(self.env._("- no completed inspection yet"))
                site.gap_summary = "\n".join(lines)

    # ------------------------------------------------------------------ constraints
    @api.constrains("parent_id", "kind")
    def _check_parent(self):
        for site in self:
            if site.parent_id and not site.parent_id.is_centre:
                raise ValidationError(
                    self.env._("%(site)s can only report to a centre, not to %(parent)s.", site=site.name, parent=site.parent_id.name)
                )
        if self._has_cycle():
            raise ValidationError(self.env._("A site cannot report to itself."))

    @api.constrains("name", "kind", "division_id")
    def _check_name(self):
        for site in self:
            levels = site._expected_division_levels()
            if levels and site.division_id.level not in levels:
                raise ValidationError(
                    self.env._(
                        "%(site)s is a %(kind)s: its division must be a %(levels)s, not %(division)s.",
                        site=site.name,
                        kind=site._kind_label(),
                        levels="、".join(site.division_id._level_label(level) for level in levels),
                        division=site.division_id.name,
                    )
                )
            expected = site._expected_name()
            if expected and site.name != expected:
                raise ValidationError(
                    self.env._(
                        "The name “%(name)s” does not follow the naming standard: a %(kind)s of %(division)s "
                        "must be named “%(expected)s”.",
                        name=site.name,
                        kind=site._kind_label(),
                        division=site.division_id.name,
                        expected=expected,
                    )
                )

    @api.constrains("target_tier", "kind", "remote_pastoral")
    def _check_target_tier(self):
        for site in self:
            if site.target_tier == "basic" and not site._basic_tier_allowed():
                raise ValidationError(
                    self.env._(
                        "%(site)s cannot target the basic tier: it exists only for stations in remote pastoral "
                        "areas. Choose the standard or benchmark tier.",
                        site=site.name,
                    )
                )

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for site in self:
            if not (-90 <= site.latitude <= 90 and -180 <= site.longitude <= 180):
                raise ValidationError(
                    self.env._("The coordinates of %(site)s are out of range: latitude -90…90, longitude -180…180.", site=site.name)
                )

    @api.onchange("kind", "division_id")
    def _onchange_suggest_name(self):
        if self.division_id and self.kind:
            expected = self._expected_name()
            if expected:
                self.name = expected

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env)).get(self.kind, self.kind)

    # ------------------------------------------------------------------ actions
    def action_view_windows(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_window")
        action.update(domain=[("site_id", "=", self.id)], context={"default_site_id": self.id})
        return action

    def action_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_site_inspection")
        action.update(domain=[("site_id", "=", self.id)], context={"default_site_id": self.id})
        return action

    def action_view_rectifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_site_rectification")
        action.update(domain=[("site_id", "=", self.id)])
        return action

    def action_new_inspection(self):
        self.ensure_one()
        inspection = self.env["gov.site.inspection"].create({"site_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.site.inspection",
            "res_id": inspection.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ public face
    def _public_url(self):
        self.ensure_one()
        return f"/gov/sites/{self.id}"

    def _public_full_url(self):
        self.ensure_one()
        return self.get_base_url() + self._public_url()

    def _public_qr_data_uri(self):
        """QR code of the site's public page, as a data URI for reports."""
        self.ensure_one()
        return qr_data_uri(self._public_full_url())

    def _current_certificate(self):
        """The inspection holding the site's valid compliance certificate: the latest closed inspection,
        when it issued one for the tier the site holds. Raises a UserError saying why there is none."""
        self.ensure_one()
        inspection = self.last_inspection_id
        if not self.achieved_tier:
            raise UserError(
                self.env._(
                    "%(site)s has not reached a construction tier: no compliance certificate can be printed. "
                    "Close an inspection that meets the requirements of a tier first.",
                    site=self.name,
                )
            )
        if not inspection.certificate_number or inspection.certificate_tier != self.achieved_tier:
            raise UserError(
                self.env._(
                    "No compliance certificate was issued for the current tier of %(site)s (it changed after the "
                    "latest inspection): close a new inspection to issue one.",
                    site=self.name,
                )
            )
        return inspection

    def _certificate_issuer(self):
        self.ensure_one()
        root_id = int((self.division_id.parent_path or "0/").split("/")[0] or 0)
        root = self.env["gov.division"].browse(root_id).exists() or self.division_id
        return f"{root.name}政务服务局"

    def _map_url(self):
        self.ensure_one()
        if not (self.latitude and self.longitude):
            return False
        # The provider chosen in the settings (gov.settings), else the default provider's link.
        template = self.env["ir.config_parameter"].sudo().get_param("gov_center.map_url_template") or default_map_url()
        return template.format(lat=self.latitude, lng=self.longitude, name=quote(self.name or ""))

    @api.model
    def _public_site_domain(self, filters=None):
        """Domain of the sites the public finder lists for `filters` (a dict of query parameters).

        Hook: modules add their own filters by overriding this method, e.g. gov_items reads
        filters["service"] and restricts to the sites offering that item.
        """
        filters = filters or {}
        domain = [("is_public", "=", True), ("active", "=", True)]
        kind = filters.get("kind")
        if kind and kind in dict(self._fields["kind"].selection):
            domain.append(("kind", "=", kind))
        if filters.get("weekend"):
            domain.append(("weekend_service", "=", True))
        if filters.get("holiday"):
            domain.append(("holiday_service", "=", True))
        township = to_id(filters.get("township"))
        if township:
            domain.append(("township_id", "=", township))
        query = to_text(filters.get("q"))
        if query:
            # A visitor's % and _ are characters to find, not LIKE wildcards.
            pattern = f"%{escape_psql(query)}%"
            domain += [
                "|", "|",
                ("name", "=ilike", pattern),
                ("address", "=ilike", pattern),
                ("division_id.complete_name", "=ilike", pattern),
            ]
        return domain

    def _public_parent(self):
        """The parent centre when the public may see it (active and published), else empty."""
        self.ensure_one()
        parent = self.parent_id
        return parent.filtered_domain(parent._public_site_domain({})) if parent else parent

    def _public_data(self):
        """The public face of the sites: the only data the finder pages and the feed show.

        One list of dicts for the HTML pages and the JSON feed (数据同源); nothing private
        (non-public phones, staff, inspection notes) is put in.
        """
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        tiers = dict(self._fields["achieved_tier"]._description_selection(self.env))
        result = []
        for site in self:
            result.append(
                {
                    "id": site.id,
                    "name": site.name,
                    "kind": site.kind,
                    "kind_label": kinds.get(site.kind),
                    "division": site.division_id.name,
                    "division_code": site.division_code,
                    "township": site.township_id.name or None,
                    "township_id": site.township_id.id or None,
                    # Never name or link a site the public may not see (an unpublished centre).
                    "parent": {"id": parent.id, "name": parent.name} if (parent := site._public_parent()) else None,
                    "address": site.address or None,
                    "latitude": site.latitude or None,
                    "longitude": site.longitude or None,
                    "phone": site.phone if site.phone_public and site.phone else None,
                    "contacts": [
                        {"label": c.name, "phone": c.phone}
                        for c in site.contact_ids
                        if c.is_public
                    ],
                    "opening_hours": site.opening_hours or None,
                    "hours_note": site.service_hours_note or None,
                    "weekend_service": site.weekend_service,
                    "holiday_service": site.holiday_service,
                    "tier": site.achieved_tier or None,
                    "tier_label": tiers.get(site.achieved_tier) if site.achieved_tier else None,
                    "url": site._public_url(),
                    "map_url": site._map_url() or None,
                }
            )
        return result
