from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# The relay of a station case (帮办代办全程代理): station -> centre -> (county -> centre) -> station -> citizen.
LEG_TYPES = [
    ("station_centre", "Station to Centre"),
    ("centre_county", "Centre to County"),
    ("county_centre", "County to Centre"),
    ("centre_station", "Centre to Station"),
    ("station_citizen", "Station to Citizen"),
]
LEG_ORDER = {key: index for index, (key, _label) in enumerate(LEG_TYPES)}
# After a leg is received, the relay goes on by itself with the next one.
NEXT_LEG = {"centre_station": "station_citizen", "centre_county": "county_centre"}
PAYLOADS = [("materials", "Application Materials"), ("result", "Result")]
LATE_PARAM = "gov_eval.leg_late_working_days"
LATE_DEFAULT = 2


class GovCaseLeg(models.Model):
    """One hand-over of a relayed case: who handed what to whom and when."""

    _name = "gov.case.leg"
    _description = "Case Relay Leg"
    _inherit = ["gov.case.line"]
    _order = "case_id, sequence, id"

    sequence = fields.Integer(compute="_compute_sequence", store=True)
    leg_type = fields.Selection(LEG_TYPES, string="Leg", required=True)
    payload = fields.Selection(PAYLOADS, string="What", required=True, default="materials")
    from_label = fields.Char(compute="_compute_ends", string="From")
    to_label = fields.Char(compute="_compute_ends", string="To")
    handed_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    handed_at = fields.Datetime(readonly=True, default=fields.Datetime.now)
    received_by_id = fields.Many2one("res.users", readonly=True)
    received_by_name = fields.Char(
        string="Received By (Name)", help="The citizen who signed for the result, on the last leg."
    )
    received_at = fields.Datetime(readonly=True)
    note = fields.Char()
    is_late = fields.Boolean(
        readonly=True, string="Late", index=True, help="Open for longer than the configured number of working days."
    )

    def _gov_line_locked(self):
        return bool(self.received_at)

    @api.depends("leg_type")
    def _compute_sequence(self):
        for leg in self:
            leg.sequence = LEG_ORDER.get(leg.leg_type, 0) * 10

    @api.depends("leg_type", "case_id.site_id", "case_id.centre_id", "case_id.escalation_level")
    def _compute_ends(self):
        for leg in self:
            case = leg.case_id.sudo()
            station, centre = case.site_id.name or "", case.centre_id.name or ""
            higher = dict(case._fields["escalation_level"]._description_selection(self.env)).get(
                case.escalation_level, self.env._("County / District Level")
            )
            citizen = case.applicant_name or self.env._("Applicant")
            ends = {
                "station_centre": (station, centre),
                "centre_county": (centre, higher),
                "county_centre": (higher, centre),
                "centre_station": (centre, station),
                "station_citizen": (station, citizen),
            }
            leg.from_label, leg.to_label = ends.get(leg.leg_type, ("", ""))

    def action_receive(self):
        now = fields.Datetime.now()
        for leg in self:
            leg.check_access("write")
            if leg.received_at:
                raise UserError(self.env._("This leg was already received."))
            if leg.leg_type == "station_citizen" and not (leg.received_by_name or "").strip():
                raise UserError(self.env._("Write the name of the person who signed for the result."))
            leg._gov_unlocked().write({"received_by_id": self.env.uid, "received_at": now, "is_late": False})
            leg.case_id.message_post(
                body=self.env._("Relay: %(leg)s received by %(user)s.", leg=leg._leg_label(), user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
            following = NEXT_LEG.get(leg.leg_type)
            if following:
                leg.case_id._open_leg(following, leg.payload)
        return True

    def _leg_label(self):
        return dict(self._fields["leg_type"]._description_selection(self.env))[self.leg_type]

    @api.model
    def _flag_late_legs(self, today):
        days = int(self.env["ir.config_parameter"].sudo().get_param(LATE_PARAM, LATE_DEFAULT))
        open_legs = self.sudo().search([("received_at", "=", False)])
        if not open_legs:
            return self.browse()
        calendar = self.env["gov.holiday"]._work_calendar([today] + [leg.handed_at.date() for leg in open_legs])
        late = open_legs.filtered(lambda leg: calendar.count(leg.handed_at.date(), today) - 1 > days)
        (open_legs - late).filtered("is_late")._gov_unlocked().write({"is_late": False})
        newly = late.filtered(lambda leg: not leg.is_late)
        newly._gov_unlocked().write({"is_late": True})
        for leg in newly:
            leg.case_id._schedule(
                leg.case_id._managers() | leg.handed_by_id,
                self.env._("Relay leg of case %(case)s is late: %(leg)s", case=leg.case_id.number, leg=leg._leg_label()),
            )
        return newly

    def write(self, vals):
        if not self.env.su and not self._gov_is_unlocked() and set(vals) - {"note", "received_by_name"}:
            raise AccessError(self.env._("A relay leg is recorded by the hand-over and receive buttons only."))
        return super().write(vals)
