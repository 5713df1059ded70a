import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# A whereabouts notice is for short absences; longer ones are leave.
MAX_NOTICE = datetime.timedelta(days=3)

REASON_TYPES = [
    ("business", "Out on Business"),
    ("meeting", "Meeting"),
    ("home_service", "Home or Field Service"),
    ("errand", "Delivering Documents"),
    ("personal", "Short Personal Absence"),
    ("other", "Other"),
]


class GovWhereabouts(models.Model):
    """Whereabouts notice (去向留言制): a clerk who leaves the window posts where, until when and how
    to reach them; the notice shows on the window's public board until they return or it expires."""

    _name = "gov.whereabouts"
    _description = "Whereabouts Notice"
    _inherit = ["gov.guard.mixin"]
    # A notice that ended (returned or withdrawn) is history: kept as it was, never deleted.
    _gov_locked_states = ("returned", "cancelled")
    _order = "date_start desc"
    _rec_name = "employee_id"

    def _default_employee(self):
        return self.env.user.employee_id

    employee_id = fields.Many2one(
        "hr.employee", string="Staff", required=True, index=True, default=lambda self: self._default_employee(), ondelete="restrict"
    )
    # The notice shows on the board of the person's own site: never chosen by hand.
    site_id = fields.Many2one(
        "gov.site", compute="_compute_site", store=True, index=True, precompute=True
    )
    window_id = fields.Many2one(
        "gov.window",
        compute="_compute_site",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('site_id', '=', site_id)]",
    )
    reason_type = fields.Selection(REASON_TYPES, string="Reason", required=True, default="business")
    reason = fields.Char(
        string="Where To", required=True, help="Where the person went and why (去向事由), shown publicly."
    )
    date_start = fields.Datetime(string="Left At", required=True, default=fields.Datetime.now)
    expected_return = fields.Datetime(required=True)
    date_expire = fields.Datetime(
        string="Shown Until",
        compute="_compute_date_expire",
        store=True,
        readonly=False,
        help="The notice leaves the public board at this time even if nobody marks the return.",
    )
    returned_at = fields.Datetime(readonly=True)
    date_end = fields.Datetime(compute="_compute_date_end", store=True, index=True)
    contact = fields.Char(
        string="Contact Details", required=True, help="How to reach the person meanwhile; shown on the public board."
    )
    state = fields.Selection(
        [("away", "Away"), ("returned", "Returned"), ("cancelled", "Cancelled")],
        default="away",
        required=True,
        index=True,
    )
    status = fields.Selection(
        [
            ("upcoming", "Upcoming"),
            ("away", "Away Now"),
            ("expired", "Expired"),
            ("returned", "Returned"),
            ("cancelled", "Cancelled"),
        ],
        compute="_compute_status",
    )
    is_away_now = fields.Boolean(compute="_compute_status", search="_search_is_away_now", string="Away Now")
    stand_in_id = fields.Many2one("hr.employee", string="Stand-in", compute="_compute_stand_in")

    @api.depends("employee_id")
    def _compute_site(self):
        for notice in self:
            emp = notice.employee_id
            notice.site_id = emp.gov_site_id
            if not notice.window_id or notice.window_id.site_id != emp.gov_site_id:
                notice.window_id = (emp.gov_post_a_window_ids or emp.gov_post_b_window_ids or emp.gov_window_ids)[:1]

    @api.depends("expected_return")
    def _compute_date_expire(self):
        for notice in self:
            notice.date_expire = notice.expected_return

    @api.depends("returned_at", "date_expire", "expected_return", "state")
    def _compute_date_end(self):
        for notice in self:
            if notice.state == "cancelled":
                notice.date_end = notice.date_start
            else:
                # Back early ends the notice; back late does not stretch it past its expiry.
                ends = [d for d in (notice.returned_at, notice.date_expire or notice.expected_return) if d]
                notice.date_end = min(ends) if ends else False

    @api.depends("state", "date_start", "date_end")
    def _compute_status(self):
        now = fields.Datetime.now()
        for notice in self:
            if notice.state in ("returned", "cancelled"):
                notice.status = notice.state
            elif notice.date_start and notice.date_start > now:
                notice.status = "upcoming"
            elif notice.date_end and notice.date_end <= now:
                notice.status = "expired"
            else:
                notice.status = "away"
            notice.is_away_now = notice.status == "away"

    def _search_is_away_now(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        now = fields.Datetime.now()
        domain = [("state", "=", "away"), ("date_start", "<=", now), ("date_end", ">", now)]
        if (operator == "=") == bool(value):
            return domain
        return ["!", "&", "&", *domain]

    def _compute_stand_in(self):
        for notice in self:
            window = notice.window_id
            notice.stand_in_id = window._get_on_duty_employee() if window else False

    @api.constrains("date_start", "expected_return", "date_expire")
    def _check_dates(self):
        for notice in self:
            if notice.expected_return <= notice.date_start:
                raise ValidationError(
                    self.env._(
                        "%(person)s: the expected return must be after the time of leaving.",
                        person=notice.employee_id.name,
                    )
                )
            if notice.date_expire and notice.date_expire < notice.date_start:
                raise ValidationError(self.env._("The notice cannot leave the board before it starts."))
            if notice.expected_return - notice.date_start > MAX_NOTICE:
                raise ValidationError(
                    self.env._(
                        "%(person)s: a whereabouts notice is for short absences (three days at most); "
                        "request leave for longer ones.",
                        person=notice.employee_id.name,
                    )
                )
            if notice.date_expire and notice.date_expire - notice.date_start > MAX_NOTICE:
                raise ValidationError(
                    self.env._(
                        "%(person)s: a notice stays on the public board three days at most; set “Shown Until” "
                        "earlier or request leave.",
                        person=notice.employee_id.name,
                    )
                )

    @api.constrains("site_id", "window_id", "employee_id")
    def _check_site(self):
        for notice in self:
            if notice.site_id != notice.employee_id.gov_site_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s works at %(site)s: a notice shows on the board of that site only.",
                        person=notice.employee_id.name,
                        site=notice.employee_id.gov_site_id.name or self.env._("no site"),
                    )
                )
            if notice.window_id and notice.window_id.site_id != notice.site_id:
                raise ValidationError(
                    self.env._(
                        "Window %(window)s is not at %(site)s: choose a window of the person's own site.",
                        window=notice.window_id.display_name,
                        site=notice.site_id.name,
                    )
                )

    def action_return(self):
        self.check_access("write")
        if any(n.state != "away" for n in self):
            raise UserError(self.env._("Only a notice of someone still away can be marked as returned."))
        self._gov_unlocked().write({"state": "returned", "returned_at": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self.check_access("write")
        if any(n.state != "away" for n in self):
            raise UserError(self.env._("Only a notice of someone still away can be withdrawn."))
        self._gov_unlocked().write({"state": "cancelled"})
        return True

    @api.model
    def _public_notices(self, site, at=None):
        """Notices shown on the site's public board at ``at`` (default now)."""
        at = at or fields.Datetime.now()
        return self.sudo().search(
            [("site_id", "=", site.id), ("state", "=", "away"), ("date_start", "<=", at), ("date_end", ">", at)],
            order="expected_return",
        )
