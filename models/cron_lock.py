"""One run at a time for the addon's scheduled jobs."""

import functools
import logging
import zlib

_logger = logging.getLogger(__name__)

#: first key of the addon's advisory locks (crc32 of "hoa_committee")
LOCK_SPACE = zlib.crc32(b"hoa_committee") & 0x7FFFFFFF


def single_run(method):
    """A job that two runs — two workers, or the scheduler and someone
    clicking "Run manually" — cannot do at once: the second finds the
    transaction-level advisory lock taken, does nothing and returns False.
    The jobs are idempotent, so the skipped run loses nothing."""
    key = zlib.crc32(method.__qualname__.encode()) & 0x7FFFFFFF

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_SPACE, key]
        )
        if not self.env.cr.fetchone()[0]:
            _logger.info(
                "%s is running in another transaction: skipped", method.__qualname__
            )
            return False
        return method(self, *args, **kwargs)

    return wrapper
