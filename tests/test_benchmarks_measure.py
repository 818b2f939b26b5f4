"""The measurements of scripts/benchmark on a company (benchmarks/company_lists
and benchmarks/nightly_jobs) run on a few records built here: every role,
list and form gets its figure, and the idempotency check of the nightly jobs
catches a job that writes again on every run. Not timed."""

from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from .common import HoaCommitteeCase
from odoo.addons.hoa_committee.benchmarks import company_lists, nightly_jobs


@tagged("post_install", "-at_install")
class TestBenchmarksMeasure(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the nightly jobs run on the scheduler's own cursors: in test mode
        # they are the test's transaction
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        today = fields.Date.context_today(cls.env.user)
        cls.create_owned_units(cls.estate_a, 4, "1", 90)
        cls.create_owned_units(cls.estate_b, 2, "2", 80)
        cls.inquiries = cls.env["hoa.inquiry"].create(
            [
                {"community_id": cls.estate_a.id, "subject": "Lift 3 stops"},
                {"community_id": cls.estate_a.id, "subject": "Gate is broken"},
                {"community_id": cls.estate_b.id, "subject": "Leak in block 2"},
            ]
        )
        cls.env["hoa.matter"].create(
            [
                {
                    "community_id": cls.estate_a.id,
                    "subject": "外墙维修",
                    "category": "other",
                },
                {"community_id": cls.estate_b.id, "subject": "B", "category": "other"},
            ]
        )
        cls.meeting = cls.env["hoa.meeting"].create(
            {
                "name": "Meeting",
                "committee_id": cls.committee_a.id,
                "date_start": datetime(2026, 3, 20, 1, 30),
                "location": "物业服务中心会议室",
            }
        )
        cls.decision = cls.env["hoa.decision"].create(
            {
                "name": "维修3号楼外墙",
                "community_id": cls.estate_a.id,
                "item": "fund_use",
                "date_open": today - timedelta(days=10),
                "date_close": today + timedelta(days=20),
            }
        )
        cls.decision.action_open()
        cls.users = {
            "staff": cls.staff_a,
            "head": cls.manager_a,
            "leadership": cls.leader_1,
        }

    def test_lists_and_forms_for_every_role(self):
        result = company_lists.run(self.env, repeats=2, users=self.users)
        results = result["results"]
        for role in ("staff", "head", "leadership"):
            for model, _action, filter_name in company_lists.LISTS:
                for label in ("open", "search", f"filter {filter_name}"):
                    self.assertEqual(
                        len(results[("list", role, f"{model} {label}")]), 2
                    )
                self.assertEqual(
                    len(results[("list", role, f"{model} group by estate")]), 2
                )
                self.assertTrue(
                    any(
                        line.strip().startswith(f"list {model}")
                        for line in result["lines"]
                    )
                )
            for label in ("meeting", "inquiry", "decision"):
                self.assertEqual(len(results[("form", role, label)]), 2, (role, label))
            self.assertTrue(any(f"lists for {role}: p95" in x for x in result["lines"]))
        # the decision opened is the one with its voter roll, counted
        voters = len(self.decision.voter_ids)
        self.assertTrue(voters)
        self.assertTrue(
            any(
                f"form decision (#{self.decision.id}, {voters} voters)" in line
                for line in result["lines"]
            ),
            result["lines"],
        )
        for line in result["lines"]:
            if "goal" in line:
                self.assertRegex(line, r"\(goal < \d+ ms\) (OK|MISSED)$")

    def test_a_failing_request_is_a_missed_figure(self):
        Voter = type(self.env["hoa.decision.voter"])

        def broken(records):
            raise ValueError("broken compute")

        with patch.object(Voter, "_compute_ballot", broken):
            result = company_lists.run(
                self.env, repeats=1, users={"head": self.manager_a}
            )
        self.assertFalse(result["ok"])
        self.assertIn(
            f"    form decision FAILED (MISSED): #{self.decision.id}: "
            "ValueError: broken compute",
            result["lines"],
        )
        # the other figures were measured all the same
        self.assertTrue(result["results"][("form", "head", "meeting")])
        self.assertTrue(result["results"][("list", "head", "hoa.unit")])

    def test_specs_are_the_web_clients(self):
        screen = company_lists.Screen(
            self.env(user=self.staff_a),
            "hoa.inquiry",
            "hoa_committee.hoa_inquiry_action",
        )
        # many2one columns ask for their display name; the action's default
        # filter (open inquiries) is in the domain
        self.assertEqual(
            screen.list_spec["community_id"]["fields"], {"display_name": {}}
        )
        self.assertIn(
            ("state", "in", ("recorded", "assessed", "escalated", "reply_sent")),
            screen.domain,
        )
        meeting = company_lists.Screen(
            self.env(user=self.staff_a),
            "hoa.meeting",
            "hoa_committee.hoa_meeting_action",
        )
        # the form's one2many sub-lists come with their fields and page size
        sub_lists = [
            spec
            for name, spec in meeting.form_spec.items()
            if meeting.fields[name]["type"] == "one2many" and "fields" in spec
        ]
        self.assertTrue(sub_lists)
        self.assertTrue(all(spec["limit"] for spec in sub_lists))
        records = meeting.form_request(self.meeting.id)()
        self.assertEqual(records[0]["id"], self.meeting.id)
        # staff see only their estates' records, as in the browser
        found = screen.model.with_context(**screen.context).web_search_read(
            [("id", "in", self.inquiries.ids)], screen.list_spec
        )
        self.assertEqual(
            {r["community_id"]["id"] for r in found["records"]}, {self.estate_a.id}
        )

    def test_nightly_jobs_run_twice(self):
        result = nightly_jobs.run(self.env, repeats=2)
        crons = nightly_jobs.addon_crons(self.env).filtered("active")
        self.assertTrue(crons)
        for cron in crons:
            name = " ".join(cron.cron_name.split())
            self.assertTrue(any(name in line for line in result["lines"]), name)
        self.assertFalse(result["failed"])
        # whatever the jobs do on this database, the verdict is the list of
        # tables the second run changed, each printed
        self.assertEqual(result["idempotent"], not result["changes"])
        self.assertEqual(
            any("NOT idempotent" in line for line in result["lines"]),
            bool(result["changes"]),
        )
        self.assertNotIn("mail_message", [change[0] for change in result["changes"]])
        self.assertGreater(result["peak_rss"], 0)
        self.assertTrue(any("peak memory (RSS)" in line for line in result["lines"]))

    def test_nightly_jobs_catch_a_job_that_writes_on_every_run(self):
        Notice = type(self.env["hoa.notice"])
        original = Notice._cron_update_posting
        estate = self.estate_a.id

        runs = []

        def leaky(model):
            community = model.env["hoa.community"].browse(estate)
            community.message_post(body="Again")
            runs.append(1)
            community.name = f"Estate A, run {len(runs)}"
            return original(model)

        with patch.object(Notice, "_cron_update_posting", leaky):
            result = nightly_jobs.run(self.env, repeats=2)
        self.assertFalse(result["idempotent"])
        self.assertFalse(result["ok"])
        created = {table: created for table, created, *_rest in result["changes"]}
        # the note (and the tracking of the new name, where the name is tracked)
        self.assertGreaterEqual(created.get("mail_message", 0), 1, result["lines"])
        self.assertTrue(
            any("NOT idempotent" in line for line in result["lines"]), result["lines"]
        )
        self.assertEqual(len(runs), 2)
        # the rewritten value is named
        community = next(c for c in result["changes"] if c[0] == "hoa_community")
        self.assertIn("name", community[4])
        self.assertTrue(
            any(
                line.strip().startswith(
                    f"mail.message: {created['mail_message']} created"
                )
                for line in result["lines"]
            ),
            result["lines"],
        )
