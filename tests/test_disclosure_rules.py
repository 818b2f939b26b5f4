from hypothesis import (
    given,
    strategies as st,
)

from odoo.tests import BaseCase, tagged

from ..rules import disclosure as rules

NAMES = {code: code for code in rules.CATEGORIES} | {
    "operating cost": "operating_cost",
    "服务成本": "operating_cost",
    "物业服务费收入": "fee_income",
}


@tagged("post_install", "-at_install")
class TestDisclosureRules(BaseCase):
    def test_amounts_as_people_write_them(self):
        for text, fen in (
            ("1,286,400.00", 128640000),
            ("¥1 234.5", 123450),
            ("￥36,000元", 3600000),
            ("0", 0),
            (36000, 3600000),
            (12.34, 1234),
            ("１２", 1200),  # full-width digits read as numbers by Decimal
        ):
            self.assertEqual(rules.to_fen(text), fen, text)
        for bad in ("", "abc", "1.234", "12,34.5x", None, True, "NaN", "inf"):
            with self.assertRaises(ValueError, msg=bad):
                rules.to_fen(bad)

    def test_totals_and_fund_balance(self):
        totals = rules.totals(
            [
                ("fee_income", 100_00),
                ("common_revenue", 20_00),
                ("operating_cost", 90_00),
                ("commission", 9_00),
                ("fund_opening", 1000_00),
                ("fund_contribution", 50_00),
                ("fund_interest", 5_00),
                ("fund_use", 300_00),
            ]
        )
        self.assertEqual(totals.income, 120_00)
        self.assertEqual(totals.expense, 99_00)
        self.assertEqual(totals.balance, 21_00)
        self.assertEqual(totals.fund_closing, 755_00)

    @given(
        st.lists(
            st.tuples(st.sampled_from(rules.CATEGORIES), st.integers(0, 10**12)),
            max_size=40,
        )
    )
    def test_totals_add_up_exactly(self, lines):
        totals = rules.totals(lines)
        self.assertEqual(
            totals.income
            + totals.expense
            + totals.fund_opening
            + totals.fund_in
            + totals.fund_out,
            sum(fen for _c, fen in lines),
        )
        self.assertEqual(
            totals.fund_closing, totals.fund_opening + totals.fund_in - totals.fund_out
        )

    def test_commission_estates_disclose_everything(self):
        self.assertEqual(rules.missing_categories(["fund_opening"], "lump_sum"), [])
        self.assertEqual(
            rules.missing_categories(["fund_opening", "fee_income"], "commission"),
            ["operating_cost", "commission"],
        )
        self.assertEqual(rules.missing_categories([], "lump_sum"), ["fund_opening"])

    def test_rows_report_every_mistake_with_its_row(self):
        rows = [
            ["项目", "类别", "金额", "备注"],
            ["工资", "服务成本", "612,000.00", ""],
            ["", "", "", ""],
            ["物业费", "物业服务费收入", "abc", ""],
            ["广告", "unknown", "100", ""],
            ["", "operating cost", "-5", ""],
            ["能耗", "Operating Cost", 138500, "x"],
        ]
        lines, errors = rules.parse_rows(rows, NAMES)
        self.assertEqual(
            lines,
            [
                ("operating_cost", "工资", 61200000, ""),
                ("operating_cost", "能耗", 13850000, "x"),
            ],
        )
        self.assertEqual(
            [(e.row, e.kind) for e in errors],
            [(4, "amount"), (5, "category"), (6, "item"), (6, "negative")],
        )

    def test_a_header_is_required(self):
        _lines, errors = rules.parse_rows([["a", "b"], ["x", "y"]], NAMES)
        self.assertEqual(errors[0].kind, "header")
        _lines, errors = rules.parse_rows([], NAMES)
        self.assertEqual(errors[0].kind, "header")

    def test_diff_between_versions(self):
        old = [
            ("operating_cost", "绿化", 42600_00),
            ("operating_cost", "能耗", 1000_00),
            ("fee_income", "物业费", 5000_00),
        ]
        new = [
            ("operating_cost", "绿化", 45900_00),
            ("fee_income", "物业费", 5000_00),
            ("common_revenue", "广告", 360_00),
        ]
        self.assertEqual(
            rules.diff(old, new),
            [
                rules.Change("added", "common_revenue", "广告", None, 360_00),
                rules.Change("changed", "operating_cost", "绿化", 42600_00, 45900_00),
                rules.Change("removed", "operating_cost", "能耗", 1000_00, None),
            ],
        )
        self.assertEqual(rules.diff(old, old), [])
