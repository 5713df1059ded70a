from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RECTIFICATION_STATES = [
    ("open", "To Rectify"),
    ("submitted", "Evidence Submitted"),
    ("reopened", "Reopened"),
    ("verified", "Verified"),
    ("cancel", "Cancelled"),
]
# States in which the item still waits for the site (the "open" items of a site).
OPEN_STATES = ("open", "submitted", "reopened")


class GovSiteRectification(models.Model):
    """A rectification item (整改项): one unmet requirement of a closed inspection.

    Created by closing the inspection (never by hand), with a deadline in working days (the
    settings' rectification period, gov.holiday's working calendar) and an owner (the site's
    manager by default) who gets an activity. The owner submits evidence (a note and files);
    the next closed inspection of the site verifies each open item on its own: met there, the
    item is verified; not met, it stays open (reopened when evidence had been submitted).
    Verified and cancelled items are history: locked, and no item is ever deleted.
    """

    _name = "gov.site.rectification"
    _description = "Rectification Item"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"
    _rec_names_search = ["requirement_id.name", "requirement_id.code", "site_id.name"]
    _gov_locked_states = ("verified", "cancel")

    inspection_id = fields.Many2one(
        "gov.site.inspection",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The closed inspection that found the requirement unmet.",
    )
    site_id = fields.Many2one(related="inspection_id.site_id", store=True, index=True)
    township_id = fields.Many2one(related="inspection_id.site_id.township_id", store=True, string="Township / Street")
    requirement_id = fields.Many2one(
        "gov.site.requirement", required=True, readonly=True, ondelete="restrict"
    )
    mandatory = fields.Boolean(related="requirement_id.mandatory")
    finding = fields.Char(readonly=True, help="The inspector's note on the requirement.")
    deadline = fields.Date(string="Rectify By", required=True, readonly=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Person in Charge",
        tracking=True,
        index=True,
        help="Who rectifies the item and submits the evidence (the site's manager by default).",
    )
    evidence_note = fields.Text(tracking=True, help="What was done to rectify the item.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "gov_site_rectification_attachment_rel",
        "rectification_id",
        "attachment_id",
        string="Evidence",
        help="Photos and documents showing the rectification.",
    )
    state = fields.Selection(
        RECTIFICATION_STATES, string="Status", default="open", required=True, readonly=True, tracking=True, copy=False
    )
    submitted_on = fields.Date(readonly=True, copy=False)
    verified_inspection_id = fields.Many2one(
        "gov.site.inspection",
        string="Verified by Inspection",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The later inspection that found the requirement met.",
    )
    verified_on = fields.Date(related="verified_inspection_id.date", string="Verified On")
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue", help="Still open after its deadline."
    )

    def _compute_display_name(self):
        for item in self:
            item.display_name = f"{item.site_id.name} · {item.requirement_id.display_name}"

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_overdue = item.state in OPEN_STATES and bool(item.deadline) and item.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [("state", "in", OPEN_STATES), ("deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or self._gov_is_unlocked()):
            raise AccessError(self.env._("Rectification items are created by closing an inspection, not by hand."))
        items = super().create(vals_list)
        items._schedule_owner_activity()
        return items

    def write(self, vals):
        result = super().write(vals)
        if vals.get("user_id"):
            for item in self.filtered(lambda i: i.state in OPEN_STATES):
                item.activity_reschedule(["mail.mail_activity_data_todo"], new_user_id=item.user_id.id)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        # Odoo checks the caller's unlink right first: a role without it gets the AccessError.
        raise UserError(self.env._("Rectification items are part of the record and are never deleted."))

    # ------------------------------------------------------------------ lifecycle
    def _schedule_owner_activity(self, summary=None):
        for item in self.filtered("user_id"):
            note = escape(self.env._("Rectify at %(site)s:", site=item.site_id.name)) + Markup(" <b>%s</b>") % (
                item.requirement_id.display_name
            )
            if item.finding:
                note += Markup("<br/>") + escape(item.finding)
            item.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=item.deadline,
                summary=summary or self.env._("Rectify: %(requirement)s", requirement=item.requirement_id.name),
                note=note,
                user_id=item.user_id.id,
            )

    def action_submit(self):
        """The owner submits the evidence: a note or at least one file."""
        self.check_access("write")
        for item in self:
            if item.state not in ("open", "reopened"):
                raise UserError(self.env._("Only open or reopened items can be submitted: %(item)s.", item=item.display_name))
            if not (item.evidence_note or item.attachment_ids):
                raise UserError(
                    self.env._("Add the evidence before submitting %(item)s: a note or a file.", item=item.display_name)
                )
        self._gov_unlocked().write({"state": "submitted", "submitted_on": fields.Date.context_today(self)})
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=self.env._("Evidence submitted."))
        return True

    def _check_verifier_rights(self):
        """Evidence is judged by whoever may inspect the site (never the inspected themselves)."""
        try:
            self.inspection_id.check_access("write")
        except AccessError as error:
            raise AccessError(
                self.env._("Only the inspecting centre or the district can judge the evidence of a rectification item.")
            ) from error

    def action_reopen(self):
        """The inspecting side finds the submitted evidence insufficient: the owner rectifies again."""
        self._check_verifier_rights()
        if any(item.state != "submitted" for item in self):
            raise UserError(self.env._("Only items with submitted evidence can be reopened."))
        self._reopen(self.env._("The evidence was not accepted; rectify again."))
        return True

    def _reopen(self, reason):
        self._gov_unlocked().write({"state": "reopened"})
        for item in self:
            item.message_post(body=reason)
        self._schedule_owner_activity(summary=reason)

    def _verify(self, inspection):
        self._gov_unlocked().write({"state": "verified", "verified_inspection_id": inspection.id})
        for item in self:
            item.message_post(body=self.env._("Verified: met at the inspection of %(date)s.", date=inspection.date))
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def _cancel(self, reason):
        self._gov_unlocked().write({"state": "cancel"})
        for item in self:
            item.message_post(body=reason)
        self.activity_unlink(["mail.mail_activity_data_todo"])

    # ------------------------------------------------------------------ navigation
    def action_open_inspection(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.site.inspection",
            "res_id": self.inspection_id.id,
            "view_mode": "form",
        }
