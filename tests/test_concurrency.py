import threading
import uuid
from datetime import date, datetime, timedelta
from functools import partial

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from .common import registry_lock_shared, serve_notice_in_time


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    """Two transactions at once, each on its own database connection, as two
    browser requests or two cron workers would be. Each runs through
    ``retrying`` as Odoo's HTTP layer and cron runner do: one wins, the other
    is retried on a fresh snapshot and then changes the winner's result or
    gets a clear error — never a duplicate, never a lost write.

    The fixtures are committed (other connections must see them) under
    names unique to the run; the test database is dropped after CI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = odoo.modules.registry.Registry(get_db_name())
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            today = fields.Date.context_today(env.user)
            partners = env["res.partner"].create(
                [{"name": f"Concurrency {tag} {i}"} for i in range(5)]
            )
            estate = env["hoa.community"].create(
                {"name": f"Concurrency estate {tag}", "code": f"CC-{tag}"}
            )
            env["hoa.unit"].create(
                [
                    {
                        "community_id": estate.id,
                        "name": f"1-{i}01",
                        "area": 80.0 + i,
                        "owner_id": partner.id,
                    }
                    for i, partner in enumerate(partners)
                ]
            )
            committee = env["hoa.committee"].create(
                {
                    "name": f"Concurrency committee {tag}",
                    "community_id": estate.id,
                    "election_date": date(2025, 3, 1),
                    "term_start": date(2025, 3, 3),
                    "term_end": date(2030, 3, 2),
                    "member_ids": [
                        Command.create(
                            {
                                "partner_id": p.id,
                                "role": "chair" if i == 0 else "member",
                            }
                        )
                        for i, p in enumerate(partners)
                    ],
                }
            )
            committee.action_activate()
            owner = new_test_user(
                env,
                f"hoa_cc_owner_{tag}",
                groups="base.group_portal",
                partner_id=partners[1].id,
            )
            decision = env["hoa.decision"].create(
                {
                    "name": "Concurrent vote",
                    "community_id": estate.id,
                    "item": "fund_use",
                    "date_open": today - timedelta(days=1),
                    "date_close": today + timedelta(days=7),
                }
            )
            decision.action_open()
            meeting = env["hoa.meeting"].create(
                {
                    "name": "Concurrent minutes",
                    "committee_id": committee.id,
                    "meeting_type": "special",
                    "date_start": datetime(2026, 3, 20, 1, 30),
                    "location": "会议室",
                    "notice_date": date(2026, 3, 10),
                }
            )
            serve_notice_in_time(meeting)
            meeting.action_propose()
            meeting.attendance_ids.filtered("member_id")[:3].write({"present": True})
            meeting.action_hold()
            meeting.minutes = "<p>Concurrent minutes.</p>"
            inquiries = env["hoa.inquiry"].create(
                [
                    {
                        "subject": f"Overdue {i}",
                        "community_id": estate.id,
                        "received_date": today - timedelta(days=30),
                        "channel": "letter",
                        "user_id": SUPERUSER_ID,
                    }
                    for i in range(20)
                ]
            )
            cls.ids = {
                "owner": owner.id,
                "decision": decision.id,
                "meeting": meeting.id,
                "line": meeting.attendance_ids.filtered("present")[0].id,
                "inquiries": inquiries.ids,
            }

    def in_parallel(self, *calls, uid=SUPERUSER_ID):
        """Run each ``call(env)`` in its own transaction, all released at
        once; return ``("ok", result)`` or ``("error", exception)`` each."""
        barrier = threading.Barrier(len(calls))
        results = [None] * len(calls)

        def run(index, call):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, uid, {})
                    barrier.wait(timeout=30)
                    results[index] = ("ok", retrying(partial(call, env), env))
            except Exception as error:  # noqa: BLE001 — reported to the test
                results[index] = ("error", error)

        threads = [
            threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
        ]
        # the losers' serialization failures are expected: Odoo logs each as
        # a "bad query" ERROR before retrying it
        with registry_lock_shared(), mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertTrue(all(r is not None for r in results), "a transaction hung")
        return results

    def committed(self, model, domain):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env[model].search_read(domain)

    def test_two_ballots_for_one_voter_make_one(self):
        def cast(choice, env):
            decision = env["hoa.decision"].browse(self.ids["decision"])
            return decision._portal_cast(choice).id

        results = self.in_parallel(
            partial(cast, "agree"), partial(cast, "oppose"), uid=self.ids["owner"]
        )
        self.assertEqual([r[0] for r in results], ["ok", "ok"], results)
        ballots = self.committed(
            "hoa.decision.ballot", [("decision_id", "=", self.ids["decision"])]
        )
        self.assertEqual(len(ballots), 1, "one voter, one ballot")
        self.assertEqual({r[1] for r in results}, {ballots[0]["id"]})
        self.assertIn(ballots[0]["choice"], ("agree", "oppose"))

    def test_two_signatures_of_one_line(self):
        def sign(ip, env):
            return (
                env["hoa.meeting.attendance"]
                .browse(self.ids["line"])
                ._sign(method="portal", ip=ip)
            )

        results = self.in_parallel(partial(sign, "10.0.0.1"), partial(sign, "10.0.0.2"))
        outcomes = sorted(r[0] for r in results)
        self.assertEqual(outcomes, ["error", "ok"], results)
        error = next(r[1] for r in results if r[0] == "error")
        self.assertIsInstance(error, UserError)
        self.assertNotIsInstance(error, ValidationError)
        line = self.committed(
            "hoa.meeting.attendance", [("id", "=", self.ids["line"])]
        )[0]
        self.assertIn(line["signed_ip"], ("10.0.0.1", "10.0.0.2"))
        notes = self.committed(
            "mail.message",
            [
                ("model", "=", "hoa.meeting"),
                ("res_id", "=", self.ids["meeting"]),
                ("body", "ilike", "signed the minutes"),
            ],
        )
        self.assertEqual(len(notes), 1, "signed once, noted once")

    def test_two_seals_of_one_estate_at_once(self):
        """Two documents of one estate sealed at once (two members signing
        two meetings' minutes): both sealed, one link after the other, the
        chain unbroken — not a unique violation for the second (seen in the
        load test: its signature was refused)."""
        started = threading.Barrier(2, timeout=10)
        tries = [0, 0]

        def seal(index, env):
            tries[index] += 1
            # the chain itself is what is raced for: the same document twice
            decision = env["hoa.decision"].browse(self.ids["decision"])
            # each transaction has its snapshot before either seals
            env["hoa.archive.seal"].search_count([])
            if tries[index] == 1:
                started.wait()
            return env["hoa.archive.seal"]._seal(decision, "result").sequence

        results = self.in_parallel(partial(seal, 0), partial(seal, 1))
        self.assertEqual([status for status, _r in results], ["ok", "ok"], results)
        links = sorted(r for _s, r in results)
        self.assertEqual(links[1], links[0] + 1)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            estate = env["hoa.decision"].browse(self.ids["decision"]).community_id
            seals = env["hoa.archive.seal"].search(
                [("community_id", "=", estate.id), ("sequence", "in", links)],
                order="sequence",
            )
            self.assertEqual(len(seals), 2)
            self.assertEqual(seals[1].previous_hash, seals[0].chain_hash)

    def test_two_cron_runs_at_once(self):
        def sweep(env):
            return env["hoa.inquiry"]._cron_sweep()

        results = self.in_parallel(sweep, sweep)
        self.assertEqual([r[0] for r in results], ["ok", "ok"], results)
        activities = self.committed(
            "mail.activity",
            [
                ("res_model", "=", "hoa.inquiry"),
                ("res_id", "in", self.ids["inquiries"]),
            ],
        )
        per_inquiry = {}
        for activity in activities:
            per_inquiry[activity["res_id"]] = per_inquiry.get(activity["res_id"], 0) + 1
        self.assertEqual(set(per_inquiry.values()), {1}, "one deadline activity each")
        self.assertEqual(len(per_inquiry), len(self.ids["inquiries"]))
        escalated = self.committed(
            "hoa.inquiry",
            [("id", "in", self.ids["inquiries"]), ("state", "=", "escalated")],
        )
        self.assertEqual(len(escalated), len(self.ids["inquiries"]))
        # the note names the missed deadline, in whatever language it is in
        deadline = escalated[0]["deadline"]
        notes = self.committed(
            "mail.message",
            [
                ("model", "=", "hoa.inquiry"),
                ("res_id", "=", escalated[0]["id"]),
                ("body", "ilike", str(deadline)),
            ],
        )
        self.assertEqual(len(notes), 1, "escalated once")
