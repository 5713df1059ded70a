from odoo import api, fields, models
from odoo.addons.gov_center.tools import qr_data_uri
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, is_html_empty

STATION_SETTINGS = [
    ("standalone", "Standalone"),
    ("party_mass", "In a Party and Mass Service Centre"),
]
OUTLET_TYPES = [
    ("bank", "Bank"),
    ("mall", "Shopping Mall / Commercial Complex"),
    ("market", "Market / Trade Park"),
    ("enterprise", "Enterprise"),
]


class GovSite(models.Model):
    _inherit = "gov.site"

    kind = fields.Selection(
        selection_add=[
            ("station", "Village/Community Convenience Service Station"),
            ("outlet", "Government-Bank-Enterprise Partner Outlet"),
        ],
        ondelete={"station": "set default", "outlet": "set default"},
    )
    station_setting = fields.Selection(
        STATION_SETTINGS,
        string="Setting",
        default="standalone",
        help="A station is set up on its own or inside the party and mass service centre (依托党群服务中心).",
    )
    outlet_type = fields.Selection(OUTLET_TYPES, help="Where the partner outlet (政银企合作点) is hosted.")
    host_organisation = fields.Char(
        help="Bank branch, mall or enterprise hosting the partner outlet."
    )
    agent_ids = fields.One2many("gov.site.agent", "site_id", string="Agent Service Staff")
    agent_count = fields.Integer(compute="_compute_agent_count", string="Agents")
    agency_rules = fields.Html(
        string="Own 帮办代办 Rules",
        help="What this site adds to the district's 帮办代办 rules (hours, where to find the agents, home visits …); "
        "shown under them on the site's public 帮办代办 page and its hall poster.",
    )

    @api.model
    def _graded_kinds(self):
        return (*super()._graded_kinds(), "station")

    @api.model
    def _basic_target_kinds(self):
        return (*super()._basic_target_kinds(), "station")

    def _basic_tier_allowed(self):
        self.ensure_one()
        return (self.kind == "station" and self.remote_pastoral) or super()._basic_tier_allowed()

    def _expected_name(self):
        self.ensure_one()
        if self.kind == "station":
            return f"{self.division_id.name}便民服务站"
        return super()._expected_name()

    def _expected_division_levels(self):
        self.ensure_one()
        if self.kind == "station":
            return ("village",)
        return super()._expected_division_levels()

    def _compute_agent_count(self):
        counts = dict(self.env["gov.site.agent"]._read_group([("site_id", "in", self.ids)], ["site_id"], ["__count"]))
        for site in self:
            site.agent_count = counts.get(site, 0)

    @api.constrains("kind", "parent_id")
    def _check_station_parent(self):
        for site in self:
            if site.kind in ("station", "outlet") and not site.parent_id:
                raise ValidationError(
                    self.env._("%(site)s is a station or partner outlet: set the centre it belongs to (Parent Centre).", site=site.name)
                )

    @api.constrains("kind", "remote_pastoral")
    def _check_remote_pastoral(self):
        for site in self:
            if site.remote_pastoral and site.kind != "station":
                raise ValidationError(
                    self.env._("Only village and community stations can be marked as in a remote pastoral area (%(site)s).", site=site.name)
                )

    @api.onchange("division_id", "kind")
    def _onchange_station_parent(self):
        if self.kind in ("station", "outlet") and self.division_id and not self.parent_id:
            township = self.division_id if self.division_id.level == "township" else self.division_id.parent_id
            self.parent_id = self.search([("kind", "=", "township_centre"), ("division_id", "=", township.id)], limit=1)

    def _public_data(self):
        result = super()._public_data()
        settings = dict(self._fields["station_setting"]._description_selection(self.env))
        outlets = dict(self._fields["outlet_type"]._description_selection(self.env))
        for row, site in zip(result, self, strict=True):
            row["station_setting"] = settings.get(site.station_setting) if site.kind == "station" else None
            row["outlet_type"] = outlets.get(site.outlet_type) if site.kind == "outlet" else None
            row["host_organisation"] = site.host_organisation or None if site.kind == "outlet" else None
        return result

    def action_view_agents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_station.action_gov_site_agent")
        action.update(domain=[("site_id", "=", self.id)], context={"default_site_id": self.id})
        return action

    def action_print_service_cards(self):
        sites = self.filtered("agent_ids")
        if not sites:
            raise UserError(self.env._("Add the agent service staff of the station first: the cards show their name, duty and phone."))
        return self.env.ref("gov_station.action_report_service_card").report_action(sites)

    # ------------------------------------------------------------------ 帮办代办 (plan, task 13)
    def _public_agency_url(self):
        self.ensure_one()
        return f"/gov/sites/{self.id}/agency"

    def _public_agency_shown(self):
        """Whether the site's public page links to its 帮办代办 page: published agents or items to take."""
        self.ensure_one()
        return bool(self.agent_ids.filtered("is_public")) or bool(self._public_item_lines("agent"))

    def _agency_qr_data_uri(self):
        """QR code (PNG data URI) of the site's public 帮办代办 page, for the hall poster."""
        self.ensure_one()
        return qr_data_uri(self.get_base_url() + self._public_agency_url())

    def _agency_item_data(self):
        """The published items the site offers through 帮办代办 (the item's agent service flag)."""
        self.ensure_one()
        return [
            {
                "id": line.item_id.id,
                "name": line.item_id.name,
                "category": line.category_id.name or None,
                "time_limit": line.item_id._time_limit_label(line.item_id.promised_time_limit),
                "url": f"/gov/items/{line.item_id.id}",
            }
            for line in self._public_item_lines("agent")
        ]

    def _public_agency_data(self):
        """The public 帮办代办 page of each site: the only data the page and the poster show.

        Read as superuser by the public route, so only this allowlist goes out: the site's public
        data, the district's rules and the site's own, the items taken through 帮办代办 and the
        published agents' name, duty, duty phone and scope (never their user or anything else).
        """
        district_rules = self.env["gov.settings"].sudo()._agency_rules()
        result = []
        for site, data in zip(self, self._public_data(), strict=True):
            result.append(
                {
                    "site": data,
                    "rules": district_rules or None,
                    "site_rules": site.agency_rules if not is_html_empty(site.agency_rules) else None,
                    "items": site._agency_item_data(),
                    "agents": site.agent_ids._public_data(),
                    "url": site._public_agency_url(),
                }
            )
        return result

    def _agency_rules_short(self, limit=240):
        """The rules as plain text, cut at `limit` characters, for the poster (the QR code leads to all)."""
        self.ensure_one()
        [data] = self._public_agency_data()
        text = " ".join(html2plaintext(part) for part in (data["rules"], data["site_rules"]) if part)
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

    @api.model
    def _public_agency_district_data(self):
        """The district's 帮办代办 page: its rules, every public site that has published agents or items
        taken through 帮办代办 (with both), and the items with the sites offering them."""
        sites = self.search(self._public_site_domain({}))
        pages = [page for page in sites._public_agency_data() if page["agents"] or page["items"]]
        items = {}
        for page in pages:
            for item in page["items"]:
                entry = items.setdefault(item["id"], dict(item, sites=[]))
                entry["sites"].append({"name": page["site"]["name"], "url": page["url"]})
        return {
            "rules": self.env["gov.settings"].sudo()._agency_rules() or None,
            "sites": pages,
            "items": list(items.values()),
        }

    def action_print_agency_poster(self):
        self.ensure_one()
        return self.env.ref("gov_station.action_report_agency_poster").report_action(self)
