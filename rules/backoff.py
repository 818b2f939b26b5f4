"""When a message that could not be sent is tried again (发送重试)."""

from datetime import timedelta

#: minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt
DELAYS = (1, 5, 15, 60)

#: attempts before a message that keeps failing is given up
MAX_ATTEMPTS = 5


def next_attempt_delay(attempts):
    """The wait before the next attempt after ``attempts`` failed ones, or
    ``None`` when the message is given up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return timedelta(minutes=DELAYS[min(max(attempts, 1), len(DELAYS)) - 1])
