"""Demo appointments: a few bookings in the published roster of the demo centre (t100), so that the
window's list and the citizen's portal have something to show. Called from
demo/gov_appointment_demo.xml; does nothing when no slot is left this week."""

import datetime

from odoo import api, models

from .gov_appointment import china_today

WALK_INS = [("王建国", "13904720011"), ("李秀英", "13904720012"), ("张伟", "13904720013")]


class GovAppointment(models.Model):
    _inherit = "gov.appointment"

    @api.model
    def _demo_generate(self):
        site = self.env.ref("gov_center.site_centre_t100", raise_if_not_found=False)
        citizen = self.env.ref("gov_center.user_gov_citizen", raise_if_not_found=False)
        if not site or self.sudo().search_count([("site_id", "=", site.id)]):
            return False
        lines = site.sudo()._public_item_lines()[:3]
        today = china_today()
        bookings = []
        for index, line in enumerate(lines):
            slots = [
                s
                for s in self._bookable_slots(site, line.item_id, today, today + datetime.timedelta(days=6))
                if s["remaining"]
            ]
            if not slots:
                continue
            slot = slots[min(index * 3, len(slots) - 1)]
            name, phone = WALK_INS[index]
            vals = {
                "site_id": site.id,
                "item_id": line.item_id.id,
                "date": slot["date"],
                "hour_from": slot["hour_from"],
                "applicant_name": name,
                "applicant_phone": phone,
            }
            if index == 0 and citizen:
                vals.update(partner_id=citizen.partner_id.id, applicant_name=citizen.name)
            bookings.append(vals)
        return self.sudo().with_context(mail_notrack=True).create(bookings) if bookings else False
