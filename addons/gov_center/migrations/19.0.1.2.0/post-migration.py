"""19.0.1.2.0: a holiday's date and an inspection's certificate number are indexed by their UNIQUE
constraint alone: the second, plain index each had (``index=True``) is dropped (Odoo drops no
index itself)."""

from odoo.tools import sql


def migrate(cr, version):
    if not version:
        return
    sql.drop_index(cr, "gov_holiday__date_index", "gov_holiday")
    sql.drop_index(cr, "gov_site_inspection__certificate_number_index", "gov_site_inspection")
