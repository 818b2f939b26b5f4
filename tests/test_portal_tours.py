from odoo.tests import tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestPortalTours(HoaPortalCase):
    """Each flow in headless Chromium, in Chinese, as the member or owner
    does it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.portal_a | cls.owner_a).lang = "zh_CN"
        cls.env.registry.clear_cache()

    def test_member_signs_minutes(self):
        meeting = self.held_meeting()
        mine = meeting.attendance_ids.filtered(
            lambda a: a.member_id.partner_id == self.portal_a.partner_id
        )
        self.start_tour(
            "/my/committee/meetings", "hoa_portal_sign_minutes", login="hoa_t_portal_a"
        )
        self.assertEqual(mine.sign_method, "portal")
        self.assertTrue(mine.signed_ip)

    def test_member_submits_an_inquiry_and_reads_the_reply(self):
        self.start_tour(
            "/my/committee/inquiries",
            "hoa_portal_submit_inquiry",
            login="hoa_t_portal_a",
        )
        inquiry = self.env["hoa.inquiry"].search(
            [("subject", "=", "3号楼电梯噪音太大")]
        )
        self.assertEqual(
            (inquiry.channel, inquiry.inquiry_type, inquiry.committee_id),
            ("portal", "request", self.committee_a),
        )
        inquiry.assessment = "reasonable"
        inquiry.action_assess()
        inquiry.response = (
            "<p>已更换3号楼电梯曳引机减震垫，夜间噪音已降至标准以内。</p>"
        )
        inquiry.action_answer()
        self.start_tour(
            "/my/committee/inquiries", "hoa_portal_read_reply", login="hoa_t_portal_a"
        )
        comment = inquiry.message_ids.filtered(
            lambda m: (
                m.author_id == self.portal_a.partner_id and "谢谢" in (m.body or "")
            )
        )
        self.assertEqual(len(comment), 1)

    def test_member_confirms_receipt_and_gives_an_opinion(self):
        matter = self.delivered_matter()
        self.start_tour(
            "/my/committee/matters", "hoa_portal_answer_matter", login="hoa_t_portal_a"
        )
        self.assertEqual(matter.receipt_partner_id, self.portal_a.partner_id)
        self.assertEqual(
            (matter.opinion_ids.partner_id, matter.opinion_ids.opinion),
            (self.portal_a.partner_id, "agree"),
        )
        self.assertEqual(matter.opinion_ids.text, "同意，请在施工前张贴公告。")
        self.assertEqual((matter.state, matter.answer), ("delivered", False))

    def test_owner_casts_a_ballot(self):
        decision = self.open_decision()
        self.start_tour(
            "/my/decisions", "hoa_portal_cast_ballot", login="hoa_t_owner_a"
        )
        self.assertEqual(decision.ballot_ids.partner_id, self.owner_a.partner_id)
        self.assertEqual(decision.ballot_ids.choice, "agree")
