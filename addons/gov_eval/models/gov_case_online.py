"""Applying online (网上申请, the plan's task 3.8): a citizen's case starts as a draft of their own.

The citizen creates and edits the draft on the portal as themselves: the portal group may create
and write cases, a record rule limits both to their own drafts, and the fields they may set are
the applicant's and the choice of item and centre (``PORTAL_FIELDS``), as Odoo's project lets a
portal user write only some fields of a shared task. Everything else (number, window, responsible,
state) is set by the application's actions:

draft ──submit──> consultation (the centre's comprehensive window pre-checks it: 网上预审)
  │                   │ return for completion, once (一次性告知: every missing material listed)
  │ <─────────────────┘
  └──withdraw──> withdrawn (kept, never deleted)

Only items handled online (form "online" and an online depth of Level II or more) can be applied
for, at a centre that implements the item. Scans are uploaded per material of the checklist: PDF,
JPEG or PNG (read from the content, not the file name) up to a size set by the district.
"""

import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

# What a citizen may set on their own draft, and nothing else.
PORTAL_FIELDS = frozenset(
    {
        "item_id",
        "site_id",
        "applicant_type",
        "applicant_name",
        "id_number_input",
        "applicant_uscc",
        "applicant_phone",
        "applicant_address",
        "delivery_method",
    }
)
ONLINE_DEPTHS = ("2", "3", "4")  # Level II (online pre-check) and above take applications
UPLOAD_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
UPLOAD_MAX_PARAM = "gov_eval.online_upload_max_mb"
UPLOAD_MAX_DEFAULT = 10  # MB per file
UPLOAD_MAX_FILES = 5  # per material
PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")


