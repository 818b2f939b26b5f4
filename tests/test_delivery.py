"""Issue 15, proof of service: a report is delivered only with evidence of
receipt, and an inquiry is answered on the day its reply letter reached the
committee."""

import re
from datetime import date, timedelta

from freezegun import freeze_time
from lxml import html

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import HoaCommitteeCase
from .languages import ensure_chinese
from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail


class DeliveryCase(HoaCommitteeCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._hoa_today()

    def incident(self, days_ago=20, **values):
        """An incident of estate A that happened ``days_ago``: its two
        working days to notify the committee are long over."""
        return self.env["hoa.matter"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "地下室消防水管爆裂",
                "category": "incident",
                "occurred_date": self.today - timedelta(days=days_ago),
                **values,
            }
        )

    def receipt_wizard(self, service):
        action = service.action_open_receipt_wizard()
        return Form(self.env[action["res_model"]].with_context(**action["context"]))

    def overdue_rows(self, record):
        self.env.flush_all()
        return self.env["hoa.overdue"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def assessed_inquiry(self, received, raised_by=None):
        inquiry = self.env["hoa.inquiry"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "3号楼电梯频繁停梯",
                "received_date": received,
                "assessment": "reasonable",
                "raised_by_id": (raised_by or self.committee_a.chair_id).id,
            }
        )
        inquiry.action_assess()
        inquiry.response = "<p>已更换门机控制板。</p>"
        return inquiry

    def send_answer(self, inquiry, channel):
        action = inquiry.action_answer()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.channel = channel
        wizard.save().action_send()


