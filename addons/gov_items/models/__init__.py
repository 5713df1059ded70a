from . import gov_item_category
from . import gov_item_department
from . import gov_item_lines
from . import gov_item
from . import gov_item_bundle
from . import gov_item_site
from . import gov_site
