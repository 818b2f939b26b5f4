from odoo import models

from ..models.access import check_staff
from ..tools.selection import selection_label


class HoaRegisterXlsx(models.AbstractModel):
    """What every register the addon prints as XLSX shares: a title row, a
    header row, one row per record, columns sized and frozen, and cells
    written by type (text, date, number, yes/no). Records are read with the
    printing user's rights."""

    _name = "report.hoa_committee.register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Committee Register (XLSX)"

    def create_xlsx_report(self, docids, data):
        """The registers are the service centre's: nobody else prints them."""
        check_staff(self.env)
        return super().create_xlsx_report(docids, data)

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDE5EE", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"border": 1, "text_wrap": True}),
            "date": workbook.add_format({"border": 1, "num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format(
                {"border": 1, "num_format": "yyyy-mm-dd hh:mm"}
            ),
            "number": workbook.add_format({"border": 1, "num_format": "#,##0.00"}),
            "integer": workbook.add_format({"border": 1, "num_format": "0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.0%"}),
            "bold": workbook.add_format({"bold": True}),
        }

    def _label(self, record, field):
        """A selection's label in the reader's language."""
        value = record[field]
        if not value:
            return ""
        return selection_label(record, field, value, self.env)

    def _yes_no(self, value):
        return self.env._("Yes") if value else self.env._("No")

    def _write_sheet(self, workbook, name, title, columns, rows, start_row=2):
        """``columns``: ``(header, kind, width)``; ``rows``: lists of values.
        Returns the sheet and the first free row."""
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(name[:31])
        sheet.write(0, 0, title, formats["title"])
        for col, (header, _kind, width) in enumerate(columns):
            sheet.write(start_row, col, header, formats["header"])
            sheet.set_column(col, col, width)
        sheet.freeze_panes(start_row + 1, 0)
        row = start_row + 1
        for values in rows:
            for col, ((_header, kind, _width), value) in enumerate(
                zip(columns, values, strict=True)
            ):
                if value in (False, None, ""):
                    sheet.write_blank(row, col, None, formats["text"])
                elif kind in ("date", "datetime"):
                    sheet.write_datetime(row, col, value, formats[kind])
                elif kind in ("number", "integer", "percent"):
                    sheet.write_number(row, col, value, formats[kind])
                else:
                    sheet.write_string(row, col, str(value), formats["text"])
            row += 1
        if rows:
            sheet.autofilter(start_row, 0, row - 1, len(columns) - 1)
        return sheet, row
