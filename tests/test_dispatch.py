"""发送记录: a served meeting notice goes to each member by their first
working channel — email at once, SMS and WeCom queued for the sending job,
never inside the request — falls back to the next channel when one fails,
is retried with back-off, and counts as delivered only on the provider's
word."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .dispatch_common import DispatchCase
from .test_service import BOUNCE


@tagged("post_install", "-at_install")
class TestDispatch(DispatchCase):
    def test_each_member_by_their_first_channel_no_provider_call_in_the_request(self):
        with self.mock_mail_gateway():
            self.send()
        # the request that served the notice called no provider
        self.assertEqual(self.sandbox.requests, [])
        m = self.members
        self.assertEqual(self.dispatch(m[0]).channel, "email")
        self.assertEqual(self.dispatch(m[0]).state, "delivered")
        self.assertEqual(self.dispatch(m[3]).channel, "email")
        sms = self.dispatch(m[1])
        self.assertEqual((sms.channel, sms.state), ("sms", "queued"))
        self.assertEqual(sms.address, "+86 13800000001")
        self.assertEqual(self.dispatch(m[2]).channel, "wecom")
        self.assertEqual(self.dispatch(m[4]).channel, "sms")
        group = self.meeting.dispatch_ids.filtered(lambda d: d.channel == "wecom_group")
        self.assertEqual(len(group), 1)
        self.assertEqual(self.row(m[1]).channel, "sms")
        self.assertEqual(self.row(m[1]).state, "pending")
        # queued SMS are not "to serve on paper"
        summaries = " ".join(self.meeting.activity_ids.mapped("summary"))
        self.assertNotIn(m[1].name, summaries)

        with freeze_time("2026-03-10 02:00:00"):
            self.run_cron()
        sent = self.sandbox.sent("aliyun")
        self.assertEqual(
            sorted(r["phone"] for r in sent), ["13800000001", "13800000004"], sent
        )
        self.assertEqual(sent[0]["template_code"], "SMS_123456789")
        self.assertIn("外墙维修专题会", str(sent[0]["params"]))
        # SMS: sent on the provider's OK; not delivered without its receipt
        sms.invalidate_recordset()
        self.assertEqual(sms.state, "sent")
        self.assertTrue(sms.provider_message_id)
        self.assertEqual(sms.provider, "aliyun")
        self.assertEqual(self.row(m[1]).state, "sent")
        self.assertFalse(self.row(m[1]).served)
        self.assertIn(m[1].name, self.meeting.notice_undelivered)
        # WeCom answered errcode 0 for a contact: delivered, served
        self.assertEqual(self.dispatch(m[2]).state, "delivered")
        self.assertEqual(self.row(m[2]).state, "delivered")
        self.assertTrue(self.row(m[2]).served)
        self.assertEqual(len(self.sandbox.sent("robot")), 1)
        self.assertEqual(group.state, "delivered")
        # the channel line shows it worked
        self.assertTrue(self.lines[2].last_success_at)
        self.assertTrue(self.lines[1][0].last_success_at)

    def test_the_job_never_sends_twice(self):
        with self.mock_mail_gateway():
            self.send()
        self.run_cron()
        self.run_cron()
        self.dispatch(self.members[1])._hoa_send()
        self.assertEqual(len(self.sandbox.sent("aliyun")), 2)
        self.assertEqual(len(self.sandbox.sent("wecom")), 1)
        self.assertEqual(len(self.sandbox.sent("robot")), 1)
        # served again: the group is not told twice
        self.meeting.with_user(self.manager_a)._hoa_serve(
            "meeting_notice", self.members[1], self.template
        )
        self.run_cron()
        self.assertEqual(len(self.sandbox.sent("robot")), 1)

    def test_template_rejected_fails_at_once_and_falls_back_to_the_next_channel(self):
        with self.mock_mail_gateway():
            self.send()
        self.sandbox.answer("aliyun", "template")
        self.run_cron()
        sms = self.dispatch(self.members[1], "sms")
        self.assertEqual(sms.state, "failed")
        self.assertEqual(sms.attempt_count, 1)
        self.assertIn("isv.SMS_TEMPLATE_ILLEGAL", sms.failure_reason)
        # the company's template, not the member's number: the card does
        # not say the number fails
        self.assertFalse(self.lines[1][0].last_failure_at)
        # the member's next channel: email, a new proof of service
        email = self.dispatch(self.members[1], "email")
        self.assertEqual(len(email), 1)
        self.assertEqual(email.address, "member1@example.com")
        rows = self.row(self.members[1])
        self.assertEqual(sorted(rows.mapped("channel")), ["email", "sms"])
        self.assertEqual(rows.filtered(lambda s: s.channel == "sms").state, "failed")
        # the failed row asks nothing more of staff (no print, no serve
        # again): the email row serves the member now
        self.assertTrue(rows.filtered(lambda s: s.channel == "sms").superseded)
        self.assertFalse(rows.filtered(lambda s: s.channel == "email").superseded)
        # the head is not asked to serve on paper: another channel is trying
        summaries = " ".join(self.meeting.activity_ids.mapped("summary"))
        self.assertNotIn(self.members[1].name, summaries)

    def test_last_channel_failing_tells_the_head(self):
        with self.mock_mail_gateway():
            self.send()
        # member 4 has SMS only; member 1 is answered OK
        self.sandbox.answer("aliyun", "ok", "error")
        self.run_cron()
        sms = self.dispatch(self.members[4])
        self.assertEqual(sms.state, "failed")
        self.assertIn("isv.MOBILE_NUMBER_ILLEGAL", sms.failure_reason)
        self.assertEqual(self.row(self.members[4]).state, "failed")
        activity = self.meeting.activity_ids.filtered(
            lambda a: self.members[4].name in a.summary
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_a)

    def test_transient_errors_retry_with_back_off_then_fail_with_the_reason(self):
        with self.mock_mail_gateway():
            self.send()
        self.dispatch(self.members[1])._hoa_failed("test: not this one")
        sms = self.dispatch(self.members[4])
        self.sandbox.answer("aliyun", *["5xx"] * 5)
        start = datetime(2026, 3, 10, 2, 0)
        moments = [start]
        for minutes in (1, 5, 15, 60):
            moments.append(moments[-1] + timedelta(minutes=minutes))
        for attempt, moment in enumerate(moments, start=1):
            # a minute early: not due, nothing sent
            if attempt > 1:
                with freeze_time(moment - timedelta(seconds=30)):
                    self.run_cron()
                self.assertEqual(sms.attempt_count, attempt - 1)
            with freeze_time(moment):
                self.run_cron()
            self.assertEqual(sms.attempt_count, attempt)
            if attempt < 5:
                self.assertEqual(sms.state, "queued")
                self.assertTrue(sms.failure_reason)
        self.assertEqual(
            len([r for r in self.sandbox.requests if r["provider"] == "aliyun"]), 5
        )
        self.assertEqual(sms.state, "failed")
        self.assertIn("Gave up after 5 attempts", sms.failure_reason)
        self.assertEqual(self.row(self.members[4]).state, "failed")
        self.assertFalse(self.row(self.members[4]).served)

    def test_nothing_delivered_without_the_providers_word(self):
        with self.mock_mail_gateway():
            self.send()
        self.run_cron()
        sms = self.meeting.dispatch_ids.filtered(lambda d: d.channel == "sms")
        self.assertEqual(set(sms.mapped("state")), {"sent"})
        self.assertFalse(sms.filtered("delivered_at"))
        self.assertFalse(sms.service_id.filtered("served"))
        # a WeCom user who is not a contact is a failure, not a delivery
        self.sandbox.wecom_invalid_users.add("lisi")
        self.lines[2].address = "lisi"
        self.meeting.with_user(self.manager_a)._hoa_serve(
            "meeting_notice", self.members[2], self.template
        )
        self.run_cron()
        wecom = self.dispatch(self.members[2]).filtered(lambda d: d.address == "lisi")
        self.assertEqual(wecom.state, "failed")
        self.assertIn("invaliduser", wecom.failure_reason)

    def test_hoa_notify_goes_by_each_persons_channel(self):
        nobody = self.env["res.partner"].create({"name": "无联系方式的业主"})
        with self.mock_mail_gateway():
            self.meeting._hoa_notify(
                self.template, self.members[0] | self.members[1] | nobody
            )
        rows = self.env["hoa.dispatch"].search(
            [("res_model", "=", "hoa.meeting"), ("res_id", "=", self.meeting.id)]
        )
        self.assertEqual(
            rows.filtered(lambda d: d.partner_id == self.members[0]).channel, "email"
        )
        sms = rows.filtered(lambda d: d.partner_id == self.members[1])
        self.assertEqual((sms.channel, sms.state), ("sms", "queued"))
        self.assertFalse(sms.service_id)
        # the mail server took member 0's email: delivered, and no other
        # channel is tried for them
        email = rows.filtered(lambda d: d.partner_id == self.members[0])
        with self.mock_mail_gateway():
            self.env["mail.mail"].sudo().search(
                [("mail_message_id", "=", email.mail_message_id.id)]
            ).send()
        self.assertEqual(email.state, "delivered")
        self.assertFalse(email.failure_reason)
        self.assertEqual(
            self.env["hoa.dispatch"]
            .search(
                [
                    ("res_model", "=", "hoa.meeting"),
                    ("partner_id", "=", self.members[0].id),
                ]
            )
            .mapped("channel"),
            ["email"],
        )
        self.assertEqual(self.sandbox.requests, [])
        # nobody can be reached: one activity for the estate's manager
        activity = self.meeting.activity_ids.filtered(
            lambda a: nobody.name in (a.summary or "")
        )
        self.assertEqual(activity.user_id, self.estate_a.manager_id)
        self.meeting._hoa_notify(self.template, nobody)
        self.assertEqual(
            len(
                self.meeting.activity_ids.filtered(
                    lambda a: nobody.name in (a.summary or "")
                )
            ),
            1,
        )
        # the SMS fails: the next channel (email) takes over
        self.sandbox.answer("aliyun", "template")
        self.run_cron()
        self.assertEqual(sms.state, "failed")
        self.assertEqual(
            rows.search(
                [("partner_id", "=", self.members[1].id), ("channel", "=", "email")]
            ).address,
            "member1@example.com",
        )

    def test_evidence_is_never_changed_by_hand(self):
        with self.mock_mail_gateway():
            self.send()
        sms = self.dispatch(self.members[1]).with_user(self.manager_a)
        with self.assertRaises(Exception):  # noqa: B017 - refused either way
            sms.write({"state": "delivered"})
        with self.assertRaises(Exception):  # noqa: B017
            sms.unlink()
        self.assertEqual(sms.state, "queued")

    def test_short_link_to_the_portal_page(self):
        link = self.meeting._hoa_short_link()
        self.assertRegex(link, r"/r/\w+$")
        code = link.rsplit("/", 1)[1]
        tracker = self.env["link.tracker.code"].search([("code", "=", code)]).link_id
        self.assertEqual(
            tracker.url, self.meeting.get_base_url() + self.meeting.access_url
        )
        # the same link every time; nothing for a record without a portal page
        self.assertEqual(self.meeting._hoa_short_link(), link)
        self.assertEqual(self.members[0]._hoa_short_link(), "")

    def test_bounce_fails_the_email_and_the_sms_takes_over(self):
        with self.mock_mail_gateway():
            self.send()
        email = self.dispatch(self.members[0])
        self.assertEqual((email.channel, email.state), ("email", "delivered"))
        with freeze_time("2026-03-10 06:00:00"):
            self.env["mail.thread"].message_process(
                False,
                BOUNCE.format(
                    to="bounce@example.com",
                    email="member0@example.com",
                    message_id=email.provider_message_id,
                ),
            )
        self.assertEqual(email.state, "failed")
        self.assertIn("bounced", email.failure_reason)
        self.assertTrue(self.lines[0][0].last_failure_at)
        sms = self.dispatch(self.members[0], "sms")
        self.assertEqual((sms.state, sms.address), ("queued", "+86 13800000000"))
        self.assertEqual(sms.service_id.channel, "sms")

    def test_template_without_sms_code_goes_by_the_next_channel(self):
        self.template.hoa_sms_code = False
        with self.mock_mail_gateway():
            self.send()
        sms = self.dispatch(self.members[1], "sms")
        self.assertEqual(sms.state, "failed")
        self.assertIn("no SMS template code", sms.failure_reason)
        self.assertEqual(self.dispatch(self.members[1], "email").state, "delivered")
        # the member's number is not to blame
        self.assertFalse(self.lines[1][0].last_failure_at)
        self.run_cron()
        self.assertEqual(self.sandbox.sent("aliyun"), [])

    def test_a_number_the_provider_refuses_marks_the_members_channel(self):
        with self.mock_mail_gateway():
            self.send()
        self.sandbox.answer("aliyun", "error")
        self.run_cron()
        sms = self.dispatch(self.members[1], "sms")
        self.assertEqual(sms.state, "failed")
        self.assertIn("isv.MOBILE_NUMBER_ILLEGAL", sms.failure_reason)
        self.assertEqual(self.lines[1][0].last_failure_reason, sms.failure_reason)
        self.assertTrue(self.lines[1][0].last_failure_at)

    def test_wrong_keys_fail_the_sms_but_not_the_members_numbers(self):
        with self.mock_mail_gateway():
            self.send()
        self.company_1.sudo().hoa_sms_access_key_secret = "not-the-secret"
        with self.mock_mail_gateway():
            self.run_cron()
        sms = self.dispatch(self.members[1], "sms")
        self.assertEqual(sms.state, "failed")
        self.assertIn("SignatureDoesNotMatch", sms.failure_reason)
        self.assertFalse(self.lines[1][0].last_failure_at)
        self.assertFalse(self.lines[4].last_failure_at)
        # nothing is delivered, and the member is tried by email instead
        self.assertFalse(
            self.meeting.dispatch_ids.filtered(
                lambda d: d.channel == "sms" and d.state == "delivered"
            )
        )
        self.assertEqual(self.dispatch(self.members[1], "email").state, "delivered")
