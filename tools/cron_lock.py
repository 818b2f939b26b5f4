"""One run at a time for the addon's scheduled jobs, each job in its own
transaction."""

import functools
import logging
import zlib
from datetime import timedelta

from psycopg2 import errors

from odoo import fields, modules
from odoo.tools import config

_logger = logging.getLogger(__name__)

#: first key of the addon's advisory locks (crc32 of "hoa_committee")
LOCK_SPACE = zlib.crc32(b"hoa_committee") & 0x7FFFFFFF

#: the context key that holds the lock of the running job
LOCK_KEY = "hoa_single_run_lock"

#: a run skipped because another holds the lock is tried again this much later
RETRY_DELAY = timedelta(minutes=5)


def _try_lock(cr, key):
    cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_SPACE, key])
    return cr.fetchone()[0]


def _testing():
    return bool(config["test_enable"] or modules.module.current_test)


def single_run(method):
    """A job that two runs — two workers, or the scheduler and someone
    clicking "Run manually" — cannot do at once: the second finds the
    transaction-level advisory lock taken, does nothing, asks the scheduler
    to run the job again in a few minutes, and returns False. The jobs are
    idempotent, so the retried run does what the skipped one would have."""
    key = zlib.crc32(method.__qualname__.encode()) & 0x7FFFFFFF

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if not _try_lock(self.env.cr, key):
            _logger.info(
                "%s is running in another transaction: skipped, retried in %s",
                method.__qualname__,
                RETRY_DELAY,
            )
            _retrigger(self, method.__name__)
            return False
        return method(self.with_context(**{LOCK_KEY: key}), *args, **kwargs)

    return wrapper


def _retrigger(model, method_name):
    """Have the scheduler run the jobs that call ``method_name`` again soon."""
    crons = (
        model.env["ir.cron"]
        .sudo()
        .search(
            [
                ("model_id.model", "=", model._name),
                ("code", "like", f"model.{method_name}("),
            ]
        )
    )
    if crons:
        crons._trigger(fields.Datetime.now() + RETRY_DELAY)


def commit_job(env):
    """End one job of a scheduled run in its own transaction: commit what it
    did, so that a later job's failure — or a conflict at commit with a
    concurrent run — cannot undo it, and take the run's lock again.

    Only a run of the scheduler (``cron_id`` in its context: its own cursor)
    commits; a job called from anywhere else — a button, a module's data, a
    test — stays in its caller's transaction.

    Returns False when another run took the lock in between: the caller
    stops, that run does the rest."""
    key = env.context.get(LOCK_KEY)
    if key is None or not env.context.get("cron_id") or _testing():
        return True
    env.cr.commit()
    return _try_lock(env.cr, key)


#: what a concurrent transaction causes — a row updated or locked by
#: another worker or server since this transaction began: not an error, the
#: work is done again later on a fresh snapshot
CONCURRENCY_ERRORS = (
    errors.SerializationFailure,
    errors.LockNotAvailable,
    errors.DeadlockDetected,
)


def retry_later(model, method_name, what, *args):
    """A concurrent transaction got in the way of ``what`` (a %-format
    message with ``args``): say so at INFO and have the scheduler run the
    jobs calling ``method_name`` again soon — they are idempotent."""
    _logger.info(
        "%s: a concurrent transaction updated the same rows; retried in %s",
        what % args,
        RETRY_DELAY,
    )
    _retrigger(model, method_name)
