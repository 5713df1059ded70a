"""19.0.1.6.0: the applicant's name gets a trigram index (made by Odoo on the update); a case's site is indexed together with its state (``gov.case._site_state_idx``), which
serves the lookups by site alone as well: the site's own index, which Odoo keeps when a field's
``index`` is removed, is dropped."""

from odoo.tools import sql


def migrate(cr, version):
    if version:
        sql.drop_index(cr, "gov_case__site_id_index", "gov_case")
