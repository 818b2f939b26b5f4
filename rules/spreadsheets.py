"""The rows of a spreadsheet someone uploads: an ``.xlsx`` workbook (its
first sheet) or a ``.csv`` file in UTF-8, with or without a byte-order mark,
or in GBK (GB18030), as Chinese banks and housing authorities export them."""

import csv
import io


class SpreadsheetError(ValueError):
    """A file that cannot be read: ``kind`` is ``"xlsx"`` (not a readable
    workbook), ``"encoding"`` (a csv in none of the encodings) or ``"type"``
    (neither .xlsx nor .csv)."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


#: the encodings a csv file is tried in, in order; GB18030 reads GBK and GB2312
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


def read_rows(name, content):
    """The rows of the file ``name`` holding ``content`` (bytes), each a
    list of cell values."""
    name = (name or "").lower()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=True
            )
        except Exception as error:
            raise SpreadsheetError("xlsx") from error
        sheet = workbook.worksheets[0]
        # the size a file states may be wrong: read every row it holds
        sheet.reset_dimensions()
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if name.endswith(".csv"):
        for encoding in CSV_ENCODINGS:
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                continue
            return list(csv.reader(io.StringIO(text)))
        raise SpreadsheetError("encoding")
    raise SpreadsheetError("type")
