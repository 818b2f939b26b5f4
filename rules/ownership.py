"""Counting owners and area per 最高法《建筑物区分所有权纠纷解释》 arts. 8–9.

* area: the exclusive area of every unit (registered, else surveyed, else
  contract area — the unit records which basis it carries);
* headcount: one per unit, but one person holding several units counts once,
  and every unit the developer still holds (unsold or undelivered — flagged as
  developer-held, or recorded with the developer as owner) together count as
  one owner.

:func:`group_voters` is the one place that decides who counts: the estate's
headcount and the voter roll of an owners' decision are both read from it.
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
    name: str = ""


class Voter(NamedTuple):
    """One owner of the estate with all their units."""

    owner_key: object | None
    is_developer: bool
    area_centi: int
    unit_count: int
    unit_names: tuple


def is_developer_unit(unit: UnitShare, developer_key=None) -> bool:
    """A unit in the developer's single bloc: flagged as developer-held, or
    owned by the estate's developer."""
    return unit.developer_held or (
        developer_key is not None and unit.owner_key == developer_key
    )


def voter_key(unit: UnitShare, developer_key=None):
    """The voter a unit belongs to.

    The developer's units all share one key; a unit with a known owner belongs
    to that owner; a unit without a recorded owner counts as its own voter.
    """
    if is_developer_unit(unit, developer_key):
        return (DEVELOPER,)
    if unit.owner_key is not None:
        return ("owner", unit.owner_key)
    return ("unit", unit.unit_key)


def group_voters(units: Iterable[UnitShare], developer_key=None) -> dict:
    """The estate's voters: ``{voter_key: Voter}``. Areas are summed in
    hundredths of m², each unit's area rounded to its 2 decimals."""
    groups = {}
    for unit in units:
        key = voter_key(unit, developer_key)
        area, count, names = groups.get(key, (0, 0, []))
        names.append(unit.name)
        groups[key] = (area + round(unit.area * 100), count + 1, names)
    return {
        key: Voter(
            developer_key if key == (DEVELOPER,) else _owner_of(key),
            key == (DEVELOPER,),
            area,
            count,
            tuple(sorted(names)),
        )
        for key, (area, count, names) in groups.items()
    }


def _owner_of(key):
    return key[1] if key[0] == "owner" else None


def count_owners(units: Iterable[UnitShare], developer_key=None) -> tuple[float, int]:
    """Return ``(total_area, headcount)`` of an estate's units."""
    voters = group_voters(units, developer_key)
    area_centi = sum(voter.area_centi for voter in voters.values())
    return area_centi / 100, len(voters)
