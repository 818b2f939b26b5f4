"""Benchmark: the compliance refresh (the daily job and the Refresh button)
of 500 estates × 4 routine periods, on three years of their work: the first
refresh (every row created), a refresh with nothing changed (no row written)
and one after a change in one estate (only its row written)."""

import time

from odoo import fields

from . import hotspot_data

GOAL_SECONDS = 60.0


def _refresh(env):
    env.invalidate_all()
    since = fields.Datetime.now()
    start = time.perf_counter()
    env["hoa.compliance"]._refresh()
    env.flush_all()
    seconds = time.perf_counter() - start
    written = env["hoa.compliance"].search_count([("refreshed_at", ">=", since)])
    return seconds, written


def _line(figure, seconds):
    ok = seconds < GOAL_SECONDS
    status = "OK" if ok else "MISSED"
    return f"{figure}: {seconds:.1f} s (goal < {GOAL_SECONDS:.0f} s) {status}", ok


def run(env, estates=hotspot_data.ESTATES, generated=False, **_kw):
    savepoint = env.cr.savepoint()
    lines = []
    if not generated:
        start = time.perf_counter()
        built = hotspot_data.build_estates(env, estates, prefix="BCR")
        # the year the four periods fall in (the years before are not read)
        counts = hotspot_data.build_history(
            env,
            built,
            years=1,
            inquiries=hotspot_data.INQUIRIES // hotspot_data.YEARS,
            matters=hotspot_data.MATTERS // hotspot_data.YEARS,
            meetings=hotspot_data.MEETINGS // hotspot_data.YEARS,
            prefix="BCR",
        )
        lines.append(
            f"compliance refresh: built {estates} estates, "
            + ", ".join(f"{n:,} {what}" for what, n in counts.items())
            + f" in {time.perf_counter() - start:.0f} s (not timed)"
        )
    n_estates = env["hoa.community"].sudo().search_count([])
    ok = True
    seconds, written = _refresh(env)
    line, good = _line(
        f"compliance refresh, {n_estates} estates × 4 periods, first run "
        f"({written:,} rows written)",
        seconds,
    )
    lines.append(line)
    ok &= good
    seconds, written = _refresh(env)
    line, good = _line(
        f"compliance refresh again, nothing changed ({written:,} rows written)",
        seconds,
    )
    lines.append(line)
    ok &= good
    # one inquiry of one estate, due and counted in the current period,
    # answered in time after all (or not)
    env.cr.execute(
        """SELECT i.id FROM hoa_inquiry i
             JOIN hoa_compliance c ON c.community_id = i.community_id
              AND c.date_start <= i.deadline AND i.deadline <= c.date_end
            WHERE i.active AND i.deadline < %s
            ORDER BY c.date_start DESC, i.id LIMIT 1""",
        [env.company._hoa_today()],
    )
    env.cr.execute(
        "UPDATE hoa_inquiry SET sla_met = NOT COALESCE(sla_met, false), "
        "state = 'answered' WHERE id = %s",
        [env.cr.fetchone()[0]],
    )
    seconds, written = _refresh(env)
    line, good = _line(
        f"compliance refresh after one estate's change ({written:,} rows written)",
        seconds,
    )
    lines.append(line)
    ok &= good
    savepoint.close(rollback=True)
    env.invalidate_all()
    return {"lines": lines, "ok": ok}
