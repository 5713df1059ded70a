from odoo import fields, models


class GovSiteAgent(models.Model):
    """Agent service staff of a station (帮办代办员): their names, duties and phones go on the
    station's service card (便民服务卡) and, when published, on the public 帮办代办 page."""

    _name = "gov.site.agent"
    _description = "Agent Service Staff"
    _order = "site_id, sequence, id"
    _inherit = ["gov.guard.mixin"]

    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    duty = fields.Char(required=True, help="E.g. 站长, 帮办代办员, 网格员.")
    phone = fields.Char(
        required=True, help="The duty phone citizens call: printed on the service card and the hall poster."
    )
    user_id = fields.Many2one("res.users")
    service_scope = fields.Char(help="Service area or items, e.g. 社保、医保、户籍代办.")
    is_public = fields.Boolean(
        string="Published",
        default=True,
        help="Show the name, duty, duty phone and scope on the public 帮办代办 page and the hall poster "
        "(the plan asks every centre and station to publish its agents and how to reach them).",
    )
    active = fields.Boolean(default=True)

    def _public_data(self):
        """Public face of the agents: published ones only, and only these four fields (never the user)."""
        return [
            {"name": agent.name, "duty": agent.duty, "phone": agent.phone, "scope": agent.service_scope or None}
            for agent in self
            if agent.active and agent.is_public
        ]
