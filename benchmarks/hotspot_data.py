"""A large company for the hot-spot benchmarks (compliance refresh, archive
verification, Overdue Now), inserted with SQL in bulk inside the benchmark's
transaction (rolled back at the end): building it is not what is timed.

Only the columns the timed code reads are filled (and those the database
requires); the figures, not the records' life, are measured here. The
generated company of ``scripts/benchmark --generate`` is the full one."""

import io
import json
import random
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tools import SQL

from ..rules.periods import period_of

#: three years of history for 500 estates, as in issue 19
ESTATES = 500
YEARS = 3
INQUIRIES = 150_000
MATTERS = 40_000
MEETINGS = 20_000


def _column_types(env, table):
    env.cr.execute(
        "SELECT column_name, udt_name FROM information_schema.columns "
        "WHERE table_name = %s",
        [table],
    )
    return dict(env.cr.fetchall())


def _text(value):
    """``value`` in the text format of COPY."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat(" ")
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def insert(env, table, rows):
    """Insert ``rows`` (dicts with the same keys) into ``table`` with COPY,
    their ids taken from the table's sequence; return the new ids in order."""
    if not rows:
        return []
    cr = env.cr
    types = _column_types(env, table)
    columns = list(rows[0])
    jsonb = [c for c in columns if types[c] == "jsonb"]  # translatable fields
    cr.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, len(rows)],
    )
    ids = [row[0] for row in cr.fetchall()]
    audit = [c for c in ("create_uid", "write_uid") if c in types]
    stamps = [c for c in ("create_date", "write_date") if c in types]
    now = fields.Datetime.now()
    extra = ["1"] * len(audit) + [now.isoformat(" ")] * len(stamps)
    buffer = io.StringIO()
    for record_id, row in zip(ids, rows, strict=True):
        for column in jsonb:
            if isinstance(row[column], str):
                row[column] = json.dumps({"en_US": row[column]}, ensure_ascii=False)
        values = [str(record_id), *(_text(row[c]) for c in columns), *extra]
        buffer.write("\t".join(values) + "\n")
    buffer.seek(0)
    names = ", ".join(f'"{c}"' for c in ["id", *columns, *audit, *stamps])
    env.flush_all()
    cr._obj.copy_expert(f'COPY "{table}" ({names}) FROM STDIN', buffer)
    # the planner's statistics, as a database in use has them
    cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    return ids


def build_estates(env, estates=ESTATES, heads=10, prefix="BENCH", seed=0):
    """``estates`` estates (every third one monthly) of the current company,
    each with its active committee and a head among ``heads`` new heads (on
    each estate's team). Returns ``{"communities", "heads", "committees"}``."""
    rng = random.Random(seed)
    company = env.company
    calendar = env.ref("hoa_committee.workday_calendar_cn")
    Users = env["res.users"].with_context(no_reset_password=True)
    head_users = Users.create(
        [
            {
                "name": f"{prefix} head {i}",
                "login": f"{prefix.lower()}_head_{i}",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, [env.ref("hoa_committee.group_hoa_manager").id])],
            }
            for i in range(heads)
        ]
    )
    env.flush_all()
    community_ids = insert(
        env,
        "hoa_community",
        [
            {
                "name": f"{prefix} estate {i:04d}",
                "code": f"{prefix}-{i:04d}",
                "company_id": company.id,
                "workday_calendar_id": calendar.id,
                "meeting_cadence": "monthly" if i % 3 == 2 else "quarterly",
                "fee_model": rng.choice(["commission", "lump_sum"]),
                "manager_id": head_users[i % heads].id,
                "active": True,
            }
            for i in range(estates)
        ],
    )
    env.cr.execute(
        "INSERT INTO hoa_community_team_rel (community_id, user_id) "
        "SELECT id, manager_id FROM hoa_community WHERE id = ANY(%s)",
        [community_ids],
    )
    committee_ids = insert(
        env,
        "hoa_committee",
        [
            {
                "community_id": community_id,
                "company_id": company.id,
                "name": f"{prefix} committee {i:04d}",
                "state": "active",
            }
            for i, community_id in enumerate(community_ids)
        ],
    )
    env.cr.execute(
        "UPDATE hoa_community c SET committee_id = cm.id FROM hoa_committee cm "
        "WHERE cm.community_id = c.id AND cm.id = ANY(%s)",
        [committee_ids],
    )
    env.invalidate_all()
    return {
        "communities": env["hoa.community"].browse(community_ids),
        "heads": head_users,
        "committees": dict(zip(community_ids, committee_ids, strict=True)),
    }


