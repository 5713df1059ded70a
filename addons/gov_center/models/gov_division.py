import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# National statistical division code (统计用区划代码): 12 digits =
# 2 province + 2 city + 2 county + 3 township + 3 village.
CODE_RE = re.compile(r"^\d{12}$")

LEVELS = [
    ("district", "District"),
    ("township", "Township / Street"),
    ("village", "Village / Community"),
]
LEVEL_DEPTH = {"district": 0, "township": 1, "village": 2}

DIVISION_TYPES = [
    ("district", "District"),
    ("town", "Town"),
    ("township", "Township"),
    ("street", "Street"),
    ("village", "Village"),
    ("community", "Community"),
]
TYPE_LEVEL = {
    "district": "district",
    "town": "township",
    "township": "township",
    "street": "township",
    "village": "village",
    "community": "village",
}


class GovDivision(models.Model):
    _name = "gov.division"
    _description = "Administrative Division"
    _parent_store = True
    _parent_name = "parent_id"
    _order = "code"
    _rec_names_search = ["name", "code", "complete_name"]
    _inherit = ["gov.guard.mixin"]

    name = fields.Char(required=True, translate=False, help="Official name, e.g. 沙尔沁镇 or 和平路街道 (名称).")
    code = fields.Char(
        required=True,
        help="National 12-digit statistical division code (统计用区划代码): 2 province, 2 city, "
        "2 county, 3 township and 3 village digits.",
    )
    division_type = fields.Selection(
        DIVISION_TYPES, string="Type", required=True, help="District, town, township, street, village or community."
    )
    level = fields.Selection(LEVELS, compute="_compute_level", store=True, index=True)
    parent_id = fields.Many2one("gov.division", string="Parent Division", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("gov.division", "parent_id", string="Subdivisions")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    state_id = fields.Many2one(
        "res.country.state", string="Province", domain="[('country_id.code', '=', 'CN')]", help="Province (省级行政区)."
    )
    active = fields.Boolean(default=True)
    child_count = fields.Integer(compute="_compute_child_count", string="Subdivision Count")

    # Uniqueness is checked in Python (_check_code_unique) so that the refusal names the
    # division holding the code, in the user's language; the index keeps the lookup fast.
    _code_idx = models.Index("(code)")

    @api.depends("division_type")
    def _compute_level(self):
        for division in self:
            division.level = TYPE_LEVEL.get(division.division_type)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for division in self:
            if division.parent_id:
                division.complete_name = f"{division.parent_id.complete_name} / {division.name}"
            else:
                division.complete_name = division.name

    def _compute_child_count(self):
        counts = dict(
            self.env["gov.division"]._read_group([("parent_id", "in", self.ids)], ["parent_id"], ["__count"])
        )
        for division in self:
            division.child_count = counts.get(division, 0)

    @api.constrains("code")
    def _check_code_unique(self):
        # The SQL constraint is the safety net; this names the division that holds the code.
        groups = self.with_context(active_test=False)._read_group(
            [("code", "in", self.mapped("code"))], ["code"], ["id:array_agg"]
        )
        for code, ids in groups:
            if len(ids) > 1:
                other = self.browse(ids).with_context(active_test=False) - self
                holder = (other or self.browse(ids))[:1]
                raise ValidationError(
                    self.env._(
                        "The division code “%(code)s” is already used by %(other)s: each division needs its own code.",
                        code=code,
                        other=holder.complete_name,
                    )
                )

    # One constraint per rule of the national statistical codes (统计用区划代码) and the hierarchy;
    # each rule checks only what the rules before it leave valid, so one error names one fix.
    @api.constrains("code")
    def _check_code_format(self):
        for division in self:
            if not CODE_RE.match(division.code or ""):
                raise ValidationError(
                    self.env._(
                        "The division code “%(code)s” of %(name)s is invalid: it must be the 12-digit national "
                        "statistical code (digits only), e.g. 150202100000.",
                        code=division.code or "",
                        name=division.name,
                    )
                )

    def _well_coded(self):
        return self.filtered(lambda d: CODE_RE.match(d.code or ""))

    @api.constrains("code", "division_type", "parent_id")
    def _check_district(self):
        for division in self._well_coded().filtered(lambda d: d.level == "district"):
            if division.code[6:] != "000000":
                raise ValidationError(
                    self.env._(
                        "%(name)s is a district: its code must end with six zeros (e.g. 150202000000), "
                        "not “%(code)s”.",
                        name=division.name,
                        code=division.code,
                    )
                )
            if division.parent_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a district, the top of the hierarchy: remove its parent division.",
                        name=division.name,
                    )
                )

    @api.constrains("division_type", "parent_id")
    def _check_parent_level(self):
        for division in self.filtered(lambda d: d.level != "district"):
            level, parent = division.level, division.parent_id
            if not parent:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a %(level)s: set its parent division (a %(parent_level)s).",
                        name=division.name,
                        level=division._level_label(level),
                        parent_level=division._level_label("district" if level == "township" else "township"),
                    )
                )
            if LEVEL_DEPTH[parent.level] != LEVEL_DEPTH[level] - 1:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a %(level)s, so its parent must be one level up, not the %(parent_level)s "
                        "%(parent)s.",
                        name=division.name,
                        level=division._level_label(level),
                        parent_level=division._level_label(parent.level),
                        parent=parent.name,
                    )
                )

    @api.constrains("code", "division_type", "parent_id")
    def _check_code_under_parent(self):
        for division in self._well_coded().filtered(
            lambda d: d.level != "district" and d.parent_id and LEVEL_DEPTH[d.parent_id.level] == LEVEL_DEPTH[d.level] - 1
        ):
            code, level, parent = division.code, division.level, division.parent_id
            prefix_len = 6 if level == "township" else 9
            expected_prefix = (parent.code or "")[:prefix_len]
            if code[:prefix_len] != expected_prefix:
                raise ValidationError(
                    self.env._(
                        "The code “%(code)s” of %(name)s must start with “%(prefix)s”, the first %(n)s digits of "
                        "its parent %(parent)s (%(parent_code)s).",
                        code=code,
                        name=division.name,
                        prefix=expected_prefix,
                        n=prefix_len,
                        parent=parent.name,
                        parent_code=parent.code,
                    )
                )
            own = code[6:9] if level == "township" else code[9:12]
            rest = code[9:12] if level == "township" else ""
            if own == "000" or (rest and rest != "000"):
                raise ValidationError(
                    self.env._(
                        "The code “%(code)s” of %(name)s does not fit a %(level)s: a township or street code "
                        "has non-zero digits 7–9 and ends with 000; a village or community code has non-zero "
                        "digits 10–12.",
                        code=code,
                        name=division.name,
                        level=division._level_label(level),
                    )
                )

    @api.constrains("parent_id")
    def _check_no_cycle(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A division cannot be its own ancestor."))

    def _level_label(self, level):
        return dict(self._fields["level"]._description_selection(self.env)).get(level, level)

    def action_view_children(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_division")
        action.update(domain=[("parent_id", "=", self.id)], context={"default_parent_id": self.id})
        return action
