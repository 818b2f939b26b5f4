"""Benchmark: the tally of an estate of 20,000 units and 20,000 ballots, with
the addon's aggregate query and with a naive per-ballot ORM loop."""

import random
import time
from datetime import timedelta

from odoo import fields

from ..rules.voting import Tally, evaluate

UNITS = 20_000
GOAL_MS = 200.0


def run(env, units=UNITS):
    rng = random.Random(278)
    developer = env["res.partner"].create(
        {"name": "Bench developer", "is_company": True}
    )
    community = env["hoa.community"].create(
        {
            "name": "Bench decision estate",
            "code": "BENCH-DEC",
            "developer_partner_id": developer.id,
        }
    )
    owners = env["res.partner"].create(
        [{"name": f"Bench owner {i}"} for i in range(units)]
    )
    Unit = env["hoa.unit"].with_context(tracking_disable=True, mail_create_nolog=True)
    Unit.create(
        [
            {
                "community_id": community.id,
                "name": f"U-{i:05d}",
                "area": round(rng.uniform(45, 180), 2),
                "owner_id": owners[i % len(owners)].id,
                "developer_held": i % 97 == 0,
            }
            for i in range(units)
        ]
    )
    decision = env["hoa.decision"].create(
        {
            "name": "Bench decision",
            "community_id": community.id,
            "item": "fund_use",
            # ballots are entered in the voting window only
            "date_open": fields.Date.context_today(env.user) - timedelta(days=1),
            "date_close": fields.Date.context_today(env.user) + timedelta(days=30),
        }
    )
    start = time.perf_counter()
    decision.action_open()
    env.flush_all()
    roll_seconds = time.perf_counter() - start
    voters = decision.voter_ids
    env["hoa.decision.ballot"].create(
        [
            {
                "decision_id": decision.id,
                "partner_id": voter.partner_id.id,
                "choice": rng.choice(["agree", "agree", "oppose", "abstain"]),
                # cast in the portal: no scans of 20,000 paper ballots to store
                "channel": "portal",
            }
            for voter in voters
        ]
    )
    env.flush_all()
    env.invalidate_all()

    start = time.perf_counter()
    tally = decision._tallies()[decision.id][0]
    result = evaluate(decision.item, tally)
    ours_ms = (time.perf_counter() - start) * 1000

    env.invalidate_all()
    start = time.perf_counter()
    naive = [0, 0, 0, 0, 0, 0]
    for voter in decision.voter_ids:
        naive[0] += voter.area_centi
        naive[1] += 1
    for ballot in decision.ballot_ids:
        naive[2] += ballot.voter_id.area_centi
        naive[3] += 1
        if ballot.choice == "agree":
            naive[4] += ballot.voter_id.area_centi
            naive[5] += 1
    naive_ms = (time.perf_counter() - start) * 1000
    same = Tally(*naive) == tally
    ok = ours_ms < GOAL_MS and same
    speed = "met" if ours_ms < GOAL_MS else "MISSED"
    lines = [
        (
            f"decision tally: {units:,} units, {len(voters):,} voters (one developer "
            f"bloc), {len(decision.ballot_ids):,} ballots; roll frozen in "
            f"{roll_seconds:.1f} s"
        ),
        f"  aggregate query: {ours_ms:8.1f} ms   (goal < {GOAL_MS:.0f} ms: {speed})",
        (
            f"  naive ORM loop : {naive_ms:8.1f} ms   ratio {naive_ms / ours_ms:,.0f}×; "
            f"same tally: {same}; passed: {result.passed}"
        ),
    ]
    return {"lines": lines, "ok": ok}
