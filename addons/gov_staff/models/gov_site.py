from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .gov_service_slot import format_hour


class GovSite(models.Model):
    _inherit = "gov.site"

    gov_staff_ids = fields.One2many("hr.employee", "gov_site_id", string="Employees")
    staff_employee_count = fields.Integer(compute="_compute_staff_employee_count", string="Window Staff")
    service_slot_ids = fields.One2many(
        "gov.service.slot",
        "site_id",
        string="Service Hours",
        help="When the site serves: working-day hours, extended hours, Saturday and holiday duty "
        "(365天政务服务不打烊) and appointment-only periods. Rosters are generated from them.",
    )
    staff_max_consecutive_days = fields.Integer(
        string="Max Days in a Row",
        default=6,
        help="The most consecutive days one person may be on duty; the roster refuses more.",
    )

    def _compute_staff_employee_count(self):
        counts = dict(
            self.env["hr.employee"]._read_group([("gov_site_id", "in", self.ids)], ["gov_site_id"], ["__count"])
        )
        for site in self:
            site.staff_employee_count = counts.get(site, 0)

    @api.constrains("staff_max_consecutive_days")
    def _check_staff_max_consecutive_days(self):
        for site in self:
            if site.staff_max_consecutive_days < 1:
                raise ValidationError(
                    _("%(site)s: the maximum number of days in a row must be at least 1.", site=site.name)
                )

    def action_view_staff(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_staff.action_gov_staff")
        action.update(domain=[("gov_site_id", "=", self.id)], context={"default_gov_site_id": self.id})
        return action

    def action_load_standard_hours(self):
        """Create the district's standard service hours for sites that have none yet."""
        Slot = self.env["gov.service.slot"]
        vals = []
        for site in self.filtered(lambda s: not s.service_slot_ids):
            vals += Slot._standard_slot_values(site)
        Slot.create(vals)
        return True

    def _public_duty_summary(self, at=None):
        """What the public site page shows of the staff: service hours per kind of day, the
        windows on duty now, the gaps and the whereabouts notices on the board."""
        self.ensure_one()
        site = self.sudo()
        Slot = self.env["gov.service.slot"]
        windows = site.window_ids.filtered("is_open")
        duty = windows._get_on_duty_map(at)
        states = [state for _employee, state, _label in duty.values()]
        slots = site.service_slot_ids or Slot._new_standard(site)
        days = dict(Slot._fields["day_type"]._description_selection(self.env))
        modes = dict(Slot._fields["mode"]._description_selection(self.env))
        hours = []
        for day_type, label in days.items():
            periods = [
                f"{format_hour(s.hour_from)}–{format_hour(s.hour_to)}（{modes[s.mode]}）"
                for s in slots.filtered(lambda s, d=day_type: s.day_type == d).sorted("hour_from")
            ]
            notes = [s.note for s in slots if s.day_type == day_type and s.note]
            hours.append({"day": label, "periods": "、".join(periods), "note": "；".join(notes)})
        return {
            "windows": len(windows),
            "on_duty": sum(1 for state in states if state in ("a", "b")),
            "gaps": states.count("gap"),
            "notices": len(self.env["gov.whereabouts"]._public_notices(site, at)),
            "hours": hours,
        }
