"""Proof of service (送达记录): a meeting notice counts as served to a member
only on evidence that it reached them — the mail server's acceptance
without a bounce, their opening or confirming it in the portal, or a paper
receipt they signed, with its scan."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..rules.meetings import notice_served_in_time
from .common import HoaCommitteeCase, HoaTransactionCase
from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail

#: a 1×1 PNG: the scan of a signed receipt
SCAN = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

#: what a mail server sends back when an address does not exist (RFC 3464)
BOUNCE = """Return-Path: <>
From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
To: {to}
Subject: Undelivered Mail Returned to Sender
Date: Tue, 10 Mar 2026 10:00:00 +0800
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="bounce-boundary"
Message-Id: <bounce-1@mail.example.com>

--bounce-boundary
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered: 550 No such person at this address.

--bounce-boundary
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com

Final-Recipient: rfc822; {email}
Action: failed
Status: 5.0.0

--bounce-boundary
Content-Type: message/rfc822

Message-Id: {message_id}
From: notice@example.com
To: {email}
Subject: Meeting notice

The notice.

--bounce-boundary--
"""


@tagged("post_install", "-at_install")
class TestNoticeServedRule(HoaTransactionCase):
    def test_every_member_served_by_the_meeting_day_minus_the_notice_days(self):
        day = date(2026, 3, 20)
        in_time = date(2026, 3, 15)  # exactly 5 days before
        self.assertTrue(notice_served_in_time([in_time] * 5, day, 5))
        # one member served a day late, or not at all: the notice is late
        self.assertFalse(
            notice_served_in_time([in_time] * 4 + [date(2026, 3, 16)], day, 5)
        )
        self.assertFalse(notice_served_in_time([in_time] * 4 + [None], day, 5))
        self.assertTrue(notice_served_in_time([date(2026, 3, 16)], day, 4))
        # nobody owed it, or no meeting day: nothing proves it
        self.assertFalse(notice_served_in_time([], day, 5))
        self.assertFalse(notice_served_in_time([in_time], None, 5))


class ServiceCase(HoaCommitteeCase, MockEmail):
    """Committee A's special meeting on 20 March 2026 (notice due by the
    15th); members 0 to 3 have an email address, member 4 has no email and
    no portal login."""

    def setUp(self):
        super().setUp()
        self.members = self.committee_a.member_ids.partner_id
        for i, partner in enumerate(self.members[:4]):
            partner.email = f"member{i}@example.com"
        self.unreachable = self.members[4]
        self.meeting = self.env["hoa.meeting"].create(
            {
                "name": "外墙维修专题会",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "requires_resolution": True,
                "date_start": datetime(2026, 3, 20, 1, 30),  # 9:30 in Beijing
                "location": "物业服务中心会议室",
            }
        )

    def send(self, day="2026-03-10"):
        with freeze_time(day):
            return (
                self.meeting.with_user(self.manager_a)
                .with_context(force_report_rendering=True)
                .action_send_notice()
            )

    def row(self, partner):
        return self.meeting.service_ids.filtered(lambda s: s.partner_id == partner)

    def record_receipt(self, service, day, scan=SCAN):
        with freeze_time(day):
            wizard = (
                self.env["hoa.service.receipt.wizard"]
                .with_user(self.manager_a)
                .create(
                    {
                        "service_id": service.id,
                        "signed_by": service.partner_id.name,
                        "receipt_date": date.fromisoformat(day),
                        "scan": scan,
                        "scan_name": "回执.png",
                    }
                )
            )
            return wizard.action_confirm()


@tagged("post_install", "-at_install")
class TestMeetingNoticeService(ServiceCase):
    def test_member_without_any_channel_is_named_and_the_head_told(self):
        with self.mock_mail_gateway():
            self.send()
        self.assertEqual(self.meeting.state, "notified")
        self.assertEqual(self.meeting.notice_date, date(2026, 3, 10))
        # one proof of service per member: four emails accepted, one on paper
        self.assertEqual(self.meeting.service_ids.partner_id, self.members)
        emailed = self.meeting.service_ids - self.row(self.unreachable)
        self.assertEqual(set(emailed.mapped("state")), {"accepted"})
        self.assertEqual(set(emailed.mapped("served_date")), {date(2026, 3, 10)})
        paper = self.row(self.unreachable)
        self.assertEqual((paper.channel, paper.state), ("paper", "pending"))
        self.assertFalse(paper.served)
        # not in time: one member has no evidence, and they are named
        self.assertFalse(self.meeting.notice_ok)
        self.assertEqual(self.meeting.notice_undelivered, self.unreachable.name)
        activity = self.meeting.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertIn(self.unreachable.name, activity.summary)
        # the notice to print, with the receipt slip to sign
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "hoa_committee.action_report_service_receipt_slip", paper.ids
            )[0]
            .decode()
        )
        self.assertIn("外墙维修专题会", html)
        self.assertIn(self.unreachable.name, html)
        self.assertIn("o_hoa_receipt_slip", html)
        # and the meeting cannot take a resolution on that notice
        self.meeting.attendance_ids.filtered("member_id")[:3].present = True
        self.meeting.attendance_ids.filtered("user_id").present = True
        with self.assertRaisesRegex(UserError, "cannot take a resolution"):
            self.meeting.action_hold()

    def test_mail_server_refusal_is_a_failure_served_again_by_another_channel(self):
        with (
            self.mock_mail_gateway(),
            patch.object(
                type(self.env["ir.mail_server"]),
                "connect",
                side_effect=ConnectionRefusedError("no outgoing mail server"),
            ),
        ):
            self.send()
        failed = self.row(self.members[0])
        self.assertEqual(failed.state, "failed")
        self.assertFalse(failed.served)
        self.assertTrue(failed.failure_reason)
        self.assertFalse(self.meeting.notice_ok)
        for member in self.members:
            self.assertIn(member.name, self.meeting.notice_undelivered)
        # served again: on paper (no portal login); the failure stays recorded
        with freeze_time("2026-03-11"):
            failed.with_user(self.manager_a).action_serve_again()
        rows = self.row(self.members[0])
        self.assertEqual(len(rows), 2)
        self.assertEqual(
            sorted(rows.mapped("state")), ["failed", "pending"], rows.mapped("channel")
        )
        self.assertEqual((rows - failed).channel, "paper")

    def test_bounce_after_acceptance_is_not_served(self):
        with self.mock_mail_gateway():
            self.send()
        row = self.row(self.members[2])
        self.assertEqual(row.state, "accepted")
        self.assertTrue(row.message_id)
        self.assertNotIn(self.members[2].name, self.meeting.notice_undelivered)
        with freeze_time("2026-03-10 06:00:00"):
            self.env["mail.thread"].message_process(
                False,
                BOUNCE.format(
                    to="bounce@example.com",
                    email=self.members[2].email,
                    message_id=row.message_id,
                ),
            )
        self.assertEqual(row.state, "failed")
        self.assertFalse(row.served)
        self.assertFalse(row.served_date)
        self.assertIn("bounced", row.failure_reason)
        self.assertIn(self.members[2].name, self.meeting.notice_undelivered)
        self.assertIn(
            self.members[2].name, " ".join(self.meeting.activity_ids.mapped("summary"))
        )
        # the other members' acceptance stands
        self.assertEqual(self.row(self.members[0]).state, "accepted")

    def test_paper_receipt_needs_its_scan_and_then_serves_in_time(self):
        with self.mock_mail_gateway():
            self.send()
        paper = self.row(self.unreachable)
        with self.assertRaisesRegex(UserError, "scan"):
            self.record_receipt(paper, "2026-03-12", scan=False)
        self.assertEqual(paper.state, "pending")
        self.assertFalse(paper.receipt_attachment_id)
        self.record_receipt(paper, "2026-03-12")
        self.assertEqual(paper.state, "received")
        self.assertTrue(paper.served)
        self.assertEqual(paper.served_date, date(2026, 3, 12))
        self.assertEqual(paper.receipt_signed_by, self.unreachable.name)
        self.assertEqual(paper.receipt_attachment_id.raw[:4], b"\x89PNG")
        self.assertIn(self.unreachable.name, paper.evidence)
        # every member served by the 15th: the notice is in time
        self.assertTrue(self.meeting.notice_ok)
        self.assertFalse(self.meeting.notice_undelivered)

    def test_note_says_sent_and_the_paper_activity_is_done_once_served(self):
        proposal = self.meeting.activity_schedule(
            "hoa_committee.mail_activity_type_deadline",
            summary="Propose the routine meeting to the chair",
            user_id=self.manager_a.id,
        )
        with self.mock_mail_gateway():
            self.send()
        self.assertFalse(proposal.exists(), "notified: the proposal is done too")
        notes = self.meeting.message_ids.mapped("body")
        self.assertTrue([b for b in notes if "Notice of 外墙维修专题会 sent to" in b])
        self.assertFalse([b for b in notes if "served to" in b])
        (activity,) = self.meeting.activity_ids
        self.assertIn(self.unreachable.name, activity.summary)
        self.record_receipt(self.row(self.unreachable), "2026-03-12")
        self.assertFalse(activity.exists(), "the member it named is served")
        self.assertFalse(self.meeting.activity_ids)

    def test_service_name_is_in_the_companys_language(self):
        self.env.company.partner_id.lang = "zh_CN"
        with self.mock_mail_gateway():
            self.send()
        self.assertEqual(
            self.row(self.unreachable).name, f"会议通知 - {self.unreachable.name}"
        )

    def test_receipt_signed_after_the_deadline_is_late(self):
        with self.mock_mail_gateway():
            self.send()
        self.record_receipt(self.row(self.unreachable), "2026-03-16")
        self.assertTrue(self.row(self.unreachable).served)
        self.assertFalse(self.meeting.notice_ok)

    def test_evidence_is_never_rewritten_nor_deleted(self):
        with self.mock_mail_gateway():
            self.send()
        row = self.row(self.members[0])
        # not even the superuser, in code
        with self.assertRaisesRegex(UserError, "proof of service"):
            row.write({"served_date": date(2026, 3, 1)})
        with self.assertRaises(UserError):
            row.write({"state": "received"})
        with self.assertRaises(UserError):
            row.unlink()
        # nor the addon's administrator
        admin = row.with_user(self.env.ref("base.user_admin"))
        for attempt in (
            lambda: admin.write({"served_date": date(2026, 3, 1)}),
            lambda: admin.write({"state": "received"}),
            admin.unlink,
        ):
            with self.assertRaises(AccessError):
                attempt()
        self.assertEqual(row.served_date, date(2026, 3, 10))
        self.assertEqual(row.state, "accepted")


@tagged("post_install", "-at_install")
class TestServicePortal(HoaPortalCase):
    """Member 1 of committee A (``portal_a``) is served the notice in the
    portal; member 2 (``portal_a2``) too; the others on paper."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a2 = new_test_user(
            cls.env,
            "hoa_t_portal_a2",
            groups="base.group_portal",
            partner_id=cls.committee_a.member_ids[2].partner_id.id,
            lang="en_US",
        )
        # no email address: the portal is how they are served
        (cls.portal_a | cls.portal_a2).partner_id.email = False

    def setUp(self):
        super().setUp()
        self.meeting = self.env["hoa.meeting"].create(
            {
                "name": "Portal notice",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=10),
                "location": "会议室",
            }
        )
        self.meeting.with_user(self.manager_a).action_send_notice()
        services = self.meeting.service_ids
        self.mine = services.filtered(
            lambda s: s.partner_id == self.portal_a.partner_id
        )
        self.other = services.filtered(
            lambda s: s.partner_id == self.portal_a2.partner_id
        )

    def test_member_opens_then_confirms_receipt(self):
        self.assertEqual((self.mine.channel, self.mine.state), ("portal", "sent"))
        self.assertFalse(self.meeting.notice_ok)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(self.meeting.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_confirm_receipt", page.text)
        self.assertEqual(self.mine.state, "opened")
        self.assertTrue(self.mine.served)
        self.assertEqual(self.other.state, "sent", "another member's row is theirs")
        response = self.post(f"/my/committee/receipts/{self.mine.id}/confirm")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hoa_success", response.text)
        self.assertEqual(self.mine.state, "confirmed")
        self.assertTrue(self.mine.confirmed_at)
        self.assertEqual(self.mine.served_date, self.env.company._hoa_today())
        note = self.meeting.message_ids.filtered(
            lambda m: (
                m.author_id == self.portal_a.partner_id
                and "confirmed receipt" in (m.body or "")
            )
        )
        self.assertEqual(len(note), 1, "the service centre is told")
        self.assertNotIn("o_hoa_confirm_receipt", response.text)

    def test_one_confirmation_per_document_whatever_the_rows(self):
        # the email that failed before the member was served in the portal
        failed = (
            self.env["hoa.service"]
            .sudo()
            ._create_in_state(
                [
                    {
                        "res_model": "hoa.meeting",
                        "res_id": self.meeting.id,
                        "document": "meeting_notice",
                        "partner_id": self.portal_a.partner_id.id,
                        "channel": "email",
                        "state": "failed",
                        "failure_reason": "550 No such person",
                        "company_id": self.meeting.company_id.id,
                    }
                ]
            )
        )
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(self.meeting.access_url)
        self.assertEqual(page.text.count("o_hoa_confirm_receipt"), 1)
        self.post(f"/my/committee/receipts/{failed.id}/confirm")
        self.assertEqual((self.mine | failed).mapped("state"), ["confirmed"] * 2)
        response = self.post(f"/my/committee/receipts/{self.mine.id}/confirm")
        self.assertIn("o_hoa_error", response.text)

    def test_another_member_cannot_confirm_for_the_recipient(self):
        self.authenticate("hoa_t_portal_a2", "hoa_t_portal_a2")
        response = self.post(f"/my/committee/receipts/{self.mine.id}/confirm")
        self.assertEqual(response.status_code, 404)
        self.mine.invalidate_recordset()
        self.assertEqual(self.mine.state, "sent")
        self.assertFalse(self.mine.confirmed_at)
        # nor reads it over RPC
        result = self.call_kw("hoa.service", "read", [self.mine.ids, ["state"]])
        self.assertIn("error", result)

    def test_head_and_staff_cannot_rewrite_or_delete_evidence_over_rpc(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.post(f"/my/committee/receipts/{self.mine.id}/confirm")
        before = self.mine.read(["state", "served_date", "confirmed_at"])
        paper = self.meeting.service_ids.filtered(lambda s: s.channel == "paper")[:1]
        for login in ("hoa_t_manager_a", "hoa_t_staff_a"):
            self.authenticate(login, login)
            attempts = [
                ("write", [self.mine.ids, {"served_date": "2026-01-01"}]),
                ("write", [self.mine.ids, {"state": "failed"}]),
                ("write", [paper.ids, {"state": "received", "receipt_signed_by": "x"}]),
                ("unlink", [self.mine.ids]),
                (
                    "create",
                    [
                        {
                            "res_model": "hoa.meeting",
                            "res_id": self.meeting.id,
                            "document": "meeting_notice",
                            "partner_id": self.portal_a.partner_id.id,
                            "channel": "paper",
                        }
                    ],
                ),
            ]
            for method, args in attempts:
                result = self.call_kw("hoa.service", method, args)
                self.assertIn("error", result, f"{login} {method} {args}")
            # what they may do: read the rows of their estate
            result = self.call_kw("hoa.service", "read", [self.mine.ids, ["state"]])
            self.assertEqual(result["result"][0]["state"], "confirmed")
        self.env.invalidate_all()
        self.assertEqual(
            self.mine.read(["state", "served_date", "confirmed_at"]), before
        )
        self.assertEqual(paper.state, "pending")
        self.assertEqual(len(self.meeting.service_ids), 5)
