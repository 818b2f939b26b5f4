import base64
import csv
import io
import random

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import fund_balance as rules
from ..rules.inputs import format_bound


class HoaFundBalanceImport(models.Model):
    """One statement of an estate's maintenance-fund balances per unit, as
    the fund's bank or the housing authority issued it (.xlsx or .csv, UTF-8
    or GBK), imported into :class:`HoaFundBalance`.

    Every row is checked first: one mistake and nothing is imported, and the
    user is told every mistake with its row number. A balance of a unit that
    already has one on the same statement date supersedes it (the old one is
    kept, marked superseded by this import); a later statement date adds to
    the history. Units the file does not name keep their balances."""

    _name = "hoa.fund.balance.import"
    _description = "Maintenance Fund Balance Import"
    _inherit = [
        "hoa.estate.mixin",
        "hoa.input.mixin",
        "hoa.spreadsheet.import.mixin",
        "mail.thread",
        "hoa.archive.mixin",
        "hoa.state.guard.mixin",
    ]
    _order = "statement_date desc, id desc"
    _check_company_auto = True
    _archive_drafts = True
    _state_guard_fields = ("state", "imported_date", "imported_by_id", "row_count")

    statement_date = fields.Date(
        required=True,
        tracking=True,
        help="The date of the bank's or the housing authority's statement: "
        "the balances are those of that day.",
    )
    data_file = fields.Binary(
        string="Spreadsheet",
        attachment=True,
        copy=False,
        help="The statement as the bank or the housing authority issued it: "
        ".xlsx, or .csv in UTF-8 or GBK.",
    )
    file_name = fields.Char(copy=False)
    state = fields.Selection(
        [("draft", "To Import"), ("done", "Imported")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    imported_date = fields.Datetime(readonly=True, copy=False)
    imported_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    row_count = fields.Integer(string="Balances", readonly=True, copy=False)
    balance_ids = fields.One2many("hoa.fund.balance", "import_id", readonly=True)
    superseded_ids = fields.One2many(
        "hoa.fund.balance",
        "superseded_by_id",
        string="Superseded Balances",
        readonly=True,
    )
    name_warnings = fields.Text(
        string="Names Differing from the Roll",
        readonly=True,
        copy=False,
        help="Rows whose owner name differs from the unit's owner on the roll. "
        "They are imported (the fund's account follows the unit, and the "
        "bank's names lag behind sales): check the roll.",
    )

    @api.depends("community_id", "statement_date")
    def _compute_display_name(self):
        for batch in self:
            batch.display_name = " ".join(
                part
                for part in (
                    batch.community_id.name,
                    batch.statement_date and str(batch.statement_date),
                )
                if part
            ) or self.env._("New Import")

    def _archive_deletable(self):
        self.ensure_one()
        return self.state == "draft"

    def _frozen_reason(self):
        self.ensure_one()
        if self.state == "done":
            return self.env._(
                "An imported statement is kept as it was imported: import a "
                "corrected one instead."
            )
        return False

    # ------------------------------------------------------------------
    # The template
    # ------------------------------------------------------------------

    @api.model
    def _template_xlsx(self):
        """The template's bytes: the columns the import reads, in Chinese,
        and one example row."""
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "维修资金余额"
        sheet.append(list(rules.TEMPLATE_HEADERS))
        sheet.append(["1-1-0601", "张三", 12000.00, 1500.00, 10500.00])
        for column in "ABCDE":
            sheet.column_dimensions[column].width = 16
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    # ------------------------------------------------------------------
    # The import
    # ------------------------------------------------------------------

    def _column_label(self, key):
        return {
            "unit": "房号",
            "owner": "业主姓名",
            "paid_in": "交存金额",
            "used": "使用金额",
            "balance": "余额",
        }.get(key, key)

    def _error_text(self, error):
        if error.kind == "rows":
            return self.env._(
                "The spreadsheet has more than %(max)s units: import it in parts.",
                max=error.value,
            )
        if error.kind == "header":
            return self.env._(
                "The first row must name the columns 房号 (unit) and 余额 "
                "(balance); missing: %(columns)s.",
                columns=", ".join(
                    self._column_label(key) for key in error.value.split(", ")
                ),
            )
        column = self._column_label(error.column)
        messages = {
            "unit": self.env._("no unit number"),
            "unknown": self.env._("unit %(value)s is not a unit of %(estate)s"),
            "duplicate": self.env._(
                "unit %(value)s is already on row %(first)s of the file"
            ),
            "amount": self.env._("%(column)s “%(value)s” is not an amount"),
            "large": self.env._(
                "%(column)s “%(value)s” is too large: amounts are below %(max)s"
            ),
            "negative": self.env._("%(column)s “%(value)s” is negative"),
        }
        return self.env._(
            "Row %(row)s: %(message)s",
            row=error.row,
            message=messages[error.kind]
            % {
                "value": error.value,
                "column": column,
                "first": error.column,
                "estate": self.community_id.name,
                "max": format_bound(rules.MAX_AMOUNT),
            },
        )

    def action_import(self):
        """Check every row, then write every balance, or nothing; a large
        statement is written by a background job, once its rows are
        checked."""
        self.check_access("write")
        self.ensure_one()
        Jobs = self.env["hoa.background.job"].sudo()
        queued = Jobs.search(
            [
                ("kind", "=", "fund_balance_import"),
                ("state", "in", ("queued", "running")),
            ]
        )
        if any(self.id in (job.res_ids or []) for job in queued):
            raise UserError(
                self.env._("This statement is being imported in the background.")
            )
        rows, by_name = self._hoa_checked_rows()
        if not Jobs._hoa_runs_inline("fund_balance_import", len(rows)):
            return Jobs.with_user(self.env.user)._hoa_enqueue(
                "fund_balance_import", self
            )
        self._hoa_import(rows, by_name)
        return True

    def _hoa_checked_rows(self):
        """The statement's rows, every one checked, and its estate's units
        by name."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This statement was already imported."))
        if not self.data_file:
            raise UserError(self.env._("Upload the statement's spreadsheet first."))
        units = (
            self.env["hoa.unit"]
            .sudo()
            .search([("community_id", "=", self.community_id.id)])
        )
        by_name = {unit.name: unit for unit in units}
        rows, errors = rules.parse_rows(self._rows(), set(by_name))
        self._refuse_row_errors(errors)
        if not rows:
            raise UserError(self.env._("The spreadsheet has no balances."))
        return rows, by_name

    def _hoa_import(self, rows=None, by_name=None):
        """Write the balances of the checked ``rows`` (read again when not
        given: the background job)."""
        self.ensure_one()
        if rows is None:
            rows, by_name = self._hoa_checked_rows()
        Balance = self.env["hoa.fund.balance"].sudo()
        imported = [by_name[row.unit] for row in rows]
        superseded = Balance.search(
            [
                ("unit_id", "in", [unit.id for unit in imported]),
                ("statement_date", "=", self.statement_date),
                ("superseded_by_id", "=", False),
            ]
        )
        superseded.write({"superseded_by_id": self.id})
        # the exclusion constraint sees them superseded before the new ones
        superseded.flush_recordset(["superseded_by_id"])
        Balance.create(
            [
                {
                    "unit_id": by_name[row.unit].id,
                    "statement_date": self.statement_date,
                    "balance": row.balance / 100,
                    "paid_in": row.paid_in / 100 if row.paid_in is not None else False,
                    "used": row.used / 100 if row.used is not None else False,
                    "owner_name": row.owner or False,
                    "import_id": self.id,
                }
                for row in rows
            ]
        )
        warnings = [
            self.env._(
                "Row %(row)s: %(unit)s is “%(name)s” on the statement, “%(owner)s” "
                "on the roll",
                row=row.row,
                unit=row.unit,
                name=row.owner,
                owner=by_name[row.unit].owner_id.name or "—",
            )
            for row in rows
            if row.owner and row.owner != (by_name[row.unit].owner_id.name or "")
        ]
        self._set_state(
            {
                "state": "done",
                "imported_date": fields.Datetime.now(),
                "imported_by_id": self.env.uid,
                "row_count": len(rows),
                "name_warnings": "\n".join(warnings) or False,
            }
        )
        # the note's author is the importer
        self.message_post(
            body=self.env._(
                "Imported %(count)s balances of %(estate)s on the statement of "
                "%(date)s (%(superseded)s earlier balances of that date "
                "superseded, %(names)s names differing from the roll).",
                count=len(rows),
                estate=self.community_id.name,
                date=self.statement_date,
                superseded=len(superseded),
                names=len(warnings),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------

    @api.model
    def _demo_import(self, community_id, statement_date, seed=281):
        """Import a statement of every owned unit of a demo estate, as a GBK
        csv the way a bank exports it, through :meth:`action_import`."""
        rng = random.Random(seed)
        units = self.env["hoa.unit"].search(
            [("community_id", "=", community_id), ("developer_held", "=", False)]
        )
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow(rules.TEMPLATE_HEADERS)
        for unit in units:
            # 首期 at 30 元/m², with a little used on common repairs
            paid_in = round(unit.area * 30, 2)
            used = round(paid_in * rng.choice((0, 0, 0.05, 0.12)), 2)
            writer.writerow(
                [
                    unit.name,
                    unit.owner_id.name or "",
                    paid_in,
                    used,
                    round(paid_in - used, 2),
                ]
            )
        batch = self.create(
            {
                "community_id": community_id,
                "statement_date": statement_date,
                "file_name": "维修资金分户余额.csv",
                "data_file": base64.b64encode(output.getvalue().encode("gb18030")),
            }
        )
        # the checks and the writing of action_import, here at once: the
        # demo's statement is larger than a click imports in the request
        batch._hoa_import(*batch._hoa_checked_rows())
        return batch
