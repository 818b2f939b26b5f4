from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestMessageTemplateTours(HttpCase, HoaCommitteeCase):
    """The administrator edits what the members receive, in Chinese:
    Settings → 消息模板, the meeting notice's short text, its preview."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the settings are the system administrator's
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write(
            {
                "lang": "zh_CN",
                "groups_id": [
                    Command.link(cls.env.ref("hoa_committee.group_hoa_admin").id)
                ],
            }
        )
        cls.env["hoa.meeting"].create(
            {
                "name": "周例会",
                "committee_id": cls.committee_a.id,
                "meeting_type": "special",
                "date_start": datetime(2026, 12, 20, 1, 30),
                "location": "物业服务中心会议室",
            }
        )

    def test_admin_edits_and_previews_the_meeting_notice(self):
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_config_settings_action",
            "hoa_message_template_edit",
            login="admin",
        )
        template = self.env.ref("hoa_committee.mail_template_meeting_notice")
        self.assertEqual(
            template.with_context(lang="zh_CN").hoa_short_body,
            "会议{{ object.name }}的通知已发出，请在门户查看。",
        )
