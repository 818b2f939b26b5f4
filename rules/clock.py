"""One clock: the date the company lives by.

"Today", every deadline and every overdue flag are dates in the company's time
zone (default China Standard Time), whatever the server's, the job user's or
the browser's zone. Moments (``Datetime``) stay in UTC; only the date people
read is taken in the company's zone.
"""

from datetime import date, datetime

import pytz

#: the zone a company lives by unless it says otherwise
DEFAULT_TZ = "Asia/Shanghai"


def local_date(tz_name: str | None, moment: datetime) -> date:
    """The date in zone ``tz_name`` at ``moment`` (naive UTC, as Odoo stores
    moments, or aware). An unknown or empty zone counts as ``DEFAULT_TZ``.

    >>> local_date("Asia/Shanghai", datetime(2026, 11, 30, 16, 30))
    datetime.date(2026, 12, 1)
    """
    try:
        zone = pytz.timezone(tz_name or DEFAULT_TZ)
    except pytz.UnknownTimeZoneError:
        zone = pytz.timezone(DEFAULT_TZ)
    if moment.tzinfo is None:
        moment = pytz.utc.localize(moment)
    return moment.astimezone(zone).date()
