"""An appeal of a review (申诉复核): the centre says a review is mistaken or malicious; the district
decides, with its reasons. An upheld appeal takes the review out of the satisfaction figures and
voids its rectification; the review and the appeal stay on record."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

APPEAL_GROUNDS = [
    ("mistaken", "Mistaken Review"),
    ("malicious", "Malicious Review"),
    ("not_ours", "Not This Site's Responsibility"),
]
# What the centre's manager writes when appealing; the decision is the district's.
APPEAL_FIELDS = frozenset({"evaluation_id", "grounds", "statement"})
APPEAL_STATES = [("submitted", "Submitted"), ("upheld", "Upheld"), ("rejected", "Rejected")]


class GovEvaluationAppeal(models.Model):
    _name = "gov.evaluation.appeal"
    _description = "Appeal of a Review"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    _gov_locked_states = ("upheld", "rejected")

    evaluation_id = fields.Many2one(
        "gov.evaluation", required=True, ondelete="restrict", index=True
    )
    site_id = fields.Many2one(related="evaluation_id.site_id", store=True, index=True, string="Site")
    centre_id = fields.Many2one(related="evaluation_id.centre_id", store=True, index=True, string="Centre")
    grounds = fields.Selection(APPEAL_GROUNDS, required=True)
    statement = fields.Text(required=True, help="Why the review should not count, with the facts checked (申诉理由).")
    state = fields.Selection(
        APPEAL_STATES, required=True, default="submitted", readonly=True, tracking=True, index=True
    )
    requested_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    decision_note = fields.Text(string="Decision Reasons", help="The district's reasons for its decision (复核意见).")
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Date(readonly=True)

    @api.depends("evaluation_id", "grounds")
    def _compute_display_name(self):
        grounds = dict(self._fields["grounds"]._description_selection(self.env))
        for appeal in self:
            appeal.display_name = f"{appeal.evaluation_id.display_name} · {grounds.get(appeal.grounds, '')}"

    @api.constrains("evaluation_id", "state")
    def _check_one_open(self):
        for appeal in self:
            evaluation = appeal.evaluation_id.sudo()
            if not evaluation.is_bad:
                raise ValidationError(self.env._("Only bad reviews are appealed."))
            others = evaluation.appeal_ids - appeal
            if appeal.state == "submitted" and others.filtered(lambda a: a.state in ("submitted", "upheld")):
                raise ValidationError(self.env._("This review already has an appeal pending or upheld."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            if not self.env.user.has_group("gov_center.group_gov_manager"):
                raise AccessError(self.env._("The centre's manager appeals a review."))
            for vals in vals_list:
                extra = set(vals) - APPEAL_FIELDS
                if extra:
                    raise AccessError(
                        self.env._(
                            "An appeal states its review, its grounds and its statement; the district writes the decision."
                        )
                    )
                vals["requested_by_id"] = self.env.uid
        appeals = super().create(vals_list)
        for appeal in appeals:
            message = self.env._(
                "Appeal submitted: %(grounds)s. %(statement)s",
                grounds=dict(self._fields["grounds"]._description_selection(self.env))[appeal.grounds],
                statement=appeal.statement,
            )
            appeal.evaluation_id.sudo()._gov_unlocked().message_post(body=message, subtype_xmlid="mail.mt_note")
            summary = self.env._("Decide the appeal of %(review)s", review=appeal.evaluation_id.display_name)
            for user in self.env["gov.rectification"]._district_admins():
                appeal.sudo().activity_schedule("mail.mail_activity_data_todo", summary=summary, user_id=user.id)
        return appeals

    def _decide(self, state):
        if not self.env.user.has_group("gov_center.group_gov_admin"):
            raise AccessError(self.env._("The district decides appeals of reviews."))
        for appeal in self:
            if appeal.state != "submitted":
                raise UserError(self.env._("This appeal has been decided already."))
            if not (appeal.decision_note or "").strip():
                raise UserError(self.env._("Write the reasons of the decision first."))
        for appeal in self:
            appeal._gov_unlocked().write(
                {"state": state, "decided_by_id": self.env.uid, "decided_on": fields.Date.context_today(self)}
            )
            label = dict(self._fields["state"]._description_selection(self.env))[state]
            message = self.env._("Appeal %(decision)s: %(reasons)s", decision=label, reasons=appeal.decision_note)
            appeal.message_post(body=message, subtype_xmlid="mail.mt_note")
            evaluation = appeal.evaluation_id.sudo()
            evaluation._gov_unlocked().message_post(body=message, subtype_xmlid="mail.mt_note")
            appeal.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            if state == "upheld":
                evaluation.rectification_ids._void(appeal.decision_note)
        return True

    def action_uphold(self):
        return self._decide("upheld")

    def action_reject(self):
        return self._decide("rejected")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(self.env._("Appeals are never deleted: they are part of the review's record."))
