from . import report_training_certificate
from . import roster_xlsx
from . import staff_xlsx
from . import training_xlsx
from . import capability_plan_xlsx
