"""What a person may type into a field: texts of a sane length without NUL
characters, dates in a plausible window and numbers in a bounded range.

Postgres refuses a NUL character in a text and dates past year 9999, and
working-day arithmetic overflows long before that: a value outside these
bounds is a typing mistake or an attack, refused with a message before
anything is computed or written.
"""

import math
from datetime import date, datetime

#: the longest value of a field of each type, in characters
TEXT_MAX = {
    # subjects, titles, places, names, references
    "char": 500,
    # a letter, a reason, a summary
    "text": 20_000,
    # a formatted text: its markup counts too
    "html": 200_000,
}

#: the dates a person may enter: no estate records go back further, and
#: deadlines computed from them stay far from the calendar's end
DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2100, 12, 31)

#: a number of any kind, e.g. an amount in yuan (stored exactly below this)
NUMBER_MAX = 10**12

#: what an integer column holds (Postgres ``integer``)
INTEGER_MIN = -(2**31)
INTEGER_MAX = 2**31 - 1


def check_text(value, max_len):
    """What is wrong with the text ``value`` at most ``max_len`` long:
    ``"nul"`` (a NUL character), ``"long"``, or ``None``."""
    if not isinstance(value, str):
        return None
    if "\x00" in value:
        return "nul"
    if len(value) > max_len:
        return "long"
    return None


def date_in_window(value):
    """Whether the date (or datetime) ``value`` lies in the window."""
    if isinstance(value, datetime):
        value = value.date()
    return DATE_MIN <= value <= DATE_MAX


def number_in_range(value, low, high):
    """Whether ``value`` is a finite number from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and low <= value <= high


def number_bounds(field_type):
    """The default ``(low, high)`` of a number field of ``field_type``."""
    if field_type == "integer":
        return INTEGER_MIN, INTEGER_MAX
    return -NUMBER_MAX, NUMBER_MAX


def format_bound(value):
    """A bound as people read it: ``24``, ``2100``, ``1,000,000,000,000``
    (thousands grouped from five digits on, so that years read as years)."""
    return f"{value:,}" if abs(value) >= 10_000 else str(value)
