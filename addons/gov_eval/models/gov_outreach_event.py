"""Outreach services (厅外流动服务, plan actions 13 and 14): a centre or a station takes its service
out of the hall: "五进" (进企业、进园区、进社区、进农村、进家庭), a mobile service day in a
village, or a home visit (上门服务) for someone who cannot come. Cases taken on the spot carry the
event (``gov.case.outreach_event_id``, channel "outreach") and reach the KPIs like any case."""

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

EVENT_KINDS = [
    ("five_in", "Five-in Service (五进)"),
    ("home_visit", "Home Visit"),
    ("mobile", "Mobile Service"),
]
FIVE_IN_TARGETS = [
    ("enterprise", "Into Enterprises"),
    ("park", "Into Industrial Parks"),
    ("community", "Into Communities"),
    ("village", "Into Villages"),
    ("family", "Into Families"),
]
EVENT_STATES = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# What the public site page and the site's feed show of an event (home visits are never shown).
PUBLIC_EVENT_FIELDS = ("name", "kind", "target", "place", "date_start", "date_end")
PUBLIC_EVENT_LIMIT = 10


class GovOutreachEvent(models.Model):
    _name = "gov.outreach.event"
    _description = "Outreach Service"
    _inherit = ["gov.guard.mixin", "gov.centre.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _gov_locked_states = ("done", "cancelled")
    _gov_locked_writable = frozenset({"note", "active", "photo_ids"})

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    kind = fields.Selection(EVENT_KINDS, required=True, default="five_in", tracking=True, index=True)
    target = fields.Selection(
        FIVE_IN_TARGETS, string="Five-in Target", tracking=True, help="Where a 五进 service goes; required for it."
    )
    site_id = fields.Many2one(
        "gov.site",
        string="Organising Site",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user.gov_site_ids[:1],
    )
    place = fields.Char(required=True, tracking=True, help="Where the service is held, e.g. 某某村委会广场.")
    partner_id = fields.Many2one(
        "res.partner", string="Partner Enterprise", tracking=True, help="The enterprise or park visited, if any."
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True, index=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Staff",
        domain="['|', ('gov_site_id', '=', centre_id), ('gov_site_id.parent_id', '=', centre_id)]",
        help="Staff of the centre and its stations taking part.",
    )
    agent_ids = fields.Many2many(
        "gov.site.agent",
        string="Station Agents",
        domain="['|', ('site_id', '=', centre_id), ('site_id.parent_id', '=', centre_id)]",
    )
    item_ids = fields.Many2many(
        "gov.item",
        string="Items Offered",
        domain="[('state', '=', 'published')]",
        help="The service items offered on the spot.",
    )
    state = fields.Selection(
        EVENT_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    consultation_count = fields.Integer(
        string="Consultations", copy=False, help="People advised on the spot (typed when the event is closed)."
    )
    case_ids = fields.One2many("gov.case", "outreach_event_id", string="Cases Taken")
    case_count = fields.Integer(compute="_compute_case_count", string="Cases")
    photo_ids = fields.Many2many(
        "ir.attachment",
        "gov_outreach_event_photo_rel",
        "event_id",
        "attachment_id",
        string="Photos",
        copy=False,
        help="Photos of the event (images).",
    )
    report = fields.Text(copy=False, help="A short report of the event; required to close it.")
    note = fields.Text()
    home_visit_ids = fields.One2many("gov.home.visit", "event_id", string="Home Visits")

    _consultations_positive = models.Constraint(
        "CHECK (consultation_count >= 0)", "The number of consultations cannot be negative."
    )

    # ------------------------------------------------------------------ computes
    def _compute_case_count(self):
        counts = dict(
            self.env["gov.case"]
            .sudo()
            ._read_group([("outreach_event_id", "in", self.ids)], ["outreach_event_id"], ["__count"])
        )
        for event in self:
            event.case_count = counts.get(event._origin, 0)

    # ------------------------------------------------------------------ constraints
    @api.constrains("kind", "target")
    def _check_target(self):
        for event in self:
            if event.kind == "five_in" and not event.target:
                raise ValidationError(
                    self.env._(
                        "Choose where the five-in service %(event)s goes (enterprise, park, community, village or family).",
                        event=event.name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for event in self:
            if event.date_start and event.date_end and event.date_end <= event.date_start:
                raise ValidationError(
                    self.env._("The outreach service %(event)s must end after it starts.", event=event.name)
                )

    @api.constrains("site_id", "employee_ids", "agent_ids")
    def _check_network(self):
        for event in self:
            centre = event.site_id._service_centre()
            network = centre | centre.child_ids
            outsiders = [e.name for e in event.employee_ids if e.gov_site_id not in network]
            outsiders += [a.name for a in event.agent_ids if a.site_id not in network]
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(people)s do not work at %(centre)s or its stations; choose staff and agents of the organising site's network.",
                        people="、".join(outsiders),
                        centre=centre.name,
                    )
                )

    @api.constrains("photo_ids")
    def _check_photos(self):
        for event in self:
            if any(not (photo.mimetype or "").startswith("image/") for photo in event.photo_ids):
                raise ValidationError(
                    self.env._("Only images can be attached as photos of %(event)s.", event=event.name)
                )

    # ------------------------------------------------------------------ actions
    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda e: e.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(event)s cannot be %(action)s in its current status (%(state)s).",
                    event=wrong[0].name,
                    action=action,
                    state=dict(self._fields["state"]._description_selection(self.env))[wrong[0].state],
                )
            )

    def action_publish(self):
        self.check_access("write")
        self._check_state(("draft",), self.env._("published"))
        self._gov_unlocked().write({"state": "published"})

    def action_done(self):
        """Close the event once it has started: a short report is required; the cases are counted
        from the cases carrying the event."""
        self.check_access("write")
        self._check_state(("published",), self.env._("closed"))
        now = fields.Datetime.now()
        for event in self:
            if event.date_start > now:
                raise UserError(
                    self.env._("%(event)s has not started yet; it can be closed once it has started.", event=event.name)
                )
            if not (event.report or "").strip():
                raise UserError(self.env._("Write a short report of %(event)s before closing it.", event=event.name))
        self._gov_unlocked().write({"state": "done"})

    def action_cancel(self):
        self.check_access("write")
        self._check_state(("draft", "published"), self.env._("cancelled"))
        self._gov_unlocked().write({"state": "cancelled"})

    def action_draft(self):
        self.check_access("write")
        self._check_state(("cancelled",), self.env._("reset to draft"))
        self._gov_unlocked().write({"state": "draft"})

    def action_view_cases(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.case",
            "name": self.env._("Cases Taken"),
            "views": [(False, "list"), (False, "form")],
            "domain": [("outreach_event_id", "=", self.id)],
            "context": {
                "default_outreach_event_id": self.id,
                "default_channel": "outreach",
                "default_site_id": self.site_id.id,
            },
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._gov_check_protected(vals)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(event.state != "draft" for event in self):
            raise UserError(self.env._("Only draft outreach services can be deleted; cancel or archive the others."))

    # ------------------------------------------------------------------ public data
    @api.model
    def _public_upcoming(self, sites):
        """{site id: [allowlisted dict]} of the published, upcoming (not yet ended) events of
        ``sites`` (home visits never), soonest first; read as superuser behind the allowlist."""
        Event = self.sudo()
        events = Event.search(
            [
                ("site_id", "in", sites.ids),
                ("state", "=", "published"),
                ("kind", "!=", "home_visit"),
                ("date_end", ">=", fields.Datetime.now()),
            ],
            order="date_start, id",
        )
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        targets = dict(self._fields["target"]._description_selection(self.env))
        tz = pytz.timezone("Asia/Shanghai")
        result = {}
        for event in events:
            rows = result.setdefault(event.site_id.id, [])
            if len(rows) >= PUBLIC_EVENT_LIMIT:
                continue
            start = pytz.utc.localize(event.date_start).astimezone(tz)
            end = pytz.utc.localize(event.date_end).astimezone(tz)
            rows.append(
                {
                    "name": event.name,
                    "kind": event.kind,
                    "kind_label": kinds[event.kind],
                    "target": event.target or None,
                    "target_label": targets.get(event.target) if event.target else None,
                    "place": event.place,
                    "start": start.strftime("%Y-%m-%d %H:%M"),
                    "end": end.strftime("%Y-%m-%d %H:%M"),
                    "items": [item.name for item in event.item_ids],
                }
            )
        return result
