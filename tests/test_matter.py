from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

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
        with self.assertRaisesRegex(UserError, "choose how it is sent"):
            matter.action_send()
        self.deliver(matter, date(2026, 10, 5), method="hand")
        self.assertEqual(matter.state, "delivered")
        self.assertEqual(matter.delivered_date, date(2026, 10, 5))
        self.assertEqual(matter.receipt_signed_by, "王建国")
        self.assertFalse(matter.delivered_late)
        self.assertFalse(matter.late)
        with self.assertRaisesRegex(UserError, "already been sent"):
            matter.action_send()
        with self.assertRaisesRegex(UserError, "Choose the committee's answer"):
            matter.action_record_answer()
        matter.answer = "rejected"
        matter.answer_comment = "先公示维修方案。"
        matter.resolution_id = self.committee_resolution(self.committee_a, agree=3)
        matter.action_record_answer()
        self.assertEqual(matter.state, "answered")
        self.assertTrue(matter.answer_date)
        matter.action_close()
        self.assertEqual(matter.state, "closed")

    def test_late_filing_is_shown_not_blocked(self):
        matter = self.matter(category="repair_fund", planned_date=date(2026, 10, 20))
        self.deliver(matter, date(2026, 10, 8), method="post")
        self.assertEqual(matter.state, "delivered")
        self.assertTrue(matter.delivered_late)
        self.assertTrue(matter.late)
        self.assertTrue(
            matter.message_ids.filtered(lambda m: "after its deadline" in m.body)
        )
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
        delivered = self.deliver(self.matter(category="other"), date(2026, 3, 1))
        with self.assertRaisesRegex(UserError, "sealed in the archive"):
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
        both._set_state({"state": "delivered"})
        self.env.flush_all()
        self.assertEqual(
            Matter.with_user(self.portal_a).search([("id", "in", both.ids)]), matter_a
        )
        with self.assertRaises(AccessError):
            matter_a.with_user(self.portal_a).write({"answer": "approved"})


