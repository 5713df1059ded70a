from . import site_item_list_xlsx
