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


def cluster_size(days, day: date, window_days: int) -> int:
    """The most of ``days`` that fall, with ``day``, within one window of
    ``window_days`` days: a request recorded late (received some days ago)
    completes a cluster too."""
    span = timedelta(days=max(window_days, 1) - 1)
    return max(
        (
            in_window(days, end, window_days)
            for end in {*days, day}
            if day <= end <= day + span
        ),
        default=0,
    )


def is_cluster(days, day: date, threshold: int, window_days: int) -> bool:
    """Whether the requests received on ``days`` (the one of ``day``
    included) reach ``threshold`` within a window containing ``day``."""
    return threshold > 0 and cluster_size(days, day, window_days) >= threshold
