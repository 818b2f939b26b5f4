"""渠道: each person's ways to be reached, in their preferred order; a
mobile is a mainland number written one way; what works is derived."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..rules.backoff import next_attempt_delay
from ..rules.contact_channels import normalize_channel_mobile
from . import provider_servers as ps
from .common import HoaCommitteeCase
from .dispatch_common import configure_providers


@tagged("post_install", "-at_install")
class TestContactChannels(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = ps.ProviderSandbox().start()
        cls.addClassCleanup(cls.sandbox.stop)
        cls.person = cls.env["res.partner"].create(
            {"name": "李业主", "email": "li@example.com", "mobile": "139 0000 0009"}
        )

    def test_mobile_is_normalised_and_a_bad_one_refused(self):
        for written in (
            "13800000001",
            "138 0000 0001",
            "+86-138-0000-0001",
            "0086 13800000001",
        ):
            self.assertEqual(normalize_channel_mobile(written), "+86 13800000001")
        line = self.env["hoa.contact.channel"].create(
            {"partner_id": self.person.id, "kind": "sms", "address": "138-0000-0001"}
        )
        self.assertEqual(line.address, "+86 13800000001")
        for bad in ("12345", "23800000001", "010-12345678", ""):
            with self.assertRaises(ValidationError):
                line.with_user(self.staff_a).write({"address": bad})
        self.assertEqual(line.address, "+86 13800000001")
        with self.assertRaisesRegex(ValidationError, "mainland China mobile"):
            self.env["hoa.contact.channel"].with_user(self.staff_a).create(
                {"partner_id": self.person.id, "kind": "sms", "address": "555-0100"}
            )

    def test_defaults_without_lines_and_the_preferred_order_with_them(self):
        # no SMS provider configured (the demo company has the sandbox)
        self.env.company.sudo().hoa_sms_provider = "none"
        kinds = [c.kind for c in self.person._hoa_channels()]
        # no SMS provider configured: SMS does not work yet
        self.assertEqual(kinds, ["email", "paper"])
        configure_providers(self.env.company, self.sandbox)
        kinds = [c.kind for c in self.person._hoa_channels()]
        self.assertEqual(kinds, ["email", "sms", "paper"])
        self.person.hoa_channel_ids = [
            Command.create({"kind": "wecom", "address": "li", "sequence": 3}),
            Command.create({"kind": "sms", "address": "13900000009", "sequence": 1}),
            Command.create(
                {"kind": "email", "address": "li@example.com", "sequence": 2}
            ),
        ]
        channels = self.person._hoa_channels()
        self.assertEqual([c.kind for c in channels], ["sms", "email", "wecom", "paper"])
        self.assertEqual(channels[0].address, "+86 13900000009")
        # reordered: email first; an archived line is skipped
        self.person.hoa_channel_ids.filtered(lambda c: c.kind == "email").sequence = 0
        self.person.hoa_channel_ids.filtered(lambda c: c.kind == "wecom").active = False
        self.assertEqual(
            [c.kind for c in self.person._hoa_channels()], ["email", "sms", "paper"]
        )
        # a bounced address does not work
        self.person.message_bounce = 3
        self.assertEqual(
            [c.kind for c in self.person._hoa_channels()], ["sms", "paper"]
        )

    def test_head_edits_channels_on_the_member_card(self):
        member = self.committee_a.member_ids[0].with_user(self.manager_a)
        member.write(
            {"channel_ids": [Command.create({"kind": "sms", "address": "13700000007"})]}
        )
        self.assertEqual(
            member.partner_id.hoa_channel_ids.mapped("address"), ["+86 13700000007"]
        )

    def test_back_off(self):
        self.assertEqual(
            [next_attempt_delay(n).seconds // 60 for n in range(1, 5)], [1, 5, 15, 60]
        )
        self.assertIsNone(next_attempt_delay(5))
