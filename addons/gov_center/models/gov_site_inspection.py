from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .gov_settings import gov_param

RESULTS = [("met", "Met"), ("unmet", "Not Met"), ("na", "Not Applicable")]


class GovSiteInspection(models.Model):
    """An inspection (达标检查) of a site against the construction standards of its kind.

    The latest completed inspection is the site's current state; its unmet items get a
    rectification deadline and an activity for the site's manager.
    """

    _name = "gov.site.inspection"
    _description = "Site Inspection"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["site_id.name"]
    # A closed inspection is the site's graded state: locked, never deleted; only the district
    # administrator reopens it (action_draft), and the chatter logs it.
    _gov_locked_states = ("done", "cancel")

    name = fields.Char(compute="_compute_name")
    site_id = fields.Many2one("gov.site", string="Site", required=True, index=True, ondelete="restrict", tracking=True)
    kind = fields.Selection(related="site_id.kind")
    township_id = fields.Many2one(related="site_id.township_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    inspector_id = fields.Many2one(
        "res.users", string="Inspector", required=True, default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done"), ("cancel", "Cancelled")],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    floor_area = fields.Float(string="Measured Floor Area (m²)", help="Floor area measured during the inspection.")
    line_ids = fields.One2many("gov.site.inspection.line", "inspection_id", string="Checklist", copy=True)
    note = fields.Html(string="Inspector's Notes", help="Internal notes; never published.")
    met_count = fields.Integer(compute="_compute_counts", store=True, string="Met")
    unmet_count = fields.Integer(compute="_compute_counts", store=True, string="Not Met")
    unchecked_count = fields.Integer(compute="_compute_counts", store=True, string="Unchecked")
    rectification_deadline = fields.Date(
        compute="_compute_counts", store=True, help="Earliest rectification deadline of the unmet items."
    )
    achieved_tier = fields.Selection(
        related="site_id.achieved_tier", string="Site's Tier", help="Tier of the site after its latest inspection."
    )

    @api.depends("site_id.name", "date")
    def _compute_name(self):
        for inspection in self:
            inspection.name = _(
                "%(site)s inspection %(date)s", site=inspection.site_id.name or "", date=inspection.date or ""
            )

    @api.depends("line_ids.result", "line_ids.deadline")
    def _compute_counts(self):
        for inspection in self:
            results = inspection.line_ids.mapped("result")
            inspection.met_count = results.count("met")
            inspection.unmet_count = results.count("unmet")
            inspection.unchecked_count = results.count(False)
            deadlines = [d for d in inspection.line_ids.filtered(lambda line: line.result == "unmet").mapped("deadline") if d]
            inspection.rectification_deadline = min(deadlines) if deadlines else False

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        for inspection in inspections:
            if not inspection.site_id.is_graded:
                raise UserError(
                    _(
                        "%(site)s is not graded against the construction standards: only township centres and "
                        "stations are inspected.",
                        site=inspection.site_id.name,
                    )
                )
            if not inspection.floor_area:
                inspection.floor_area = inspection.site_id.floor_area
            if not inspection.line_ids:
                inspection._load_checklist()
        return inspections

    def _load_checklist(self):
        """Add a line for every requirement of every tier of the site's kind not yet on the checklist."""
        for inspection in self:
            present = set(inspection.line_ids.requirement_id.ids)
            requirements = self.env["gov.site.requirement"].search(
                [("kind", "=", inspection.site_id.kind), ("standard_id.active", "=", True)],
                order="tier, sequence, id",
            )
            requirements = requirements.sorted(lambda r: (r.standard_id.tier_rank, r.sequence, r.id))
            self.env["gov.site.inspection.line"].create(
                [{"inspection_id": inspection.id, "requirement_id": req.id} for req in requirements if req.id not in present]
            )

    def action_load_checklist(self):
        self._check_draft()
        self._load_checklist()

    def _check_draft(self):
        if any(inspection.state != "draft" for inspection in self):
            raise UserError(_("Only draft inspections can be changed; reset the inspection to draft first."))

    def _met_requirements(self):
        self.ensure_one()
        return {line.requirement_id.id for line in self.line_ids if line.result in ("met", "na")}

    @api.model
    def _rectification_days(self):
        """Working days given to rectify an unmet requirement (the settings' rectification period)."""
        return gov_param(self.env, "rectification_days")

    def action_done(self):
        self._check_draft()
        for inspection in self:
            if not inspection.line_ids:
                raise UserError(_("The checklist of %(name)s is empty: load the checklist first.", name=inspection.name))
            unchecked = inspection.line_ids.filtered(lambda line: not line.result)
            if unchecked:
                raise UserError(
                    _(
                        "Decide every requirement before closing the inspection: %(count)s still unchecked, e.g. "
                        "“%(first)s”.",
                        count=len(unchecked),
                        first=unchecked[0].requirement_id.name,
                    )
                )
            unmet = inspection.line_ids.filtered(lambda line: line.result == "unmet")
            default_deadline = self.env["gov.holiday"].add_working_days(inspection.date, self._rectification_days())
            for line in unmet.filtered(lambda line: not line.deadline):
                line.deadline = default_deadline
            inspection.write({"state": "done"})
            inspection._close_previous_rectifications()
            if inspection.floor_area:
                inspection.site_id.floor_area = inspection.floor_area
            if unmet:
                inspection._schedule_rectification(unmet)

    def _close_previous_rectifications(self):
        """A new inspection supersedes the rectification activities of the earlier ones of the site."""
        self.ensure_one()
        previous = self.site_id.inspection_ids.filtered(
            lambda i: i != self and i.state == "done" and (i.date, i.id) < (self.date, self.id)
        )
        activities = previous.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )
        if activities:
            activities.action_feedback(feedback=_("Re-inspected on %(date)s: %(name)s", date=self.date, name=self.name))

    def _schedule_rectification(self, unmet):
        self.ensure_one()
        manager = self.site_id.manager_id or self.site_id.parent_id.manager_id or self.inspector_id
        # Requirement names and the site name are data: escaped into the activity's HTML note.
        items = Markup("").join(
            Markup("<li>%s（%s）</li>") % (line.requirement_id.display_name, line.deadline) for line in unmet
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=min(unmet.mapped("deadline")),
            summary=_("Rectify %(count)s unmet requirements", count=len(unmet)),
            note=escape(_("Items to rectify at %(site)s:", site=self.site_id.name)) + Markup("<ul>%s</ul>") % items,
            user_id=manager.id,
        )

    def _check_reopen_rights(self):
        """Reopening or cancelling a closed inspection changes a site's grade: the district's call."""
        self._gov_check_correction_rights(
            _("Only the district administrator can reopen or cancel a closed inspection; ask the district.")
        )

    def action_draft(self):
        self.check_access("write")
        self._check_reopen_rights()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._gov_unlocked().write({"state": "draft"})
        return True

    def action_cancel(self):
        self.check_access("write")
        self._check_reopen_rights()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._gov_unlocked().write({"state": "cancel"})
        return True

    @api.model
    def _record_inspection(self, site_id, date, floor_area, unmet_codes=(), done=True, inspector_id=None):
        """Inspect a site with every requirement met except `unmet_codes` (demo data, tests, benchmarks)."""
        vals = {"site_id": site_id, "date": date, "floor_area": floor_area}
        if inspector_id:
            vals["inspector_id"] = inspector_id
        inspection = self.create(vals)
        for line in inspection.line_ids:
            line.result = "unmet" if line.requirement_id.code in unmet_codes else "met"
        if done:
            inspection.action_done()
        return inspection.id

    def action_mark_all_met(self):
        self._check_draft()
        self.line_ids.filtered(lambda line: not line.result).result = "met"
