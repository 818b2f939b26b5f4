"""Benchmark: the archive verification of 50,000 seals (500 estates, 100
links each: signed minutes with their attendance, delivered letters; one
file each, most in the filestore, some in the database, and the hashes
given to five members of each committee): the nightly job, and that a file
changed on disk is found."""

import hashlib
import random
import time
from datetime import datetime, timedelta

from odoo import fields

from ..models.hoa_archive_seal import GENESIS
from . import hotspot_data

GOAL_SECONDS = 120.0
SEALS_PER_ESTATE = 100
MINUTES_SHARE = 0.3
FILE_BYTES = 4096
MEMBERS = 5


def _file(rng, label):
    """A distinct file of about ``FILE_BYTES``."""
    head = f"%PDF-1.4 bench {label}\n".encode()
    return head + rng.randbytes(FILE_BYTES - len(head))


def build(env, estates, prefix="BAV", seed=0):
    """The estates, their sealed records with one file each, the seals'
    chains (digests by the addon's own function) and the hashes given."""
    rng = random.Random(seed)
    built = hotspot_data.build_estates(env, estates, prefix=prefix)
    company = env.company
    today = company._hoa_today()
    heads = {c.id: c.manager_id.id for c in built["communities"]}
    meetings, matters = [], []
    for community_id, committee_id in built["committees"].items():
        for i in range(SEALS_PER_ESTATE):
            day = today - timedelta(days=rng.randint(30, 3 * 365))
            common = {
                "committee_id": committee_id,
                "community_id": community_id,
                "company_id": company.id,
            }
            if i < SEALS_PER_ESTATE * MINUTES_SHARE:
                meetings.append(
                    common
                    | {
                        "reference": f"{prefix}-M-{len(meetings):07d}",
                        "user_id": heads[community_id],
                        "name": f"Routine meeting {i}",
                        "meeting_type": "routine",
                        "state": "signed",
                        "date_start": datetime.combine(day, datetime.min.time()),
                        "location": "Service centre",
                        "agenda": "<p>Agenda</p>",
                        "minutes": f"<p>Minutes of meeting {i}</p>",
                        "signed_date": datetime.combine(day, datetime.min.time())
                        + timedelta(days=3),
                    }
                )
            else:
                matters.append(
                    common
                    | {
                        "name": f"{prefix}-R-{len(matters):07d}",
                        "subject": f"Letter {i}",
                        "category": "other",
                        "kind": "notification",
                        "state": "closed",
                        "description": "<p>What the letter says.</p>",
                        "planned_date": day,
                        "delivered_date": day + timedelta(days=1),
                        "delivery_method": None,
                        "deadline": day,
                    }
                )
    meeting_ids = hotspot_data.insert(env, "hoa_meeting", meetings)
    matter_ids = hotspot_data.insert(env, "hoa_matter", matters)
    # seven people at each meeting (members and staff alike for the seal)
    present = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {"name": f"{prefix} attendee {k}", "login": f"{prefix}_att_{k}"}
                for k in range(7)
            ]
        )
    )
    env.flush_all()
    hotspot_data.insert(
        env,
        "hoa_meeting_attendance",
        [
            {
                "meeting_id": meeting_id,
                "user_id": present[k].id,
                "present": k < 6,
                "signed_at": datetime(2026, 1, 1) if k < 6 else None,
                "sign_method": "portal" if k < 6 else None,
            }
            for meeting_id in meeting_ids
            for k in range(7)
        ],
    )
    # one file each: nine in ten in the filestore, the tenth in the database
    Attachment = env["ir.attachment"].sudo()
    records = [("hoa.meeting", i) for i in meeting_ids] + [
        ("hoa.matter", i) for i in matter_ids
    ]
    attachment_rows = []
    for n, (res_model, res_id) in enumerate(records):
        content = _file(rng, f"{res_model} {res_id}")
        checksum = hashlib.sha1(content).hexdigest()
        in_db = n % 10 == 9
        attachment_rows.append(
            {
                "name": f"{res_model}-{res_id}.pdf",
                "res_model": res_model,
                "res_id": res_id,
                "type": "binary",
                "mimetype": "application/pdf",
                "company_id": company.id,
                "file_size": len(content),
                "checksum": checksum,
                "store_fname": None
                if in_db
                else Attachment._file_write(content, checksum),
                "db_datas": "\\x" + content.hex() if in_db else None,
            }
        )
    attachment_ids = hotspot_data.insert(env, "ir_attachment", attachment_rows)
    for table, kind_ids in (("hoa_meeting", meeting_ids), ("hoa_matter", matter_ids)):
        env.cr.execute(
            f"UPDATE {table} SET seal_files = '[' || a.id || ']' "
            "FROM ir_attachment a WHERE a.res_model = %s AND a.res_id = "
            f"{table}.id AND {table}.id BETWEEN %s AND %s",
            [table.replace("_", "."), min(kind_ids), max(kind_ids)],
        )
    env.invalidate_all()
    digests = {}
    for res_model, ids in (("hoa.meeting", meeting_ids), ("hoa.matter", matter_ids)):
        for batch in range(0, len(ids), 1000):
            found = env[res_model].sudo().browse(ids[batch : batch + 1000])
            if hasattr(found, "_seal_digests"):
                digests.update(
                    {(res_model, k): v for k, v in found._seal_digests().items()}
                )
            else:  # the addon before issue 19: one record at a time
                digests.update({(res_model, r.id): r._seal_digest() for r in found})
            env.invalidate_all()
    Seal = env["hoa.archive.seal"]
    seal_rows = []
    now = fields.Datetime.now()
    owners = {}
    for res_model, ids, rows in (
        ("hoa.meeting", meeting_ids, meetings),
        ("hoa.matter", matter_ids, matters),
    ):
        for record_id, row in zip(ids, rows, strict=True):
            owners.setdefault(row["community_id"], []).append((res_model, record_id))
    for community_id, sealed in owners.items():
        previous = GENESIS
        for sequence, (res_model, res_id) in enumerate(sealed, start=1):
            kind = "minutes" if res_model == "hoa.meeting" else "letter"
            content = digests[res_model, res_id]
            chain = Seal._chain(previous, content, kind, res_model, res_id, sequence)
            seal_rows.append(
                {
                    "community_id": community_id,
                    "company_id": company.id,
                    "sequence": sequence,
                    "name": f"{res_model} {res_id}",
                    "kind": kind,
                    "res_model": res_model,
                    "res_id": res_id,
                    "content_hash": content,
                    "previous_hash": previous,
                    "chain_hash": chain,
                    "sealed_at": now,
                    "sealed_by_id": env.uid,
                    "verify_state": "ok",
                    "verified_at": now,
                }
            )
            previous = chain
    seal_ids = hotspot_data.insert(env, "hoa_archive_seal", seal_rows)
    for table in ("hoa_meeting", "hoa_matter"):
        env.cr.execute(
            f"UPDATE {table} t SET seal_id = s.id FROM hoa_archive_seal s "
            "WHERE s.res_model = %s AND s.res_id = t.id AND s.id BETWEEN %s AND %s",
            [table.replace("_", "."), min(seal_ids), max(seal_ids)],
        )
    partners = env["res.partner"].create(
        [{"name": f"{prefix} member {k}"} for k in range(MEMBERS)]
    )
    env.flush_all()
    env.cr.execute(
        "INSERT INTO hoa_archive_seal_receipt (seal_id, community_id, company_id, "
        "sequence, chain_hash, name, res_model, res_id, partner_id, channel, "
        "sent_at) SELECT s.id, s.community_id, s.company_id, s.sequence, "
        "s.chain_hash, s.name, s.res_model, s.res_id, p, 'portal', s.sealed_at "
        "FROM hoa_archive_seal s, unnest(%s::int[]) p WHERE s.id BETWEEN %s AND %s",
        [partners.ids, min(seal_ids), max(seal_ids)],
    )
    env.invalidate_all()
    return built, attachment_ids, len(seal_ids)


