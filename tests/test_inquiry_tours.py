from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase
from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestBackOfficeTours(HttpCase, HoaCommitteeCase, MockEmail):
    """The head's and leadership's flows in headless Chromium, in Chinese,
    from the menus; the records are checked here afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马河花园"
        cls.chair_a = cls.committee_a.member_ids[0].partner_id
        cls.chair_a.write({"name": "李主任", "email": "li.zhuren@example.com"})
        cls.owner_wang, cls.owner_zhou = cls.env["res.partner"].create(
            [{"name": "王业主"}, {"name": "周业主"}]
        )
        cls.env["hoa.unit"].create(
            [
                {
                    "community_id": cls.estate_a.id,
                    "name": name,
                    "area": area,
                    "owner_id": owner.id,
                }
                for name, area, owner in (
                    ("1-101", 98.5, cls.owner_wang),
                    ("1-102", 120.0, cls.owner_zhou),
                )
            ]
        )
        (cls.manager_a | cls.leader_1).lang = "zh_CN"
        cls.env.registry.clear_cache()  # users' context_get is cached

    def test_head_records_assesses_answers_and_sends_the_reply(self):
        with self.mock_mail_gateway():
            self.start_tour(
                "/odoo", "hoa_inquiry_head_answers", login="hoa_t_manager_a"
            )
        inquiry = self.env["hoa.inquiry"].search(
            [("subject", "=", "3号楼电梯经常停在半层")]
        )
        self.assertEqual(
            (inquiry.community_id, inquiry.raised_by_id, inquiry.assessment),
            (self.estate_a, self.chair_a, "reasonable"),
        )
        self.assertEqual(inquiry.state, "answered")
        self.assertEqual(inquiry.responded_by_id, self.manager_a)
        self.assertTrue(inquiry.sla_met)
        # served by email to the member who raised it, the reply letter
        # attached (HTML instead of PDF in test mode)
        service = inquiry.reply_service_ids
        self.assertEqual(
            (service.partner_id, service.channel, service.state),
            (self.chair_a, "email", "accepted"),
        )
        self.assertIn(
            inquiry.name, " ".join(service.mail_id.attachment_ids.mapped("name"))
        )

    def test_head_escalates_with_a_reason_and_leadership_sees_it(self):
        self.start_tour("/odoo", "hoa_inquiry_head_escalates", login="hoa_t_manager_a")
        inquiry = self.env["hoa.inquiry"].search([("subject", "=", "小区外墙整体翻新")])
        self.assertEqual(inquiry.state, "escalated")
        self.assertEqual(
            inquiry.escalation_note, "需动用专项维修资金，超出服务中心权限。"
        )
        activity = inquiry.activity_ids.filtered(lambda a: a.user_id == self.leader_1)
        self.assertIn("超出服务中心权限", str(activity.note))
        self.env["hoa.compliance"]._refresh()
        self.start_tour("/odoo", "hoa_leadership_home", login="hoa_t_leader_1")

    def test_head_runs_an_owners_vote(self):
        self.start_tour(
            "/odoo", "hoa_decision_head_runs_a_vote", login="hoa_t_manager_a"
        )
        decision = self.env["hoa.decision"].search(
            [("name", "=", "关于使用专项维修资金维修电梯的决定")]
        )
        self.assertEqual(decision.community_id, self.estate_a)
        self.assertEqual(decision.state, "published")
        self.assertEqual(decision.ballot_ids.partner_id, self.owner_wang)
        self.assertEqual(decision.ballot_ids.choice, "agree")
        self.assertEqual(decision.ballot_ids.scan_name, "王业主表决票.png")
        self.assertEqual(decision.voter_count, 2)
