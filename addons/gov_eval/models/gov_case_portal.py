from odoo import models
from odoo.addons.gov_staff.models.gov_service_slot import china_date

RESULT_STATES = ("result_ready", "delivered", "closed")


class GovCase(models.Model):
    _inherit = "gov.case"

    def _label(self, record, field):
        return dict(record._fields[field]._description_selection(self.env)).get(record[field], "")

    def _portal_list_values(self):
        """The rows of /my/cases: a few fields per case, in a constant number of queries."""
        states = dict(self._fields["state"]._description_selection(self.env))
        rows = []
        for case in self:
            rows.append(
                {
                    "id": case.id,
                    "url": f"/my/cases/{case.id}/edit" if case.state == "draft" else f"/my/cases/{case.id}",
                    "number": case.number or self.env._("Draft"),
                    "item": case.item_id.sudo().name,
                    "site": case.site_id.sudo().name,
                    "state": case.state,
                    "state_label": states.get(case.state, ""),
                    "accepted_on": case.accepted_on,
                    "promised_deadline": case.promised_deadline,
                    "overdue": case.deadline_state == "red",
                    "returned": case.state == "draft" and bool(case.returned_count),
                }
            )
        return rows

    def _portal_timeline(self):
        """The milestones of the case, oldest first: (date, label, detail)."""
        self.ensure_one()
        _ = self.env._
        events = []
        if self.submitted_at:
            events.append((self.submitted_at, self.env._("Submitted online"), ""))
        if self.accepted_at:
            events.append((self.accepted_at, self.env._("Accepted"), self.site_id.sudo().name))
        for notice in self.notice_ids.filtered(lambda n: n.kind == "one_time"):
            events.append((notice.date, self.env._("One-time notice: materials to complete"), notice.content or ""))
        for pause in self.pause_ids:
            events.append((pause.date_start, self.env._("Paused: %(kind)s", kind=self._label(pause, "kind")), pause.reason))
            if pause.date_end:
                events.append((pause.date_end, self.env._("Resumed"), ""))
        if self.escalated_on:
            events.append((self.escalated_on, self.env._("Sent to the higher level"), ""))
        if self.decided_on:
            label = {
                "refused": self.env._("Decided: refused"),
                "not_accepted": self.env._("Not accepted"),
            }.get(self.state, self.env._("Decided: approved"))
            events.append(
                (self.decided_on, label, self.decision_reason if self.state in ("refused", "not_accepted") else "")
            )
        if self.result_issued_on:
            events.append((self.result_issued_on, self.env._("Result ready"), self.result_name or ""))
        if self.delivered_at:
            events.append((self.delivered_at, self.env._("Delivered"), self._label(self, "delivery_method")))
        if self.closed_at:
            events.append((self.closed_at, self.env._("Closed"), ""))
        timeline = [
            {"date": china_date(when), "label": label, "detail": detail or ""} for when, label, detail in events
        ]
        return sorted(timeline, key=lambda event: event["date"])

    def _portal_values(self):
        """What the applicant sees of the case (portal page, token link): an explicit allowlist, read
        on the record the portal controller checked (the applicant's own, or sudo behind its token)."""
        self.ensure_one()
        return {
            "id": self.id,
            "url": f"/my/cases/{self.id}",
            "number": self.number or self.env._("Draft"),
            # Names of the catalogue item and the sites (public information), read behind this allowlist.
            "item": self.item_id.sudo().name,
            "site": self.site_id.sudo().name,
            "centre": self.centre_id.sudo().name,
            "applicant": self.applicant_name,
            "id_number": self.id_number_masked or "",
            "state": self.state,
            "state_label": self._label(self, "state"),
            "kind_label": self._label(self, "kind"),
            "accepted_on": self.accepted_on,
            "promised_deadline": self.promised_deadline,
            "provisional": self.deadline_provisional,
            "paused": self.is_paused,
            "overdue": self.deadline_state == "red",
            "result_name": self.result_name if self.result_number else "",
            "result_number": self.result_number or "",
            "result_revoked": self.result_revoked,
            "delivery_label": self._label(self, "delivery_method")
            if self.state in ("result_ready", "delivered", "closed")
            else "",
            "tracking_number": self.tracking_number or "",
            "missing": self.material_ids.filtered(lambda m: m.required and m.is_missing).mapped("name")
            if self.state == "consultation"
            else [],
            "pauses": [
                {"kind": self._label(pause, "kind"), "start": pause.date_start, "end": pause.date_end}
                for pause in self.pause_ids
            ],
            "legs": [
                {
                    "leg": self._label(leg, "leg_type"),
                    "payload": self._label(leg, "payload"),
                    "from": leg.from_label,
                    "to": leg.to_label,
                    "handed_at": leg.handed_at,
                    "received_at": leg.received_at,
                }
                for leg in self.leg_ids.sorted("sequence")
            ],
            "notices": [
                {
                    "kind": notice._kind_label(),
                    "name": notice.name,
                    "date": notice.date,
                    "content": notice.content or "",
                }
                for notice in self.notice_ids
            ],
            "timeline": self._portal_timeline(),
            "is_draft": self.state == "draft",
            "returned": bool(self.returned_count),
            "edit_url": f"/my/cases/{self.id}/edit" if self.state == "draft" else "",
            "result_downloadable": bool(self.state in RESULT_STATES and self.result_number and not self.result_revoked),
            **self._portal_rating_values(),
        }

    def _portal_rating_values(self):
        """The rating buttons (one per occasion open for rating) and the case's evaluations (level,
        occasion, date), read as the application behind this allowlist."""
        self.ensure_one()
        case = self.sudo()
        Evaluation = self.env["gov.evaluation"]
        occasions = dict(Evaluation._fields["occasion"]._description_selection(self.env))
        levels = dict(Evaluation._fields["level"]._description_selection(self.env))
        rating = []
        for occasion in case._rating_open_occasions():
            # The rating page with the case's token; without a token yet (never printed nor shared),
            # the owner's route makes one (this page is read-only).
            base = case._rating_path() if case.access_token else f"/my/cases/{case.id}/rate"
            sep = "&" if "?" in base else "?"
            rating.append(
                {
                    "occasion": occasion,
                    "label": occasions.get(occasion, ""),
                    "url": f"{base}{sep}occasion={occasion}&channel=portal",
                }
            )
        evaluations = [
            {
                "occasion": occasions.get(evaluation.occasion, ""),
                "level": evaluation.level,
                "level_label": levels.get(evaluation.level, ""),
                "date": evaluation.rated_on,
            }
            for evaluation in case.evaluation_ids.sorted(lambda e: (e.rated_at, e.id))
        ]
        return {"rating": rating, "evaluations": evaluations}

    # ------------------------------------------------------------------ the application form
    def _portal_form_values(self, sites, partner):
        """The first values of the online application form: the case's own when it is edited (the
        resident ID masked: it is typed again to change it), else the citizen's account's."""
        if self:
            self.ensure_one()
            return {
                "site_id": self.site_id.id,
                "applicant_type": self.applicant_type,
                "applicant_name": self.applicant_name,
                "id_number_input": self.id_number_masked or "",
                "applicant_uscc": self.applicant_uscc or "",
                "applicant_phone": self.applicant_phone,
                "applicant_address": self.applicant_address or "",
                "delivery_method": self.delivery_method or "pickup",
            }
        return {
            "site_id": sites[:1].id,
            "applicant_type": "person",
            "applicant_name": partner.name or "",
            "id_number_input": "",
            "applicant_uscc": "",
            "applicant_phone": partner.phone or "",
            "applicant_address": partner.contact_address.replace("\n", " ").strip() if partner.street else "",
            "delivery_method": "pickup",
        }

    def _portal_form_materials(self, item):
        """The materials the form asks for, one upload field each: the case's checklist when it is
        edited (with its files and what the clerk found faulty), else the item's materials."""
        forms = dict(self.env["gov.case.material"]._fields["form"]._description_selection(self.env))
        if self:
            self.ensure_one()
            # The checklist lines are staff records: the applicant reads these fields of their own case.
            return [
                {
                    "key": f"material_{line.id}",
                    "name": line.name,
                    "required": line.required,
                    "form": forms.get(line.form, ""),
                    "files": [{"id": att.id, "name": att.name} for att in line.attachment_ids],
                    "fault": line.fault_note if line.faulty else "",
                }
                for line in self.sudo().material_ids
            ]
        return [
            {
                "key": f"item_material_{material.id}",
                "name": material.name,
                "required": material.requirement == "required",
                "form": forms.get(material.form, ""),
                "files": [],
                "fault": "",
            }
            for material in item.material_ids
        ]
