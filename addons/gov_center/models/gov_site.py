from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Site kinds of the service network. gov_station adds stations and partner outlets.
SITE_KINDS = [
    ("district_centre", "District Government Service Centre"),
    ("township_centre", "Township/Street Convenience Service Centre"),
]
CENTRE_KINDS = ("district_centre", "township_centre")


class GovSite(models.Model):
    """A place where citizens are served: a centre, a station or a partner outlet.

    One registry for the whole network so that rosters, item lists, cases and the
    public site finder all point at the same record.
    """

    _name = "gov.site"
    _description = "Service Site"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "kind_sequence, division_code, name"
    _rec_names_search = ["name", "division_id.name"]

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(SITE_KINDS, required=True, default="township_centre", tracking=True, index=True)
    kind_sequence = fields.Integer(compute="_compute_kind_sequence", store=True)
    is_centre = fields.Boolean(compute="_compute_kind_sequence", store=True, string="Is a Centre")
    division_id = fields.Many2one(
        "gov.division",
        string="Division",
        required=True,
        index=True,
        tracking=True,
        help="The administrative division the site serves (所属行政区划).",
    )
    division_code = fields.Char(related="division_id.code", store=True, string="Division Code")
    parent_id = fields.Many2one(
        "gov.site",
        string="Parent Centre",
        index=True,
        domain="[('is_centre', '=', True)]",
        help="The centre a site reports to: the district centre for township centres, the township "
        "centre for stations.",
    )
    child_ids = fields.One2many("gov.site", "parent_id", string="Subordinate Sites")
    manager_id = fields.Many2one("res.users", string="Manager", tracking=True, help="负责人")
    phone = fields.Char()
    address = fields.Char()
    active = fields.Boolean(default=True)
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

    _name_unique = models.Constraint("UNIQUE(name)", "Two sites cannot share a name.")

    @api.depends("kind")
    def _compute_kind_sequence(self):
        order = {kind: i for i, (kind, _label) in enumerate(self._fields["kind"].selection)}
        for site in self:
            site.kind_sequence = order.get(site.kind, 99)
            site.is_centre = site.kind in CENTRE_KINDS

    def _compute_window_count(self):
        counts = dict(self.env["gov.window"]._read_group([("site_id", "in", self.ids)], ["site_id"], ["__count"]))
        for site in self:
            site.window_count = counts.get(site, 0)

    @api.constrains("parent_id", "kind")
    def _check_parent(self):
        for site in self:
            if site.parent_id and not site.parent_id.is_centre:
                raise ValidationError(
                    _("%(site)s can only report to a centre, not to %(parent)s.", site=site.name, parent=site.parent_id.name)
                )
        if self._has_cycle():
            raise ValidationError(_("A site cannot report to itself."))

    def action_view_windows(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_window")
        action.update(domain=[("site_id", "=", self.id)], context={"default_site_id": self.id})
        return action
