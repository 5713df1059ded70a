from . import test_access_matrix
