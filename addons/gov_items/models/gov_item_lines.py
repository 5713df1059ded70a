import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Punctuation and blanks that do not make two materials different
# (居民身份证（原件） and 居民身份证 (原件) are the same material).
_MATERIAL_NOISE = re.compile(r"[\s　()（）【】\[\]《》<>“”\"'、，,。.:：;；·\-—_/]+")


_MATERIAL_FORM_NOTE = re.compile(r"[（(](原件|复印件|原件及复印件|原件和复印件|原件或复印件)[）)]")


# The value of the ``gov_item_bypass_lock`` context key that lets gov.item.create add the lines
# of an item it creates. A Python object: a JSON-RPC caller can put any JSON value in its
# context, never this one (compared with ``is``).
BYPASS_LOCK = object()


def material_key(name):
    """Normalised name under which duplicate materials merge: 居民身份证（原件） is 居民身份证."""
    return _MATERIAL_NOISE.sub("", _MATERIAL_FORM_NOTE.sub("", name or "")).lower()


class GovItemLockedLine(models.AbstractModel):
    """Lines of an item follow its lock: a published item is changed through a revision."""

    _name = "gov.item.locked.line"
    _description = "Line of a Service Item"
    _inherit = ["gov.guard.mixin"]

    def _check_item_editable(self, items):
        if self.env.context.get("gov_item_bypass_lock") is BYPASS_LOCK:
            return
        locked = items.filtered(lambda item: item.state != "draft")
        if locked:
            raise UserError(
                _(
                    "“%(item)s” is %(state)s and cannot be edited in place: use “New Revision” to prepare a change, "
                    "then publish the revision.",
                    item=locked[0].display_name,
                    state=dict(locked[0]._fields["state"]._description_selection(self.env))[locked[0].state],
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._check_item_editable(records.item_id)
        return records

    def write(self, vals):
        self._check_item_editable(self.item_id)
        res = super().write(vals)
        if "item_id" in vals:
            self._check_item_editable(self.item_id)
        return res

    def unlink(self):
        self._check_item_editable(self.item_id)
        return super().unlink()


class GovItemMaterial(models.Model):
    """An application material (申请材料) of an item."""

    _name = "gov.item.material"
    _description = "Application Material"
    _inherit = ["gov.item.locked.line"]
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.item", string="Service Item", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Material", required=True)
    form = fields.Selection(
        [("original", "Original"), ("copy", "Copy"), ("both", "Original and copy")],
        string="Original or Copy",
        required=True,
        default="original",
    )
    copies = fields.Integer(string="Copies", default=1, required=True)
    requirement = fields.Selection(
        [("required", "Required"), ("conditional", "Conditional")], required=True, default="required"
    )
    condition = fields.Char(help="When the material is needed, for conditional materials (容缺或特定情形).")
    source = fields.Selection(
        [("applicant", "Applicant's own"), ("department", "Issued by a department")],
        required=True,
        default="applicant",
        help="Who produces the material: the applicant, or a department (出具单位).",
    )
    issuing_department = fields.Char(help="The department that issues the material, for department materials.")
    blank_form = fields.Binary(attachment=True, help="Blank form to fill in (空白表格).")
    blank_form_name = fields.Char()
    example = fields.Binary(string="Filled Example", attachment=True, help="A filled example (示例样表).")
    example_name = fields.Char()
    note = fields.Char()
    key = fields.Char(compute="_compute_key", string="Merge Key", help="Normalised name used to merge duplicates.")

    _copies_positive = models.Constraint("CHECK(copies > 0)", "A material needs at least one copy.")

    @api.depends("name")
    def _compute_key(self):
        for material in self:
            material.key = material_key(material.name)

    @api.constrains("requirement", "condition")
    def _check_condition(self):
        for material in self:
            if material.requirement == "conditional" and not material.condition:
                raise ValidationError(
                    _("“%(material)s” is conditional: say in which case it is needed.", material=material.name)
                )


class GovItemLegalBasis(models.Model):
    """Legal basis (设定依据 / 实施依据) of an item: law, article and text."""

    _name = "gov.item.legal.basis"
    _description = "Legal Basis"
    _inherit = ["gov.item.locked.line"]
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.item", string="Service Item", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    law = fields.Char(string="Law or Regulation", required=True)
    article = fields.Char(help="Article number, e.g. 第十条.")
    text = fields.Text(string="Provision Text")


class GovItemStep(models.Model):
    """A step of the handling process (办理流程); with an illustration for the 图例版 guide."""

    _name = "gov.item.step"
    _description = "Process Step"
    _inherit = ["gov.item.locked.line"]
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.item", string="Service Item", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True)
    description = fields.Text()
    actor = fields.Char(string="Handled By", help="Who performs the step: applicant, window, back office …")
    days = fields.Integer(string="Working Days", help="Working days the step may take (0 = on the spot).")
    image = fields.Image(string="Illustration", max_width=1024, max_height=1024, help="Picture for the 图例版 guide.")


class GovItemSpecialProcedureType(models.Model):
    """Special procedures (特别程序) whose time is not counted in the time limit."""

    _name = "gov.item.special.procedure.type"
    _description = "Special Procedure Type"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)


class GovItemSpecialProcedure(models.Model):
    _name = "gov.item.special.procedure"
    _description = "Special Procedure"
    _inherit = ["gov.item.locked.line"]
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.item", string="Service Item", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    type_id = fields.Many2one("gov.item.special.procedure.type", string="Procedure", required=True)
    days = fields.Integer(
        string="Time Limit (days)", help="Time the procedure may take; it is not counted in the item's time limit."
    )
    note = fields.Char()
