from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestMeetingTours(HttpCase, HoaCommitteeCase):
    """The head runs a special meeting in the web client, in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马花园"
        cls.committee_a.name = "亮马花园业主委员会"
        names = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊"]
        for name, member in zip(names, cls.committee_a.member_ids, strict=True):
            member.partner_id.write({"name": name, "email": f"{member.id}@example.com"})
        cls.manager_a.write({"name": "张经理", "lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.env.registry.clear_cache()

    def test_head_runs_a_special_meeting(self):
        self.start_tour(
            "/odoo/hoa-meetings",
            "hoa_meeting_backoffice",
            login="hoa_t_manager_a",
            timeout=180,
        )
        meeting = self.env["hoa.meeting"].search([("name", "=", "3号楼外墙维修专题会")])
        self.assertEqual(len(meeting), 1)
        self.assertEqual(
            (meeting.community_id, meeting.committee_id, meeting.meeting_type),
            (self.estate_a, self.committee_a, "special"),
        )
        self.assertEqual(meeting.location, "物业服务中心二楼会议室")
        self.assertIn("外墙渗漏检测报告及维修方案", meeting.agenda)
        # sent late, after the head confirmed
        self.assertEqual(meeting.state, "held")
        self.assertTrue(meeting.notice_date)
        self.assertFalse(meeting.notice_ok)
        self.assertEqual(
            meeting.service_ids.mail_id.recipient_ids,
            self.committee_a.member_ids.partner_id,
        )
        self.assertIn("同意维修3号楼外墙", meeting.minutes)
        signed = meeting.attendance_ids.filtered("signed_at")
        self.assertEqual(
            {(line.name, line.sign_method) for line in signed},
            {("张经理", "web"), ("委员甲", "paper")},
        )
        scan = signed.filtered(lambda a: a.sign_method == "paper").paper_scan_id
        self.assertEqual(scan.name, "委员甲签字页.png")
        self.assertEqual((scan.res_model, scan.res_id), ("hoa.meeting", meeting.id))
        self.assertEqual(
            meeting.attendance_ids.filtered("present").mapped("name"),
            ["委员甲", "委员乙", "委员丙", "张经理"],
        )
        # and the minutes cannot be changed under the signatures
        with self.assertRaisesRegex(UserError, "signed the minutes"):
            meeting.minutes = "<p>加一句</p>"
