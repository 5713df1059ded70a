"""The one Excel writer of the suite's list exports, on OCA's ``report_xlsx``.

An export is a report model ``report.<module>.<name>`` that inherits ``gov.xlsx.report`` and
says which columns it has (:meth:`_xlsx_columns`), plus an ``ir.actions.report`` of type
``xlsx`` bound to the model so that it shows in the list's Print menu. The writer gives every
export the registry's look: headers in the reader's language on a blue band, one frozen header
row and first column, an autofilter, widths per column, number and date formats per kind of
value, text wrapped at the top of the cell, printed A4 landscape one page wide with the header
repeated on every page.

Records are read as the user who exports (``report_xlsx`` renders without sudo): the records a
user may not read are not in the workbook, and a field they may not read fails the export.
"""

from collections import namedtuple

from odoo import api, fields, models

# A column: its header (already translated), width in characters, how a record gives its value,
# and its kind: text, wrap (long text), int, float, percent (a number of percent, 66.7 → “66.7%”),
# date, datetime, bool (是 / 否) or lines (a list of texts, one per line).
XlsxColumn = namedtuple("XlsxColumn", "title width value kind", defaults=("text",))

NUMBER_FORMATS = {
    "int": "#,##0",
    "float": "#,##0.0",
    "percent": '0.0"%"',
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
HEADER = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
CELL = {"text_wrap": True, "valign": "top"}


class GovXlsxReport(models.AbstractModel):
    _name = "gov.xlsx.report"
    _inherit = "report.report_xlsx.abstract"
    _description = "Excel List Export"

    # ------------------------------------------------------------------ to override
    @api.model
    def _xlsx_sheet_title(self):
        """The sheet's name (translated), e.g. 窗口排班."""
        raise NotImplementedError

    @api.model
    def _xlsx_columns(self):
        """The list of :class:`XlsxColumn` of the sheet, in order."""
        raise NotImplementedError

    def _xlsx_rows(self, objs):
        """The records of the sheet's rows, one per row (the exported records by default)."""
        return objs

    def _xlsx_heading(self, objs):
        """A title written above the header across the columns (e.g. 某中心进驻事项清单), or None."""
        return None

    # ------------------------------------------------------------------ writer
    def generate_xlsx_report(self, workbook, data, objs):
        formats = self._xlsx_formats(workbook)
        self._xlsx_write_sheet(
            workbook,
            formats,
            self._xlsx_sheet_title(),
            self._xlsx_columns(),
            self._xlsx_rows(objs),
            heading=self._xlsx_heading(objs),
        )

    @api.model
    def _xlsx_formats(self, workbook):
        formats = {kind: workbook.add_format({**CELL, "num_format": fmt}) for kind, fmt in NUMBER_FORMATS.items()}
        formats["header"] = workbook.add_format(HEADER)
        formats["text"] = workbook.add_format(CELL)
        formats["heading"] = workbook.add_format({"bold": True, "font_size": 16, "align": "center"})
        return formats

    @api.model
    def _xlsx_write_sheet(self, workbook, formats, title, columns, rows, heading=None):
        """Write one sheet: the heading if any, the header row, then one row per record of ``rows``."""
        sheet = workbook.add_worksheet(title[:31])
        top = 0
        if heading:
            sheet.merge_range(0, 0, 0, len(columns) - 1, heading, formats["heading"])
            top = 1
        for col, column in enumerate(columns):
            sheet.write(top, col, column.title, formats["header"])
            sheet.set_column(col, col, column.width)
        sheet.freeze_panes(top + 1, 1)
        for row, record in enumerate(rows, start=top + 1):
            for col, column in enumerate(columns):
                self._xlsx_write_cell(sheet, row, col, column.kind, column.value(record), formats)
        sheet.autofilter(top, 0, top + max(len(rows), 1), len(columns) - 1)
        self._xlsx_page_setup(sheet, top)
        return sheet

    @api.model
    def _xlsx_page_setup(self, sheet, header_row):
        """Printed as the lists are filed: A4 landscape, the columns on one page wide, the header
        repeated on every page."""
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(header_row)

    @api.model
    def _xlsx_write_cell(self, sheet, row, col, kind, value, formats):
        if (value is None or value is False) and kind not in ("bool", "int", "float", "percent"):
            sheet.write_blank(row, col, None, formats["text"])
        elif kind == "bool":
            sheet.write_string(row, col, self.env._("Yes") if value else self.env._("No"), formats["text"])
        elif kind == "lines":
            sheet.write_string(row, col, "\n".join(value), formats["text"])
        elif kind in ("int", "float", "percent"):
            sheet.write_number(row, col, value or 0, formats[kind])
        elif kind == "date":
            sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), formats["date"])
        elif kind == "datetime":
            # Stored in UTC; the workbook shows the reader's local time, as the form does.
            local = fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)
            sheet.write_datetime(row, col, local, formats["datetime"])
        else:
            sheet.write_string(row, col, str(value), formats["text"])
