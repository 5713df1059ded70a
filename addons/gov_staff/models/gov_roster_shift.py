import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.gov_center.tools import format_hour
from odoo.exceptions import UserError, ValidationError

from .gov_service_slot import SLOT_MODES, format_period, local_to_utc


def days_in_a_row(days, day):
    """``(first, last)``: the run of consecutive dates of ``days`` through ``day`` (``day``
    counted whether or not it is in ``days``). The one count of the days-in-a-row rule, for
    the roster's generator and its constraint."""
    one = datetime.timedelta(days=1)
    first = last = day
    while first - one in days:
        first -= one
    while last + one in days:
        last += one
    return first, last

class GovRosterShift(models.Model):
    """One window, one period of one day, one person on duty (值班)."""

    _name = "gov.roster.shift"
    _description = "Roster Shift"
    _inherit = ["gov.guard.mixin"]
    # Shifts of a published roster: only the note changes until the roster is set back to draft.
    _gov_state_field = "roster_state"
    _gov_locked_states = ("published", "cancelled")
    _gov_locked_writable = frozenset({"note"})
    _order = "date, hour_from, window_id"

    roster_id = fields.Many2one("gov.roster", required=True, index=True, ondelete="cascade")
    # precompute: the values go into the INSERT itself, no UPDATE per batch of generated shifts.
    roster_state = fields.Selection(related="roster_id.state", store=True, precompute=True, string="Roster Status")
    site_id = fields.Many2one(related="roster_id.site_id", store=True, precompute=True, index=True)
    window_id = fields.Many2one(
        "gov.window", required=True, index=True, domain="[('site_id', '=', site_id)]"
    )
    date = fields.Date(required=True, index=True)
    day_type = fields.Selection(
        [("working", "Working Day"), ("saturday", "Saturday"), ("sunday", "Sunday"), ("holiday", "Statutory Holiday")],
        string="Day",
    )
    hour_from = fields.Float(string="From", required=True)
    hour_to = fields.Float(string="To", required=True)
    start = fields.Datetime(compute="_compute_start_stop", store=True, precompute=True, index=True)
    stop = fields.Datetime(compute="_compute_start_stop", store=True, precompute=True)
    mode = fields.Selection(SLOT_MODES, string="Service", required=True, default="regular")
    employee_id = fields.Many2one("hr.employee", string="On Duty", index=True, domain="[('gov_site_id', '=', site_id)]")
    post = fields.Selection([("a", "A"), ("b", "B"), ("other", "Other")], compute="_compute_post")
    is_gap = fields.Boolean(compute="_compute_post", string="Gap")
    away_reason = fields.Char(
        compute="_compute_away_reason",
        string="Away",
        help="The person on duty is away during this shift (leave, training or a whereabouts notice "
        "posted after the roster was made): work at the window goes to the B post.",
    )
    note = fields.Char()
    name = fields.Char(compute="_compute_name")

    @api.depends("date", "hour_from", "hour_to")
    def _compute_start_stop(self):
        for shift in self:
            if shift.date:
                shift.start = local_to_utc(shift.date, shift.hour_from)
                shift.stop = local_to_utc(shift.date, shift.hour_to)
            else:
                shift.start = shift.stop = False

    @api.depends("employee_id", "window_id.post_a_id", "window_id.post_b_id")
    def _compute_post(self):
        for shift in self:
            emp = shift.employee_id
            shift.is_gap = not emp
            if not emp:
                shift.post = False
            elif emp == shift.window_id.post_a_id:
                shift.post = "a"
            elif emp == shift.window_id.post_b_id:
                shift.post = "b"
            else:
                shift.post = "other"

    @api.depends("employee_id", "start", "stop")
    def _compute_away_reason(self):
        """Why the person on duty is not at the window during the shift, if they are not.

        Rosters are checked when they are made; a leave approved, a training planned or a
        whereabouts notice posted afterwards shows here, so the manager sees the shift that B
        (the routing's stand-in) will cover. One batch of queries for all shifts shown."""
        shifts = self.filtered(lambda s: s.employee_id and s.start and s.stop)
        (self - shifts).away_reason = False
        if not shifts:
            return
        kinds = dict(self.env["hr.employee"]._fields["gov_away_kind"]._description_selection(self.env))
        away = shifts.employee_id._gov_away_intervals(min(shifts.mapped("start")), max(shifts.mapped("stop")))
        for shift in shifts:
            reasons = [
                f"{kinds.get(kind, kind)}：{label}" if label and kind != "leave" else kinds.get(kind, kind)
                for a_start, a_stop, kind, label in away.get(shift.employee_id.id, [])
                if a_start < shift.stop and shift.start < a_stop
            ]
            shift.away_reason = "；".join(dict.fromkeys(reasons)) or False

    @api.depends("window_id", "employee_id", "hour_from", "hour_to")
    def _compute_name(self):
        for shift in self:
            who = shift.employee_id.name or self.env._("GAP")
            shift.name = f"{shift.window_id.code or ''} {who} {format_period(shift.hour_from, shift.hour_to)}"

    # ------------------------------------------------------------------ rules (one constraint each)
    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for shift in self:
            if not (0 <= shift.hour_from < shift.hour_to <= 24):
                raise ValidationError(
                    self.env._("The shift of %(day)s must start before it ends, within one day.", day=shift.date)
                )

    @api.constrains("window_id", "roster_id")
    def _check_window_site(self):
        for shift in self:
            if shift.window_id.site_id != shift.roster_id.site_id:
                raise ValidationError(
                    self.env._(
                        "Window %(window)s does not belong to %(site)s.",
                        window=shift.window_id.display_name,
                        site=shift.roster_id.site_id.name,
                    )
                )

    @api.constrains("employee_id", "roster_id")
    def _check_employee_site(self):
        for shift in self.filtered("employee_id"):
            if shift.employee_id.gov_site_id != shift.site_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not work at %(site)s and cannot be on duty there on %(day)s.",
                        person=shift.employee_id.name,
                        site=shift.site_id.name,
                        day=shift.date,
                    )
                )

    def _duty_of_people(self, margin=0):
        """{employee id: shifts} of the people on duty in ``self``, in rosters not cancelled, from
        ``margin`` days before the first shift to ``margin`` days after the last one; one query."""
        shifts = self.filtered("employee_id")
        by_employee = defaultdict(lambda: self.browse())
        if not shifts:
            return by_employee
        others = self.search(
            [
                ("employee_id", "in", shifts.employee_id.ids),
                ("roster_state", "!=", "cancelled"),
                ("date", ">=", min(shifts.mapped("date")) - datetime.timedelta(days=margin)),
                ("date", "<=", max(shifts.mapped("date")) + datetime.timedelta(days=margin)),
            ]
        )
        for other in others:
            by_employee[other.employee_id.id] |= other
        return by_employee

    @api.constrains("employee_id", "date", "hour_from", "hour_to")
    def _check_one_window_at_a_time(self):
        shifts = self.filtered(lambda s: s.employee_id and s.roster_state != "cancelled")
        by_employee = shifts._duty_of_people()
        for shift in shifts:
            for other in by_employee[shift.employee_id.id]:
                if other != shift and other.start < shift.stop and shift.start < other.stop:
                    raise ValidationError(
                        self.env._(
                            "%(person)s cannot be on duty at two windows at once on %(day)s: %(window)s "
                            "%(start)s–%(end)s clashes with %(other)s %(other_start)s–%(other_end)s.",
                            person=shift.employee_id.name,
                            day=shift.date,
                            window=shift.window_id.display_name,
                            start=format_hour(shift.hour_from),
                            end=format_hour(shift.hour_to),
                            other=other.window_id.display_name,
                            other_start=format_hour(other.hour_from),
                            other_end=format_hour(other.hour_to),
                        )
                    )

    @api.constrains("employee_id", "date", "hour_from", "hour_to")
    def _check_not_away(self):
        """Refuse a shift during the person's approved leave or training session (one reading of
        both). A whereabouts notice does not refuse it: the B post stands in."""
        shifts = self.filtered("employee_id")
        if not shifts:
            return
        away = shifts.employee_id._gov_away_intervals(min(shifts.mapped("start")), max(shifts.mapped("stop")))
        for shift in shifts:
            for a_start, a_stop, kind, label in away.get(shift.employee_id.id, []):
                if kind == "whereabouts" or not (a_start < shift.stop and shift.start < a_stop):
                    continue
                if kind == "leave":
                    raise ValidationError(
                        self.env._(
                            "%(person)s is on leave on %(day)s and cannot be on duty at %(window)s "
                            "%(start)s–%(end)s: choose someone else or change the leave.",
                            person=shift.employee_id.name,
                            day=shift.date,
                            window=shift.window_id.display_name,
                            start=format_hour(shift.hour_from),
                            end=format_hour(shift.hour_to),
                        )
                    )
                raise ValidationError(
                    self.env._(
                        "%(person)s is in training (%(session)s) on %(day)s and cannot be on duty at "
                        "%(window)s %(start)s–%(end)s: choose someone else.",
                        person=shift.employee_id.name,
                        session=label,
                        day=shift.date,
                        window=shift.window_id.display_name,
                        start=format_hour(shift.hour_from),
                        end=format_hour(shift.hour_to),
                    )
                )

    @api.constrains("employee_id", "date")
    def _check_days_in_a_row(self):
        shifts = self.filtered("employee_id")
        longest = max(shifts.site_id.mapped("staff_max_consecutive_days") or [1])
        by_employee = shifts._duty_of_people(margin=longest)
        for shift in shifts:
            limit = shift.site_id.staff_max_consecutive_days
            start, end = days_in_a_row(set(by_employee[shift.employee_id.id].mapped("date")), shift.date)
            run = (end - start).days + 1
            if run > limit:
                raise ValidationError(
                    self.env._(
                        "%(person)s would be on duty %(run)s days in a row (%(start)s to %(end)s), including "
                        "%(day)s; %(site)s allows at most %(limit)s: give one of these days to someone else.",
                        person=shift.employee_id.name,
                        run=run,
                        start=start,
                        end=end,
                        day=shift.date,
                        site=shift.site_id.name,
                        limit=limit,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rosters = self.env["gov.roster"].browse({v.get("roster_id") for v in vals_list if v.get("roster_id")})
        if any(r.state == "cancelled" for r in rosters):
            raise UserError(self.env._("A cancelled roster cannot get new shifts."))
        if any(r.state == "published" for r in rosters):
            raise UserError(self.env._("A published roster cannot get new shifts: set it back to draft first."))
        return super().create(vals_list)
