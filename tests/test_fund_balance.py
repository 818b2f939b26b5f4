import base64
import io
from datetime import date

import openpyxl
import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .portal_common import HoaPortalCase

HEADERS = ["房号", "业主姓名", "交存金额", "使用金额", "余额"]
STATEMENT = date(2026, 6, 30)


def xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows, encoding):
    text = "\r\n".join(",".join(str(cell) for cell in row) for row in rows)
    return text.encode(encoding)


@tagged("post_install", "-at_install")
class TestFundBalance(HoaPortalCase):
    """Maintenance-fund balances per unit: imported from the statement of
    the fund's bank or the housing authority (all rows or none), never
    changed afterwards, and each owner reads their own units' only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # estate A: 5-101 (owners[0]), 5-201 (owners[1] = owner_a), 5-301;
        # estate B: 5-101, 5-201
        Unit = cls.env["hoa.unit"]
        cls.unit_a1, cls.unit_a2, cls.unit_a3 = (
            Unit.search([("community_id", "=", cls.estate_a.id), ("name", "=", n)])
            for n in ("5-101", "5-201", "5-301")
        )
        cls.unit_b1 = Unit.search(
            [("community_id", "=", cls.estate_b.id), ("name", "=", "5-101")]
        )

    def batch(self, content, file_name, estate=None, day=STATEMENT, user=None):
        return (
            self.env["hoa.fund.balance.import"]
            .with_user(user or self.staff_a)
            .create(
                {
                    "community_id": (estate or self.estate_a).id,
                    "statement_date": day,
                    "file_name": file_name,
                    "data_file": base64.b64encode(content),
                }
            )
        )

    def balances(self, estate=None):
        return self.env["hoa.fund.balance"].search(
            [("community_id", "=", (estate or self.estate_a).id)]
        )

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------

    def test_a_good_xlsx_is_imported_row_by_row(self):
        content = xlsx(
            [
                HEADERS,
                ["5-101", "Owner 0", 12000, 1500.5, 10499.5],
                ["5-201", "Owner 1", "8,000.00", "", "¥8,000.00"],
                [None, None, None, None, None],
            ]
        )
        batch = self.batch(content, "余额.xlsx")
        batch.action_import()
        self.assertEqual(batch.state, "done")
        self.assertEqual(batch.row_count, 2)
        self.assertEqual(batch.imported_by_id, self.staff_a)
        first, second = (
            self.balances().filtered(lambda b, u=u: b.unit_id == u)
            for u in (self.unit_a1, self.unit_a2)
        )
        self.assertEqual(
            (first.balance, first.paid_in, first.used), (10499.5, 12000, 1500.5)
        )
        self.assertEqual((second.balance, second.paid_in), (8000, 8000))
        self.assertFalse(second.used)
        self.assertEqual(first.statement_date, STATEMENT)
        self.assertEqual(first.import_id, batch)
        self.assertEqual(first.community_id, self.estate_a)
        message = batch.message_ids[0]
        self.assertEqual(message.author_id, self.staff_a.partner_id)
        self.assertIn("Imported 2 balances", message.body)
        self.assertIn("2026-06-30", message.body)

    def test_a_gbk_csv_from_a_bank_and_a_utf8_csv_with_bom(self):
        rows = [HEADERS, ["5-101", "张三", "100.00", "0", "100.00"]]
        self.batch(csv_bytes(rows, "gbk"), "银行导出.csv").action_import()
        balance = self.balances()
        self.assertEqual(balance.owner_name, "张三")
        self.assertEqual(balance.balance, 100)
        rows = [HEADERS, ["5-201", "李四", "300", "0", "300"]]
        self.batch(
            csv_bytes(rows, "utf-8-sig"), "b.csv", day=date(2026, 7, 31)
        ).action_import()
        self.assertEqual(self.balances()[0].owner_name, "李四")
        self.assertEqual(self.balances()[0].balance, 300)

    def test_bad_rows_are_all_reported_and_nothing_is_written(self):
        rows = [
            HEADERS,
            ["5-101", "", "", "", "100"],
            ["9-9-0909", "", "", "", "100"],  # row 3: unknown unit
            ["5-101", "", "", "", "120"],  # row 4: twice in the file
            ["5-201", "", "", "", "一百元"],  # row 5: text
            ["5-301", "", "", "", "-5"],  # row 6: negative
            ["", "", "", "", "5"],  # row 7: no unit
            ["5-101", "", "", "", "200"],  # row 8: once more
        ]
        batch = self.batch(csv_bytes(rows, "gbk"), "bad.csv")
        with self.assertRaises(UserError) as caught:
            batch.action_import()
        message = str(caught.exception)
        self.assertIn("Nothing was imported", message)
        for expected in (
            "Row 3: unit 9-9-0909 is not a unit of Estate A",
            "Row 4: unit 5-101 is already on row 2 of the file",
            "Row 5: 余额 “一百元” is not an amount",
            "Row 6: 余额 “-5” is negative",
            "Row 7: no unit number",
            "Row 8: unit 5-101 is already on row 2 of the file",
        ):
            self.assertIn(expected, message)
        self.assertNotIn("Row 2:", message)
        self.assertFalse(self.balances())
        self.assertEqual(batch.state, "draft")

    def test_the_errors_are_in_chinese_for_chinese_staff(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.staff_a.lang = "zh_CN"
        rows = [HEADERS, ["9-9-0909", "", "", "", "x"]]
        batch = self.batch(csv_bytes(rows, "gbk"), "bad.csv")
        with self.assertRaises(UserError) as caught:
            batch.with_context(lang="zh_CN").action_import()
        message = str(caught.exception)
        self.assertIn("未导入任何数据", message)
        self.assertIn("第 2 行：房号 9-9-0909 不是 Estate A 的房屋", message)
        self.assertIn("第 2 行：余额“x”不是金额", message)

    def test_a_missing_column_is_reported(self):
        rows = [["房号", "业主姓名", "交存金额"], ["5-101", "", "100"]]
        batch = self.batch(csv_bytes(rows, "gbk"), "bad.csv")
        with self.assertRaisesRegex(UserError, "missing: 余额"):
            batch.action_import()
        with self.assertRaisesRegex(UserError, "Choose an .xlsx or a .csv"):
            self.batch(b"x", "statement.pdf").action_import()
        self.assertFalse(self.balances())

    def test_reimport_same_date_supersedes_and_keeps_the_old_balance(self):
        first = self.batch(
            csv_bytes([HEADERS, ["5-101", "", "", "", "100"]], "gbk"), "1.csv"
        )
        first.action_import()
        old = self.balances()
        correction = self.batch(
            csv_bytes(
                [HEADERS, ["5-101", "", "", "", "120"], ["5-201", "", "", "", "7"]],
                "gbk",
            ),
            "2.csv",
        )
        correction.action_import()
        balances = self.balances()
        self.assertEqual(len(balances), 3, "the superseded balance is kept")
        self.assertEqual(old.balance, 100)
        self.assertEqual(old.superseded_by_id, correction)
        self.assertEqual(correction.superseded_ids, old)
        latest = self.env["hoa.fund.balance"]._latest_by_unit(self.unit_a1)
        self.assertEqual(latest[self.unit_a1].balance, 120)
        # a later statement adds to the history, the earlier stays current
        self.batch(
            csv_bytes([HEADERS, ["5-101", "", "", "", "90"]], "gbk"),
            "3.csv",
            day=date(2026, 12, 31),
        ).action_import()
        current = self.balances().filtered(lambda b: not b.superseded_by_id)
        self.assertEqual(sorted(current.mapped("balance")), [7, 90, 120])
        latest = self.env["hoa.fund.balance"]._latest_by_unit(self.unit_a1)
        self.assertEqual(latest[self.unit_a1].balance, 90)
        # one current balance per unit and statement date, in the database
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["hoa.fund.balance"].create(
                {
                    "unit_id": self.unit_a1.id,
                    "statement_date": STATEMENT,
                    "balance": 1,
                    "import_id": correction.id,
                }
            )
        # an imported statement is not imported twice
        with self.assertRaisesRegex(UserError, "already imported"):
            correction.action_import()

    def test_balances_are_never_edited_nor_deleted(self):
        self.batch(
            csv_bytes([HEADERS, ["5-101", "", "", "", "100"]], "gbk"), "1.csv"
        ).action_import()
        balance = self.balances()
        for user in (self.staff_a, self.manager_a, self.leader_1):
            with self.assertRaises(AccessError):
                balance.with_user(user).write({"balance": 1})
            with self.assertRaises(AccessError):
                balance.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["hoa.fund.balance"].with_user(user).create(
                    {
                        "unit_id": self.unit_a2.id,
                        "statement_date": STATEMENT,
                        "balance": 1,
                        "import_id": balance.import_id.id,
                    }
                )
        with self.assertRaisesRegex(UserError, "never changed"):
            balance.sudo().write({"balance": 1})
        with self.assertRaisesRegex(UserError, "never deleted"):
            balance.sudo().unlink()
        with self.assertRaisesRegex(UserError, "kept as it was imported"):
            balance.import_id.with_user(self.staff_a).write(
                {"statement_date": date(2026, 1, 1)}
            )
        self.assertEqual(balance.balance, 100)

    def test_other_teams_cannot_import_into_an_estate(self):
        batch = self.batch(
            csv_bytes([HEADERS, ["5-101", "", "", "", "100"]], "gbk"), "1.csv"
        )
        with self.assertRaises(AccessError):
            batch.with_user(self.staff_b).action_import()
        self.assertFalse(self.balances())

    # ------------------------------------------------------------------
    # The owner's portal
    # ------------------------------------------------------------------

    def import_both_estates(self):
        self.batch(
            csv_bytes(
                [
                    HEADERS,
                    ["5-101", "", "", "", "1111.11"],
                    ["5-201", "", "", "", "2222.22"],
                    ["5-301", "", "", "", "3333.33"],
                ],
                "gbk",
            ),
            "a.csv",
        ).action_import()
        self.batch(
            csv_bytes([HEADERS, ["5-101", "", "", "", "4444.44"]], "gbk"),
            "b.csv",
            estate=self.estate_b,
            user=self.staff_b,
        ).action_import()
        # owner_a's balance of a later statement
        self.batch(
            csv_bytes([HEADERS, ["5-201", "", "", "", "2555.55"]], "gbk"),
            "a2.csv",
            day=date(2026, 9, 30),
        ).action_import()

    def test_an_owner_sees_only_their_units_at_my_fund(self):
        self.import_both_estates()
        # owner_a also co-owns 5-301
        self.unit_a3.co_owner_ids = [Command.link(self.owner_a.partner_id.id)]
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        response = self.url_open("/my/fund")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("5-201", page)
        self.assertIn("2,555.55", page, "the latest statement")
        self.assertIn("09/30/2026", page)
        self.assertNotIn("2,222.22", page, "an earlier statement")
        self.assertIn("3,333.33", page, "a co-owned unit")
        self.assertNotIn("1,111.11", page, "another owner's unit")
        self.assertNotIn("4,444.44", page, "another estate")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["hoa_fund_count"]}
        )
        self.assertEqual(counters, {"hoa_fund_count": 2})
        self.assertIn('href="/my/fund"', self.url_open("/my").text)

    def test_an_owner_reads_only_their_balances_through_json_rpc(self):
        self.import_both_estates()
        mine = self.balances().filtered(lambda b: b.unit_id == self.unit_a2)
        others = (
            self.env["hoa.fund.balance"].search(
                [("community_id", "in", (self.estate_a | self.estate_b).ids)]
            )
            - mine
        )
        self.assertEqual(len(others), 3)
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        answer = self.call_kw(
            "hoa.fund.balance", "search_read", [[]], {"fields": ["balance"]}
        )
        self.assertEqual(
            sorted(r["balance"] for r in answer["result"]), [2222.22, 2555.55]
        )
        for other in others:
            answer = self.call_kw("hoa.fund.balance", "read", [other.ids, ["balance"]])
            self.assertIn("error", answer)
        answer = self.call_kw("hoa.fund.balance", "write", [mine.ids, {"balance": 1}])
        self.assertIn("error", answer)
        answer = self.call_kw(
            "hoa.fund.balance.import", "search_read", [[]], {"fields": ["id"]}
        )
        self.assertIn("error", answer)
        self.env.invalidate_all()
        self.assertEqual(sorted(mine.mapped("balance")), [2222.22, 2555.55])

    def test_an_owner_without_a_balance_sees_the_empty_state(self):
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = self.url_open("/my/fund").text
        self.assertIn("5-201", page)
        self.assertIn("No balance has been published for your units yet", page)

    def test_the_template_downloads_for_staff_only(self):
        self.authenticate("hoa_t_staff_a", "hoa_t_staff_a")
        response = self.url_open("/hoa/fund_balance/template.xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
        self.assertEqual(header, HEADERS)
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        response = self.url_open("/hoa/fund_balance/template.xlsx")
        self.assertNotEqual(response.status_code, 200)
