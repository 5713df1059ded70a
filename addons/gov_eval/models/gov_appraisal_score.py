"""The score of one criterion in one person's appraisal result."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gov_appraisal_criterion import METHODS


class GovAppraisalScore(models.Model):
    _name = "gov.appraisal.score"
    _description = "Appraisal Score"
    _inherit = ["gov.guard.mixin"]
    _order = "line_id, sequence, id"
    _gov_locked_states = ("approved",)

    line_id = fields.Many2one("gov.appraisal.line", required=True, readonly=True, index=True, ondelete="cascade")
    state = fields.Selection(related="line_id.appraisal_id.state", string="Appraisal Status")
    user_id = fields.Many2one(related="line_id.user_id", store=True, index=True)
    centre_id = fields.Many2one(related="line_id.centre_id", store=True, index=True)
    criterion_id = fields.Many2one("gov.appraisal.criterion", required=True, readonly=True, ondelete="restrict")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    method = fields.Selection(METHODS, compute="_compute_frozen", store=True, precompute=True)
    weight = fields.Float(compute="_compute_frozen", store=True, precompute=True, string="Full Points")
    value = fields.Char(readonly=True, string="Figure")
    score = fields.Float(readonly=True, digits=(5, 2), string="Computed Points")
    manual_score = fields.Float(digits=(5, 2), string="Points by the Manager")
    manual_set = fields.Boolean(readonly=True, string="Scored", help="The manager has scored this criterion.")
    points = fields.Float(compute="_compute_points", store=True, digits=(5, 2))
    figures = fields.Json(readonly=True, help="The figures the score was computed from.")
    explanation = fields.Char(compute="_compute_explanation", string="How It Was Computed")

    @api.depends("criterion_id.name", "line_id.employee_id.name")
    def _compute_display_name(self):
        for score in self:
            score.display_name = f"{score.line_id.employee_id.name or ''} · {score.criterion_id.name or ''}"

    @api.depends("criterion_id")
    def _compute_frozen(self):
        # The criterion's method and points when the appraisal was computed (they may change later).
        for score in self:
            score.method = score.method or score.criterion_id.method
            score.weight = score.weight or score.criterion_id.weight

    @api.depends("method", "figures")
    @api.depends_context("lang")
    def _compute_explanation(self):
        for score in self:
            score.explanation = score._explain(score.figures or {})

    def _explain(self, f):
        """How the points were computed, in the reader's language."""
        method = self.method
        if method == "manual":
            return self.env._("Scored by the centre's manager (0 to the full points).")
        if f.get("none"):
            return {
                "satisfaction": self.env._("No rating in the period: full points."),
                "on_time": self.env._("No decided case in the period: full points."),
                "volume": self.env._("No case at the centre in the period: full points."),
                "training": self.env._("No capability plan with planned hours for the period: full points."),
            }.get(method, "")
        if method == "satisfaction":
            return self.env._(
                "%(rate).1f%% of %(count)s ratings satisfied (target %(target)s%%): points × min(rate ÷ target, 1).",
                rate=f["rate"],
                count=f["count"],
                target=f"{f['target']:g}",
            )
        if method == "on_time":
            return self.env._(
                "%(on_time)s of %(decided)s decided cases on time (target %(target)s%%): "
                "points × min(rate ÷ target, 1).",
                on_time=f["on_time"],
                decided=f["decided"],
                target=f"{f['target']:g}",
            )
        if method == "volume":
            return self.env._(
                "%(count)s cases accepted or reviewed; the centre's average is %(average).1f: "
                "points × min(count ÷ average, 1).",
                count=f["count"],
                average=f["average"],
            )
        if method == "bad_reviews":
            return self.env._(
                "%(count)s bad reviews still counted after appeal, %(points)s points off each.",
                count=f["count"],
                points=f"{f['points']:g}",
            )
        if method == "complaints":
            return self.env._(
                "%(count)s complaints found substantiated or partly substantiated, %(points)s points off each.",
                count=f["count"],
                points=f"{f['points']:g}",
            )
        if method == "training":
            return self.env._(
                "%(hours)s training hours attended of %(planned)s planned: points × min(hours ÷ plan, 1).",
                hours=f"{f['hours']:g}",
                planned=f"{f['planned']:g}",
            )
        return ""

    @api.depends("score", "manual_score", "method")
    def _compute_points(self):
        for score in self:
            score.points = (score.manual_score or 0.0) if score.method == "manual" else score.score

    @api.constrains("manual_score")
    def _check_manual_score(self):
        for score in self:
            if score.method != "manual" and score.manual_score:
                raise ValidationError(self.env._("Only attendance and conduct is scored by hand; the other points are computed."))
            if score.method == "manual" and not 0 <= score.manual_score <= score.weight:
                raise ValidationError(
                    self.env._(
                        "Score %(criterion)s of %(person)s from 0 to %(points)s points.",
                        criterion=score.criterion_id.name,
                        person=score.line_id.employee_id.name,
                        points=f"{score.weight:g}",
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "manual_score" in vals:
            # Rights and locks were checked by the write above; the flag is the application's.
            super(GovAppraisalScore, self._gov_unlocked()).write({"manual_set": True})
            self.line_id.appraisal_id._assign_grades()
        return result
