"""Routine periods of an estate: quarters or months, by its meeting cadence.

* quarterly: the head proposes the routine meeting to the chair on or before
  the 15th of the quarter's first month (the day is a setting);
* monthly: on or before the 5th of the month.
Every period the head must also have had at least one contact with the chair
and with the vice-chair.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple


class Period(NamedTuple):
    start: date
    end: date
    label: str


def period_of(day: date, cadence: str) -> Period:
    """The routine period (quarter or month) containing ``day``."""
    if cadence == "monthly":
        start = day.replace(day=1)
        label = f"{day.year}-{day.month:02d}"
        months = 1
    elif cadence == "quarterly":
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = date(day.year, first_month, 1)
        label = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        months = 3
    else:
        raise ValueError(f"unknown cadence {cadence!r}")
    return Period(start, _add_months(start, months) - timedelta(days=1), label)


def half_year_of(day: date) -> Period:
    """The half year containing ``day`` (2026-H1: January–June; 2026-H2:
    July–December): the period of the quality department's visit, its work
    report, repair plan and evaluation."""
    if day.month <= 6:
        return Period(date(day.year, 1, 1), date(day.year, 6, 30), f"{day.year}-H1")
    return Period(date(day.year, 7, 1), date(day.year, 12, 31), f"{day.year}-H2")


def year_period_end(
    day: date, is_working_day: Callable[[date], bool], years: int = 1
) -> date:
    """Last day of a period of ``years`` years from event day ``day``, per
    民法典 arts. 201–203: the event day is not counted, so the period ends on
    the same month and day ``years`` later (not after 365 days); with no such
    day (29 February) on the last day of that month (28 February); a last day
    that is not a working day (a statutory holiday or a rest day) moves to the
    next working day.

    >>> year_period_end(date(2026, 6, 15), lambda d: True)
    datetime.date(2027, 6, 15)
    >>> year_period_end(date(2028, 2, 29), lambda d: True)
    datetime.date(2029, 2, 28)
    """
    try:
        last = day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        last = date(day.year + years, 2, 28)
    while not is_working_day(last):
        last += timedelta(days=1)
    return last


def next_period(period: Period, cadence: str) -> Period:
    return period_of(period.end + timedelta(days=1), cadence)


def proposal_deadline(period: Period, day_of_month: int) -> date:
    """ "On or before the Kth" of the period's first month (capped at the
    month's last day)."""
    last = (_add_months(period.start, 1) - timedelta(days=1)).day
    return period.start.replace(day=min(day_of_month, last))


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the owners' assembly "every N months");
    with no such day (31st, 29 February) the last day of that month."""
    first = _add_months(day, months)
    last = (_add_months(first, 1) - timedelta(days=1)).day
    return first.replace(day=min(day.day, last))
