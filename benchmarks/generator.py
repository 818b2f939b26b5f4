"""Generate a large company in bulk: estates with their staff, committees and
units, and three years of the work the addon records (inquiries, special-matter
reports, meetings with attendance and signed minutes, owners' decisions with
their voter rolls and ballots, archive seals and the chatter they leave).

    generate(env, estates=500, scale=1.0, seed=0) -> dict of counts

``scale`` multiplies every volume (units, inquiries, reports, meetings,
decisions, seals); ``estates`` is the number of estates. At scale 1.0: 400,000
units and their owners, 150,000 inquiries, 40,000 reports, 20,000 meetings,
200 decisions and 50,000 seals.

Rows are written with multi-row ``INSERT ... RETURNING id``; the stored
computed fields are then computed by the addon's own computes (the ORM
recomputes them batch by batch), numbers are drawn from the addon's
sequences in blocks, and seals carry the digests of the addon's own
``_seal_digest``, chained as ``hoa.archive.seal._seal`` chains them.
The small parts (users, estates, committees, decisions and their voter
rolls) go through the ORM and the addon's own methods.

Also written as the addon writes them: the meetings' calendar events
(``_sync_calendar``: attendees, followers, the "created" note); the state
changes of meetings, inquiries and reports as tracking logs them (a note with
its ``mail.tracking.value`` per step); the owners' decisions served to their
roll by the nightly jobs (voting notice, reminder, result: ``hoa.service``
rows and the jobs' notes), so that the first nightly run has nothing to serve;
the minutes PDF of each signed meeting with the note carrying it. The PDFs
are stand-ins: one real rendering by the addon's report, its bytes reused for
every meeting (see :meth:`Generator._minutes_files`). Not written: proof of
service of meeting notices, reports and reply letters to committee members
(paper receipts, scans, activities) and the mail queue of the past.

Generated users log in with their login as password: ``gen_leader_01``,
``gen_head_0001``, ``gen_staff_0001``, ``gen_portal_0001`` (a committee
chair of each estate).
"""

import base64
import logging
import math
import os
import random
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timedelta

from markupsafe import Markup, escape
from passlib.context import CryptContext
from psycopg2.extras import execute_values

from odoo import Command, fields
from odoo.tools.mail import generate_tracking_message_id

_logger = logging.getLogger(__name__)

#: the volumes at scale 1.0
VOLUMES = {
    "units": 400_000,
    "inquiries": 150_000,
    "matters": 40_000,
    "meetings": 20_000,
    "decisions": 200,
    "seals": 50_000,
}
#: rows per INSERT (and per batch of recomputation)
BATCH = 5000
#: share of the units in the first estate (the big one: 20,000 units at 1.0)
BIG_ESTATE_SHARE = 0.05
#: history covered, in days
HISTORY_DAYS = 3 * 365
#: generated users' passwords are their logins, hashed with fewer rounds than
#: Odoo's default (Odoo re-hashes them at the first login)
_CRYPT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000)
#: a value standing for the id of the row being inserted
SELF = object()
#: fields the ORM fills itself on every row
MAGIC = ("id", "create_uid", "create_date", "write_uid", "write_date")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红玉兰志斌海燕"
ESTATE_WORDS = [
    "和平",
    "阳光",
    "翠湖",
    "锦绣",
    "金地",
    "华府",
    "望京",
    "西山",
    "丽景",
    "紫园",
    "嘉园",
    "新城",
]


