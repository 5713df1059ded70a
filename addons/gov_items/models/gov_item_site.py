from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The only elements a site sets itself; everything else comes from the catalogue item.
LOCAL_FIELDS = {"site_id", "item_id", "window_id", "phone", "sequence", "active", "note"}


class GovItemSite(models.Model):
    """One line of a site's implementation list (实施清单): the site implements the item.

    Every element shown on the line is read from the catalogue item, so the same item
    reads the same at every centre and station (要素N同、数据同源).
    """

    _name = "gov.item.site"
    _description = "Site Implementation List Line"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    _order = "site_id, sequence, category_sequence, id"
    _rec_name = "item_id"

    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="cascade", tracking=True)
    item_id = fields.Many2one(
        "gov.item",
        string="Service Item",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('state', '=', 'published')]",
    )
    sequence = fields.Integer(default=10)
    window_id = fields.Many2one(
        "gov.window", tracking=True, domain="[('site_id', '=', site_id)]",
        help="The window where the item is taken at this site.",
    )
    phone = fields.Char(string="Local Phone", tracking=True, help="Phone of the site for this item, if not the site's.")
    note = fields.Char()
    active = fields.Boolean(default=True, tracking=True)
    is_comprehensive = fields.Boolean(
        compute="_compute_is_comprehensive", store=True, string="At Comprehensive Window",
        help="The item is taken at the site's comprehensive acceptance window (综合受理窗口).",
    )

    # Elements read from the catalogue item (never stored on the line).
    item_state = fields.Selection(related="item_id.state", string="Item Status")
    category_id = fields.Many2one(related="item_id.category_id", store=True, string="Category")
    category_sequence = fields.Integer(
        related="item_id.category_id.sequence", store=True, string="Category Sequence", aggregator=None
    )
    implementation_code = fields.Char(related="item_id.implementation_code")
    department_id = fields.Many2one(related="item_id.department_id")
    item_type = fields.Selection(related="item_id.item_type")
    case_kind = fields.Selection(related="item_id.case_kind")
    legal_time_limit = fields.Integer(related="item_id.legal_time_limit", aggregator=None)
    promised_time_limit = fields.Integer(related="item_id.promised_time_limit", aggregator=None)
    visits = fields.Integer(related="item_id.visits", aggregator=None)
    fee_type = fields.Selection(related="item_id.fee_type")
    must_enter = fields.Boolean(related="item_id.must_enter", store=True)
    one_window = fields.Boolean(related="item_id.one_window", store=True)
    agent_service = fields.Boolean(related="item_id.agent_service", store=True)
    form_online = fields.Boolean(related="item_id.form_online")
    consult_phone = fields.Char(compute="_compute_contact", string="Phone")

    _site_item_unique = models.Constraint("UNIQUE(site_id, item_id)", "A site lists an item only once.")

    @api.depends("window_id.window_type")
    def _compute_is_comprehensive(self):
        for line in self:
            line.is_comprehensive = line.window_id.window_type == "comprehensive"

    @api.depends("phone", "site_id.phone", "site_id.phone_public", "item_id.consult_phone")
    def _compute_contact(self):
        # The line's own phone is set for the item; the site's phone only when the site publishes it.
        for line in self:
            site_phone = line.site_id.phone if line.site_id.phone_public else False
            line.consult_phone = line.phone or site_phone or line.item_id.consult_phone

    def _check_local_only(self, vals_list):
        for vals in vals_list:
            foreign = sorted(set(vals) - LOCAL_FIELDS - {"message_follower_ids"})
            if foreign:
                labels = ", ".join(self._fields[name].get_description(self.env)["string"] for name in foreign)
                raise ValidationError(
                    self.env._(
                        "A site list only sets the window, phone and note of an item; %(fields)s come from the "
                        "catalogue item and are the same at every site. Change the catalogue item (a new revision) "
                        "instead.",
                        fields=labels,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_local_only(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_local_only([vals])
        return super().write(vals)

    @api.constrains("window_id", "site_id")
    def _check_window(self):
        for line in self:
            if line.window_id and line.window_id.site_id != line.site_id:
                raise ValidationError(
                    self.env._(
                        "The window %(window)s belongs to %(other)s, not to %(site)s: choose one of the site's "
                        "windows.",
                        window=line.window_id.display_name,
                        other=line.window_id.site_id.name,
                        site=line.site_id.name,
                    )
                )

    @api.constrains("item_id")
    def _check_item_published(self):
        # No context key switches this off: publishing a revision repoints the lines once the
        # revision is published.
        for line in self:
            if line.item_id.state != "published":
                raise ValidationError(
                    self.env._(
                        "“%(item)s” is not published: only published catalogue items can be listed at a site.",
                        item=line.item_id.display_name,
                    )
                )
