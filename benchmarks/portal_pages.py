"""Benchmark: the portal's list pages for a committee member with 10 and with
1,000 records of each kind: SQL queries and response time of one request,
through Odoo's whole HTTP stack (WSGI, session, routing, rendering).

The records are committed (requests run on their own cursors): run it on a
throwaway database, as ``scripts/benchmark`` does.
"""

import statistics
import time
from datetime import date, datetime, timedelta

from werkzeug.test import Client

import odoo
from odoo import Command, api, http, sql_db
from odoo.service import security

PAGES = [
    "/my",
    "/my/committee/meetings",
    "/my/committee/matters",
    "/my/committee/inquiries",
    "/my/committee/notices",
    "/my/decisions",
]
SIZES = (10, 1000)
GOAL_MS = 500.0
REPEAT = 5


def _setup(env):
    company = env.company
    run_id = int(time.time())
    partners = env["res.partner"].create(
        [{"name": f"Bench member {i}", "lang": "zh_CN"} for i in range(5)]
    )
    community = env["hoa.community"].create(
        {"name": "Bench portal estate", "code": f"BENCH-PORTAL-{run_id}"}
    )
    env["hoa.unit"].create(
        [
            {
                "community_id": community.id,
                "name": f"P-{i:03d}",
                "area": 90.0,
                "owner_id": partner.id,
            }
            for i, partner in enumerate(partners)
        ]
    )
    committee = env["hoa.committee"].create(
        {
            "name": "Bench portal committee",
            "community_id": community.id,
            "election_date": date(2025, 3, 1),
            "term_start": date(2025, 3, 3),
            "term_end": date(2030, 3, 2),
            "member_ids": [
                Command.create(
                    {"partner_id": p.id, "role": "chair" if i == 0 else "member"}
                )
                for i, p in enumerate(partners)
            ],
        }
    )
    committee.action_activate()
    user = env["res.users"].create(
        {
            "login": f"bench_portal_member_{run_id}",
            "partner_id": partners[1].id,
            "company_id": company.id,
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    return community, committee, user


def _add_records(env, community, committee, count, start):
    """``count`` more records of each kind for ``committee``."""
    today = date.today()
    numbers = range(start, start + count)
    Meeting = env["hoa.meeting"].with_context(tracking_disable=True)
    Meeting._create_in_state(
        [
            {
                "name": f"Bench meeting {i}",
                "committee_id": committee.id,
                "meeting_type": "special",
                "date_start": datetime(2026, 3, 20, 1, 30) + timedelta(days=i % 200),
                "location": "会议室",
                "state": "notified",
            }
            for i in numbers
        ]
    )
    env["hoa.matter"].with_context(tracking_disable=True)._create_in_state(
        [
            {
                "subject": f"Bench report {i}",
                "community_id": community.id,
                "category": "activity",
                "planned_date": today + timedelta(days=30),
                "delivery_method": "portal",
                "delivered_date": today,
                "state": "delivered",
            }
            for i in numbers
        ]
    )
    env["hoa.inquiry"].with_context(tracking_disable=True).create(
        [
            {
                "subject": f"Bench inquiry {i}",
                "community_id": community.id,
                "channel": "portal",
            }
            for i in numbers
        ]
    )
    env["hoa.notice"].with_context(tracking_disable=True).create(
        [
            {
                "title": f"Bench notice {i}",
                "community_id": community.id,
                "date_from": today,
                "date_to": today + timedelta(days=7),
            }
            for i in numbers
        ]
    )
    decisions = (
        env["hoa.decision"]
        .with_context(tracking_disable=True)
        .create(
            [
                {
                    "name": f"Bench decision {i}",
                    "community_id": community.id,
                    "item": "other_major",
                    "date_open": today - timedelta(days=1),
                    "date_close": today + timedelta(days=14),
                }
                for i in numbers
            ]
        )
    )
    decisions.action_open()


def _client(db, user):
    """A WSGI client with a signed-in session for ``user``."""
    session = http.root.session_store.new()
    session.update(http.get_default_session(), db=db)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, user.id, {})
        session.uid = user.id
        session.login = user.login
        session.session_token = security.compute_session_token(session, env)
        session.context = dict(env["res.users"].context_get())
    http.root.session_store.save(session)
    client = Client(http.root, use_cookies=False)
    # the cookie as a header: Client.set_cookie changed across werkzeug versions
    return lambda url: client.get(url, headers={"Cookie": f"session_id={session.sid}"})


def _measure(get, url):
    get(url)  # caches warm
    queries, times = [], []
    for _i in range(REPEAT):
        before = sql_db.sql_counter
        start = time.perf_counter()
        response = get(url)
        times.append((time.perf_counter() - start) * 1000)
        queries.append(sql_db.sql_counter - before)
        if response.status_code != 200:
            raise RuntimeError(
                f"{url} answered {response.status_code} {response.headers.get('Location')}"
            )
    return max(queries), statistics.median(times)


def run(env, sizes=SIZES):
    db = env.cr.dbname
    community, committee, user = _setup(env)
    figures = {}
    have = 0
    for size in sizes:
        _add_records(env, community, committee, size - have, have)
        have = size
        env.cr.commit()
        get = _client(db, user)
        figures[size] = {url: _measure(get, url) for url in PAGES}
    small, large = sizes[0], sizes[-1]
    title = (
        f"portal list pages: one committee member, {small:,} and {large:,} records "
        f"of each kind (queries / median ms of {REPEAT} requests)"
    )
    lines = [title]
    ok = True
    for url in PAGES:
        q_small, ms_small = figures[small][url]
        q_large, ms_large = figures[large][url]
        flat = q_large <= q_small
        fast = ms_large < GOAL_MS
        ok &= flat and fast
        lines.append(
            f"  {url:<28} {q_small:>3} q {ms_small:6.1f} ms   |  "
            f"{q_large:>3} q {ms_large:6.1f} ms   "
            f"{'constant' if flat else 'GROWS'}, "
            f"{'under' if fast else 'OVER'} {GOAL_MS:.0f} ms"
        )
    lines.append(
        "  goal: queries do not grow with the records; every page under "
        f"{GOAL_MS:.0f} ms: {'met' if ok else 'MISSED'}"
    )
    return {"lines": lines, "ok": ok, "figures": figures}
