from odoo import api, fields, models

FORMS = [("original", "Original"), ("copy", "Copy"), ("both", "Original and Copy"), ("electronic", "Electronic")]


class GovCaseMaterial(models.Model):
    """One material of a case's checklist, copied from the item revision at intake."""

    _name = "gov.case.material"
    _description = "Case Material"
    _inherit = ["gov.case.line"]
    _order = "case_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Material", required=True)
    item_material_id = fields.Many2one("gov.item.material", string="Catalogue Material", ondelete="set null")
    required = fields.Boolean(default=True)
    form = fields.Selection(FORMS, string="Expected Form")
    copies_expected = fields.Integer(string="Copies Expected", default=1)
    received = fields.Boolean()
    received_form = fields.Selection(FORMS, string="Received As")
    received_count = fields.Integer(string="Copies Received")
    faulty = fields.Boolean(help="Received but not acceptable (expired, unreadable, wrong): told on the notice.")
    fault_note = fields.Char(string="What to Fix")
    attachment_ids = fields.Many2many("ir.attachment", string="Scans")
    is_missing = fields.Boolean(compute="_compute_is_missing", store=True, string="Missing")

    @api.depends("received", "faulty")
    def _compute_is_missing(self):
        for line in self:
            line.is_missing = not line.received or line.faulty

    @api.onchange("received")
    def _onchange_received(self):
        if self.received and not self.received_count:
            self.received_count = self.copies_expected
            self.received_form = self.form

    def _notice_line(self):
        """How the material reads on a one-time notice."""
        self.ensure_one()
        if self.faulty:
            return self.env._("%(name)s: %(fix)s", name=self.name, fix=self.fault_note or self.env._("to be corrected"))
        return self.env._("%(name)s: missing", name=self.name)
