import datetime

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .gov_service_slot import local_to_utc

SERVICE_MODES = [
    ("dispatched", "Dispatched by a Department"),
    ("authorised", "Authorised"),
    ("purchased", "Purchased Service"),
    ("village", "Village/Community Committee"),
    ("volunteer", "Volunteer"),
]

# Window staff data that centre managers and station committees keep without being HR officers
# (checked by the hr.employee ACL and the record rules of their sites; see create/write). These
# fields are restricted to the suite's roles and HR officers, so that Odoo's public employee
# profile (hr.employee.public) does not carry them.
GOV_STAFF_GROUPS = (
    "hr.group_hr_user,gov_center.group_gov_clerk,gov_center.group_gov_agent,gov_center.group_gov_approver"
)
# Fields of hr.employee itself a manager or committee may set besides the gov_* service fields.
GOV_STAFF_CORE_FIELDS = frozenset({"name", "image_1920", "active"})

AWAY_KINDS = [
    ("leave", "On Leave"),
    ("training", "In Training"),
    ("whereabouts", "Away from the Window"),
]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    gov_site_id = fields.Many2one(
        "gov.site",
        string="Service Site",
        index=True,
        tracking=True,
        help="The centre or station the person works at. Centre staff are managed, scheduled and "
        "appraised by the centre; station staff by the village or community committee.",
    )
    gov_managed_by = fields.Selection(
        [("centre", "The Centre"), ("committee", "Village/Community Committee")],
        string="Managed By",
        compute="_compute_gov_managed_by",
        groups=GOV_STAFF_GROUPS,
    )
    gov_window_ids = fields.Many2many(
        "gov.window",
        "hr_employee_gov_window_rel",
        "employee_id",
        "window_id",
        string="Qualified Windows",
        domain="[('site_id', '=', gov_site_id)]",
        groups=GOV_STAFF_GROUPS,
        help="Windows the person is qualified to staff, as A or B post.",
    )
    gov_dispatch_unit = fields.Char(
        string="Dispatching Unit",
        groups=GOV_STAFF_GROUPS,
        help="The department that dispatched the person and guides their work (派驻单位).",
    )
    gov_service_mode = fields.Selection(SERVICE_MODES, string="Service Mode", tracking=True, groups=GOV_STAFF_GROUPS)
    gov_badge = fields.Char(string="Badge No.", help="Number on the work badge shown at the counter (工号).")
    gov_work_time = fields.Selection(
        [("full", "Full Time"), ("part", "Part Time")], string="Full/Part Time", default="full", groups=GOV_STAFF_GROUPS
    )
    gov_public_phone = fields.Char(
        string="Public Contact",
        groups=GOV_STAFF_GROUPS,
        help="Contact printed on service cards and public boards (便民服务卡).",
    )
    gov_contact_public = fields.Boolean(
        string="Publish Contact",
        groups=GOV_STAFF_GROUPS,
        help="Show the public contact on the public board and service cards.",
    )
    gov_post_a_window_ids = fields.One2many("gov.window", "post_a_id", string="A Post of", groups=GOV_STAFF_GROUPS)
    gov_post_b_window_ids = fields.One2many("gov.window", "post_b_id", string="B Post of", groups=GOV_STAFF_GROUPS)
    gov_away_kind = fields.Selection(
        AWAY_KINDS, string="Away Now", compute="_compute_gov_away", groups=GOV_STAFF_GROUPS
    )
    gov_training_hours_year = fields.Float(
        string="Training Hours This Year", compute="_compute_gov_training_hours", groups=GOV_STAFF_GROUPS
    )
    gov_whereabouts_count = fields.Integer(
        string="Notices (30 Days)", compute="_compute_gov_whereabouts_count", groups=GOV_STAFF_GROUPS
    )

    _gov_badge_unique = models.Constraint("UNIQUE(gov_badge)", "Two people cannot share a badge number.")

    def _gov_acts_without_hr(self):
        """True when the current user manages window staff as a gov manager or station committee
        without being an HR officer."""
        user = self.env.user
        return not (self.env.su or user.has_group("hr.group_hr_user")) and (
            user.has_group("gov_center.group_gov_manager") or user.has_group("gov_center.group_gov_agent")
        )

    def _gov_clean_values(self, vals):
        """The service data of ``vals``, checked field by field: the ``gov_*`` fields of the suite and
        name, photo and archiving; the qualified windows by id only (no x2many command that would
        create, edit or delete a window). Anything else (user, e-mail, phones, contract) is for HR
        officers. Returns a new dict; never the caller's."""
        extra = sorted(
            key
            for key in vals
            if key not in GOV_STAFF_CORE_FIELDS
            and not (
                key.startswith("gov_")
                and key in self._fields
                and self._fields[key].store
                and not self._fields[key].readonly
                and not self._fields[key].compute
            )
        )
        if extra:
            raise AccessError(
                self.env._(
                    "Only HR officers can set %(fields)s on an employee; fill in the service data only.",
                    fields=", ".join(extra),
                )
            )
        clean = {}
        for key, value in vals.items():
            field = self._fields[key]
            if key == "gov_window_ids":
                clean[key] = [Command.set(self._gov_window_ids_from_commands(value))]
            elif field.type == "many2one":
                if value and not isinstance(value, int):
                    raise ValidationError(self.env._("%(field)s takes the id of a record.", field=field.string))
                clean[key] = value or False
            elif field.type in ("char", "selection"):
                if value and not isinstance(value, str):
                    raise ValidationError(self.env._("%(field)s takes a text value.", field=field.string))
                clean[key] = value.strip() if isinstance(value, str) and field.type == "char" else value
            elif field.type == "boolean":
                clean[key] = bool(value)
            elif field.type == "binary":
                clean[key] = value
            else:
                raise AccessError(
                    self.env._("Only HR officers can set %(fields)s on an employee; fill in the service data only.", fields=key)
                )
        return clean

    def _gov_window_ids_from_commands(self, commands):
        """The window ids a many2many value sets, from SET, LINK, UNLINK and CLEAR commands only."""
        ids = set(self.gov_window_ids.ids) if len(self) == 1 else set()
        for command in commands or []:
            if not isinstance(command, (list, tuple)) or not command:
                raise ValidationError(self.env._("Qualified windows are given as a list of window ids."))
            op = command[0]
            if op == Command.SET:
                ids = {int(i) for i in command[2]}
            elif op == Command.LINK:
                ids.add(int(command[1]))
            elif op == Command.UNLINK:
                ids.discard(int(command[1]))
            elif op == Command.CLEAR:
                ids = set()
            else:
                raise AccessError(
                    self.env._("Windows are created, edited and deleted on the site's windows, not from a staff member.")
                )
        windows = self.env["gov.window"].browse(sorted(ids)).exists()
        windows.check_access("read")
        return windows.ids

    def _gov_system(self):
        """These records as the system, with none of the caller's context but language and time
        zone: no ``default_user_id``, ``default_work_email`` or other key of a JSON-RPC caller
        reaches a write made as superuser."""
        context = {key: self.env.context[key] for key in ("lang", "tz") if key in self.env.context}
        return self.with_env(self.env(context=context, su=True))

    @api.model_create_multi
    def create(self, vals_list):
        """Hiring by a centre manager or a station committee (no HR officer).

        The contract part of an employee (hr.version) is out of their reach, so the record is
        created by the system from the checked service data only (``_gov_clean_values``), and
        the result must lie within what the user may manage (the hr.employee record rules for
        writing: their centre and its stations, or their own station); otherwise nothing is kept.
        """
        if not self._gov_acts_without_hr():
            return super().create(vals_list)
        self.browse().check_access("create")
        clean_list = [self._gov_clean_values(vals) for vals in vals_list]
        for clean in clean_list:
            if not clean.get("gov_site_id"):
                raise ValidationError(self.env._("Choose the service site of the new staff member."))
        with self.env.cr.savepoint():
            employees = super(HrEmployee, self._gov_system()).create(clean_list).with_env(self.env)
            employees.check_access("write")
        return employees

    def write(self, vals):
        """Managers and committees edit the service data of the staff they manage.

        The user's own right to write each employee is checked first (ACL and the record rules of
        their centre and stations); then only the checked values (``_gov_clean_values``: typed
        ``gov_*`` fields, window ids, name, photo, archiving) are written by the system, because
        hr's own write reads HR-only fields for its tracking and keeps name and archiving on
        resource.resource; finally the records must still be within the user's reach, or nothing
        is kept (no moving staff to another township).
        """
        if not self._gov_acts_without_hr() or not self:
            return super().write(vals)
        self.check_access("write")
        if "gov_window_ids" in vals and len(self) > 1:
            # LINK/UNLINK commands apply to each person's own windows.
            for employee in self:
                employee.write(vals)
            return True
        clean = self._gov_clean_values(vals)
        if "name" in clean and not clean["name"]:
            raise ValidationError(self.env._("A staff member needs a name."))
        with self.env.cr.savepoint():
            result = super(HrEmployee, self._gov_system()).write(clean)
            self.invalidate_recordset()
            self.check_access("write")
        return result

    @api.depends("gov_site_id.is_centre")
    def _compute_gov_managed_by(self):
        for employee in self:
            if not employee.gov_site_id:
                employee.gov_managed_by = False
            else:
                employee.gov_managed_by = "centre" if employee.gov_site_id.is_centre else "committee"

    def _compute_gov_away(self):
        away = self._gov_away_at(fields.Datetime.now())
        for employee in self:
            employee.gov_away_kind = away.get(employee.id, (False,))[0]

    def _compute_gov_training_hours(self):
        year = fields.Date.context_today(self).year
        hours = self._gov_training_hours(year)
        for employee in self:
            employee.gov_training_hours_year = hours.get(employee.id, 0.0)

    def _compute_gov_whereabouts_count(self):
        since = fields.Datetime.now() - datetime.timedelta(days=30)
        counts = dict(
            self.env["gov.whereabouts"]
            .sudo()
            ._read_group(
                [("employee_id", "in", self.ids), ("date_start", ">=", since), ("state", "!=", "cancelled")],
                ["employee_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.gov_whereabouts_count = counts.get(employee._origin, 0)

    @api.constrains("gov_window_ids", "gov_site_id")
    def _check_gov_windows(self):
        for employee in self:
            wrong = employee.gov_window_ids.filtered(lambda w, e=employee: w.site_id != e.gov_site_id)
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(person)s works at %(site)s and cannot be qualified for window %(window)s of "
                        "%(other)s: change the service site or remove the window.",
                        person=employee.name,
                        site=employee.gov_site_id.name or self.env._("no site"),
                        window=wrong[0].display_name,
                        other=wrong[0].site_id.name,
                    )
                )

    # ------------------------------------------------------------------ away API
    def _gov_away_intervals(self, start, stop):
        """Where the employees of ``self`` are away during [start, stop) (naive UTC datetimes).

        One answer for the three reasons a person is not at the window: validated leaves
        (hr_holidays), training sessions and whereabouts notices (去向留言). Returns
        ``{employee_id: [(start, stop, kind, label), ...]}``; three queries whatever the
        number of employees.
        """
        result = {}
        if not self.ids:
            return result
        start, stop = fields.Datetime.to_datetime(start), fields.Datetime.to_datetime(stop)
        for source in (self._gov_away_leaves, self._gov_away_trainings, self._gov_away_notices):
            for emp_id, begin, end, kind, label in source(start, stop):
                result.setdefault(emp_id, []).append((begin, end, kind, label))
        return result

    def _gov_away_leaves(self, start, stop):
        """Validated leaves (hr_holidays) of ``self`` overlapping [start, stop), as
        ``(employee_id, start, stop, "leave", label)``; a whole-day leave covers the whole local day."""
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search_read(
                [
                    ("employee_id", "in", self.ids),
                    ("state", "=", "validate"),
                    # A day's margin: whole-day leaves are widened to the whole local day below.
                    ("date_from", "<", stop + datetime.timedelta(days=1)),
                    ("date_to", ">", start - datetime.timedelta(days=1)),
                ],
                [
                    "employee_id",
                    "date_from",
                    "date_to",
                    "request_date_from",
                    "request_date_to",
                    "request_unit_half",
                    "request_unit_hours",
                ],
                load=None,
            )
        )
        label = self.env._("leave")
        for leave in leaves:
            begin, end = leave["date_from"], leave["date_to"]
            if leave["request_date_from"] and not (leave["request_unit_half"] or leave["request_unit_hours"]):
                # A whole-day leave covers the whole local day, extended hours and duty
                # included, not only the working hours of the person's own calendar.
                begin = min(begin, local_to_utc(leave["request_date_from"], 0.0))
                end = max(end, local_to_utc((leave["request_date_to"] or leave["request_date_from"]), 24.0))
            if begin < stop and end > start:
                yield leave["employee_id"], begin, end, "leave", label

    def _gov_away_trainings(self, start, stop):
        """Training sessions (confirmed or done, not marked absent) of ``self`` overlapping [start, stop)."""
        rows = (
            self.env["gov.training.attendance"]
            .sudo()
            .search_read(
                [
                    ("employee_id", "in", self.ids),
                    ("session_state", "in", ("confirmed", "done")),
                    ("attendance", "!=", "absent"),
                    ("date_start", "<", stop),
                    ("date_end", ">", start),
                ],
                ["employee_id", "date_start", "date_end", "session_name"],
                load=None,
            )
        )
        for row in rows:
            yield row["employee_id"], row["date_start"], row["date_end"], "training", row["session_name"]

    def _gov_away_notices(self, start, stop):
        """Whereabouts notices (去向留言, not cancelled) of ``self`` overlapping [start, stop)."""
        rows = (
            self.env["gov.whereabouts"]
            .sudo()
            .search_read(
                [
                    ("employee_id", "in", self.ids),
                    ("state", "!=", "cancelled"),
                    ("date_start", "<", stop),
                    ("date_end", ">", start),
                ],
                ["employee_id", "date_start", "date_end", "reason"],
                load=None,
            )
        )
        for row in rows:
            yield row["employee_id"], row["date_start"], row["date_end"], "whereabouts", row["reason"]

    def _gov_away_at(self, at):
        """``{employee_id: (kind, label)}`` of the employees of ``self`` away at ``at``."""
        at = fields.Datetime.to_datetime(at)
        intervals = self._gov_away_intervals(at, at + datetime.timedelta(seconds=1))
        return {emp_id: (rows[0][2], rows[0][3]) for emp_id, rows in intervals.items()}

    def _gov_is_away(self, at=None):
        """The reason (leave, training, whereabouts) this employee is away at ``at`` (default now), or False."""
        self.ensure_one()
        return self._gov_away_at(at or fields.Datetime.now()).get(self.id, (False,))[0]

    def _gov_training_hours(self, year):
        rows = (
            self.env["gov.training.attendance"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", self.ids),
                    ("year", "=", year),
                    ("attendance", "=", "present"),
                    ("session_state", "=", "done"),
                ],
                ["employee_id"],
                ["hours:sum"],
            )
        )
        return {employee.id: hours for employee, hours in rows}
