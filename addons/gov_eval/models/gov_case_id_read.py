from odoo import api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import AccessError


class GovCaseIdRead(models.Model):
    """Who read a case's full resident ID number, and when (append-only: never changed or deleted,
    except by uninstalling the module)."""

    _name = "gov.case.id.read"
    _description = "Resident ID Read"
    _order = "id desc"

    case_id = fields.Many2one("gov.case", required=True, index=True, ondelete="restrict", readonly=True)
    user_id = fields.Many2one("res.users", string="Read By", required=True, readonly=True)
    site_id = fields.Many2one(related="case_id.site_id", store=True, string="Site")

    def write(self, vals):
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            raise AccessError(self.env._("The log of resident ID reads cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_id_read_log(self):
        raise AccessError(self.env._("The log of resident ID reads cannot be deleted."))
