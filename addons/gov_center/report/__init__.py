from . import site_registry_xlsx
from . import report_site_certificate
from . import site_inspection_xlsx
from . import site_rectification_xlsx
from . import site_attainment_xlsx
