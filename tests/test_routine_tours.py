from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestRoutineTours(HoaPortalCase):
    """The head runs a routine meeting and the estate's owners' assembly
    settings in the web client, in Chinese; a JSON-RPC probe of who may
    decline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马花园"
        cls.committee_a.name = "亮马花园业主委员会"
        names = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊"]
        for name, member in zip(names, cls.committee_a.member_ids, strict=True):
            member.partner_id.write({"name": name, "email": f"{member.id}@example.com"})
        cls.committee_a.member_ids[1].role = "vice_chair"
        cls.staff_a.write({"name": "李管家", "lang": "zh_CN"})
        cls.secretary = new_test_user(
            cls.env,
            "hoa_t_secretary",
            name="王秘书",
            groups="hoa_committee.group_hoa_user",
        )
        cls.estate_a.write(
            {
                "housekeeping_supervisor_id": cls.staff_a.id,
                "staff_ids": [Command.link(cls.secretary.id)],
            }
        )
        cls.manager_a.write({"name": "张经理", "lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.env.registry.clear_cache()

    def test_head_holds_a_routine_meeting_with_a_staff_secretary(self):
        self.start_tour(
            "/odoo/hoa-meetings",
            "hoa_routine_meeting_backoffice",
            login="hoa_t_manager_a",
            timeout=180,
        )
        meeting = self.env["hoa.meeting"].search(
            [("name", "=", "第四季度例行工作会议")]
        )
        self.assertEqual(meeting.state, "held")
        self.assertEqual(meeting.meeting_type, "routine")
        self.assertEqual(meeting.minutes_keeper_id, self.secretary)
        self.assertEqual(meeting.staff_absent_ids, self.staff_a)
        # the staff secretary present is not a member present
        self.assertEqual(meeting.present_member_count, 2)

    def test_head_sets_the_owners_assembly_interval(self):
        self.start_tour(
            "/odoo/hoa-estates",
            "hoa_assembly_backoffice",
            login="hoa_t_manager_a",
            timeout=180,
        )
        self.assertEqual(self.estate_a.assembly_interval_months, 6)
        self.assertEqual(self.estate_a.last_assembly_date, date(2026, 9, 1))
        self.assertEqual(self.estate_a.next_assembly_due, date(2027, 3, 1))

    def test_a_member_cannot_decline_through_json_rpc(self):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "例会",
                "committee_id": self.committee_a.id,
                "meeting_type": "routine",
            }
        )
        member = self.committee_a.member_ids[2]
        self.authenticate("hoa_t_manager_a", "hoa_t_manager_a")
        answer = self.call_kw(
            "hoa.meeting",
            "write",
            [meeting.ids, {"declined_by_id": member.id, "decline_reason": "不开"}],
        )
        self.assertIn("only the chair or a vice-chair", str(answer.get("error")))
        answer = self.call_kw("hoa.meeting", "action_decline", [meeting.ids])
        self.assertTrue(answer.get("error"))
        meeting.invalidate_recordset()
        self.assertFalse(meeting.declined_by_id)
        self.assertFalse(meeting.decline_reason)
        self.assertEqual(meeting.state, "draft")
