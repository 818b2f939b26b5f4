"""Fill a copy of a database for the load test (scripts/loadtest) and write
who the locust users are.

    python3 benchmarks/loadtest/prepare.py -d DB --addons-path=PATH \
        --portal 200 --staff 30 --duration 300 --out users.json

It commits, through the ORM, what the addon itself would hold: estates with
units, their owners, one active committee each, portal users for the members
and the owners, one owners' decision open for voting with every owner on its
roll, held meetings whose minutes the members sign, overdue inquiries for the
nightly sweep, and staff, heads and leadership in the back office. Every
user's password is the same (``--password``), hashed once. The addon's jobs are
made due now and again every minute of the run, so that the schedulers of
both servers compete for them.
"""

import argparse
import json
import sys
from datetime import datetime, timedelta

import odoo
from odoo import SUPERUSER_ID, Command, api, fields

#: members of each committee the load test builds (odd, between 5 and 11)
COMMITTEE_SIZE = 7
#: held meetings with minutes to sign, per committee
MEETINGS_PER_COMMITTEE = 3
#: overdue inquiries per estate, for the nightly sweep to escalate
OVERDUE_INQUIRIES = 10
#: the back-office roles of the staff users, in turn
STAFF_GROUPS = (
    "hoa_committee.group_hoa_user",
    "hoa_committee.group_hoa_manager",
    "hoa_committee.group_hoa_leadership",
)


def client_ip(index):
    """A distinct client address per portal user, sent as X-Forwarded-For
    (proxy_mode): loopback, never contacted."""
    return f"127.1.{index // 250}.{index % 250 + 1}"


def _users(env, rows, groups, password_hash):
    """Create users in one batch and give them the password hash in SQL (one
    hash for all: logging in still checks it as Odoo does)."""
    Users = env["res.users"].with_context(no_reset_password=True)
    users = Users.create(
        [
            {
                **row,
                "groups_id": [Command.set(groups)],
                "lang": "zh_CN",
                "tz": "Asia/Shanghai",
            }
            for row in rows
        ]
    )
    env.flush_all()
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
        [password_hash, users.ids],
    )
    return users


def open_session(env, user):
    """A session of ``user`` in the servers' session store (data_dir), as
    Odoo's login leaves it: the user is signed in already. A login costs
    the password hash (PBKDF2, 600,000 rounds: seconds of CPU on a busy
    2-core machine), which is not what the load test measures."""
    from odoo.http import get_default_session, root

    session = root.session_store.new()
    session.update(get_default_session())
    session.update(
        {
            "db": env.cr.dbname,
            "login": user.login,
            "uid": user.id,
            "context": dict(env["res.users"].with_user(user).context_get()),
            "session_token": user._compute_session_token(session.sid),
        }
    )
    root.session_store.save(session)
    return session.sid


