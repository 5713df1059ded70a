import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.gov_center.tools import format_hour
from odoo.exceptions import UserError, ValidationError

from .gov_roster_shift import days_in_a_row
from .gov_service_slot import day_type_of, local_to_utc

ROSTER_STATES = [("draft", "Draft"), ("published", "Published"), ("cancelled", "Cancelled")]


class GovRoster(models.Model):
    """A site's roster (排班表) for a period: generated from the A/B posts, the site's
    service hours and China's working calendar, edited by the manager, then published."""

    _name = "gov.roster"
    _description = "Roster"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    # A published roster is what citizens were told: locked (set it back to draft to change it,
    # which the chatter logs) and, like a cancelled one, never deleted.
    _gov_locked_states = ("published", "cancelled")
    _gov_locked_writable = frozenset({"active"})
    _order = "date_from desc, site_id"
    _rec_names_search = ["site_id"]

    name = fields.Char(compute="_compute_name")
    site_id = fields.Many2one("gov.site", required=True, index=True, tracking=True)
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    state = fields.Selection(ROSTER_STATES, default="draft", required=True, tracking=True, index=True)
    shift_ids = fields.One2many("gov.roster.shift", "roster_id", string="Shifts")
    shift_count = fields.Integer(compute="_compute_counts")
    gap_count = fields.Integer(string="Gaps", compute="_compute_counts")
    published_on = fields.Datetime(readonly=True)
    active = fields.Boolean(default=True)

    @api.depends("site_id.name", "date_from", "date_to")
    def _compute_name(self):
        for roster in self:
            roster.name = self.env._(
                "%(site)s roster %(start)s – %(end)s",
                site=roster.site_id.name or "",
                start=roster.date_from or "",
                end=roster.date_to or "",
            )

    @api.depends("shift_ids.employee_id")
    def _compute_counts(self):
        for roster in self:
            roster.shift_count = len(roster.shift_ids)
            roster.gap_count = len(roster.shift_ids.filtered(lambda s: not s.employee_id))

    @api.constrains("date_from", "date_to", "site_id", "state")
    def _check_period(self):
        for roster in self:
            if roster.date_to < roster.date_from:
                raise ValidationError(self.env._("The roster must end on or after its first day."))
            if (roster.date_to - roster.date_from).days > 92:
                raise ValidationError(self.env._("A roster covers at most three months: shorten the period."))
        rosters = self.filtered(lambda r: r.state != "cancelled")
        if not rosters:
            return
        others = self.search(
            [
                ("id", "not in", rosters.ids),
                ("site_id", "in", rosters.site_id.ids),
                ("state", "!=", "cancelled"),
                ("date_from", "<=", max(rosters.mapped("date_to"))),
                ("date_to", ">=", min(rosters.mapped("date_from"))),
            ]
        )
        for roster in rosters:
            for other in others:
                if (
                    other.site_id == roster.site_id
                    and other.date_from <= roster.date_to
                    and roster.date_from <= other.date_to
                ):
                    raise ValidationError(
                        self.env._(
                            "%(site)s already has the roster %(other)s for part of this period: cancel it or "
                            "choose days it does not cover.",
                            site=roster.site_id.name,
                            other=other.name,
                        )
                    )

    # ------------------------------------------------------------------ slots
    def _expected_slots(self, exceptions=None):
        """``{roster_id: [(date, slot, window), ...]}``: every open window slot of the period."""
        if exceptions is None:
            exceptions = self.env["gov.holiday"]._exceptions(min(self.mapped("date_from")), max(self.mapped("date_to")))
        result = {}
        for roster in self:
            site = roster.site_id
            slots = site._gov_service_slots()
            open_windows = site.window_ids.filtered("is_open")
            by_type = defaultdict(list)
            for slot in slots.sorted(lambda s: s.hour_from):
                by_type[slot.day_type].append(slot)
            rows = []
            day = roster.date_from
            while day <= roster.date_to:
                for slot in by_type.get(day_type_of(day, exceptions), []):
                    windows = (slot.window_ids & open_windows) if slot.window_ids else open_windows
                    rows.extend((day, slot, window) for window in windows)
                day += datetime.timedelta(days=1)
            result[roster.id] = rows
        return result

    # ------------------------------------------------------------------ generation
    def action_generate(self):
        """Propose shifts for every open window slot of the period (replaces the draft shifts)."""
        if any(roster.state != "draft" for roster in self):
            raise UserError(self.env._("Only a draft roster can be generated: set it back to draft first."))
        self.shift_ids.unlink()
        vals = self._generate_shift_values()
        self.env["gov.roster.shift"].create(vals)
        return True

    def _generate_shift_values(self):
        """Shift values for the rosters of ``self``, in a constant number of queries.

        Working days: the A post, else the B post. Weekends and holidays: whichever of the two
        has the shorter run of days on duty, so that weekend duty rotates. When neither can serve,
        another person of the site qualified for the window, the least busy first. A person is skipped
        when away (leave, training, notice), already on another window at that time, or when
        the day would take them beyond the site's maximum days in a row; when neither can
        serve, the shift is proposed empty: a gap the manager must fill before publishing.
        """
        if not self:
            return []
        date_from, date_to = min(self.mapped("date_from")), max(self.mapped("date_to"))
        exceptions = self.env["gov.holiday"]._exceptions(date_from, date_to)
        expected = self._expected_slots(exceptions)
        windows = self.site_id.window_ids
        staff = self.site_id.gov_staff_ids.filtered("active")
        people = (windows.post_a_id | windows.post_b_id).filtered("active") | staff
        qualified = defaultdict(list)
        for employee in staff:
            for window in employee.gov_window_ids:
                qualified[window.id].append(employee)
        longest = max(self.site_id.mapped("staff_max_consecutive_days") or [1])
        away = people._gov_away_intervals(
            local_to_utc(date_from, 0), local_to_utc(date_to + datetime.timedelta(days=1), 0)
        )
        worked, booked = self._duty_elsewhere(people, date_from, date_to, longest)

        def run_with(emp_id, day):
            first, last = days_in_a_row(worked[emp_id], day)
            return (last - first).days + 1

        def free(emp, start, stop, day, limit):
            if any(a_start < stop and start < a_stop for a_start, a_stop, _k, _l in away.get(emp.id, [])):
                return False
            if any(b_start < stop and start < b_stop for b_start, b_stop in booked[emp.id]):
                return False
            return day in worked[emp.id] or run_with(emp.id, day) <= limit

        vals = []
        for roster in self:
            limit = roster.site_id.staff_max_consecutive_days
            for day, slot, window in expected[roster.id]:
                start, stop = local_to_utc(day, slot.hour_from), local_to_utc(day, slot.hour_to)
                a, b = window.post_a_id.filtered("active"), window.post_b_id.filtered("active")
                candidates = [p for p in (a, b) if p]
                if slot.day_type != "working" and len(candidates) == 2:
                    candidates.sort(key=lambda p, d=day: (run_with(p.id, d) if d not in worked[p.id] else 0, p == a))
                # Then anyone else qualified for the window, the least busy first.
                candidates += sorted(
                    (p for p in qualified[window.id] if p not in (a, b)),
                    key=lambda p, d=day: (run_with(p.id, d) if d not in worked[p.id] else 0, len(worked[p.id]), p.id),
                )
                chosen = next((p for p in candidates if free(p, start, stop, day, limit)), None)
                if chosen:
                    worked[chosen.id].add(day)
                    booked[chosen.id].append((start, stop))
                vals.append(roster._shift_values(day, slot, window, chosen))
        return vals

    def _shift_values(self, day, slot, window, employee):
        """The values of this roster's shift at ``window`` for ``slot`` on ``day``, held by ``employee``
        (None: a gap)."""
        self.ensure_one()
        return {
            "roster_id": self.id,
            "window_id": window.id,
            "date": day,
            "hour_from": slot.hour_from,
            "hour_to": slot.hour_to,
            "mode": slot.mode,
            "day_type": slot.day_type,
            "note": slot.note,
            "employee_id": employee.id if employee else False,
        }

    def _duty_elsewhere(self, people, date_from, date_to, margin):
        """Duty of ``people`` on rosters other than ``self`` (not cancelled) from ``margin`` days before
        ``date_from`` to ``margin`` days after ``date_to``, for the days-in-a-row rule and double
        booking: ``({employee_id: {days on duty}}, {employee_id: [(start, stop), ...]})``."""
        worked, booked = defaultdict(set), defaultdict(list)
        for row in self.env["gov.roster.shift"].search_read(
            [
                ("employee_id", "in", people.ids),
                ("roster_id", "not in", self.ids),
                ("roster_state", "!=", "cancelled"),
                ("date", ">=", date_from - datetime.timedelta(days=margin)),
                ("date", "<=", date_to + datetime.timedelta(days=margin)),
            ],
            ["employee_id", "date", "start", "stop"],
            load=None,
        ):
            worked[row["employee_id"]].add(row["date"])
            booked[row["employee_id"]].append((row["start"], row["stop"]))
        return worked, booked

    # ------------------------------------------------------------------ publication
    def action_publish(self):
        for roster in self:
            if roster.state != "draft":
                raise UserError(self.env._("Only a draft roster can be published."))
            problems = roster._coverage_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "The roster %(roster)s cannot be published: every open window slot needs someone on "
                        "duty.\n%(problems)s",
                        roster=roster.name,
                        problems="\n".join(problems[:8]) + ("\n…" if len(problems) > 8 else ""),
                    )
                )
        self._gov_unlocked().write({"state": "published", "published_on": fields.Datetime.now()})
        return True

    def _coverage_problems(self):
        self.ensure_one()
        problems = []
        covered = {(s.window_id.id, s.date, s.hour_from) for s in self.shift_ids if s.employee_id}
        for day, slot, window in self._expected_slots()[self.id]:
            if (window.id, day, slot.hour_from) not in covered:
                problems.append(
                    self.env._(
                        "%(day)s %(start)s–%(end)s: nobody on duty at window %(window)s; assign the A or B post "
                        "or someone else qualified.",
                        day=day,
                        start=format_hour(slot.hour_from),
                        end=format_hour(slot.hour_to),
                        window=window.display_name,
                    )
                )
        return problems

    def action_draft(self):
        self.check_access("write")
        self._gov_unlocked().write({"state": "draft", "published_on": False})
        return True

    def action_cancel(self):
        self.check_access("write")
        self._gov_unlocked().write({"state": "cancelled"})
        return True

    def action_view_calendar(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_staff.action_gov_roster_shift")
        action.update(
            domain=[("roster_id", "=", self.id)],
            context={"default_roster_id": self.id, "initial_date": str(self.date_from)},
            view_mode="calendar,list,form",
        )
        action["views"] = [(False, "calendar"), (False, "list"), (False, "form")]
        return action
