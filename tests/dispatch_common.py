"""A company whose SMS (Aliyun) and WeCom go to the loopback provider
servers of ``provider_servers``, and a committee whose members are reached
by different channels."""

from datetime import datetime

from odoo import Command

from . import provider_servers as ps
from .test_service import ServiceCase


def configure_providers(company, sandbox, sms="aliyun"):
    keys = {
        "aliyun": (ps.ALIYUN_KEY_ID, ps.ALIYUN_KEY_SECRET),
        "tencent": (ps.TENCENT_SECRET_ID, ps.TENCENT_SECRET_KEY),
    }[sms]
    company.sudo().write(
        {
            "hoa_sms_provider": sms,
            "hoa_sms_access_key_id": keys[0],
            "hoa_sms_access_key_secret": keys[1],
            "hoa_sms_sign_name": "物业服务中心",
            "hoa_sms_sdk_app_id": "1400000001",
            "hoa_sms_endpoint": sandbox.endpoint,
            "hoa_wecom_corp_id": ps.WECOM_CORP_ID,
            "hoa_wecom_agent_id": "1000002",
            "hoa_wecom_secret": ps.WECOM_SECRET,
            "hoa_wecom_api_base": sandbox.endpoint,
        }
    )


def hold_queued_dispatches(env):
    """Messages the demo data queued (a database installed with demo data)
    wait until after the test: the sending job of a test sends only what the
    test queued."""
    queued = env["hoa.dispatch"].sudo().search([("state", "=", "queued")])
    for dispatch in queued:
        dispatch._set_state({"next_attempt_at": datetime(2999, 1, 1)})


class DispatchCase(ServiceCase):
    """Committee A's meeting notice: member 0 by email then SMS, member 1 by
    SMS then email, member 2 by WeCom, member 3 by email only (ServiceCase),
    member 4 by SMS only; the committee has a WeCom group robot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = ps.ProviderSandbox().start()
        cls.addClassCleanup(cls.sandbox.stop)
        configure_providers(cls.company_1, cls.sandbox)
        hold_queued_dispatches(cls.env)
        cls.template = cls.env.ref("hoa_committee.mail_template_meeting_notice")
        cls.template.write(
            {
                "hoa_sms_code": "SMS_123456789",
                "hoa_sms_params": "meeting: {{ object.name }}",
                "hoa_short_body": "会议通知：{{ object.name }}",
            }
        )

    def setUp(self):
        super().setUp()
        self.sandbox.requests.clear()
        self.sandbox._answers.clear()
        m = self.members
        self.lines = {
            0: self.channels(
                m[0], ("email", "member0@example.com"), ("sms", "13800000000")
            ),
            1: self.channels(
                m[1], ("sms", "138 0000 0001"), ("email", "member1@example.com")
            ),
            2: self.channels(m[2], ("wecom", "zhangsan")),
            4: self.channels(m[4], ("sms", "+86 138-0000-0004")),
        }
        self.committee_a.wecom_webhook_url = (
            f"{self.sandbox.endpoint}/cgi-bin/webhook/send?key={ps.WECOM_ROBOT_KEY}"
        )

    def channels(self, partner, *lines):
        partner.hoa_channel_ids = [
            Command.create({"kind": kind, "address": address, "sequence": i})
            for i, (kind, address) in enumerate(lines)
        ]
        return partner.hoa_channel_ids

    def dispatch(self, partner, channel=None):
        rows = self.meeting.dispatch_ids.filtered(lambda d: d.partner_id == partner)
        if channel:
            rows = rows.filtered(lambda d: d.channel == channel)
        return rows

    def run_cron(self):
        self.env["hoa.dispatch"]._cron_send()
