"""Printed documents of a case: when each may be printed, and what the templates print.

The receipt (受理回执), the notices (告知书、通知书、决定书) and the result certificate are
government documents handed over the counter. As in gov_items and gov_center, their wording is
fixed Chinese written in the templates (report/gov_case_templates.xml); the selection values they
print are named here in Chinese too, whatever the language of the user who prints them.
Identity on every document: the applicant's name and the masked resident ID (never the full one)
or, for an enterprise, its unified social credit code.
"""

from odoo import api, models
from odoo.exceptions import UserError

CASE_KIND_LABELS = {
    "immediate": "即办件",
    "promised": "承诺件",
    "joint": "联办件",
    "escalated": "上报件",
    "agent": "代理件",
}
MATERIAL_FORM_LABELS = {"original": "原件", "copy": "复印件", "both": "原件及复印件", "electronic": "电子件"}
DELIVERY_LABELS = {"pickup": "窗口领取", "post": "邮寄送达", "online": "电子证照"}


class GovCase(models.Model):
    _inherit = "gov.case"

    # ------------------------------------------------------------------ what may be printed
    def _check_printable_receipt(self):
        """A receipt says the application was accepted: never for an inquiry or a case not accepted."""
        for case in self:
            if case.state in ("consultation", "not_accepted") or not case.accepted_on:
                raise UserError(
                    self.env._(
                        "%(case)s was not accepted: the receipt (受理回执) is printed only for an accepted case.",
                        case=case.display_name,
                    )
                )

    def _check_printable_result(self):
        for case in self:
            if not case.result_number:
                raise UserError(
                    self.env._(
                        "%(case)s has no issued result yet: the result certificate is printed once the result is ready "
                        "and numbered.",
                        case=case.display_name,
                    )
                )

    # ------------------------------------------------------------------ values of the documents
    @api.model
    def _report_date(self, value):
        """2026年3月5日, as dates are written on official documents."""
        return f"{value.year}年{value.month}月{value.day}日" if value else ""

    def _report_identity(self):
        """(label, value) of the applicant's identification: masked resident ID, or the enterprise's code."""
        self.ensure_one()
        if self.applicant_type == "enterprise":
            return "统一社会信用代码", self.applicant_uscc or ""
        return "公民身份号码", self.id_number_masked or ""

    def _report_phone(self):
        """138****5678: the contact phone, masked like the ID (the receipt may be lost)."""
        self.ensure_one()
        phone = (self.applicant_phone or "").strip()
        if len(phone) < 7:
            return phone
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]

    def _report_kind(self):
        self.ensure_one()
        return CASE_KIND_LABELS.get(self.kind, "")

    def _report_time_limit(self):
        self.ensure_one()
        return "当场办结（即办件）" if not self.promised_days else f"{self.promised_days}个工作日"

    def _report_received_materials(self):
        """The materials taken at the window: received and not sent back as faulty."""
        self.ensure_one()
        return self.material_ids.filtered(lambda m: m.received and not m.faulty)

    @api.model
    def _report_form(self, form):
        return MATERIAL_FORM_LABELS.get(form, "")

    def _report_window(self):
        self.ensure_one()
        window = self.window_id.sudo()
        if not window:
            return ""
        return f"{window.code}号窗口（{window.name}）" if window.code else window.name

    def _report_consult_phone(self):
        self.ensure_one()
        return self.item_line_id.sudo().phone or self.centre_id.sudo().phone or ""

    def _report_delivery(self):
        self.ensure_one()
        return DELIVERY_LABELS.get(self.delivery_method, "")
