from . import test_calendar
from . import test_division
from . import test_security
from . import test_site_tier
from . import test_site_dashboard
from . import test_site_public
from . import test_public_params
from . import test_security_policy
