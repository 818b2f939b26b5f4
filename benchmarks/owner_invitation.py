"""Benchmark: invite every owner of an estate the size of the demo's 亮马河
(10 buildings × 2 entrances × 20 floors × 2 rooms = 800 units, 24 held by
the developer, 15 owners of two units: about 760 owners), as the background
job does it — batch after batch — with the SQL query count per owner.
"""

import time

from odoo import Command

#: the layout and seed of the demo estate 亮马河
LAYOUT = (10, 2, 20, 2)
SEED = 278
GOAL_SECONDS = 120.0


def _estate(env):
    """The demo estate 亮马河 when the database has it, else one like it."""
    demo = env.ref("hoa_committee.hoa_community_demo_lmh", raise_if_not_found=False)
    if demo:
        return demo, "demo estate 亮马河"
    env["res.lang"]._activate_lang("zh_CN")
    manager = env["res.users"].create(
        {
            "name": "Bench head",
            "login": "bench_owner_head",
            "groups_id": [Command.link(env.ref("hoa_committee.group_hoa_manager").id)],
        }
    )
    estate = env["hoa.community"].create(
        {"name": "Bench estate 亮马河", "code": "BENCH-LMH", "manager_id": manager.id}
    )
    env["hoa.demo.data"]._generate_units(
        estate.id, LAYOUT, SEED, options={"developer_units": 24, "double_owners": 15}
    )
    return estate, "an estate like 亮马河"


def run(env):
    estate, label = _estate(env)
    Invitation = env["hoa.owner.invitation"]
    queries_before = env.cr.sql_log_count
    start = time.perf_counter()
    invitation = Invitation._hoa_start(estate)
    while invitation.state == "running":
        invitation._hoa_process_batch()
    env.flush_all()
    seconds = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries_before
    owners = invitation.total
    ok = seconds < GOAL_SECONDS and invitation.invited_count > 0
    lines = [
        (
            f"owner invitation ({label}): {owners} owners, "
            f"{invitation.invited_count} invited, {invitation.skipped_count} "
            f"already had an account, {len(invitation.failure_ids)} not invited"
        ),
        (
            f"  time {seconds:.1f} s (goal < {GOAL_SECONDS:.0f} s), "
            f"{queries / max(owners, 1):.1f} queries per owner"
            + ("" if ok else "  <-- GOAL MISSED")
        ),
    ]
    return {"lines": lines, "ok": ok, "seconds": seconds}
