"""The monthly scorecard (月度考核表) of a centre operation contract: the centre's figures of the month
against the contract's targets, the deductions and the amount payable.

Made by the monthly job on the 1st for the month just ended (or by the district administrator for
any month of the contract), computed again while draft, then confirmed by the administrator for
the payment review, after which it is locked. The figures come from the KPI facts of the centre
(one grouped query) and from its published rosters (one grouped query over the window-days); a
figure without facts is shown as “no data”, which is not a miss. A target missed this month and in
the previous month's scorecard is flagged (连续两个月未达标): the chatter says so and the district
administrators and the contract's responsible person get an activity.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.gov_items.models.gov_item import amount_to_capital
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import UserError, ValidationError

SCORECARD_STATES = [("draft", "Draft"), ("confirmed", "Confirmed")]
# Figures of gov.kpi.fact read for a scorecard (kpi_figures.AGGREGATES).
KPI_NAMES = ("satisfaction", "on_time", "waiting", "evaluations", "decided", "tickets")


class GovServiceScorecard(models.Model):
    _name = "gov.service.scorecard"
    _description = "Monthly Scorecard"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "month desc, contract_id"
    _rec_names_search = ["contract_id", "period"]
    _gov_locked_states = ("confirmed",)

    contract_id = fields.Many2one("gov.service.contract", required=True, index=True, ondelete="restrict", tracking=True)
    site_id = fields.Many2one(related="contract_id.site_id", store=True, index=True, string="Operated Centre")
    provider_id = fields.Many2one(related="contract_id.provider_id", store=True, string="Service Provider")
    currency_id = fields.Many2one(related="contract_id.currency_id")
    month = fields.Date(required=True, help="The first day of the month scored.")
    period = fields.Char(compute="_compute_period", store=True, index=True, string="Month (YYYY-MM)")
    date_from = fields.Date(compute="_compute_period", store=True, string="First Day")
    date_to = fields.Date(compute="_compute_period", store=True, string="Last Day")
    name = fields.Char(compute="_compute_name")
    state = fields.Selection(SCORECARD_STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    line_ids = fields.One2many("gov.service.scorecard.line", "scorecard_id", string="Targets", readonly=True)
    monthly_fee = fields.Monetary(readonly=True, help="The contract's monthly fee when the scorecard was computed.")
    total_deduction = fields.Monetary(compute="_compute_amounts", store=True, string="Total Deductions")
    amount_payable = fields.Monetary(
        compute="_compute_amounts", store=True, help="The monthly fee less the deductions, never below zero."
    )
    amount_payable_words = fields.Char(compute="_compute_amount_payable_words", string="Amount Payable in Words")
    is_flagged = fields.Boolean(
        compute="_compute_flags",
        store=True,
        string="Missed Two Months Running",
        help="A target was missed this month and in the previous month's scorecard (连续两个月未达标).",
    )
    flagged_metrics = fields.Char(compute="_compute_flagged_metrics", string="Missed Twice")
    missed_count = fields.Integer(compute="_compute_flags", store=True, string="Targets Missed")
    evaluation_count = fields.Integer(string="Ratings", readonly=True)
    decided_count = fields.Integer(string="Cases Decided", readonly=True)
    ticket_count = fields.Integer(string="Tickets Served", readonly=True)
    window_days = fields.Integer(string="Open Window-days", readonly=True, help="Window-days of the published rosters.")
    staffed_days = fields.Integer(string="Staffed Window-days", readonly=True)
    computed_at = fields.Datetime(readonly=True)
    confirmed_at = fields.Datetime(readonly=True)
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    note = fields.Text(string="Reviewer's Note", help="Printed on the scorecard.")

    _month_unique = models.Constraint(
        "UNIQUE(contract_id, month)", "A contract has one scorecard per month: open the existing one."
    )

    # ------------------------------------------------------------------ computes
    @api.depends("month")
    def _compute_period(self):
        for card in self:
            first = card.month and card.month.replace(day=1)
            card.period = first and f"{first:%Y-%m}"
            card.date_from = first
            card.date_to = first and first + relativedelta(months=1, days=-1)

    @api.depends("contract_id", "period")
    def _compute_name(self):
        for card in self:
            card.name = self.env._(
                "%(centre)s %(month)s", centre=card.site_id.name or "", month=card.period or ""
            ).strip()

    @api.depends("line_ids.deduction", "monthly_fee")
    def _compute_amounts(self):
        for card in self:
            total = sum(card.line_ids.mapped("deduction"))
            card.total_deduction = total
            card.amount_payable = max(card.monthly_fee - total, 0.0)

    @api.depends("amount_payable")
    def _compute_amount_payable_words(self):
        for card in self:
            card.amount_payable_words = amount_to_capital(card.amount_payable)

    @api.depends("line_ids.result", "line_ids.consecutive_miss")
    def _compute_flags(self):
        for card in self:
            card.is_flagged = any(card.line_ids.mapped("consecutive_miss"))
            card.missed_count = len(card.line_ids.filtered(lambda line: line.result == "missed"))

    @api.depends_context("lang")
    @api.depends("line_ids.consecutive_miss")
    def _compute_flagged_metrics(self):
        """The measures missed twice, in the reader's language (not stored)."""
        labels = dict(self.env["gov.service.scorecard.line"]._fields["metric"]._description_selection(self.env))
        for card in self:
            card.flagged_metrics = "、".join(labels[line.metric] for line in card.line_ids if line.consecutive_miss)

    # ------------------------------------------------------------------ checks
    @api.constrains("month", "contract_id")
    def _check_month(self):
        for card in self:
            first = card.month.replace(day=1)
            if card.month != first:
                raise ValidationError(self.env._("The month of a scorecard is given by its first day."))
            if first > china_today().replace(day=1):
                raise ValidationError(self.env._("A month that has not begun cannot be scored."))
            contract = card.contract_id
            if first > contract.date_end or card.date_to < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "%(month)s is outside the period of contract %(contract)s.",
                        month=card.period,
                        contract=contract.number,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    # ------------------------------------------------------------------ figures
    def _figures(self):
        """{metric: value or None} and the counts of the month at the contract's centre: two grouped
        queries (the KPI facts, the roster's window-days)."""
        self.ensure_one()
        site, first, last = self.site_id, self.date_from, self.date_to
        rows = (
            self.env["gov.kpi.fact"]
            .sudo()
            ._kpi_figures([("site_id", "=", site.id), ("date", ">=", first), ("date", "<=", last)], (), KPI_NAMES)
        )
        kpi = rows[0][1] if rows else dict.fromkeys(KPI_NAMES)
        days = (
            self.env["gov.roster.shift"]
            .sudo()
            ._read_group(
                [
                    ("site_id", "=", site.id),
                    ("roster_state", "=", "published"),
                    ("date", ">=", first),
                    ("date", "<=", last),
                ],
                ["window_id", "date:day"],
                ["__count", "employee_id:count"],
            )
        )
        window_days = len(days)
        staffed_days = sum(1 for _window, _day, shifts, on_duty in days if on_duty == shifts)
        staffing = round(100.0 * staffed_days / window_days, 1) if window_days else None
        return {
            "satisfaction": kpi.get("satisfaction"),
            "on_time": kpi.get("on_time"),
            "waiting": kpi.get("waiting"),
            "staffing": staffing,
        }, {
            "evaluation_count": kpi.get("evaluations") or 0,
            "decided_count": kpi.get("decided") or 0,
            "ticket_count": kpi.get("tickets") or 0,
            "window_days": window_days,
            "staffed_days": staffed_days,
        }

    def _previous(self):
        """The previous month's scorecard of the same contract, if any."""
        self.ensure_one()
        return self.search(
            [("contract_id", "=", self.contract_id.id), ("month", "=", self.month - relativedelta(months=1))], limit=1
        )

    # ------------------------------------------------------------------ actions
    def _check_admin(self, message):
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group("gov_center.group_gov_admin"):
            raise UserError(message)

    def action_recompute(self):
        """Read the month's figures again and rewrite the lines (draft scorecards only)."""
        self._check_admin(self.env._("Only a district administrator can compute a scorecard."))
        if any(card.state != "draft" for card in self):
            raise UserError(self.env._("A confirmed scorecard is locked: it can no longer be computed again."))
        Line = self.env["gov.service.scorecard.line"].sudo()._gov_unlocked()
        for card in self:
            figures, counts = card._figures()
            previous = card._previous()
            missed_before = {line.metric for line in previous.line_ids if line.result == "missed"}
            lines = []
            for target in card.contract_id.target_ids:
                actual = figures.get(target.metric)
                met, shortfall, deduction = target._evaluate(actual)
                result = "no_data" if met is None else ("met" if met else "missed")
                lines.append(
                    {
                        "scorecard_id": card.id,
                        "target_id": target.id,
                        "sequence": target.sequence,
                        "metric": target.metric,
                        "comparison": target.comparison,
                        "target": target.target,
                        "actual": actual or 0.0,
                        "result": result,
                        "shortfall": shortfall,
                        "deduction": deduction,
                        "consecutive_miss": result == "missed" and target.metric in missed_before,
                    }
                )
            card.line_ids.sudo()._gov_unlocked().unlink()
            Line.create(lines)
            card._gov_unlocked().sudo().write(
                dict(counts, monthly_fee=card.contract_id.monthly_fee, computed_at=fields.Datetime.now())
            )
            if card.is_flagged:
                card._warn_repeated_misses()
        return True

    def _warn_repeated_misses(self):
        """Post the warning and give the administrators and the contract's responsible person an
        activity (once each per scorecard)."""
        self.ensure_one()
        summary = self.env._("Target missed two months running")
        message = self.env._(
            "%(centre)s missed the same target in %(month)s and the month before (连续两个月未达标): %(metrics)s. "
            "Review the provider's service with them.",
            centre=self.site_id.name,
            month=self.period,
            metrics=self.flagged_metrics,
        )
        self.sudo().message_post(body=message, message_type="comment", subtype_xmlid="mail.mt_note")
        users = (
            self.env.ref("gov_center.group_gov_admin").sudo().all_user_ids.filtered(lambda u: u.active and not u.share)
        )
        users |= self.contract_id.user_id.filtered("active")
        warned = self.sudo().activity_ids.filtered(lambda a: a.summary == summary).user_id
        for user in users - warned:
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo", summary=summary, note=message, user_id=user.id
            )

    def action_confirm(self):
        """The administrator's review for the payment: the scorecard is locked."""
        self._check_admin(self.env._("Only a district administrator can confirm a scorecard."))
        for card in self:
            if card.state != "draft":
                raise UserError(self.env._("%(card)s is already confirmed.", card=card.name))
            if not card.computed_at:
                raise UserError(self.env._("Compute %(card)s before confirming it.", card=card.name))
        self._gov_unlocked().write(
            {"state": "confirmed", "confirmed_at": fields.Datetime.now(), "confirmed_by_id": self.env.user.id}
        )
        return True

    def action_print(self):
        return self.env.ref("gov_eval.action_report_service_scorecard").report_action(self)

    def _report_values(self):
        """What the printed scorecard shows (Chinese, A4)."""
        self.ensure_one()
        contract = self.contract_id
        scope_labels = [
            label
            for flag, label in (
                (contract.scope_pre_window, "窗口前受理流程"),
                (contract.scope_window, "窗口受理流程"),
                (contract.scope_delivery, "出件流程"),
                (contract.scope_service, "服务"),
            )
            if flag
        ]
        metric_labels = {
            "satisfaction": "满意率",
            "on_time": "按时办结率",
            "waiting": "平均等候时长",
            "staffing": "开放窗口在岗率",
        }
        units = {"waiting": "分钟"}

        def figure(metric, value):
            return f"{value:.1f}{units.get(metric, '%')}"

        lines = [
            {
                "label": metric_labels[line.metric],
                "target": ("≥ " if line.comparison == "ge" else "≤ ") + figure(line.metric, line.target),
                "actual": "无数据" if line.result == "no_data" else figure(line.metric, line.actual),
                "result": line.result,
                "deduction": line.deduction,
                "consecutive": line.consecutive_miss,
                "rule": line.target_id._rule_text() if line.target_id else "",
            }
            for line in self.line_ids
        ]
        return {
            "contract": contract,
            "scope": "、".join(scope_labels) or "—",
            "lines": lines,
            "flagged": [row["label"] for row in lines if row["consecutive"]],
            "money": lambda amount: f"¥{amount:,.2f}",
        }
