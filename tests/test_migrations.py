"""Upgrading a database installed before a version keeps what it had and
gains what the version adds."""

import importlib.util

from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import HoaTransactionCase


def _migration(version, step="post-migrate"):
    path = file_path(f"hoa_committee/migrations/{version}/{step}.py")
    spec = importlib.util.spec_from_file_location(f"hoa_{step}_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestTemplateMigration(HoaTransactionCase):
    def test_templates_of_an_older_database_gain_their_sms_fields(self):
        notice = self.env.ref("hoa_committee.mail_template_meeting_notice")
        reply = self.env.ref("hoa_committee.mail_template_inquiry_reply")
        blank = {"hoa_sms_code": False, "hoa_sms_params": False}
        blank["hoa_short_body"] = False
        # as a database of 18.0.1.5.0 has them: noupdate, without SMS fields
        notice.write(blank)
        # one an administrator already filled in
        reply.write(dict(blank, hoa_sms_code="SMS_998877"))
        _migration("18.0.1.6.0").migrate(self.env.cr, "18.0.1.5.0")
        self.assertEqual(notice.hoa_sms_code, "SMS_HOA_MEETING_NOTICE")
        self.assertIn("{{", notice.hoa_sms_params)
        self.assertTrue(notice.hoa_short_body)
        self.assertEqual(reply.hoa_sms_code, "SMS_998877")
        self.assertFalse(reply.hoa_short_body)
