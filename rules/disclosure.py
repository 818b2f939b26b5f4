"""A period's income and expenditure statement of an estate (收支情况公示):
its arithmetic, the rows of a spreadsheet, and what changed between two
versions.

Amounts are integers in fen (分): sums are exact. The fund's closing balance is
its opening balance plus contributions and interest, less its uses
(维修资金管理办法 art. 30); the year's result is income less expenditure.
"""

import re
from decimal import Decimal, DecimalException
from typing import NamedTuple

from .spreadsheets import TooManyRows, read_table

INCOME = ("fee_income", "common_revenue", "other_income")
EXPENSE = ("operating_cost", "commission")
FUND_OPENING = "fund_opening"
FUND_IN = ("fund_contribution", "fund_interest")
FUND_OUT = ("fund_use",)
CATEGORIES = INCOME + EXPENSE + (FUND_OPENING,) + FUND_IN + FUND_OUT

#: amounts are below this, in yuan: stored exactly with their fen (at most
#: 14 significant digits, where a stored amount holds 15)
MAX_AMOUNT = 10**12

#: the most lines one spreadsheet may hold
MAX_ROWS = 5_000

#: a commission-based (酬金制) estate discloses all of these
COMMISSION_REQUIRED = ("fee_income", "operating_cost", "commission")

#: spreadsheet headers, English or Chinese, in any order
HEADERS = {
    "category": "category",
    "类别": "category",
    "item": "item",
    "项目": "item",
    "amount": "amount",
    "金额": "amount",
    "note": "note",
    "备注": "note",
}


class Totals(NamedTuple):
    income: int
    expense: int
    balance: int
    fund_opening: int
    fund_in: int
    fund_out: int
    fund_closing: int


class RowError(NamedTuple):
    row: int  # 1-based, as the spreadsheet shows it
    kind: str  # "category", "amount", "large", "negative", "item", "header", "rows"
    value: str


class AmountTooLarge(ValueError):
    """An amount of ``MAX_AMOUNT`` yuan or more."""


def to_fen(value) -> int:
    """An amount as written in a spreadsheet — a number, ``"1,234.56"``,
    ``"¥1 234.5"`` — in fen, exactly: read as a decimal from its text.
    Raises ``ValueError`` for anything else, for more than two decimals, for
    infinities, and ``AmountTooLarge`` from ``MAX_AMOUNT`` yuan on."""
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    if isinstance(value, int):
        value = str(value)
    text = value if isinstance(value, str) else repr(value)
    text = re.sub(r"[\s,，¥￥元]", "", text)
    try:
        number = Decimal(text)
        if not number.is_finite():
            raise ValueError(value)
        if abs(number) >= MAX_AMOUNT:
            raise AmountTooLarge(value)
        fen = number * 100
        if fen != fen.to_integral_value():
            raise ValueError(value)
    except DecimalException as error:
        raise ValueError(value) from error
    return int(fen)


def totals(lines) -> Totals:
    """``lines``: ``(category, fen)`` pairs."""
    sums = dict.fromkeys(CATEGORIES, 0)
    for category, fen in lines:
        sums[category] += fen
    income = sum(sums[c] for c in INCOME)
    expense = sum(sums[c] for c in EXPENSE)
    fund_in = sum(sums[c] for c in FUND_IN)
    fund_out = sum(sums[c] for c in FUND_OUT)
    opening = sums[FUND_OPENING]
    return Totals(
        income=income,
        expense=expense,
        balance=income - expense,
        fund_opening=opening,
        fund_in=fund_in,
        fund_out=fund_out,
        fund_closing=opening + fund_in - fund_out,
    )


def missing_categories(categories, fee_model) -> list[str]:
    """What a statement of an estate with ``fee_model`` must still show."""
    present = set(categories)
    required = [FUND_OPENING]
    if fee_model == "commission":
        required += COMMISSION_REQUIRED
    return [c for c in required if c not in present]


def parse_rows(rows, category_names):
    """Read spreadsheet ``rows`` (the first one is the header) into lines.

    ``category_names`` maps every accepted spelling of a category (its code,
    its English and Chinese labels, lower-cased) to its code. Returns
    ``(lines, errors)``: lines as ``(category, item, fen, note)``, errors as
    ``RowError``; blank rows are skipped. Every row is checked, so that one
    import reports every mistake at once. More than ``MAX_ROWS`` lines are
    refused as a whole, without reading further.
    """
    missing, records = read_table(
        rows, HEADERS, ("category", "item", "amount"), MAX_ROWS
    )
    if missing:
        return [], [RowError(1, "header", ", ".join(missing))]
    lines, errors = [], []
    try:
        for number, cell in records:
            category_text = str(cell("category") or "").strip()
            category = category_names.get(category_text.lower())
            if not category:
                errors.append(RowError(number, "category", category_text))
            item = str(cell("item") or "").strip()
            if not item:
                errors.append(RowError(number, "item", ""))
            raw = cell("amount")
            try:
                fen = to_fen(raw)
            except AmountTooLarge:
                errors.append(RowError(number, "large", str(raw)))
                continue
            except ValueError:
                value = "" if raw is None else str(raw)
                errors.append(RowError(number, "amount", value))
                continue
            if fen < 0:
                errors.append(RowError(number, "negative", str(raw)))
                continue
            if category and item:
                note = str(cell("note") or "").strip()
                lines.append((category, item, fen, note))
    except TooManyRows as too_many:
        return [], [RowError(too_many.number, "rows", str(MAX_ROWS))]
    return lines, errors


class Change(NamedTuple):
    kind: str  # "added", "removed", "changed"
    category: str
    item: str
    old: int | None
    new: int | None


def diff(old_lines, new_lines) -> list[Change]:
    """What a corrected version changes: lines ``(category, item, fen)``
    matched on category and item; several lines of one item are summed."""

    def by_key(lines):
        result = {}
        for category, item, fen in lines:
            key = (category, item.strip())
            result[key] = result.get(key, 0) + fen
        return result

    old, new = by_key(old_lines), by_key(new_lines)
    changes = []
    for key in sorted(
        old.keys() | new.keys(), key=lambda k: (CATEGORIES.index(k[0]), k[1])
    ):
        if key not in new:
            changes.append(Change("removed", *key, old[key], None))
        elif key not in old:
            changes.append(Change("added", *key, None, new[key]))
        elif old[key] != new[key]:
            changes.append(Change("changed", *key, old[key], new[key]))
    return changes
