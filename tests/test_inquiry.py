from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HoaCommitteeCase
from .languages import ensure_chinese
from odoo.addons.mail.tests.common import MockEmail


class InquiryCase(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Inquiry = cls.env["hoa.inquiry"]
        cls.chair_a = cls.committee_a.member_ids[0].partner_id
        cls.chair_a.email = "chair.a@example.com"

    def inquiry(self, received=None, **values):
        return self.Inquiry.create(
            {
                "community_id": self.estate_a.id,
                "subject": "Lift 3 stops between floors",
                "received_date": received or date.today(),
                "raised_by_id": self.chair_a.id,
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestInquiryDeadlines(InquiryCase):
    def test_three_working_days_on_the_china_calendar(self):
        # Friday 30 January 2026 → Wednesday 4 February
        self.assertEqual(self.inquiry(date(2026, 1, 30)).deadline, date(2026, 2, 4))
        # Wednesday 30 September 2026: National Day holiday 1–7 October,
        # then Thursday 8, Friday 9 and the make-up Saturday 10 October
        inquiry = self.inquiry(date(2026, 9, 30))
        self.assertEqual(inquiry.deadline, date(2026, 10, 10))
        self.assertFalse(inquiry.workday_data_missing)

    def test_number_and_committee_are_filled(self):
        inquiry = self.inquiry()
        self.assertRegex(inquiry.name, r"^ZX\d{4}-\d{4}$")
        self.assertEqual(inquiry.committee_id, self.committee_a)
        self.assertEqual(inquiry.user_id, self.manager_a)

    def test_answer_period_is_a_setting(self):
        inquiry = self.inquiry(date(2026, 1, 30))
        self.env.company.hoa_inquiry_answer_days = 5
        self.assertEqual(inquiry.deadline, date(2026, 2, 6))

    def test_meeting_points_answered_by_next_routine_meeting(self):
        self.estate_a.inquiry_answer_at_meeting = True
        inquiry = self.inquiry(date(2026, 11, 10), channel="meeting")
        self.assertTrue(inquiry.answer_at_meeting)
        # quarterly estate: next quarter's proposal day, 15 January 2027
        self.assertEqual(inquiry.deadline, date(2027, 1, 15))
        self.estate_a.meeting_cadence = "monthly"
        self.assertEqual(inquiry.deadline, date(2026, 12, 5))
        by_letter = self.inquiry(date(2026, 11, 10), channel="letter")
        self.assertEqual(by_letter.deadline, date(2026, 11, 13))

    def test_estate_without_active_committee(self):
        estate = self.env["hoa.community"].create(
            {"name": "No committee", "code": "T-NC"}
        )
        with self.assertRaisesRegex(ValidationError, "no active owners' committee"):
            self.Inquiry.create({"community_id": estate.id, "subject": "x"})

    def test_overdue_is_searchable(self):
        old = self.inquiry(date.today() - timedelta(days=30))
        fresh = self.inquiry(date.today())
        self.assertTrue(old.overdue)
        self.assertFalse(fresh.overdue)
        overdue = self.Inquiry.search([("overdue", "=", True)])
        self.assertIn(old, overdue)
        self.assertNotIn(fresh, overdue)
        self.assertIn(fresh, self.Inquiry.search([("overdue", "=", False)]))


@tagged("post_install", "-at_install")
class TestInquiryFlow(InquiryCase):
    def test_reasonable_inquiry_is_answered_in_time(self):
        inquiry = self.inquiry(date.today() - timedelta(days=1))
        with self.assertRaisesRegex(UserError, "Choose an assessment"):
            inquiry.action_assess()
        inquiry.assessment = "reasonable"
        inquiry.action_assess()
        self.assertEqual(inquiry.state, "assessed")
        with self.assertRaisesRegex(UserError, "Write the answer"):
            inquiry.action_answer()
        inquiry.response = "<p>The lift was repaired on the same day.</p>"
        self.answer(inquiry.with_user(self.manager_a))
        self.assertEqual(inquiry.state, "answered")
        self.assertEqual(inquiry.responded_date, self.env.company._hoa_today())
        self.assertEqual(inquiry.responded_by_id, self.manager_a)
        self.assertTrue(inquiry.sla_met)
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")

    def test_late_answer_misses_the_sla(self):
        inquiry = self.inquiry(
            date.today() - timedelta(days=20), assessment="reasonable"
        )
        inquiry.action_assess()
        inquiry.response = "<p>Done.</p>"
        self.answer(inquiry)
        self.assertFalse(inquiry.sla_met)

    def test_unreasonable_needs_a_patient_explanation(self):
        inquiry = self.inquiry(assessment="unlawful")
        inquiry.action_assess()
        with self.assertRaisesRegex(UserError, "patient explanation"):
            inquiry.action_answer()
        inquiry.response = (
            "<p>Parking on the fire lane is forbidden by the fire code.</p>"
        )
        self.answer(inquiry)
        self.assertEqual(inquiry.state, "answered")

    def test_unresolvable_is_escalated_at_once(self):
        inquiry = self.inquiry(assessment="unresolvable")
        inquiry.action_assess()
        self.assertEqual(inquiry.state, "escalated")
        self.assertEqual(inquiry.escalation_reason, "unresolvable")
        activity = inquiry.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("hoa_committee.mail_activity_type_escalation")
            )
        )
        self.assertIn(self.leader_1, activity.user_id)
        self.assertNotIn(self.leader_2, activity.user_id)
        self.assertIn("escalated to", inquiry.message_ids[0].body)
        # leadership sees it in its own list and answers it
        escalated = self.Inquiry.with_user(self.leader_1).search(
            [("state", "=", "escalated")]
        )
        self.assertIn(inquiry, escalated)
        inquiry.response = "<p>The company will replace the lift in March.</p>"
        self.answer(inquiry.with_user(self.leader_1))
        self.assertEqual(inquiry.state, "answered")

    def test_escalation_goes_to_the_configured_leader(self):
        self.env.company.hoa_escalation_user_id = self.admin_both
        inquiry = self.inquiry(assessment="unresolvable")
        inquiry.action_assess()
        self.assertEqual(inquiry.activity_ids.user_id, self.admin_both)

    def test_wrong_state_transitions_are_refused(self):
        inquiry = self.inquiry()
        with self.assertRaisesRegex(UserError, "cannot be answered"):
            inquiry.action_answer()
        with self.assertRaisesRegex(UserError, "cannot be closed"):
            inquiry.action_close()

    def test_never_deleted(self):
        inquiry = self.inquiry()
        with self.assertRaisesRegex(UserError, "never deleted"):
            inquiry.unlink()
        inquiry.active = False
        self.assertFalse(self.Inquiry.search([("id", "=", inquiry.id)]))
        self.assertTrue(inquiry.exists())


@tagged("post_install", "-at_install")
class TestInquirySweep(InquiryCase):
    def _deadline_activities(self, inquiries):
        kind = self.env.ref("hoa_committee.mail_activity_type_deadline")
        return inquiries.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_sweep_reminds_escalates_and_is_idempotent(self):
        with freeze_time("2026-03-10"):
            due_tomorrow = self.inquiry(date(2026, 3, 6))  # Fri → Wed 11 March
            overdue = self.inquiry(date(2026, 3, 2))  # Mon → Thu 5 March
            later = self.inquiry(date(2026, 3, 9))  # → Thu 12 March
            self.assertEqual(due_tomorrow.deadline, date(2026, 3, 11))
            self.Inquiry._cron_sweep()
            self.assertEqual(len(self._deadline_activities(due_tomorrow)), 1)
            self.assertEqual(
                self._deadline_activities(due_tomorrow).user_id, self.manager_a
            )
            self.assertFalse(self._deadline_activities(later))
            self.assertEqual(overdue.state, "escalated")
            self.assertEqual(overdue.escalation_reason, "overdue")
            self.assertEqual(len(self._deadline_activities(overdue)), 1)
            notes = overdue.message_ids.filtered(
                lambda m: "escalated to" in (m.body or "")
            )
            self.assertEqual(len(notes), 1)
            activities = (due_tomorrow | overdue | later).activity_ids
            messages = (due_tomorrow | overdue | later).message_ids
            self.Inquiry._cron_sweep()
            self.assertEqual((due_tomorrow | overdue | later).activity_ids, activities)
            self.assertEqual((due_tomorrow | overdue | later).message_ids, messages)

    def test_answer_clears_the_deadline_activity(self):
        with freeze_time("2026-03-10"):
            inquiry = self.inquiry(date(2026, 3, 6), assessment="reasonable")
            self.Inquiry._cron_sweep()
            self.assertTrue(self._deadline_activities(inquiry))
            inquiry.action_assess()
            inquiry.response = "<p>已处理。</p>"
            self.answer(inquiry)
            self.assertFalse(self._deadline_activities(inquiry))

    def test_jobs_write_in_the_company_language(self):
        ensure_chinese(self.env)
        self.company_1.partner_id.lang = "zh_CN"
        self.manager_a.lang = "zh_CN"  # activities: in the assignee's language
        with freeze_time("2026-03-10"):
            overdue = self.inquiry(date(2026, 3, 2))
            self.Inquiry.with_context(lang="en_US")._cron_sweep()
        note = overdue.message_ids.filtered(lambda m: m.message_type == "notification")[
            :1
        ]
        self.assertTrue(note.body)
        self.assertNotIn("Not answered by its deadline", note.body)
        self.assertNotIn("Answer the committee", overdue.activity_ids.summary)

    def test_one_bad_record_does_not_stop_the_sweep(self):
        with freeze_time("2026-03-10"):
            bad, good = self.inquiry(date(2026, 3, 2)), self.inquiry(date(2026, 3, 2))
            original = type(self.Inquiry)._escalate_overdue_batch

            def failing(records):
                if bad in records:
                    raise ValueError("simulated failure")
                return original(records)

            with (
                patch.object(type(self.Inquiry), "_escalate_overdue_batch", failing),
                self.assertLogs(
                    "odoo.addons.hoa_committee.models.hoa_inquiry", "ERROR"
                ),
            ):
                self.Inquiry._cron_sweep()
            self.assertEqual(good.state, "escalated")
            self.assertEqual(bad.state, "recorded")


@tagged("post_install", "-at_install")
class TestInquiryLetters(InquiryCase, MockEmail):
    def _answered(self):
        inquiry = self.inquiry(assessment="reasonable")
        inquiry.action_assess()
        inquiry.response = "<p>电梯已于当日修复。</p>"
        return self.answer(inquiry)

    def test_reply_letter_renders(self):
        inquiry = self._answered()
        report = self.env.ref("hoa_committee.action_report_inquiry_reply")
        html, _ = report._render_qweb_html(report.report_name, inquiry.ids)
        self.assertIn(inquiry.subject, html.decode())
        self.assertIn("电梯已于当日修复", html.decode())
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, inquiry.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_reply_letter_is_emailed_when_answering(self):
        ensure_chinese(self.env)
        self.chair_a.lang = "zh_CN"  # in the asker's language
        inquiry = self.inquiry(assessment="reasonable")
        inquiry.action_assess()
        inquiry.response = "<p>电梯已于当日修复。</p>"
        action = inquiry.action_answer()
        wizard = self.env[action["res_model"]].with_context(**action["context"])
        wizard = wizard.create({})
        self.assertEqual(wizard.channel, "email", "the asker has an email")
        with self.mock_mail_gateway():
            wizard.with_context(force_report_rendering=True).action_send()
        service = inquiry.reply_service_ids
        self.assertEqual((service.partner_id, service.channel), (self.chair_a, "email"))
        # one email, to the asker, from the inquiry's responsible, with the
        # letter as a PDF: nothing else
        self.assertEqual(len(self._new_mails), 1)
        subject = f"关于贵会质疑“Lift 3 stops between floors”的答复（{inquiry.name}）"
        # the file name in the asker's language too (number and subject joined
        # by a full-width colon, as Chinese titles are)
        letter = f"{inquiry.name}：Lift 3 stops between floors.pdf"
        mail = self.assertMailMail(
            self.chair_a,
            "sent",
            fields_values={"subject": subject, "attachments_info": [{"name": letter}]},
            email_values={
                "email_from": self.manager_a.partner_id.email_formatted,
                "subject": subject,
                "attachments_info": [{"name": letter, "type": "application/pdf"}],
                "body_content": "电梯已于当日修复。",
            },
        )
        self.assertEqual(mail, service.mail_id)
        self.assertTrue(mail.attachment_ids.raw.startswith(b"%PDF"))
        self.assertEqual(inquiry.state, "answered")

    def test_letter_needs_a_recipient(self):
        inquiry = self.inquiry(assessment="reasonable")
        inquiry.action_assess()
        inquiry.response = "<p>电梯已于当日修复。</p>"
        inquiry.raised_by_id = False
        self.committee_a.contact_partner_id = False
        with self.assertRaisesRegex(UserError, "Nobody to send"):
            inquiry.action_answer()
        self.assertEqual(inquiry.state, "assessed")


@tagged("post_install", "-at_install")
class TestInquiryMailGateway(InquiryCase):
    def test_email_to_the_estate_alias_creates_an_inquiry(self):
        domain = self.env["mail.alias.domain"].create({"name": "hoa.example.com"})
        self.env.company.alias_domain_id = domain
        self.estate_a.write({"alias_name": "estate-a", "alias_domain_id": domain.id})
        raw = (
            "From: Chair A <chair.a@example.com>\r\n"
            "To: estate-a@hoa.example.com\r\n"
            "Subject: Garage lights broken\r\n"
            "Message-ID: <garage-1@example.com>\r\n"
            "Date: Tue, 10 Mar 2026 09:00:00 +0800\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "The lights of garage B2 have been off for a week.\r\n"
        )
        thread_id = self.env["mail.thread"].message_process(False, raw)
        inquiry = self.Inquiry.browse(thread_id)
        self.assertEqual(inquiry.subject, "Garage lights broken")
        self.assertEqual(inquiry.community_id, self.estate_a)
        self.assertEqual(inquiry.committee_id, self.committee_a)
        self.assertEqual(inquiry.channel, "email")
        self.assertEqual(inquiry.raised_by_id, self.chair_a)
        self.assertIn("garage B2", inquiry.description)
        self.assertTrue(inquiry.deadline)
        reply = (
            "From: Chair A <chair.a@example.com>\r\n"
            "To: estate-a@hoa.example.com\r\n"
            "Subject: Re: Garage lights broken\r\n"
            "Message-ID: <garage-2@example.com>\r\n"
            "In-Reply-To: <garage-1@example.com>\r\n"
            "References: <garage-1@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Also the lights of B3.\r\n"
        )
        self.assertEqual(
            self.env["mail.thread"].message_process(False, reply), inquiry.id
        )
        self.assertIn("B3", inquiry.message_ids[0].body)
        self.assertEqual(self.Inquiry.search_count([("subject", "ilike", "garage")]), 1)


@tagged("post_install", "-at_install")
class TestInquiryAccess(InquiryCase):
    def test_team_leadership_and_portal_access(self):
        mine = self.inquiry()
        theirs = self.Inquiry.create({"community_id": self.estate_b.id, "subject": "B"})
        both = mine | theirs
        self.assertEqual(
            self.Inquiry.with_user(self.staff_a).search([("id", "in", both.ids)]), mine
        )
        self.assertEqual(
            self.Inquiry.with_user(self.leader_1).search([("id", "in", both.ids)]), both
        )
        self.assertEqual(
            self.Inquiry.with_user(self.portal_a).search([("id", "in", both.ids)]), mine
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.staff_a).read(["subject"])
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_a).write({"subject": "changed"})
        # staff record and answer inquiries of their estate
        created = self.Inquiry.with_user(self.staff_a).create(
            {"community_id": self.estate_a.id, "subject": "by staff"}
        )
        self.assertEqual(created.user_id, self.manager_a)
        with self.assertRaises(AccessError):
            self.Inquiry.with_user(self.staff_a).create(
                {"community_id": self.estate_b.id, "subject": "not mine"}
            )
