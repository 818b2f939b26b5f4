"""Per-unit balances of the maintenance fund (住宅专项维修资金) from the
spreadsheet the fund's bank or the housing authority issues (民法典 art. 281,
维修资金管理办法 art. 30: each household's balance is published at least
once a year).

Amounts are integers in fen (分), read exactly by ``disclosure.to_fen``."""

from typing import NamedTuple

from .disclosure import MAX_AMOUNT, AmountTooLarge, to_fen
from .spreadsheets import TooManyRows, read_table

#: the most units one spreadsheet may hold
MAX_ROWS = 20_000

#: spreadsheet headers, Chinese or English, in any order
HEADERS = {
    "房号": "unit",
    "房屋编号": "unit",
    "unit": "unit",
    "业主姓名": "owner",
    "业主": "owner",
    "owner": "owner",
    "交存金额": "paid_in",
    "累计交存": "paid_in",
    "paid in": "paid_in",
    "使用金额": "used",
    "累计使用": "used",
    "used": "used",
    "余额": "balance",
    "balance": "balance",
}
REQUIRED = ("unit", "balance")
#: the template's columns, in order
TEMPLATE_HEADERS = ("房号", "业主姓名", "交存金额", "使用金额", "余额")

__all__ = ["MAX_AMOUNT", "Row", "RowError", "parse_rows"]


class Row(NamedTuple):
    row: int  # 1-based, as the spreadsheet shows it
    unit: str
    owner: str
    paid_in: int | None  # fen, None when the column or cell is empty
    used: int | None
    balance: int


class RowError(NamedTuple):
    row: int
    # "header", "rows", "unit", "unknown", "duplicate", "amount", "large",
    # "negative"
    kind: str
    value: str
    column: str = ""


def parse_rows(rows, units):
    """Read spreadsheet ``rows`` (the first one is the header).

    ``units`` is the set of the estate's unit names. Returns ``(rows,
    errors)``: ``Row`` and ``RowError`` lists; blank rows are skipped and
    every row is checked, so one import reports every mistake at once.
    """
    missing, records = read_table(rows, HEADERS, REQUIRED, MAX_ROWS)
    if missing:
        return [], [RowError(1, "header", ", ".join(missing))]
    result, errors, seen = [], [], {}
    try:
        for number, cell in records:
            ok = True
            unit = str(cell("unit") or "").strip()
            if not unit:
                errors.append(RowError(number, "unit", ""))
                ok = False
            elif unit not in units:
                errors.append(RowError(number, "unknown", unit))
                ok = False
            elif unit in seen:
                errors.append(RowError(number, "duplicate", unit, str(seen[unit])))
                ok = False
            else:
                seen[unit] = number
            amounts, problems = _amounts(number, cell)
            errors += problems
            ok = ok and not problems
            if ok:
                owner = str(cell("owner") or "").strip()
                result.append(Row(number, unit, owner, **amounts))
    except TooManyRows as too_many:
        return [], [RowError(too_many.number, "rows", str(MAX_ROWS))]
    return result, errors


def _amounts(number, cell):
    """``({column: fen or None}, [RowError])`` of the amounts of row
    ``number``; ``cell(key)`` reads a column of the row."""
    amounts, errors = {}, []
    for key in ("paid_in", "used", "balance"):
        raw = cell(key)
        if raw in (None, "") and key != "balance":
            amounts[key] = None
            continue
        if isinstance(raw, float) and abs(raw * 100 - round(raw * 100)) < 1e-6:
            # a spreadsheet's sum (=B2-C2) carries binary noise: 3280.9900000000002
            raw = f"{raw:.2f}"
        value = "" if raw is None else str(raw)
        try:
            fen = to_fen(raw)
        except AmountTooLarge:
            errors.append(RowError(number, "large", value, key))
            continue
        except ValueError:
            errors.append(RowError(number, "amount", value, key))
            continue
        if fen < 0:
            errors.append(RowError(number, "negative", value, key))
            continue
        amounts[key] = fen
    return amounts, errors
