"""A queue number (取号叫号) of a site's hall: issued at the kiosk, called at a window.

Life of a ticket::

    waiting ──call──> called ──start──> serving ──done──> done
       ^                │  └─recall (counts)          (a window's next call also ends its current ticket)
       └──requeue── skipped <─skip─┘
    waiting/called/serving ──transfer──> transferred (+ a new waiting ticket, same number)
    waiting/called/skipped at the end of the day ──cron──> cancelled (no-show)

Numbers are the service's prefix and three digits (A001), restarting each day per site and
prefix. The count is one row per (site, prefix, day) in ``gov_queue_counter``, taken with
``INSERT … ON CONFLICT DO UPDATE … RETURNING``: two kiosks issuing at the same instant wait on that
row's lock for a few microseconds and get consecutive numbers, never the same one (a unique index
on the tickets stands behind it).

Order of calling (``priority desc, issued_at, id``): green channel (绿色通道: the elderly,
disabled, pregnant, military families, hardship) first, then checked-in appointments (prefix Y),
then walk-ins, each in the order they were issued. ``action_call_next`` on a window takes the
first waiting ticket of the services the window serves with ``SELECT … FOR UPDATE SKIP LOCKED``, so
two windows calling at once never get the same ticket.

Transfer: the ticket is closed as ``transferred`` (its own time at the first window recorded) and a
new waiting ticket carries the same number (the one printed on the citizen's slip and shown on the
screen) to the other service or window; it keeps ``issued_at``, so it is called before those who
came later, and its waiting time counts from the transfer (``queued_at``).

Tickets hold no personal data (no name, phone or ID): a case started from a ticket links to it.
Tickets are never deleted; their fields are set by these actions only (``gov.guard.mixin``).
"""

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .gov_case import GREEN_REASONS
from .gov_case_line import checked_for_create
from .gov_queue_service import APPOINTMENT_PREFIX

