import itertools
import re
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import HoaTransactionCase
from odoo.addons.hoa_committee.benchmarks.generator import VOLUMES, generate
from odoo.addons.hoa_committee.models.hoa_decision import OWNER_QUEUES, OWNER_TEMPLATES

#: the models the generator writes in bulk, with their stored computed fields
#: checked against the addon's computes
BULK_MODELS = (
    "res.partner",
    "hoa.unit",
    "hoa.community",
    "hoa.committee",
    "hoa.meeting",
    "hoa.meeting.attendance",
    "hoa.inquiry",
    "hoa.matter",
    "hoa.decision",
    "hoa.decision.ballot",
    "hoa.archive.seal",
    "hoa.archive.seal.receipt",
    "hoa.service",
    "calendar.event",
    "calendar.attendee",
)
COUNTED = (
    "hoa.community",
    "hoa.unit",
    "hoa.inquiry",
    "hoa.matter",
    "hoa.meeting",
    "hoa.decision",
    "hoa.archive.seal",
)


@tagged("post_install", "-at_install")
class TestGenerator(HoaTransactionCase):
    """A small generated company (3 estates at scale 0.001) is what the addon
    itself would have produced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.before = {}
        for model in (*COUNTED, *BULK_MODELS, "mail.message", "res.users"):
            env.cr.execute(f'SELECT COALESCE(max(id), 0) FROM "{env[model]._table}"')
            cls.before[model] = env.cr.fetchone()[0]
        cls.counts = generate(env, estates=3, scale=0.001, seed=7)
        env.invalidate_all()

    def generated(self, model):
        """The records of ``model`` the generation created."""
        return (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search([("id", ">", self.before[model])], order="id")
        )

    def test_counts_are_as_asked(self):
        expected = {
            "hoa.community": 3,
            "hoa.unit": round(VOLUMES["units"] * 0.001),
            "hoa.inquiry": round(VOLUMES["inquiries"] * 0.001),
            "hoa.matter": round(VOLUMES["matters"] * 0.001),
            "hoa.meeting": round(VOLUMES["meetings"] * 0.001),
            "hoa.decision": 1,
            "hoa.archive.seal": round(VOLUMES["seals"] * 0.001),
        }
        for model, count in expected.items():
            with self.subTest(model=model):
                self.assertEqual(len(self.generated(model)), count)
                self.assertEqual(self.counts[model], count)
        # a realistic share is still open, the rest answered
        inquiries = self.generated("hoa.inquiry")
        open_ones = inquiries.filtered(
            lambda i: i.state in ("recorded", "assessed", "escalated")
        )
        self.assertTrue(0 < len(open_ones) < len(inquiries) / 2)
        self.assertEqual(
            set((inquiries - open_ones).mapped("state")), {"answered", "closed"}
        )
        # every meeting has its attendance, signed ones their signatures
        signed = self.generated("hoa.meeting").filtered(lambda m: m.state == "signed")
        self.assertTrue(signed)
        for meeting in signed:
            present = meeting.attendance_ids.filtered("present")
            self.assertTrue(present and all(present.mapped("signed_at")))
            self.assertTrue(meeting.seal_id)

    def test_open_inquiries_reachable(self):
        """The sweep benchmark asks for many open inquiries: a parameter."""
        before = self.env["hoa.inquiry"].search_count([])
        counts = generate(
            self.env, estates=2, scale=0.0001, seed=3, open_inquiries=40, prefix="gen2"
        )
        self.assertGreaterEqual(counts["hoa.inquiry"], 40)
        new = self.env["hoa.inquiry"].search(
            [], order="id desc", limit=counts["hoa.inquiry"]
        )
        self.assertEqual(self.env["hoa.inquiry"].search_count([]) - before, len(new))
        self.assertEqual(
            len(
                new.filtered(lambda i: i.state in ("recorded", "assessed", "escalated"))
            ),
            40,
        )

    def test_stored_computed_fields_equal_recompute(self):
        for model in BULK_MODELS:
            records = self.generated(model)
            self.assertTrue(records, model)
            names = [
                name
                for name, field in records._fields.items()
                if field.store and field.compute and name != "display_name"
            ]
            self.env.invalidate_all()
            stored = {name: [record[name] for record in records] for name in names}
            for name in names:
                self.env.add_to_compute(records._fields[name], records)
            self.env.flush_all()
            for name in names:
                with self.subTest(model=model, field=name):
                    self.assertEqual([record[name] for record in records], stored[name])

    def test_a_head_sees_only_their_estates(self):
        estates = self.generated("hoa.community")
        heads = estates.manager_id
        self.assertEqual(len(heads), 2)
        for head in heads:
            own = estates.filtered(lambda e, head=head: e.manager_id == head)
            as_head = self.env(user=head)
            self.assertEqual(as_head["hoa.community"].search([]), own)
            inquiries = as_head["hoa.inquiry"].search([])
            self.assertTrue(inquiries)
            self.assertEqual(inquiries.community_id, own)
            self.assertEqual(as_head["hoa.meeting"].search([]).community_id, own)
            self.assertEqual(as_head["hoa.unit"].search([]).community_id, own)

    def test_generated_users_log_in_with_their_login(self):
        users = self.generated("res.users")
        logins = set(users.mapped("login"))
        for login in (
            "gen_leader_01",
            "gen_head_0001",
            "gen_staff_0001",
            "gen_portal_0001",
        ):
            self.assertIn(login, logins)
        head = users.filtered(lambda u: u.login == "gen_head_0001")
        head.with_user(head)._check_credentials(
            {"type": "password", "password": "gen_head_0001"}, {"interactive": False}
        )

    def test_archive_verification_passes(self):
        estates = self.generated("hoa.community")
        seals = self.generated("hoa.archive.seal")
        self.assertEqual(set(seals.mapped("kind")), {"minutes", "letter", "result"})
        failed = self.env["hoa.archive.seal"]._verify(estates)
        self.assertFalse(failed, failed.mapped("verify_finding"))
        # every sealed record points to its seal; the committee got each hash
        for seal in seals:
            record = self.env[seal.res_model].browse(seal.res_id)
            self.assertEqual(record.seal_id, seal)
            self.assertEqual(
                set(seal.receipt_ids.mapped("chain_hash")), {seal.chain_hash}
            )
        # changing a sealed record behind the ORM is found
        minutes = seals.filtered(lambda s: s.kind == "minutes")[:1]
        self.env.cr.execute(
            "UPDATE hoa_meeting SET location = 'elsewhere' WHERE id = %s",
            [minutes.res_id],
        )
        self.env.invalidate_all()
        failed = self.env["hoa.archive.seal"]._verify(estates)
        self.assertEqual(failed[:1].verify_state, "altered")

    def test_sequence_numbers_unique_and_continued(self):
        for model, field in (
            ("hoa.inquiry", "name"),
            ("hoa.matter", "name"),
            ("hoa.meeting", "reference"),
            ("hoa.decision", "reference"),
        ):
            numbers = self.generated(model).mapped(field)
            with self.subTest(model=model):
                self.assertNotIn("/", numbers)
                self.assertEqual(len(numbers), len(set(numbers)))
        estate = self.generated("hoa.community")[0]
        today = self.env.company._hoa_today()
        inquiry = self.env["hoa.inquiry"].create(
            {"community_id": estate.id, "subject": "After", "received_date": today}
        )
        prefix, number = re.match(r"(.*?)(\d+)$", inquiry.name).groups()
        same_year = [
            int(name[len(prefix) :])
            for name in self.env["hoa.inquiry"]
            .search([("name", "=like", f"{prefix}%"), ("id", "!=", inquiry.id)])
            .mapped("name")
        ]
        self.assertTrue(same_year)
        self.assertEqual(int(number), max(same_year) + 1)

    def test_voter_rolls_match_the_owners_units(self):
        decisions = self.generated("hoa.decision")
        self.assertTrue(decisions)
        for decision in decisions:
            expected = defaultdict(lambda: [0, 0])
            developer = decision.community_id.developer_partner_id
            for unit in decision.community_id.unit_ids:
                key = developer.id if unit.developer_held else unit.owner_id.id
                expected[key][0] += round(unit.area * 100)
                expected[key][1] += 1
            roll = {
                voter.partner_id.id: [voter.area_centi, voter.unit_count]
                for voter in decision.voter_ids
            }
            self.assertEqual(roll, dict(expected))
            self.assertEqual(
                decision.voter_ids.filtered("is_developer").partner_id,
                developer
                if any(decision.community_id.unit_ids.mapped("developer_held"))
                else self.env["res.partner"],
            )
            # one ballot per voter, from the roll
            ballots = decision.ballot_ids
            self.assertEqual(len(ballots), len(set(ballots.partner_id.ids)))
            self.assertLessEqual(set(ballots.partner_id.ids), set(roll))

    def test_every_selection_value_is_one_the_field_offers(self):
        """SQL inserts bypass the ORM's checks: a value the field does not
        offer would break the forms that show it."""
        for model in BULK_MODELS:
            Model = self.env[model]
            records = self.generated(model)
            for name, field in Model._fields.items():
                if field.type != "selection" or not field.store:
                    continue
                offered = {
                    key for key, _label in field._description_selection(self.env)
                }
                written = set(records.mapped(name)) - {False}
                with self.subTest(model=model, field=name):
                    self.assertLessEqual(written, offered)

    def test_chatter_and_tokens(self):
        inquiries = self.generated("hoa.inquiry")
        self.assertTrue(all(inquiries.mapped("access_token")))
        self.assertEqual(len(set(inquiries.mapped("access_token"))), len(inquiries))
        created = self.env["mail.message"].search(
            [
                ("model", "=", "hoa.inquiry"),
                ("res_id", "in", inquiries.ids),
                ("id", ">", self.before["mail.message"]),
            ]
        )
        self.assertEqual(set(created.mapped("res_id")), set(inquiries.ids))
        # the "created" note (the others track the state)
        note = created.filtered(lambda m: not m.tracking_value_ids)[:1]
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(note.body, f"<p>{inquiries[:1]._creation_message()}</p>")

    def test_decisions_served_to_the_roll(self):
        """The owners on the roll were served the voting notice, the reminder
        (those who had not voted N days before the close) and the result, as
        the nightly jobs serve them: the job has nothing left to serve."""
        decisions = self.generated("hoa.decision")
        self.assertTrue(decisions)
        days = self.env.company.hoa_decision_reminder_days
        for decision in decisions:
            roll = decision.voter_ids.partner_id
            for kind, queue in OWNER_QUEUES.items():
                with self.subTest(kind=kind):
                    self.assertFalse(decision[queue])
                    self.assertFalse(decision._owner_unserved(kind))
            services = decision.service_ids
            self.assertEqual(
                set(services.mapped("template_id")),
                {self.env.ref(xmlid) for xmlid in OWNER_TEMPLATES.values()},
            )
            self.assertEqual(set(services.mapped("channel")), {"portal"})
            self.assertEqual(set(services.mapped("state")), {"sent"})
            self.assertFalse(services.committee_id)
            for kind in ("vote_notice", "vote_result"):
                rows = services.filtered(lambda s, kind=kind: s.document == kind)
                self.assertEqual(rows.partner_id, roll)
                self.assertEqual(len(rows), len(roll))
            self.assertEqual(decision.owner_served_count, len(roll))
            remind_day = decision.date_close - relativedelta(days=days)
            voted_before = decision.ballot_ids.filtered(
                lambda b, day=remind_day: b.cast_date.date() < day
            ).partner_id
            reminded = services.filtered(lambda s: s.document == "vote_reminder")
            self.assertEqual(reminded.partner_id, roll - voted_before)
            self.assertTrue(
                all(s.sent_at.date() == remind_day for s in reminded), "that night"
            )
            notes = self.env["mail.message"].search(
                [("model", "=", "hoa.decision"), ("res_id", "=", decision.id)]
            )
            # the notes the job posts, in the company's language
            lang = decision.company_id.partner_id.lang or self.env.lang
            env = self.env(context=dict(self.env.context, lang=lang))
            labels = dict(
                env["hoa.service"]._fields["document"]._description_selection(env)
            )
            for kind in OWNER_QUEUES:
                body = env._(
                    "%(document)s served to the %(count)s owners on the roll.",
                    document=labels[kind],
                    count=len(roll),
                )
                self.assertEqual(len(notes.filtered(lambda m, b=body: m.body == b)), 1)
            summary = decision.with_context(lang=lang)._result_summary()
            self.assertEqual(len(notes.filtered(lambda m, b=summary: m.body == b)), 1)
        # the serve job finds nothing queued, the reminder job nothing open
        self.assertFalse(
            self.env["hoa.decision"].search(
                [
                    ("id", "in", decisions.ids),
                    "|",
                    ("owner_notice_since", "!=", False),
                    ("owner_result_since", "!=", False),
                ]
            )
        )

    def test_meetings_have_their_calendar_events(self):
        """Each meeting has the calendar event _sync_calendar gives it, with
        the attendance's people as attendees and followers (an archived one
        for a cancelled meeting)."""
        meetings = self.generated("hoa.meeting")
        self.assertTrue(all(meetings.mapped("calendar_event_id")))
        created = self.env.ref("base.partner_root")
        for meeting in meetings:
            event = meeting.calendar_event_id.with_context(active_test=False)
            partners = meeting._calendar_partners()
            with self.subTest(meeting=meeting.display_name):
                self.assertEqual(event.name, meeting.display_name)
                self.assertEqual(event.start, meeting.date_start)
                self.assertEqual(
                    event.stop, meeting.date_start + timedelta(hours=meeting.duration)
                )
                self.assertEqual(
                    (event.res_model, event.res_id), (meeting._name, meeting.id)
                )
                self.assertEqual(event.user_id, meeting.user_id)
                self.assertEqual(event.active, meeting.state != "cancelled")
                self.assertEqual(event.partner_ids, partners)
                self.assertEqual(event.attendee_ids.partner_id, partners)
                self.assertEqual(len(event.attendee_ids), len(partners))
                self.assertEqual(
                    set(event.attendee_ids.mapped("state")), {"needsAction"}
                )
                self.assertEqual(event.message_partner_ids, partners)
                self.assertEqual(event.message_ids.author_id, created)
        # what the ORM writes for one more meeting's event: the same followers
        estate = self.generated("hoa.community")[0]
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "After",
                "committee_id": estate.committee_ids[:1].id,
                "meeting_type": "routine",
                "date_start": meetings[0].date_start,
            }
        )
        orm = meeting.calendar_event_id
        ours = meetings[0].calendar_event_id
        self.assertEqual(
            orm.message_follower_ids[:1].subtype_ids,
            ours.message_follower_ids[:1].subtype_ids,
        )
        self.assertEqual(orm.message_ids.body, ours.message_ids.body)

    def test_state_changes_tracked(self):
        """Each generated meeting, inquiry and report carries the state
        tracking of its way to its state, as tracking logs it: one note per
        step, in order, from the default state to the current one."""
        for model in ("hoa.meeting", "hoa.inquiry", "hoa.matter"):
            records = self.generated(model)
            field = self.env["ir.model.fields"]._get(model, "state")
            labels = dict(records._fields["state"]._description_selection(self.env))
            default = records._fields["state"].default(records)
            values = self.env["mail.tracking.value"].search(
                [
                    ("field_id", "=", field.id),
                    ("mail_message_id.res_id", "in", records.ids),
                    ("mail_message_id.model", "=", model),
                ]
            )
            by_record = defaultdict(list)
            for value in values.sorted(lambda v: (v.mail_message_id.date, v.id)):
                by_record[value.mail_message_id.res_id].append(value)
            tracked = 0
            for record in records:
                steps = by_record.get(record.id, [])
                with self.subTest(model=model, record=record.display_name):
                    if record.state == default:
                        self.assertFalse(steps)
                        continue
                    tracked += 1
                    self.assertEqual(steps[0].old_value_char, labels[default])
                    self.assertEqual(steps[-1].new_value_char, labels[record.state])
                    for before, after in itertools.pairwise(steps):
                        self.assertEqual(before.new_value_char, after.old_value_char)
                    message = steps[0].mail_message_id
                    self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
                    self.assertEqual(message.message_type, "notification")
            self.assertTrue(tracked, model)
        # the same rows tracking writes for one more change
        inquiry = self.generated("hoa.inquiry").filtered(
            lambda i: i.state == "recorded"
        )[:1]
        inquiry._set_state({"state": "assessed"})
        inquiry.flush_recordset()
        self.env.cr.precommit.run()
        orm = inquiry.message_ids[:1].tracking_value_ids
        ours = (
            self.generated("hoa.inquiry")
            .filtered(lambda i: i.state == "assessed")[:1]
            .message_ids.tracking_value_ids
        )
        self.assertEqual(
            orm.read(["field_id", "old_value_char", "new_value_char"])[0].keys(),
            ours[:1].read(["field_id", "old_value_char", "new_value_char"])[0].keys(),
        )
        self.assertEqual(
            (orm.field_id, orm.old_value_char, orm.new_value_char),
            (ours[:1].field_id, ours[:1].old_value_char, ours[:1].new_value_char),
        )
        self.assertEqual(orm.mail_message_id.body, ours[:1].mail_message_id.body)

    def test_signed_minutes_have_their_pdf(self):
        """Each signed meeting has the minutes PDF _freeze attaches (the
        bytes of one real rendering, see the generator) and the note carrying
        it; the seal still verifies (the PDF comes after the seal)."""
        meetings = self.generated("hoa.meeting").filtered(lambda m: m.state == "signed")
        self.assertTrue(meetings)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "hoa.meeting"), ("res_id", "in", meetings.ids)]
        )
        self.assertEqual(sorted(attachments.mapped("res_id")), sorted(meetings.ids))
        self.assertEqual(set(attachments.mapped("mimetype")), {"application/pdf"})
        self.assertEqual(len(set(attachments.mapped("checksum"))), 1)
        for attachment in attachments[:3]:
            self.assertTrue(attachment.raw.startswith(b"%PDF"))
            meeting = meetings.browse(attachment.res_id)
            # named in the company's language, as _freeze names it at night
            lang = meeting.company_id.partner_id.lang or self.env.lang
            self.assertEqual(
                attachment.name,
                meeting.with_context(lang=lang).env._(
                    "Minutes %(ref)s.pdf", ref=meeting.reference
                ),
            )
            note = meeting.message_ids.filtered(
                lambda m, a=attachment: a in m.attachment_ids
            )
            self.assertEqual(len(note), 1)
            present = len(meeting.attendance_ids.filtered("present"))
            self.assertIn(str(present), note.body)
        failed = self.env["hoa.archive.seal"]._verify(meetings.community_id)
        self.assertFalse(failed, failed.mapped("verify_finding"))
