"""The evaluations of a case: which occasions are open for rating, and the rating link of its receipt."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq

from .gov_evaluation import OCCASIONS

# A case can be rated for its acceptance once the window took it in (or turned it down in writing),
# and for its result once the decision is made known.
ACCEPTANCE_STATES = ("accepted", "review", "approved", "refused", "not_accepted", "result_ready", "delivered", "closed")
RESULT_STATES = ("refused", "result_ready", "delivered", "closed")


class GovCase(models.Model):
    _inherit = "gov.case"

    evaluation_ids = fields.One2many("gov.evaluation", "case_id", string="Evaluations", readonly=True)
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")

    @api.depends("evaluation_ids")
    def _compute_evaluation_count(self):
        counts = dict(self.env["gov.evaluation"]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"]))
        for case in self:
            case.evaluation_count = counts.get(case, 0)

    def _rating_open_occasions(self):
        """The occasions of this case the citizen may rate now (not rated yet), in order."""
        self.ensure_one()
        case = self.sudo()
        rated = set(case.evaluation_ids.mapped("occasion"))
        open_occasions = []
        if case.state in ACCEPTANCE_STATES and "acceptance" not in rated:
            open_occasions.append("acceptance")
        if case.state in RESULT_STATES and "result" not in rated:
            open_occasions.append("result")
        return open_occasions

    def _check_rating_occasion(self, occasion):
        self.ensure_one()
        labels = dict(OCCASIONS)
        if occasion not in ("acceptance", "result"):
            raise UserError(self.env._("A case is rated for its acceptance or its result."))
        if occasion in self.sudo().evaluation_ids.mapped("occasion"):
            raise UserError(
                self.env._(
                    "%(case)s has already been rated for its %(occasion)s: each service is rated once.",
                    case=self.number or "",
                    occasion=self.env._(labels[occasion]),
                )
            )
        states = ACCEPTANCE_STATES if occasion == "acceptance" else RESULT_STATES
        if self.state not in states:
            raise UserError(
                self.env._(
                    "%(case)s cannot be rated for its %(occasion)s yet: rate it once that step is done.",
                    case=self.number or "",
                    occasion=self.env._(labels[occasion]),
                )
            )

    def _rating_path(self):
        """The rating page of the case, with its token (the receipt's second QR code, the SMS link)."""
        self.ensure_one()
        token = self.sudo()._gov_unlocked()._portal_ensure_token()
        return f"/gov/rate/{self.id}/{token}"

    def _rating_url(self):
        return f"{self.get_base_url()}{self._rating_path()}"

    @api.model
    def _rating_case_from_token(self, case_id, token):
        """The case ``case_id`` if ``token`` is its own, else an empty recordset (constant-time)."""
        if not token or not isinstance(token, str) or len(token) > 64:
            return self.browse()
        case = self.sudo().browse(int(case_id)).exists()
        if case and case.access_token and consteq(case.access_token, token):
            return case
        return self.browse()

    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_eval.action_gov_evaluation")
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "create": False}
        return action