TICKET_STATES = [
    ("waiting", "Waiting"),
    ("called", "Called"),
    ("serving", "Serving"),
    ("done", "Done"),
    ("skipped", "Skipped"),
    ("transferred", "Transferred"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("waiting", "called", "serving", "skipped")
AT_WINDOW_STATES = ("called", "serving")
SOURCES = [("walk_in", "Walk-in"), ("appointment", "Appointment")]
PRIORITIES = [("0", "Normal"), ("1", "Appointment"), ("2", "Green Channel")]
MAX_NUMBER = 999  # three digits a day per prefix
# Fields a user may change by hand: the green channel while the ticket waits, and a note.
HAND_WRITABLE = frozenset({"green_reason", "note"})


def minutes_between(start, end):
    return round((end - start).total_seconds() / 60.0, 1) if start and end else 0.0


class GovQueueTicket(models.Model):
    _name = "gov.queue.ticket"
    _description = "Queue Ticket"
    _inherit = ["gov.guard.mixin"]
    _order = "day desc, priority desc, issued_at, id"
    _rec_name = "number"

    _gov_locked_states = ("done", "transferred", "cancelled")
    _gov_locked_writable = frozenset({"note"})

    number = fields.Char(
        readonly=True, index=True, copy=False, help="Printed on the slip and shown on the hall's screen."
    )
    site_id = fields.Many2one("gov.site", required=True, index=True, ondelete="restrict")
    service_id = fields.Many2one(
        "gov.queue.service",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('site_id', '=', site_id)]",
    )
    day = fields.Date(readonly=True, index=True, help="The local day the number belongs to (numbers restart daily).")
    source = fields.Selection(SOURCES, required=True, readonly=True, default="walk_in")
    green_reason = fields.Selection(
        GREEN_REASONS, string="Green Channel", help="绿色通道: called before everyone else."
    )
    priority = fields.Selection(PRIORITIES, compute="_compute_priority", store=True, precompute=True, index=True)
    state = fields.Selection(TICKET_STATES, required=True, readonly=True, default="waiting", index=True)
    issued_at = fields.Datetime(readonly=True, string="Issued", help="When the slip was printed (kept on a transfer).")
    queued_at = fields.Datetime(readonly=True, string="Queued", help="When the ticket entered this service's queue.")
    called_at = fields.Datetime(readonly=True, string="Called")
    announced_at = fields.Datetime(readonly=True, string="Last Announced", help="Last call or recall (the screen).")
    serving_at = fields.Datetime(readonly=True, string="Service Started")
    done_at = fields.Datetime(readonly=True, string="Finished")
    window_id = fields.Many2one("gov.window", readonly=True, index=True, help="Where it was called.")
    target_window_id = fields.Many2one(
        "gov.window", string="Transferred to Window", readonly=True, help="Only this window calls it (a transfer)."
    )
    called_by_id = fields.Many2one("res.users", string="Called by", readonly=True)
    recall_count = fields.Integer(string="Recalls", readonly=True)
    transferred_from_id = fields.Many2one("gov.queue.ticket", string="Transferred from", readonly=True, index=True)
    transfer_ids = fields.One2many("gov.queue.ticket", "transferred_from_id", string="Transferred to", readonly=True)
    case_ids = fields.One2many("gov.case", "ticket_id", string="Cases", readonly=True)
    case_count = fields.Integer(compute="_compute_case_count", string="Cases Started")
    appointment_id = fields.Many2one(
        "gov.appointment", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    waiting_minutes = fields.Float(
        compute="_compute_minutes",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        string="Waiting (min)",
        help="From entering the queue to the first call.",
    )
    service_minutes = fields.Float(
        compute="_compute_minutes",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        string="Service (min)",
        help="From the start of service at the window to its end.",
    )
    end_reason = fields.Selection(
        [("no_show", "No-show at the End of the Day"), ("transfer", "Transferred")], readonly=True
    )
    note = fields.Text()

    _number_day_unique = models.UniqueIndex(
        "(site_id, day, number) WHERE transferred_from_id IS NULL",
        "A number is issued once a day at a site.",
    )

    def init(self):
        # The daily counters of the numbers (see the module docstring): no model, one row per
        # (site, prefix, day), only ever touched by _next_number.
        self.env.cr.execute(
            """
            CREATE TABLE IF NOT EXISTS gov_queue_counter (
                site_id integer NOT NULL REFERENCES gov_site(id) ON DELETE CASCADE,
                prefix varchar NOT NULL,
                day date NOT NULL,
                last_number integer NOT NULL,
                PRIMARY KEY (site_id, prefix, day)
            )
            """
        )

    # ================================================================ computes
    @api.depends("green_reason", "source")
    def _compute_priority(self):
        for ticket in self:
            ticket.priority = "2" if ticket.green_reason else "1" if ticket.source == "appointment" else "0"

    @api.depends("queued_at", "called_at", "serving_at", "done_at")
    def _compute_minutes(self):
        for ticket in self:
            ticket.waiting_minutes = minutes_between(ticket.queued_at, ticket.called_at)
            ticket.service_minutes = minutes_between(ticket.serving_at, ticket.done_at)

    def _compute_case_count(self):
        counts = dict(self.env["gov.case"]._read_group([("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]))
        for ticket in self:
            ticket.case_count = counts.get(ticket._origin, 0)

    @api.depends("number", "service_id")
    def _compute_display_name(self):
        for ticket in self:
            ticket.display_name = f"{ticket.number} {ticket.service_id.name}" if ticket.number else self.env._("New Ticket")

    # ================================================================ ORM
    @api.model_create_multi
    def create(self, vals_list):
        self = checked_for_create(self, vals_list)  # noqa: PLW0642
        now = fields.Datetime.now()
        today = china_today()
        Service = self.env["gov.queue.service"].sudo()
        for vals in vals_list:
            service = Service.browse(vals.get("service_id"))
            if vals.get("service_id") and not vals.get("site_id"):
                vals["site_id"] = service.site_id.id
            if service and service.site_id.id != vals.get("site_id"):
                raise UserError(
                    self.env._("%(service)s is a service of another site: choose one of this site's.", service=service.name)
                )
            vals.setdefault("issued_at", now)
            vals.setdefault("queued_at", vals["issued_at"])
            vals.setdefault("day", today)
        tickets = super().create(vals_list)
        # Numbered after the access checks of create (record rules on the site): a caller who may
        # not create at a site never takes one of its numbers.
        for ticket in tickets.filtered(lambda t: not t.number):
            prefix = APPOINTMENT_PREFIX if ticket.source == "appointment" else ticket.service_id.prefix
            number = ticket._next_number(ticket.site_id, prefix, ticket.day)
            ticket._gov_unlocked().sudo().write({"number": f"{prefix}{number:03d}"})
        return tickets

    def write(self, vals):
        if not self.env.su and not self._gov_is_unlocked():
            self.check_access("write")
            manual = {name for name in vals if not name.startswith(("message_", "activity_"))}
            forbidden = sorted(manual - HAND_WRITABLE)
            if forbidden:
                labels = "、".join(
                    self._fields[name]._description_string(self.env) for name in forbidden if name in self._fields
                )
                raise AccessError(
                    self.env._(
                        "%(fields)s of a queue ticket are set by the calling buttons, not by hand.",
                        fields=labels or ", ".join(forbidden),
                    )
                )
            if "green_reason" in vals and self.filtered(lambda t: t.state != "waiting"):
                raise UserError(self.env._("The green channel of a ticket is chosen while it waits, before it is called."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(self.env._("Queue tickets are kept for the service figures and never deleted."))

    # ================================================================ numbering
    @api.model
    def _next_number(self, site, prefix, day):
        """The next number of ``prefix`` at ``site`` on ``day`` (1, 2, …), safe under concurrency."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO gov_queue_counter (site_id, prefix, day, last_number) VALUES (%s, %s, %s, 1)
                ON CONFLICT (site_id, prefix, day) DO UPDATE SET last_number = gov_queue_counter.last_number + 1
                RETURNING last_number
                """,
                site.id,
                prefix,
                day,
            )
        )
        number = self.env.cr.fetchone()[0]
        if number > MAX_NUMBER:
            raise UserError(
                self.env._(
                    "All %(count)s numbers of %(prefix)s are issued today: please ask at the guide desk.",
                    count=MAX_NUMBER,
                    prefix=prefix,
                )
            )
        return number

    @api.model
    def _issue(self, site, service, source="walk_in", green_reason=False, appointment=None):
        """Issue a ticket of ``service`` at ``site``: the kiosk's button and the appointment check-in.

        Checks everything itself (the kiosk calls it as superuser for an anonymous visitor): the
        site active and published, the service active and of that site, the source and green
        channel reason known, an appointment checked in once a day. ``appointment`` is any record
        (gov.appointment, checked in); its tickets take the prefix Y and come
        before walk-ins. Returns the ticket.
        """
        site = site.sudo()
        if not site or not site.active or not site.filtered_domain(site._public_site_domain({})):
            raise UserError(self.env._("This site does not issue queue numbers."))
        service = service.sudo() if service else self.env["gov.queue.service"].sudo()
        if not service and source == "appointment":
            service = site.queue_service_ids[:1]
        if not service or not service.active or service.site_id != site:
            raise UserError(self.env._("Choose one of the services of this site."))
        if source not in dict(SOURCES):
            raise UserError(self.env._("Unknown source of a queue ticket."))
        if green_reason and green_reason not in dict(GREEN_REASONS):
            raise UserError(self.env._("Unknown green channel reason."))
        if (appointment is not None) != (source == "appointment"):
            raise UserError(self.env._("An appointment ticket is issued for an appointment, and only then."))
        vals = {"site_id": site.id, "service_id": service.id, "source": source, "green_reason": green_reason or False}
        if appointment is not None:
            appointment.ensure_one()
            already = self.sudo().search_count(
                [
                    ("appointment_id", "=", appointment.id),
                    ("day", "=", china_today()),
                    ("state", "!=", "cancelled"),
                ],
                limit=1,
            )
            if already:
                raise UserError(self.env._("This appointment is already checked in today."))
            vals["appointment_id"] = appointment.id
        return self._gov_unlocked().create(vals).with_env(self.env)

    # ================================================================ queue figures
    def _people_ahead(self):
        """Waiting tickets of the same queue that will be called before this one."""
        self.ensure_one()
        return self.sudo().search_count(
            [
                ("site_id", "=", self.site_id.id),
                ("service_id", "=", self.service_id.id),
                ("day", "=", self.day),
                ("state", "=", "waiting"),
                ("id", "!=", self.id),
                "|",
                ("priority", ">", self.priority),
                "&",
                ("priority", "=", self.priority),
                "|",
                ("issued_at", "<", self.issued_at),
                "&",
                ("issued_at", "=", self.issued_at),
                ("id", "<", self.id),
            ]
        )

    # ================================================================ checks
    def _check_site_rights(self, site):
        """Raise AccessError unless the user may work the queue of ``site`` (write tickets there)."""
        if self.env.su:
            return
        Ticket = self.env["gov.queue.ticket"]
        Ticket.check_access("write")
        domain = self.env["ir.rule"]._compute_domain(Ticket._name, "write")
        probe = Ticket.sudo().new({"site_id": site.id})
        if domain and not probe.filtered_domain(domain):
            raise AccessError(self.env._("You do not work at %(site)s: you cannot call its queue.", site=site.name))

    def _check_state(self, allowed, action):
        for ticket in self:
            if ticket.state not in allowed:
                states = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "Ticket %(number)s is %(state)s: %(action)s is not possible now.",
                        number=ticket.number,
                        state=states[ticket.state],
                        action=action,
                    )
                )

    def _act(self, vals):
        """Write the action's values, after checking the user may write these tickets."""
        self.check_access("write")
        return self._gov_unlocked().sudo().write(vals)

    # ================================================================ actions
    def action_recall(self):
        self._check_state(AT_WINDOW_STATES, self.env._("recall"))
        for ticket in self:
            ticket._act({"recall_count": ticket.recall_count + 1, "announced_at": fields.Datetime.now()})
        return True

    def action_start(self):
        """The citizen is at the window: the service time starts."""
        self._check_state(("called",), self.env._("starting the service"))
        self._act({"state": "serving", "serving_at": fields.Datetime.now()})
        return True

    def action_done(self):
        self._check_state(AT_WINDOW_STATES, self.env._("finishing"))
        now = fields.Datetime.now()
        for ticket in self:
            ticket._act({"state": "done", "serving_at": ticket.serving_at or ticket.called_at or now, "done_at": now})
        return True

    def action_skip(self):
        """过号: the citizen did not come to the window; the ticket can be put back in the queue."""
        self._check_state(("called",), self.env._("skipping"))
        self._act({"state": "skipped"})
        return True

    def action_requeue(self):
        """The skipped citizen is back: they wait again, in their original place."""
        self._check_state(("skipped",), self.env._("putting back in the queue"))
        self._act({"state": "waiting", "window_id": False, "queued_at": fields.Datetime.now()})
        return True

    def action_transfer(self, service=None, window=None):
        """Send the citizen on to another service kind or window of the site (a new waiting ticket with
        the same number and issue time). Without arguments, opens the wizard-like form."""
        self.ensure_one()
        if service is None and window is None:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Transfer %(number)s", number=self.number),
                "res_model": "gov.queue.transfer",
                "view_mode": "form",
                "target": "new",
                "context": {"default_ticket_id": self.id},
            }
        self._check_state(("waiting", *AT_WINDOW_STATES), self.env._("transferring"))
        service = self.env["gov.queue.service"].browse(int(service)) if service else self.service_id
        window = self.env["gov.window"].browse(int(window)) if window else self.env["gov.window"]
        if service.sudo().site_id != self.site_id or (window and window.sudo().site_id != self.site_id):
            raise UserError(self.env._("A ticket is transferred within its own site."))
        if not service.sudo().active:
            raise UserError(self.env._("Choose an active service kind."))
        if window and window == self.window_id:
            raise UserError(self.env._("Choose another window than the one serving the ticket now."))
        now = fields.Datetime.now()
        self._act(
            {
                "state": "transferred",
                "end_reason": "transfer",
                "serving_at": self.serving_at or self.called_at or False,
                "done_at": now if self.called_at else False,
            }
        )
        return (
            self.sudo()
            ._gov_unlocked()
            .create(
                {
                    "site_id": self.site_id.id,
                    "service_id": service.id,
                    "source": self.source,
                    "green_reason": self.green_reason,
                    "number": self.number,
                    "day": self.day,
                    "issued_at": self.issued_at,
                    "queued_at": now,
                    "transferred_from_id": self.id,
                    "target_window_id": window.id,
                    "appointment_id": self.appointment_id.id,
                }
            )
            .with_env(self.env)
        )

    def action_start_intake(self):
        """Open a new case at the counter for this ticket's citizen (site, green channel, link)."""
        self.ensure_one()
        self._check_state(AT_WINDOW_STATES, self.env._("starting an intake"))
        if self.state == "called":
            self.action_start()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Intake for %(number)s", number=self.number),
            "res_model": "gov.case",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_site_id": self.site_id.id,
                "default_ticket_id": self.id,
                "default_green_reason": self.green_reason,
                "default_channel": "window",
                "default_window_id": self.window_id.id,
            },
        }

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_case")
        action.update(domain=[("ticket_id", "=", self.id)], context={"default_ticket_id": self.id})
        return action

    def _on_case_created(self):
        """A case was started from these tickets: the citizen is being served."""
        called = self.filtered(lambda t: t.state == "called")
        if called:
            called._gov_unlocked().sudo().write({"state": "serving", "serving_at": fields.Datetime.now()})

    # ================================================================ window calls
    @api.model
    def _call_next_at(self, window):
        """Call the next ticket at ``window``: ends the window's current ticket, then takes the first
        waiting one it serves (FOR UPDATE SKIP LOCKED). Returns the ticket, or an empty recordset."""
        window = window.sudo()
        self._check_site_rights(window.site_id)
        if not window.is_open:
            raise UserError(self.env._("%(window)s is closed: open it before calling.", window=window.display_name))
        current = self.search([("window_id", "=", window.id), ("state", "in", AT_WINDOW_STATES)])
        if current:
            current.action_done()
        services = window.site_id.queue_service_ids.filtered(lambda s: window in s._windows_served())
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM gov_queue_ticket
                 WHERE site_id = %(site)s AND day = %(day)s AND state = 'waiting'
                   AND (target_window_id = %(window)s
                        OR (target_window_id IS NULL AND service_id = ANY(%(services)s)))
              ORDER BY priority DESC, issued_at, id
                 LIMIT 1
                   FOR UPDATE SKIP LOCKED
                """,
                site=window.site_id.id,
                day=china_today(),
                window=window.id,
                services=services.ids,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return self.browse()
        ticket = self.browse(row[0])
        now = fields.Datetime.now()
        ticket._act(
            {
                "state": "called",
                "window_id": window.id,
                "called_at": now,
                "announced_at": now,
                "called_by_id": self.env.uid,
            }
        )
        return ticket

    # ================================================================ end of day
    @api.model
    def _cron_close_day(self):
        """Tickets of past days still open: no-shows (waiting, called, skipped) are cancelled; a
        service left open is closed at its start (no service time is invented)."""
        today = china_today()
        Ticket = self.sudo()._gov_unlocked()
        stale = Ticket.search([("day", "<", today), ("state", "in", OPEN_STATES)])
        serving = stale.filtered(lambda t: t.state == "serving")
        serving.write({"state": "done", "done_at": False})
        (stale - serving).write({"state": "cancelled", "end_reason": "no_show"})
        return len(stale)
