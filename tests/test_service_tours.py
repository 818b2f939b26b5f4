from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestServiceTours(HoaPortalCase, MockEmail):
    """Proof of service of a meeting notice, in headless Chromium, in
    Chinese: 委员甲 to 委员丁 have an email address, 委员乙 is also the portal
    member ``portal_a``; 委员戊 has neither email nor portal login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马花园"
        cls.committee_a.name = "亮马花园业主委员会"
        names = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊"]
        for i, (name, member) in enumerate(
            zip(names, cls.committee_a.member_ids, strict=True)
        ):
            member.partner_id.write(
                {"name": name, "email": f"member{i}@example.com" if i < 4 else False}
            )
        cls.manager_a.write({"name": "张经理", "lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.portal_a.lang = "zh_CN"
        cls.env.registry.clear_cache()

    def setUp(self):
        super().setUp()
        self.meeting = self.env["hoa.meeting"].create(
            {
                "name": "外墙维修专题会",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=10),
                "location": "物业服务中心会议室",
            }
        )

    def row(self, name):
        return self.meeting.service_ids.filtered(lambda s: s.partner_id.name == name)

    def test_head_records_the_paper_receipt(self):
        with self.mock_mail_gateway():  # the mail server takes the emails
            self.start_tour(
                "/odoo/hoa-meetings",
                "hoa_service_backoffice",
                login="hoa_t_manager_a",
                timeout=180,
            )
        self.assertEqual(self.meeting.state, "notified")
        paper = self.row("委员戊")
        self.assertEqual((paper.channel, paper.state), ("paper", "received"))
        self.assertEqual(paper.receipt_signed_by, "委员戊")
        self.assertEqual(paper.receipt_attachment_id.name, "委员戊回执.png")
        self.assertEqual(paper.served_date, self.env.company._hoa_today())
        self.assertFalse(self.meeting.notice_undelivered)

    def test_member_confirms_receipt_in_the_portal(self):
        # served by email, and in the portal: the portal confirms either
        self.portal_a.partner_id.email = False
        self.meeting.with_user(self.manager_a).action_send_notice()
        mine = self.row("委员乙")
        self.assertEqual((mine.channel, mine.state), ("portal", "sent"))
        self.start_tour(
            "/my/committee/meetings",
            "hoa_service_portal_confirm",
            login="hoa_t_portal_a",
        )
        self.assertEqual(mine.state, "confirmed")
        self.assertTrue(mine.confirmed_at)
