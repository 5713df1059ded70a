"""The sites of the user, for record rules.

Every rule that gives staff the records of their own sites (and of the stations below their
centre) reads one of two lists of site ids, archived sites included, computed once per user in the
rule cache (``ir.rule._compute_domain``):

- ``gov_site_ids``: the user's own sites;
- ``gov_scope_site_ids``: those and the sites directly below them (a centre's stations), so that a
  rule reads ``('site_id', 'in', gov_scope_site_ids)`` rather than ``site_id in S or
  site_id.parent_id in S``: the same records, but a plain ``IN`` on the record's own indexed
  column, where the ``parent_id`` path joins ``gov_site`` and leaves PostgreSQL no index on a table
  of millions of cases (measured on the city: 1.7 s per list page before, see docs/DEPLOYMENT.md).

A rule then compares a record's site with a list of ids (a set lookup when Odoo checks a record in
Python) instead of walking ``site_id.user_ids`` for every record it checks. Both lists are read once
per user (``res.users._gov_rule_sites``, in the same registry cache as the rules): ``gov.site`` and
``res.users`` clear that cache whenever the link between users and sites, or a site's parent,
changes.
"""

from odoo import api, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        context = super()._eval_context()
        context["gov_site_ids"], context["gov_scope_site_ids"] = self.env.user._gov_rule_sites()
        return context
