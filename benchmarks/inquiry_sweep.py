"""Benchmark: one run of the inquiry sweep over 100,000 open inquiries in 500
estates (first run: every deadline activity and escalation still to do), then
the same sweep again (nothing left to do), with the SQL query counts.

The query count must not grow with the number of records: the sweep runs on a
tenth of the data too, and the queries per inquiry of both runs are printed.

The estates, committees and their members are created with the ORM; the
inquiries are written in bulk with SQL as the ORM writes them (number from the
sequence, estate's committee, company and head, deadline on the estate's
working-day calendar, the head following each one), in a few seconds instead
of the ORM's minutes.

    python3 benchmarks/run.py -d DB --addons-path=PATH --only inquiry_sweep \
        [--sweep-inquiries 20000]
"""

import os
import random
import time
from datetime import timedelta

from psycopg2.extras import execute_values

from odoo import Command, fields

INQUIRIES = 100_000
PER_ESTATE = 200
GOAL_SECONDS = 60.0
#: the sweep's batch size (its default)
BATCH = 2000
#: queries per inquiry may differ this much between the two sizes
FLAT_TOLERANCE = 0.05


def _setup_estates(env, estates):
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
    return communities


def _reserve_names(env, code, days):
    """Numbers of the ``code`` sequence for records of ``days``, reserved in
    one block per year of the sequence (as many ``next_by_code`` would give
    them, in the order of ``days``)."""
    sequence = env["ir.sequence"].search(
        [("code", "=", code), ("company_id", "in", [env.company.id, False])],
        order="company_id",
        limit=1,
    )
    by_range, ranges = {}, {}
    for index, day in enumerate(days):
        if day.year not in ranges:  # the addon's sequences run by year
            ranges[day.year] = sequence._get_current_sequence(sequence_date=day)
        by_range.setdefault(ranges[day.year], []).append(index)
    names = [None] * len(days)
    for date_range, indexes in by_range.items():
        env.cr.execute(
            "UPDATE ir_sequence_date_range SET number_next = number_next + %s "
            "WHERE id = %s RETURNING number_next - %s",
            [len(indexes), date_range.id, len(indexes)],
        )
        first = env.cr.fetchone()[0]
        date_range.invalidate_recordset(["number_next"])
        prefix, suffix = sequence._get_prefix_suffix(
            date=date_range.date_from, date_range=date_range.date_from
        )
        for number, index in enumerate(indexes, first):
            names[index] = f"{prefix}{number:0{sequence.padding}d}{suffix}"
    return names


