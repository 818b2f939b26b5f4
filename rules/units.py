"""Reading the building, entrance, floor and room out of a unit's name.

Estates number their units in a few ways: ``1-1-0101`` (building 1, entrance 1,
room 0101 on floor 1), ``3-2-1203``, ``12栋2单元1203``, ``3号楼2单元1203室``,
``A座-1502`` (no entrance). The floor is the room number without its last two
digits. A name that fits none of these gives empty parts, never an error: the
unit keeps whatever its parts were set to by hand.
"""

import re
import unicodedata
from typing import NamedTuple

#: the largest exclusive area of one unit, in m² (a whole tower is less)
AREA_MAX = 100_000


class UnitParts(NamedTuple):
    """The parts of a unit's name; ``None`` where the name does not say."""

    building: str | None = None
    entrance: str | None = None
    floor: int | None = None
    room: str | None = None


EMPTY = UnitParts()

_CODE = r"[A-Z0-9]{1,4}"
_DASH = r"\s*-\s*"
_ROOM = r"(?P<room>\d{3,4})"
_PATTERNS = (
    # 1-1-0101, A-2-1203, 3-2-1203
    re.compile(rf"^(?P<building>{_CODE}){_DASH}(?P<entrance>{_CODE}){_DASH}{_ROOM}$"),
    # 12栋2单元1203, 3号楼2单元1203室, 5幢1单元-0302号, A座1502, A座-1502
    re.compile(
        rf"^(?P<building>{_CODE})\s*(?:号楼|号|栋|幢|座|楼)"
        rf"(?:\s*-?\s*(?P<entrance>{_CODE})\s*单元)?"
        rf"\s*-?\s*{_ROOM}\s*(?:室|号)?$"
    ),
    # A-1502: a building without entrances
    re.compile(rf"^(?P<building>{_CODE}){_DASH}{_ROOM}$"),
)


def _normalize(name):
    """Half-width letters and digits, ASCII dash, upper case, trimmed."""
    text = unicodedata.normalize("NFKC", name).strip().upper()
    return re.sub(r"[‐‑‒–—―－﹣]", "-", text)


def _strip_zeros(code):
    """Building and entrance numbers without leading zeros (``01`` → ``1``)."""
    return (code.lstrip("0") or code) if code.isdigit() else code


def parse_unit_name(name):
    """The :class:`UnitParts` of a unit name; :data:`EMPTY` when it cannot be read.

    >>> parse_unit_name("1-1-0101")
    UnitParts(building='1', entrance='1', floor=1, room='0101')
    >>> parse_unit_name("A座-1502")
    UnitParts(building='A', entrance=None, floor=15, room='1502')
    """
    if not name or not isinstance(name, str):
        return EMPTY
    text = _normalize(name)
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            room = parts["room"]
            floor = int(room[:-2])
            return UnitParts(
                building=_strip_zeros(parts["building"]),
                entrance=_strip_zeros(parts["entrance"])
                if parts.get("entrance")
                else None,
                floor=floor or None,
                room=room,
            )
    return EMPTY


_BUILDING_SUFFIX = re.compile(r"(?:号楼|号|栋|幢|座|楼)$")


def building_code(text):
    """The building code a person types: ``3号楼``, ``３栋``, ``03`` → ``3``;
    ``a座`` → ``A``; ``None`` when nothing is left."""
    if not text or not isinstance(text, str):
        return None
    code = _BUILDING_SUFFIX.sub("", _normalize(text)).strip()
    return _strip_zeros(code) or None


def split_buildings(text):
    """The building codes of a list typed as ``3、5``, ``3号楼, 5号楼`` or
    ``3 5``, in order and without repeats."""
    if not text or not isinstance(text, str):
        return []
    codes = (building_code(token) for token in re.split(r"[,，、;；/\s]+", text))
    return list(dict.fromkeys(code for code in codes if code))


def _natural_key(code):
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.findall(r"\d+|\D+", code)
    ]


def join_buildings(codes):
    """Building codes as one text, in natural order: ``["10", "2"]`` → ``2、10``."""
    return "、".join(sorted(set(codes), key=_natural_key))
