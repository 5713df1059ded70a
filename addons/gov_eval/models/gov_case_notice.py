from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

NOTICE_KINDS = [
    ("one_time", "One-time Notice"),
    ("correction", "Correction Notice"),
    ("not_accepted", "Notice of Non-acceptance"),
    ("refusal", "Notice of Refusal"),
    ("completion", "Completion Notice"),
]

# Letters of the notice numbers: 告知, 补正, 不受(理), 不(予许可), 办结.
NOTICE_CODES = {"one_time": "GZ", "correction": "BZ", "not_accepted": "BS", "refusal": "BY", "completion": "BJ"}


# The printed title of each kind of notice: fixed Chinese, as the templates' wording.
NOTICE_TITLES = {
    "one_time": "一次性告知书",
    "correction": "补正材料通知书",
    "not_accepted": "不予受理通知书",
    "refusal": "不予许可决定书",
    "completion": "办结通知书",
}


class GovCaseNotice(models.Model):
    """A notice given to the applicant; its text is fixed when it is issued and it is never changed.

    一次性告知: the first one-time notice lists every missing or faulty material at once; a second
    one needs a reason and is flagged to the centre manager.
    """

    _name = "gov.case.notice"
    _description = "Case Notice"
    _inherit = ["gov.case.line"]
    _order = "case_id, id"

    kind = fields.Selection(NOTICE_KINDS, required=True, default="one_time")
    name = fields.Char(string="Notice No.", readonly=True)
    date = fields.Date(readonly=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", string="Issued By", readonly=True, default=lambda self: self.env.user)
    reason = fields.Text(
        help="For a second one-time notice, why the first one did not tell everything; for "
        "a refusal, the written reasons."
    )
    content = fields.Text(string="Materials to Provide", readonly=True)
    is_repeat = fields.Boolean(string="Repeated Notice", readonly=True)

    def _gov_line_locked(self):
        return True  # a notice is issued once and stays as it was given

    @api.model_create_multi
    def create(self, vals_list):
        notices = super().create(vals_list)
        for notice in notices:
            notice.sudo()._gov_unlocked().write(notice._issue_values())
            if notice.is_repeat:
                case = notice.case_id
                case.sudo()._gov_unlocked().write({"repeat_notice": True})
                case._schedule(
                    case._managers(),
                    self.env._("Second one-time notice on case %(case)s", case=case.number),
                    note=notice.reason,
                )
            notice.case_id.message_post(
                body=self.env._(
                    "%(kind)s %(name)s issued by %(user)s.",
                    kind=notice._kind_label(),
                    name=notice.name,
                    user=self.env.user.name,
                ),
                partner_ids=notice.case_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment" if notice.case_id.partner_id else "mail.mt_note",
            )
        return notices

    def _issue_values(self):
        case = self.case_id
        count = len(case.notice_ids.filtered(lambda n: n.kind == self.kind))
        values = {"name": f"{case.number}-{NOTICE_CODES[self.kind]}{count}"}
        if self.kind in ("one_time", "correction"):
            lines = case.material_ids.filtered(lambda m: m.faulty or (m.required and m.is_missing))
            if not lines and self.kind == "correction" and (self.reason or "").strip():
                lines = None  # the department's request, in the reason, is what to correct
            elif not lines:
                raise UserError(
                    self.env._("Every material of %(case)s is received: there is nothing to notify.", case=case.display_name)
                )
            if lines is not None:
                values["content"] = "\n".join(f"{i}. {line._notice_line()}" for i, line in enumerate(lines, start=1))
        if self.kind == "one_time" and count > 1:
            if not (self.reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(case)s already had its one-time notice (一次性告知). A second one needs a reason, which is "
                        "sent to the centre manager.",
                        case=case.display_name,
                    )
                )
            values["is_repeat"] = True
        if self.kind in ("not_accepted", "refusal") and not (self.reason or "").strip():
            raise UserError(self.env._("A notice of refusal states its written reasons."))
        return values

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def write(self, vals):
        if not self.env.su and not self._gov_is_unlocked():
            raise AccessError(self.env._("A notice is kept as it was issued; issue a new one instead."))
        return super().write(vals)

    def action_print(self):
        return self.env.ref("gov_eval.action_report_case_notice").report_action(self)

    def _report_title(self):
        self.ensure_one()
        return NOTICE_TITLES.get(self.kind, "")

    def _report_lines(self):
        """The numbered lines of ``content`` (every material to provide or correct), one per entry."""
        self.ensure_one()
        return [line.strip() for line in (self.content or "").splitlines() if line.strip()]
