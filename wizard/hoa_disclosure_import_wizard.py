from odoo import fields, models
from odoo.exceptions import UserError

from ..rules import disclosure as rules
from ..rules.inputs import format_bound


class HoaDisclosureImportWizard(models.TransientModel):
    """Lines of a statement from a spreadsheet (.xlsx or .csv) with the
    columns category, item, amount and note (类别, 项目, 金额, 备注). Every
    row is checked first: one mistake and nothing is imported, with the row
    numbers of every mistake."""

    _name = "hoa.disclosure.import.wizard"
    _description = "Import Disclosure Lines"
    _inherit = ["hoa.input.mixin", "hoa.spreadsheet.import.mixin"]

    disclosure_id = fields.Many2one("hoa.disclosure", required=True, ondelete="cascade")
    data_file = fields.Binary(string="Spreadsheet", required=True)
    file_name = fields.Char()
    replace = fields.Boolean(
        string="Replace the Current Lines",
        help="Otherwise the rows are added to the lines already entered.",
    )

    def _category_names(self):
        names = {}
        field = self.env["hoa.disclosure.line"]._fields["category"]
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for lang in {"en_US"} | ({"zh_CN", self.env.lang} & installed):
            env = self.with_context(lang=lang).env
            for code, label in field._description_selection(env):
                names[label.lower()] = code
        for code in rules.CATEGORIES:
            names[code] = code
        return names

    def _error_text(self, error):
        if error.kind == "rows":
            return self.env._(
                "The spreadsheet has more than %(max)s lines: import it in parts.",
                max=error.value,
            )
        if error.kind == "header":
            return self.env._(
                "The first row must name the columns category, item and amount "
                "(missing: %(columns)s).",
                columns=error.value or "category, item, amount",
            )
        messages = {
            "category": self.env._("unknown category “%(value)s”"),
            "item": self.env._("no item"),
            "amount": self.env._("“%(value)s” is not an amount"),
            "large": self.env._("“%(value)s” is too large: amounts are below %(max)s"),
            "negative": self.env._(
                "“%(value)s” is negative: enter amounts as positive numbers"
            ),
        }
        return self.env._(
            "Row %(row)s: %(message)s",
            row=error.row,
            message=messages[error.kind]
            % {"value": error.value, "max": format_bound(rules.MAX_AMOUNT)},
        )

    def action_import(self):
        self.check_access("write")
        self.ensure_one()
        lines, errors = rules.parse_rows(self._rows(), self._category_names())
        self._refuse_row_errors(errors)
        if not lines:
            raise UserError(self.env._("The spreadsheet has no lines."))
        disclosure = self.disclosure_id
        if self.replace:
            disclosure.line_ids.unlink()
        start = max(disclosure.line_ids.mapped("sequence") or [0])
        self.env["hoa.disclosure.line"].create(
            [
                {
                    "disclosure_id": disclosure.id,
                    "sequence": start + index,
                    "category": category,
                    "name": item,
                    "amount": fen / 100,
                    "note": note or False,
                }
                for index, (category, item, fen, note) in enumerate(lines, start=1)
            ]
        )
        disclosure.message_post(
            body=self.env._(
                "%(count)s lines imported from %(file)s.",
                count=len(lines),
                file=self.file_name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