@tagged("post_install", "-at_install")
class TestReportDelivery(DeliveryCase):
    def test_report_without_receipt_is_sent_not_delivered_and_still_late(self):
        matter = self.incident(delivery_method="hand")
        self.assertLess(matter.deadline, self.today)
        matter.action_send()
        self.assertEqual(matter.state, "sent")
        self.assertFalse(matter.delivered_date)
        self.assertEqual(matter.sent_date, self.today)
        # one paper service per serving member, waiting for its receipt
        members = self.committee_a.member_ids.partner_id
        self.assertEqual(matter.service_ids.partner_id, members)
        self.assertEqual(set(matter.service_ids.mapped("channel")), {"paper"})
        self.assertFalse(matter.service_ids.filtered("served"))
        # its deadline still runs: late, in the late filter and Overdue Now
        self.assertTrue(matter.late)
        self.assertIn(matter, self.env["hoa.matter"].search([("late", "=", True)]))
        self.assertEqual(self.overdue_rows(matter).kind, "matter")
        self.env["hoa.matter"]._cron_sweep()
        self.assertTrue(matter.escalated, "a late incident is escalated")
        # and the letter the committee holds no longer changes
        with self.assertRaisesRegex(UserError, "was sent to the committee"):
            matter.subject = "改写过的标题"

    def test_mail_server_acceptance_does_not_deliver_a_report(self):
        self.committee_a.member_ids.partner_id.write({"email": "member@example.com"})
        matter = self.incident(delivery_method="email")
        with self.mock_mail_gateway():
            matter.action_send()
        self.assertEqual(
            set(matter.service_ids.mapped("state")), {"accepted"}, "emails went out"
        )
        self.assertEqual(matter.state, "sent")
        self.assertTrue(matter.late)

    def test_receipt_without_scan_is_refused(self):
        matter = self.incident(delivery_method="hand")
        matter.action_send()
        service = matter.service_ids[0]
        wizard = self.env["hoa.service.receipt.wizard"].create(
            {"service_id": service.id, "signed_by": "徐静", "receipt_date": self.today}
        )
        with self.assertRaisesRegex(UserError, "scan"):
            wizard.action_confirm()
        with self.assertRaisesRegex(UserError, "scan"):
            service._hoa_receive("徐静", self.today, self.env["ir.attachment"])
        self.assertEqual(matter.state, "sent")
        self.assertFalse(matter.delivered_date)
        self.assertEqual(service.state, "pending")
        self.assertFalse(service.receipt_signed_by)

    def test_receipt_with_scan_delivers_on_the_day_it_was_signed(self):
        signed_on = self.today - timedelta(days=3)
        matter = self.incident(days_ago=4, delivery_method="hand")
        self.assertLessEqual(signed_on, matter.deadline)
        matter.action_send()
        service = matter.service_ids[-1]
        wizard = self.receipt_wizard(service)
        wizard.signed_by = "徐静（业委会秘书）"
        wizard.receipt_date = signed_on
        wizard.scan = b"iVBORw0KGgo="
        wizard.save().action_confirm()
        self.assertEqual(matter.state, "delivered")
        self.assertEqual(matter.delivered_date, signed_on)
        self.assertEqual(matter.receipt_signed_by, "徐静（业委会秘书）")
        self.assertEqual(matter.receipt_partner_id, service.partner_id)
        self.assertTrue(matter.seal_id, "the delivered letter is sealed")
        self.assertFalse(matter.late)
        self.assertFalse(self.overdue_rows(matter))
        self.assertFalse(
            matter.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("hoa_committee.mail_activity_type_deadline")
                )
            )
        )

    def test_paper_chosen_on_purpose_is_said_so_and_done_on_delivery(self):
        matter = self.incident(delivery_method="hand")
        matter.action_send()
        notes = matter.message_ids.mapped("body")
        self.assertTrue(
            [b for b in notes if "is to be served on" in b and "on paper" in b]
        )
        self.assertFalse([b for b in notes if "did not reach" in b])
        todo = self.env.ref("mail.mail_activity_data_todo")
        (activity,) = matter.activity_ids.filtered(lambda a: a.activity_type_id == todo)
        # one member signs: the report is delivered, nobody else is owed it
        wizard = self.receipt_wizard(matter.service_ids[0])
        wizard.scan = b"iVBORw0KGgo="
        wizard.save().action_confirm()
        self.assertEqual(matter.state, "delivered")
        self.assertFalse(activity.exists())

    def test_send_without_method_names_the_tab(self):
        matter = self.incident()
        with self.assertRaisesRegex(UserError, "on the Delivery and Receipt tab"):
            matter.action_send()
        self.assertEqual(matter.state, "draft")

    def test_receipt_after_the_deadline_delivers_late(self):
        matter = self.incident(days_ago=30, delivery_method="post")
        matter.action_send()
        self.record_receipt(matter.service_ids[0], self.today)
        self.assertEqual(
            (matter.state, matter.delivered_date), ("delivered", self.today)
        )
        self.assertTrue(matter.delivered_late)
        self.assertTrue(matter.late)


@tagged("post_install", "-at_install")
class TestDeliveryOnTheDashboard(DeliveryCase):
    def current_row(self):
        self.env["hoa.compliance"]._refresh()
        return self.env["hoa.compliance"].search(
            [("community_id", "=", self.estate_a.id), ("is_current", "=", True)]
        )

    @freeze_time("2026-11-20 04:00:00")  # noon in Beijing, in 2026-Q4
    def test_sent_report_counts_as_late_until_its_receipt_dated_in_time(self):
        self.today = self.env.company._hoa_today()
        matter = self.incident(days_ago=10, delivery_method="hand")
        self.assertEqual(matter.deadline, date(2026, 11, 12))
        matter.action_send()
        row = self.current_row()
        self.assertEqual((row.incident_count, row.incident_on_time), (1, 0))
        self.record_receipt(matter.service_ids[0], matter.deadline)
        row = self.current_row()
        self.assertEqual((row.incident_count, row.incident_on_time), (1, 1))

    @freeze_time("2026-11-20 04:00:00")
    def test_reply_not_served_by_its_deadline_is_an_open_escalation(self):
        self.today = self.env.company._hoa_today()
        inquiry = self.assessed_inquiry(self.today - timedelta(days=10))
        self.assertEqual(inquiry.deadline, date(2026, 11, 13))
        self.send_answer(inquiry, "paper")
        self.env["hoa.inquiry"]._cron_sweep()
        row = self.current_row()
        self.assertEqual((row.inquiry_count, row.inquiry_on_time), (1, 0))
        self.assertEqual(row.open_escalations, 1)
        self.record_receipt(inquiry.reply_service_ids, self.today)
        row = self.current_row()
        self.assertEqual((row.inquiry_on_time, row.open_escalations), (0, 0))


