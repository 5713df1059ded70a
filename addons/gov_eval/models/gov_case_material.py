from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    copies_expected = fields.Integer(default=1)
    received = fields.Boolean()
    received_form = fields.Selection(FORMS, string="Received As")
    received_count = fields.Integer(string="Copies Received")
    faulty = fields.Boolean(help="Received but not acceptable (expired, unreadable, wrong): told on the notice.")
    fault_note = fields.Char(string="What to Fix")
    attachment_ids = fields.Many2many("ir.attachment", string="Scans")
    is_missing = fields.Boolean(compute="_compute_is_missing", store=True, precompute=True, string="Missing")

    @api.depends("received", "faulty")
    def _compute_is_missing(self):
        for line in self:
            line.is_missing = not line.received or line.faulty

    def _catalogue_required(self):
        """Lines of a material the case's item requires (a line of another item's checklist, left by a
        change of item during the consultation, may go)."""
        return self.filtered(
            lambda line: (
                line.item_material_id.sudo().requirement == "required"
                and line.item_material_id.sudo().item_id == line.case_id.item_id
            )
        )

    @api.constrains("required", "item_material_id")
    def _check_required(self):
        # The window may ask for more (a conditional material that applies), never for less: a
        # material the item requires stays required, or acceptance would no longer check it.
        for line in self._catalogue_required().filtered(lambda line: not line.required):
            raise ValidationError(
                self.env._("“%(material)s” is required by the item: it cannot be made optional on a case.", material=line.name)
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_catalogue_required(self):
        required = self._catalogue_required()
        if required:
            raise UserError(
                self.env._(
                    "“%(material)s” is required by the item and stays on the checklist: mark it received or missing.",
                    material=required[0].name,
                )
            )

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
