from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestMatter(HoaCommitteeCase):
    def matter(self, **values):
        return self.env["hoa.matter"].create(
            {"community_id": self.estate_a.id, "subject": "外墙维修", **values}
        )

    def test_kind_follows_category(self):
        self.assertEqual(self.matter(category="repair_fund").kind, "application")
        self.assertTrue(self.matter(category="facility_fund").requires_decision)
        self.assertEqual(self.matter(category="incident").kind, "incident")
        notification = self.matter(category="new_regulation")
        self.assertEqual(notification.kind, "notification")
        self.assertFalse(notification.requires_decision)
        self.assertFalse(notification.deadline)

    def test_application_filed_fifteen_days_ahead(self):
        matter = self.matter(category="repair_fund", planned_date=date(2026, 10, 20))
        self.assertEqual(matter.deadline, date(2026, 10, 5))
        self.env.company.hoa_matter_lead_days = 20
        self.assertEqual(matter.deadline, date(2026, 9, 30))

    def test_incident_notified_within_two_working_days(self):
        # Wednesday 30 September 2026, before the National Day holiday
        matter = self.matter(category="incident", occurred_date=date(2026, 9, 30))
        self.assertEqual(matter.deadline, date(2026, 10, 9))

    def test_delivery_in_writing(self):
        matter = self.matter(category="repair_fund", planned_date=date(2026, 10, 20))
        with self.assertRaisesRegex(UserError, "delivery method and date"):
            matter.action_deliver()
        matter.write(
            {
                "delivery_method": "hand",
                "delivered_date": date(2026, 10, 5),
                "receipt_signed_by": "王建国",
            }
        )
        matter.action_deliver()
        self.assertEqual(matter.state, "delivered")
        self.assertFalse(matter.delivered_late)
        self.assertFalse(matter.late)
        with self.assertRaisesRegex(UserError, "already been delivered"):
            matter.action_deliver()
        with self.assertRaisesRegex(UserError, "Choose the committee's answer"):
            matter.action_record_answer()
        matter.answer = "approved"
        matter.action_record_answer()
        self.assertEqual(matter.state, "answered")
        self.assertTrue(matter.answer_date)
        matter.action_close()
        self.assertEqual(matter.state, "closed")

    def test_late_filing_is_shown_not_blocked(self):
        matter = self.matter(
            category="repair_fund",
            planned_date=date(2026, 10, 20),
            delivery_method="post",
            delivered_date=date(2026, 10, 8),
        )
        matter.action_deliver()
        self.assertEqual(matter.state, "delivered")
        self.assertTrue(matter.delivered_late)
        self.assertTrue(matter.late)
        self.assertIn("after its deadline", matter.message_ids[0].body)
        self.assertIn(matter, self.env["hoa.matter"].search([("late", "=", True)]))

    def test_undelivered_past_deadline_is_late(self):
        with freeze_time("2026-10-12"):
            late = self.matter(category="incident", occurred_date=date(2026, 9, 30))
            on_time = self.matter(category="incident", occurred_date=date(2026, 10, 12))
            late_ids = self.env["hoa.matter"].search([("late", "=", True)])
            self.assertIn(late, late_ids)
            self.assertNotIn(on_time, late_ids)
            self.assertIn(
                on_time, self.env["hoa.matter"].search([("late", "=", False)])
            )

    def test_sweep_escalates_a_late_incident_once(self):
        with freeze_time("2026-10-12"):
            matter = self.matter(category="incident", occurred_date=date(2026, 9, 30))
            Matter = self.env["hoa.matter"]
            Matter._cron_sweep()
            self.assertTrue(matter.escalated)
            kinds = matter.activity_ids.mapped("activity_type_id")
            self.assertIn(
                self.env.ref("hoa_committee.mail_activity_type_escalation"), kinds
            )
            self.assertIn(
                self.env.ref("hoa_committee.mail_activity_type_deadline"), kinds
            )
            self.assertIn(self.leader_1, matter.activity_ids.user_id)
            count = (len(matter.activity_ids), len(matter.message_ids))
            Matter._cron_sweep()
            self.assertEqual((len(matter.activity_ids), len(matter.message_ids)), count)

    def test_delivered_reports_are_never_deleted(self):
        draft = self.matter(category="other")
        delivered = self.matter(
            category="other", delivery_method="email", delivered_date=date(2026, 3, 1)
        )
        delivered.action_deliver()
        with self.assertRaisesRegex(UserError, "never deleted"):
            delivered.unlink()
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_estate_without_committee(self):
        estate = self.env["hoa.community"].create(
            {"name": "No committee", "code": "T-NC2"}
        )
        with self.assertRaisesRegex(ValidationError, "no active owners' committee"):
            self.env["hoa.matter"].create({"community_id": estate.id, "subject": "x"})

    def test_letter_with_receipt_renders(self):
        matter = self.matter(category="repair_fund", planned_date=date(2026, 10, 20))
        report = self.env.ref("hoa_committee.action_report_matter_letter")
        html = report._render_qweb_html(report.report_name, matter.ids)[0].decode()
        self.assertIn("外墙维修", html)
        self.assertIn("border-top: 2px dashed", html, "the tear-off receipt")
        pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, matter.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_access(self):
        matter_a = self.matter(category="other")
        matter_b = self.env["hoa.matter"].create(
            {"community_id": self.estate_b.id, "subject": "B", "category": "other"}
        )
        both = matter_a | matter_b
        Matter = self.env["hoa.matter"]
        self.assertEqual(
            Matter.with_user(self.staff_b).search([("id", "in", both.ids)]), matter_b
        )
        self.assertEqual(
            Matter.with_user(self.leader_1).search([("id", "in", both.ids)]), both
        )
        self.assertFalse(
            Matter.with_user(self.portal_a).search([("id", "in", both.ids)]),
            "a draft report is the service centre's own",
        )
        both.write({"state": "delivered"})
        self.env.flush_all()
        self.assertEqual(
            Matter.with_user(self.portal_a).search([("id", "in", both.ids)]), matter_a
        )
        with self.assertRaises(AccessError):
            matter_a.with_user(self.portal_a).write({"answer": "approved"})
