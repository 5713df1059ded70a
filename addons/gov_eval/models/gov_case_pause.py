from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

PAUSE_KINDS = [("materials", "Waiting for Materials (补正)"), ("special", "Special Procedure")]


class GovCasePause(models.Model):
    """A time the clock stops: waiting for materials (补正) or a special procedure (hearing, expert
    review, public notice...). Its working days are added to the deadlines."""

    _name = "gov.case.pause"
    _description = "Case Pause"
    _inherit = ["gov.case.line"]
    _order = "case_id, date_start, id"

    kind = fields.Selection(PAUSE_KINDS, required=True, default="materials")
    reason = fields.Text(required=True)
    procedure_type_id = fields.Many2one("gov.item.special.procedure.type", string="Special Procedure")
    date_start = fields.Date(string="Paused On", required=True, default=fields.Date.context_today, readonly=True)
    date_end = fields.Date(string="Resumed On", readonly=True, copy=False)
    user_id = fields.Many2one("res.users", string="Paused By", readonly=True, default=lambda self: self.env.user)
    counts = fields.Boolean(
        string="Not Counted",
        default=True,
        readonly=True,
        help="The pause's working days are not counted in the case's time limits.",
    )

    def _gov_line_locked(self):
        return bool(self.date_end)

    @api.model_create_multi
    def create(self, vals_list):
        pauses = super().create(vals_list)
        for pause in pauses:
            case = pause.case_id
            if case.state not in ("accepted", "review"):
                raise UserError(self.env._("Only an accepted case in progress can be paused: %(case)s.", case=case.display_name))
            if len(case.pause_ids.filtered(lambda p: not p.date_end)) > 1:
                raise UserError(self.env._("%(case)s is already paused: resume it first.", case=case.display_name))
            if pause.kind == "special" and not pause.procedure_type_id:
                raise UserError(self.env._("Choose the special procedure that pauses %(case)s.", case=case.display_name))
            case.message_post(
                body=self.env._(
                    "Paused (%(kind)s): %(reason)s (by %(user)s)",
                    kind=dict(pause._fields["kind"]._description_selection(self.env))[pause.kind],
                    reason=pause.reason,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if pause.kind == "materials":
                case._issue_notice("correction", pause.reason)
        pauses.case_id._refresh_deadline_state()
        return pauses

    def write(self, vals):
        if not self.env.su and not self._gov_is_unlocked():
            raise AccessError(self.env._("A pause is recorded when it starts and ended by the Resume button only."))
        return super().write(vals)

    def action_resume(self):
        today = fields.Date.context_today(self)
        for pause in self:
            if pause.date_end:
                raise UserError(self.env._("This pause has already ended."))
            pause.check_access("write")
            pause._gov_unlocked().write({"date_end": max(today, pause.date_start)})
            pause.case_id.message_post(
                body=self.env._(
                    "Resumed after %(days)s paused working days; new deadline %(date)s (by %(user)s)",
                    days=pause.case_id.paused_days,
                    date=pause.case_id.promised_deadline,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.case_id._refresh_deadline_state()
        return True
