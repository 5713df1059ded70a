from . import controllers
from . import models
from . import report


def post_init_hook(env):
    # gov.site's weekend/holiday flags become computed from the service hours: fill them.
    env["gov.site"]._gov_recompute_service_days()
