"""19.0.1.1.0: the facility flags of a site are derived from its latest closed inspection.

The standards' data is ``noupdate``: on an existing database, say here which requirements check a
facility (as data/gov_site_standard_data.xml and gov_station's data do for new databases); the
sites' flags are recomputed from their latest inspections on the write.
"""

from odoo import SUPERUSER_ID, api

FACILITY_CODES = {
    ("township_centre", "ZX-24"): "sign_plate",
    ("township_centre", "ZX-25"): "road_sign",
    ("township_centre", "ZX-28"): "extranet",
    ("township_centre", "ZX-29"): "video_surveillance",
    ("station", "ZS-15"): "extranet",
    ("station", "ZS-16"): "video_surveillance",
    ("station", "BG-4"): "extranet",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Requirement = env["gov.site.requirement"].with_context(active_test=False)
    for (kind, code), facility in FACILITY_CODES.items():
        Requirement.search([("kind", "=", kind), ("code", "=", code), ("facility", "=", False)]).write(
            {"facility": facility}
        )