@tagged("post_install", "-at_install")
class TestCommitteeAnswer(HoaCommitteeCase):
    """The committee's answer is a committee decision; members give opinions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chair = cls.committee_a.member_ids.filtered(lambda m: m.role == "chair")
        cls.chair_user = new_test_user(
            cls.env,
            "hoa_t_chair_a",
            groups="base.group_portal",
            partner_id=cls.chair.partner_id.id,
        )

    def setUp(self):
        super().setUp()
        self.matter = self.env["hoa.matter"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "5号楼屋面维修",
                "category": "repair_fund",
                "planned_date": date(2026, 10, 20),
            }
        )
        self.deliver(self.matter, date(2026, 10, 1))

    def test_an_ordinary_member_cannot_answer_for_the_committee(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        as_member = self.matter.with_user(self.portal_a)
        with self.assertRaisesRegex(UserError, "Only the chair"):
            as_member._portal_answer("approved", resolution=resolution)
        self.assertEqual(self.matter.state, "delivered")
        self.assertFalse(self.matter.answer)
        with self.assertRaisesRegex(UserError, "只有业委会主任"):
            self.matter.with_user(self.portal_a).with_context(
                lang="zh_CN"
            )._portal_answer("approved", resolution=resolution)

    def test_chair_answers_with_a_passed_resolution(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        as_chair = self.matter.with_user(self.chair_user)
        with self.assertRaisesRegex(UserError, "cite the resolution"):
            as_chair._portal_answer("approved")
        as_chair._portal_answer("approved", "请施工前张贴公告。", resolution)
        self.assertEqual(
            (self.matter.state, self.matter.answer, self.matter.resolution_id),
            ("answered", "approved", resolution),
        )
        self.assertEqual(self.matter.answered_by_id, self.chair.partner_id)

    def test_the_chairs_delegate_may_answer(self):
        delegate = self.committee_a.member_ids.filtered(
            lambda m: m.partner_id == self.portal_a.partner_id
        )
        self.matter.answer_delegate_id = delegate
        resolution = self.committee_resolution(self.committee_a, agree=3)
        self.matter.with_user(self.portal_a)._portal_answer(
            "approved", resolution=resolution
        )
        self.assertEqual(self.matter.answered_by_id, self.portal_a.partner_id)

    def test_resolution_not_passed_or_of_another_committee_is_refused(self):
        as_chair = self.matter.with_user(self.chair_user)
        failed = self.committee_resolution(self.committee_a, agree=2)
        self.assertFalse(failed.passed)
        with self.assertRaisesRegex(UserError, "did not pass"):
            as_chair._portal_answer("approved", resolution=failed)
        other = self.committee_resolution(self.committee_b, agree=3)
        self.assertTrue(other.passed)
        with self.assertRaisesRegex(UserError, "not a resolution of"):
            as_chair._portal_answer("approved", resolution=other)
        self.assertEqual(self.matter.state, "delivered")
        # the head in the back office: the same checks
        self.matter.with_user(self.manager_a).write(
            {"answer": "approved", "resolution_id": other.id}
        )
        with self.assertRaisesRegex(UserError, "not a resolution of"):
            self.matter.with_user(self.manager_a).action_record_answer()
        self.assertEqual(self.matter.state, "delivered")

    def test_written_resolution_needs_more_than_half_of_all_members(self):
        members = self.committee_a.member_ids  # 5 serving
        as_chair = self.matter.with_user(self.chair_user)
        with self.assertRaisesRegex(UserError, "more than half of all 5 serving"):
            as_chair._portal_answer("approved", signers=members[:2])
        with self.assertRaisesRegex(UserError, "Only serving members"):
            as_chair._portal_answer(
                "approved", signers=members[:2] | self.committee_b.member_ids[:1]
            )
        self.assertEqual(self.matter.state, "delivered")
        as_chair._portal_answer("approved", signers=members[:3])
        self.assertEqual(self.matter.state, "answered")
        self.assertEqual(self.matter.written_signer_ids, members[:3])

    def test_staff_cannot_record_the_answer_but_the_head_can(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        self.matter.write({"answer": "approved", "resolution_id": resolution.id})
        with self.assertRaisesRegex(UserError, "service-centre head"):
            self.matter.with_user(self.staff_a).action_record_answer()
        self.matter.with_user(self.manager_a).action_record_answer()
        self.assertEqual(self.matter.state, "answered")
        self.assertEqual(self.matter.answered_by_id, self.manager_a.partner_id)

    def test_members_opinions_are_recorded_as_theirs(self):
        self.matter.with_user(self.portal_a)._portal_give_opinion(
            "disagree", "报价偏高，建议再询两家。"
        )
        self.matter.with_user(self.chair_user)._portal_give_opinion("agree")
        with self.assertRaisesRegex(UserError, "Write your comment"):
            self.matter.with_user(self.portal_a)._portal_give_opinion("comment")
        opinions = self.matter.opinion_ids.sorted("id")
        self.assertEqual(
            [(o.partner_id, o.opinion, o.text) for o in opinions],
            [
                (self.portal_a.partner_id, "disagree", "报价偏高，建议再询两家。"),
                (self.chair.partner_id, "agree", False),
            ],
        )
        self.assertTrue(all(opinions.mapped("date")))
        self.assertEqual(self.matter.state, "delivered", "opinions are not the answer")
        self.assertFalse(self.matter.answer)
        with self.assertRaises(AccessError):
            self.matter.with_user(self.portal_b)._portal_give_opinion("agree")

    def test_committee_consent_alone_does_not_close_a_fund_repair(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        self.matter.with_user(self.chair_user)._portal_answer(
            "approved", resolution=resolution
        )
        self.assertIn("the owners decide it", self.matter.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "decided by the owners"):
            self.matter.action_close()
        vote_open = self.env["hoa.decision"].create(
            {"name": "屋面维修使用维修资金", "community_id": self.estate_a.id}
        )
        with self.assertRaisesRegex(ValidationError, "not a passed owners' decision"):
            self.matter.owners_decision_id = vote_open
        self.matter.emergency_repair = True
        # the emergency procedure: its basis and the notice posted to owners
        self.matter.emergency_basis = "屋面渗漏危及顶层住户用电安全。"
        self.matter.emergency_notice_id = self.env["hoa.notice"]._create_in_state(
            [
                {
                    "title": "5号楼屋面紧急维修公告",
                    "community_id": self.estate_a.id,
                    "date_from": date(2026, 10, 1),
                    "date_to": date(2026, 10, 8),
                    "state": "posted",
                }
            ]
        )
        self.matter.action_close()
        self.assertEqual(self.matter.state, "closed")
