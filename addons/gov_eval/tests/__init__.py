from . import test_public_fuzz
from . import test_access_matrix
from . import test_case_flow
from . import test_case_performance
from . import test_case_documents
from . import test_case_portal
from . import test_appointment
