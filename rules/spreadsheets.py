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


class TooManyRows(ValueError):
    """More than the allowed filled rows: ``number`` is the first row over."""

    def __init__(self, number):
        super().__init__(number)
        self.number = number


def read_table(rows, headers, required, max_rows):
    """Split spreadsheet ``rows`` into the columns its first row names and
    its filled rows.

    :param headers: each accepted column title, lower-cased → its key (the
        first column with a known title wins)
    :param required: the keys a column must name
    :return: ``(missing, records)``: the required keys no column names
        (then there are no records), and a generator of the filled rows
        after the header as ``(number, cell)`` pairs: ``number`` is 1-based,
        as the spreadsheet shows it, and ``cell(key)`` is that column's value
        (text stripped, None when the row has no such cell). Blank rows are
        skipped; the generator raises :class:`TooManyRows` at the first
        filled row over ``max_rows``.
    """
    rows = iter(rows)
    header = next(rows, None) or ()
    columns = {}
    for index, title in enumerate(header):
        key = headers.get(str(title or "").strip().lower())
        if key:
            columns.setdefault(key, index)
    missing = [key for key in required if key not in columns]
    if missing:
        return missing, iter(())

    def records():
        filled = 0
        for number, row in enumerate(rows, start=2):
            if all(value in (None, "") for value in row):
                continue
            filled += 1
            if filled > max_rows:
                raise TooManyRows(number)

            def cell(key, row=row):
                index = columns.get(key)
                value = row[index] if index is not None and index < len(row) else None
                return value.strip() if isinstance(value, str) else value

            yield number, cell

    return missing, records()
