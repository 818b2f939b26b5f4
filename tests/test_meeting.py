from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from ..rules.meetings import notice_ok, quorum_ok, resolution_passed
from .common import SCAN, HoaCommitteeCase, HoaTransactionCase, serve_notice_in_time
from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestMeetingRules(HoaTransactionCase):
    def test_quorum_and_passing_against_brute_force(self):
        for members in range(3, 12):
            for present in range(members + 1):
                # brute force: count heads, no division
                expected_quorum = present * 2 > members
                self.assertEqual(quorum_ok(members, present, True), expected_quorum)
                self.assertEqual(quorum_ok(members, present, False), present >= 2)
                for agree in range(present + 1):
                    expected = expected_quorum and agree * 2 > members
                    self.assertEqual(
                        resolution_passed(members, present, agree), expected
                    )

    def test_boundaries_for_5_7_9(self):
        self.assertTrue(quorum_ok(5, 3, True))
        self.assertFalse(quorum_ok(5, 2, True))
        self.assertTrue(quorum_ok(7, 4, True))
        self.assertFalse(quorum_ok(7, 3, True))
        self.assertTrue(quorum_ok(9, 5, True))
        self.assertFalse(quorum_ok(9, 4, True))
        # 3 of 7 agreeing does not pass, even if only 5 attend
        self.assertFalse(resolution_passed(7, 5, 3))
        self.assertTrue(resolution_passed(7, 5, 4))
        self.assertFalse(resolution_passed(9, 5, 4))
        self.assertTrue(resolution_passed(9, 5, 5))
        # no quorum, no resolution, whatever the votes
        self.assertFalse(resolution_passed(7, 3, 3))

    def test_notice_five_days_before(self):
        meeting = date(2026, 3, 20)
        self.assertTrue(notice_ok(date(2026, 3, 15), meeting, 5))
        self.assertFalse(notice_ok(date(2026, 3, 16), meeting, 5))
        self.assertFalse(notice_ok(None, meeting, 5))


