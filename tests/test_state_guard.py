from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .portal_common import HoaPortalCase
from .test_disclosure import LINES

GUARD = "change only through its buttons"


@tagged("post_install", "-at_install")
class TestStateGuard(HoaPortalCase):
    """A workflow moves only through its buttons and crons: its state, and
    who and when its transitions stamped, cannot be written through RPC,
    whoever asks and whatever context they send. The pen test reset a
    published, sealed statement to draft with one ``write``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.fee_model = "commission"
        cls.committee_a.community_id.manager_id = cls.manager_a

    def setUp(self):
        super().setUp()
        Disclosure = self.env["hoa.disclosure"]
        values = {
            "community_id": self.estate_a.id,
            "date_from": date(2026, 7, 1),
            "date_to": date(2026, 9, 30),
            "line_ids": [
                Command.create({"category": c, "name": n, "amount": a})
                for c, n, a in LINES
            ],
        }
        self.published = Disclosure.create(values)
        self.published._publish_unreviewed("test")
        self.draft = Disclosure.create(
            dict(values, date_from=date(2026, 10, 1), date_to=date(2026, 12, 31))
        )
        self.meeting = self.held_meeting()
        self.action = self.env["hoa.meeting.action"].create(
            {"meeting_id": self.meeting.id, "name": "Repaint the fences"}
        )
        self.matter = self.delivered_matter()
        self.inquiry_a = self.inquiry()
        self.notice_a = self.notice()
        self.vote = self.open_decision()
        self.env.flush_all()

    def cases(self):
        """(record, values) a user of the estate would like to write."""
        someone = self.staff_a
        return [
            (self.published, {"state": "draft"}),
            (self.published, {"change_summary": "<p>Nothing changed.</p>"}),
            (self.draft, {"state": "published"}),
            (self.draft, {"published_date": "2026-10-01"}),
            (self.draft, {"published_by_id": someone.id}),
            (self.draft, {"version": 3, "previous_id": self.published.id}),
            (self.committee_a, {"state": "dissolved"}),
            (self.inquiry_a, {"state": "closed"}),
            (self.inquiry_a, {"responded_date": "2026-01-05"}),
            (self.inquiry_a, {"responded_by_id": someone.id}),
            (self.inquiry_a, {"assessed_date": "2026-01-05"}),
            (self.inquiry_a, {"escalated_date": "2026-01-05"}),
            (self.matter, {"state": "closed"}),
            (self.matter, {"receipt_date": "2026-01-05 10:00:00"}),
            (self.matter, {"receipt_partner_id": self.portal_a.partner_id.id}),
            (self.matter, {"answered_by_id": self.portal_a.partner_id.id}),
            (self.matter, {"escalated": True}),
            # delivered only on evidence of receipt, recorded by its actions
            (self.matter, {"delivered_date": "2026-01-05"}),
            (self.matter, {"sent_date": "2026-01-05"}),
            (self.matter, {"receipt_signed_by": "Someone"}),
            (self.inquiry_a, {"reply_date": "2026-01-05"}),
            (self.meeting, {"state": "signed"}),
            (self.meeting, {"signed_date": "2026-03-21 10:00:00"}),
            (self.meeting, {"proposed_date": "2026-01-05"}),
            (self.action, {"state": "done"}),
            (self.action, {"done_date": "2026-03-25"}),
            (self.notice_a, {"state": "posted"}),
            (self.notice_a, {"reviewer_id": self.manager_a.id}),
            (self.notice_a, {"review_date": "2026-01-05"}),
            # the pen test set an open vote with ballots back to draft,
            # changed its item and opened it again; and published one
            # without closing or sealing it
            (self.vote, {"state": "draft"}),
            (self.vote, {"state": "published", "published_date": "2026-11-30"}),
            (self.vote, {"published_date": "2026-11-30"}),
            # what the record computes is never entered: the re-run of the
            # probe held a meeting without quorum, published a statement
            # whose totals were not its lines' and moved deadlines to 2099
            (self.meeting, {"quorum_ok": True}),
            (self.draft, {"income_total": 880000, "balance": 880000}),
            (self.inquiry_a, {"deadline": "2099-12-31"}),
            (self.inquiry_a, {"sla_met": True}),
            (self.matter, {"deadline": "2099-12-31"}),
            (self.matter, {"delivered_late": False}),
            (self.committee_a, {"filing_deadline": "2099-12-31"}),
        ]

    def snapshot(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(list(names))[0]

    def assertRefusedThroughRpc(self, login):
        self.authenticate(login, login)
        accepted = []
        for record, values in self.cases():
            before = self.snapshot(record, values)
            for context in ({}, {"hoa_state_flow": True}):
                answer = self.call_kw(
                    record._name,
                    "write",
                    [record.ids, values],
                    {"context": context} if context else {},
                )
                if "error" not in answer:
                    accepted.append(f"{record._name} {values} {context}")
                # a refusal leaves nothing behind
                self.assertEqual(
                    self.snapshot(record, values), before, f"{record._name} {values}"
                )
        self.assertFalse(accepted, "written directly:\n" + "\n".join(accepted))

    def test_every_workflow_is_guarded(self):
        """A new model with a workflow cannot forget the guard."""
        unguarded = [
            name
            for name, model in self.env.registry.items()
            if name.startswith("hoa.")
            and not model._abstract
            and not model._transient
            and "state" in model._fields
            and model._fields["state"].store
            and not issubclass(model, self.env.registry["hoa.state.guard.mixin"])
        ]
        self.assertFalse(unguarded, "workflows anyone can write")

    def test_every_computed_field_is_guarded(self):
        """A model with a stored computed field nobody may enter checks its
        input, so that RPC cannot write the field directly (models nobody
        may write at all are kept by their access rights)."""
        writable = {
            access.model_id.model
            for access in self.env["ir.model.access"].search(
                ["|", ("perm_write", "=", True), ("perm_create", "=", True)]
            )
        }
        unguarded = [
            f"{name}.{field.name}"
            for name, model in self.env.registry.items()
            if name.startswith("hoa.") and name in writable and model._auto
            for field in model._fields.values()
            if field.store
            and field.compute
            and field.readonly
            and not field.inverse
            and not issubclass(model, self.env.registry["hoa.input.mixin"])
        ]
        self.assertFalse(unguarded, "computed fields anyone can write")

    def test_no_signature_is_created_ready_made(self):
        """The re-run of the probe created a signed attendance line with a
        forged IP on a held meeting."""
        self.authenticate("hoa_t_staff_a", "hoa_t_staff_a")
        before = self.meeting.attendance_ids
        answer = self.call_kw(
            "hoa.meeting.attendance",
            "create",
            [
                {
                    "meeting_id": self.meeting.id,
                    "user_id": self.manager_a.id,
                    "present": True,
                    "signed_at": "2026-03-21 10:00:00",
                    "sign_method": "portal",
                    "signed_ip": "203.0.113.66",
                }
            ],
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.meeting.invalidate_recordset()
        self.assertEqual(self.meeting.attendance_ids, before)

    def test_staff_cannot_write_states_or_stamps(self):
        self.assertRefusedThroughRpc("hoa_t_staff_a")
        # the button does it, after its checks
        answer = self.call_kw("hoa.meeting.action", "action_done", [self.action.ids])
        self.assertNotIn("error", answer)
        self.assertEqual(self.action.state, "done")
        self.assertTrue(self.action.done_date)

    def test_head_cannot_write_states_or_stamps(self):
        self.assertRefusedThroughRpc("hoa_t_manager_a")
        # what the head is told: a statement is published with its button
        answer = self.call_kw(
            "hoa.disclosure", "write", [self.published.ids, {"state": "draft"}]
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn(GUARD, answer["error"]["data"]["message"])
        self.assertEqual(self.published.state, "published")
        self.assertEqual(self.published.seal_id.verify_state, "ok")
        # the head's button does what the head may do, after its checks
        answer = self.call_kw("hoa.notice", "action_approve", [self.notice_a.ids])
        self.assertNotIn("error", answer)
        self.assertIn(self.notice_a.state, ("approved", "posted"))
        self.assertEqual(self.notice_a.reviewer_id, self.manager_a)

    def test_no_record_is_created_in_a_later_state(self):
        self.authenticate("hoa_t_staff_a", "hoa_t_staff_a")
        today = date.today().isoformat()
        before = self.env["hoa.notice"].search_count([])
        answer = self.call_kw(
            "hoa.notice",
            "create",
            [
                {
                    "title": "Approved by nobody",
                    "community_id": self.estate_a.id,
                    "date_from": today,
                    "date_to": today,
                    "state": "approved",
                }
            ],
        )
        self.assertIn(GUARD, answer["error"]["data"]["message"])
        answer = self.call_kw(
            "hoa.meeting.action",
            "create",
            [{"meeting_id": self.meeting.id, "name": "Done already", "state": "done"}],
        )
        self.assertIn(GUARD, answer["error"]["data"]["message"])
        self.assertEqual(self.env["hoa.notice"].search_count([]), before)
        self.assertEqual(len(self.meeting.action_ids), 1)

    def test_an_archive_seal_is_marked_by_the_verification_only(self):
        seal = self.published.seal_id
        with self.assertRaisesRegex(UserError, GUARD):
            seal.sudo().write({"verify_state": "altered"})
        self.assertEqual(seal.verify_state, "ok")
        self.env.cr.execute(
            "UPDATE hoa_disclosure_line SET amount = 1 WHERE disclosure_id = %s",
            [self.published.id],
        )
        self.env.invalidate_all()
        self.env["hoa.archive.seal"]._verify()
        self.assertEqual(seal.verify_state, "altered")
        # an altered seal cannot be marked intact again by hand
        with self.assertRaisesRegex(UserError, GUARD):
            seal.sudo().write({"verify_state": "ok"})
        self.assertEqual(seal.verify_state, "altered")


@tagged("post_install", "-at_install")
class TestPortalPost(HoaPortalCase):
    """An owner reads an open vote and may write on its page; over RPC they
    could also notify any partner (the pen test notified the administrator)
    and post as someone else."""

    def test_owner_cannot_notify_or_impersonate_through_rpc(self):
        decision = self.open_decision()
        admin = self.env.ref("base.partner_admin")
        chair = self.committee_a.member_ids.filtered(lambda m: m.role == "chair")
        self.env.flush_all()
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        for kwargs in (
            {"partner_ids": [admin.id]},
            {"author_id": chair.partner_id.id},
            {"email_from": "chair@example.com"},
        ):
            answer = self.call_kw(
                "hoa.decision",
                "message_post",
                [decision.ids],
                {
                    "body": "Urgent: confirm your password at http://example.com",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    **kwargs,
                },
            )
            self.assertEqual(
                answer.get("error", {}).get("data", {}).get("name"),
                "odoo.exceptions.AccessError",
                kwargs,
            )
        answer = self.call_kw(
            "hoa.decision",
            "message_notify",
            [decision.ids],
            {"body": "Urgent: confirm your password", "partner_ids": [admin.id]},
        )
        self.assertIn("error", answer)
        self.assertFalse(
            self.env["mail.message"].search(
                [("body", "ilike", "confirm your password")]
            )
        )
        self.assertFalse(
            self.env["mail.notification"].search(
                [
                    ("res_partner_id", "=", admin.id),
                    ("author_id", "=", self.owner_a.partner_id.id),
                ]
            )
        )

    def test_the_portal_chatter_still_posts(self):
        inquiry = self.inquiry()
        inquiry.message_subscribe(self.portal_a.partner_id.ids)
        self.env.flush_all()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        admin = self.env.ref("base.partner_admin")
        # the page's chatter: the mention of a stranger is dropped, as in Odoo
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "hoa.inquiry",
                "thread_id": inquiry.id,
                "post_data": {
                    "body": "Thank you, the noise is gone.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "partner_ids": [admin.id],
                },
            },
        )
        message = inquiry.message_ids.filtered(
            lambda m: "the noise is gone" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        self.assertNotIn(admin, message.partner_ids)
        # over RPC, the same member: a comment to the followers, no one else
        post = {
            "body": "Still quiet today.",
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
        }
        answer = self.call_kw(
            "hoa.inquiry",
            "message_post",
            [inquiry.ids],
            dict(post, partner_ids=[admin.id]),
        )
        self.assertIn("error", answer)
        answer = self.call_kw(
            "hoa.inquiry",
            "message_post",
            [inquiry.ids],
            dict(post, partner_ids=self.portal_a.partner_id.ids),
        )
        self.assertNotIn("error", answer)
        message = inquiry.message_ids.filtered(
            lambda m: "Still quiet" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        self.assertEqual(message.partner_ids, self.portal_a.partner_id)
