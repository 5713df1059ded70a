from odoo import api, fields, models
from odoo.exceptions import UserError


def without_protected_defaults(records):
    """``records`` in a context without ``default_<field>`` keys for the fields the application sets
    (a JSON-RPC caller's ``default_date_end`` must not backdate a pause, nor ``default_state`` open
    a case in another state)."""
    protected = records._gov_protected_fields()
    context = records.env.context
    if not any(key.startswith("default_") and key[8:] in protected for key in context):
        return records
    # the whole context is replaced on purpose: with_context(**kwargs) can add keys, not drop them
    return records.with_context(  # pylint: disable=context-overridden
        {key: value for key, value in context.items() if not (key.startswith("default_") and key[8:] in protected)}
    )


def checked_for_create(records, vals_list):
    """``records`` ready to create ``vals_list`` for the caller: no field the application sets, in the
    values or through a ``default_`` context key (the superuser is trusted)."""
    if records.env.su:
        return records
    for vals in vals_list:
        records._gov_check_protected(vals)
    return without_protected_defaults(records)


class GovCaseLine(models.AbstractModel):
    """A line of a case (material, pause, relay leg, sub-task, notice): it follows its case's locks.

    Lines of a closed case are history; lines that are history by themselves (a resumed pause, a
    received leg, a notice) say so in ``_gov_line_locked``.
    """

    _name = "gov.case.line"
    _description = "Case Line"
    _inherit = ["gov.guard.mixin"]

    case_id = fields.Many2one("gov.case", required=True, index=True, ondelete="restrict")

    def _gov_line_locked(self):
        return False

    def _gov_locked_records(self):
        return self.filtered(lambda line: line.case_id.state == "closed" or line._gov_line_locked())

    @api.model_create_multi
    def create(self, vals_list):
        self = checked_for_create(self, vals_list)  # noqa: PLW0642
        lines = super().create(vals_list)
        closed = lines.case_id.filtered(lambda case: case.state == "closed")
        if closed and not self._gov_is_unlocked():
            raise UserError(self.env._("%(case)s is closed: nothing can be added to it.", case=closed[0].display_name))
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_except_case_history(self):
        if self.case_id.filtered(lambda c: c.state not in ("draft", "consultation")) or self._gov_locked_records():
            raise UserError(self.env._("Lines of an accepted case are part of its history and are never deleted."))
