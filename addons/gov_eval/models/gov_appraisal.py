"""A centre's appraisal of its window staff for a year or a quarter (窗口工作人员考核).

The centre's manager creates the appraisal, computes it (one line per person the centre manages,
each criterion scored from the period's figures by grouped queries), scores attendance and
conduct, adjusts a total with a written reason where the figures do not tell the whole story, and
approves it: the grades of the civil-service appraisal (优秀, 称职, 基本称职, 不称职) are then fixed,
with 优秀 capped at a share of the people appraised, and the appraisal is locked. Each person reads
their own line, its scores and how each was computed; nobody else's.
"""

import math
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .config import float_param
from .gov_appraisal_criterion import DEDUCTING
from .gov_complaint import UPHELD_VERDICTS

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]
STATES = [("draft", "Draft"), ("approved", "Approved")]
GRADES = [
    ("excellent", "Excellent"),
    ("competent", "Competent"),
    ("basic", "Basically Competent"),
    ("incompetent", "Incompetent"),
]
# System parameters (gov.settings, "Staff Appraisal"): the share of 优秀 and the grade thresholds.
EXCELLENT_SHARE = ("gov_eval.appraisal_excellent_share", 20.0)
EXCELLENT_MIN = ("gov_eval.appraisal_excellent_min", 90.0)
COMPETENT_MIN = ("gov_eval.appraisal_competent_min", 70.0)
BASIC_MIN = ("gov_eval.appraisal_basic_min", 60.0)
# A manual adjustment moves a total by at most this many points, up or down.
ADJUSTMENT_LIMIT = 10.0
# What the manager sends to create an appraisal; the rest is the application's.
CREATE_FIELDS = frozenset({"centre_id", "year", "quarter", "note"})
# Fixed once the appraisal is computed: create another one for another centre or period.
PERIOD_FIELDS = frozenset({"centre_id", "year", "quarter"})


