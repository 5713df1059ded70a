from . import gov_site
from . import hr_employee
from . import hr_employee_public
from . import gov_window
from . import gov_service_slot
from . import gov_roster
from . import gov_whereabouts
from . import gov_training
