"""The month's record of the district's figures (月报): the Excel workbook and the printed bulletin.

One record per month, made by the monthly job on the 1st for the month just ended (or by the
district administrator for any past month), holding the two files as they were generated: the
workbook (one sheet per view: townships, centres, stations, items, staff, bad reviews with their
rectification) and the bulletin (A4, Chinese: the key figures against the plan's targets, the
rankings of the centres, the stations' construction attainment, bad reviews and complaints).
Generating again replaces the files and says so in the chatter. The record holds every centre's
figures: only the district administrator reads it; nobody deletes it.

Everything is read with a fixed number of grouped queries (``gov.kpi.fact._kpi_figures``, one per
sheet, and the attainment view), whatever the number of cases; the workbook is written by
``gov.kpi.workbook``.
"""

import base64
from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.gov_staff.models.gov_service_slot import china_date, china_today
from odoo.exceptions import UserError, ValidationError

from .gov_rectification import OPEN_STATES
from .kpi_figures import fmt_figure

BULLETIN_REPORT = "gov_eval.action_report_kpi_bulletin"
# What the administrator sends to create a month's report.
CREATE_FIELDS = frozenset({"month", "note"})


class GovKpiReport(models.Model):
    _name = "gov.kpi.report"
    _description = "Monthly Report"
    _inherit = ["gov.guard.mixin", "mail.thread"]
    _order = "month desc"
    _rec_names_search = ["period"]

    month = fields.Date(
        required=True,
        tracking=True,
        help="The first day of the month the report is about; this month or an earlier one.",
    )
    period = fields.Char(compute="_compute_period", store=True, index=True, string="Month (YYYY-MM)")
    name = fields.Char(compute="_compute_name")
    date_from = fields.Date(compute="_compute_period", store=True, string="From")
    date_to = fields.Date(compute="_compute_period", store=True, string="To")
    note = fields.Text(
        string="Commentary",
        help="The bureau's comments on the month, printed at the end of the bulletin (generate again to print them).",
    )
    workbook = fields.Binary(attachment=True, readonly=True, copy=False)
    workbook_filename = fields.Char(string="Workbook File Name", readonly=True, copy=False)
    bulletin = fields.Binary(attachment=True, readonly=True, copy=False)
    bulletin_filename = fields.Char(string="Bulletin File Name", readonly=True, copy=False)
    generated_at = fields.Datetime(readonly=True, copy=False)
    generated_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    _month_unique = models.Constraint(
        "UNIQUE(month)", "There is already a monthly report for this month: open it instead of creating another."
    )

    # ------------------------------------------------------------------ computes and checks
    @api.depends("month")
    def _compute_period(self):
        for report in self:
            month = report.month
            report.period = month and f"{month:%Y-%m}"
            report.date_from = month and month.replace(day=1)
            report.date_to = month and month.replace(day=1) + relativedelta(months=1, days=-1)

    @api.depends("period")
    def _compute_name(self):
        for report in self:
            report.name = (
                self.env._("Monthly Report %(month)s", month=report.period) if report.period else self.env._("New Monthly Report")
            )

    @api.constrains("month")
    def _check_month(self):
        this_month = china_today().replace(day=1)
        for report in self:
            if report.month.day != 1:
                raise ValidationError(
                    self.env._(
                        "A monthly report starts on the first day of its month: choose %(first)s instead of %(date)s.",
                        first=report.month.replace(day=1),
                        date=report.month,
                    )
                )
            if report.month > this_month:
                raise ValidationError(
                    self.env._(
                        "%(month)s has not begun yet: choose this month (%(this)s) or an earlier one.",
                        month=report.period,
                        this=f"{this_month:%Y-%m}",
                    )
                )

    @api.onchange("month")
    def _onchange_month(self):
        # The date picker offers days: keep the month the user picked.
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        # The month and the commentary are the administrator's; the files are the application's.
        Report = self._gov_create_from(
            vals_list,
            CREATE_FIELDS,
            self.env._("A monthly report is created with its month (and a commentary); %(fields)s are made by Generate."),
        )
        return super(GovKpiReport, Report).create(vals_list)

    def write(self, vals):
        if "month" in vals and not self._gov_is_unlocked():
            self.check_access("write")
            generated = self.filtered("generated_at")
            if generated:
                raise UserError(
                    self.env._(
                        "%(report)s has been generated: its month can no longer change. Create the report of "
                        "the other month instead.",
                        report=generated[0].name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        raise UserError(
            self.env._(
                "Monthly reports are never deleted: they are the district's record of the month. Generate the "
                "month again to replace its files."
            )
        )

    # ------------------------------------------------------------------ actions
    def action_generate(self):
        """Render the workbook and the bulletin from the month's figures and store them, replacing
        the previous files (the caller's rights: the district administrator's)."""
        self.check_access("write")
        for report in self:
            report._generate()
        return True

    def action_download_workbook(self):
        self.ensure_one()
        if not self.workbook:
            self.action_generate()
        return self._file_action("workbook", "workbook_filename", download=True)

    def action_print_bulletin(self):
        self.ensure_one()
        if not self.bulletin:
            self.action_generate()
        return self._file_action("bulletin", "bulletin_filename", download=False)

    def _file_action(self, field, filename_field, download):
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content?model={self._name}&id={self.id}&field={field}&filename_field={filename_field}"
            f"&download={'true' if download else 'false'}",
            "target": "self" if download else "new",
        }

    @api.model
    def _cron_generate(self):
        """On the 1st: the report of the month just ended, created if missing and generated once
        (the administrator regenerates on demand), as the application, in the district's language."""
        last_month = china_today().replace(day=1) - relativedelta(months=1)
        Report = self.sudo().with_context(lang=self._district_lang())
        report = Report.search([("month", "=", last_month)]) or Report.create({"month": last_month})
        if not report.generated_at:
            report._generate()
        return report

    # ------------------------------------------------------------------ generation
    def _generate(self):
        self.ensure_one()
        data = self._kpi_data()
        workbook = self._render_workbook(data)
        bulletin, _kind = self.env["ir.actions.report"]._render_qweb_pdf(BULLETIN_REPORT, self.ids, data={"kpi": data})
        replaced = self.generated_at
        self._gov_unlocked().write(
            {
                "workbook": base64.b64encode(workbook),
                "workbook_filename": f"{self.name}.xlsx",
                "bulletin": base64.b64encode(bulletin),
                "bulletin_filename": f"{self.name}.pdf",
                "generated_at": fields.Datetime.now(),
                "generated_by_id": self.env.user.id,
            }
        )
        district = data["district"]
        body = self.env._(
            "Workbook and bulletin generated from the figures of %(date_from)s to %(date_to)s: %(accepted)s cases "
            "accepted, %(decided)s decided, satisfaction %(satisfaction)s, %(bad)s bad reviews.",
            date_from=self.date_from,
            date_to=self.date_to,
            accepted=district["accepted"],
            decided=district["decided"],
            satisfaction=fmt_figure("satisfaction", district["satisfaction"]),
            bad=district["bad"],
        )
        if replaced:
            body += " " + self.env._("They replace the files generated on %(date)s.", date=china_date(replaced))
        self.message_post(body=body)

    @api.model
    def _district_lang(self):
        """The language most of the district administrators work in (the job runs as OdooBot)."""
        admins = (
            self.env.ref("gov_center.group_gov_admin")
            .sudo()
            .all_user_ids.filtered(lambda user: user.active and not user.share)
        )
        langs = Counter(admins.mapped("lang"))
        return langs.most_common(1)[0][0] if langs else self.env.lang or "en_US"

    @api.model
    def _district_name(self):
        """The district's name, from its government service centre (or its only district division)."""
        centre = self.env["gov.site"].search([("kind", "=", "district_centre")], order="id", limit=1)
        division = centre.division_id or self.env["gov.division"].search(
            [("division_type", "=", "district")], order="id", limit=1
        )
        return division.name or ""

    def _kpi_data(self):
        """The month's figures, read once for the workbook and the bulletin: a fixed number of
        grouped queries (one per view, plus the totals of the centres and of the stations)."""
        self.ensure_one()
        Fact = self.env["gov.kpi.fact"]
        month = [("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        previous_from = self.date_from - relativedelta(months=1)
        # the convenience centres' own halls; their stations have a sheet of their own
        at_centres = [*month, ("site_kind", "=", "township_centre")]
        at_stations = [*month, ("site_kind", "=", "station")]

        def total(domain):
            [((), figures)] = Fact._kpi_figures(domain)
            return figures

        def last_if_empty(rows, key):
            # the facts without the grouping (a ticket has no item) come last
            return sorted(rows, key=lambda row: (not row[0][0], key(row)))

        townships = Fact._kpi_figures(month, ["township_id"])
        centres = Fact._kpi_figures(at_centres, ["centre_id"])
        stations = Fact._kpi_figures(at_stations, ["site_id", "centre_id"])
        items = Fact._kpi_figures(month, ["item_id"])
        staff = Fact._kpi_figures(month, ["employee_id"])
        return {
            "district_name": self._district_name(),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "targets": Fact._kpi_targets(),
            "district": total(month),
            "previous": total([("date", ">=", previous_from), ("date", "<", self.date_from)]),
            "townships": last_if_empty(townships, lambda row: row[0][0].code or ""),
            "centres": last_if_empty(centres, lambda row: (row[0][0].township_id.code or "", row[0][0].name or "")),
            "centres_total": total(at_centres),
            "stations": last_if_empty(stations, lambda row: (row[0][1].name or "", row[0][0].name or "")),
            "stations_total": total(at_stations),
            "items": last_if_empty(items, lambda row: (-row[1]["accepted"], row[0][0].name or "")),
            "staff": last_if_empty(staff, lambda row: (row[0][0].gov_site_id.name or "", row[0][0].name or "")),
            "bad_reviews": self._bad_reviews(),
            "attainment": self.env["gov.site.attainment"]._attainment_figures(),
            "today": china_today(),
        }

    def _bad_reviews(self):
        """The month's counted bad reviews, oldest first (their rectifications are prefetched)."""
        return self.env["gov.evaluation"].search(
            [
                ("rated_on", ">=", self.date_from),
                ("rated_on", "<=", self.date_to),
                ("is_bad", "=", True),
                ("in_kpi", "=", True),
            ],
            order="rated_at, id",
        )

    @api.model
    def _rectification_status(self, rectification, today):
        """(closed on, overdue) of a rectification: a step open past its deadline, or closed after
        the deadline to rectify, is overdue."""
        closed_on = china_date(rectification.closed_at) if rectification.closed_at else False
        if rectification.state in OPEN_STATES:
            overdue = bool(rectification.step_deadline and rectification.step_deadline < today)
        elif rectification.state == "closed":
            overdue = bool(closed_on and rectification.rectify_deadline and closed_on > rectification.rectify_deadline)
        else:
            overdue = False
        return closed_on, overdue

    # ------------------------------------------------------------------ the workbook
    def _render_workbook(self, data):
        """The month's workbook (bytes): one sheet per view and the bad reviews."""
        self.ensure_one()
        Writer = self.env["gov.kpi.workbook"]
        workbook, buffer, formats = Writer._open()
        targets = data["targets"]
        # (labels computed here: a comprehension has no ``self`` for _() to find the language in)
        other, district_level = self.env._("Other"), self.env._("District Level")
        district_total = ((self.env._("District Total"),), data["district"])

        def title(view):
            return self.env._(
                "%(district)s Government Service Monthly Report %(month)s — %(view)s",
                district=data["district_name"],
                month=self.period,
                view=view,
            )

        def sheet(name, headers, rows, total):
            Writer._write_figures(workbook, formats, name, title(name), headers, rows, total, targets)

        sheet(
            self.env._("Townships"),
            [self.env._("Township / Street")],
            # the district's own centre belongs to no township
            [((township.name or district_level,), figures) for (township,), figures in data["townships"]],
            district_total,
        )
        sheet(
            self.env._("Convenience Centres"),
            [self.env._("Convenience Centre")],
            [((centre.name or other,), figures) for (centre,), figures in data["centres"]],
            ((self.env._("All Centres"),), data["centres_total"]),
        )
        sheet(
            self.env._("Convenience Stations"),
            [self.env._("Station"), self.env._("Parent Centre")],
            [((station.name, centre.name or ""), figures) for (station, centre), figures in data["stations"]],
            ((self.env._("All Stations"), ""), data["stations_total"]),
        )
        sheet(
            self.env._("Service Items"),
            [self.env._("Service Item"), self.env._("Department")],
            [((item.name or other, item.department_id.name or ""), figures) for (item,), figures in data["items"]],
            ((self.env._("District Total"), ""), data["district"]),
        )
        sheet(
            self.env._("Staff"),
            [self.env._("Staff"), self.env._("Works At")],
            [
                ((employee.name or other, employee.gov_site_id.name or ""), figures)
                for (employee,), figures in data["staff"]
            ],
            ((self.env._("District Total"), ""), data["district"]),
        )
        self._write_bad_review_sheet(Writer, workbook, formats, data, title)
        return Writer._close(workbook, buffer)

    def _write_bad_review_sheet(self, Writer, workbook, formats, data, title):
        """One row per bad review of the month and its rectification; headers are the fields' labels."""
        Evaluation, Rectification = self.env["gov.evaluation"], self.env["gov.rectification"]

        def label(model, name):
            return model._fields[name]._description_string(self.env)

        levels = dict(Evaluation._fields["level"]._description_selection(self.env))
        states = dict(Rectification._fields["state"]._description_selection(self.env))
        columns = [
            (label(Evaluation, "rated_on"), "date"),
            (label(Evaluation, "site_id"), "text"),
            (label(Evaluation, "window_id"), "text"),
            (label(Evaluation, "employee_id"), "text"),
            (label(Evaluation, "level"), "text"),
            (label(Evaluation, "reason_ids"), "wrap"),
            (label(Evaluation, "comment"), "wrap"),
            (self.env._("Rectification No."), "text"),
            (self.env._("Rectification State"), "text"),
            (label(Rectification, "rectify_deadline"), "date"),
            (self.env._("Closed On"), "date"),
            (label(Rectification, "is_overdue"), "flag"),
        ]
        rows = []
        reviews = data["bad_reviews"]
        for review in reviews:
            rectification = review.rectification_ids[:1]
            closed_on, overdue = self._rectification_status(rectification, data["today"])
            rows.append(
                (
                    review.rated_on,
                    review.site_id.name,
                    review.window_id.name,
                    review.employee_id.name,
                    levels.get(review.level, ""),
                    "、".join(review.reason_ids.mapped("name")),
                    review.comment,
                    rectification.number,
                    states.get(rectification.state, ""),
                    rectification.rectify_deadline,
                    closed_on,
                    (self.env._("Yes"), True) if overdue else ("", False),
                )
            )
        name = self.env._("Bad Reviews and Rectification")
        subtitle = self.env._(
            "Counted bad reviews rated from %(date_from)s to %(date_to)s; overdue: a step still open after its "
            "deadline on %(today)s, or closed after the deadline to rectify.",
            date_from=data["date_from"],
            date_to=data["date_to"],
            today=data["today"],
        )
        footer = self.env._("%(count)s bad reviews.", count=len(reviews))
        Writer._write_table(workbook, formats, name, title(name), subtitle, columns, rows, footer)

    # ------------------------------------------------------------------ the bulletin
    def _bulletin_values(self, data=None):
        """What the bulletin prints, from ``data`` (``_kpi_data``, read again when not given)."""
        self.ensure_one()
        data = data or self._kpi_data()
        targets, district = data["targets"], data["district"]
        missed = set(self.env["gov.kpi.fact"]._kpi_missed(district, targets))

        def ranking(figure, volume):
            rows = [
                (centre, figures) for (centre,), figures in data["centres"] if centre and figures[figure] is not None
            ]
            rows.sort(key=lambda row: (-row[1][figure], -row[1][volume], row[0].name or ""))
            ranked, rank, last = [], 0, None
            for index, (centre, figures) in enumerate(rows, start=1):
                if figures[figure] != last:
                    rank, last = index, figures[figure]
                ranked.append(
                    {
                        "rank": rank,
                        "name": centre.name,
                        "value": fmt_figure(figure, figures[figure]),
                        "volume": figures[volume],
                        "missed": figure in targets and figures[figure] < targets[figure],
                    }
                )
            return ranked

        today = data["today"]
        statuses = [self._rectification_status(review.rectification_ids[:1], today) for review in data["bad_reviews"]]
        rectifications = data["bad_reviews"].rectification_ids
        reasons = Counter(name for review in data["bad_reviews"] for name in review.reason_ids.mapped("name"))
        attainment = data["attainment"]
        return {
            "district_name": data["district_name"],
            "year": self.date_from.year,
            "month": self.date_from.month,
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            # a month still running is printed as what it is: the figures up to today
            "period_end": min(data["date_to"], today),
            "partial": today < data["date_to"],
            "today": today,
            "targets": {key: f"{value:g}%" for key, value in targets.items()},
            "figures": {key: fmt_figure(key, value) for key, value in district.items()},
            "previous": {key: fmt_figure(key, value) for key, value in data["previous"].items()},
            "raw": district,
            # per target: "met", "missed" or "none" (no facts this month)
            "marks": {
                key: "none" if district.get(key) is None else "missed" if key in missed else "met" for key in targets
            },
            "missed": [key for key in ("one_window", "on_time", "satisfaction", "rectification") if key in missed],
            "satisfaction_ranking": ranking("satisfaction", "evaluations"),
            "on_time_ranking": ranking("on_time", "decided"),
            "attainment": attainment,
            "attainment_fmt": lambda rate: "—" if rate is None else f"{rate:g}%",
            "attainment_targets": {key: f"{value:g}%" for key, value in attainment["targets"].items()},
            "bad": {
                "count": len(data["bad_reviews"]),
                "closed": len(rectifications.filtered(lambda r: r.state == "closed")),
                "open": len(rectifications.filtered(lambda r: r.state in OPEN_STATES)),
                "overdue": sum(1 for _closed_on, overdue in statuses if overdue),
                "reasons": reasons.most_common(6),
            },
            "complaint_townships": [
                (township.name, figures["complaints"] + figures["suggestions"] + figures["unresolved"])
                for (township,), figures in data["townships"]
                if township and figures["complaints"] + figures["suggestions"] + figures["unresolved"]
            ],
            "note": self.note,
        }
