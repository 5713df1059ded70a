import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Punctuation and blanks that do not make two materials different
# (居民身份证（原件） and 居民身份证 (原件) are the same material).
_MATERIAL_NOISE = re.compile(r"[\s　()（）【】\[\]《》<>“”\"'、，,。.:：;；·\-—_/]+")


_MATERIAL_FORM_NOTE = re.compile(r"[（(](原件|复印件|原件及复印件|原件和复印件|原件或复印件)[）)]")


def material_key(name):
    """Normalised name under which duplicate materials merge: 居民身份证（原件） is 居民身份证."""
    return _MATERIAL_NOISE.sub("", _MATERIAL_FORM_NOTE.sub("", name or "")).lower()


class GovItemMaterial(models.Model):
    """An application material (申请材料) of an item."""

    _name = "gov.item.material"
    _description = "Application Material"
    _inherit = ["gov.item.locked.line"]

    name = fields.Char(string="Material", required=True)
    form = fields.Selection(
        [("original", "Original"), ("copy", "Copy"), ("both", "Original and copy")],
        string="Original or Copy",
        required=True,
        default="original",
    )
    copies = fields.Integer(default=1, required=True)
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
                    self.env._("“%(material)s” is conditional: say in which case it is needed.", material=material.name)
                )