def _bulk_inquiries(env, communities, per_estate, rng):
    """``per_estate`` open inquiries in each estate, written with SQL as the
    ORM writes them; returns their ids."""
    Inquiry = env["hoa.inquiry"]
    today = fields.Date.today()
    # one made by the ORM: the followers' subtypes the others copy
    model = Inquiry.with_context(mail_create_nolog=True)._create_in_state(
        [
            {
                "community_id": communities[0].id,
                "subject": "Bench inquiry (ORM)",
                "received_date": today - timedelta(days=10),
                "state": "recorded",
            }
        ]
    )
    env.flush_all()
    follower = model.message_follower_ids[:1]
    subtype_ids = follower.subtype_ids.ids
    rows = []
    for community in communities:
        calendar = community.workday_calendar_id
        table = calendar._workday_table()
        received = [
            # received over the last 30 days: most are overdue
            today - timedelta(days=rng.randint(0, 30))
            for _k in range(per_estate)
        ]
        days = community.company_id.hoa_inquiry_answer_days
        deadlines = table.add_working_days_batch(received, days)
        for k, (day, deadline) in enumerate(zip(received, deadlines, strict=True)):
            rows.append(
                (
                    community,
                    day,
                    deadline,
                    bool(table.missing_years(day, deadline)),
                    f"Bench inquiry {community.id}-{k}",
                    rng.choice(["query", "suggestion", "request"]),
                    rng.choice(["recorded", "assessed"]),
                )
            )
    names = _reserve_names(env, Inquiry._sequence_code, [row[1] for row in rows])
    uid = env.uid
    now = fields.Datetime.now()
    values = [
        (
            name,
            community.id,
            community.committee_id.id,
            community.company_id.id,
            community.manager_id.id or None,
            subject,
            kind,
            "letter",
            state,
            day,
            deadline,
            missing,
            False,
            True,
            False,
            uid,
            uid,
            now,
            now,
        )
        for name, (community, day, deadline, missing, subject, kind, state) in zip(
            names, rows, strict=True
        )
    ]
    ids = execute_values(
        env.cr._obj,
        """
        INSERT INTO hoa_inquiry (
            name, community_id, committee_id, company_id, user_id, subject,
            inquiry_type, channel, state, received_date, deadline,
            workday_data_missing, answer_at_meeting, active, sla_met,
            create_uid, write_uid, create_date, write_date)
        VALUES %s RETURNING id
        """,
        values,
        page_size=5000,
        fetch=True,
    )
    ids = [row[0] for row in ids]
    # the estate's head follows each inquiry (``_subscribe_responsible``)
    env.cr.execute(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'hoa.inquiry', i.id, u.partner_id
          FROM hoa_inquiry i JOIN res_users u ON u.id = i.user_id
         WHERE i.id = ANY(%s)
        RETURNING id
        """,
        [ids],
    )
    follower_ids = [row[0] for row in env.cr.fetchall()]
    if subtype_ids:
        env.cr.execute(
            """
            INSERT INTO mail_followers_mail_message_subtype_rel
                   (mail_followers_id, mail_message_subtype_id)
            SELECT f, s FROM unnest(%s::int[]) f, unnest(%s::int[]) s
            """,
            [follower_ids, subtype_ids],
        )
    env.invalidate_all()
    # the planner's statistics of a live database (ANALYZE samples the rows
    # this transaction wrote): without them it plans for empty tables
    env.cr.execute("ANALYZE hoa_inquiry, mail_followers, mail_message, mail_activity")
    return [model.id, *ids]


def _setup(env, count, rng):
    per_estate = min(PER_ESTATE, count)
    estates = max(1, count // per_estate)
    start = time.perf_counter()
    communities = _setup_estates(env, estates)
    env.flush_all()
    estates_seconds = time.perf_counter() - start
    start = time.perf_counter()
    # the ORM-made one counts among the estate's inquiries
    ids = _bulk_inquiries(env, communities, per_estate, rng)
    return ids, estates, estates_seconds, time.perf_counter() - start


def _sweep(env):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start, cpu = time.perf_counter(), time.process_time()
    env["hoa.inquiry"]._cron_sweep()
    # and what runs as it commits (the estates' compliance rows)
    env.cr.flush()
    return (
        time.perf_counter() - start,
        env.cr.sql_log_count - queries,
        time.process_time() - cpu,
    )


def _measure(env, size):
    rng = random.Random(278)
    ids, estates, estates_seconds, inquiries_seconds = _setup(env, size, rng)
    env.cr.commit()
    env.cr.execute("ANALYZE")
    until = fields.Date.today() + timedelta(days=1)
    env.cr.execute(
        "SELECT count(*) FROM hoa_inquiry WHERE id = ANY(%s) AND deadline <= %s",
        [ids, until],
    )
    due = env.cr.fetchone()[0]
    first_seconds, first_queries, first_cpu = _sweep(env)
    second_seconds, second_queries, _cpu = _sweep(env)
    env.cr.execute(
        """
        SELECT count(*) FILTER (WHERE state = 'escalated'),
               count(*) FILTER (WHERE escalated_date IS NOT NULL)
          FROM hoa_inquiry WHERE id = ANY(%s)
        """,
        [ids],
    )
    escalated, stamped = env.cr.fetchone()
    batches = -(-due // BATCH) + -(-escalated // BATCH)
    lines = [
        (
            f"inquiry sweep: {len(ids):,} open inquiries in {estates} estates "
            f"({due:,} due by tomorrow or overdue; built in "
            f"{estates_seconds:.1f} s estates + {inquiries_seconds:.1f} s "
            "inquiries in bulk, committed)"
        ),
        (
            f"  first run : {first_seconds:6.1f} s ({first_cpu:.1f} s of it in "
            f"Python; load average {os.getloadavg()[0]:.1f}), "
            f"{first_queries:,} queries ({first_queries / len(ids):.3f} per "
            f"inquiry, {first_queries / batches:.0f} per batch of "
            f"{BATCH:,}), {escalated:,} escalated"
        ),
        (
            f"  second run: {second_seconds:6.2f} s, {second_queries:,} queries "
            f"(idempotent: {stamped - escalated:,} more stamped)"
        ),
    ]
    return lines, (len(ids), first_seconds, first_queries)


def run(database, on_a_copy, count=INQUIRIES, small=None):
    """The sweep over ``count`` open inquiries and over ``small`` (a tenth
    of them unless given), each on its own copy of ``database``
    (``on_a_copy(database, work)``): the inquiries are committed and the
    database analysed before the sweep, as at night, when the sweep meets
    inquiries recorded days before."""
    small = small or max(PER_ESTATE, count // 10)
    lines = []
    results = {}
    for size in (small, count):
        size_lines, results[size] = on_a_copy(
            database, lambda env, size=size: _measure(env, size)
        )
        lines += size_lines
    n, seconds, queries = results[count]
    n_small, _seconds, queries_small = results[small]
    per, per_small = queries / n, queries_small / n_small
    flat = per <= per_small * (1 + FLAT_TOLERANCE)
    lines += [
        (
            f"inquiry sweep, first run over {n:,} open inquiries: {seconds:.1f} s "
            f"(goal < {GOAL_SECONDS:.0f} s) "
            f"{'OK' if seconds < GOAL_SECONDS else 'MISSED'}"
        ),
        (
            f"inquiry sweep, queries per inquiry: {per_small:.3f} at {n_small:,}, "
            f"{per:.3f} at {n:,} (goal flat: no more per inquiry at the larger "
            f"size, {FLAT_TOLERANCE:.0%} tolerance) {'OK' if flat else 'MISSED'}"
        ),
    ]
    return {"lines": lines, "ok": seconds < GOAL_SECONDS and flat}