def build_history(
    env,
    built,
    years=YEARS,
    inquiries=INQUIRIES,
    matters=MATTERS,
    meetings=MEETINGS,
    prefix="BENCH",
    seed=0,
):
    """The estates' work over ``years`` years up to today: routine meetings
    of each period (the rest special), contacts, inquiries, reports, notices
    and meeting action items — mostly done, some late or still open, as a
    real company's. Returns the counts."""
    rng = random.Random(seed)
    company = env.company
    today = company._hoa_today()
    first_day = today - timedelta(days=365 * years)
    communities = built["communities"]
    estates = [(c.id, c.meeting_cadence, c.manager_id.id) for c in communities]
    committees = built["committees"]
    span = (today - first_day).days

    def day_in(start, end):
        return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))

    # routine meetings and contacts: one meeting per period, contacts in it
    meeting_rows, contact_rows = [], []
    for community_id, cadence, head_id in estates:
        period = period_of(today, cadence)
        while period.end >= first_day:
            past = period.end < today
            state = (
                rng.choices(["signed", "held", "declined", "draft"], [70, 15, 5, 10])[0]
                if past
                else rng.choice(["draft", "proposed", "notified", "held"])
            )
            deadline = period.start + timedelta(
                days=14 if cadence == "quarterly" else 4
            )
            proposed = deadline + timedelta(days=rng.choice([-6, -3, -1, 0, 2, 9]))
            held_day = day_in(period.start, min(period.end, today))
            meeting_rows.append(
                {
                    "committee_id": committees[community_id],
                    "community_id": community_id,
                    "company_id": company.id,
                    "user_id": head_id,
                    "reference": f"{prefix}-M-{len(meeting_rows):07d}",
                    "name": f"Routine meeting {period.label}",
                    "meeting_type": "routine",
                    "state": state,
                    "period": period.label,
                    "period_end": period.end,
                    "proposal_deadline": deadline,
                    "proposed_date": None if state == "draft" else proposed,
                    "date_start": datetime.combine(held_day, time(2, 0)),
                }
            )
            for _i in range(rng.choice([0, 1, 2, 2, 3])):
                contact_rows.append(
                    {
                        "community_id": community_id,
                        "company_id": company.id,
                        "committee_id": committees[community_id],
                        "user_id": head_id,
                        "method": rng.choice(["visit", "phone", "wechat"]),
                        "date": day_in(period.start, min(period.end, today)),
                        "summary": "Bench contact",
                        "with_chair": rng.random() < 0.8,
                        "with_vice_chair": rng.random() < 0.6,
                        "active": True,
                    }
                )
            period = period_of(period.start - timedelta(days=1), cadence)
    for i in range(max(0, meetings - len(meeting_rows))):
        community_id, _cadence, head_id = estates[i % len(estates)]
        day = first_day + timedelta(days=rng.randint(0, span))
        meeting_rows.append(
            {
                "committee_id": committees[community_id],
                "community_id": community_id,
                "company_id": company.id,
                "user_id": head_id,
                "reference": f"{prefix}-M-{len(meeting_rows):07d}",
                "name": "Special meeting",
                "meeting_type": "special",
                "state": "signed" if day < today - timedelta(days=20) else "held",
                "period": None,
                "period_end": None,
                "proposal_deadline": None,
                "proposed_date": day,
                "date_start": datetime.combine(day, time(2, 0)),
            }
        )
    meeting_ids = insert(env, "hoa_meeting", meeting_rows)
    insert(env, "hoa_contact", contact_rows)

    inquiry_rows = []
    for i in range(inquiries):
        community_id, _cadence, head_id = estates[i % len(estates)]
        received = first_day + timedelta(days=rng.randint(0, span))
        deadline = received + timedelta(days=rng.choice([5, 7, 10, 15]))
        old = deadline < today - timedelta(days=30)
        if old:
            state = rng.choices(["closed", "answered", "escalated"], [90, 9, 1])[0]
        else:
            state = rng.choice(
                ["recorded", "assessed", "reply_sent", "answered", "closed"]
            )
        answered = state in ("answered", "closed")
        inquiry_rows.append(
            {
                "community_id": community_id,
                "company_id": company.id,
                "committee_id": committees[community_id],
                "user_id": head_id,
                "name": f"{prefix}-I-{i:07d}",
                "subject": f"Bench inquiry {i}",
                "inquiry_type": rng.choice(["query", "suggestion", "request"]),
                "channel": rng.choice(["meeting", "letter", "phone", "wechat"]),
                "state": state,
                "received_date": received,
                "deadline": deadline,
                "sla_met": answered and rng.random() < 0.85,
                "escalated_date": (
                    deadline + timedelta(days=1) if state == "escalated" else None
                ),
                "active": True,
            }
        )
    insert(env, "hoa_inquiry", inquiry_rows)

    matter_rows = []
    for i in range(matters):
        community_id, _cadence, head_id = estates[i % len(estates)]
        deadline = first_day + timedelta(days=rng.randint(0, span + 20))
        incident = rng.random() < 0.2
        if deadline < today - timedelta(days=20):
            state = rng.choices(
                ["closed", "answered", "delivered", "sent"], [70, 15, 14, 1]
            )[0]
        else:
            state = rng.choice(["draft", "sent", "delivered", "answered"])
        delivered = state in ("delivered", "answered", "closed")
        late = delivered and rng.random() < 0.1
        matter_rows.append(
            {
                "community_id": community_id,
                "company_id": company.id,
                "committee_id": committees[community_id],
                "user_id": head_id,
                "name": f"{prefix}-R-{i:07d}",
                "subject": f"Bench report {i}",
                "category": "incident" if incident else "other",
                "kind": "incident" if incident else "notification",
                "state": state,
                "deadline": deadline,
                "delivered_date": (
                    deadline + timedelta(days=3 if late else -1) if delivered else None
                ),
                "delivered_late": late,
                "escalated": state == "sent" and deadline < today,
                "active": True,
            }
        )
    insert(env, "hoa_matter", matter_rows)

    notice_rows = []
    for i in range(len(estates) * 4 * years * 2):
        community_id, _cadence, _head_id = estates[i % len(estates)]
        requested = first_day + timedelta(days=rng.randint(0, span))
        notice_rows.append(
            {
                "community_id": community_id,
                "company_id": company.id,
                "committee_id": committees[community_id],
                "name": f"{prefix}-N-{i:07d}",
                "title": f"Bench notice {i}",
                "state": (
                    "submitted"
                    if requested > today - timedelta(days=10) and rng.random() < 0.5
                    else rng.choice(["posted", "expired", "rejected"])
                ),
                "requested_date": requested,
                "date_from": requested + timedelta(days=2),
                "date_to": requested + timedelta(days=30),
            }
        )
    insert(env, "hoa_notice", notice_rows)

    action_rows = []
    for i, meeting_id in enumerate(meeting_ids):
        row = meeting_rows[i]
        if row["state"] not in ("held", "signed"):
            continue
        action_rows.append(
            {
                "meeting_id": meeting_id,
                "community_id": row["community_id"],
                "company_id": company.id,
                "user_id": row["user_id"],
                "name": f"Bench action {i}",
                "deadline": row["date_start"].date() + timedelta(days=30),
                "state": "open" if rng.random() < 0.05 else "done",
            }
        )
    insert(env, "hoa_meeting_action", action_rows)
    env.invalidate_all()
    return {
        "meetings": len(meeting_rows),
        "contacts": len(contact_rows),
        "inquiries": len(inquiry_rows),
        "matters": len(matter_rows),
        "notices": len(notice_rows),
        "actions": len(action_rows),
    }