class Generator:
    def __init__(
        self,
        env,
        estates,
        scale,
        seed,
        open_inquiries=None,
        progress=None,
        prefix="gen",
    ):
        self.env = env(
            user=env.ref("base.user_root").id,
            context=dict(env.context, tracking_disable=True, active_test=False),
            su=True,
        )
        self.cr = self.env.cr
        self.n_estates = max(1, int(estates))
        self.scale = scale
        self.rng = random.Random(seed)
        self.company = self.env.company
        self.today = self.company._hoa_today()
        self.start = self.today - timedelta(days=HISTORY_DAYS)
        self.volumes = {k: max(1, round(v * scale)) for k, v in VOLUMES.items()}
        self.open_inquiries = (
            max(0, int(open_inquiries))
            if open_inquiries is not None
            else round(self.volumes["inquiries"] * 0.05)
        )
        self.timings = []
        self.cr.execute("SELECT pg_backend_pid()")
        self.backend_pid = self.cr.fetchone()[0]
        self.progress = progress
        self.prefix = prefix
        self.counts = defaultdict(int)
        self.now = fields.Datetime.now()
        self._defaults = {}
        self.author_id = self.env.ref("base.partner_root").id
        self.note_id = self.env.ref("mail.mt_note").id
        self.seals = []  # (community id, sealed_at, record) to chain

    # ------------------------------------------------------------------
    # Bulk helpers
    # ------------------------------------------------------------------

    def _model_defaults(self, Model):
        if Model._name not in self._defaults:
            names = [
                name
                for name, field in Model._fields.items()
                if field.store
                and field.column_type
                and name not in MAGIC
                and not (field.compute and not field.readonly is False)
            ]
            self._defaults[Model._name] = Model.default_get(names)
        return self._defaults[Model._name]

    def insert(self, model, vals_list, chatter=True):
        """Insert ``vals_list`` (``create`` values, with ids for relations)
        in batches; the stored computed fields not given are computed by the
        addon's computes, and records depending on the new rows are
        recomputed, as ``create`` does. With ``chatter``, each record gets the
        "created" note ``mail.thread`` logs. Returns the ids."""
        Model = self.env[model]
        ids = []
        for start in range(0, len(vals_list), BATCH):
            ids += self._insert_batch(Model, vals_list[start : start + BATCH], chatter)
        self.counts[model] += len(ids)
        return ids

    def _insert_batch(self, Model, vals_list, chatter):
        env, cr = self.env, self.cr
        # what create computes before inserting (required computed fields)
        Model._add_precomputed_values(vals_list)
        for vals in vals_list:
            vals.pop("__precomputed__", None)
        given = set()
        for vals in vals_list:
            given.update(vals)
        defaults = {
            name: value
            for name, value in self._model_defaults(Model).items()
            if name not in given
        }
        if "access_token" in Model._fields and "access_token" not in given:
            for vals in vals_list:
                vals["access_token"] = str(uuid.uuid4())
            given.add("access_token")
        names = sorted(
            name
            for name in given | set(defaults)
            if name not in MAGIC and Model._fields[name].type != "many2many"
        )
        m2m = sorted(
            name
            for name in given
            if name in Model._fields and Model._fields[name].type == "many2many"
        )
        columns = ["id", *names, "create_uid", "write_uid", "create_date", "write_date"]
        # the ids are drawn first: a value may be the row's own id (SELF)
        cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            [f"{Model._table}_id_seq", len(vals_list)],
        )
        new_ids = [row[0] for row in cr.fetchall()]
        rows = []
        for new_id, vals in zip(new_ids, vals_list, strict=True):
            row = [new_id]
            for name in names:
                field = Model._fields[name]
                value = vals[name] if name in vals else defaults.get(name)
                if value is SELF:
                    value = new_id
                row.append(
                    field.convert_to_column_insert(value, Model, vals, validate=False)
                )
            uid = vals.get("create_uid", env.uid)
            when = vals.get("create_date", self.now)
            row += [uid, uid, when, vals.get("write_date", when)]
            rows.append(row)
        names_sql = ", ".join(f'"{c}"' for c in columns)
        query = f'INSERT INTO "{Model._table}" ({names_sql}) VALUES %s RETURNING id'
        ids = [
            r[0]
            for r in execute_values(cr, query, rows, page_size=len(rows), fetch=True)
        ]
        for name in m2m:
            field = Model._fields[name]
            pairs = [
                (rid, other)
                for rid, vals in zip(ids, vals_list, strict=True)
                for other in vals.get(name) or ()
            ]
            if pairs:
                execute_values(
                    cr,
                    f'INSERT INTO "{field.relation}" ("{field.column1}", '
                    f'"{field.column2}") VALUES %s ON CONFLICT DO NOTHING',
                    pairs,
                    page_size=len(pairs),
                )
        records = Model.browse(ids)
        given_fields = [Model._fields[n] for n in given if n in Model._fields]
        # files (images) are computed only from a file: none is generated
        files = [f for f in Model._fields.values() if f.store and not f.column_type]
        with env.protecting(given_fields, records):
            for field in Model._fields.values():
                if (
                    field.store
                    and field.compute
                    and field.column_type
                    and field not in given_fields
                ):
                    env.add_to_compute(field, records)
            records.modified(
                [f.name for f in Model._fields.values() if f not in files],
                create=True,
            )
            for field in files:
                env.remove_to_compute(field, records)
            env.flush_all()
        if chatter and hasattr(Model, "_creation_message"):
            self._creation_notes(records, vals_list)
        env.flush_all()
        env.invalidate_all()
        return ids

    def _creation_notes(self, records, vals_list):
        """The "<document> created" note ``mail.thread.create`` logs."""
        body = Markup("<p>%s</p>") % records[:1]._creation_message()
        self.insert_messages(
            [
                (records._name, rec_id, body, vals.get("create_date", self.now))
                for rec_id, vals in zip(records.ids, vals_list, strict=True)
            ]
        )

    def insert_messages(self, rows):
        """Log notes (model, res_id, body, date) as ``_message_log`` does."""
        values = [
            (
                model,
                res_id,
                str(body),
                "notification",
                self.note_id,
                True,
                self.author_id,
                self.env.user.email_formatted or None,
                date,
                generate_tracking_message_id("message-notify"),
                self.env.uid,
                date,
                self.env.uid,
                date,
            )
            for model, res_id, body, date in rows
        ]
        ids = []
        for start in range(0, len(values), BATCH):
            ids += [
                row[0]
                for row in execute_values(
                    self.cr,
                    """INSERT INTO mail_message (model, res_id, body, message_type,
                    subtype_id, is_internal, author_id, email_from, date, message_id,
                    create_uid, create_date, write_uid, write_date) VALUES %s
                    RETURNING id""",
                    values[start : start + BATCH],
                    page_size=BATCH,
                    fetch=True,
                )
            ]
        self.counts["mail.message"] += len(values)
        return ids

    def track_states(self, model, paths):
        """The messages state tracking logs as records move: ``paths`` is
        [(res_id, [(old, new, when), ...])]; each step is a note with an
        empty body and the state's ``mail.tracking.value`` (its labels, as
        ``_create_tracking_values`` writes them), authored as the
        generator's other notes. Only the state is tracked: the other fields
        a transition writes (dates, who) are not tracked fields."""
        Model = self.env[model]
        info = Model.fields_get(["state"])["state"]
        Tracking = self.env["mail.tracking.value"]
        tracked = {}
        steps = [
            (res_id, old, new, when)
            for res_id, path in paths
            for old, new, when in path
        ]
        for start in range(0, len(steps), BATCH):
            batch = steps[start : start + BATCH]
            message_ids = [
                row[0]
                for row in execute_values(
                    self.cr,
                    """INSERT INTO mail_message (model, res_id, body, message_type,
                        subtype_id, is_internal, author_id, email_from, date,
                        message_id, create_uid, create_date, write_uid, write_date)
                        VALUES %s RETURNING id""",
                    [
                        (
                            model,
                            res_id,
                            "",
                            "notification",
                            self.note_id,
                            True,
                            self.author_id,
                            self.env.user.email_formatted or None,
                            when,
                            generate_tracking_message_id("message-notify"),
                            self.env.uid,
                            when,
                            self.env.uid,
                            when,
                        )
                        for res_id, _old, _new, when in batch
                    ],
                    page_size=len(batch),
                    fetch=True,
                )
            ]
            values = []
            for message_id, (_res, old, new, when) in zip(
                message_ids, batch, strict=True
            ):
                if (old, new) not in tracked:
                    tracked[old, new] = Tracking._create_tracking_values(
                        old, new, "state", info, Model
                    )
                vals = tracked[old, new]
                values.append(
                    (
                        vals["field_id"],
                        message_id,
                        vals.get("old_value_char"),
                        vals.get("new_value_char"),
                        self.env.uid,
                        when,
                        self.env.uid,
                        when,
                    )
                )
            execute_values(
                self.cr,
                """INSERT INTO mail_tracking_value (field_id, mail_message_id,
                    old_value_char, new_value_char, create_uid, create_date,
                    write_uid, write_date) VALUES %s""",
                values,
                page_size=len(values),
            )
        self.counts["mail.message"] += len(steps)
        self.counts["mail.tracking.value"] += len(steps)

    def numbers(self, code, days):
        """Numbers of sequence ``code`` for records dated ``days``, reserved
        in one block per year of the no-gap sequence, in the order given."""
        Sequence = self.env["ir.sequence"]
        sequence = Sequence.search(
            [("code", "=", code), ("company_id", "in", [self.company.id, False])],
            order="company_id",
            limit=1,
        )
        by_year = defaultdict(list)
        for index, day in enumerate(days):
            by_year[day.year].append(index)
        result = [None] * len(days)
        for year, indexes in sorted(by_year.items()):
            day = fields.Date.to_date(f"{year}-01-01")
            holder = sequence._get_current_sequence(sequence_date=day)
            self.cr.execute(
                f'SELECT number_next FROM "{holder._table}" WHERE id = %s FOR UPDATE',
                [holder.id],
            )
            first = self.cr.fetchone()[0]
            step = sequence.number_increment
            self.cr.execute(
                f'UPDATE "{holder._table}" SET number_next = %s WHERE id = %s',
                [first + step * len(indexes), holder.id],
            )
            holder.invalidate_recordset(["number_next"])
            date_range = holder.date_from if holder._name != "ir.sequence" else None
            prefix, suffix = sequence._get_prefix_suffix(
                date=day, date_range=date_range
            )
            fmt = f"%0{sequence.padding}d"
            for k, index in enumerate(indexes):
                result[index] = prefix + fmt % (first + step * k) + suffix
        return result

    def _db_cpu(self):
        """CPU seconds of this cursor's PostgreSQL backend so far, when the
        server runs on this machine (else 0): with the CPU of Odoo, what
        the generation costs on an idle machine."""
        try:
            with open(f"/proc/{self.backend_pid}/stat") as stat:
                ticks = stat.read().rsplit(")", 1)[1].split()
            return (int(ticks[11]) + int(ticks[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return 0.0

    @contextmanager
    def _gin_indexes_later(self, table, count):
        """Insert many rows with the table's GIN (trigram) indexes dropped,
        and build them again afterwards, with the same definitions: filling
        a GIN index row by row costs more than building it once."""
        if count < 10_000:
            yield
            return
        self.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexdef ILIKE %s",
            [table, "% USING gin %"],
        )
        indexes = self.cr.fetchall()
        for name, _definition in indexes:
            self.cr.execute(f'DROP INDEX "{name}"')  # pylint: disable=sql-injection
        yield
        for _name, definition in indexes:
            # the definition PostgreSQL itself gave
            self.cr.execute(definition)  # pylint: disable=sql-injection

    def _phase(self, name, func):
        started, cpu, db_cpu = time.perf_counter(), time.process_time(), self._db_cpu()
        func()
        self.env.flush_all()
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu + self._db_cpu() - db_cpu
        self.timings.append((name, seconds, cpu))
        _logger.debug("generator: %s in %.1f s (%.1f s CPU)", name, seconds, cpu)
        if self.progress:
            self.progress(name, seconds, cpu)

    def _when(self, day, hour=10):
        return datetime.combine(day, datetime.min.time()) + timedelta(
            hours=hour - 8, minutes=self.rng.randint(0, 59)
        )

    def _name(self):
        rng = self.rng
        return rng.choice(SURNAMES) + "".join(
            rng.choice(GIVEN) for _i in range(rng.randint(1, 2))
        )

    # ------------------------------------------------------------------
    # Phases
    # ------------------------------------------------------------------

    def run(self):
        self._phase("users and estates", self._estates)
        self._phase("units and owners", self._units)
        self._phase("committees", self._committees)
        self._phase("meetings and attendance", self._meetings)
        self._phase("inquiries", self._inquiries)
        self._phase("special-matter reports", self._matters)
        self._phase("decisions, voter rolls and ballots", self._decisions)
        self._phase("archive seals", self._seal_all)
        return self.counts

    def _users(self, prefix, count, group, width):
        Users = self.env["res.users"].with_context(no_reset_password=True)
        users = Users.create(
            [
                {
                    "name": f"{prefix.replace('_', ' ').title()} {i:0{width}d}",
                    "login": f"{prefix}_{i:0{width}d}",
                    "company_id": self.company.id,
                    "company_ids": [Command.set(self.company.ids)],
                    "groups_id": [Command.set([self.env.ref(group).id])],
                }
                for i in range(1, count + 1)
            ]
        )
        self._set_passwords(users)
        self.counts["res.users"] += len(users)
        return users

    def _set_passwords(self, users):
        users.flush_recordset()
        execute_values(
            self.cr,
            "UPDATE res_users SET password = v.pw FROM (VALUES %s) v(id, pw) "
            "WHERE res_users.id = v.id",
            [(user.id, _CRYPT.hash(user.login)) for user in users],
        )

    def _estates(self):
        n = self.n_estates
        self.leaders = self._users(
            f"{self.prefix}_leader", 5, "hoa_committee.group_hoa_leadership", 2
        )
        self.heads = self._users(
            f"{self.prefix}_head",
            math.ceil(n / 2),
            "hoa_committee.group_hoa_manager",
            4,
        )
        self.staff = self._users(
            f"{self.prefix}_staff", n, "hoa_committee.group_hoa_user", 4
        )
        developers = self.env["res.partner"].create(
            [
                {
                    "name": f"开发商 {i + 1:04d}",
                    "is_company": True,
                    "company_id": self.company.id,
                }
                for i in range(n)
            ]
        )
        rng = self.rng
        self.estates = self.env["hoa.community"].create(
            [
                {
                    "name": f"{rng.choice(ESTATE_WORDS)}{rng.choice(ESTATE_WORDS)}"
                    f"小区 {i + 1:04d}",
                    "code": f"{self.prefix.upper()}-{i + 1:04d}",
                    "address": f"北京市朝阳区 {i + 1} 号",
                    "manager_id": self.heads[i // 2].id,
                    "staff_ids": [Command.set(self.staff[i].ids)],
                    "customer_supervisor_id": self.staff[i].id,
                    "meeting_cadence": "monthly" if i % 4 == 0 else "quarterly",
                    "fee_model": "commission" if i % 3 == 0 else "lump_sum",
                    "developer_partner_id": developers[i].id,
                }
                for i in range(n)
            ]
        )
        self.counts["hoa.community"] += n

    def _estate_sizes(self, total):
        n = self.n_estates
        if n == 1:
            return [total]
        big = max(1, round(total * BIG_ESTATE_SHARE)) if n > 20 else total // n
        weights = [self.rng.uniform(0.3, 1.7) for _i in range(n - 1)]
        rest = total - big
        sizes = [max(1, int(rest * w / sum(weights))) for w in weights]
        sizes[-1] += rest - sum(sizes)
        return [big, *sizes]

    def _units(self):
        """Owners and units, a group of estates at a time (memory stays
        bounded), the owners of the group first, then its units."""
        sizes = self._estate_sizes(self.volumes["units"])
        self.owners_by_estate = {}
        self.units_by_estate = defaultdict(list)
        group, count = [], 0
        with self._gin_indexes_later("res_partner", self.volumes["units"]):
            for estate, size in zip(self.estates, sizes, strict=True):
                group.append((estate, size))
                count += size
                if count >= 50_000:
                    self._units_of(group)
                    group, count = [], 0
            if group:
                self._units_of(group)

    def _units_of(self, group):
        # the addon's own reading of unit names (imported once the addons
        # path is known: this file also runs as a script)
        # runs as a script too: no relative import
        from odoo.addons.hoa_committee.rules.units import parse_unit_name  # pylint: disable=odoo-addons-relative-import

        rng = self.rng
        Partner = self.env["res.partner"]
        plans, partners = [], []
        for estate, size in group:
            first = len(partners)
            owner_of = []
            for _k in range(size):
                if rng.random() < 0.02:
                    owner_of.append(None)  # held by the developer
                elif len(partners) > first and rng.random() < 0.07:
                    owner_of.append(rng.randrange(first, len(partners)))
                else:
                    name = self._name()
                    mobile = f"13{rng.randint(0, 999_999_999):09d}"
                    partners.append(
                        {
                            "name": name,
                            "mobile": mobile,
                            "lang": "zh_CN",
                            # owners belong to the estate's company
                            # (hoa.unit._hoa_owners_join_company)
                            "company_id": estate.company_id.id,
                            # what the computes give a person without
                            # parent, user, email or company name
                            "user_id": False,
                            "complete_name": name,
                            "commercial_partner_id": SELF,
                            "commercial_company_name": False,
                            "partner_share": True,
                            "email_normalized": False,
                            "company_registry": False,
                            "phone_sanitized": Partner._phone_format(number=mobile),
                        }
                    )
                    owner_of.append(len(partners) - 1)
            plans.append((estate, first, len(partners), owner_of))
        partner_ids = self.insert("res.partner", partners, chatter=False)
        units = []
        for estate, first, last, owner_of in plans:
            self.owners_by_estate[estate.id] = partner_ids[first:last]
            developer = estate.developer_partner_id.id
            company = estate.company_id.id
            for k, owner in enumerate(owner_of):
                building, rest = divmod(k, 144)
                entrance, rest = divmod(rest, 72)
                floor, room = divmod(rest, 4)
                basis = rng.random()
                area = round(rng.uniform(45, 180), 2)
                name = f"{building + 1}-{entrance + 1}-{floor + 1:02d}{room + 1:02d}"
                # what create precomputes: the parts read from the name
                # (_compute_parts) and the area in the legal order
                # (_compute_area)
                parts = parse_unit_name(name)
                areas = {
                    "registered": area if basis < 0.9 else 0.0,
                    "surveyed": area if 0.9 <= basis < 0.97 else 0.0,
                    "contract": area if basis >= 0.97 else 0.0,
                }
                units.append(
                    {
                        "community_id": estate.id,
                        "company_id": company,
                        "name": name,
                        "building": parts.building,
                        "entrance": parts.entrance,
                        "floor": parts.floor,
                        "room": parts.room,
                        "registered_area": areas["registered"],
                        "surveyed_area": areas["surveyed"],
                        "contract_area": areas["contract"],
                        "area": area,
                        "area_basis": next(b for b, a in areas.items() if a),
                        "owner_id": developer if owner is None else partner_ids[owner],
                        "developer_held": owner is None,
                        "create_date": self._when(self.start, 9),
                    }
                )
        unit_ids = self.insert("hoa.unit", units)
        for unit_id, vals in zip(unit_ids, units, strict=True):
            self.units_by_estate[vals["community_id"]].append(unit_id)

    def _committees(self):
        rng = self.rng
        estates = self.estates
        self.members = {}
        vals_list = []
        for estate in estates:
            owners = self.owners_by_estate[estate.id]
            size = 7 if len(owners) >= 7 else 5
            chosen = rng.sample(owners, min(size, len(owners)))
            self.members[estate.id] = chosen
            vals_list.append(
                {
                    "name": f"{estate.name} 业主委员会",
                    "community_id": estate.id,
                    "election_date": self.start - timedelta(days=30),
                    "term_start": self.start - timedelta(days=30),
                    "term_end": self.start + timedelta(days=5 * 365 - 40),
                    "filing_date": self.start - timedelta(days=10),
                    "member_ids": [
                        Command.create(
                            {
                                "partner_id": partner,
                                "role": (
                                    "chair"
                                    if j == 0
                                    else "vice_chair"
                                    if j == 1
                                    else "member"
                                ),
                                "date_start": self.start - timedelta(days=30),
                            }
                        )
                        for j, partner in enumerate(chosen)
                    ],
                }
            )
        committees = self.env["hoa.committee"].create(vals_list)
        committees.action_activate()
        self.committees = {c.community_id.id: c for c in committees}
        self.member_names = {
            c.community_id.id: c.member_ids.filtered("active").partner_id.mapped("name")
            for c in committees
        }
        self.counts["hoa.committee"] += len(committees)
        self.counts["hoa.committee.member"] += len(committees.member_ids)
        # one portal user per estate: its chair
        Users = self.env["res.users"].with_context(no_reset_password=True)
        portal = Users.create(
            [
                {
                    "name": committee.chair_id.name,
                    "login": f"{self.prefix}_portal_{i + 1:04d}",
                    "partner_id": committee.chair_id.id,
                    "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
                }
                for i, committee in enumerate(committees)
            ]
        )
        self._set_passwords(portal)
        self.counts["res.users"] += len(portal)

    def _spread(self, total):
        """``total`` records over the estates, in proportion to their size."""
        sizes = [len(self.units_by_estate[e.id]) for e in self.estates]
        weights = [math.sqrt(s) for s in sizes]
        counts = [int(total * w / sum(weights)) for w in weights]
        for k in range(total - sum(counts)):
            counts[k % len(counts)] += 1
        return counts

    def _meetings(self):
        rng = self.rng
        Meeting = self.env["hoa.meeting"]
        counts = self._spread(self.volumes["meetings"])
        vals_list, attendance = [], []
        for estate, count in zip(self.estates, counts, strict=True):
            committee = self.committees[estate.id]
            members = committee.member_ids.filtered("active")
            chair = members.filtered(lambda m: m.role == "chair")[:1]
            step = HISTORY_DAYS / max(1, count)
            for k in range(count):
                day = self.start + timedelta(days=int(step * k) + rng.randint(0, 3))
                upcoming = day >= self.today - timedelta(days=7)
                kind = rng.choices(["routine", "special"], weights=[85, 15])[0]
                # who _add_default_attendance invites besides the members
                staff = estate.manager_id
                if kind == "routine":
                    staff |= estate.customer_supervisor_id
                starts = self._when(day, 14)
                state = "notified" if upcoming else "signed"
                if not upcoming and rng.random() < 0.02:
                    state = "cancelled"
                vals = {
                    "name": f"{estate.name} {kind} {day:%Y-%m-%d}",
                    "committee_id": committee.id,
                    "meeting_type": kind,
                    "date_start": starts,
                    "location": "服务中心会议室",
                    "user_id": estate.manager_id.id,
                    "convener_id": chair.id,
                    "agenda": "<p>上期工作情况；物业费及专项维修资金收支；业主主要投诉"
                    "及处理结果；重点问题；下期工作计划。</p>",
                    "state": state,
                    "proposed_date": day - timedelta(days=10),
                    "notice_date": day - timedelta(days=6),
                    "create_date": self._when(day - timedelta(days=12), 9),
                }
                if state == "signed":
                    vals["minutes"] = (
                        f"<p>会议纪要：{estate.name}，{day:%Y-%m-%d}。"
                        "各方通报工作情况，意见已记录。</p>"
                    )
                    vals["signed_date"] = starts + timedelta(days=1)
                vals_list.append(vals)
                present = [rng.random() < 0.85 for _m in members]
                if sum(present) < 3:
                    present = [True] * len(members)
                attendance.append(
                    [
                        (member.id, member.partner_id.id, False, is_present)
                        for member, is_present in zip(members, present, strict=True)
                    ]
                    + [(False, False, user.id, True) for user in staff]
                )
        days = [fields.Datetime.to_datetime(v["date_start"]).date() for v in vals_list]
        for vals, number in zip(
            vals_list, self.numbers(Meeting._sequence_code, days), strict=True
        ):
            vals["reference"] = number
        ids = self.insert("hoa.meeting", vals_list)
        lines = []
        for meeting_id, vals, people in zip(ids, vals_list, attendance, strict=True):
            signed = vals["state"] == "signed"
            for member_id, _partner, user_id, present in people:
                lines.append(
                    {
                        "meeting_id": meeting_id,
                        "member_id": member_id,
                        "user_id": user_id,
                        "present": present,
                        "signed_at": vals["signed_date"]
                        if signed and present
                        else False,
                        "sign_method": "paper" if signed and present else False,
                        "create_date": vals["create_date"],
                    }
                )
        self.insert("hoa.meeting.attendance", lines)
        # the meetings' attendance counts follow their lines
        meetings = Meeting.browse(ids)
        for start in range(0, len(ids), BATCH):
            batch = meetings[start : start + BATCH]
            self.env.add_to_compute(Meeting._fields["member_count"], batch)
            batch.modified(["attendance_ids"])
            self.env.flush_all()
            self.env.invalidate_all()
        for meeting_id, vals in zip(ids, vals_list, strict=True):
            if vals["state"] == "signed":
                self.seals.append(
                    ("hoa.meeting", meeting_id, "minutes", vals["signed_date"])
                )
        self._calendar_events(ids, vals_list, attendance)
        self._minutes_files(ids, vals_list, attendance)
        # proposed, notified (then held and signed, or cancelled)
        paths = []
        for meeting_id, vals in zip(ids, vals_list, strict=True):
            starts = fields.Datetime.to_datetime(vals["date_start"])
            path = [
                ("draft", "proposed", self._when(vals["proposed_date"], 10)),
                ("proposed", "notified", self._when(vals["notice_date"], 10)),
            ]
            if vals["state"] == "signed":
                path += [
                    ("notified", "held", starts + timedelta(hours=2)),
                    ("held", "signed", vals["signed_date"]),
                ]
            elif vals["state"] == "cancelled":
                path.append(
                    ("notified", "cancelled", self._when(vals["notice_date"], 16))
                )
            paths.append((meeting_id, path))
        self.track_states("hoa.meeting", paths)

    def _minutes_files(self, ids, vals_list, attendance):
        """What ``hoa.meeting._freeze`` attaches once the minutes are signed
        and sealed: the minutes PDF (an ``ir.attachment`` of the meeting)
        and the note "Minutes signed by all N attendees present: archived."
        carrying it.

        Rendering 20,000 PDFs with wkhtmltopdf takes hours: the addon's own
        report renders the minutes of the first signed meeting once, and
        every signed meeting's attachment holds those same bytes (one file
        in the filestore, which stores a content once). Their content is
        therefore a stand-in — the size, type and storage of real minutes,
        but the text of that one meeting. The archive seal is not affected:
        the addon seals the minutes before it renders the PDF, so the seal
        lists no files (``seal_files``) and its digest covers the record,
        not the PDF; archive verification passes as it does on minutes
        signed in the addon."""
        signed = [
            (meeting_id, vals, people)
            for meeting_id, vals, people in zip(ids, vals_list, attendance, strict=True)
            if vals["state"] == "signed"
        ]
        if not signed:
            return
        lang = self.company.partner_id.lang or self.env.lang
        env = self.env(context=dict(self.env.context, lang=lang))
        report = env.ref("hoa_committee.action_report_meeting_minutes")
        pdf, _kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, [signed[0][0]]
        )
        first = (
            env["ir.attachment"]
            .create(
                {
                    "name": env._("Minutes %(ref)s.pdf", ref=signed[0][1]["reference"]),
                    "datas": base64.b64encode(pdf),
                    "res_model": "hoa.meeting",
                    "res_id": signed[0][0],
                    "mimetype": "application/pdf",
                }
            )
            .sudo()
        )
        first.flush_recordset()
        self.cr.execute(
            "UPDATE ir_attachment SET create_date = %s, write_date = %s WHERE id = %s",
            [signed[0][1]["signed_date"], signed[0][1]["signed_date"], first.id],
        )
        # the same row for the others, by their name, meeting and day
        columns = [
            name
            for name, field in first._fields.items()
            if field.store
            and field.column_type
            and name not in ("id", "name", "res_id", "create_date", "write_date")
        ]
        cols = ", ".join(f'"{c}"' for c in columns)
        attachment_ids = [first.id]
        rest = signed[1:]
        for start in range(0, len(rest), BATCH):
            batch = rest[start : start + BATCH]
            attachment_ids += [
                row[0]
                for row in execute_values(
                    self.cr,
                    f"INSERT INTO ir_attachment (name, res_id, create_date, "
                    f"write_date, {cols}) SELECT v.name, v.res_id, v.day, v.day, "
                    f"{', '.join(f'a.{c}' for c in columns)} FROM (VALUES %s) "
                    "v(name, res_id, day) CROSS JOIN ir_attachment a "
                    f"WHERE a.id = {int(first.id)} RETURNING id",
                    [
                        (
                            env._("Minutes %(ref)s.pdf", ref=vals["reference"]),
                            meeting_id,
                            vals["signed_date"],
                        )
                        for meeting_id, vals, _people in batch
                    ],
                    page_size=len(batch),
                    fetch=True,
                )
            ]
        self.counts["ir.attachment"] += len(attachment_ids)
        message_ids = self.insert_messages(
            [
                (
                    "hoa.meeting",
                    meeting_id,
                    # message_post escapes a text body (no paragraph)
                    escape(
                        env._(
                            "Minutes signed by all %(count)s attendees present: "
                            "archived.",
                            count=sum(1 for *_rest, present in people if present),
                        )
                    ),
                    vals["signed_date"],
                )
                for meeting_id, vals, people in signed
            ]
        )
        execute_values(
            self.cr,
            "INSERT INTO message_attachment_rel (message_id, attachment_id) VALUES %s",
            list(zip(message_ids, attachment_ids, strict=True)),
            page_size=BATCH,
        )
        self.env.invalidate_all()

    def _calendar_events(self, ids, vals_list, attendance):
        """What ``hoa.meeting._sync_calendar`` wrote when each meeting was
        created: one ``calendar.event`` (created as the superuser, no emails
        to the attendees, its creator not subscribed) with the attendance's
        people as attendees — their ``calendar.attendee`` rows "needsAction"
        and their follower rows, as ``calendar.event.create`` writes them —
        and the "created" note; a cancelled meeting's event archived."""
        Meeting = self.env["hoa.meeting"]
        users = self.env["res.users"].browse(
            {user for people in attendance for _m, _p, user, _pr in people if user}
        )
        partner_of_user = {user.id: user.partner_id.id for user in users}
        model_id = self.env["ir.model"]._get_id("hoa.meeting")
        self.cr.execute(
            "SELECT id, reference, name, duration FROM hoa_meeting WHERE id = ANY(%s)",
            [list(ids)],
        )
        stored = {row[0]: row[1:] for row in self.cr.fetchall()}
        events, people_of = [], []
        for meeting_id, vals, people in zip(ids, vals_list, attendance, strict=True):
            reference, name, duration = stored[meeting_id]
            partners = sorted(
                {
                    partner or partner_of_user[user]
                    for _member, partner, user, _present in people
                }
            )
            starts = fields.Datetime.to_datetime(vals["date_start"])
            events.append(
                {
                    # the meeting's display_name
                    "name": " ".join(p for p in (reference, name) if p and p != "/"),
                    "start": starts,
                    "stop": starts + timedelta(hours=duration or 1.0),
                    "location": vals["location"] or False,
                    "user_id": vals["user_id"] or self.env.uid,
                    "partner_ids": partners,
                    "res_model_id": model_id,
                    "res_id": meeting_id,
                    "active": vals["state"] not in ("cancelled", "declined"),
                    "create_date": vals["create_date"],
                }
            )
            people_of.append(partners)
        event_ids = self.insert("calendar.event", events)
        execute_values(
            self.cr,
            "UPDATE hoa_meeting m SET calendar_event_id = v.event "
            "FROM (VALUES %s) v(meeting, event) WHERE m.id = v.meeting",
            list(zip(ids, event_ids, strict=True)),
            page_size=BATCH,
        )
        Meeting.invalidate_model(["calendar_event_id"])
        attendees = [
            {
                "event_id": event_id,
                "partner_id": partner,
                "state": "needsAction",
                "access_token": uuid.uuid4().hex,
                "create_date": vals["create_date"],
            }
            for event_id, vals, partners in zip(
                event_ids, events, people_of, strict=True
            )
            for partner in partners
        ]
        self.insert("calendar.attendee", attendees, chatter=False)
        self._followers(
            "calendar.event",
            [
                (event_id, partner)
                for event_id, partners in zip(event_ids, people_of, strict=True)
                for partner in partners
            ],
        )

    def _followers(self, model, pairs):
        """Subscribe (res_id, partner) pairs to ``model``'s default subtypes
        as ``message_subscribe`` does (the internal ones for internal users'
        partners only)."""
        if not pairs:
            return
        all_ids, _internal, external = self.env[
            "mail.message.subtype"
        ]._default_subtypes(model)
        self.cr.execute(
            "SELECT id, partner_share FROM res_partner WHERE id = ANY(%s)",
            [list({partner for _res, partner in pairs})],
        )
        share = dict(self.cr.fetchall())
        for start in range(0, len(pairs), BATCH):
            batch = pairs[start : start + BATCH]
            follower_ids = [
                row[0]
                for row in execute_values(
                    self.cr,
                    "INSERT INTO mail_followers (res_model, res_id, partner_id) "
                    "VALUES %s RETURNING id",
                    [(model, res_id, partner) for res_id, partner in batch],
                    page_size=len(batch),
                    fetch=True,
                )
            ]
            rel = [
                (follower_id, subtype)
                for follower_id, (_res, partner) in zip(
                    follower_ids, batch, strict=True
                )
                for subtype in (external if share.get(partner) else all_ids)
            ]
            if rel:
                execute_values(
                    self.cr,
                    "INSERT INTO mail_followers_mail_message_subtype_rel "
                    "(mail_followers_id, mail_message_subtype_id) VALUES %s",
                    rel,
                    page_size=BATCH,
                )
        self.counts["mail.followers"] += len(pairs)

    def _inquiries(self):
        rng = self.rng
        Inquiry = self.env["hoa.inquiry"]
        total = self.volumes["inquiries"]
        # more open inquiries than the volume asked add to it
        n_open = self.open_inquiries
        total = max(total, n_open)
        counts = self._spread(total)
        open_left = n_open
        vals_list = []
        estates = list(self.estates)
        # the open ones spread over the estates too
        open_counts = [round(n_open * c / total) for c in counts]
        open_counts[0] += n_open - sum(open_counts)
        for estate, count, n_open_here in zip(
            estates, counts, open_counts, strict=True
        ):
            members = self.members[estate.id]
            committee = self.committees[estate.id]
            user = estate.staff_ids[:1] or estate.manager_id
            for k in range(count):
                is_open = k < n_open_here and open_left > 0
                if is_open:
                    open_left -= 1
                    day = self.today - timedelta(days=rng.randint(0, 30))
                else:
                    day = self.start + timedelta(days=rng.randint(0, HISTORY_DAYS - 40))
                channel = rng.choice(["letter", "meeting", "phone", "wechat"])
                vals = {
                    "community_id": estate.id,
                    "subject": rng.choice(
                        [
                            "电梯维修进度",
                            "小区绿化",
                            "停车管理",
                            "物业费收支公示",
                            "噪音投诉",
                        ]
                    )
                    + f" {k + 1}",
                    "inquiry_type": rng.choice(["query", "suggestion", "request"]),
                    "received_date": day,
                    "channel": channel,
                    "raised_by_id": rng.choice(members),
                    "description": "<p>业委会提出的问题，请服务中心答复。</p>",
                    "user_id": user.id,
                    # what create precomputes (no units named)
                    "company_id": estate.company_id.id,
                    "committee_id": committee.id,
                    "buildings": False,
                    "answer_at_meeting": channel == "meeting"
                    and estate.inquiry_answer_at_meeting,
                    "create_date": self._when(day, 9),
                }
                if is_open:
                    vals["state"] = rng.choice(["recorded", "assessed", "escalated"])
                    if vals["state"] != "recorded":
                        vals["assessment"] = "reasonable"
                        vals["assessed_date"] = day
                    if vals["state"] == "escalated":
                        vals["assessment"] = "unresolvable"
                        vals["escalated_date"] = day
                        vals["escalation_reason"] = "unresolvable"
                        vals["escalation_note"] = "需要公司层面协调。"
                else:
                    reply = day + timedelta(days=rng.randint(1, 6))
                    vals.update(
                        state="closed" if rng.random() < 0.7 else "answered",
                        assessment="reasonable",
                        assessed_date=day + timedelta(days=1),
                        response="<p>已处理，特此答复。</p>",
                        reply_date=reply,
                        responded_date=reply + timedelta(days=rng.randint(0, 1)),
                        responded_by_id=user.id,
                    )
                vals_list.append(vals)
        days = [v["received_date"] for v in vals_list]
        for vals, number in zip(
            vals_list, self.numbers(Inquiry._sequence_code, days), strict=True
        ):
            vals["name"] = number
        ids = self.insert("hoa.inquiry", vals_list)
        # assessed, then escalated, or the reply sent, served and closed
        paths = []
        for inquiry_id, vals in zip(ids, vals_list, strict=True):
            state, path = vals.get("state", "recorded"), []
            if state != "recorded":
                path.append(
                    ("recorded", "assessed", self._when(vals["assessed_date"], 11))
                )
            if state == "escalated":
                path.append(
                    ("assessed", "escalated", self._when(vals["escalated_date"], 15))
                )
            if state in ("answered", "closed"):
                path += [
                    ("assessed", "reply_sent", self._when(vals["reply_date"], 14)),
                    ("reply_sent", "answered", self._when(vals["responded_date"], 16)),
                ]
            if state == "closed":
                path.append(
                    ("answered", "closed", self._when(vals["responded_date"], 17))
                )
            paths.append((inquiry_id, path))
        self.track_states("hoa.inquiry", paths)

    def _matters(self):
        # runs as a script too: no relative import
        from odoo.addons.hoa_committee.models.hoa_matter import CATEGORY_KIND  # pylint: disable=odoo-addons-relative-import

        rng = self.rng
        Matter = self.env["hoa.matter"]
        counts = self._spread(self.volumes["matters"])
        # the letters delivered (and sealed) make up the seals the meetings
        # and decisions do not
        letters = min(
            self.volumes["matters"],
            max(0, self.volumes["seals"] - len(self.seals) - self.volumes["decisions"]),
        )
        delivered_at = set(rng.sample(range(self.volumes["matters"]), letters))
        index = 0
        vals_list = []
        for estate, count in zip(self.estates, counts, strict=True):
            committee = self.committees[estate.id]
            chair = committee.chair_id
            for k in range(count):
                day = self.start + timedelta(days=rng.randint(0, HISTORY_DAYS - 20))
                category = rng.choice(
                    [
                        "repair_fund",
                        "owner_interest",
                        "new_measure",
                        "activity",
                        "other",
                    ]
                )
                delivered = index in delivered_at
                index += 1
                vals = {
                    "community_id": estate.id,
                    "subject": f"专题报告 {estate.code}-{k + 1}",
                    "category": category,
                    # what create precomputes (no units named)
                    "company_id": estate.company_id.id,
                    "committee_id": committee.id,
                    "buildings": False,
                    "kind": CATEGORY_KIND.get(category, "notification"),
                    "requires_decision": CATEGORY_KIND.get(category) == "application",
                    "description": "<p>专题报告正文。</p>",
                    "planned_date": day + timedelta(days=20),
                    "user_id": estate.manager_id.id,
                    "create_date": self._when(day, 9),
                    "state": "draft",
                }
                if delivered:
                    sent = day + timedelta(days=1)
                    vals.update(
                        state="delivered",
                        delivery_method="hand",
                        sent_date=sent,
                        delivered_date=sent + timedelta(days=rng.randint(0, 3)),
                        receipt_partner_id=chair.id,
                        receipt_signed_by=chair.name,
                    )
                    vals["receipt_date"] = self._when(vals["delivered_date"], 15)
                vals_list.append(vals)
        days = [v["create_date"].date() for v in vals_list]
        for vals, number in zip(
            vals_list, self.numbers(Matter._sequence_code, days), strict=True
        ):
            vals["name"] = number
        ids = self.insert("hoa.matter", vals_list)
        for matter_id, vals in zip(ids, vals_list, strict=True):
            if vals["state"] == "delivered":
                self.seals.append(
                    ("hoa.matter", matter_id, "letter", vals["receipt_date"])
                )
        # sent, then delivered when the receipt was signed
        self.track_states(
            "hoa.matter",
            [
                (
                    matter_id,
                    [
                        ("draft", "sent", self._when(vals["sent_date"], 10)),
                        ("sent", "delivered", vals["receipt_date"]),
                    ],
                )
                for matter_id, vals in zip(ids, vals_list, strict=True)
                if vals["state"] == "delivered"
            ],
        )

    def _decisions(self):
        rng = self.rng
        Decision = self.env["hoa.decision"]
        total = self.volumes["decisions"]
        estates = list(self.estates)
        # the big estate votes several times (its roll has the most voters)
        chosen = [estates[0]] * min(total, 3) + [
            estates[(k * 7919) % len(estates)] for k in range(max(0, total - 3))
        ]
        lang = self.company.partner_id.lang or self.env.lang
        reminder_days = self.company.hoa_decision_reminder_days
        summaries = []
        for k, estate in enumerate(chosen):
            opened = self.start + timedelta(
                days=int((HISTORY_DAYS - 60) * (k + 1) / (total + 1))
            )
            decision = Decision.with_context(
                mail_create_nolog=False, tracking_disable=True
            ).create(
                {
                    "name": f"{estate.name} 业主共同决定 {k + 1}",
                    "community_id": estate.id,
                    "item": rng.choice(
                        ["fund_use", "management_statute", "other_major"]
                    ),
                    "description": "<p>表决事项说明。</p>",
                    "date_open": opened,
                    "date_close": opened + timedelta(days=30),
                }
            )
            decision._freeze_voter_roll()
            voters = decision.voter_ids
            roll = voters.partner_id.ids
            ballots = [
                {
                    "decision_id": decision.id,
                    "partner_id": voter.partner_id.id,
                    "choice": rng.choices(
                        ["agree", "oppose", "abstain"], weights=[75, 15, 10]
                    )[0],
                    "channel": rng.choice(["portal", "paper"]),
                    "cast_date": self._when(
                        opened + timedelta(days=rng.randint(0, 29))
                    ),
                }
                for voter in voters
                if rng.random() < 0.75
            ]
            self.insert("hoa.decision.ballot", ballots, chatter=False)
            decision.invalidate_recordset()
            # the nightly job served the voting notice to the roll the night
            # the vote opened, and the reminder to those who had not voted yet
            # N days before it closed (_cron_serve_owners, _cron_remind_voters)
            self._serve_owners(decision, "vote_notice", roll, opened)
            remind_day = decision.date_close - timedelta(days=reminder_days)
            voted = {
                b["partner_id"] for b in ballots if b["cast_date"].date() < remind_day
            }
            self._serve_owners(
                decision,
                "vote_reminder",
                [p for p in roll if p not in voted],
                remind_day,
            )
            published = opened + timedelta(days=31)
            decision._set_state({"state": "published", "published_date": published})
            # action_publish's note of the result (written below), then the
            # announcement served to the roll by the nightly job
            summaries.append((decision.id, self._when(published, 11)))
            self._serve_owners(decision, "vote_result", roll, published)
            self.counts["hoa.decision"] += 1
            self.counts["hoa.decision.voter"] += len(voters)
            self.seals.append(("hoa.decision", decision.id, "result", summaries[-1][1]))
            self.env.flush_all()
            self.env.invalidate_all()
        # the tallies once the planner knows the new rows (without statistics
        # it joins the roll and the ballots row by row: seconds per decision)
        self.cr.execute("ANALYZE hoa_decision_voter, hoa_decision_ballot")
        self.insert_messages(
            [
                (
                    "hoa.decision",
                    decision_id,
                    Decision.browse(decision_id)
                    .with_context(lang=lang)
                    ._result_summary(),
                    when,
                )
                for decision_id, when in summaries
            ]
        )

    def _serve_owners(self, decision, kind, partner_ids, day):
        """What ``hoa.decision._cron_serve_owners`` (``_cron_remind_voters``
        for the reminder) writes when it serves ``kind`` to the owners
        ``partner_ids`` of the roll the night of ``day``: one proof of
        service each, by the channel ``_hoa_owner_channel`` gives (email for
        a usable address, else the portal: the row "sent", no email), and
        the note that the roll was served (not for the reminder).

        The generated owners have neither an email address nor channel
        lines: their rows are written by one ``INSERT ... SELECT`` from the
        roll, with the stored computes ``name`` (in the company's language)
        and ``served`` as ``hoa.service`` computes them; anyone else on the
        roll is served by the addon's own ``_serve_owners``."""
        # runs as a script too: no relative import
        from odoo.addons.hoa_committee.models.hoa_decision import OWNER_TEMPLATES  # pylint: disable=odoo-addons-relative-import

        if not partner_ids:
            return
        partner_ids = sorted(partner_ids)
        template = self.env.ref(OWNER_TEMPLATES[kind])
        self.cr.execute(
            """SELECT p.id FROM res_partner p WHERE p.id = ANY(%s)
                  AND (p.email_normalized IS NOT NULL OR EXISTS (
                       SELECT 1 FROM hoa_contact_channel c WHERE c.partner_id = p.id))""",
            [partner_ids],
        )
        others = sorted(row[0] for row in self.cr.fetchall())
        # the job runs at night, after the day's work
        when = self._when(day, 22)
        lang = self.company.partner_id.lang or self.env.lang
        env = self.env(context=dict(self.env.context, lang=lang))
        label = dict(
            env["hoa.service"]._fields["document"]._description_selection(env)
        )[kind]
        values = decision._hoa_service_values()
        self.cr.execute(
            """
            INSERT INTO hoa_service (
                res_model, res_id, document, template_id, partner_id, channel,
                state, served, name, sent_at, committee_id, community_id,
                company_id, create_uid, create_date, write_uid, write_date)
            SELECT %(model)s, %(decision)s, %(kind)s, %(template)s, p.id, 'portal',
                   'sent', false, concat_ws(' - ', %(label)s, NULLIF(p.name, '')),
                   %(when)s, %(committee)s, %(community)s, %(company)s,
                   %(uid)s, %(when)s, %(uid)s, %(when)s
              FROM res_partner p
             WHERE p.id = ANY(%(partners)s) AND NOT p.id = ANY(%(others)s)
             ORDER BY p.id
            """,
            {
                "model": decision._name,
                "decision": decision.id,
                "kind": kind,
                "template": template.id,
                "label": label,
                "when": when,
                "committee": values["committee_id"] or None,
                "community": values["community_id"],
                "company": values["company_id"],
                "uid": self.env.uid,
                "partners": partner_ids,
                "others": others,
            },
        )
        self.counts["hoa.service"] += self.cr.rowcount
        if others:
            decision._serve_owners(kind, self.env["res.partner"].browse(others))
            self.counts["hoa.service"] += len(others)
        if kind == "vote_reminder":
            return
        self.insert_messages(
            [
                (
                    decision._name,
                    decision.id,
                    # message_post escapes a text body (no paragraph)
                    escape(
                        env._(
                            "%(document)s served to the %(count)s owners on the roll.",
                            document=label,
                            count=len(partner_ids),
                        )
                    ),
                    when,
                )
            ]
        )

    def _seal_all(self):
        """Chain every sealed record of each estate in the order it was
        sealed, as ``hoa.archive.seal._seal`` would have, with the addon's
        own digests."""
        Seal = self.env["hoa.archive.seal"]
        by_model = defaultdict(list)
        for model, res_id, _kind, _when in self.seals:
            by_model[model].append(res_id)
        # the sealed records list the files they had when sealed: none
        for model, res_ids in by_model.items():
            table = self.env[model]._table
            for start in range(0, len(res_ids), BATCH):
                self.cr.execute(
                    f"UPDATE \"{table}\" SET seal_files = '[]' WHERE id = ANY(%s)",
                    [res_ids[start : start + BATCH]],
                )
        digests, names, estate_of = {}, {}, {}
        for model, res_ids in by_model.items():
            for start in range(0, len(res_ids), 1000):
                records = self.env[model].browse(res_ids[start : start + 1000])
                for record in records:
                    key = (model, record.id)
                    digests[key] = record._seal_digest()
                    names[key] = record.display_name
                    estate_of[key] = record.community_id.id
                self.env.invalidate_all()
        last = {}
        self.cr.execute(
            "SELECT community_id, max(sequence), "
            "(array_agg(chain_hash ORDER BY sequence DESC))[1] "
            "FROM hoa_archive_seal GROUP BY community_id"
        )
        for community_id, sequence, chain_hash in self.cr.fetchall():
            last[community_id] = (sequence, chain_hash)
        rows = []
        for model, res_id, kind, when in sorted(
            self.seals, key=lambda s: (s[3], s[0], s[1])
        ):
            key = (model, res_id)
            estate = estate_of[key]
            sequence, previous = last.get(estate, (0, "0" * 64))
            sequence += 1
            chain = Seal._chain(previous, digests[key], kind, model, res_id, sequence)
            last[estate] = (sequence, chain)
            rows.append(
                {
                    "community_id": estate,
                    "sequence": sequence,
                    "name": names[key],
                    "kind": kind,
                    "res_model": model,
                    "res_id": res_id,
                    "content_hash": digests[key],
                    "previous_hash": previous,
                    "chain_hash": chain,
                    "sealed_at": when,
                    "sealed_by_id": self.env.uid,
                    "verify_state": "ok",
                    "verified_at": when,
                    "create_date": when,
                }
            )
        ids = self.insert("hoa.archive.seal", rows, chatter=False)
        # the records point to their seal; the committee is given each hash
        # (in the portal: the generated members have no email address)
        for model in by_model:
            pairs = [
                (seal_id, row["res_id"])
                for seal_id, row in zip(ids, rows, strict=True)
                if row["res_model"] == model
            ]
            for start in range(0, len(pairs), BATCH):
                execute_values(
                    self.cr,
                    f'UPDATE "{self.env[model]._table}" t SET seal_id = v.seal '
                    "FROM (VALUES %s) v(seal, rid) WHERE t.id = v.rid",
                    pairs[start : start + BATCH],
                    page_size=BATCH,
                )
        self.env.invalidate_all()
        lang = self.company.partner_id.lang or self.env.lang
        _t = self.env(context=dict(self.env.context, lang=lang))._
        receipts, notes = [], []
        for seal_id, row in zip(ids, rows, strict=True):
            partners = self.members[row["community_id"]]
            for partner_id in partners:
                receipts.append(
                    {
                        "seal_id": seal_id,
                        "community_id": row["community_id"],
                        "sequence": row["sequence"],
                        "chain_hash": row["chain_hash"],
                        "name": row["name"],
                        "res_model": row["res_model"],
                        "res_id": row["res_id"],
                        "partner_id": partner_id,
                        "channel": "portal",
                        "sent_at": row["sealed_at"],
                        "create_date": row["sealed_at"],
                    }
                )
            notes.append(
                (
                    row["res_model"],
                    row["res_id"],
                    Markup("<p>%s</p>")
                    % _t(
                        "Archive seal %(sequence)s (%(hash)s) given to the committee: "
                        "%(names)s.",
                        sequence=row["sequence"],
                        hash=row["chain_hash"],
                        names=", ".join(self.member_names[row["community_id"]]),
                    ),
                    row["sealed_at"],
                )
            )
        self.insert("hoa.archive.seal.receipt", receipts, chatter=False)
        self.insert_messages(notes)


def generate(
    env,
    estates=500,
    scale=1.0,
    seed=0,
    open_inquiries=None,
    progress=None,
    prefix="gen",
):
    """Build a company of ``estates`` estates with the volumes of
    :data:`VOLUMES` times ``scale``; return the counts of what was created
    and the wall and CPU seconds of each phase (``counts["timings"]``).

    ``open_inquiries``: how many inquiries are still open (default 5 % of
    them; more than the volume adds open ones, e.g. 100,000 for the sweep).
    ``prefix``: of the users' logins and the estates' codes (``gen``).
    ``progress(phase, seconds, cpu)`` is called after each phase."""
    generator = Generator(
        env,
        estates,
        scale,
        seed,
        open_inquiries=open_inquiries,
        progress=progress,
        prefix=prefix,
    )
    counts = dict(generator.run())
    counts["timings"] = generator.timings
    return counts


def main():
    """Command line: ``python3 benchmarks/generator.py -d DB --addons-path=P
    [--estates N] [--scale F] [--open-inquiries N] [--seed S]``: generate,
    commit, and print the counts and the seconds of each phase."""
    import argparse
    import sys

    import odoo
    from odoo import SUPERUSER_ID, api

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--estates", type=int, default=500)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--open-inquiries",
        type=int,
        default=None,
        help="open inquiries wanted (default: 5%% of the inquiries)",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", "--log-level=warn", "-d", args.database]
    )
    registry = odoo.modules.registry.Registry(args.database)

    def _progress(phase, seconds, cpu):
        sys.stdout.write(
            f"  phase {phase:<38} {seconds:8.1f} s ({cpu:.1f} s CPU of Odoo and "
            "PostgreSQL)\n"
        )
        sys.stdout.flush()

    started = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        counts = generate(
            env,
            estates=args.estates,
            scale=args.scale,
            seed=args.seed,
            open_inquiries=args.open_inquiries,
            progress=_progress,
        )
        cr.commit()  # pylint: disable=invalid-commit
        # the planner's statistics, as autovacuum gathers them on a live
        # database soon after such a load (without them PostgreSQL joins the
        # new tables row by row: the decision form's tally took 300 ms)
        cr.execute("ANALYZE")
        cr.commit()  # pylint: disable=invalid-commit
    out = sys.stdout
    out.write(f"generated {args.estates} estates at scale {args.scale}:\n")
    for model, count in sorted(counts.items()):
        if model != "timings":
            out.write(f"  {model:<28} {count:>10,}\n")
    cpu = sum(timing[2] for timing in counts["timings"])
    out.write(
        f"  total{'':<39} {time.perf_counter() - started:8.1f} s ({cpu:.1f} s CPU)\n"
    )
    out.flush()


if __name__ == "__main__":
    main()
