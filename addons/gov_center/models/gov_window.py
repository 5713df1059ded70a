from odoo import fields, models

WINDOW_TYPES = [
    ("comprehensive", "Comprehensive Acceptance"),
    ("cannot_do", "Complaints: Could Not Get It Done"),
    ("issuing", "Result Issuing"),
    ("consultation", "Consultation"),
    ("one_thing", "One Thing, One Visit"),
    ("agent", "Agent Service"),
    ("department", "Department Window"),
]


class GovWindow(models.Model):
    """A service window (窗口) of a site: 综合受理, 办不成事反映, 统一出证 …"""

    _name = "gov.window"
    _description = "Service Window"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    _order = "site_id, sequence, code"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(string="Window No.", required=True, help="The number shown above the counter (窗口编号).")
    sequence = fields.Integer(default=10)
    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="restrict")
    window_type = fields.Selection(WINDOW_TYPES, string="Type", required=True, default="comprehensive", tracking=True)
    is_open = fields.Boolean(
        string="Open", default=True, tracking=True, help="An open window must be staffed whenever the site is open."
    )
    department = fields.Char(help="Department the window serves for department windows (进驻部门).")
    active = fields.Boolean(default=True)
    note = fields.Text()

    _code_site_unique = models.Constraint("UNIQUE(site_id, code)", "Window numbers are unique within a site.")

    def _compute_display_name(self):
        for window in self:
            window.display_name = f"[{window.code}] {window.name}" if window.code else window.name
