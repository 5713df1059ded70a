from odoo import models


class GovCase(models.Model):
    _inherit = "gov.case"

    def _label(self, record, field):
        return dict(record._fields[field]._description_selection(self.env)).get(record[field], "")

    def _portal_values(self):
        """What the applicant sees of the case (portal page, token link): an explicit allowlist, read
        on the record the portal controller checked (the applicant's own, or sudo behind its token)."""
        self.ensure_one()
        return {
            "id": self.id,
            "url": f"/my/cases/{self.id}",
            "number": self.number,
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
                {"kind": notice._kind_label(), "name": notice.name, "date": notice.date} for notice in self.notice_ids
            ],
        }
