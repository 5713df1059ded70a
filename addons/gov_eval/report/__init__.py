from . import report_case_receipt
from . import report_case_result
