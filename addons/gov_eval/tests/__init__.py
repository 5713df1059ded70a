from . import test_public_fuzz
from . import test_access_matrix
