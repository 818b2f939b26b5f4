from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..rules.meetings import notice_ok, quorum_ok, resolution_passed
from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestMeetingRules(TransactionCase):
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
        meeting = self.meeting(meeting_type="routine")
        self.assertEqual(meeting.period, "2026-Q1")

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
        self.assertEqual(meeting.contact_status(), (False, True))
        self.env["hoa.contact"].create(
            {
                "community_id": self.estate_a.id,
                "date": date(2026, 2, 10),
                "user_id": self.manager_a.id,
                "member_ids": [Command.set(self.committee_a.member_ids[0].ids)],
                "summary": "电话沟通",
            }
        )
        self.assertEqual(meeting.contact_status(), (True, True))

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


@tagged("post_install", "-at_install")
class TestSpecialMeetings(MeetingCase):
    def test_notice_boundary_on_the_model(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        meeting.notice_date = date(2026, 3, 15)  # exactly 5 days before
        self.assertTrue(meeting.notice_ok)
        meeting.notice_date = date(2026, 3, 16)  # 4 days
        self.assertFalse(meeting.notice_ok)
        self.env.company.hoa_meeting_notice_days = 4
        self.assertTrue(meeting.notice_ok)

    def test_send_notice_emails_every_member(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        self.committee_a.member_ids[4].partner_id.email = False
        with freeze_time("2026-03-14"):
            meeting.with_context(force_report_rendering=True).action_send_notice()
        self.assertEqual(meeting.state, "notified")
        self.assertEqual(meeting.notice_date, date(2026, 3, 14))
        self.assertTrue(meeting.notice_ok)
        sent = meeting.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(sent.partner_ids, self.committee_a.member_ids[:4].partner_id)
        self.assertTrue(all(m.attachment_ids for m in sent))
        self.assertTrue(sent[0].attachment_ids[0].raw.startswith(b"%PDF"))
        self.assertIn(
            "deliver the notice on paper",
            meeting.message_ids[0].body + "".join(meeting.message_ids.mapped("body")),
        )

    def test_late_notice_blocks_a_resolution_unless_overridden(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        with freeze_time("2026-03-17"):
            meeting.with_context(force_report_rendering=True).action_send_notice()
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

    def test_quorum_on_the_model(self):
        meeting = self.meeting(meeting_type="special", requires_resolution=True)
        meeting.notice_date = date(2026, 3, 10)
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
        meeting.notice_date = date(2026, 3, 10)
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
            absent.action_sign()
        meeting.with_user(self.manager_a).action_sign_as_staff()
        with self.assertRaisesRegex(UserError, "already signed"):
            meeting.with_user(self.manager_a).action_sign_as_staff()
        member_lines = present.filtered("member_id")
        member_lines[:2].with_context(force_report_rendering=True).action_sign(
            method="portal", ip="10.0.0.8"
        )
        self.assertEqual(meeting.state, "held")
        with self.assertRaises(UserError):
            member_lines[2].with_user(self.staff_a).action_sign_on_paper()
        member_lines[2].with_user(self.manager_a).with_context(
            force_report_rendering=True
        ).action_sign_on_paper()
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
        with self.assertRaisesRegex(UserError, "cancel them"):
            meeting.unlink()
        draft = self.meeting()
        draft.unlink()
        self.assertFalse(draft.exists())
