from . import gov_queue_transfer