class MeetingCase(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["hoa.meeting"]
        cls.estate_a.write(
            {
                "housekeeping_supervisor_id": cls.staff_a.id,
                "engineering_supervisor_id": False,
            }
        )
        for i, member in enumerate(cls.committee_a.member_ids):
            member.partner_id.email = f"member{i}@example.com"

    def meeting(self, **values):
        return self.Meeting.create(
            {
                "name": "Meeting",
                "committee_id": self.committee_a.id,
                "date_start": datetime(2026, 3, 20, 1, 30),  # 9:30 in Beijing
                "location": "物业服务中心会议室",
                **values,
            }
        )

    def mark_present(self, meeting, count, staff=True):
        members = meeting.attendance_ids.filtered("member_id")
        for line in members[:count]:
            line.present = True
        if staff:
            meeting.attendance_ids.filtered("user_id").write({"present": True})


@tagged("post_install", "-at_install")
class TestRoutineMeetings(MeetingCase):
    def test_proposal_deadline_for_both_cadences(self):
        quarterly = self.meeting(period="2026-Q4", meeting_type="routine")
        self.assertEqual(quarterly.proposal_deadline, date(2026, 10, 15))
        self.estate_a.meeting_cadence = "monthly"
        monthly = self.meeting(period="2026-11", meeting_type="routine")
        self.assertEqual(monthly.proposal_deadline, date(2026, 11, 5))
        self.env.company.hoa_routine_month_day = 8
        self.assertEqual(monthly.proposal_deadline, date(2026, 11, 8))

    def test_period_follows_the_date(self):
        with freeze_time("2026-01-05"):
            form = Form(self.Meeting)
            form.name = "例会"
            form.committee_id = self.committee_a
            form.meeting_type = "routine"
            form.location = "会议室"
            form.date_start = datetime(2026, 3, 20, 1, 30)
            self.assertEqual(form.period, "2026-Q1")
            # 31 March at 17:00 UTC is already 1 April in Beijing
            form.date_start = datetime(2026, 3, 31, 17, 0)
            self.assertEqual(form.period, "2026-Q2")
            form.date_start = datetime(2026, 7, 10, 1, 30)
            self.assertEqual(form.period, "2026-Q3")
            meeting = form.save()
        self.assertEqual(meeting.period, "2026-Q3")
        # saved, it is the meeting of the third quarter, even when held late
        meeting.date_start = datetime(2026, 10, 9, 1, 30)
        self.assertEqual(meeting.period, "2026-Q3")
        self.estate_a.meeting_cadence = "monthly"
        self.assertEqual(
            self.meeting(
                meeting_type="routine", date_start=datetime(2026, 5, 31, 16)
            ).period,
            "2026-06",
        )

    def test_staff_attendance_proposed(self):
        meeting = self.meeting(meeting_type="routine")
        self.assertEqual(meeting.attendance_ids.user_id, self.manager_a | self.staff_a)
        self.assertEqual(meeting.attendance_ids.member_id, self.committee_a.member_ids)
        special = self.meeting(meeting_type="special")
        self.assertEqual(special.attendance_ids.user_id, self.manager_a)

    def test_cron_prepares_each_period_once(self):
        self.env["hoa.inquiry"].create(
            {"community_id": self.estate_a.id, "subject": "Lift 3 stops between floors"}
        )
        with freeze_time("2026-12-05"):
            self.Meeting._cron_prepare_routine_meetings()
            self.Meeting._cron_prepare_routine_meetings()
        meetings = self.Meeting.search(
            [
                ("committee_id", "=", self.committee_a.id),
                ("meeting_type", "=", "routine"),
            ]
        )
        # current quarter, and the next one as it starts within 30 days
        self.assertEqual(sorted(meetings.mapped("period")), ["2026-Q4", "2027-Q1"])
        q1 = meetings.filtered(lambda m: m.period == "2027-Q1")
        self.assertIn("Lift 3 stops between floors", q1.agenda)
        self.assertEqual(q1.activity_ids.user_id, self.manager_a)
        self.assertEqual(q1.activity_ids.date_deadline, date(2027, 1, 15))

    def test_open_action_items_roll_into_the_next_agenda(self):
        old = self.meeting(meeting_type="routine")
        self.env["hoa.meeting.action"].create(
            {
                "meeting_id": old.id,
                "name": "Repaint the bicycle shed",
                "user_id": self.staff_a.id,
            }
        )
        with freeze_time("2026-12-05"):
            self.Meeting._cron_prepare_routine_meetings()
        new = self.Meeting.search(
            [("period", "=", "2027-Q1"), ("committee_id", "=", self.committee_a.id)]
        )
        self.assertIn("Repaint the bicycle shed", new.agenda)

    def test_decline_path(self):
        self.manager_a.lang = "en_US"  # the activity is in the head's language
        meeting = self.meeting(meeting_type="routine")
        meeting.action_propose()
        with self.assertRaisesRegex(UserError, "who declined"):
            meeting.action_decline()
        meeting.write(
            {
                "declined_by_id": self.committee_a.member_ids[0].id,
                "decline_reason": "本季度无重要事项，电话沟通即可。",
            }
        )
        meeting.action_decline()
        self.assertEqual(meeting.state, "declined")
        self.assertTrue(meeting.contact_required)
        self.assertIn("declined the meeting", meeting.message_ids[0].body)
        activity = meeting.activity_ids.filtered(lambda a: "vice-chair" in a.summary)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertEqual(meeting._contact_status(), (False, True))
        self.env["hoa.contact"].create(
            {
                "community_id": self.estate_a.id,
                "date": date(2026, 2, 10),
                "user_id": self.manager_a.id,
                "member_ids": [Command.set(self.committee_a.member_ids[0].ids)],
                "summary": "电话沟通",
            }
        )
        self.assertEqual(meeting._contact_status(), (True, True))

    def test_half_year_meeting_once(self):
        with freeze_time("2026-06-10"):
            self.Meeting._cron_prepare_half_year_meetings()
            self.Meeting._cron_prepare_half_year_meetings()
        meetings = self.Meeting.search(
            [
                ("committee_id", "=", self.committee_a.id),
                ("meeting_type", "=", "half_year"),
            ]
        )
        self.assertEqual(len(meetings), 1)
        self.assertEqual(meetings.period, "2026-H1")
        self.assertIn(self.leader_1, meetings.activity_ids.user_id)
        with freeze_time("2026-07-10"):
            self.Meeting._cron_prepare_half_year_meetings()
        self.assertEqual(
            self.Meeting.search_count(
                [
                    ("meeting_type", "=", "half_year"),
                    ("committee_id", "=", self.committee_a.id),
                ]
            ),
            1,
        )

    @property
    def committees(self):
        return self.committee_a | self.committee_b | self.committee_c

    def _prepared(self):
        meetings = self.Meeting.with_context(active_test=False).search(
            [
                ("meeting_type", "in", ("routine", "half_year")),
                ("committee_id", "in", self.committees.ids),
            ]
        )
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "hoa.meeting"), ("res_id", "in", meetings.ids)]
        )
        return meetings, activities

    def test_second_run_the_same_day_creates_nothing(self):
        with freeze_time("2026-12-22"):
            self.Meeting._cron_prepare_routine_meetings()
            self.Meeting._cron_prepare_half_year_meetings()
            meetings, activities = self._prepared()
            # a visit to each estate; two routine meetings for the one with
            # a head; each meeting with its activities
            self.assertEqual(len(meetings), 5)
            self.assertEqual(meetings.committee_id, self.committees)
            self.assertTrue(activities)
            self.assertEqual(set(activities.mapped("res_id")), set(meetings.ids))
            self.Meeting._cron_prepare_routine_meetings()
            self.Meeting._cron_prepare_half_year_meetings()
            self.assertEqual(self._prepared(), (meetings, activities))

    def test_one_bad_estate_does_not_stop_the_batch(self):
        create = type(self.Meeting).create
        bad = self.committee_a

        def failing_create(model, vals_list):
            vals_list = [vals_list] if isinstance(vals_list, dict) else vals_list
            if any(vals.get("committee_id") == bad.id for vals in vals_list):
                raise ValueError("broken estate")
            return create(model, vals_list)

        with (
            freeze_time("2026-12-22"),
            patch.object(type(self.Meeting), "create", failing_create),
            self.assertLogs("odoo.addons.hoa_committee.models.hoa_meeting", "ERROR"),
        ):
            self.Meeting._cron_prepare_routine_meetings()
            self.Meeting._cron_prepare_half_year_meetings()
        meetings, activities = self._prepared()
        # the other estates' visits are prepared all the same
        self.assertEqual(meetings.committee_id, self.committee_b | self.committee_c)
        self.assertEqual(len(meetings), 2)
        self.assertEqual(set(activities.mapped("res_id")), set(meetings.ids))


