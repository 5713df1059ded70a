from odoo import api, fields, models


class GovCentreMixin(models.AbstractModel):
    """A record of a site (``site_id``) that belongs to a centre: the site itself when it is a
    centre, else the centre above the station. Managers' record rules and the figures read it."""

    _name = "gov.centre.mixin"
    _description = "Belongs to a Service Centre"

    centre_id = fields.Many2one(
        "gov.site",
        compute="_compute_centre",
        store=True,
        precompute=True,
        index=True,
        help="The centre that handles it: the site itself, or the centre above a station.",
    )

    @api.depends("site_id.parent_id", "site_id.is_centre")
    def _compute_centre(self):
        for record in self:
            record.centre_id = record.site_id._service_centre() if record.site_id else False
