"""19.0.1.5.0:

- every case carries its portal token from its creation on (gov.case.create), so that the pages
  showing it only read and may run on a read-only replica: cases made before get theirs now (a
  random UUID, as portal.mixin makes them);
- the numbers of cases, results and complaints and the bad review of a rectification are indexed
  by their UNIQUE constraint alone: the second, plain index each had (``index=True``) is dropped
  (Odoo drops no index itself); every new case wrote both.
"""

from odoo.tools import sql

REDUNDANT = {
    "gov_case": ("gov_case__number_index", "gov_case__result_number_index"),
    "gov_complaint": ("gov_complaint__number_index",),
    "gov_rectification": ("gov_rectification__evaluation_id_index",),
}


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE gov_case SET access_token = gen_random_uuid()::text WHERE access_token IS NULL")
    for table, indexes in REDUNDANT.items():
        for index in indexes:
            sql.drop_index(cr, index, table)
