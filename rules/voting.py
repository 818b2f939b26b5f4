"""Owners' joint decisions, 民法典 art. 278 — exact arithmetic on integers.

Participation: owners holding at least two thirds of the exclusive area AND at
least two thirds of the headcount take part. Agreement, counted on those who
take part: items (6) raising the maintenance fund, (7) rebuilding and (8)
changing the use of common parts need at least three quarters of the area AND
of the owners; every other item needs more than half (过半数, strictly) of
each. "以上" includes the number itself, "过半数" does not (art. 1259).

Areas are integers in hundredths of a square metre: no float is compared.
"""

from typing import NamedTuple

#: items decided by three quarters of those taking part
THREE_QUARTER_ITEMS = frozenset({"fund_raising", "rebuild", "common_use_change"})


class Tally(NamedTuple):
    total_area: int
    total_heads: int
    part_area: int
    part_heads: int
    agree_area: int
    agree_heads: int


class Result(NamedTuple):
    participation_ok: bool
    passed: bool
    missing_part_area: int
    missing_part_heads: int
    missing_agree_area: int
    missing_agree_heads: int


def at_least_two_thirds(part: int, whole: int) -> bool:
    return 3 * part >= 2 * whole


def at_least_three_quarters(part: int, whole: int) -> bool:
    return 4 * part >= 3 * whole


def more_than_half(part: int, whole: int) -> bool:
    return 2 * part > whole


def _min_two_thirds(whole: int) -> int:
    """The least integer x with 3x ≥ 2·whole."""
    return (2 * whole + 2) // 3


def _min_agree(whole: int, item: str) -> int:
    if item in THREE_QUARTER_ITEMS:
        return (3 * whole + 3) // 4  # least x with 4x ≥ 3·whole
    return whole // 2 + 1  # least x with 2x > whole


def agreement_ok(item: str, agree: int, part: int) -> bool:
    if item in THREE_QUARTER_ITEMS:
        return at_least_three_quarters(agree, part)
    return more_than_half(agree, part)


def evaluate(item: str, tally: Tally) -> Result:
    participation_ok = at_least_two_thirds(
        tally.part_area, tally.total_area
    ) and at_least_two_thirds(tally.part_heads, tally.total_heads)
    agree_ok = agreement_ok(item, tally.agree_area, tally.part_area) and agreement_ok(
        item, tally.agree_heads, tally.part_heads
    )
    return Result(
        participation_ok=participation_ok,
        passed=participation_ok and agree_ok,
        missing_part_area=max(0, _min_two_thirds(tally.total_area) - tally.part_area),
        missing_part_heads=max(
            0, _min_two_thirds(tally.total_heads) - tally.part_heads
        ),
        missing_agree_area=max(0, _min_agree(tally.part_area, item) - tally.agree_area),
        missing_agree_heads=max(
            0, _min_agree(tally.part_heads, item) - tally.agree_heads
        ),
    )


def with_deemed_consent(item: str, tally: Tally) -> Tally:
    """Where the rules of procedure count unreturned ballots as following the
    majority: everyone takes part, and the unreturned side with the agreeing
    ones when those who voted agreed (by area and by headcount)."""
    unreturned_area = tally.total_area - tally.part_area
    unreturned_heads = tally.total_heads - tally.part_heads
    majority_agrees = agreement_ok(item, tally.agree_area, tally.part_area) and (
        agreement_ok(item, tally.agree_heads, tally.part_heads)
    )
    return Tally(
        total_area=tally.total_area,
        total_heads=tally.total_heads,
        part_area=tally.total_area,
        part_heads=tally.total_heads,
        agree_area=tally.agree_area + (unreturned_area if majority_agrees else 0),
        agree_heads=tally.agree_heads + (unreturned_heads if majority_agrees else 0),
    )
