"""Benchmark: one run of the inquiry sweep over 100,000 open inquiries in 500
committees (first run: every reminder and escalation still to do), then the
same sweep again (nothing left to do), with the SQL query counts.

The query count must not grow with the number of records: it is printed for
a tenth of the data too, per batch of 1,000 inquiries.
"""

import random
import time
from datetime import timedelta

from odoo import Command, fields

ESTATES = 500
PER_ESTATE = 200
GOAL_SECONDS = 60.0
BATCH = 1000


def _setup(env, estates, per_estate, rng):
    managers = env["res.users"].create(
        [
            {
                "name": f"Bench manager {i}",
                "login": f"bench_manager_{i}",
                "groups_id": [
                    Command.link(env.ref("hoa_committee.group_hoa_manager").id)
                ],
            }
            for i in range(max(1, estates // 10))
        ]
    )
    communities = env["hoa.community"].create(
        [
            {
                "name": f"Bench estate {i}",
                "code": f"BENCH-{i}",
                "manager_id": managers[i % len(managers)].id,
            }
            for i in range(estates)
        ]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench member {i}"} for i in range(estates * 5)]
    )
    committees = env["hoa.committee"].create(
        [
            {
                "name": f"Bench committee {i}",
                "community_id": community.id,
                "term_start": fields.Date.today() - timedelta(days=100),
                "term_end": fields.Date.today() + timedelta(days=1000),
                "member_ids": [
                    Command.create(
                        {
                            "partner_id": partners[i * 5 + j].id,
                            "role": "chair" if j == 0 else "member",
                        }
                    )
                    for j in range(5)
                ],
            }
            for i, community in enumerate(communities)
        ]
    )
    committees.action_activate()
    today = fields.Date.today()
    # created as in real use (the responsible user follows each inquiry),
    # only without the "created" log message
    Inquiry = env["hoa.inquiry"].with_context(mail_create_nolog=True)
    inquiries = Inquiry
    for community in communities:
        inquiries |= Inquiry._create_in_state(
            [
                {
                    "community_id": community.id,
                    "subject": f"Bench inquiry {community.id}-{k}",
                    # received over the last 30 days: most are overdue
                    "received_date": today - timedelta(days=rng.randint(0, 30)),
                    "inquiry_type": rng.choice(["query", "suggestion", "request"]),
                    "state": rng.choice(["recorded", "assessed"]),
                }
                for k in range(per_estate)
            ]
        )
    env.flush_all()
    return inquiries


def _sweep(env):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    env["hoa.inquiry"]._cron_sweep(batch_size=BATCH)
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries


def run(env, estates=ESTATES, per_estate=PER_ESTATE, scales=(10, 1)):
    rng = random.Random(278)
    lines = []
    results = {}
    for scale in scales:
        n_estates = estates // scale
        savepoint = env.cr.savepoint()
        inquiries = _setup(env, n_estates, per_estate, rng)
        due = len(
            inquiries.filtered(
                lambda i: i.deadline <= fields.Date.today() + timedelta(days=1)
            )
        )
        first_seconds, first_queries = _sweep(env)
        second_seconds, second_queries = _sweep(env)
        batches = max(1, -(-due // BATCH))
        results[scale] = (len(inquiries), first_seconds, first_queries, batches)
        lines += [
            (
                f"inquiry sweep: {len(inquiries):,} open inquiries in {n_estates} "
                f"committees ({due:,} due by tomorrow or overdue)"
            ),
            (
                f"  first run : {first_seconds:6.1f} s, {first_queries:,} queries "
                f"({first_queries / batches:.0f} per batch of {BATCH:,})"
            ),
            (
                f"  second run: {second_seconds:6.2f} s, {second_queries:,} queries "
                "(idempotent)"
            ),
        ]
        savepoint.close(rollback=True)
        env.invalidate_all()
    n, seconds, queries, batches = results[scales[-1]]
    small = results[scales[0]]
    per_batch, per_batch_small = queries / batches, small[2] / small[3]
    speed = "met" if seconds < GOAL_SECONDS else "MISSED"
    constant = per_batch <= per_batch_small * 1.1
    lines.append(
        f"  goal < {GOAL_SECONDS:.0f} s for {n:,}: {speed}; queries per batch "
        f"{per_batch_small:.0f} → {per_batch:.0f} from {small[0]:,} to {n:,} "
        f"records: {'constant' if constant else 'GROWS'}"
    )
    return {
        "lines": lines,
        "ok": seconds < GOAL_SECONDS and constant,
    }
