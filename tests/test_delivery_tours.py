from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestDeliveryTours(HttpCase, HoaCommitteeCase):
    """The head serves a report and a reply letter on paper, in headless
    Chromium and in Chinese, and records each signed receipt with its scan;
    the records are checked here afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马河花园"
        cls.manager_a.lang = "zh_CN"
        cls.env.registry.clear_cache()  # users' context_get is cached
        cls.today = cls.env.company._hoa_today()

    def test_head_sends_a_report_and_records_its_receipt(self):
        matter = self.env["hoa.matter"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "3号楼外墙渗漏维修申请",
                "category": "repair_fund",
                "planned_date": self.today + timedelta(days=30),
                "delivery_method": "hand",
            }
        )
        self.start_tour("/odoo", "hoa_delivery_report_receipt", login="hoa_t_manager_a")
        self.assertEqual(matter.state, "delivered")
        self.assertEqual(matter.delivered_date, self.today)
        self.assertEqual(matter.receipt_signed_by, "徐静（业委会秘书）")
        service = matter.service_ids.filtered(lambda s: s.state == "received")
        self.assertEqual(len(service), 1)
        self.assertEqual(service.receipt_attachment_id.name, "回执扫描件.png")
        self.assertEqual(service.receipt_attachment_id.raw, b"signed receipt")

    def test_head_answers_an_inquiry_on_paper_and_records_the_receipt(self):
        inquiry = self.env["hoa.inquiry"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "3号楼电梯频繁停梯",
                "received_date": self.today,
                "assessment": "reasonable",
                "raised_by_id": self.committee_a.chair_id.id,
                "response": "<p>已更换门机控制板。</p>",
            }
        )
        inquiry.action_assess()
        self.start_tour("/odoo", "hoa_delivery_inquiry_paper", login="hoa_t_manager_a")
        self.assertEqual(inquiry.state, "answered")
        self.assertEqual(inquiry.responded_date, self.today)
        service = inquiry.reply_service_ids
        self.assertEqual(
            (service.channel, service.state, service.receipt_signed_by),
            ("paper", "received", "王建国"),
        )
        self.assertTrue(service.receipt_attachment_id)
