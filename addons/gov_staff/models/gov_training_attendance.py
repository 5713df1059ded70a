from odoo import api, fields, models
from odoo.addons.gov_center.tools import mask_name
from odoo.exceptions import UserError, ValidationError


class GovTrainingAttendance(models.Model):
    _name = "gov.training.attendance"
    _description = "Training Attendance"
    _inherit = ["gov.guard.mixin"]
    # The attendance of a closed session is the person's training record.
    _gov_state_field = "session_state"
    _gov_locked_states = ("done", "cancelled")
    _order = "date_start desc, employee_id"
    _rec_name = "employee_id"

    session_id = fields.Many2one("gov.training.session", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", string="Attendee", required=True, index=True, ondelete="restrict")
    site_id = fields.Many2one(related="employee_id.gov_site_id", store=True, index=True, string="Attendee's Site")
    attendance = fields.Selection(
        [("registered", "Registered"), ("present", "Present"), ("absent", "Absent"), ("excused", "Excused")],
        default="registered",
        required=True,
    )
    hours = fields.Float(compute="_compute_hours", store=True, readonly=False)
    score = fields.Float(help="Score of the test or contest, out of 100 (blank when not assessed).")
    passed = fields.Boolean(compute="_compute_passed", store=True)
    certificate_no = fields.Char(
        string="Certificate No.",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Numbered from the sequence when the session is closed, for attendees present with hours; never renumbered.",
    )
    certificate_issued_on = fields.Date(readonly=True, copy=False)
    session_name = fields.Char(related="session_id.name", store=True, string="Session Name")
    form = fields.Selection(related="session_id.form", store=True)
    session_state = fields.Selection(related="session_id.state", store=True, string="Session Status")
    date_start = fields.Datetime(related="session_id.date_start", store=True)
    date_end = fields.Datetime(related="session_id.date_end", store=True)
    year = fields.Integer(related="session_id.year", store=True, index=True)
    trainer = fields.Char(related="session_id.trainer")

    _session_employee_unique = models.Constraint(
        "UNIQUE(session_id, employee_id)", "A person attends a training session only once."
    )

    @api.depends("attendance", "session_id.hours")
    def _compute_hours(self):
        for row in self:
            row.hours = row.session_id.hours if row.attendance == "present" else 0.0

    @api.depends("score", "attendance")
    def _compute_passed(self):
        for row in self:
            row.passed = row.attendance == "present" and (not row.score or row.score >= 60)

    @api.constrains("score", "hours")
    def _check_score(self):
        for row in self:
            if not 0 <= row.score <= 100:
                raise ValidationError(self.env._("%(person)s: a score is between 0 and 100.", person=row.employee_id.name))
            if row.hours < 0 or row.hours > row.session_id.hours + 1e-6:
                raise ValidationError(
                    self.env._(
                        "%(person)s: at most %(hours)s hours can be credited for “%(session)s”.",
                        person=row.employee_id.name,
                        hours=row.session_id.hours,
                        session=row.session_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        rows._gov_check_created(self.env._("The session is closed: attendees can no longer be added."))
        return rows

    def write(self, vals):
        if {"certificate_no", "certificate_issued_on"} & set(vals) and self.filtered("certificate_no"):
            raise UserError(self.env._("A training certificate, once numbered, is never renumbered or redated."))
        return super().write(vals)

    # ------------------------------------------------------------------ certificates
    def _certificate_eligible(self):
        """The attendances that earn a certificate: present, with hours credited, at a closed session."""
        return self.filtered(lambda r: r.session_state == "done" and r.attendance == "present" and r.hours > 0)

    def _issue_certificates(self):
        """Number the certificates of the eligible attendances not numbered yet, from the sequence, and
        date them today. Called by the session's closing action, which checked the caller's rights."""
        Sequence = self.env["ir.sequence"].sudo()
        today = fields.Date.context_today(self)
        for row in self._certificate_eligible().filtered(lambda r: not r.certificate_no):
            row._gov_unlocked().write(
                {"certificate_no": Sequence.next_by_code("gov.training.certificate"), "certificate_issued_on": today}
            )

    def _certificates_printable(self):
        """The attendances whose certificate may be printed: numbered, and still eligible."""
        return self._certificate_eligible().filtered("certificate_no")

    def _certificate_verify_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/gov/verify/{self.certificate_no}"

    @api.model
    def _verify_public(self, number):
        """What the public verification page shows for a training certificate ``number``: None for
        anything not issued; the attendee's name masked, as on every public page."""
        number = (number or "").strip()
        if not number or len(number) > 40:
            return None
        row = self.sudo().search([("certificate_no", "=", number)], limit=1)
        if not row:
            return None
        return {
            "number": row.certificate_no,
            "name": f"培训证书 · {row.session_id.name}",
            "holder": mask_name(row.employee_id.name),
            "issued_on": row.certificate_issued_on,
            "issuer": row.session_id.site_id.name,
            # A certificate stands for the hours it certifies: gone when they are (absence recorded later).
            "revoked": row not in row._certificate_eligible(),
        }

    def action_print_certificate(self):
        rows = self._certificates_printable()
        if not rows:
            raise UserError(self.env._("A certificate is issued to attendees present at a closed session."))
        # The certificate has its own layout: no need to configure the company letterhead first.
        report = self.env.ref("gov_staff.action_report_training_certificate").with_context(discard_logo_check=True)
        return report.report_action(rows)