@tagged("post_install", "-at_install")
class TestSpecialMeetings(MeetingCase):
    def test_notice_boundary_on_the_model(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        meeting.notice_date = date(2026, 3, 10)
        # a date typed on the meeting proves nobody received the notice
        self.assertFalse(meeting.notice_ok)
        receipts = serve_notice_in_time(meeting, date(2026, 3, 15))  # 5 days before
        self.assertTrue(meeting.notice_ok)
        receipts[-1]._set_state({"served_date": date(2026, 3, 16)})  # one: 4 days
        self.assertFalse(meeting.notice_ok)
        self.env.company.hoa_meeting_notice_days = 4
        self.assertTrue(meeting.notice_ok)

    def test_late_notice_blocks_a_resolution_unless_overridden(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        with freeze_time("2026-03-17"):
            action = meeting.with_context(
                force_report_rendering=True
            ).action_send_notice()
            # late: the head confirms in a dialog that says what it means
            self.assertEqual(action["res_model"], "hoa.meeting.notice.wizard")
            self.assertEqual(meeting.state, "draft")
            wizard = Form(
                self.env["hoa.meeting.notice.wizard"].with_context(**action["context"])
            ).save()
            self.assertEqual(wizard.notice_days, 5)
            self.assertIn(meeting.reference, wizard.late_names)
            wizard.with_context(force_report_rendering=True).action_send()
        self.assertEqual(meeting.state, "notified")
        self.assertFalse(meeting.notice_ok)
        self.mark_present(meeting, 4)
        with self.assertRaisesRegex(UserError, "cannot take a resolution"):
            meeting.action_hold()
        with self.assertRaisesRegex(ValidationError, "Only a service-centre head"):
            meeting.with_user(self.staff_a).notice_override_reason = "urgent"
        meeting.with_user(
            self.manager_a
        ).notice_override_reason = "外墙脱落危及安全，须紧急决定。"
        meeting.action_hold()
        self.assertEqual(meeting.state, "held")

    def test_notice_in_time_is_sent_without_a_question(self):
        meeting = self.meeting(meeting_type="special")
        with freeze_time("2026-03-15"):  # exactly 5 days before
            result = meeting.with_context(
                force_report_rendering=True
            ).action_send_notice()
        self.assertIs(result, True)
        self.assertEqual(meeting.state, "notified")

    def test_quorum_warning_only_once_attendance_is_taken(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        meeting.action_propose()
        self.assertFalse(meeting.quorum_ok)
        self.assertFalse(meeting.quorum_warning, "nothing recorded yet")
        self.mark_present(meeting, 2)
        self.assertTrue(meeting.quorum_warning, "2 of 5 recorded as present")
        self.mark_present(meeting, 3)
        self.assertFalse(meeting.quorum_warning)

    def test_quorum_on_the_model(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        serve_notice_in_time(meeting)
        meeting.action_propose()
        self.mark_present(meeting, 2)  # 2 of 5
        self.assertFalse(meeting.quorum_ok)
        with self.assertRaisesRegex(UserError, "more than half"):
            meeting.action_hold()
        self.mark_present(meeting, 3)
        self.assertTrue(meeting.quorum_ok)
        # without a resolution two members are enough, one is not
        routine = self.meeting(meeting_type="routine")
        routine.action_propose()
        self.mark_present(routine, 1)
        with self.assertRaisesRegex(UserError, "at least 2"):
            routine.action_hold()
        self.mark_present(routine, 2)
        routine.action_hold()


@tagged("post_install", "-at_install")
class TestMinutesAndResolutions(MeetingCase):
    def held_meeting(self, present=3):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        serve_notice_in_time(meeting)
        meeting.action_propose()
        self.mark_present(meeting, present)
        meeting.action_hold()
        meeting.minutes = "<p>讨论3号楼外墙维修方案。</p>"
        return meeting

    def test_resolution_needs_more_than_half_of_all_members(self):
        meeting = self.held_meeting(present=3)  # 3 of 5 present
        resolution = self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "同意使用维修资金186,000元维修3号楼外墙"}
        )
        votes = resolution.vote_ids
        self.assertEqual(len(votes), 5)
        self.assertEqual(
            votes.filtered(lambda v: v.vote == "absent").member_id,
            self.committee_a.member_ids[3:],
        )
        present_votes = votes.filtered(lambda v: v.vote != "absent")
        present_votes[:2].vote = "agree"
        self.assertFalse(
            resolution.passed, "2 of 5 is not more than half of all members"
        )
        present_votes[2].vote = "agree"
        self.assertTrue(resolution.passed)
        with self.assertRaisesRegex(ValidationError, "was absent"):
            votes.filtered(lambda v: v.vote == "absent")[0].vote = "agree"

    def sign_on_paper(self, line):
        action = line.with_user(self.manager_a).action_open_paper_sign()
        wizard = (
            self.env["hoa.meeting.paper.sign.wizard"]
            .with_user(self.manager_a)
            .with_context(**action["context"], force_report_rendering=True)
            .create({"scan": SCAN, "scan_name": "签字页.png"})
        )
        wizard.action_sign()

    def test_signatures_freeze_and_archive(self):
        meeting = self.held_meeting(present=3)
        resolution = self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "决议一"}
        )
        resolution.vote_ids.filtered(lambda v: v.vote != "absent").write(
            {"vote": "agree"}
        )
        present = meeting.attendance_ids.filtered("present")
        self.assertEqual(len(present), 4)  # 3 members and the head
        absent = meeting.attendance_ids.filtered(lambda a: not a.present)[0]
        with self.assertRaisesRegex(UserError, "not present"):
            absent._sign()
        meeting.with_user(self.manager_a).action_sign_as_staff()
        with self.assertRaisesRegex(UserError, "already signed"):
            meeting.with_user(self.manager_a).action_sign_as_staff()
        member_lines = present.filtered("member_id")
        member_lines[:2].with_context(force_report_rendering=True)._sign(
            method="portal", ip="10.0.0.8"
        )
        self.assertEqual(meeting.state, "held")
        with self.assertRaises(UserError):
            member_lines[2].with_user(self.staff_a)._sign_on_paper()
        self.sign_on_paper(member_lines[2])
        self.assertEqual(meeting.state, "signed")
        self.assertTrue(meeting.signed_date)
        archived = meeting.message_ids.filtered(lambda m: "archived" in (m.body or ""))
        self.assertTrue(archived.attachment_ids.raw.startswith(b"%PDF"))
        self.assertIn("10.0.0.8", "".join(meeting.message_ids.mapped("body")))
        # frozen: minutes, resolutions, votes and attendance
        with self.assertRaisesRegex(UserError, "signed"):
            meeting.minutes = "<p>篡改</p>"
        with self.assertRaisesRegex(UserError, "signed"):
            resolution.name = "篡改"
        with self.assertRaisesRegex(UserError, "signed"):
            resolution.vote_ids[0].vote = "oppose"
        with self.assertRaisesRegex(UserError, "signed"):
            absent.present = True
        with self.assertRaisesRegex(UserError, "signed"):
            self.env["hoa.meeting.resolution"].create(
                {"meeting_id": meeting.id, "name": "x"}
            )
        resolution.action_publish()
        self.assertTrue(resolution.published_date)

    def test_calendar_follows_the_meeting(self):
        meeting = self.meeting(meeting_type="routine")
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, datetime(2026, 3, 20, 1, 30))
        self.assertIn(self.manager_a.partner_id, event.partner_ids)
        self.assertIn(self.committee_a.member_ids[0].partner_id, event.partner_ids)
        meeting.write(
            {"date_start": datetime(2026, 3, 21, 6, 0), "location": "会所二楼"}
        )
        self.assertEqual(event.start, datetime(2026, 3, 21, 6, 0))
        self.assertEqual(event.location, "会所二楼")
        meeting.action_cancel()
        self.assertFalse(event.active)

    def test_pdfs_render(self):
        meeting = self.held_meeting(present=3)
        self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "决议一"}
        )
        for xmlid in (
            "hoa_committee.action_report_meeting_notice",
            "hoa_committee.action_report_meeting_minutes",
            "hoa_committee.action_report_meeting_resolutions",
        ):
            report = self.env.ref(xmlid)
            html = report._render_qweb_html(report.report_name, meeting.ids)[0].decode()
            self.assertIn(meeting.reference, html)
            pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
                report.report_name, meeting.ids
            )
            self.assertTrue(pdf.startswith(b"%PDF"), xmlid)

    def test_proposed_meetings_are_not_deleted(self):
        meeting = self.meeting()
        meeting.action_propose()
        with self.assertRaisesRegex(UserError, "never deleted"):
            meeting.unlink()
        draft = self.meeting()
        draft.unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestSignedMinutesFreeze(MeetingCase):
    """From the first signature, every change path of the minutes and what
    they cover is refused; a head may void the signatures with a reason."""

    def setUp(self):
        super().setUp()
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        serve_notice_in_time(meeting)
        meeting.action_propose()
        self.mark_present(meeting, 3)
        meeting.action_hold()
        meeting.minutes = "<p>同意维修3号楼外墙。</p>"
        self.resolution = self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "决议一"}
        )
        self.action = self.env["hoa.meeting.action"].create(
            {"meeting_id": meeting.id, "name": "报价比选", "user_id": self.staff_a.id}
        )
        self.material = self.env["ir.attachment"].create(
            {
                "name": "方案.pdf",
                "raw": b"plan",
                "res_model": "hoa.meeting",
                "res_id": meeting.id,
            }
        )
        meeting.material_ids = self.material
        self.meeting = meeting
        # the chair signs first (from the portal)
        self.chair_line = meeting.attendance_ids.filtered(
            lambda a: a.member_id.role == "chair"
        )
        self.chair_line._sign(method="portal", ip="10.0.0.8")

    def assertFrozen(self, change):
        with self.assertRaisesRegex(UserError, "signed the minutes"):
            change()

    def test_every_change_path_is_refused_after_the_first_signature(self):
        meeting = self.meeting
        absent = meeting.attendance_ids.filtered(lambda a: not a.present)[0]
        vote = self.resolution.vote_ids[0]
        self.assertFrozen(lambda: meeting.write({"minutes": "<p>加一句</p>"}))
        self.assertFrozen(lambda: meeting.write({"location": "会所"}))
        self.assertFrozen(lambda: meeting.write({"state": "notified"}))
        self.assertFrozen(meeting.unlink)
        self.assertFrozen(lambda: absent.write({"present": True}))
        self.assertFrozen(absent.unlink)
        self.assertFrozen(
            lambda: self.env["hoa.meeting.attendance"].create(
                {"meeting_id": meeting.id, "user_id": self.leader_1.id}
            )
        )
        self.assertFrozen(lambda: self.resolution.write({"name": "篡改"}))
        self.assertFrozen(self.resolution.unlink)
        self.assertFrozen(
            lambda: self.env["hoa.meeting.resolution"].create(
                {"meeting_id": meeting.id, "name": "追加决议"}
            )
        )
        self.assertFrozen(lambda: vote.write({"vote": "oppose"}))
        self.assertFrozen(vote.unlink)
        self.assertFrozen(
            lambda: self.env["hoa.meeting.vote"].create(
                {
                    "resolution_id": self.resolution.id,
                    "member_id": vote.member_id.id,
                    "vote": "agree",
                }
            )
        )
        self.assertFrozen(lambda: self.action.write({"name": "改了"}))
        self.assertFrozen(self.action.unlink)
        self.assertFrozen(
            lambda: self.env["hoa.meeting.action"].create(
                {"meeting_id": meeting.id, "name": "追加"}
            )
        )
        self.assertFrozen(lambda: self.material.write({"raw": b"other plan"}))
        self.assertFrozen(self.material.unlink)
        # through the form: the x2many commands on the meeting
        self.assertFrozen(
            lambda: meeting.write(
                {"attendance_ids": [Command.update(absent.id, {"present": True})]}
            )
        )
        self.assertEqual(meeting.minutes, "<p>同意维修3号楼外墙。</p>")
        # signatures are given, never edited
        with self.assertRaisesRegex(UserError, "only through its buttons"):
            self.chair_line.signed_ip = "10.9.9.9"
        # what follows the meeting still moves: the action item gets done,
        # the others sign
        self.action.action_done()
        self.assertEqual(self.action.state, "done")
        meeting.with_user(self.manager_a).action_sign_as_staff()
        self.assertEqual(meeting.signed_count, 2)

    def test_a_head_voids_the_signatures_with_a_reason(self):
        meeting = self.meeting
        with self.assertRaisesRegex(UserError, "Only a service-centre head"):
            meeting.with_user(self.staff_a)._void_signatures("笔误")
        wizard = (
            self.env["hoa.meeting.void.wizard"]
            .with_user(self.manager_a)
            .create({"meeting_id": meeting.id, "reason": "纪要漏记一条意见"})
        )
        wizard.action_void()
        self.assertFalse(self.chair_line.signed_at)
        self.assertFalse(self.chair_line.sign_method)
        note = meeting.message_ids.filtered(
            lambda m: m.message_type != "comment" and "voided" in (m.body or "")
        )
        self.assertIn("纪要漏记一条意见", note.body)
        # the members present are asked to sign again, told why
        ask = meeting.message_ids.filtered(
            lambda m: m.message_type == "comment" and "纪要漏记一条意见" in m.body
        )
        self.assertIn("The minutes were corrected", ask.body)
        self.assertEqual(
            ask.partner_ids,
            meeting.attendance_ids.filtered("present").member_id.partner_id,
        )
        # open again: the minutes are corrected, then signed again
        meeting.minutes = "<p>同意维修3号楼外墙；委员建议增加一家比选单位。</p>"
        self.chair_line._sign(method="portal")
        self.assertEqual(meeting.signed_count, 1)

    def test_signed_meeting_and_its_archived_pdf_cannot_be_voided_or_replaced(self):
        meeting = self.meeting
        present = meeting.attendance_ids.filtered(
            lambda a: a.present and not a.signed_at
        )
        present.with_context(force_report_rendering=True)._sign()
        self.assertEqual(meeting.state, "signed")
        pdf = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "hoa.meeting"),
                ("res_id", "=", meeting.id),
                ("mimetype", "=", "application/pdf"),
            ]
        )
        self.assertTrue(pdf)
        with self.assertRaisesRegex(UserError, "archived"):
            pdf.write({"raw": b"%PDF forged"})
        with self.assertRaisesRegex(UserError, "archived"):
            pdf.unlink()
        with self.assertRaisesRegex(UserError, "archived"):
            meeting.with_user(self.manager_a)._void_signatures("改纪要")

    def test_paper_signature_needs_the_scan(self):
        line = self.meeting.attendance_ids.filtered(
            lambda a: a.present and a.member_id and not a.signed_at
        )[0]
        with self.assertRaisesRegex(UserError, "scan"):
            line.with_user(self.manager_a)._sign_on_paper()
        without_scan = (
            self.env["hoa.meeting.paper.sign.wizard"]
            .with_user(self.manager_a)
            .create({"attendance_id": line.id})
        )
        with self.assertRaisesRegex(UserError, "scan"):
            without_scan.action_sign()
        self.assertFalse(line.signed_at)
        wizard = (
            self.env["hoa.meeting.paper.sign.wizard"]
            .with_user(self.manager_a)
            .create({"attendance_id": line.id, "scan": SCAN, "scan_name": "p.png"})
        )
        wizard.action_sign()
        self.assertEqual(line.sign_method, "paper")
        self.assertEqual(line.paper_scan_id.name, "p.png")
        self.assertEqual(
            (line.paper_scan_id.res_model, line.paper_scan_id.res_id),
            ("hoa.meeting", self.meeting.id),
        )
        self.assertFrozen(line.paper_scan_id.unlink)


