"""Benchmark: 100,000 deadlines on the China calendar.

``add_working_days_batch`` against Odoo's ``resource.calendar.plan_days`` on a
calendar carrying the same holidays as global leaves (it has no way to express
make-up workdays, so results differ exactly where one is involved).
"""

import random
import time
from datetime import (
    date,
    datetime,
    time as dtime,
    timedelta,
)

COUNT = 100_000
N = 3
GOAL_SECONDS = 1.0
GOAL_RATIO = 20


def run(env, count=COUNT, plan_days_count=None):
    rng = random.Random(2026)
    first, last = date(2024, 1, 1), date(2026, 12, 31)
    span = (last - first).days
    days = [first + timedelta(days=rng.randint(0, span)) for _ in range(count)]
    calendar = env.ref("hoa_committee.workday_calendar_cn")
    calendar._workday_table()  # the table is built once per process and cached

    start = time.perf_counter()
    ours = calendar._add_working_days_batch(days, N)
    ours_seconds = time.perf_counter() - start

    resource_calendar = _resource_calendar_with_holidays(env, calendar)
    sample = days if plan_days_count is None else days[:plan_days_count]
    start = time.perf_counter()
    theirs = [
        resource_calendar.plan_days(
            N, datetime.combine(day + timedelta(days=1), dtime.min), compute_leaves=True
        ).date()
        for day in sample
    ]
    plan_seconds = time.perf_counter() - start
    plan_seconds_full = plan_seconds * len(days) / len(sample)

    table = calendar._workday_table()
    differ = [
        (day, a, b) for day, a, b in zip(sample, ours, theirs, strict=False) if a != b
    ]
    unexplained = [
        (day, a, b)
        for day, a, b in differ
        if not any(d in table.workdays for d in _days_between(day, max(a, b)))
    ]
    ratio = plan_seconds_full / ours_seconds
    extrapolated = ""
    if len(sample) != count:
        extrapolated = f" → {plan_seconds_full:.1f} s for {count:,} (extrapolated)"
    speed_ok = "met" if ours_seconds < GOAL_SECONDS else "MISSED"
    ratio_ok = "met" if ratio >= GOAL_RATIO else "MISSED"
    lines = [
        f"deadlines: {count:,} start days 2024–2026, n = {N} working days",
        (
            f"  add_working_days_batch: {ours_seconds:.3f} s"
            f"   (goal < {GOAL_SECONDS:.0f} s: {speed_ok})"
        ),
        (
            f"  resource.calendar.plan_days: {plan_seconds:.1f} s"
            f" for {len(sample):,} days{extrapolated}"
        ),
        f"  ratio: {ratio:,.0f}× faster   (goal ≥ {GOAL_RATIO}×: {ratio_ok})",
        (
            f"  results that differ: {len(differ):,} of {len(sample):,};"
            f" not explained by a make-up workday: {len(unexplained)}"
        ),
    ]
    return {
        "lines": lines,
        "ours_seconds": ours_seconds,
        "ratio": ratio,
        "differ": len(differ),
        "unexplained": unexplained,
    }


def _days_between(first, last):
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _resource_calendar_with_holidays(env, calendar):
    resource_calendar = env["resource.calendar"].create(
        {"name": "Benchmark: China holidays as leaves", "tz": "UTC"}
    )
    table = calendar._workday_table()
    env["resource.calendar.leaves"].create(
        [
            {
                "name": "Holiday",
                "calendar_id": resource_calendar.id,
                "date_from": datetime.combine(day, dtime.min),
                "date_to": datetime.combine(day, dtime(23, 59, 59)),
            }
            for day in sorted(table.holidays)
            if day.year >= 2023
        ]
    )
    return resource_calendar
