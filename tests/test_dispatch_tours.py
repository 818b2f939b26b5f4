from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from . import provider_servers as ps
from .dispatch_common import configure_providers
from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestDispatchTours(HoaPortalCase, MockEmail):
    """Channels on the member's card and a notice's per-recipient status,
    in headless Chromium, in Chinese: 委员甲 has email, 委员乙 gets an SMS
    channel first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = ps.ProviderSandbox().start()
        cls.addClassCleanup(cls.sandbox.stop)
        configure_providers(cls.company_1, cls.sandbox)
        cls.env.ref("hoa_committee.mail_template_meeting_notice").write(
            {"hoa_sms_code": "SMS_123456789", "hoa_sms_params": "m: {{ object.name }}"}
        )
        cls.estate_a.name = "亮马花园"
        cls.committee_a.name = "亮马花园业主委员会"
        names = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊"]
        for i, (name, member) in enumerate(
            zip(names, cls.committee_a.member_ids, strict=True)
        ):
            member.partner_id.write({"name": name, "email": f"member{i}@example.com"})
        cls.member_b = cls.committee_a.member_ids[1]
        cls.manager_a.write({"name": "张经理", "lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.env.registry.clear_cache()

    def test_head_adds_and_orders_a_members_channels(self):
        self.start_tour(
            "/odoo/hoa-committee-members",
            "hoa_dispatch_member_channels",
            login="hoa_t_manager_a",
            timeout=180,
        )
        lines = self.member_b.partner_id.hoa_channel_ids.sorted(
            lambda c: (c.sequence, c.id)
        )
        self.assertEqual(
            [(c.kind, c.address) for c in lines],
            [("sms", "+86 13800000002"), ("email", "weiyuanyi@example.com")],
        )
        self.assertEqual(self.member_b.partner_id._hoa_channels()[0].kind, "sms")

    def test_head_serves_a_notice_and_sees_each_recipients_status(self):
        self.member_b.partner_id.hoa_channel_ids = [
            Command.create({"kind": "sms", "address": "13800000002", "sequence": 1})
        ]
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "屋面防水说明会",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=10),
                "location": "物业服务中心会议室",
            }
        )
        with self.mock_mail_gateway():
            self.start_tour(
                "/odoo/hoa-meetings",
                "hoa_dispatch_notice_status",
                login="hoa_t_manager_a",
                timeout=180,
            )
        sms = meeting.dispatch_ids.filtered(lambda d: d.channel == "sms")
        self.assertEqual(
            (sms.partner_id, sms.state), (self.member_b.partner_id, "queued")
        )
        # nothing went to the provider inside the request
        self.assertEqual(self.sandbox.requests, [])
