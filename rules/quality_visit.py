"""The quality department's half-year visit (seed § "每半年"; domain rule 7).

The visit is the half-year report meeting held in the last weeks of June
(the half-year report) and of December (the annual report). Its work report
covers the whole half year, or in December the whole year.
"""

from collections.abc import Callable
from datetime import date, timedelta

from .periods import Period, half_year_of

#: the visit is proposed from this day of June or December
VISIT_FROM_DAY = 20
VISIT_MONTHS = (6, 12)


def is_visit_month(day: date) -> bool:
    """June and December are the months of the visit."""
    return day.month in VISIT_MONTHS


def proposed_visit_day(today: date, is_working_day: Callable[[date], bool]) -> date:
    """The day proposed for the visit of the half year containing ``today``:
    the first working day from the 20th of its last month, and never before
    tomorrow; the month's last day when no working day is left."""
    end = half_year_of(today).end
    day = max(end.replace(day=VISIT_FROM_DAY), today + timedelta(days=1))
    while day <= end:
        if is_working_day(day):
            return day
        day += timedelta(days=1)
    return end


def report_kind_of(day: date) -> str:
    """The work report of the visit: ``half_year`` in June, ``annual`` in
    December (the second half year's visit reports on the whole year)."""
    return "half_year" if day.month <= 6 else "annual"


def report_range(day: date, kind: str) -> Period:
    """The days a half-year or annual work report covers, labelled with the
    half year (the label the visit, the report, the repair plan and the
    evaluation of one estate share)."""
    if kind == "annual":
        year_end = date(day.year, 12, 31)
        return Period(date(day.year, 1, 1), year_end, half_year_of(year_end).label)
    return half_year_of(day)
