from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumValidationError

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class GovItemDepartment(models.Model):
    """A competent department or implementing body (主管部门 / 实施主体).

    The implementing body's unified social credit code (统一社会信用代码, GB 32100) is
    the first 18 characters of every implementation code of its items.
    """

    _name = "gov.item.department"
    _description = "Department / Implementing Body"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    short_name = fields.Char(help="Short name printed on guides, e.g. 公安分局.")
    sequence = fields.Integer(default=10)
    credit_code = fields.Char(
        string="Unified Social Credit Code",
        size=18,
        tracking=True,
        help="18-character unified social credit code (统一社会信用代码, GB 32100) of the body.",
    )
    credit_code_exception = fields.Text(
        string="Reason to Accept an Invalid Code",
        tracking=True,
        help="Some real codes fail the GB 32100 check character. A district administrator may accept such a "
        "code by recording why (e.g. the code printed on the body's certificate).",
    )
    phone = fields.Char(string="Consultation Phone")
    complaint_phone = fields.Char()
    address = fields.Char()
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE(name)", "Two departments cannot share a name.")

    @api.model
    def _credit_code_error(self, code):
        """Return a translated reason why ``code`` is not a valid GB 32100 code, or ''."""
        if not code:
            return ""
        try:
            uscc.validate(code)
        except StdnumValidationError:
            compact = uscc.compact(code)
            if len(compact) == 18 and uscc.calc_check_digit(compact[:17]) != compact[17:]:
                return self.env._(
                    "its check character should be “%(check)s”, not “%(given)s”",
                    check=uscc.calc_check_digit(compact[:17]),
                    given=compact[17:],
                )
            return self.env._("it must be 18 characters: digits and capital letters except I, O, S, V and Z")
        return ""

    @api.constrains("credit_code", "credit_code_exception")
    def _check_credit_code(self):
        for department in self:
            error = self._credit_code_error(department.credit_code)
            if error and not department.credit_code_exception:
                raise ValidationError(
                    self.env._(
                        "The unified social credit code “%(code)s” of %(name)s is invalid: %(error)s. Correct it, "
                        "or, if the code is really printed on the body's certificate, record the reason to accept it.",
                        code=department.credit_code,
                        name=department.name,
                        error=error,
                    )
                )

    def write(self, vals):
        if vals.get("credit_code_exception") and not self.env.user.has_group("gov_center.group_gov_admin"):
            raise AccessError(self.env._("Only a district administrator can accept an invalid credit code."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("credit_code_exception") for vals in vals_list) and not self.env.user.has_group(
            "gov_center.group_gov_admin"
        ):
            raise AccessError(self.env._("Only a district administrator can accept an invalid credit code."))
        return super().create(vals_list)
