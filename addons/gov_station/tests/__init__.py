from . import test_station
from . import test_agency
