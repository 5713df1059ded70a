"""The sites of the user, for record rules.

Every rule that gives staff the records of their own sites (and of the stations below their
centre) reads ``gov_site_ids``: the ids of the user's sites, archived ones included, computed once
per user in the rule cache (``ir.rule._compute_domain``). A rule then compares a record's site with
a list of ids (a plain ``IN`` in SQL, a set lookup when Odoo checks a record in Python) instead of
walking ``site_id.user_ids`` for every record it checks. ``gov.site`` and ``res.users`` clear that
cache whenever the link between users and sites changes.
"""

from odoo import api, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        context = super()._eval_context()
        context["gov_site_ids"] = self.env.user.sudo().with_context(active_test=False).gov_site_ids.ids
        return context