class GovCase(models.Model):
    _inherit = "gov.case"

    returned_count = fields.Integer(
        readonly=True,
        copy=False,
        string="Returned for Completion",
        help="An online application comes back to the citizen once, with every missing material listed.",
    )
    submitted_at = fields.Datetime(readonly=True, copy=False, string="Submitted Online")

    # ================================================================ who is asking
    def _gov_portal_caller(self):
        """True for a citizen (portal user) acting as themselves."""
        return not self.env.su and self.env.user._is_portal()

    @api.model
    def _online_item_domain(self):
        return [("state", "=", "published"), ("form_online", "=", True), ("online_depth", "in", ONLINE_DEPTHS)]

    @api.model
    def _online_sites(self, item):
        """The centres that take ``item`` online: published centres implementing it (sudo records)."""
        lines = self.env["gov.item.site"].sudo().search([("item_id", "=", item.id), ("active", "=", True)])
        return lines.site_id.filtered(lambda site: site.is_centre and site.is_public and site.active)

    # ================================================================ ORM
    def _check_portal_fields(self, vals):
        if not self._gov_portal_caller() or self._gov_is_unlocked():
            return
        refused = sorted(set(vals) - PORTAL_FIELDS)
        if refused:
            labels = "、".join(
                self._fields[name]._description_string(self.env) for name in refused if name in self._fields
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of an online application are set by the service centre, not by the applicant.",
                    fields=labels or "、".join(refused),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self._gov_portal_caller():
            Item, Site = self.env["gov.item"], self.env["gov.site"]
            for vals in vals_list:
                self._check_portal_fields(vals)
                # Before anything is written: a citizen creates nothing but an application for an item
                # a centre takes online (refused as access, like any other case they may not create).
                problem = self._online_problem(Item.browse(vals.get("item_id")), Site.browse(vals.get("site_id")))
                if problem:
                    raise AccessError(problem)
            # Defaults come from the centre's forms only: a citizen's default_green_reason or
            # default_window_id in the context must not set what their values may not.
            context = {key: value for key, value in self.env.context.items() if not key.startswith("default_")}
            return super(GovCase, self.with_env(self.env(context=context))).create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_portal_fields(vals)
        result = super().write(vals)
        drafts = self.filtered(lambda case: case.state == "draft")
        if "item_id" in vals and drafts:
            drafts._check_online_item()
            # The application's own values: the item's kind and checklist follow the item chosen.
            drafts.sudo()._gov_unlocked().write({"kind": drafts.item_id[:1].case_kind})
            drafts._reset_online_checklist()
        elif "site_id" in vals and drafts:
            drafts._check_online_item()
        return result

    def _reset_online_checklist(self):
        """The checklist of the draft's item, scans of another item's materials dropped (sudo: the
        catalogue's values, on drafts the caller was allowed to create or write)."""
        Material = self.env["gov.case.material"].sudo()
        for case in self:
            stale = case.sudo().material_ids.filtered(lambda line, c=case: line.item_material_id.item_id != c.item_id)
            stale.attachment_ids.unlink()
            stale._gov_unlocked().unlink()
            if not case.sudo().material_ids:
                Material.create([dict(vals, case_id=case.id) for vals in self._material_values(case.item_id)])

    # ================================================================ checks
    @api.model
    def _online_problem(self, item, site):
        """Why ``item`` cannot be applied for online at ``site`` (a text), or None."""
        item, site = item.sudo().exists(), site.sudo().exists()
        if not item or not item.filtered_domain(self._online_item_domain()):
            return self.env._(
                "“%(item)s” cannot be applied for online: apply at a service centre's window, or choose an item "
                "marked 网上办.",
                item=item.name or "",
            )
        if not site or site not in self._online_sites(item):
            return self.env._(
                "%(site)s does not take “%(item)s” online: choose one of the centres listed for the item.",
                site=site.name or "",
                item=item.name,
            )
        return None

    def _check_online_item(self):
        for case in self:
            problem = self._online_problem(case.item_id, case.site_id)
            if problem:
                raise ValidationError(problem)

    def _online_problems(self):
        """What still keeps the draft from being submitted, every point at once (a list of texts)."""
        self.ensure_one()
        problems = []
        if not (self.applicant_name or "").strip():
            problems.append(self.env._("Enter the applicant's name."))
        if not PHONE_RE.match(re.sub(r"\s", "", self.applicant_phone or "")):
            problems.append(self.env._("Enter a mobile number of 11 digits or a landline with its area code."))
        if self.applicant_type == "person" and not self.id_number_masked:
            problems.append(self.env._("Enter the applicant's 18-digit resident ID number."))
        for material in self.sudo().material_ids.filtered("required"):
            if not material.attachment_ids:
                problems.append(self.env._("Upload “%(material)s”.", material=material.name))
        return problems

    # ================================================================ the citizen's actions
    def _check_own_draft(self, action):
        for case in self:
            case.check_access("write")  # the citizen's own draft (record rule), or the staff's case
            if case.state != "draft":
                raise UserError(
                    self.env._(
                        "%(case)s is no longer a draft: %(action)s is not possible now.",
                        case=case.display_name,
                        action=action,
                    )
                )

    def action_submit(self):
        """Submit the draft: numbered at its centre, sent to the comprehensive window for pre-check."""
        self._check_own_draft(self.env._("submitting"))
        self._check_online_item()
        for case in self:
            problems = case._online_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "The application cannot be submitted yet:\n%(problems)s",
                        problems="\n".join(f"• {p}" for p in problems),
                    )
                )
        for case in self:
            # The application's values, on a draft the caller owns (checked above).
            system = case.sudo()._gov_unlocked()
            vals = {"state": "consultation", "submitted_at": fields.Datetime.now()}
            if not case.number:
                intake = [{"site_id": case.site_id.id, "item_id": case.item_id.id}]
                self._add_intake_values(intake)
                vals.update(number=intake[0]["number"], access_code=intake[0]["access_code"])
            window = self._precheck_window(case.centre_id)
            vals["window_id"] = window.id or False
            owner = window._get_on_duty_employee().sudo().user_id if window else self.env["res.users"]
            vals["user_id"] = owner.id or False
            system.write(vals)
            case.message_post(
                body=self.env._("Submitted online by %(user)s.", user=self.env.user.name), subtype_xmlid="mail.mt_comment"
            )
            returned = case.returned_count
            system._schedule(
                owner or case._managers(),
                self.env._("Pre-check the completed online application %(case)s", case=case.number)
                if returned
                else self.env._("Pre-check the online application %(case)s", case=case.number),
            )
        return True

    @api.model
    def _precheck_window(self, centre):
        """The centre's comprehensive window that pre-checks online applications (the first open one)."""
        return (
            self.env["gov.window"]
            .sudo()
            .search(
                [("site_id", "=", centre.id), ("window_type", "=", "comprehensive"), ("is_open", "=", True)],
                order="sequence, id",
                limit=1,
            )
        )

    def action_withdraw(self):
        """The citizen withdraws a draft (kept as withdrawn; a case is never deleted)."""
        self._check_own_draft(self.env._("withdrawing"))
        for case in self:
            case.sudo()._gov_unlocked().write({"state": "withdrawn"})
            case.message_post(body=self.env._("Withdrawn by %(user)s.", user=self.env.user.name), subtype_xmlid="mail.mt_note")
        return True

    def _portal_attach(self, material, filename, content):
        """Attach an uploaded scan to ``material`` of the citizen's draft ``self``.

        The citizen's rights are checked on the draft (write, as themselves); the file is checked
        for its type (read from its content) and size; then the attachment is created by the
        system, as Odoo's portal does for a document the visitor may write, with values set here
        (name, content, the material it belongs to), never with fields the caller chose."""
        self.ensure_one()
        self._check_own_draft(self.env._("uploading"))
        material = material.sudo()
        if material.case_id != self:
            raise AccessError(self.env._("This material is not on the checklist of %(case)s.", case=self.display_name))
        if len(material.attachment_ids) >= UPLOAD_MAX_FILES:
            raise UserError(
                self.env._(
                    "“%(material)s” already has %(count)s files: remove one before adding another.",
                    material=material.name,
                    count=UPLOAD_MAX_FILES,
                )
            )
        mimetype = guess_mimetype(content or b"")
        if mimetype not in UPLOAD_TYPES:
            raise UserError(
                self.env._(
                    "“%(file)s” for “%(material)s” is not a PDF, JPG or PNG file: scan or photograph the material "
                    "and upload it in one of these formats.",
                    file=filename,
                    material=material.name,
                )
            )
        limit = self._upload_limit_mb()
        if len(content) > limit * 1024 * 1024:
            raise UserError(
                self.env._(
                    "“%(file)s” is larger than %(limit)s MB: reduce the scan's resolution or split it into pages.",
                    file=filename,
                    limit=limit,
                )
            )
        name = re.sub(r"[\\/\x00-\x1f]", "_", (filename or "").strip())[:120] or material.name
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": "gov.case.material",
                    "res_id": material.id,
                }
            )
        )
        material._gov_unlocked().write({"attachment_ids": [fields.Command.link(attachment.id)]})
        return attachment

    def _portal_detach(self, attachment):
        """Remove a scan the citizen uploaded to their own draft."""
        self.ensure_one()
        self._check_own_draft(self.env._("removing a file"))
        attachment = attachment.sudo()
        materials = self.sudo().material_ids
        if attachment.res_model != "gov.case.material" or attachment.res_id not in materials.ids:
            raise AccessError(self.env._("This file is not on %(case)s.", case=self.display_name))
        attachment.unlink()

    @api.model
    def _upload_limit_mb(self):
        try:
            limit = int(self.env["ir.config_parameter"].sudo().get_param(UPLOAD_MAX_PARAM, UPLOAD_MAX_DEFAULT))
        except (TypeError, ValueError):
            limit = UPLOAD_MAX_DEFAULT
        return limit if limit > 0 else UPLOAD_MAX_DEFAULT

    # ================================================================ the window's action
    def action_return_for_completion(self):
        """Pre-check: send an incomplete online application back once, with a one-time notice that
        lists every missing or faulty material (一次性告知)."""
        self._check_state(("consultation",), self.env._("returning for completion"))
        if self._gov_portal_caller():
            raise AccessError(self.env._("Only the service centre returns an application for completion."))
        for case in self:
            if case.channel != "portal" or not case.submitted_at:
                raise UserError(
                    self.env._(
                        "%(case)s was not applied for online: give the applicant a one-time notice instead.",
                        case=case.number,
                    )
                )
            if case.returned_count:
                raise UserError(
                    self.env._(
                        "%(case)s was already returned once with every missing material listed (一次性告知): accept it "
                        "or do not accept it with written reasons.",
                        case=case.number,
                    )
                )
            if not case.missing_count:
                raise UserError(
                    self.env._(
                        "No material of %(case)s is marked missing or faulty: mark what must be completed on the "
                        "checklist first.",
                        case=case.number,
                    )
                )
        self.env["gov.case.notice"].create([{"case_id": case.id, "kind": "one_time"} for case in self])
        for case in self:
            case._transition(
                {"state": "draft", "returned_count": case.returned_count + 1},
                self.env._("Returned to the applicant for completion."),
                notify=True,
            )
        return True
