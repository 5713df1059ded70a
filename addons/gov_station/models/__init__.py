from . import gov_settings
from . import gov_site
from . import gov_site_agent
