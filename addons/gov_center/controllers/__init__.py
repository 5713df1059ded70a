from . import public
from . import export
