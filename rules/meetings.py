"""Committee meeting rules (业主大会和业主委员会指导规则; company procedure).

* A meeting that takes a resolution needs more than half of the committee's
  members present (过半数: strictly more than half).
* A meeting without a resolution needs at least two members present (a
  company setting).
* A resolution passes with the agreement of more than half of ALL the
  committee's members — not of those present — and never without a quorum.
* Written notice and materials reach every member at least N days (5) before
  a special meeting: on or before the meeting day minus N. Reaching a member
  is proven per member (送达记录): one member not served in time, or not
  served at all, and the notice is late.
"""

from collections.abc import Iterable
from datetime import date

from .workdays import days_before


def more_than_half(part: int, whole: int) -> bool:
    """过半数: strictly more than half, in integers (no float comparison)."""
    return 2 * part > whole


def quorum_ok(
    members: int, present: int, requires_resolution: bool, minimum_without: int = 2
) -> bool:
    if requires_resolution:
        return members > 0 and more_than_half(present, members)
    return present >= minimum_without


def resolution_passed(
    members: int, present: int, agree: int, minimum_without: int = 2
) -> bool:
    return quorum_ok(members, present, True, minimum_without) and more_than_half(
        agree, members
    )


def notice_ok(notice_date: date | None, meeting_day: date | None, days: int) -> bool:
    if not (notice_date and meeting_day):
        return False
    return notice_date <= days_before(meeting_day, days)


def notice_served_in_time(
    served_dates: Iterable[date | None], meeting_day: date | None, days: int
) -> bool:
    """Every member was served on or before the meeting day minus ``days``.

    :param served_dates: one entry per member owed the notice: the day their
        service is proven, or ``None`` when it is not
    """
    served_dates = list(served_dates)
    return bool(served_dates) and all(
        notice_ok(served, meeting_day, days) for served in served_dates
    )
