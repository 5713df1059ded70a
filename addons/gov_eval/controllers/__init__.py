from . import main
from . import portal
from . import queue
from . import appointment
from . import complaint
from . import evaluation
from . import outreach
