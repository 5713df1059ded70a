from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GovSite(models.Model):
    _inherit = "gov.site"

    gov_staff_ids = fields.One2many("hr.employee", "gov_site_id", string="Staff")
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
