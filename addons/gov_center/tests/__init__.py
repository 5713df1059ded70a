from . import test_calendar
from . import test_division
from . import test_security
