"""A township's progress report on one task of the plan, for one month or quarter (进展报告).

The township centre's manager writes it (status, progress, evidence, problems, next steps) and
submits it; the district centre accepts it or returns it with a comment. Submitted reports are
locked and never deleted. The figures the suite knows (attainment, item lists, one-window share,
satisfaction, on-time rate, agent cases) are never typed: they are read live on drafts and kept as
a snapshot from the moment the report is submitted.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .gov_plan_action import china_today_of
from .kpi_figures import fmt_figure

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("accepted", "Accepted by the District"),
    ("returned", "Returned"),
]
STATUSES = [
    ("not_started", "Not Started"),
    ("progress", "Under Way"),
    ("done", "Done"),
    ("blocked", "Blocked"),
]
PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter")]
# What a township sends; the rest is the application's.
CREATE_FIELDS = frozenset(
    {
        "action_id",
        "site_id",
        "period_type",
        "date_from",
        "status",
        "progress",
        "quantity_done",
        "quantity_planned",
        "quantity_unit",
        "milestone_done_ids",
        "attachment_ids",
        "problems",
        "next_steps",
    }
)
# The suite's figures (keys of _suite_figures) and the fields showing them on the report.
FIGURE_FIELDS = {
    "basic_rate": "fig_basic_rate",
    "standard_rate": "fig_standard_rate",
    "benchmark_rate": "fig_benchmark_rate",
    "items": "fig_items",
    "must_enter_listed": "fig_must_enter_listed",
    "must_enter_missing": "fig_must_enter_missing",
    "comprehensive_rate": "fig_comprehensive_rate",
    "one_window": "fig_one_window",
    "satisfaction": "fig_satisfaction",
    "on_time": "fig_on_time",
    "agent": "fig_agent",
    "accepted": "fig_accepted",
}
RATE_KEYS = frozenset(
    {"basic_rate", "standard_rate", "benchmark_rate", "comprehensive_rate", "one_window", "satisfaction", "on_time"}
)
KPI_NAMES = ("accepted", "agent", "one_window", "satisfaction", "on_time")


def period_start(date, period_type):
    if period_type == "quarter":
        return date.replace(month=(date.month - 1) // 3 * 3 + 1, day=1)
    return date.replace(day=1)


class GovPlanReport(models.Model):
    _name = "gov.plan.report"
    _description = "Plan Progress Report"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, site_id, action_number"
    _gov_locked_states = ("submitted", "accepted")
    _gov_locked_writable = frozenset({"review_comment"})

    action_id = fields.Many2one(
        "gov.plan.action", string="Task", required=True, ondelete="restrict", index=True, tracking=True
    )
    plan_id = fields.Many2one(related="action_id.plan_id", store=True, index=True)
    action_number = fields.Integer(related="action_id.number", store=True, string="Task No.")
    action_line = fields.Selection(related="action_id.action_line", store=True)
    site_id = fields.Many2one(
        "gov.site",
        string="Township Centre",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('kind', '=', 'township_centre')]",
        default=lambda self: self._default_site(),
        help="The township or street convenience service centre that reports.",
    )
    township_id = fields.Many2one(related="site_id.township_id", store=True, index=True)
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, default="month")
    date_from = fields.Date(
        string="Period Start",
        required=True,
        default=lambda self: period_start(china_today_of(self), "month"),
        help="Any day of the month or quarter: the report is kept on its first day.",
    )
    date_to = fields.Date(compute="_compute_date_to", store=True, string="Period End")
    period_label = fields.Char(compute="_compute_period_label")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    status = fields.Selection(STATUSES, default="progress", required=True, tracking=True)
    progress = fields.Integer(string="Progress (%)", tracking=True, aggregator="avg")
    quantity_done = fields.Integer(string="Done", help="E.g. stations built, lists published, staff trained.")
    quantity_planned = fields.Integer(string="Planned Count")
    quantity_unit = fields.Char(string="Counted In", help="What the counts count, e.g. 个便民服务站.")
    milestone_done_ids = fields.Many2many(
        "gov.plan.milestone",
        "gov_plan_report_milestone_rel",
        "report_id",
        "milestone_id",
        string="Milestones Reached",
        domain="[('plan_id', '=', plan_id), '|', ('action_id', '=', action_id), ('action_id', '=', False)]",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "gov_plan_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Evidence",
        help="Photos, published lists, minutes: the evidence of the work.",
    )
    attachment_count = fields.Integer(compute="_compute_attachment_count", string="Evidence Files")
    problems = fields.Text(help="Problems met (存在问题).")
    next_steps = fields.Text(help="下一步工作.")
    review_comment = fields.Text(tracking=True, help="The district's comment; required to return.")
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    submitted_on = fields.Datetime(readonly=True)
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    reviewed_on = fields.Datetime(readonly=True)
    is_late = fields.Boolean(
        compute="_compute_is_late",
        store=True,
        string="Late",
        index=True,
        help="The period has ended and the report is not submitted.",
    )
    figures_snapshot = fields.Json(readonly=True, string="Figures at Submission", copy=False)
    figures_at = fields.Datetime(readonly=True, string="Figures Taken On", copy=False)
    fig_basic_rate = fields.Float(compute="_compute_figures", string="Basic Attainment (%)", digits=(5, 1))
    fig_standard_rate = fields.Float(compute="_compute_figures", string="Standard Attainment (%)", digits=(5, 1))
    fig_benchmark_rate = fields.Float(compute="_compute_figures", string="Benchmark Share (%)", digits=(5, 1))
    fig_items = fields.Integer(compute="_compute_figures", string="Items Listed")
    fig_must_enter_listed = fields.Integer(compute="_compute_figures", string="Must-enter Items Listed")
    fig_must_enter_missing = fields.Integer(compute="_compute_figures", string="Must-enter Items Missing")
    fig_comprehensive_rate = fields.Float(
        compute="_compute_figures", string="At Comprehensive Window (%)", digits=(5, 1)
    )
    fig_one_window = fields.Float(compute="_compute_figures", string="One-window Share (%)", digits=(5, 1))
    fig_satisfaction = fields.Float(compute="_compute_figures", string="Satisfaction (%)", digits=(5, 1))
    fig_on_time = fields.Float(compute="_compute_figures", string="On-time Rate (%)", digits=(5, 1))
    fig_agent = fields.Integer(compute="_compute_figures", string="Agent Cases")
    fig_accepted = fields.Integer(compute="_compute_figures", string="Cases Accepted")
    fig_live = fields.Boolean(compute="_compute_figures", string="Live Figures")

    _period_unique = models.Constraint(
        "UNIQUE(site_id, action_id, period_type, date_from)",
        "A township reports on a task once per period: open the existing report.",
    )
    _progress_range = models.Constraint(
        "CHECK(progress >= 0 AND progress <= 100)", "The progress is a percentage between 0 and 100."
    )

    # ------------------------------------------------------------------ defaults and computes
    @api.model
    def _default_site(self):
        return self.env.user.gov_site_ids.filtered(lambda s: s.kind == "township_centre")[:1]

    @api.depends("date_from", "period_type")
    def _compute_date_to(self):
        for report in self:
            if report.date_from:
                months = 3 if report.period_type == "quarter" else 1
                start = period_start(report.date_from, report.period_type)
                report.date_to = start + relativedelta(months=months, days=-1)
            else:
                report.date_to = False

    @api.depends("date_from", "period_type")
    def _compute_period_label(self):
        for report in self:
            start = report.date_from
            if not start:
                report.period_label = False
            elif report.period_type == "quarter":
                report.period_label = self.env._(
                    "%(year)s Q%(quarter)s", year=start.year, quarter=(start.month - 1) // 3 + 1
                )
            else:
                report.period_label = self.env._("%(year)s-%(month)s", year=start.year, month=start.month)

    def _compute_display_name(self):
        for report in self:
            report.display_name = " · ".join(
                part for part in (report.site_id.name, report.action_id.display_name, report.period_label) if part
            )

    def _compute_attachment_count(self):
        for report in self:
            report.attachment_count = len(report.attachment_ids)

    @api.depends("state", "date_to")
    def _compute_is_late(self):
        self._set_late(china_today_of(self))

    def _set_late(self, today):
        # the application's flag: set as such (the field is protected against callers)
        for report in self.sudo()._gov_unlocked():
            report.is_late = bool(report.date_to and report.date_to < today and report.state in ("draft", "returned"))

    @api.model
    def _refresh_late(self, today):
        self.search([("state", "in", ("draft", "returned"))])._set_late(today)

    @api.depends("state", "figures_snapshot", "site_id", "date_from", "period_type")
    def _compute_figures(self):
        live = self.filtered(lambda r: r.state not in ("submitted", "accepted") or not r.figures_snapshot)
        live_figures = live._live_figures() if live else {}
        for report in self:
            if report in live:
                figures, report.fig_live = live_figures.get(report.id, {}), True
            else:
                figures, report.fig_live = (report.figures_snapshot or {}).get("township", {}), False
            for key, name in FIGURE_FIELDS.items():
                report[name] = figures.get(key) or 0

    def _live_figures(self):
        """{report id: {figure: value}} of the reports' townships over their periods: one set of
        grouped queries per distinct period."""
        result = {}
        periods = {}
        for report in self:
            if report.site_id and report.date_from and report.date_to:
                periods.setdefault((report.date_from, report.date_to), self.browse())
                periods[(report.date_from, report.date_to)] |= report
        for (date_from, date_to), reports in periods.items():
            figures = self._suite_figures(reports.township_id, date_from, date_to)
            for report in reports:
                result[report.id] = figures.get(report.township_id.id, {})
        return result

    # ------------------------------------------------------------------ the suite's figures
    @api.model
    def _figure_targets(self):
        tiers = self.env["gov.site.attainment"]._targets()
        kpi = self.env["gov.kpi.fact"]._kpi_targets()
        return {
            "basic_rate": tiers["basic"],
            "standard_rate": tiers["standard"],
            "benchmark_rate": tiers["benchmark"],
            "one_window": kpi["one_window"],
            "satisfaction": kpi["satisfaction"],
        }

    @api.model
    def _fmt_figure(self, key, value):
        if value is None:
            return "—"
        if key in RATE_KEYS:
            return f"{value:.1f}%"
        return fmt_figure(key, value)

    @api.model
    def _suite_figures(self, townships, date_from=None, date_to=None):
        """{township id: {figure: value}, False: the district's} read from the suite: the construction
        attainment (gov.site.attainment), the township centres' implementation lists (gov.item.site:
        items listed, must-enter items listed and missing, share taken at the comprehensive window)
        and the service figures of the period (gov.kpi.fact: cases, agent cases, one-window share,
        satisfaction, on-time rate). Aggregates only, read as superuser for the townships asked; a
        fixed number of grouped queries whatever the number of townships."""
        env = self.sudo().env
        ids = set(townships.ids)
        result = {tid: {} for tid in ids}
        result[False] = {}
        attainment = env["gov.site.attainment"]._attainment_figures()
        for row in attainment["townships"]:
            if row["township"] and row["township"].id in ids:
                result[row["township"].id].update(
                    {k: row[k] for k in ("basic_rate", "standard_rate", "benchmark_rate")}
                )
        result[False].update({k: attainment["district"][k] for k in ("basic_rate", "standard_rate", "benchmark_rate")})

        # The township centres' implementation lists.
        centres = env["gov.site"].search([("kind", "=", "township_centre")])
        must_total = env["gov.item"].search_count(
            [("state", "=", "published"), ("must_enter", "=", True), ("service_level", "=", "township")]
        )
        lines = env["gov.item.site"]._read_group(
            [("site_id", "in", centres.ids), ("item_id.state", "=", "published")],
            ["site_id", "must_enter", "is_comprehensive"],
            ["__count"],
        )
        counts = {}
        for site, must_enter, comprehensive, count in lines:
            for key in (site.township_id.id, False):
                cell = counts.setdefault(key, {"items": 0, "must": 0, "comp": 0})
                cell["items"] += count
                cell["must"] += count if must_enter else 0
                cell["comp"] += count if comprehensive else 0
        centre_count = dict(env["gov.site"]._read_group([("id", "in", centres.ids)], ["township_id"], ["__count"]))
        for key in [*ids, False]:
            if key not in result:
                continue
            cell = counts.get(key, {"items": 0, "must": 0, "comp": 0})
            n_centres = len(centres) if key is False else sum(c for t, c in centre_count.items() if t.id == key)
            result[key].update(
                {
                    "items": cell["items"],
                    "must_enter_listed": cell["must"],
                    "must_enter_missing": max(must_total * n_centres - cell["must"], 0),
                    "comprehensive_rate": round(100.0 * cell["comp"] / cell["items"], 1) if cell["items"] else None,
                }
            )

        # The service figures of the period.
        Fact = env["gov.kpi.fact"]
        domain = []
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        if ids:
            for (township,), figures in Fact._kpi_figures(
                [*domain, ("township_id", "in", list(ids))], ["township_id"], KPI_NAMES
            ):
                if township and township.id in ids:
                    result[township.id].update(figures)
        district = Fact._kpi_figures(domain, [], KPI_NAMES)
        result[False].update(district[0][1] if district else {})
        for cell in result.values():
            for name in KPI_NAMES:
                cell.setdefault(name, None)
        return result

    # ------------------------------------------------------------------ constraints
    @api.constrains("site_id")
    def _check_site(self):
        for report in self:
            if report.site_id.kind != "township_centre":
                raise ValidationError(
                    self.env._(
                        "%(site)s is not a township or street centre: progress reports are made by the township "
                        "centres.",
                        site=report.site_id.name,
                    )
                )

    @api.constrains("milestone_done_ids", "action_id")
    def _check_milestones(self):
        for report in self:
            foreign = report.milestone_done_ids.filtered(
                lambda m, r=report: m.plan_id != r.plan_id or (m.action_id and m.action_id != r.action_id)
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The milestone “%(milestone)s” is not a step of task %(task)s: choose a milestone of the "
                        "task or of the plan's safeguards.",
                        milestone=foreign[0].name,
                        task=report.action_id.display_name,
                    )
                )

    @api.constrains("quantity_done", "quantity_planned")
    def _check_quantities(self):
        for report in self:
            if report.quantity_done < 0 or report.quantity_planned < 0:
                raise ValidationError(self.env._("The counts of a progress report cannot be negative."))

    # ------------------------------------------------------------------ ORM
    def _normalize_period(self, vals):
        if vals.get("date_from"):
            date = fields.Date.to_date(vals["date_from"])
            period_type = vals.get("period_type") or (self[:1].period_type if self else "month") or "month"
            vals["date_from"] = period_start(date, period_type)
        return vals

    def _check_attachments(self):
        """Evidence is uploaded to the report itself: a file of another record (linked with an x2many
        command) would be read through the report. Attachments uploaded on a new report (res_id 0)
        by the same user are bound to it."""
        for report in self:
            for attachment in report.sudo().attachment_ids:
                if attachment.res_model == self._name and attachment.res_id == report.id:
                    continue
                if (
                    attachment.res_model in (self._name, False)
                    and not attachment.res_id
                    and attachment.create_uid.id == self.env.uid
                ):
                    attachment.write({"res_model": self._name, "res_id": report.id})
                    continue
                raise AccessError(
                    self.env._(
                        "The file “%(file)s” belongs to another record: upload the evidence on the report itself.",
                        file=attachment.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Report = self._gov_create_from(
            vals_list,
            CREATE_FIELDS,
            self.env._(
                "A progress report is created with its township, task and period; %(fields)s are set by "
                "the application."
            ),
        )
        vals_list = [Report._normalize_period(dict(vals)) for vals in vals_list]
        reports = super(GovPlanReport, Report).create(vals_list)
        if any(vals.get("attachment_ids") for vals in vals_list):
            reports._check_attachments()
        return reports.with_env(self.env)

    def write(self, vals):
        if "review_comment" in vals and not self.env.su and not self.env.user.has_group("gov_center.group_gov_admin"):
            raise AccessError(self.env._("Only the district centre writes the review comment of a progress report."))
        if self.env.su or self._gov_is_unlocked():
            pass
        elif {"site_id", "action_id"} & set(vals) and self.filtered("submitted_on"):
            raise UserError(self.env._("A report once submitted stays with its township and task."))
        vals = self._normalize_period(dict(vals))
        result = super().write(vals)
        if "site_id" in vals and not self.env.su:
            self.check_access("write")  # not moved to another township than the caller's own
        if "attachment_ids" in vals:
            self._check_attachments()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        submitted = self.filtered("submitted_on")
        if submitted:
            raise UserError(
                self.env._(
                    "%(report)s has been submitted to the district and is never deleted.",
                    report=submitted[0].display_name,
                )
            )

    # ------------------------------------------------------------------ flow
    def _reviewers(self):
        group = self.env.ref("gov_center.group_gov_admin")
        return group.sudo().all_user_ids.filtered(lambda u: u.active and not u.share and u.id != 1)

    def action_submit(self):
        """The township centre submits: figures taken, locked, the district's reviewers notified."""
        self.check_access("write")
        now = fields.Datetime.now()
        for report in self:
            if report.state not in ("draft", "returned"):
                raise UserError(self.env._("%(report)s is already submitted.", report=report.display_name))
            if report.status in ("progress", "blocked") and not (report.next_steps or "").strip():
                raise UserError(
                    self.env._(
                        "Say what comes next for %(report)s (next steps) before submitting it.",
                        report=report.display_name,
                    )
                )
            if report.status == "blocked" and not (report.problems or "").strip():
                raise UserError(self.env._("Describe the problems that block the task before submitting."))
        snapshots = {}
        periods = {}
        for report in self:
            periods.setdefault((report.date_from, report.date_to), self.browse())
            periods[(report.date_from, report.date_to)] |= report
        for (date_from, date_to), reports in periods.items():
            figures = self._suite_figures(reports.township_id, date_from, date_to)
            for report in reports:
                snapshots[report.id] = {"township": figures.get(report.township_id.id, {}), "district": figures[False]}
        reviewers = self._reviewers()
        for report in self:
            report._gov_unlocked().write(
                {
                    "state": "submitted",
                    "submitted_by_id": self.env.uid,
                    "submitted_on": now,
                    "figures_snapshot": snapshots[report.id],
                    "figures_at": now,
                }
            )
            report.sudo().activity_feedback(["mail.mail_activity_data_todo"])
            for reviewer in reviewers:
                report.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=reviewer.id,
                    summary=self.env._("Review the progress report"),
                    note=report.display_name,
                )
        return True

    def _check_reviewer(self):
        if not self.env.user.has_group("gov_center.group_gov_admin"):
            raise AccessError(self.env._("Only the district centre accepts or returns progress reports."))
        for report in self:
            if report.state != "submitted":
                raise UserError(self.env._("%(report)s is not waiting for review.", report=report.display_name))

    def _record_review(self, state):
        """The district's decision: the state, who reviewed and when; the review to-dos are done."""
        self._gov_unlocked().write(
            {"state": state, "reviewed_by_id": self.env.uid, "reviewed_on": fields.Datetime.now()}
        )
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])

    def action_accept(self):
        self._check_reviewer()
        self._record_review("accepted")
        for report in self:
            report.message_post(body=self.env._("Accepted by the district centre."))
        self._refresh_plan_flags()
        return True

    def action_return(self):
        self._check_reviewer()
        for report in self:
            if not (report.review_comment or "").strip():
                raise UserError(
                    self.env._(
                        "Write in the review comment what %(site)s must change before returning the report.",
                        site=report.site_id.name,
                    )
                )
        self._record_review("returned")
        for report in self:
            report.message_post(
                body=self.env._("Returned by the district centre: %(comment)s", comment=report.review_comment)
            )
            owner = report.submitted_by_id or report.site_id.manager_id
            if owner:
                report.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=owner.id,
                    summary=self.env._("Correct and resubmit the progress report"),
                    note=report.review_comment,
                )
        self._refresh_plan_flags()
        return True

    def action_reopen(self):
        """The district's correction: an accepted report back for review (logged)."""
        if not self.env.user.has_group("gov_center.group_gov_admin"):
            raise AccessError(self.env._("Only the district centre reopens an accepted report."))
        for report in self:
            if report.state != "accepted":
                raise UserError(self.env._("%(report)s is not accepted.", report=report.display_name))
        self._gov_unlocked().write({"state": "submitted", "reviewed_by_id": False, "reviewed_on": False})
        for report in self:
            report.message_post(body=self.env._("Reopened by the district centre for review."))
        self._refresh_plan_flags()
        return True

    def _refresh_plan_flags(self):
        # The plan-level milestones (三、保障措施) have no task whose reports they depend on.
        self.env.flush_all()
        today = china_today_of(self)
        milestones = self.sudo().milestone_done_ids | self.sudo().action_id.milestone_ids
        milestones._set_overdue(today)
        self.sudo().action_id._set_overdue(today)

    def action_view_attachments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evidence"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("id", "in", self.attachment_ids.ids)],
        }
