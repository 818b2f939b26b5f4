"""Benchmark: freezing the voter roll of a 20,000-unit estate (owners with
several units, co-owners, the developer's unsold units), as opening the vote
does; the roll is checked against :func:`rules.ownership.group_voters`.

The owners and units are written in bulk (``insert_rows``: the rows the ORM
writes, without its per-record cost), in a transaction rolled back at the end.

    python3 benchmarks/run.py -d DB --addons-path=PATH --only voter_roll
"""

import random
import time
from datetime import timedelta

from odoo import fields

from ..rules.ownership import UnitShare, group_voters
from ..tools.bulk_create import insert_rows

UNITS = 20_000
GOAL_SECONDS = 2.0


def _estate(env, units, rng):
    developer = env["res.partner"].create(
        {"name": "Bench roll developer", "is_company": True}
    )
    community = env["hoa.community"].create(
        {
            "name": "Bench roll estate",
            "code": "BENCH-ROLL",
            "developer_partner_id": developer.id,
        }
    )
    company = community.company_id
    # about 3 units for every 2 owners: many own two or three
    owners = insert_rows(
        env["res.partner"],
        [
            {"name": f"Bench roll owner {i}", "company_id": False}
            for i in range(units * 2 // 3)
        ],
    )
    env.flush_all()
    owner_ids = owners.ids
    rows = []
    for i in range(units):
        area = round(rng.uniform(45, 180), 2)
        held = i % 97 == 0  # unsold: the developer's
        rows.append(
            {
                "community_id": community.id,
                "company_id": company.id,
                "name": f"{i // 2000 + 1}-{i // 200 % 10 + 1}-{i % 200 + 101:04d}",
                "registered_area": area,
                "area": area,
                "area_basis": "registered",
                "owner_id": False if held else owner_ids[i % len(owner_ids)],
                "developer_held": held,
            }
        )
    units_made = insert_rows(env["hoa.unit"], rows)
    # every tenth unit has a co-owner (who does not vote: the owner represents)
    env.cr.execute(
        """
        INSERT INTO hoa_unit_co_owner_rel (unit_id, partner_id)
        SELECT u, %s FROM unnest(%s::int[]) u
        """,
        [owner_ids[0], units_made.ids[1::10]],
    )
    env.flush_all()
    env.invalidate_all()
    return community


def run(env, units=UNITS):
    rng = random.Random(278)
    savepoint = env.cr.savepoint()
    start = time.perf_counter()
    community = _estate(env, units, rng)
    build_seconds = time.perf_counter() - start
    today = fields.Date.context_today(env.user)
    decision = env["hoa.decision"].create(
        {
            "name": "Bench roll decision",
            "community_id": community.id,
            "item": "fund_use",
            "date_open": today,
            "date_close": today + timedelta(days=30),
        }
    )
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    decision._freeze_voter_roll()
    env.flush_all()
    seconds = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    env.invalidate_all()
    # the roll the rules compute, from the same units
    env.cr.execute(
        "SELECT id, area, owner_id, COALESCE(developer_held, false), name "
        "FROM hoa_unit WHERE community_id = %s",
        [community.id],
    )
    expected = group_voters(
        (UnitShare(*row) for row in env.cr.fetchall()),
        community.developer_partner_id.id,
    )
    roll = {
        (v.partner_id.id, v.is_developer, v.area_centi, v.unit_count, v.unit_names)
        for v in decision.voter_ids
    }
    same = roll == {
        (
            v.owner_key,
            v.is_developer,
            v.area_centi,
            v.unit_count,
            ", ".join(v.unit_names),
        )
        for v in expected.values()
    }
    savepoint.close(rollback=True)
    env.invalidate_all()
    ok = seconds < GOAL_SECONDS and same
    return {
        "lines": [
            (
                f"voter roll: {units:,}-unit estate, {len(roll):,} voters (built in "
                f"{build_seconds:.1f} s in bulk); {queries} queries; roll "
                f"{'equals' if same else 'DIFFERS FROM'} rules.ownership.group_voters"
            ),
            (
                f"voter roll freeze, {units:,}-unit estate: {seconds:.2f} s "
                f"(goal < {GOAL_SECONDS:.0f} s) {'OK' if ok else 'MISSED'}"
            ),
        ],
        "ok": ok,
    }
