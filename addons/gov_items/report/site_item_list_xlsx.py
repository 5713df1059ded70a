from odoo import api, models
from odoo.addons.gov_center.models.gov_xlsx_report import XlsxColumn as Col

from ..models.gov_site import LIST_KINDS


class SiteItemListXlsx(models.AbstractModel):
    """A site's item lists (进驻事项清单, 应进必进, 一窗通办, 帮办代办) in Excel: one workbook per site
    and kind, under the list's title, one row per item line as the public page lists them."""

    _name = "report.gov_items.site_item_list_xlsx"
    _inherit = "gov.xlsx.report"
    _description = "Site Item List Workbook"

    @api.model
    def _xlsx_columns(self):
        _ = self.env._
        case_kinds = dict(self.env["gov.item"]._fields["case_kind"]._description_selection(self.env))

        def fee(line):
            item = line.item_id
            return self.env._("Free") if item.fee_type == "free" else f"{item.fee_amount:.2f}"

        return [
            Col(self.env._("No."), 6, lambda r: r[0], "int"),
            Col(self.env._("Category"), 14, lambda r: r[1].category_id.name),
            Col(self.env._("Service Item"), 36, lambda r: r[1].item_id.name),
            Col(self.env._("Implementation Code"), 34, lambda r: r[1].item_id.implementation_code),
            Col(self.env._("Competent Department"), 24, lambda r: r[1].item_id.department_id.name),
            Col(self.env._("Default Case Kind"), 12, lambda r: case_kinds.get(r[1].item_id.case_kind)),
            Col(self.env._("Legal Time Limit"), 12, lambda r: r[1].item_id._time_limit_label(r[1].item_id.legal_time_limit)),
            Col(self.env._("Promised Time Limit"), 12, lambda r: r[1].item_id._time_limit_label(r[1].item_id.promised_time_limit)),
            Col(self.env._("Visits Needed"), 10, lambda r: r[1].item_id.visits, "int"),
            Col(self.env._("Window"), 20, lambda r: r[1].window_id.display_name),
            Col(self.env._("Phone"), 16, lambda r: r[1].consult_phone),
            Col(self.env._("Fees"), 12, lambda r: fee(r[1])),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        site = objs.ensure_one()
        kind = (data or {}).get("kind")
        kind = kind if kind in LIST_KINDS else "all"
        rows = list(enumerate(site._public_item_lines(kind), start=1))
        self._xlsx_write_sheet(
            workbook,
            self._xlsx_formats(workbook),
            site._list_title(kind),
            self._xlsx_columns(),
            rows,
            heading=f"{site.name}{site._list_title(kind)}",
        )
