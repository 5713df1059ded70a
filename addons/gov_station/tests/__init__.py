from . import test_station
