"""The addon's one way of working through many records in a scheduled job."""

import logging

from ..tools.cron_lock import CONCURRENCY_ERRORS, commit_job, retry_later


def run_in_batches(records, process, batch_size, what, job):
    """Call ``process(batch)`` on ``records`` batch by batch, each in a
    savepoint; a failing batch is retried record by record, and a failing
    record is logged (``what`` names the work) and skipped, so that one bad
    record never stops the others.

    A concurrent transaction getting in the way (a serialization failure, a
    lock, a deadlock) is not a bad record: the batch is neither retried one
    by one nor skipped, the run stops there and the scheduler runs ``job``
    again soon, on a fresh snapshot. ``job`` is that scheduled method, bound to
    its model (``self._cron_sweep``): the jobs are idempotent.

    Each batch is a fresh recordset (prefetching within the batch only) and
    the cache is flushed and emptied after it, so that the cost of a batch
    does not depend on how many records there are in all; the scheduler is
    told the progress, and each batch is committed on its own in a scheduled
    run (``commit_job``).

    Returns False when the run stopped before the end (a concurrent
    transaction, or another run took over the job: it does the rest)."""
    env = records.env
    ids = records.ids
    total = len(ids)
    for start in range(0, total, batch_size):
        batch = records.browse(ids[start : start + batch_size])
        try:
            # failures are logged by the module of the job that met them
            _process_batch(batch, process, what, logging.getLogger(job.__module__))
        except CONCURRENCY_ERRORS:
            env.invalidate_all()
            retry_later(
                job.__self__, job.__name__, "%s of %s %s", what, batch._name, batch.ids
            )
            return False
        env.flush_all()
        env.invalidate_all()
        env["ir.cron"]._notify_progress(
            done=start + len(batch), remaining=total - start - len(batch)
        )
        if not commit_job(env):
            return False
    return True


def _process_batch(batch, process, what, logger):
    cr = batch.env.cr
    try:
        with cr.savepoint():
            process(batch)
        return
    except CONCURRENCY_ERRORS:
        raise
    except Exception:
        if len(batch) == 1:
            logger.exception("%s failed for %s %s", what, batch._name, batch.id)
            return
        logger.exception("%s failed for a batch; one by one now", what)
    for record in batch:
        try:
            with cr.savepoint():
                process(record)
        except CONCURRENCY_ERRORS:
            raise
        except Exception:
            logger.exception("%s failed for %s %s", what, record._name, record.id)