@tagged("post_install", "-at_install")
class TestInquiryAnsweredWhenServed(DeliveryCase):
    def test_answered_by_email_the_same_day(self):
        chair = self.committee_a.chair_id
        chair.email = "chair@example.com"
        inquiry = self.assessed_inquiry(self.today - timedelta(days=1))
        with self.mock_mail_gateway():
            self.send_answer(inquiry, "email")
        self.assertIn("chair@example.com", self._mails[0]["email_to"][0])
        self.assertEqual(inquiry.reply_service_ids.state, "accepted")
        self.assertEqual(inquiry.state, "answered")
        self.assertEqual(inquiry.responded_date, self.today)
        self.assertTrue(inquiry.sla_met)

    def test_email_that_fails_is_no_answer(self):
        inquiry = self.assessed_inquiry(self.today - timedelta(days=1))
        self.assertFalse(self.committee_a.chair_id.email)
        self.send_answer(inquiry, "email")
        self.assertEqual(inquiry.reply_service_ids.state, "failed")
        self.assertEqual(inquiry.state, "reply_sent")
        self.assertFalse(inquiry.responded_date)

    def test_paper_reply_is_not_an_answer_until_its_receipt(self):
        inquiry = self.assessed_inquiry(self.today - timedelta(days=30))
        self.assertLess(inquiry.deadline, self.today)
        self.send_answer(inquiry, "paper")
        self.assertEqual(inquiry.state, "reply_sent")
        self.assertFalse(inquiry.responded_date)
        self.assertTrue(inquiry.overdue, "still counts towards overdue")
        self.assertIn(inquiry, self.env["hoa.inquiry"].search([("overdue", "=", True)]))
        self.assertEqual(self.overdue_rows(inquiry).kind, "inquiry")
        # the night job escalates it; the letter stays sent
        self.env["hoa.inquiry"]._cron_sweep()
        self.assertEqual(
            (inquiry.state, inquiry.escalated_date, inquiry.escalation_reason),
            ("reply_sent", self.today, "overdue"),
        )
        self.assertEqual(self.overdue_rows(inquiry).kind, "escalation")

        self.record_receipt(inquiry.reply_service_ids, self.today)
        self.assertEqual(inquiry.state, "answered")
        self.assertEqual(inquiry.responded_date, self.today)
        self.assertFalse(inquiry.overdue)
        self.assertFalse(inquiry.sla_met)
        self.assertFalse(self.overdue_rows(inquiry))

    def test_answer_period_is_measured_to_the_day_it_was_served(self):
        on_time = self.assessed_inquiry(self.today - timedelta(days=30))
        late = self.assessed_inquiry(self.today - timedelta(days=30))
        deadline = on_time.deadline
        for inquiry in on_time | late:
            self.send_answer(inquiry, "paper")
        self.record_receipt(on_time.reply_service_ids, deadline)
        self.record_receipt(late.reply_service_ids, deadline + timedelta(days=1))
        self.assertEqual((on_time.responded_date, on_time.sla_met), (deadline, True))
        self.assertEqual(
            (late.responded_date, late.sla_met),
            (deadline + timedelta(days=1), False),
        )

    def test_channel_defaults_from_the_asker(self):
        chair = self.committee_a.chair_id
        inquiry = self.assessed_inquiry(self.today)
        action = inquiry.action_answer()
        Wizard = self.env[action["res_model"]].with_context(**action["context"])
        self.assertEqual(Wizard.create({}).channel, "paper")
        chair.email = "chair@example.com"
        self.assertEqual(Wizard.create({}).channel, "email")


