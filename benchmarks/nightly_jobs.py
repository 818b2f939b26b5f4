"""Benchmark: every scheduled job of the addon run one after the other the way
Odoo's scheduler runs them (``ir.cron._run_job`` on its own cursor: the
server action again and again while it reports work remaining, then the job
rescheduled), the total wall time and the peak memory of the process; then
all of them a second time, which must change nothing.

The second run is compared table by table — mail.message, mail.activity,
mail.followers, mail.tracking.value, mail.mail, mail.notification, the
attachments of the addon's records and every table of the addon's models —
on the row count, the highest id, the latest write_date and a hash of each
column's values (which columns changed is printed). The nightly re-stamp of
``verified_at`` (the archive verification saying "checked again tonight") is
counted apart: on those tables the hashes leave out the stamp and
write_date/write_uid.

The jobs commit: run it on a throwaway database (scripts/benchmark does).
"""

import os
import threading
import time

from odoo import api
from odoo.tools import SQL

from odoo.addons.base.models.ir_cron import CompletionStatus

GOAL_SECONDS = 15 * 60
GOAL_ESTATES = 500
#: Odoo's default limit_memory_soft (2 GiB)
GOAL_MEMORY = 2048 * 1024 * 1024
#: the scheduler picks a partially done job again at once: at most this many
#: rounds of ten batches per job and run
MAX_ROUNDS = 1000

MAIL_TABLES = [
    "mail_message",
    "mail_activity",
    "mail_followers",
    "mail_tracking_value",
    "mail_mail",
    "mail_notification",
]

#: columns a nightly run may re-stamp on every row without changing anything
#: the row says: {table: columns}
RESTAMPS = {
    "hoa_archive_seal": ["verified_at"],
    "hoa_seal_timestamp": ["verified_at"],
}


def addon_crons(env):
    """The addon's scheduled jobs (their xmlid's module is hoa_committee),
    in the scheduler's order."""
    env.cr.execute(
        """SELECT res_id FROM ir_model_data
            WHERE module = 'hoa_committee' AND model = 'ir.cron'"""
    )
    ids = [row[0] for row in env.cr.fetchall()]
    return (
        env["ir.cron"]
        .with_context(active_test=False)
        .search([("id", "in", ids)], order="priority, id")
    )


# ----------------------------------------------------------------------
# Running the jobs like the scheduler
# ----------------------------------------------------------------------


def run_cron(registry, cron_id):
    """Run one job as the scheduler does (``ir.cron._process_job``): acquire
    it, ``_run_job`` (up to ten batches on its own cursor), reschedule; and
    again while it is only partially done. Returns (status, rounds)."""
    IrCron = registry["ir.cron"]
    status = None
    rounds = 0
    while rounds < MAX_ROUNDS:
        rounds += 1
        with registry.cursor() as cron_cr:
            # due now, as at its nightly hour
            cron_cr.execute(
                """UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC'
                    WHERE id = %s""",
                [cron_id],
            )
            cron_cr.commit()
            job = IrCron._acquire_one_job(cron_cr, cron_id)
            if not job:
                return "not acquired", rounds
            status = IrCron._run_job(job)
            ir_cron = api.Environment(cron_cr, job["user_id"], {})["ir.cron"]
            ir_cron._update_failure_count(job, status)
            if status in (CompletionStatus.FULLY_DONE, CompletionStatus.FAILED):
                ir_cron._reschedule_later(job)
            cron_cr.commit()
        if status != CompletionStatus.PARTIALLY_DONE:
            break
    return status, rounds


class MemorySampler(threading.Thread):
    """The peak resident and virtual memory of this process, sampled every
    ``interval`` seconds while it runs (Odoo's limit_memory_soft checks the
    virtual size on Linux)."""

    def __init__(self, interval=0.1):
        super().__init__(daemon=True)
        import psutil

        self.process = psutil.Process(os.getpid())
        self.interval = interval
        self.peak_rss = self.peak_vms = 0
        self._done = threading.Event()

    def sample(self):
        info = self.process.memory_info()
        self.peak_rss = max(self.peak_rss, info.rss)
        self.peak_vms = max(self.peak_vms, info.vms)

    def run(self):
        while not self._done.is_set():
            self.sample()
            self._done.wait(self.interval)

    def stop(self):
        self._done.set()
        self.join()
        self.sample()


