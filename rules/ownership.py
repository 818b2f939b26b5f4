"""Counting owners and area per 最高法《建筑物区分所有权纠纷解释》 arts. 8–9.

* area: the exclusive area of every unit (registered, else surveyed, else
  contract area — the unit records which basis it carries);
* headcount: one per unit, but one person holding several units counts once,
  and all units still held by the developer (unsold or undelivered) together
  count as one owner.
"""

from collections.abc import Iterable
from typing import NamedTuple

DEVELOPER = "developer"


class UnitShare(NamedTuple):
    """What one unit contributes to the owners' count."""

    unit_key: object
    area: float
    owner_key: object | None
    developer_held: bool


def voter_key(unit: UnitShare):
    """The voter a unit belongs to.

    Developer-held units all share one key; a unit with a known owner belongs to
    that owner; a unit without a recorded owner counts as its own voter.
    """
    if unit.developer_held:
        return (DEVELOPER,)
    if unit.owner_key is not None:
        return ("owner", unit.owner_key)
    return ("unit", unit.unit_key)


def count_owners(units: Iterable[UnitShare]) -> tuple[float, int]:
    """Return ``(total_area, headcount)`` of an estate's units."""
    total_area = 0.0
    voters = set()
    for unit in units:
        total_area += unit.area
        voters.add(voter_key(unit))
    return total_area, len(voters)
