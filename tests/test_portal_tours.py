from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

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
        self.answer(inquiry)
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
        # the member's own receipt of the report served to them
        self.assertEqual(
            matter.service_ids.filtered(
                lambda s: s.partner_id == self.portal_a.partner_id
            ).state,
            "confirmed",
        )
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

    def test_chair_finds_what_waits_and_downloads_every_pdf(self):
        """The chair opens /my: the minutes to sign and the report come
        first; every PDF of the meetings, letters and statements downloads."""
        chair = new_test_user(
            self.env,
            "hoa_t_chair_a",
            groups="base.group_portal",
            partner_id=self.committee_a.member_ids[0].partner_id.id,
            lang="zh_CN",
        )
        held = self.held_meeting()
        noticed = self.env["hoa.meeting"].create(
            {
                "name": "Download test",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=10),
                "location": "会议室",
            }
        )
        noticed.action_send_notice()
        self.delivered_matter()
        inquiry = self.inquiry()
        inquiry.assessment = "reasonable"
        inquiry.action_assess()
        inquiry.response = "<p>已更换3号楼电梯曳引机减震垫。</p>"
        self.answer(inquiry)
        statement = self.statement((("fund_opening", "维修资金账户", 8_420_000),))
        statement._publish_unreviewed("test")
        self.start_tour("/my", "hoa_portal_chair_flow", login="hoa_t_chair_a")
        line = held.attendance_ids.filtered(
            lambda a: a.member_id.partner_id == chair.partner_id
        )
        self.assertEqual(line.sign_method, "portal")

    def test_member_asks_for_a_notice_in_time(self):
        """A period already over is refused in the page; the corrected
        request is the next number."""
        self.held_meeting()
        before = self.notice(title="上一份公告")
        self.start_tour("/my", "hoa_portal_member_notice", login="hoa_t_portal_a")
        notices = self.env["hoa.notice"].search([("title", "=", "停水通知")])
        self.assertEqual(len(notices), 1)
        # the tour typed its dates from the browser's today: Chromium runs in
        # the server's time zone (Odoo sets TZ=UTC), so from 16:00 to 24:00
        # UTC its day is the day before Beijing's (and OdooBot's Brussels')
        today = fields.Date.today()
        self.assertEqual(
            (notices.date_from, notices.date_to, notices.state),
            (today + timedelta(days=1), today + timedelta(days=4), "submitted"),
        )
        self.assertEqual(
            int(notices.name.rsplit("-", 1)[1]), int(before.name.rsplit("-", 1)[1]) + 1
        )
