from . import test_catalogue
from . import test_revision
from . import test_site_list
from . import test_public
from . import test_public_security
from . import test_intermediary
from . import test_print_lists