def run_all(registry, cron_ids):
    """Every job once; returns (seconds, [(name, seconds, status, rounds)])."""
    timings = []
    start = time.perf_counter()
    for cron_id, name in cron_ids:
        job_start = time.perf_counter()
        status, rounds = run_cron(registry, cron_id)
        timings.append((name, time.perf_counter() - job_start, status, rounds))
    return time.perf_counter() - start, timings


# ----------------------------------------------------------------------
# What a run changed
# ----------------------------------------------------------------------


def watched_tables(registry):
    """{table: model name} of the mail tables and the addon's models."""
    tables = {}
    for name, model in registry.items():
        if (
            name.startswith("hoa.")
            and model._auto
            and not model._abstract
            and not model._transient
        ):
            tables[model._table] = name
    for table in MAIL_TABLES:
        tables[table] = table.replace("_", ".")
    return dict(sorted(tables.items()))


def _columns(cr, table):
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND table_schema = current_schema()""",
        [table],
    )
    return {row[0] for row in cr.fetchall()}


def _where(table):
    if table == "ir_attachment":
        return SQL("res_model LIKE %s", "hoa.%")
    return SQL("TRUE")


def snapshot(cr, tables):
    """{table: (count, max id, max write_date, {column: hash of its values})}
    — on the tables of :data:`RESTAMPS`, without the stamps and
    write_date/write_uid."""
    state = {}
    for table in tables:
        columns = sorted(_columns(cr, table))
        if not columns:
            continue
        if table in RESTAMPS:
            left_out = {*RESTAMPS[table], "write_date", "write_uid"}
            columns = [c for c in columns if c not in left_out]
        write_date = (
            SQL("max(write_date)")
            if "write_date" in _columns(cr, table)
            else SQL("NULL::timestamp")
        )
        hashes = SQL(", ").join(
            SQL(
                "coalesce(sum(hashtext(t.%s::text)::bigint), 0)",
                SQL.identifier(column),
            )
            for column in columns
        )
        cr.execute(
            SQL(
                "SELECT count(*), max(id), %s, %s FROM %s t WHERE %s",
                write_date,
                hashes,
                SQL.identifier(table),
                _where(table),
            )
        )
        count, max_id, max_write, *digests = cr.fetchone()
        state[table] = (
            count,
            max_id,
            max_write,
            dict(zip(columns, digests, strict=True)),
        )
    return state


def changes(cr, before, after):
    """[(table, created, changed, deleted, columns whose values changed,
    restamped)] of the tables that differ between two snapshots."""
    found = []
    for table, (count, max_id, max_write, digest) in before.items():
        count2, _max_id2, max_write2, digest2 = after[table]
        if (count, max_write, digest) == (count2, max_write2, digest2):
            continue
        cr.execute(
            SQL(
                "SELECT count(*) FROM %s WHERE id > %s AND %s",
                SQL.identifier(table),
                max_id or 0,
                _where(table),
            )
        )
        created = cr.fetchone()[0]
        changed = 0
        if max_write is not None:
            cr.execute(
                SQL(
                    "SELECT count(*) FROM %s WHERE id <= %s AND write_date > %s AND %s",
                    SQL.identifier(table),
                    max_id or 0,
                    max_write,
                    _where(table),
                )
            )
            changed = cr.fetchone()[0]
        deleted = count + created - count2
        # which columns of the rows already there changed (rows created or
        # deleted change every column's hash)
        columns = (
            sorted(c for c in digest if digest[c] != digest2.get(c))
            if not created and not deleted
            else []
        )
        restamped = 0
        if table in RESTAMPS and digest == digest2:
            restamped, changed = changed, 0
        found.append((table, created, changed, deleted, columns, restamped))
    return found


# ----------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------


def _fmt_bytes(value):
    return f"{value / 1024 / 1024:,.0f} MiB"


def run(env, repeats=2):
    """Run every job ``repeats`` times (at least 2: the first run does the
    night's work, the later ones must change nothing). Returns the lines,
    ``ok``, ``idempotent`` and the details."""
    registry = env.registry
    with registry.cursor() as cr:
        crons = addon_crons(api.Environment(cr, env.uid, {}))
        names = {cron.id: " ".join(cron.cron_name.split()) for cron in crons}
        cron_ids = [(cron.id, names[cron.id]) for cron in crons if cron.active]
        inactive = [names[cron.id] for cron in crons if not cron.active]
        cr.execute("SELECT count(*) FROM hoa_community")
        estates = cr.fetchone()[0]
        tables = watched_tables(registry)
        tables["ir_attachment"] = "ir.attachment (of hoa.* records)"
    lines = [
        (
            f"nightly jobs: {len(cron_ids)} scheduled jobs of the addon, one after "
            f"the other as the scheduler runs them, on {estates:,} estates"
        )
    ]
    if inactive:
        lines.append(f"  inactive (not run): {', '.join(inactive)}")
    sampler = MemorySampler()
    sampler.sample()
    rss_before = sampler.peak_rss
    sampler.start()
    try:
        first, timings = run_all(registry, cron_ids)
    finally:
        sampler.stop()
    rss_first, vms_first = sampler.peak_rss, sampler.peak_vms
    failed = [name for name, _s, status, _r in timings if status == "failed"]
    for name, seconds, status, rounds in timings:
        lines.append(
            f"    {seconds:8.2f} s  {name}: {status}"
            + (f" after {rounds} rounds" if rounds > 1 else "")
        )
    lines.append(
        f"  every nightly job, run 1: {first:,.1f} s for {estates:,} estates "
        f"(goal < {GOAL_SECONDS // 60} min for {GOAL_ESTATES} estates) "
        f"{'OK' if first < GOAL_SECONDS and not failed else 'MISSED'}"
        + (f" — FAILED: {', '.join(failed)}" if failed else "")
    )
    found = []
    later_seconds = []
    for _run in range(max(1, repeats - 1)):
        with registry.cursor() as cr:
            before = snapshot(cr, tables)
        sampler = MemorySampler()
        sampler.start()
        try:
            seconds, timings2 = run_all(registry, cron_ids)
        finally:
            sampler.stop()
        later_seconds.append(seconds)
        failed += [
            n for n, _s, st, _r in timings2 if st == "failed" and n not in failed
        ]
        rss_first = max(rss_first, sampler.peak_rss)
        vms_first = max(vms_first, sampler.peak_vms)
        with registry.cursor() as cr:
            after = snapshot(cr, tables)
            found += changes(cr, before, after)
    real = [c for c in found if c[1] or c[2] or c[3] or c[4]]
    restamped = [c for c in found if c[5] and not (c[1] or c[2] or c[3] or c[4])]
    idempotent = not real
    lines.append(
        f"  every nightly job, run 2: {max(later_seconds):,.1f} s; changes "
        f"nothing (goal: idempotent) {'OK' if idempotent else 'MISSED — NOT idempotent'}"
    )
    for table, created, changed, deleted, content, _restamped in real:
        lines.append(
            f"    {tables[table]}: {created:,} created, {changed:,} changed, "
            f"{deleted:,} deleted"
            + (f"; values changed in {', '.join(content)}" if content else "")
        )
    for table, _c, _ch, _d, _content, count in restamped:
        lines.append(
            f"    {tables[table]}: {count:,} rows re-stamped "
            f"({', '.join(RESTAMPS[table])}, counted apart: nothing else changed)"
        )
    rss_ok = rss_first < GOAL_MEMORY
    vms_ok = vms_first < GOAL_MEMORY
    lines += [
        (
            f"  peak memory (RSS) of the process during the jobs: "
            f"{_fmt_bytes(rss_first)}, {_fmt_bytes(rss_before)} before they started "
            f"(goal < {_fmt_bytes(GOAL_MEMORY)}) {'OK' if rss_ok else 'MISSED'}"
        ),
        (
            f"  peak virtual memory (what limit_memory_soft checks on Linux): "
            f"{_fmt_bytes(vms_first)} (goal < {_fmt_bytes(GOAL_MEMORY)}) "
            f"{'OK' if vms_ok else 'MISSED'}"
        ),
    ]
    return {
        "lines": lines,
        "ok": first < GOAL_SECONDS and not failed and idempotent and rss_ok and vms_ok,
        "idempotent": idempotent,
        "changes": real,
        "restamped": restamped,
        "failed": failed,
        "seconds": first,
        "peak_rss": rss_first,
        "peak_vms": vms_first,
    }
