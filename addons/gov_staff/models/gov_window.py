from odoo import api, fields, models
from odoo.exceptions import ValidationError

DUTY_STATES = [
    ("a", "A Post on Duty"),
    ("b", "B Post on Duty"),
    ("no_b", "No B Post"),
    ("gap", "Gap: Nobody on Duty"),
    ("closed", "Closed"),
]


class GovWindow(models.Model):
    _inherit = "gov.window"

    post_a_id = fields.Many2one(
        "hr.employee",
        string="A Post",
        tracking=True,
        index="btree_not_null",
        domain="[('gov_site_id', '=', site_id)]",
        help="The person who normally staffs the window (A岗).",
    )
    post_b_id = fields.Many2one(
        "hr.employee",
        string="B Post",
        tracking=True,
        index="btree_not_null",
        domain="[('gov_site_id', '=', site_id)]",
        help="The stand-in (B岗): on duty whenever the A post is on leave, in training or away from the window.",
    )
    duty_state = fields.Selection(DUTY_STATES, string="Duty", compute="_compute_duty", search="_search_duty_state")
    on_duty_employee_id = fields.Many2one("hr.employee", string="On Duty Now", compute="_compute_duty")
    away_reason = fields.Char(string="A Post Away", compute="_compute_duty")

    @api.constrains("post_a_id", "post_b_id", "is_open", "site_id")
    def _check_posts(self):
        for window in self:
            a, b = window.post_a_id, window.post_b_id
            if a and a == b:
                raise ValidationError(
                    self.env._(
                        "Window %(window)s: %(person)s cannot hold both the A and the B post; choose a "
                        "different person for the B post.",
                        window=window.display_name,
                        person=a.name,
                    )
                )
            if window.is_open and (a or b) and not (a and b):
                raise ValidationError(
                    self.env._(
                        "Window %(window)s is open: set both an A post and a B post (服务双岗制), or close the window.",
                        window=window.display_name,
                    )
                )
            for post, label in ((a, "A"), (b, "B")):
                if not post:
                    continue
                if post.gov_site_id != window.site_id:
                    raise ValidationError(
                        self.env._(
                            "%(person)s works at %(site)s and cannot hold the %(post)s post of window "
                            "%(window)s at %(window_site)s.",
                            person=post.name,
                            site=post.gov_site_id.name or self.env._("no site"),
                            post=label,
                            window=window.display_name,
                            window_site=window.site_id.name,
                        )
                    )
                if window not in post.gov_window_ids:
                    raise ValidationError(
                        self.env._(
                            "%(person)s is not qualified for window %(window)s: add the window to their "
                            "qualified windows before making them the %(post)s post.",
                            person=post.name,
                            window=window.display_name,
                            post=label,
                        )
                    )

    # ------------------------------------------------------------------ routing
    def _get_on_duty_map(self, at=None):
        """``{window_id: (employee, duty_state, away_label)}`` for the windows of ``self`` at ``at``.

        The published roster's shift says who is on duty; without one, the A post. Whoever
        that is, if they are away (leave, training, whereabouts notice), the B post takes
        over; if the B post is away too, nobody: a gap.
        """
        at = fields.Datetime.to_datetime(at) if at else fields.Datetime.now()
        Employee = self.env["hr.employee"].sudo()
        shifts = (
            self.env["gov.roster.shift"]
            .sudo()
            .search(
                [
                    ("window_id", "in", self.ids),
                    ("roster_state", "=", "published"),
                    ("start", "<=", at),
                    ("stop", ">", at),
                    ("employee_id", "!=", False),
                ]
            )
        )
        rostered = {shift.window_id.id: shift.employee_id for shift in shifts}
        people = self.sudo().post_a_id | self.sudo().post_b_id | shifts.employee_id
        away = people._gov_away_at(at)
        result = {}
        for window in self.sudo():
            if not window.is_open:
                result[window.id] = (Employee, "closed", False)
                continue
            a, b = window.post_a_id.filtered("active"), window.post_b_id.filtered("active")
            first = rostered.get(window.id) or a
            label = False
            if first and first.id not in away:
                state = "b" if first == b else "a"
                if state == "a" and not b:
                    state = "no_b"  # served now, but nobody to stand in: the manager must see it
                result[window.id] = (first, state, label)
                continue
            if first:
                label = self.env._("%(person)s: %(reason)s", person=first.name, reason=away[first.id][1] or "")
            stand_in = b if first != b else a
            if stand_in and stand_in.id not in away:
                result[window.id] = (stand_in, "b" if stand_in == b else "a", label)
            else:
                result[window.id] = (Employee, "gap", label)
        return result

    def _get_on_duty_employee(self, at=None):
        """The employee to route the window's work to at ``at`` (default now).

        The A post (or whoever the published roster puts on duty), or the B post while the A
        post is away; an empty recordset when nobody can take the work (a gap).
        """
        self.ensure_one()
        return self._get_on_duty_map(at)[self.id][0]

    def _compute_duty(self):
        duty = self._origin._get_on_duty_map()
        for window in self:
            employee, state, label = duty.get(window._origin.id, (self.env["hr.employee"], "gap", False))
            window.on_duty_employee_id = employee
            window.duty_state = state
            window.away_reason = label

    def _search_duty_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        values = {value} if isinstance(value, str) else set(value or [])
        if "gap" in values:
            values.add("no_b")  # the Gaps filter shows windows without a stand-in too
        windows = self.search([])  # pylint: disable=no-search-all  # a small table, read whole on purpose
        duty = windows._get_on_duty_map()
        matching = [wid for wid, (_emp, state, _label) in duty.items() if state in values]
        positive = operator in ("=", "in")
        return [("id", "in" if positive else "not in", matching)]
