from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovCase(models.Model):
    _inherit = "gov.case"

    outreach_event_id = fields.Many2one(
        "gov.outreach.event",
        string="Outreach Service",
        index=True,
        ondelete="restrict",
        domain="[('state', 'in', ('published', 'done')), ('site_id', 'in', [site_id, centre_id])]",
        help="The outreach service (厅外流动服务, 五进, home visit) at which the case was taken.",
    )

    @api.onchange("outreach_event_id")
    def _onchange_outreach_event(self):
        if self.outreach_event_id:
            self.channel = "outreach"

    @api.constrains("channel", "outreach_event_id", "site_id")
    def _check_outreach_event(self):
        for case in self:
            event = case.outreach_event_id
            if case.channel == "outreach" and not event:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s was taken at an outreach service: choose the outreach service it was taken at.",
                        case=case.display_name,
                    )
                )
            if not event:
                continue
            if case.channel != "outreach":
                raise ValidationError(
                    self.env._(
                        "Case %(case)s carries the outreach service %(event)s: its channel must be Outreach Service.",
                        case=case.display_name,
                        event=event.sudo().name,
                    )
                )
            event_site = event.sudo().site_id
            if case.site_id != event_site and case.site_id.parent_id != event_site:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s is at %(site)s but the outreach service %(event)s was organised by %(event_site)s: "
                        "choose an outreach service of the case's site or of its centre.",
                        case=case.display_name,
                        site=case.site_id.name,
                        event=event.sudo().name,
                        event_site=event_site.name,
                    )
                )

    @api.model
    def _demo_outreach_event(self, site):
        """The demo cases' outreach service at ``site`` (one per site, created when first needed)."""
        Event = self.env["gov.outreach.event"].sudo()
        event = Event.search([("site_id", "=", site.id), ("name", "=", "便民服务流动日（演示）")], limit=1)
        if not event:
            start = fields.Datetime.to_datetime("2026-01-10 01:00:00")
            event = Event._gov_unlocked().create(
                {
                    "name": "便民服务流动日（演示）",
                    "kind": "mobile",
                    "site_id": site.id,
                    "place": f"{site.name}辖区广场",
                    "date_start": start,
                    "date_end": start.replace(hour=8),
                    "state": "done",
                    "report": "在辖区开展流动服务，现场受理并咨询。",
                }
            )
        return event
