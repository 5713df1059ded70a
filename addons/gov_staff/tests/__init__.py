from . import test_posts
from . import test_roster
from . import test_whereabouts
from . import test_training
from . import test_security
from . import test_public
from . import test_service_hours
from . import test_public_params
