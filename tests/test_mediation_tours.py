from odoo.tests import tagged

from .portal_common import HoaPortalCase
from .test_mediation_reports import STATEMENT


@tagged("post_install", "-at_install")
class TestMediationTours(HoaPortalCase):
    """The mediation record and the statement review in headless Chromium, in
    Chinese: the head records a disagreement with its parties and steps and
    resolves it; sends a statement to the committee and publishes it with
    the reason; a member comments on a statement in the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马河南岸家园"
        cls.chair_a = cls.committee_a.member_ids.filtered(lambda m: m.role == "chair")
        cls.chair_a.partner_id.name = "张建国"
        (cls.manager_a | cls.portal_a).lang = "zh_CN"

    def test_head_records_and_resolves_a_disagreement(self):
        self.start_tour(
            "/odoo/hoa-mediations",
            "hoa_mediation_disagreement",
            login="hoa_t_manager_a",
        )
        mediation = self.env["hoa.mediation"].search(
            [("subject", "=", "地面停车收费标准分歧")]
        )
        self.assertEqual(len(mediation), 1)
        self.assertEqual(mediation.kind, "disagreement")
        self.assertEqual(mediation.community_id, self.estate_a)
        self.assertEqual(mediation.state, "resolved")
        self.assertEqual(mediation.outcome_date, self.env.company._hoa_today())
        self.assertEqual(mediation.party_ids.partner_id, self.chair_a.partner_id)
        self.assertEqual(mediation.party_ids.role, "committee")
        self.assertEqual(
            mediation.step_ids.name, "服务中心与业委会主任会谈，核对周边小区收费标准"
        )
        self.assertEqual(mediation.step_ids.user_id, self.manager_a)
        self.assertIn("双方同意按每月150元执行", mediation.outcome)

    def test_head_submits_then_publishes_with_the_reason(self):
        statement = self.statement(STATEMENT)
        self.start_tour(
            f"/odoo/action-hoa_committee.hoa_disclosure_action/{statement.id}",
            "hoa_statement_submit_and_publish",
            login="hoa_t_manager_a",
        )
        self.assertEqual(statement.review_state, "in_review")
        self.assertEqual(statement.state, "published")
        self.assertEqual(statement.unreviewed_reason, "业委会在约定的5个工作日内未答复")
        self.assertEqual(statement.unreviewed_by_id, self.manager_a)

    def test_member_comments_on_a_statement_in_the_portal(self):
        statement = self.statement(STATEMENT)
        statement.with_user(self.staff_a).action_submit_review()
        self.start_tour(
            statement.access_url, "hoa_portal_statement_review", login="hoa_t_portal_a"
        )
        self.assertEqual(statement.review_state, "commented")
        self.assertEqual(statement.review_comment, "人员工资一项请注明在岗人数")
        self.assertEqual(statement.reviewed_by_id, self.portal_a.partner_id)
        self.assertEqual(statement.state, "draft")
