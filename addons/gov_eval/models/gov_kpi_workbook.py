"""An Excel writer for the district's figures (xlsxwriter, in memory), shared by the exports.

It knows how a sheet of figures looks (a title row, the targets, headers in the user's language,
frozen panes below the header, number formats per kind of figure, a total row, the rates below
their target in red) and how a plain table looks; it does not know where the figures come from:
the callers read them with ``gov.kpi.fact._kpi_figures`` (one grouped query per sheet) and hand
over the rows. Rates are written as numbers of percent (66.7 shown “66.7%”), as the dashboard
shows them, so that a cell reads the same figure as the screen.
"""

import datetime
import io

import xlsxwriter

from odoo import api, models

# Kinds of column: their number format and width.
NUMBER_FORMATS = {
    "count": "#,##0",
    "rate": '0.0"%"',
    "days": "0.0",
    "minutes": "0.0",
    "date": "yyyy-mm-dd",
    "text": "@",
    "wrap": "@",
    "flag": "@",
}
WIDTHS = {"count": 10, "rate": 11, "days": 11, "minutes": 11, "date": 12, "text": 18, "wrap": 36, "flag": 8}
LABEL_WIDTH = 28
# Excel's own “bad” style: dark red on light red.
MISSED_FONT, MISSED_FILL = "#9C0006", "#FFC7CE"
HEADER_FILL, TOTAL_FILL = "#DDEBF7", "#F2F2F2"


