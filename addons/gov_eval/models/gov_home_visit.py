"""Home visits (免费上门服务 / 居家服务, plan action 14): someone who cannot come to the hall (elderly,
disabled, seriously ill, pregnant...) asks for the service at home, from the portal (/my/home-visits)
or through a village agent or a clerk. Scheduling gives the slot to an available agent of the site
(the least loaded of that day) and opens an outreach event of kind "home visit" with that agent, so
that the cases taken at home carry the event and reach the KPIs."""

from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

HOME_VISIT_REASONS = [
    ("elderly", "Elderly"),
    ("disabled", "Disabled"),
    ("ill", "Seriously Ill"),
    ("pregnant", "Pregnant"),
    ("hardship", "Hardship"),
    ("other", "Other"),
]
HOME_VISIT_STATES = [
    ("requested", "Requested"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
    ("refused", "Refused"),
]
# The fields a citizen fills in on /my/home-visits/new (the rest is the centre's).
PORTAL_FIELDS = ("person_name", "phone", "address", "reason", "item_ids", "preferred_date", "site_id", "note")
CHINA_TZ = pytz.timezone("Asia/Shanghai")


class GovHomeVisit(models.Model):
    _name = "gov.home.visit"
    _description = "Home Visit Request"
    _inherit = ["gov.guard.mixin", "gov.centre.mixin", "portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _gov_locked_states = ("done", "cancelled", "refused")
    _gov_locked_writable = frozenset({"note", "active", "access_token"})

    name = fields.Char(string="Request No.", readonly=True, copy=False, default="/")
    active = fields.Boolean(default=True)
    person_name = fields.Char(string="Person", required=True, tracking=True)
    phone = fields.Char(required=True)
    address = fields.Char(required=True, help="Where the service is given.")
    reason = fields.Selection(HOME_VISIT_REASONS, required=True, default="elderly", tracking=True)
    item_ids = fields.Many2many("gov.item", string="Items Needed", domain="[('state', '=', 'published')]")
    preferred_date = fields.Date()
    site_id = fields.Many2one(
        "gov.site",
        string="Service Site",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user.gov_site_ids[:1],
        help="The station or centre that serves the address.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Requested by (Citizen)", index=True, help="The portal citizen who asked, if any."
    )
    state = fields.Selection(
        HOME_VISIT_STATES,
        string="Status",
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    slot_start = fields.Datetime(string="Visit From", tracking=True, copy=False)
    slot_end = fields.Datetime(string="Visit To", tracking=True, copy=False)
    agent_id = fields.Many2one(
        "gov.site.agent",
        string="Assigned Agent",
        tracking=True,
        copy=False,
        domain="['|', ('site_id', '=', centre_id), ('site_id.parent_id', '=', centre_id), ('user_id', '!=', False)]",
        help="Left empty, scheduling chooses the least loaded free agent of the site.",
    )
    event_id = fields.Many2one("gov.outreach.event", string="Outreach Service", readonly=True, copy=False, index=True)
    refusal_reason = fields.Text(copy=False, tracking=True)
    result = fields.Text(copy=False, help="What was done at the visit; required to mark it done.")
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and self.env.user.share:
            # a citizen sets only the fields of the portal form (not an agent, a slot or an event)
            self._gov_create_from(
                vals_list,
                (*PORTAL_FIELDS, "partner_id"),
                self.env._("A citizen's home-visit request cannot set %(fields)s."),
            )
            for vals in vals_list:
                self._check_portal_items(vals)
        for vals in vals_list:
            self._gov_check_protected(vals)
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("gov.home.visit") or "/"
        return super().create(vals_list)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for visit in self:
            visit.access_url = f"/my/home-visits/{visit.id}"
        return result

    @api.constrains("slot_start", "slot_end")
    def _check_slot(self):
        for visit in self:
            if visit.slot_start and visit.slot_end and visit.slot_end <= visit.slot_start:
                raise ValidationError(self.env._("The visit %(visit)s must end after it starts.", visit=visit.name))

    # ------------------------------------------------------------------ availability
    def _candidate_agents(self):
        """Agents of the site (and of the stations below a centre), active and with a user."""
        self.ensure_one()
        sites = self.site_id | (self.site_id.child_ids if self.site_id.is_centre else self.env["gov.site"])
        return (
            self.env["gov.site.agent"]
            .sudo()
            .search(
                [
                    ("site_id", "in", sites.ids),
                    ("active", "=", True),
                    ("user_id", "!=", False),
                    ("user_id.active", "=", True),
                ],
                order="sequence, id",
            )
        )

    def _busy_and_load(self, agents, start, end):
        """(agents booked between ``start`` and ``end``, {agent id: visits and events that day}) from
        two grouped queries over the scheduled visits and one search over the live events."""
        local = pytz.utc.localize(start).astimezone(CHINA_TZ).date()
        day_start = CHINA_TZ.localize(datetime.combine(local, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        day_end = day_start + timedelta(days=1)
        Visit = self.sudo().with_context(active_test=False)
        base = [("agent_id", "in", agents.ids), ("state", "=", "scheduled"), ("id", "not in", self.ids)]
        busy = {
            agent.id
            for [agent] in Visit._read_group([*base, ("slot_start", "<", end), ("slot_end", ">", start)], ["agent_id"])
        }
        load = {
            agent.id: count
            for agent, count in Visit._read_group(
                [*base, ("slot_start", "<", day_end), ("slot_end", ">", day_start)], ["agent_id"], ["__count"]
            )
        }
        # Events the agents take part in (a home visit's own event is counted through its visit).
        events = (
            self.env["gov.outreach.event"]
            .sudo()
            .search(
                [
                    ("agent_ids", "in", agents.ids),
                    ("state", "in", ("draft", "published")),
                    ("kind", "!=", "home_visit"),
                    ("date_start", "<", day_end),
                    ("date_end", ">", day_start),
                ]
            )
        )
        for event in events:
            for agent in event.agent_ids & agents:
                load[agent.id] = load.get(agent.id, 0) + 1
                if event.date_start < end and event.date_end > start:
                    busy.add(agent.id)
        return busy, load

    def _find_agent(self):
        """The agent for the visit's slot: the chosen one if free, else the least loaded free agent
        of the day (then by the site's order); a translated error naming the slot if nobody is."""
        self.ensure_one()
        candidates = self._candidate_agents()
        if self.agent_id:
            if self.agent_id not in candidates:
                raise UserError(
                    self.env._(
                        "%(agent)s is not an active agent with a user at %(site)s or its stations.",
                        agent=self.agent_id.name,
                        site=self.site_id.name,
                    )
                )
            candidates = self.agent_id.sudo()
        busy, load = self._busy_and_load(candidates, self.slot_start, self.slot_end)
        free = candidates.filtered(lambda a: a.id not in busy)
        if not free:
            raise UserError(
                self.env._(
                    "No agent of %(site)s is available from %(start)s to %(end)s; choose another time or another agent.",
                    site=self.site_id.name,
                    start=self._local_text(self.slot_start),
                    end=self._local_text(self.slot_end),
                )
            )
        return min(free, key=lambda a: (load.get(a.id, 0), a.sequence, a.id))

    @staticmethod
    def _local_text(value):
        return pytz.utc.localize(value).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")

    # ------------------------------------------------------------------ actions
    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda v: v.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(visit)s cannot be %(action)s in its current status (%(state)s).",
                    visit=wrong[0].name,
                    action=action,
                    state=dict(self._fields["state"]._description_selection(self.env))[wrong[0].state],
                )
            )

    def action_schedule(self):
        """Give the slot to an available agent, open the home-visit outreach event with that agent and
        give the agent's user a to-do."""
        self.check_access("write")
        self._check_state(("requested",), self.env._("scheduled"))
        for visit in self:
            if not visit.item_ids:
                raise UserError(self.env._("Choose the service items needed at the visit %(visit)s.", visit=visit.name))
            if not visit.slot_start or not visit.slot_end:
                raise UserError(
                    self.env._("Set the time of the visit %(visit)s before scheduling it.", visit=visit.name)
                )
            agent = visit._find_agent()
            event = (
                self.env["gov.outreach.event"]
                .sudo()
                ._gov_unlocked()
                .create(
                    {
                        "name": self.env._("Home visit: %(person)s", person=visit.person_name),
                        "kind": "home_visit",
                        "target": "family",
                        "site_id": visit.site_id.id,
                        "place": visit.address,
                        "date_start": visit.slot_start,
                        "date_end": visit.slot_end,
                        "agent_ids": [(6, 0, agent.ids)],
                        "item_ids": [(6, 0, visit.item_ids.ids)],
                        "state": "published",
                    }
                )
            )
            visit._gov_unlocked().write({"state": "scheduled", "agent_id": agent.id, "event_id": event.id})
            visit.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=pytz.utc.localize(visit.slot_start).astimezone(CHINA_TZ).date(),
                summary=self.env._(
                    "Home visit to %(person)s at %(time)s",
                    person=visit.person_name,
                    time=visit._local_text(visit.slot_start),
                ),
                user_id=agent.user_id.id,
            )

    def action_done(self):
        self.check_access("write")
        self._check_state(("scheduled",), self.env._("marked done"))
        for visit in self:
            if not (visit.result or "").strip():
                raise UserError(
                    self.env._("Write what was done at the visit %(visit)s before marking it done.", visit=visit.name)
                )
            if visit.event_id.state == "published":
                visit.event_id.sudo()._gov_unlocked().write({"state": "done", "report": visit.result})
        self._gov_unlocked().write({"state": "done"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_cancel(self):
        self.check_access("write")
        self._check_state(("requested", "scheduled"), self.env._("cancelled"))
        events = self.event_id.filtered(lambda e: e.state in ("draft", "published"))
        events.sudo()._gov_unlocked().write({"state": "cancelled"})
        self._gov_unlocked().write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_refuse(self):
        self.check_access("write")
        self._check_state(("requested",), self.env._("refused"))
        for visit in self:
            if not (visit.refusal_reason or "").strip():
                raise UserError(
                    self.env._("Give the reason for refusing %(visit)s; the citizen sees it.", visit=visit.name)
                )
        self._gov_unlocked().write({"state": "refused"})

    @api.ondelete(at_uninstall=False)
    def _unlink_only_requested(self):
        if any(visit.state != "requested" for visit in self):
            raise UserError(self.env._("Only requested home visits can be deleted; cancel or refuse the others."))

    # ------------------------------------------------------------------ portal
    @api.model
    def _check_portal_items(self, vals):
        """A citizen asks only for items the chosen site offers at home (``_home_visit_items``),
        given as a plain list (set or link commands)."""
        asked = set()
        for command in vals.get("item_ids") or []:
            if isinstance(command, (list, tuple)) and command and command[0] == Command.SET:
                asked.update(command[2])
            elif isinstance(command, (list, tuple)) and command and command[0] == Command.LINK:
                asked.add(command[1])
            else:
                raise AccessError(self.env._("A citizen's home-visit request lists the items it needs, nothing else."))
        site = self.env["gov.site"].sudo().browse(vals.get("site_id")).exists()
        if asked and (not site or asked - set(site._home_visit_items().ids)):
            raise AccessError(self.env._("Choose service items offered by the site the visit is asked from."))

    @api.model
    def _portal_submit(self, values):
        """A citizen's request from /my/home-visits/new: only ``PORTAL_FIELDS``, created as the
        citizen (record rules apply), for their own partner."""
        vals = {key: values[key] for key in PORTAL_FIELDS if values.get(key) and key != "item_ids"}
        vals["partner_id"] = self.env.user.partner_id.id
        record = self.create(vals)
        # the items: published ones only (a citizen may not read the catalogue's records themselves)
        asked = set(values.get("item_ids") or [])
        items = record.site_id.sudo()._home_visit_items().filtered(lambda item: item.id in asked)
        record.sudo().write({"item_ids": [Command.set(items.ids)]})
        return record