def _schedule_jobs(env, duration):
    """Every job of the addon is due now and again every minute of the run."""
    crons = (
        env["ir.model.data"]
        .search([("module", "=", "hoa_committee"), ("model", "=", "ir.cron")])
        .mapped("res_id")
    )
    crons = env["ir.cron"].browse(crons).exists().filtered("active")
    now = fields.Datetime.now()
    crons.write({"nextcall": now})
    env["ir.cron.trigger"].create(
        [
            {"cron_id": cron.id, "call_at": now + timedelta(minutes=minute)}
            for cron in crons
            for minute in range(1, max(1, duration // 60) + 1)
        ]
    )
    return crons


def serve_notice_in_time(meeting, day):
    """Every member owed ``meeting``'s notice signed its paper receipt on
    ``day``: the proof of service recorded as a past fact (as the tests'
    fixture of the same name does)."""
    return (
        meeting.env["hoa.service"]
        .sudo()
        ._create_in_state(
            [
                {
                    "res_model": meeting._name,
                    "res_id": meeting.id,
                    "document": "meeting_notice",
                    "partner_id": partner.id,
                    "channel": "paper",
                    "state": "received",
                    "served_date": day,
                    "receipt_date": day,
                    "receipt_signed_by": partner.name,
                    "committee_id": meeting.committee_id.id,
                    "community_id": meeting.community_id.id,
                    "company_id": meeting.company_id.id,
                }
                for partner in meeting._notice_members()
            ]
        )
    )


def prepare(env, portal=200, staff=30, duration=300, password="loadtest", tag=""):
    env = env(context=dict(env.context, tracking_disable=True, lang="zh_CN"))
    today = env.company._hoa_today()
    password_hash = env["res.users"]._crypt_context().hash(password)
    n_committees = max(1, round(portal * 0.2 / COMMITTEE_SIZE))
    n_members = n_committees * COMMITTEE_SIZE
    n_owners = max(1, portal - n_members)
    portal_group = env.ref("base.group_portal").id

    estates = env["hoa.community"].create(
        [
            {"name": f"压力测试家园{tag}-{i + 1}", "code": f"LT{tag}-{i + 1}"}
            for i in range(n_committees)
        ]
    )
    # owners of the first estate vote; every member owns a unit of their estate
    owner_partners = env["res.partner"].create(
        [{"name": f"业主{tag}-{i + 1:03d}"} for i in range(n_owners)]
    )
    member_partners = env["res.partner"].create(
        [{"name": f"委员{tag}-{i + 1:03d}"} for i in range(n_members)]
    )
    units = [
        {
            "community_id": estates[0].id,
            "name": f"{i // 100 + 1}-1-{i % 100 + 1:02d}01",
            "area": 80.0 + i % 40,
            "owner_id": partner.id,
        }
        for i, partner in enumerate(owner_partners)
    ]
    for i, partner in enumerate(member_partners):
        estate = estates[i // COMMITTEE_SIZE]
        units.append(
            {
                "community_id": estate.id,
                "name": f"50-2-{i + 1:02d}01",
                "area": 90.0,
                "owner_id": partner.id,
            }
        )
    env["hoa.unit"].create(units)

    staff_rows = [
        {
            "name": f"压力测试员工{tag}-{i + 1:02d}",
            "login": f"lt{tag}_staff_{i + 1:02d}",
        }
        for i in range(staff)
    ]
    staff_users = env["res.users"]
    for group in STAFF_GROUPS:
        rows = staff_rows[STAFF_GROUPS.index(group) :: len(STAFF_GROUPS)]
        if rows:
            staff_users |= _users(
                env,
                rows,
                [env.ref(group).id, env.ref("base.group_user").id],
                password_hash,
            )
    heads = staff_users.filtered(
        lambda u: u.has_group("hoa_committee.group_hoa_manager")
    )
    all_estates = env["hoa.community"].search([("company_id", "=", env.company.id)])
    all_estates.write({"staff_ids": [Command.link(u.id) for u in staff_users]})
    for i, estate in enumerate(estates):
        if heads:
            estate.manager_id = heads[i % len(heads)]

    committees = env["hoa.committee"]
    election = today - timedelta(days=200)
    for i, estate in enumerate(estates):
        partners = member_partners[i * COMMITTEE_SIZE : (i + 1) * COMMITTEE_SIZE]
        committee = env["hoa.committee"].create(
            {
                "name": f"{estate.name}业主委员会",
                "community_id": estate.id,
                "election_date": election,
                "term_start": election + timedelta(days=2),
                "term_end": election + timedelta(days=5 * 365 - 10),
                "member_ids": [
                    Command.create(
                        {"partner_id": p.id, "role": "chair" if j == 0 else "member"}
                    )
                    for j, p in enumerate(partners)
                ],
            }
        )
        committee.action_activate()
        committees |= committee

    members = _users(
        env,
        [
            {"name": p.name, "login": f"lt{tag}_member_{i + 1:03d}", "partner_id": p.id}
            for i, p in enumerate(member_partners)
        ],
        [portal_group],
        password_hash,
    )
    owners = _users(
        env,
        [
            {"name": p.name, "login": f"lt{tag}_owner_{i + 1:03d}", "partner_id": p.id}
            for i, p in enumerate(owner_partners)
        ],
        [portal_group],
        password_hash,
    )

    decision = env["hoa.decision"].create(
        {
            "name": f"压力测试表决{tag}：使用维修资金更换电梯",
            "community_id": estates[0].id,
            "item": "fund_use",
            "date_open": today - timedelta(days=1),
            "date_close": today + timedelta(days=14),
        }
    )
    decision.action_open()

    meetings = env["hoa.meeting"]
    for committee in committees:
        for k in range(MEETINGS_PER_COMMITTEE):
            held = datetime.combine(today, datetime.min.time()) - timedelta(
                days=20 + k, hours=6
            )
            notice_day = held.date() - timedelta(days=10)
            meeting = env["hoa.meeting"].create(
                {
                    "name": f"压力测试会议{k + 1}",
                    "committee_id": committee.id,
                    "meeting_type": "special",
                    "date_start": held,
                    "location": "物业服务中心会议室",
                    "notice_date": notice_day,
                }
            )
            serve_notice_in_time(meeting, day=notice_day)
            meeting.action_propose()
            meeting.attendance_ids.filtered("member_id").write({"present": True})
            meeting.action_hold()
            meeting.minutes = (
                "<p>会议纪要：审议电梯维修方案，全体到会委员一致同意。</p>"
            )
            meetings |= meeting

    env["hoa.inquiry"].create(
        [
            {
                "subject": f"压力测试逾期质疑{k + 1}",
                "community_id": estate.id,
                "received_date": today - timedelta(days=30),
                "channel": "letter",
                "user_id": SUPERUSER_ID,
            }
            for estate in estates
            for k in range(OVERDUE_INQUIRIES)
        ]
    )
    crons = _schedule_jobs(env, duration)
    env.cr.commit()

    sessions = {user.id: open_session(env, user) for user in members | owners}
    member_rows = []
    for i, user in enumerate(members):
        mine = meetings.filtered(
            lambda m, u=user: u.partner_id in m.attendance_ids.member_id.partner_id
        )
        member_rows.append(
            {
                "login": user.login,
                "user_id": user.id,
                "partner_id": user.partner_id.id,
                "ip": client_ip(i),
                "meetings": mine.ids,
                "session": sessions[user.id],
            }
        )
    return {
        "password": password,
        "start": fields.Datetime.to_string(fields.Datetime.now()),
        "decision_id": decision.id,
        "estate_ids": estates.ids,
        "meeting_ids": meetings.ids,
        "cron_ids": crons.ids,
        "members": member_rows,
        "owners": [
            {
                "login": user.login,
                "user_id": user.id,
                "partner_id": user.partner_id.id,
                "ip": client_ip(n_members + i),
                "session": sessions[user.id],
            }
            for i, user in enumerate(owners)
        ],
        "staff": [
            {
                "login": user.login,
                "user_id": user.id,
                "group": next(g for g in reversed(STAFF_GROUPS) if user.has_group(g)),
            }
            for user in staff_users
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--portal", type=int, default=200)
    parser.add_argument("--staff", type=int, default=30)
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument("--password", default="loadtest")
    parser.add_argument("--data-dir", required=True, help="the servers' data_dir")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [
            f"--addons-path={args.addons_path}",
            f"--data-dir={args.data_dir}",
            "--log-level=warn",
            "-d",
            args.database,
        ],
        setup_logging=True,
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        users = prepare(
            env,
            portal=args.portal,
            staff=args.staff,
            duration=args.duration,
            password=args.password,
        )
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(users, out, ensure_ascii=False, indent=1)
    sys.stderr.write(
        f"prepared: {len(users['members'])} members, {len(users['owners'])} owners, "
        f"{len(users['staff'])} staff, {len(users['meeting_ids'])} meetings, "
        f"{len(users['cron_ids'])} jobs due\n"
    )


if __name__ == "__main__":
    main()
