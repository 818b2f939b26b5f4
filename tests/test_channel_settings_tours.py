from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged

from . import provider_servers as ps
from odoo.addons.hoa_committee import providers


@tagged("post_install", "-at_install")
class TestChannelSettingsTours(HttpCase):
    """The administrator sets up SMS in Settings, in Chinese, and sends a test
    SMS to the provider sandbox on the loopback."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = ps.ProviderSandbox(port=0).start()
        cls.addClassCleanup(cls.sandbox.stop)
        timeout = patch.object(providers.common, "TIMEOUT", 5)
        timeout.start()
        cls.addClassCleanup(timeout.stop)
        cls.admin = new_test_user(
            cls.env,
            "hoa_sms_tour_admin",
            groups="base.group_system,hoa_committee.group_hoa_admin",
            lang="zh_CN",
        )
        cls.company = cls.env.company
        cls.company.write(
            {
                "hoa_sms_provider": "none",
                "hoa_sms_access_key_id": False,
                "hoa_sms_access_key_secret": False,
                "hoa_sms_sign_name": False,
                # the sandbox's port is only known now
                "hoa_sms_endpoint": cls.sandbox.endpoint,
            }
        )

    def test_admin_sends_a_test_sms(self):
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_config_settings_action",
            "hoa_channel_settings_sms",
            login="hoa_sms_tour_admin",
        )
        company = self.company.sudo()
        self.assertEqual(company.hoa_sms_provider, "aliyun")
        self.assertEqual(company.hoa_sms_access_key_id, ps.ALIYUN_KEY_ID)
        self.assertEqual(company.hoa_sms_sign_name, "示例物业")
        [sent] = self.sandbox.sent("aliyun")
        self.assertEqual(
            (sent["phone"], sent["sign_name"], sent["template_code"], sent["params"]),
            ("13800138000", "示例物业", "SMS_465930001", {"name": "张三"}),
        )