def run(env, estates=hotspot_data.ESTATES, generated=False, **_kw):
    savepoint = env.cr.savepoint()
    lines = []
    if not generated:
        start = time.perf_counter()
        _built, attachment_ids, count = build(env, estates)
        lines.append(
            f"archive verification: built {estates} estates, {count:,} seals, "
            f"{len(attachment_ids):,} files, {count * MEMBERS:,} hashes given in "
            f"{time.perf_counter() - start:.0f} s (not timed)"
        )
    Seal = env["hoa.archive.seal"].sudo()
    count = Seal.search_count([])
    env.invalidate_all()
    start = time.perf_counter()
    Seal._cron_verify()
    env.flush_all()
    seconds = time.perf_counter() - start
    failing = Seal.search_count([("verify_state", "!=", "ok")])
    ok = seconds < GOAL_SECONDS and not failing
    lines.append(
        f"archive verification (nightly job), {count:,} seals ({failing} failing): "
        f"{seconds:.1f} s (goal < {GOAL_SECONDS:.0f} s) {'OK' if ok else 'MISSED'}"
    )
    if not generated:
        # a file changed on disk, behind Odoo's back, is found
        attachment = (
            env["ir.attachment"]
            .sudo()
            .search(
                [("id", "in", attachment_ids), ("store_fname", "!=", False)], limit=1
            )
        )
        path = attachment._full_path(attachment.store_fname)
        with open(path, "rb") as handle:
            original = handle.read()
        try:
            with open(path, "wb") as handle:
                handle.write(original[:-1] + b"!")
            seal = Seal.search(
                [
                    ("res_model", "=", attachment.res_model),
                    ("res_id", "=", attachment.res_id),
                ]
            )
            env.invalidate_all()
            Seal._verify(seal.community_id)
            found = seal.verify_state == "altered"
        finally:
            with open(path, "wb") as handle:
                handle.write(original)
        ok &= found
        lines.append(
            "archive verification finds a file changed on disk: "
            f"{'yes' if found else 'NO'} (goal yes) {'OK' if found else 'MISSED'}"
        )
    savepoint.close(rollback=True)
    env.invalidate_all()
    return {"lines": lines, "ok": ok}
