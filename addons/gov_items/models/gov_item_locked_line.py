from odoo import api, fields, models
from odoo.exceptions import UserError

# The value of the ``gov_item_bypass_lock`` context key that lets gov.item.create add the lines
# of an item it creates. A Python object: a JSON-RPC caller can put any JSON value in its
# context, never this one (compared with ``is``).
BYPASS_LOCK = object()


class GovItemLockedLine(models.AbstractModel):
    """Lines of an item follow its lock: a published item is changed through a revision."""

    _name = "gov.item.locked.line"
    _description = "Line of a Service Item"
    _inherit = ["gov.guard.mixin"]
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.item", string="Service Item", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)

    def _check_item_editable(self, items):
        if self.env.context.get("gov_item_bypass_lock") is BYPASS_LOCK:
            return
        locked = items.filtered(lambda item: item.state != "draft")
        if locked:
            raise UserError(
                self.env._(
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
