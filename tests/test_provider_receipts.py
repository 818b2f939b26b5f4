"""送达回执: the SMS providers post delivery receipts to
``/hoa/receipts/<provider>/<token>``; only with the company's secret token
do they mark a message delivered (and its proof of service served) or
failed (and the next channel tried)."""

import json

from odoo import Command
from odoo.tests import tagged

from . import provider_servers as ps
from .dispatch_common import configure_providers, hold_queued_dispatches
from .portal_common import HoaPortalCase
from odoo.addons.hoa_committee.providers import aliyun_sms, tencent_sms


@tagged("post_install", "-at_install")
class TestProviderReceipts(HoaPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = ps.ProviderSandbox().start()
        cls.addClassCleanup(cls.sandbox.stop)
        configure_providers(cls.company_1, cls.sandbox)
        hold_queued_dispatches(cls.env)
        cls.company_1.sudo().hoa_receipt_token = "s3cret-receipt-token"
        cls.template = cls.env.ref("hoa_committee.mail_template_meeting_notice")
        cls.template.write(
            {"hoa_sms_code": "SMS_123456789", "hoa_sms_params": "m: {{ object.name }}"}
        )
        cls.member = cls.committee_a.member_ids.partner_id[1]
        cls.member.hoa_channel_ids = [
            Command.create({"kind": "sms", "address": "13800000001", "sequence": 1}),
            Command.create(
                {"kind": "email", "address": "m1@example.com", "sequence": 2}
            ),
        ]
        cls.meeting = cls.env["hoa.meeting"].create(
            {
                "name": "屋面防水专题会",
                "committee_id": cls.committee_a.id,
                "meeting_type": "special",
                "date_start": "2026-12-20 01:30:00",
                "location": "物业服务中心会议室",
            }
        )

    def setUp(self):
        super().setUp()
        self.meeting.with_user(self.manager_a)._hoa_serve(
            "meeting_notice", self.member, self.template
        )
        self.env["hoa.dispatch"]._cron_send()
        self.sms = self.meeting.dispatch_ids.filtered(lambda d: d.channel == "sms")
        self.assertEqual(self.sms.state, "sent")

    def post(self, provider, token, payload):
        return self.url_open(
            f"/hoa/receipts/{provider}/{token}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )

    def aliyun_receipt(self, delivered=True):
        return self.sandbox.receipt_payload(
            "aliyun", self.sms.provider_message_id, "13800000001", delivered
        )

    def test_receipt_marks_delivered_and_the_member_served(self):
        response = self.post("aliyun", "s3cret-receipt-token", self.aliyun_receipt())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), aliyun_sms.RECEIPT_OK)
        self.sms.invalidate_recordset()
        self.assertEqual(self.sms.state, "delivered")
        self.assertTrue(self.sms.delivered_at)
        service = self.sms.service_id
        self.assertEqual(service.state, "delivered")
        self.assertTrue(service.served)
        self.assertEqual(service.served_date, self.company_1._hoa_today())
        self.assertTrue(self.sms.channel_line_id.last_success_at)

    def test_bad_token_is_refused_and_nothing_changes(self):
        for token in ("wrong-token", "s3cret-receipt-toke", "x" * 40):
            response = self.post("aliyun", token, self.aliyun_receipt())
            self.assertEqual(response.status_code, 403)
        self.sms.invalidate_recordset()
        self.assertEqual(self.sms.state, "sent")
        self.assertFalse(self.sms.service_id.served)

    def test_failed_receipt_fails_and_the_next_channel_takes_over(self):
        response = self.post(
            "aliyun", "s3cret-receipt-token", self.aliyun_receipt(delivered=False)
        )
        self.assertEqual(response.status_code, 200)
        self.sms.invalidate_recordset()
        self.assertEqual(self.sms.state, "failed")
        self.assertIn("MK:0001", self.sms.failure_reason)
        self.assertEqual(self.sms.service_id.state, "failed")
        self.assertTrue(self.sms.channel_line_id.last_failure_at)
        email = self.meeting.dispatch_ids.filtered(lambda d: d.channel == "email")
        self.assertEqual(email.address, "m1@example.com")

    def test_tencent_receipt(self):
        self.sms.sudo()._set_state({"provider": "tencent"})
        payload = self.sandbox.receipt_payload(
            "tencent", self.sms.provider_message_id, "+8613800000001"
        )
        response = self.post("tencent", "s3cret-receipt-token", payload)
        self.assertEqual(response.json(), tencent_sms.RECEIPT_OK)
        self.sms.invalidate_recordset()
        self.assertEqual(self.sms.state, "delivered")