class GovKpiWorkbook(models.AbstractModel):
    _name = "gov.kpi.workbook"
    _description = "Figures Workbook Writer"

    # ------------------------------------------------------------------ columns
    @api.model
    def _figure_columns(self):
        """[(figure, header, kind)] of a sheet of figures, in order (figures of ``AGGREGATES``)."""
        return [
            ("accepted", self.env._("Cases Accepted"), "count"),
            ("decided", self.env._("Cases Decided"), "count"),
            ("on_time", self.env._("On-time Rate"), "rate"),
            ("work_days", self.env._("Avg Working Days to Close"), "days"),
            ("one_window", self.env._("One-window Share"), "rate"),
            ("online", self.env._("Online Share"), "rate"),
            ("agent", self.env._("Agent Cases"), "count"),
            ("outreach_count", self.env._("Outreach Cases"), "count"),
            ("evaluations", self.env._("Ratings Counted"), "count"),
            ("evaluated", self.env._("Evaluation Rate"), "rate"),
            ("satisfaction", self.env._("Satisfaction"), "rate"),
            ("bad", self.env._("Bad Reviews"), "count"),
            ("rectification", self.env._("Rectification Rate"), "rate"),
            ("callback", self.env._("Callback Rate"), "rate"),
            ("complaints", self.env._("Complaints"), "count"),
            ("unresolved", self.env._("Could Not Get It Done"), "count"),
            ("tickets", self.env._("Tickets Served"), "count"),
            ("waiting", self.env._("Avg Waiting (min)"), "minutes"),
            ("appointments", self.env._("Appointments"), "count"),
        ]

    # ------------------------------------------------------------------ workbook
    @api.model
    def _open(self):
        """(workbook, buffer, formats): a new in-memory workbook and its cell formats."""
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
        return workbook, buffer, self._formats(workbook)

    @api.model
    def _close(self, workbook, buffer):
        workbook.close()
        return buffer.getvalue()

    @api.model
    def _formats(self, workbook):
        """{name: format}: ``title``, ``subtitle``, ``header``, and per kind of column ``kind``,
        ``kind:total`` and, for rates, ``rate:missed`` / ``rate:total:missed``."""
        base = {"border": 1, "valign": "vcenter", "font_size": 10}
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "subtitle": workbook.add_format({"font_size": 10, "font_color": "#444444"}),
            "header": workbook.add_format(
                {**base, "bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "align": "center"}
            ),
            "label": workbook.add_format({**base}),
            "label:total": workbook.add_format({**base, "bold": True, "bg_color": TOTAL_FILL, "top": 2}),
        }
        for kind, number_format in NUMBER_FORMATS.items():
            cell = {**base, "num_format": number_format}
            if kind == "wrap":
                cell["text_wrap"] = True
            if kind in ("date", "flag"):
                cell["align"] = "center"
            formats[kind] = workbook.add_format(cell)
            formats[f"{kind}:total"] = workbook.add_format({**cell, "bold": True, "bg_color": TOTAL_FILL, "top": 2})
        missed = {"font_color": MISSED_FONT, "bg_color": MISSED_FILL}
        formats["rate:missed"] = workbook.add_format({**base, "num_format": NUMBER_FORMATS["rate"], **missed})
        formats["rate:total:missed"] = workbook.add_format(
            {**base, "num_format": NUMBER_FORMATS["rate"], "bold": True, "top": 2, **missed}
        )
        formats["flag:missed"] = workbook.add_format({**base, "align": "center", **missed})
        return formats

    # ------------------------------------------------------------------ sheets
    @api.model
    def _write_figures(self, workbook, formats, name, title, headers, rows, total, targets, columns=None):
        """A sheet of figures: ``headers`` name the label columns, each row of ``rows`` is
        (labels, {figure: value}) with one label per header, ``total`` the same for the total row
        (or None); a rate below its target in ``targets`` ({figure: percent}) is shown in red.
        Returns the sheet."""
        columns = columns or self._figure_columns()
        sheet = workbook.add_worksheet(name)
        width = len(headers) + len(columns)
        self._write_title(sheet, formats, title, self._targets_line(targets, columns), width)
        header_row = 3
        sheet.set_row(header_row, 36)
        for col, header in enumerate(headers):
            sheet.write_string(header_row, col, header, formats["header"])
            sheet.set_column(col, col, LABEL_WIDTH if col == 0 else 18)
        for offset, (_figure, header, kind) in enumerate(columns):
            col = len(headers) + offset
            sheet.write_string(header_row, col, header, formats["header"])
            sheet.set_column(col, col, WIDTHS[kind])
        row = header_row
        for labels, figures in rows:
            row += 1
            self._write_figure_row(sheet, formats, row, labels, figures, columns, targets, total=False)
        if total:
            row += 1
            self._write_figure_row(sheet, formats, row, *total, columns, targets, total=True)
        sheet.freeze_panes(header_row + 1, len(headers))
        sheet.autofilter(header_row, 0, max(row, header_row + 1), width - 1)
        self._page_setup(sheet, header_row)
        return sheet

    @api.model
    def _write_figure_row(self, sheet, formats, row, labels, figures, columns, targets, total):
        suffix = ":total" if total else ""
        for col, label in enumerate(labels):
            sheet.write_string(row, col, label or "", formats["label" + suffix])
        for offset, (figure, _header, kind) in enumerate(columns):
            col = len(labels) + offset
            value = figures.get(figure)
            missed = kind == "rate" and figure in targets and value is not None and value < targets[figure]
            cell_format = formats[kind + suffix + (":missed" if missed else "")]
            if value is None:
                sheet.write_blank(row, col, None, cell_format)
            else:
                sheet.write_number(row, col, value, cell_format)

    @api.model
    def _write_table(self, workbook, formats, name, title, subtitle, columns, rows, footer=None):
        """A plain table: ``columns`` [(header, kind)], ``rows`` [tuple of values] (a flag column
        holds (text, missed)); ``footer`` a line written below. Returns the sheet."""
        sheet = workbook.add_worksheet(name)
        self._write_title(sheet, formats, title, subtitle, len(columns))
        header_row = 3
        sheet.set_row(header_row, 30)
        for col, (header, kind) in enumerate(columns):
            sheet.write_string(header_row, col, header, formats["header"])
            sheet.set_column(col, col, WIDTHS[kind])
        row = header_row
        for values in rows:
            row += 1
            for col, ((_header, kind), value) in enumerate(zip(columns, values, strict=True)):
                self._write_cell(sheet, formats, row, col, kind, value)
        if footer:
            sheet.write_string(row + 2, 0, footer, formats["subtitle"])
        sheet.freeze_panes(header_row + 1, 1)
        sheet.autofilter(header_row, 0, max(row, header_row + 1), len(columns) - 1)
        self._page_setup(sheet, header_row)
        return sheet

    @api.model
    def _write_cell(self, sheet, formats, row, col, kind, value):
        if kind == "flag":
            text, missed = value or ("", False)
            sheet.write_string(row, col, text, formats["flag:missed" if missed else "flag"])
        elif value is None or value is False or value == "":
            sheet.write_blank(row, col, None, formats[kind])
        elif kind == "date":
            if not isinstance(value, datetime.datetime):
                value = datetime.datetime.combine(value, datetime.time())
            sheet.write_datetime(row, col, value, formats["date"])
        elif kind in ("text", "wrap"):
            sheet.write_string(row, col, str(value), formats[kind])
        else:
            sheet.write_number(row, col, value, formats[kind])

    @api.model
    def _write_title(self, sheet, formats, title, subtitle, width):
        sheet.set_row(0, 24)
        sheet.merge_range(0, 0, 0, max(width - 1, 1), title, formats["title"])
        if subtitle:
            sheet.merge_range(1, 0, 1, max(width - 1, 1), subtitle, formats["subtitle"])

    @api.model
    def _targets_line(self, targets, columns):
        """“Targets: …” for the targeted rates of the sheet."""
        shown = [(header, targets[figure]) for figure, header, _kind in columns if figure in targets]
        if not shown:
            return ""
        parts = "; ".join(f"{header} ≥ {value:g}%" for header, value in shown)
        return self.env._("Targets: %(targets)s. Rates below their target are shown in red.", targets=parts)

    @api.model
    def _page_setup(self, sheet, header_row):
        self.env["gov.xlsx.report"]._xlsx_page_setup(sheet, header_row)