@tagged("post_install", "-at_install")
class TestMeetingNoticeEmail(MeetingCase, MockEmail):
    """Members get the notice from an editable template, in their language,
    with the materials; whom it did not reach is said on the record."""

    def setUp(self):
        super().setUp()
        self.meeting_ = self.meeting(
            meeting_type="special",
            name="外墙维修专题会",
            agenda="<ol><li>外墙渗漏检测报告</li></ol>",
        )
        self.material = self.env["ir.attachment"].create(
            {"name": "维修方案.pdf", "raw": b"plan"}
        )
        self.meeting_.material_ids = self.material
        self.members = self.committee_a.member_ids.partner_id

    def send(self):
        """The head sends it (not an administrator)."""
        with freeze_time("2026-03-10"):
            return (
                self.meeting_.with_user(self.manager_a)
                .with_context(force_report_rendering=True)
                .action_send_notice()
            )

    def test_each_member_gets_the_notice_with_time_place_agenda_and_materials(self):
        self.env["res.lang"]._activate_lang("en_US")
        self.members[0].lang = "zh_CN"
        self.members[1:].lang = "en_US"
        # the Chinese text of the template (i18n/zh_CN.po; editable in Settings)
        template = self.env.ref("hoa_committee.mail_template_meeting_notice")
        template.with_context(lang="zh_CN").subject = "会议通知：{{ object.name }}"
        with self.mock_mail_gateway():
            self.send()
        # one email per member, and nothing else (no calendar update)
        self.assertEqual(len(self._new_mails), 5)
        self.assertEqual(self._new_mails, self.meeting_.service_ids.mail_id)
        # from the organiser, the head who sent it
        self.assertEqual(self.meeting_.user_id, self.manager_a)
        link = (
            f"/my/committee/meetings/{self.meeting_.id}?access_token="
            f"{self.meeting_.access_token}"
        )
        notice_pdf = f"Meeting notice {self.meeting_.reference}.pdf"
        for member in self.members:
            chinese = member == self.members[0]
            subject = f"{'会议通知：' if chinese else 'Meeting notice: '}外墙维修专题会"
            with self.subTest(member=member.name):
                self.assertMailMail(
                    member,
                    "sent",
                    author=self.manager_a.partner_id,
                    fields_values={
                        "subject": subject,
                        "attachments_info": [
                            {"name": "维修方案.pdf"},
                            {"name": notice_pdf},
                        ],
                    },
                )
                # the email as it leaves through the mail server
                sent = self.assertSentEmail(
                    self.manager_a.partner_id,
                    [member],
                    subject=subject,
                    attachments_info=[
                        {"name": "维修方案.pdf", "raw": b"plan"},
                        {"name": notice_pdf, "type": "application/pdf"},
                    ],
                )
                for text in (
                    "2026-03-20 09:30",  # Beijing time, not UTC
                    "物业服务中心会议室",
                    "外墙渗漏检测报告",
                    "维修方案.pdf",
                    link,
                    "确认您已收到本通知"
                    if chinese
                    else "Please confirm that you received this notice",
                ):
                    self.assertIn(text, sent["body"])
        self.assertFalse(self.meeting_.notice_undelivered)
        self.assertFalse(self.meeting_.activity_ids)

    def test_members_the_notice_did_not_reach_are_listed_with_an_activity(self):
        self.members[4].email = False
        with (
            self.mock_mail_gateway(),
            patch.object(
                type(self.env["ir.mail_server"]),
                "connect",
                side_effect=ConnectionRefusedError("no outgoing mail server"),
            ),
        ):
            self.send()
        self.assertEqual(self.meeting_.state, "notified")
        self.assertEqual(
            set(self.meeting_.service_ids.mail_id.mapped("state")), {"exception"}
        )
        undelivered = self.meeting_.notice_undelivered
        for member in self.members:
            self.assertIn(member.name, undelivered)
        activity = self.meeting_.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertIn(self.members[4].name, activity.summary)
        note = self.meeting_.message_ids.filtered(
            lambda m: "did not reach" in (m.body or "")
        )
        self.assertEqual(len(note), 1)

    def test_member_without_email_is_listed(self):
        self.members[4].email = False
        with self.mock_mail_gateway():
            self.send()
        self.assertEqual(self.meeting_.notice_undelivered, self.members[4].name)
        self.assertIn(self.members[4].name, self.meeting_.activity_ids.summary)


@tagged("post_install", "-at_install")
class TestMeetingForm(MeetingCase):
    def test_a_past_date_is_flagged_when_entered(self):
        with freeze_time("2026-03-25"):
            form = Form(self.Meeting)
            form.name = "补开会议"
            form.committee_id = self.committee_a
            with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
                form.date_start = datetime(2026, 3, 20, 1, 30)
            self.assertIn("starts in the past", logs.output[0])
            self.assertTrue(form.date_in_past)
            meeting = form.save()
            self.assertTrue(meeting.date_in_past)
            meeting.date_start = datetime(2026, 4, 2, 1, 30)
            self.assertFalse(meeting.date_in_past)

    def test_a_new_meeting_is_named_new_not_false(self):
        self.assertEqual(self.Meeting.new({}).display_name, "New Meeting")
        meeting = self.meeting(name="例会")
        self.assertEqual(meeting.display_name, f"{meeting.reference} 例会")
