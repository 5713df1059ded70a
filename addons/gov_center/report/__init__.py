from . import site_registry_xlsx
