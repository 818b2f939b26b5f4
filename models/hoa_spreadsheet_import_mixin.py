import base64

from odoo import models
from odoo.exceptions import UserError

from ..rules.spreadsheets import SpreadsheetError, read_rows

#: at most this many row errors are listed in one message
MAX_ERRORS = 50


class HoaSpreadsheetImportMixin(models.AbstractModel):
    """Something imported from a spreadsheet someone uploads (``data_file``
    named ``file_name``): its rows are read in one way, and a file with
    mistakes is refused as a whole with the list of them, so that nothing is
    half imported.

    A model inheriting this mixin declares ``data_file`` and ``file_name``
    and says what each of its rules' row errors means (``_error_text``)."""

    _name = "hoa.spreadsheet.import.mixin"
    _description = "Import From a Spreadsheet"

    def _rows(self):
        """The uploaded file's rows (.xlsx, or .csv in UTF-8 or GBK)."""
        self.ensure_one()
        try:
            return read_rows(self.file_name, base64.b64decode(self.data_file or b""))
        except SpreadsheetError as error:
            messages = {
                "xlsx": self.env._(
                    "%(file)s is not a readable .xlsx file.", file=self.file_name
                ),
                "encoding": self.env._(
                    "%(file)s is neither UTF-8 nor GBK text: save it again as CSV.",
                    file=self.file_name,
                ),
                "type": self.env._("Choose an .xlsx or a .csv file."),
            }
            raise UserError(messages[error.kind]) from error

    def _error_text(self, error):
        """What the row error ``error`` (one of the rules' ``RowError``)
        tells the person who uploaded the file."""
        raise NotImplementedError(f"{self._name} must implement _error_text")

    def _refuse_row_errors(self, errors):
        """Refuse the import when its rows have ``errors``, listing them."""
        if not errors:
            return
        shown = [self._error_text(error) for error in errors[:MAX_ERRORS]]
        if len(errors) > MAX_ERRORS:
            shown.append(
                self.env._("… and %(count)s more.", count=len(errors) - MAX_ERRORS)
            )
        raise UserError(self.env._("Nothing was imported:") + "\n" + "\n".join(shown))
