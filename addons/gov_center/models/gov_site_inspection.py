from odoo import api, fields, models
from odoo.exceptions import UserError

from .gov_settings import gov_param
from .gov_site import TIER_RANK, TIERS
from .gov_site_rectification import OPEN_STATES

RESULTS = [("met", "Met"), ("unmet", "Not Met"), ("na", "Not Applicable")]


class GovSiteInspection(models.Model):
    """An inspection (达标检查) of a site against the construction standards of its kind.

    The latest completed inspection is the site's current state. Closing one turns each unmet
    requirement into a rectification item (gov.site.rectification) with a deadline in working days,
    verifies the site's open items one by one against its results, and, when the site reaches a
    tier, issues the numbered compliance certificate (达标证书): the number, tier and issue date
    live on the inspection that established the tier.
    """

    _name = "gov.site.inspection"
    _description = "Site Inspection"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["site_id.name"]
    # A closed inspection is the site's graded state: locked, never deleted; only the district
    # administrator reopens it (action_draft), and the chatter logs it.
    _gov_locked_states = ("done", "cancel")

    _certificate_number_unique = models.Constraint(
        "UNIQUE(certificate_number)", "A compliance certificate number is issued once."
    )

    name = fields.Char(compute="_compute_name")
    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="restrict", tracking=True)
    kind = fields.Selection(related="site_id.kind")
    township_id = fields.Many2one(related="site_id.township_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    inspector_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True
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
    # The compliance certificate (达标证书) this inspection issued when it established the site's tier.
    certificate_number = fields.Char(  # indexed by its UNIQUE
        readonly=True, copy=False, help="Number of the compliance certificate issued at closing."
    )
    certificate_tier = fields.Selection(TIERS, readonly=True, copy=False, help="Tier the certificate attests.")
    certificate_issued_on = fields.Date(readonly=True, copy=False)
    rectification_ids = fields.One2many("gov.site.rectification", "inspection_id", string="Rectification Items")
    rectification_count = fields.Integer(compute="_compute_rectification_count", string="Rectifications")

    @api.depends("site_id.name", "date")
    def _compute_name(self):
        for inspection in self:
            inspection.name = self.env._(
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

    def _compute_rectification_count(self):
        counts = dict(
            self.env["gov.site.rectification"]._read_group(
                [("inspection_id", "in", self.ids)], ["inspection_id"], ["__count"]
            )
        )
        for inspection in self:
            inspection.rectification_count = counts.get(inspection, 0)

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        for inspection in inspections:
            if not inspection.site_id.is_graded:
                raise UserError(
                    self.env._(
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
            raise UserError(self.env._("Only draft inspections can be changed; reset the inspection to draft first."))

    def _met_requirements(self):
        self.ensure_one()
        return {line.requirement_id.id for line in self.line_ids if line.result in ("met", "na")}

    @api.model
    def _rectification_days(self):
        """Working days given to rectify an unmet requirement (the settings' rectification period)."""
        return gov_param(self.env, "inspection_rectification_days")

    def action_done(self):
        self._check_draft()
        for inspection in self:
            if not inspection.line_ids:
                raise UserError(self.env._("The checklist of %(name)s is empty: load the checklist first.", name=inspection.name))
            unchecked = inspection.line_ids.filtered(lambda line: not line.result)
            if unchecked:
                raise UserError(
                    self.env._(
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
            if inspection.floor_area:
                inspection.site_id.floor_area = inspection.floor_area
            inspection._verify_rectifications()
            inspection._create_rectifications(unmet)
            inspection._issue_certificate()

    def _issue_certificate(self):
        """Number the compliance certificate when this closed inspection establishes a tier (the
        sequence gov.site.certificate); the tier and the issue date go with it."""
        self.ensure_one()
        tier = self.site_id.achieved_tier
        if not tier or self.site_id.last_inspection_id != self or self.certificate_number:
            return
        self._gov_unlocked().write(
            {
                "certificate_number": self.env["ir.sequence"].next_by_code("gov.site.certificate"),
                "certificate_tier": tier,
                "certificate_issued_on": fields.Date.context_today(self),
            }
        )

    def _certificate_revoked(self):
        """A certificate is revoked when its inspection was reopened or cancelled, or when a later
        closed inspection of the site dropped the tier it attests."""
        self.ensure_one()
        if self.state != "done":
            return True
        later = self.site_id.inspection_ids.filtered(
            lambda i: i.state == "done" and (i.date, i.id) > (self.date, self.id)
        )
        rank = TIER_RANK.get(self.certificate_tier, 0)
        return any(TIER_RANK.get(i.certificate_tier, 0) < rank for i in later)

    def _certificate_name(self):
        """证书名称, e.g. 便民服务中心建设达标证书 · 标准型 (the printed wording is fixed Chinese)."""
        self.ensure_one()
        env = self.with_context(lang="zh_CN").env
        tiers = self.env["gov.site"]._fields["achieved_tier"]._description_selection(env)
        tier = dict(tiers).get(self.certificate_tier, "")
        standard = self.env["gov.site.standard"].sudo().search(
            [("kind", "=", self.site_id.kind), ("tier", "=", self.certificate_tier)], limit=1
        )
        noun = (standard.with_env(env).name or "").replace(tier, "", 1) or self.site_id._kind_label()
        return f"{noun}建设达标证书 · {tier}"

    def _certificate_verify_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/gov/verify/{self.certificate_number}"

    @api.model
    def _verify_public(self, number):
        """What the public verification page shows for a compliance certificate ``number``: None for
        anything not issued. The holder is a site, whose name is public."""
        number = (number or "").strip()
        if not number or len(number) > 40:
            return None
        inspection = (
            self.sudo().with_context(active_test=False).search([("certificate_number", "=", number)], limit=1)
        )
        if not inspection:
            return None
        return {
            "number": inspection.certificate_number,
            "name": inspection._certificate_name(),
            "holder": inspection.site_id.name,
            "issued_on": inspection.certificate_issued_on,
            "issuer": inspection.site_id._certificate_issuer(),
            "revoked": inspection._certificate_revoked(),
        }

    def _earlier_open_rectifications(self):
        """The site's items still open from inspections before this one."""
        self.ensure_one()
        return self.env["gov.site.rectification"].search(
            [
                ("site_id", "=", self.site_id.id),
                ("state", "in", OPEN_STATES),
                ("inspection_id", "!=", self.id),
                ("inspection_id.date", "<=", self.date),
            ]
        )

    def _verify_rectifications(self):
        """A re-inspection verifies the site's open items one by one: an item whose requirement it
        found met (or not applicable) is verified; one it found unmet stays open, reopened when its
        evidence had been submitted; one it did not check is left as it is."""
        self.ensure_one()
        results = {line.requirement_id.id: line.result for line in self.line_ids}
        items = self._earlier_open_rectifications()
        items.filtered(lambda i: results.get(i.requirement_id.id) in ("met", "na"))._verify(self)
        items.filtered(lambda i: i.state == "submitted" and results.get(i.requirement_id.id) == "unmet")._reopen(
            self.env._("Still not met at the inspection of %(date)s: rectify again.", date=self.date)
        )

    def _create_rectifications(self, unmet):
        """One item per unmet requirement, unless the site still has an open item for it (that one
        carries on, with its own deadline)."""
        self.ensure_one()
        pending = set(self._earlier_open_rectifications().requirement_id.ids)
        pending |= set(self.rectification_ids.filtered(lambda i: i.state in OPEN_STATES).requirement_id.ids)
        owner = self.site_id.manager_id or self.site_id.parent_id.manager_id or self.inspector_id
        self.env["gov.site.rectification"]._gov_unlocked().create(
            [
                {
                    "inspection_id": self.id,
                    "requirement_id": line.requirement_id.id,
                    "finding": line.note,
                    "deadline": line.deadline,
                    "user_id": owner.id,
                }
                for line in unmet
                if line.requirement_id.id not in pending
            ]
        )

    def _check_reopen_rights(self):
        """Reopening or cancelling a closed inspection changes a site's grade: the district's call."""
        self._gov_check_correction_rights(
            self.env._("Only the district administrator can reopen or cancel a closed inspection; ask the district.")
        )

    def action_draft(self):
        """Reopen for correction; its open rectification items stay (closing it again does not
        repeat them)."""
        self.check_access("write")
        self._check_reopen_rights()
        self._gov_unlocked().write({"state": "draft"})
        return True

    def action_cancel(self):
        """Cancel: the open rectification items it raised are cancelled with it."""
        self.check_access("write")
        self._check_reopen_rights()
        self.rectification_ids.filtered(lambda i: i.state in OPEN_STATES)._cancel(
            self.env._("The inspection was cancelled.")
        )
        self._gov_unlocked().write({"state": "cancel"})
        return True

    def action_view_rectifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_center.action_gov_site_rectification")
        action.update(domain=[("inspection_id", "=", self.id)], context={"search_default_filter_open": 0})
        return action

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
