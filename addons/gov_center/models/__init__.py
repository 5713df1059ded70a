from . import gov_division
from . import gov_holiday
from . import gov_site
from . import gov_window
from . import res_users