class GovAppraisal(models.Model):
    _name = "gov.appraisal"
    _description = "Staff Appraisal"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    _order = "year desc, quarter desc, centre_id"
    _rec_names_search = ["centre_id"]
    _gov_locked_states = ("approved",)

    name = fields.Char(compute="_compute_name")
    centre_id = fields.Many2one(
        "gov.site",
        required=True,
        index=True,
        domain="[('is_centre', '=', True)]",
        tracking=True,
        help="The centre that appraises the staff it manages (its stations' staff are the committees').",
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True)
    quarter = fields.Selection(QUARTERS, tracking=True, help="Leave empty for the yearly appraisal.")
    date_from = fields.Date(compute="_compute_dates", store=True, string="From")
    date_to = fields.Date(compute="_compute_dates", store=True, string="To")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    excellent_share = fields.Float(
        string="优秀 Share Cap (%)",
        readonly=True,
        help="At most this share of the people appraised may be graded 优秀 (set in the settings).",
    )
    line_ids = fields.One2many("gov.appraisal.line", "appraisal_id", string="People")
    line_count = fields.Integer(compute="_compute_line_count", string="People Appraised")
    computed_at = fields.Datetime(readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_on = fields.Date(readonly=True)
    note = fields.Text()

    _period_unique = models.UniqueIndex(
        "(centre_id, year, COALESCE(quarter, '0'))", "A centre has one appraisal per year and per quarter."
    )

    @api.depends("centre_id.name", "year", "quarter")
    @api.depends_context("lang")
    def _compute_name(self):
        for appraisal in self:
            period = (
                self.env._("%(year)s Q%(quarter)s", year=appraisal.year, quarter=appraisal.quarter)
                if appraisal.quarter
                else self.env._("%(year)s", year=appraisal.year)
            )
            appraisal.name = self.env._("%(centre)s staff appraisal %(period)s", centre=appraisal.centre_id.name or "", period=period)

    @api.depends("year", "quarter")
    def _compute_dates(self):
        for appraisal in self:
            if not 2000 <= (appraisal.year or 0) <= 2100:
                appraisal.date_from = appraisal.date_to = False
                continue
            if appraisal.quarter:
                first_month = 3 * int(appraisal.quarter) - 2
                start = date(appraisal.year, first_month, 1)
                end = (
                    date(appraisal.year + 1, 1, 1) if first_month == 10 else date(appraisal.year, first_month + 3, 1)
                )
                appraisal.date_from, appraisal.date_to = start, date.fromordinal(end.toordinal() - 1)
            else:
                appraisal.date_from, appraisal.date_to = date(appraisal.year, 1, 1), date(appraisal.year, 12, 31)

    def _compute_line_count(self):
        for appraisal in self:
            appraisal.line_count = len(appraisal.line_ids)

    @api.constrains("year", "centre_id")
    def _check_period(self):
        for appraisal in self:
            if not 2000 <= appraisal.year <= 2100:
                raise ValidationError(self.env._("Enter the year of the appraisal as four digits, e.g. 2026."))
            if not appraisal.centre_id.is_centre:
                raise ValidationError(
                    self.env._(
                        "%(site)s is not a centre: appraisals are made by the centre that manages the staff.",
                        site=appraisal.centre_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Appraisal = self._gov_create_from(
            vals_list,
            CREATE_FIELDS,
            self.env._("An appraisal is created with its centre and period; %(fields)s are set by the application."),
        )._gov_unlocked()
        share = float_param(self.env, EXCELLENT_SHARE[0], EXCELLENT_SHARE[1], 0.0, 100.0)
        vals_list = [dict(vals, excellent_share=share) for vals in vals_list]
        appraisals = super(GovAppraisal, Appraisal).create(vals_list)
        return appraisals.with_env(self.env)

    def write(self, vals):
        if PERIOD_FIELDS & set(vals) and not self._gov_is_unlocked():
            computed = self.filtered("computed_at")
            if computed:
                raise UserError(
                    self.env._(
                        "%(appraisal)s is computed: its centre and period are fixed. Create another appraisal instead.",
                        appraisal=computed[0].name,
                    )
                )
        result = super().write(vals)
        if "centre_id" in vals and not self.env.su:
            self.check_access("write")  # not moved to a centre outside the caller's own
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(self.env._("Appraisals are kept on record: correct a draft instead of deleting it."))

    # ------------------------------------------------------------------ who acts
    def _check_manager(self):
        """The centre's manager (or the district) computes, adjusts and approves."""
        if not self.env.user.has_group("gov_center.group_gov_manager"):
            raise AccessError(self.env._("Only the centre's manager appraises its staff."))
        self.check_access("write")

    # ------------------------------------------------------------------ compute
    def action_compute(self):
        """(Re)compute every line from the period's figures; the manager's scores and adjustments stay."""
        self._check_manager()
        for appraisal in self:
            if appraisal.state != "draft":
                raise UserError(
                    self.env._("%(appraisal)s is approved and locked: it is no longer computed.", appraisal=appraisal.name)
                )
        criteria = self.env["gov.appraisal.criterion"]._active_criteria()
        for appraisal in self:
            appraisal._compute_lines(criteria)
        return True

    def _appraised_staff(self):
        """The people the centre manages and appraises: its own staff, not its managers (the district
        appraises those) and not the stations' (their committees do)."""
        self.ensure_one()
        employees = self.env["hr.employee"].sudo().search([("gov_site_id", "=", self.centre_id.id)])
        managers = self.env.ref("gov_center.group_gov_manager").sudo().all_user_ids
        return employees.filtered(lambda e: not (e.user_id and e.user_id in managers))

    def _compute_lines(self, criteria):
        """The lines and scores of a draft the caller may write (checked by ``action_compute``).
        Lines and scores have no create or unlink right for any role: they are the application's,
        written here as superuser with values it builds itself (the centre's staff, the computed
        scores, and the manager's attendance scores as they were validated when entered)."""
        self.ensure_one()
        staff = self._appraised_staff()
        existing = {line.employee_id: line for line in self.line_ids}
        gone = self.line_ids.filtered(lambda line: line.employee_id not in staff)
        gone._gov_unlocked().sudo().unlink()
        new = [{"appraisal_id": self.id, "employee_id": e.id} for e in staff if e not in existing]
        if new:
            self.env["gov.appraisal.line"]._gov_unlocked().sudo().create(new)
        lines = self.line_ids._gov_unlocked()
        figures = self._staff_figures(lines.employee_id)
        volume_average = (
            sum(figures[e.id]["handled"] for e in lines.employee_id) / len(lines) if lines else 0.0
        )
        manual = {
            (s.line_id.id, s.criterion_id.id): {"manual_score": s.manual_score, "manual_set": s.manual_set}
            for s in lines.score_ids
            if s.method == "manual"
        }
        lines.score_ids.sudo().unlink()
        targets = self.env["gov.kpi.fact"]._kpi_targets()
        score_vals = []
        for line in lines:
            person = figures[line.employee_id.id]
            for criterion in criteria:
                values = self._score(criterion, person, volume_average, targets)
                if criterion.method == "manual":
                    values.update(manual.get((line.id, criterion.id), {}))
                score_vals.append({"line_id": line.id, "criterion_id": criterion.id, **values})
        self.env["gov.appraisal.score"]._gov_unlocked().sudo().create(score_vals)
        self._gov_unlocked().write({"computed_at": fields.Datetime.now()})
        self._assign_grades()
        self.message_post(body=self.env._("Appraisal computed for %(count)s people.", count=len(lines)))

    def _staff_figures(self, employees):
        """{employee id: figures} of the period from grouped queries (a fixed number whatever the
        number of people): ratings about them, cases they accepted or reviewed and how many were
        decided on time, bad reviews still counted after appeal, complaints upheld, training hours."""
        self.ensure_one()
        result = {
            e.id: {
                "ratings": 0,
                "satisfaction": None,
                "bad": 0,
                "handled": 0,
                "decided": 0,
                "on_time": 0,
                "complaints": 0,
                "hours": 0.0,
            }
            for e in employees
        }
        # Figures are read as the application, for the explicit list of the centre's own staff.
        self._staff_ratings(employees, result)
        self._staff_on_time(employees, result)
        self._staff_complaints(employees, result)
        self._staff_training_hours(employees, result)
        return result

    def _staff_ratings(self, employees, result):
        """Ratings, bad reviews, satisfaction and cases handled of the period, from the KPI facts."""
        period = [("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        for employee, ratings, bad, satisfaction, accepted, decided_reviewed in (
            self.env["gov.kpi.fact"]
            .sudo()
            ._read_group(
                period + [("employee_id", "in", employees.ids)],
                ["employee_id"],
                ["evaluation_count:sum", "bad_count:sum", "satisfaction_rate:avg", "accepted_count:sum", "decided_count:sum"],
            )
        ):
            result[employee.id].update(
                ratings=ratings or 0,
                bad=bad or 0,
                satisfaction=None if satisfaction is False or not ratings else round(satisfaction, 1),
                handled=(accepted or 0) + (decided_reviewed or 0),
            )

    def _staff_on_time(self, employees, result):
        """Decided cases of the period they accepted (first contact) or reviewed, and how many on time."""
        Case = self.env["gov.case"].sudo()
        decided = [("decided_on", ">=", self.date_from), ("decided_on", "<=", self.date_to)]
        by_user = {e.user_id.id: e.id for e in employees if e.user_id}
        groups = [
            (by_user[user.id], on_time, count)
            for user, on_time, count in Case._read_group(
                decided + [("first_contact_id", "in", list(by_user))], ["first_contact_id", "on_time"], ["__count"]
            )
        ] + [
            (employee.id, on_time, count)
            for employee, on_time, count in Case._read_group(
                decided + [("assignee_id", "in", employees.ids)], ["assignee_id", "on_time"], ["__count"]
            )
        ]
        for emp_id, on_time, count in groups:
            result[emp_id]["decided"] += count
            result[emp_id]["on_time"] += count if on_time else 0

    def _staff_complaints(self, employees, result):
        """Complaints about them received in the period and upheld."""
        for employee, count in (
            self.env["gov.complaint"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("kind", "=", "complaint"),
                    ("verdict", "in", UPHELD_VERDICTS),
                    ("received_on", ">=", self.date_from),
                    ("received_on", "<=", self.date_to),
                ],
                ["employee_id"],
                ["__count"],
            )
        ):
            result[employee.id]["complaints"] = count

    def _staff_training_hours(self, employees, result):
        """Training hours of closed sessions of the period, against the centre's plan (a quarter of it
        for a quarterly appraisal)."""
        for employee, hours in (
            self.env["gov.training.attendance"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("attendance", "=", "present"),
                    ("session_state", "=", "done"),
                    ("date_start", ">=", fields.Datetime.to_datetime(self.date_from)),
                    ("date_start", "<", fields.Datetime.to_datetime(self.date_to) + timedelta(days=1)),
                ],
                ["employee_id"],
                ["hours:sum"],
            )
        ):
            result[employee.id]["hours"] = hours or 0.0
        plan = self.env["gov.capability.plan"].sudo().search(
            [("site_id", "=", self.centre_id.id), ("year", "=", self.year)], limit=1
        )
        planned = plan.planned_hours / 4.0 if plan and self.quarter else plan.planned_hours
        for row in result.values():
            row["planned_hours"] = planned or 0.0

    def _score(self, criterion, person, volume_average, targets):
        """{"value", "score", "figures"} of one criterion for one person; ``figures`` are what the
        score's explanation says (gov.appraisal.score._compute_explanation), in the reader's language."""
        weight = criterion.weight
        method = criterion.method
        if method == "satisfaction":
            if not person["ratings"]:
                return _full(weight)
            rate, target = person["satisfaction"], targets["satisfaction"]
            return {
                "value": f"{rate:.1f}%",
                "score": _ratio_points(weight, rate, target),
                "figures": {"rate": rate, "count": person["ratings"], "target": target},
            }
        if method == "on_time":
            if not person["decided"]:
                return _full(weight)
            rate, target = 100.0 * person["on_time"] / person["decided"], targets["on_time"]
            return {
                "value": f"{rate:.1f}%",
                "score": _ratio_points(weight, rate, target),
                "figures": {"on_time": person["on_time"], "decided": person["decided"], "target": target},
            }
        if method == "volume":
            if not volume_average:
                return _full(weight)
            return {
                "value": str(person["handled"]),
                "score": _ratio_points(weight, person["handled"], volume_average),
                "figures": {"count": person["handled"], "average": round(volume_average, 2)},
            }
        if method in DEDUCTING:
            count = person["bad"] if method == "bad_reviews" else person["complaints"]
            return {
                "value": str(count),
                "score": max(weight - count * criterion.deduction, 0.0),
                "figures": {"count": count, "points": criterion.deduction},
            }
        if method == "training":
            planned = person["planned_hours"]
            if not planned:
                return _full(weight)
            return {
                "value": f"{person['hours']:g} / {planned:g}",
                "score": _ratio_points(weight, person["hours"], planned),
                "figures": {"hours": person["hours"], "planned": planned},
            }
        return {"value": "", "score": 0.0, "figures": {}}

    # ------------------------------------------------------------------ grades
    def _grade_thresholds(self):
        return {
            "excellent": float_param(self.env, *EXCELLENT_MIN, 0.0, 100.0),
            "competent": float_param(self.env, *COMPETENT_MIN, 0.0, 100.0),
            "basic": float_param(self.env, *BASIC_MIN, 0.0, 100.0),
        }

    def _assign_grades(self):
        """Rank by total (then satisfaction score, then name) and grade by the thresholds; 优秀 only
        for the best within the share cap, the others at or above its threshold are 称职."""
        thresholds = self._grade_thresholds()
        for appraisal in self:
            lines = appraisal.line_ids._gov_unlocked()
            ranked = lines.sorted(lambda line: (-line.total, -line._score_of("satisfaction"), line.employee_id.name))
            allowed = math.floor(len(ranked) * appraisal.excellent_share / 100.0 + 1e-9)
            excellent = 0
            for rank, line in enumerate(ranked, start=1):
                if line.total >= thresholds["excellent"] and excellent < allowed:
                    grade = "excellent"
                    excellent += 1
                elif line.total >= thresholds["competent"]:
                    grade = "competent"
                elif line.total >= thresholds["basic"]:
                    grade = "basic"
                else:
                    grade = "incompetent"
                if (line.rank, line.grade) != (rank, grade):
                    # computed here; rank and grade are read-only to every caller
                    line.sudo().write({"rank": rank, "grade": grade})

    # ------------------------------------------------------------------ approval
    def action_approve(self):
        """Approve: the grades are fixed and the appraisal is locked."""
        self._check_manager()
        for appraisal in self:
            if appraisal.state != "draft":
                raise UserError(self.env._("%(appraisal)s is already approved.", appraisal=appraisal.name))
            if not appraisal.line_ids or not appraisal.computed_at:
                raise UserError(self.env._("Compute %(appraisal)s first.", appraisal=appraisal.name))
            missing = appraisal.line_ids.score_ids.filtered(lambda s: s.method == "manual" and not s.manual_set)
            if missing:
                raise UserError(
                    self.env._(
                        "Score %(criterion)s for %(person)s first (0 to %(points)s points).",
                        criterion=missing[0].criterion_id.name,
                        person=missing[0].line_id.employee_id.name,
                        points=f"{missing[0].weight:g}",
                    )
                )
        self._assign_grades()
        self._gov_unlocked().write(
            {"state": "approved", "approved_by_id": self.env.uid, "approved_on": fields.Date.context_today(self)}
        )
        for appraisal in self:
            appraisal.message_post(body=self.env._("Appraisal approved and locked."))
        return True

    def action_reopen(self):
        """The district's correction: an approved appraisal back to draft, logged."""
        self._gov_check_correction_rights(self.env._("Only the district administrator reopens an approved appraisal."))
        self._gov_unlocked().write({"state": "draft", "approved_by_id": False, "approved_on": False})
        for appraisal in self:
            appraisal.message_post(body=self.env._("Appraisal reopened by the district for correction."))
        return True

    def action_print_list(self):
        return self.env.ref("gov_eval.action_report_gov_appraisal").report_action(self)


def _full(weight):
    """Full points: nothing to judge the person on in the period (no rating, no decided case...)."""
    return {"value": "", "score": weight, "figures": {"none": True}}


def _ratio_points(weight, value, reference):
    """weight × min(value ÷ reference, 1), to 0.01 point."""
    if not reference:
        return weight
    return round(weight * min(float(value) / float(reference), 1.0), 2)
