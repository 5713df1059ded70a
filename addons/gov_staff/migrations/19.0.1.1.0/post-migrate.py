from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """gov.site's weekend/holiday flags are computed from the service hours since 19.0.1.1.0."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["gov.site"]._gov_recompute_service_days()