@tagged("post_install", "-at_install")
class TestDeliveryPortal(HoaPortalCase, DeliveryCase):
    def test_member_confirmation_in_the_portal_delivers_the_report(self):
        matter = self.incident(delivery_method="portal")
        matter.action_send()
        self.assertEqual(matter.state, "sent")
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(matter.access_url).text
        self.assertIn("o_hoa_receipt_form", page)
        response = self.post(f"{matter.access_url}/receipt")
        self.assertIn("o_hoa_success", response.text)
        # delivered that day, and acknowledged: an incident asks no decision
        self.assertEqual(matter.delivered_date, self.today)
        self.assertEqual((matter.state, matter.answer), ("answered", "acknowledged"))
        self.assertEqual(matter.receipt_partner_id, self.portal_a.partner_id)
        service = matter.service_ids.filtered(
            lambda s: s.partner_id == self.portal_a.partner_id
        )
        self.assertEqual(service.state, "confirmed")
        # confirmed once: the form is gone
        self.assertNotIn("o_hoa_receipt_form", self.url_open(matter.access_url).text)

    def test_the_receipt_reads_as_one_chinese_sentence(self):
        # who confirmed and when, in the member's language as one sentence:
        # "王… 已于 2026年…日 确认收到。", no English full stop left alone
        ensure_chinese(self.env)
        self.portal_a.lang = "zh_CN"
        matter = self.incident(delivery_method="portal")
        matter.action_send()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.post(f"{matter.access_url}/receipt")
        page = html.fromstring(self.url_open(matter.access_url).text)
        (receipt,) = page.xpath(
            "//div[contains(concat(' ', @class, ' '), ' o_hoa_receipt ')]"
        )
        self.assertRegex(
            " ".join(receipt.text_content().split()),
            rf"^{re.escape(self.portal_a.partner_id.name)} 已于 \d{{4}}年\d{{2}}月\d{{2}}日"
            r"[^.]* 确认收到。$",
        )

    def test_my_lists_the_documents_waiting_for_the_members_receipt(self):
        self.portal_a.partner_id.email = False  # served in the portal
        matter = self.incident(delivery_method="portal")
        matter.action_send()
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "Portal notice",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=10),
                "location": "会议室",
            }
        )
        meeting.with_user(self.manager_a).action_send_notice()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")

        def waiting():
            page = html.fromstring(self.url_open("/my").text)
            return sorted(
                page.xpath("//li[contains(@class, 'o_hoa_waiting_receipt')]/a/@href")
            )

        self.assertEqual(waiting(), sorted([matter.access_url, meeting.access_url]))
        # another member signs the report's receipt on paper: it is delivered
        other = matter.service_ids.filtered(
            lambda s: s.partner_id != self.portal_a.partner_id
        )[:1]
        wizard = self.receipt_wizard(other)
        wizard.signed_by = other.partner_id.name
        wizard.receipt_date = self.today
        wizard.scan = b"iVBORw0KGgo="
        wizard.save().action_confirm()
        self.assertEqual(matter.state, "delivered")
        self.assertEqual(waiting(), [meeting.access_url])
        # the member confirms the notice: nothing waits any more
        mine = meeting.service_ids.filtered(
            lambda s: s.partner_id == self.portal_a.partner_id
        )
        self.post(f"/my/committee/receipts/{mine.id}/confirm")
        self.assertEqual(waiting(), [])

    def test_asker_opening_the_reply_in_the_portal_answers_the_inquiry(self):
        inquiry = self.assessed_inquiry(
            self.today - timedelta(days=1), raised_by=self.portal_a.partner_id
        )
        self.send_answer(inquiry, "portal")
        self.assertEqual(inquiry.state, "reply_sent")
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(inquiry.access_url).text
        self.assertIn("已更换门机控制板", page)
        self.assertEqual(inquiry.reply_service_ids.state, "opened")
        self.assertEqual(
            (inquiry.state, inquiry.responded_date), ("answered", self.today)
        )
