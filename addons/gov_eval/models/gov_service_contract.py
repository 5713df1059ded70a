"""Third-party operated centres (社会化托管, plan action 15 探索政务服务外包; action 5: 政府购买服务 for
comprehensive window staff): the contract with a qualified provider that runs a township centre.

The contract says which centre is run, by whom (a company with its unified social credit code,
GB 32100), for which period, in which of the plan's four areas (窗口前受理流程, 窗口受理流程, 出件流程,
服务), with which purchased-service staff, for which monthly fee, and against which service-level
targets with their deductions (``gov.service.contract.target``). Each month a scorecard
(``gov.service.scorecard``) measures the centre against the targets and computes the amount
payable: the district pays for the service done (“花钱办事”), not for the people (“花钱养人”).

A running contract is the signed agreement: its centre, provider, period, fee and targets are
locked (an amendment is a new contract); the responsible person, the notes and the documents
stay editable. Contracts are never deleted (archive them).
"""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_today
from odoo.exceptions import UserError, ValidationError

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]


class GovServiceContract(models.Model):
    _name = "gov.service.contract"
    _description = "Centre Operation Contract"
    _inherit = ["gov.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["number", "name", "provider_id"]
    # The signed agreement is locked once running; what stays editable on it.
    _gov_locked_states = ("running", "expired", "terminated")
    _gov_locked_writable = frozenset({"user_id", "note", "active", "termination_reason", "score_month"})

    number = fields.Char(readonly=True, copy=False, index="trigram", default=lambda self: self.env._("New"))
    name = fields.Char(string="Contract Title", required=True, tracking=True)
    site_id = fields.Many2one(
        "gov.site",
        string="Operated Centre",
        required=True,
        index=True,
        tracking=True,
        domain="[('kind', '=', 'township_centre')]",
        help="The township or street convenience service centre the provider runs.",
    )
    provider_id = fields.Many2one(
        "res.partner",
        string="Service Provider",
        required=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    credit_code = fields.Char(
        string="Unified Social Credit Code",
        required=True,
        tracking=True,
        help="The provider's 18-character unified social credit code (统一社会信用代码, GB 32100).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="The bureau's officer who follows the contract: warned with the administrators of repeated misses.",
    )
    date_start = fields.Date(string="Contract Start", required=True, tracking=True)
    date_end = fields.Date(string="Contract End", required=True, tracking=True)
    state = fields.Selection(CONTRACT_STATES, default="draft", required=True, tracking=True, index=True, readonly=True)
    termination_reason = fields.Text(
        tracking=True, help="Why the contract ends before its term: required to terminate it, kept on the record."
    )
    terminated_on = fields.Date(readonly=True)
    # The plan's four areas of improvement (action 15).
    scope_pre_window = fields.Boolean(string="Before the Window", help="窗口前受理流程: guidance, triage, queue.")
    scope_window = fields.Boolean(string="At the Window", help="窗口受理流程: intake and processing at the windows.")
    scope_delivery = fields.Boolean(string="Result Delivery", help="出件流程: issuing and mailing results.")
    scope_service = fields.Boolean(string="Service Quality", help="服务: manners, environment, help desk, follow-up.")
    employee_ids = fields.Many2many(
        "hr.employee",
        "gov_service_contract_employee_rel",
        "contract_id",
        "employee_id",
        string="Staff Provided",
        domain="[('gov_site_id', '=', site_id)]",
        help="The provider's people at the centre's windows: employees of the centre whose service mode is "
        "“Purchased Service”.",
    )
    staff_count = fields.Integer(compute="_compute_staff_count", string="Staff")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    monthly_fee = fields.Monetary(required=True, tracking=True, help="What the district pays for a month of service.")
    target_ids = fields.One2many("gov.service.contract.target", "contract_id", string="Service-level Targets")
    scorecard_ids = fields.One2many("gov.service.scorecard", "contract_id", string="Scorecards")
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")
    flagged_count = fields.Integer(
        compute="_compute_scorecard_count",
        string="Repeated Misses",
        help="Scorecards with a target missed twice in a row.",
    )
    attachment_count = fields.Integer(compute="_compute_attachment_count", string="Documents")
    score_month = fields.Date(
        string="Month to Score",
        help="A day of the month that “Compute Month” scores; the last month when empty.",
    )
    note = fields.Html(string="Notes")
    active = fields.Boolean(default=True)

    _fee_positive = models.Constraint("CHECK(monthly_fee >= 0)", "The monthly fee cannot be negative.")

    # ------------------------------------------------------------------ computes
    @api.depends("employee_ids")
    def _compute_staff_count(self):
        for contract in self:
            contract.staff_count = len(contract.employee_ids)

    def _compute_scorecard_count(self):
        counts = dict.fromkeys(self.ids, 0)
        flagged = dict.fromkeys(self.ids, 0)
        Scorecard = self.env["gov.service.scorecard"]
        for contract, is_flagged, count in Scorecard._read_group(
            [("contract_id", "in", self.ids)], ["contract_id", "is_flagged"], ["__count"]
        ):
            counts[contract.id] += count
            if is_flagged:
                flagged[contract.id] += count
        for contract in self:
            contract.scorecard_count = counts.get(contract.id, 0)
            contract.flagged_count = flagged.get(contract.id, 0)

    def _compute_attachment_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"], ["__count"]
            )
        )
        for contract in self:
            contract.attachment_count = counts.get(contract.id, 0)

    @api.depends("number", "name")
    def _compute_display_name(self):
        for contract in self:
            contract.display_name = f"{contract.number} {contract.name}" if contract.name else contract.number

    @api.onchange("provider_id")
    def _onchange_provider_id(self):
        if self.provider_id.company_registry and not self.credit_code:
            self.credit_code = self.provider_id.company_registry

    # ------------------------------------------------------------------ checks
    @api.constrains("credit_code")
    def _check_credit_code(self):
        Department = self.env["gov.item.department"]
        for contract in self:
            error = Department._credit_code_error(contract.credit_code)
            if error:
                raise ValidationError(
                    self.env._(
                        "The unified social credit code “%(code)s” of %(provider)s is invalid: %(error)s. Correct it.",
                        code=contract.credit_code,
                        provider=contract.provider_id.display_name,
                        error=error,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_period(self):
        for contract in self:
            if contract.date_end <= contract.date_start:
                raise ValidationError(self.env._("A contract must end after it starts."))

    @api.constrains("site_id")
    def _check_site(self):
        for contract in self:
            if contract.site_id.kind != "township_centre":
                raise ValidationError(
                    self.env._(
                        "%(site)s is not a township or street centre: only those are run by a third party.",
                        site=contract.site_id.name,
                    )
                )

    @api.constrains("employee_ids", "site_id")
    def _check_staff(self):
        for contract in self:
            for employee in contract.employee_ids.sudo():
                if employee.gov_service_mode != "purchased":
                    raise ValidationError(
                        self.env._(
                            "%(name)s is not purchased-service staff: set their service mode to “Purchased "
                            "Service” on the employee, or remove them from the contract.",
                            name=employee.name,
                        )
                    )
                if employee.gov_site_id != contract.site_id:
                    raise ValidationError(
                        self.env._(
                            "%(name)s does not work at %(site)s: only the operated centre's staff are provided under "
                            "its contract.",
                            name=employee.name,
                            site=contract.site_id.name,
                        )
                    )

    @api.constrains("state", "site_id", "date_start", "date_end")
    def _check_overlap(self):
        running = self.filtered(lambda c: c.state == "running")
        if not running:
            return
        others = self.sudo().search(
            [
                ("state", "=", "running"),
                ("site_id", "in", running.site_id.ids),
                ("date_start", "<=", max(running.mapped("date_end"))),
                ("date_end", ">=", min(running.mapped("date_start"))),
            ]
        )
        for contract in running:
            for other in others:
                if (
                    other != contract
                    and other.site_id == contract.site_id
                    and other.date_start <= contract.date_end
                    and other.date_end >= contract.date_start
                ):
                    raise ValidationError(
                        self.env._(
                            "%(site)s is already run under contract %(other)s from %(start)s to %(end)s: two running "
                            "contracts of one centre cannot overlap. Change the period or end the other contract first.",
                            site=contract.site_id.name,
                            other=other.number,
                            start=other.date_start,
                            end=other.date_end,
                        )
                    )

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        for contract in contracts:
            number = self.env["ir.sequence"].sudo().next_by_code("gov.service.contract")
            contract._gov_unlocked().sudo().write({"number": number})
        return contracts

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Contracts are kept on record: archive the contract instead of deleting it."))

    # ------------------------------------------------------------------ actions
    def _check_admin(self):
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group("gov_center.group_gov_admin"):
            raise UserError(self.env._("Only a district administrator can change the state of a contract."))

    def action_start(self):
        """Sign: the contract runs, its terms are locked."""
        self._check_admin()
        for contract in self:
            if contract.state != "draft":
                raise UserError(self.env._("Only a draft contract can be started."))
            if not contract.target_ids:
                raise UserError(
                    self.env._(
                        "Add the service-level targets of %(contract)s before starting it.", contract=contract.number
                    )
                )
        self._gov_unlocked().write({"state": "running"})
        return True

    def action_terminate(self, reason=None):
        """End a running contract early; the reason is required and kept."""
        self._check_admin()
        reason = (reason or " ".join(filter(None, self.mapped("termination_reason"))) or "").strip()
        if not reason:
            raise UserError(self.env._("Write the reason for terminating the contract in “Termination Reason” first."))
        if any(contract.state != "running" for contract in self):
            raise UserError(self.env._("Only a running contract can be terminated."))
        self._gov_unlocked().write(
            {"state": "terminated", "termination_reason": reason, "terminated_on": china_today()}
        )
        return True

    def action_view_scorecards(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Scorecards"),
            "res_model": "gov.service.scorecard",
            "view_mode": "list,form,pivot,graph",
            "domain": [("contract_id", "=", self.id)],
            "context": {"default_contract_id": self.id},
        }

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contract Documents"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def action_compute_month(self, month):
        """The scorecard of ``month`` (a date of it) for this contract: created if missing, computed
        again while draft."""
        self.ensure_one()
        self._check_admin()
        first = fields.Date.to_date(month).replace(day=1)
        if first > china_today().replace(day=1):
            raise UserError(self.env._("A month that has not begun cannot be scored."))
        last = first + relativedelta(months=1, days=-1)
        if first > self.date_end or last < self.date_start:
            raise UserError(
                self.env._(
                    "%(month)s is outside the period of contract %(contract)s.",
                    month=f"{first:%Y-%m}",
                    contract=self.number,
                )
            )
        Scorecard = self.env["gov.service.scorecard"]
        scorecard = Scorecard.search([("contract_id", "=", self.id), ("month", "=", first)], limit=1)
        if not scorecard:
            scorecard = Scorecard.create({"contract_id": self.id, "month": first})
        if scorecard.state == "draft":
            scorecard.action_recompute()
        return scorecard

    def action_score_month(self):
        """Form button: the scorecard of “Month to Score” (last month when empty), opened."""
        self.ensure_one()
        month = self.score_month or china_today() - relativedelta(months=1)
        scorecard = self.action_compute_month(month)
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.service.scorecard",
            "res_id": scorecard.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _cron_scorecards(self):
        """Monthly, on the 1st: expire the contracts that ended, then make last month's scorecard of
        every contract that ran in it (idempotent: an existing scorecard is left as it is)."""
        today = china_today()
        self.search([("state", "=", "running"), ("date_end", "<", today)])._gov_unlocked().write({"state": "expired"})
        first = (today - relativedelta(months=1)).replace(day=1)
        last = first + relativedelta(months=1, days=-1)
        contracts = self.search(
            [
                ("state", "in", ("running", "expired", "terminated")),
                ("date_start", "<=", last),
                ("date_end", ">=", first),
            ]
        )
        contracts = contracts.filtered(lambda c: c.state == "running" or (c.terminated_on or c.date_end) >= first)
        done = set(
            self.env["gov.service.scorecard"]
            .search([("contract_id", "in", contracts.ids), ("month", "=", first)])
            .mapped("contract_id")
            .ids
        )
        Scorecard = self.env["gov.service.scorecard"]
        for contract in contracts.filtered(lambda c: c.id not in done):
            Scorecard.create({"contract_id": contract.id, "month": first}).action_recompute()
        return True

    # ------------------------------------------------------------------ demo
    @api.model
    def _demo_scorecards(self, contract_ids):
        """Demo: queue tickets at the contracts' centres in the two months before this one, with
        waits of 20 to 28 minutes (the target is 15), and the scorecards of those months: the
        waiting target is missed twice in a row, so the last one is flagged; the first is confirmed."""
        # The bureau works in Chinese: the warning is posted in it (when the language is installed).
        if self.env["res.lang"]._lang_get("zh_CN"):
            self = self.with_context(lang="zh_CN")  # noqa: PLW0642
        today = china_today()
        months = [(today - relativedelta(months=n)).replace(day=1) for n in (2, 1)]
        Ticket = self.env["gov.queue.ticket"].sudo()
        for contract in self.browse(contract_ids):
            service = contract.site_id.sudo().queue_service_ids[:1]
            values = []
            for index, first in enumerate(months):
                for number in range(8):
                    day = first + relativedelta(days=2 + 3 * number)
                    queued = datetime.datetime.combine(day, datetime.time(1, 30 + number))
                    wait = 20 + 4 * index + (number % 3) * 2
                    called = queued + datetime.timedelta(minutes=wait)
                    values.append(
                        {
                            "site_id": contract.site_id.id,
                            "service_id": service.id,
                            "day": day,
                            "issued_at": queued,
                            "queued_at": queued,
                            "called_at": called,
                            "serving_at": called,
                            "done_at": called + datetime.timedelta(minutes=12),
                            "state": "done",
                        }
                    )
            Ticket.create(values)
            cards = [contract.action_compute_month(first) for first in months]
            cards[0].action_confirm()
        return True
