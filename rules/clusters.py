"""When many owners raise the same thing: a cluster of requests.

Owners' requests of one category about one building form a cluster when at
least ``threshold`` of them were received within ``window_days`` consecutive
days (the day of the newest one and the ``window_days - 1`` days before it):
the service-centre head is then prompted to propose a special meeting
(many owners complaining about one thing).
"""

from datetime import date, timedelta


def window_start(day: date, window_days: int) -> date:
    """The first day of the window of ``window_days`` days ending on ``day``."""
    return day - timedelta(days=max(window_days, 1) - 1)


def in_window(days, day: date, window_days: int) -> int:
    """How many of ``days`` fall in the window ending on ``day``."""
    start = window_start(day, window_days)
    return sum(1 for other in days if start <= other <= day)


def is_cluster(days, day: date, threshold: int, window_days: int) -> bool:
    """Whether, with the request received on ``day``, the requests received
    on ``days`` (that one included) reach ``threshold`` within some window
    of ``window_days`` days that contains ``day``: a request recorded late
    (received some days ago) completes a cluster too."""
    if threshold <= 0:
        return False
    span = timedelta(days=max(window_days, 1) - 1)
    return any(
        in_window(days, end, window_days) >= threshold
        for end in sorted(set(days))
        if day <= end <= day + span
    )
