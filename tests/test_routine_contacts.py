"""Issue 17 — routine meetings and contacts: a missed routine meeting, the
reminder, held meetings counting as the mandatory contact, who may decline,
staff attendance, the minutes keeper, and the owners' assembly."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..rules.periods import add_months
from .test_meeting import MeetingCase


class RoutineCase(MeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chair = cls.committee_a.member_ids[0]
        cls.vice = cls.committee_a.member_ids[1]
        cls.vice.role = "vice_chair"
        cls.others = cls.committee_a.member_ids[2:]
        cls.manager_a.lang = "en_US"

    def held(self, start, present, meeting_type="routine", **values):
        """A meeting starting at ``start`` (UTC), held with the members
        ``present`` (and the staff)."""
        meeting = self.meeting(
            meeting_type=meeting_type, date_start=start, name="Held", **values
        )
        meeting.attendance_ids.filtered(
            lambda a: a.member_id in present or a.user_id
        ).write({"present": True})
        meeting.action_propose()
        meeting.action_hold()
        return meeting

    def status(self, day):
        return self.estate_a._mandatory_contact_status(day)[self.estate_a]

    def overdue(self, kind):
        return self.env["hoa.overdue"].search([("kind", "=", kind)])


@tagged("post_install", "-at_install")
class TestHeldMeetingIsTheContact(RoutineCase):
    def test_chair_present_on_the_periods_last_day_counts(self):
        # 2026-12-31 09:30 in Beijing: the last day of 2026-Q4
        self.held(datetime(2026, 12, 31, 1, 30), self.chair | self.others[:1])
        period, chair_ok, vice_ok = self.status(date(2026, 11, 20))
        self.assertEqual(period.label, "2026-Q4")
        self.assertTrue(chair_ok)
        self.assertFalse(vice_ok, "the vice-chair was absent")
        row = self.env["hoa.compliance"]._refresh(
            day=date(2026, 12, 31), communities=self.estate_a
        )
        q4 = row.filtered(lambda r: r.period == "2026-Q4")
        self.assertTrue(q4.chair_contact)
        self.assertFalse(q4.contacts_ok)

    def test_meeting_on_the_next_periods_first_day_does_not_count(self):
        # 2026-12-31 16:30 UTC is 2027-01-01 00:30 in Beijing: the next quarter
        self.held(datetime(2026, 12, 31, 16, 30), self.chair | self.vice)
        self.assertEqual(self.status(date(2026, 11, 20))[1:], (False, False))
        self.assertEqual(self.status(date(2027, 1, 20))[1:], (True, True))

    def test_chair_absent_or_meeting_not_held_does_not_count(self):
        self.held(datetime(2026, 11, 10, 1, 30), self.others[:2])
        self.assertEqual(self.status(date(2026, 11, 20))[1:], (False, False))
        notified = self.meeting(
            meeting_type="special", date_start=datetime(2026, 11, 12, 1, 30)
        )
        notified.attendance_ids.filtered(
            lambda a: a.member_id in self.chair | self.vice
        ).write({"present": True})
        notified.action_propose()
        self.assertEqual(self.status(date(2026, 11, 20))[1:], (False, False))
        # held, with the chair present: the contact with the chair is made
        notified.action_hold()
        self.assertEqual(self.status(date(2026, 11, 20))[1:], (True, True))

    def test_special_meeting_clears_the_contact_warning_of_a_declined_one(self):
        routine = self.meeting(
            meeting_type="routine", date_start=datetime(2026, 10, 20, 1, 30)
        )
        routine.action_propose()
        routine.write({"declined_by_id": self.chair.id, "decline_reason": "电话沟通"})
        routine.action_decline()
        self.assertTrue(routine.contact_required)
        self.held(
            datetime(2026, 11, 10, 1, 30),
            self.chair | self.vice,
            meeting_type="special",
        )
        routine.invalidate_recordset(["contact_required"])
        self.assertFalse(routine.contact_required)


@tagged("post_install", "-at_install")
class TestDecline(RoutineCase):
    def test_a_member_cannot_decline(self):
        meeting = self.meeting(meeting_type="routine")
        meeting.action_propose()
        # Odoo's assertRaises rolls the refused write back (a savepoint)
        with self.assertRaises(ValidationError) as refused:
            meeting.write(
                {"declined_by_id": self.others[0].id, "decline_reason": "不需要"}
            )
        self.assertIn("only the chair or a vice-chair", str(refused.exception))
        self.assertFalse(meeting.declined_by_id)
        self.assertEqual(meeting.state, "proposed")
        # the field's own domain offers only the chair and the vice-chair
        domain = meeting._fields["declined_by_id"].domain
        self.assertIn("chair", domain)
        offered = self.env["hoa.committee.member"].search(
            [
                ("committee_id", "=", self.committee_a.id),
                ("active", "=", True),
                ("role", "in", ("chair", "vice_chair")),
            ]
        )
        self.assertEqual(offered, self.chair | self.vice)
        # the vice-chair may
        meeting.write({"declined_by_id": self.vice.id, "decline_reason": "电话沟通"})
        meeting.action_decline()
        self.assertEqual(meeting.state, "declined")

    def test_a_demoted_chair_no_longer_declines(self):
        meeting = self.meeting(meeting_type="routine")
        meeting.action_propose()
        meeting.write({"declined_by_id": self.vice.id, "decline_reason": "电话沟通"})
        self.vice.role = "member"
        with self.assertRaises(ValidationError) as refused:
            meeting.action_decline()
        self.assertIn("only the chair or a vice-chair", str(refused.exception))
        self.assertEqual(meeting.state, "proposed")


@tagged("post_install", "-at_install")
class TestStaffAttendance(RoutineCase):
    def test_absent_supervisor_is_flagged_once_held(self):
        customer = new_test_user(
            self.env, "hoa_t_customer_sup", groups="hoa_committee.group_hoa_user"
        )
        self.estate_a.customer_supervisor_id = customer
        meeting = self.meeting(meeting_type="routine")
        self.assertIn(customer, meeting.attendance_ids.user_id)
        meeting.attendance_ids.filtered(
            lambda a: a.member_id in self.chair | self.vice or a.user_id != customer
        ).write({"present": True})
        self.assertFalse(meeting.staff_absent_ids, "not held yet")
        meeting.action_propose()
        meeting.action_hold()
        self.assertEqual(meeting.staff_absent_ids, customer)
        listed = self.Meeting.search([("staff_absent_ids", "!=", False)])
        self.assertIn(meeting, listed)
        # attendance corrected before the minutes are signed: no longer flagged
        meeting.attendance_ids.filtered(lambda a: a.user_id == customer).present = True
        self.assertFalse(meeting.staff_absent_ids)

    def test_a_required_supervisor_missing_from_the_list_is_absent(self):
        meeting = self.held(datetime(2026, 11, 10, 1, 30), self.chair | self.vice)
        engineer = new_test_user(
            self.env, "hoa_t_engineer_sup", groups="hoa_committee.group_hoa_user"
        )
        self.estate_a.engineering_supervisor_id = engineer
        self.assertEqual(meeting.staff_absent_ids, engineer)


@tagged("post_install", "-at_install")
class TestMinutesKeeper(RoutineCase):
    def test_keeper_defaults_to_housekeeping_supervisor_and_head_may_name_another(
        self,
    ):
        meeting = self.meeting(meeting_type="routine")
        self.assertEqual(meeting.minutes_keeper_id, self.staff_a)
        keeper_line = meeting.attendance_ids.filtered(
            lambda a: a.user_id == self.staff_a
        )
        self.assertTrue(keeper_line)
        self.assertFalse(keeper_line.member_id)
        special = self.meeting(meeting_type="special")
        self.assertEqual(special.minutes_keeper_id, self.staff_a)
        secretary = new_test_user(
            self.env, "hoa_t_secretary", groups="hoa_committee.group_hoa_user"
        )
        meeting.minutes_keeper_id = secretary
        self.assertIn(secretary, meeting.attendance_ids.user_id)

    def test_staff_secretary_never_counts_toward_quorum(self):
        secretary = new_test_user(
            self.env, "hoa_t_secretary", groups="hoa_committee.group_hoa_user"
        )
        meeting = self.meeting(meeting_type="routine", minutes_keeper_id=secretary.id)
        # the secretary the head names attends as staff, never as a member
        line = meeting.attendance_ids.filtered(lambda a: a.user_id == secretary)
        self.assertTrue(line)
        self.assertFalse(line.member_id)
        meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.chair or a.user_id
        ).write({"present": True})
        # one member and the staff secretary present: not two members
        self.assertEqual(meeting.present_member_count, 1)
        self.assertEqual(meeting.member_count, 5)
        self.assertFalse(meeting.quorum_ok)
        meeting.action_propose()
        with self.assertRaises(UserError):
            meeting.action_hold()
        self.assertEqual(meeting.state, "proposed")
        # a committee member in the 'secretary' role counts, as a member
        self.others[0].role = "secretary"
        meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.others[0]
        ).present = True
        self.assertEqual(meeting.present_member_count, 2)
        self.assertTrue(meeting.quorum_ok)
        self.assertEqual(self.committee_a.member_count, 5)


@tagged("post_install", "-at_install")
class TestRoutineShortfall(RoutineCase):
    def test_not_held_on_the_periods_last_day_is_overdue_the_next(self):
        meeting = self.meeting(meeting_type="routine", period="2026-Q3")
        meeting.action_propose()
        self.assertEqual(meeting.period_end, date(2026, 9, 30))
        # 23:00 of 30 September in Beijing: the period's last day
        with freeze_time("2026-09-30 15:00:00"):
            self.assertNotIn(
                meeting.id, self.overdue("routine_missed").mapped("res_id")
            )
        # 01:00 of 1 October in Beijing: missed
        with freeze_time("2026-09-30 17:00:00"):
            row = self.overdue("routine_missed").filtered(
                lambda r: r.res_id == meeting.id
            )
            self.assertEqual(row.deadline, date(2026, 9, 30))
            self.assertEqual(row.community_id, self.estate_a)
        # held (late): no longer a shortfall
        meeting.attendance_ids.filtered(
            lambda a: a.member_id in self.chair | self.vice
        ).write({"present": True})
        meeting.action_hold()
        with freeze_time("2026-10-10"):
            self.assertNotIn(
                meeting.id, self.overdue("routine_missed").mapped("res_id")
            )

    def test_compliance_counts_a_missed_meeting(self):
        self.meeting(meeting_type="routine", period="2026-Q3")
        Compliance = self.env["hoa.compliance"]
        rows = Compliance._refresh(day=date(2026, 9, 30), communities=self.estate_a)
        q3 = rows.filtered(lambda r: r.period == "2026-Q3")
        self.assertFalse(q3.meeting_missed, "the period is not over")
        issues = q3.issues
        Compliance._refresh(day=date(2026, 10, 1), communities=self.estate_a)
        self.assertTrue(q3.meeting_missed)
        # the meeting, and the contacts not made (pending until the period's
        # last day): both missed once it is over
        self.assertEqual(q3.contacts_status, "missed")
        self.assertEqual(q3.issues, issues + 2)


@tagged("post_install", "-at_install")
class TestRoutineReminder(RoutineCase):
    def reminders(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hoa.meeting"),
                ("summary", "ilike", "not held yet"),
                ("user_id", "=", self.manager_a.id),
            ]
        )

    def mails(self, meeting):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "hoa.meeting"),
                ("res_id", "=", meeting.id),
                ("subject", "ilike", "the routine meeting of"),
            ]
        )

    def test_reminder_from_n_days_before_the_end_once(self):
        with freeze_time("2026-12-20 12:00:00"):  # 11 days before 31 December
            self.Meeting._cron_remind_routine_meetings()
        self.assertFalse(self.reminders())
        with freeze_time("2026-12-21 12:00:00"):  # 10 days before
            self.Meeting._cron_remind_routine_meetings()
            self.Meeting._cron_remind_routine_meetings()
        activity = self.reminders()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 12, 31))
        meeting = self.Meeting.browse(activity.res_id)
        self.assertEqual(meeting.period, "2026-Q4")
        mail = self.mails(meeting)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.manager_a.partner_id)
        self.assertIn("2026-Q4", mail.subject)

    def test_no_reminder_when_scheduled(self):
        meeting = self.meeting(
            meeting_type="routine",
            period="2026-Q4",
            date_start=datetime(2026, 12, 29, 1, 30),
        )
        meeting.action_propose()
        with freeze_time("2026-12-22 12:00:00"):
            self.Meeting._cron_remind_routine_meetings()
        self.assertFalse(self.reminders())
        self.assertFalse(self.mails(meeting))
        # the scheduled meeting is cancelled: the head is reminded after all
        meeting.action_cancel()
        with freeze_time("2026-12-23 12:00:00"):
            self.Meeting._cron_remind_routine_meetings()
        self.assertEqual(len(self.reminders()), 1)


@tagged("post_install", "-at_install")
class TestOwnersAssembly(RoutineCase):
    def test_add_months_boundaries(self):
        self.assertEqual(add_months(date(2026, 3, 15), 12), date(2027, 3, 15))
        self.assertEqual(add_months(date(2028, 2, 29), 12), date(2029, 2, 28))
        self.assertEqual(add_months(date(2026, 8, 31), 6), date(2027, 2, 28))
        self.assertEqual(add_months(date(2026, 11, 30), 3), date(2027, 2, 28))

    def test_last_assembly_from_held_meetings_or_entered(self):
        # no assembly yet: counted from the committee's election (2025-03-01)
        self.assertEqual(self.estate_a.next_assembly_due, date(2026, 3, 1))
        self.held(
            datetime(2026, 6, 20, 1, 30),
            self.chair | self.vice,
            meeting_type="assembly",
        )
        self.assertEqual(self.estate_a.last_assembly_date, date(2026, 6, 20))
        self.assertEqual(self.estate_a.next_assembly_due, date(2027, 6, 20))
        self.estate_a.assembly_interval_months = 6
        self.assertEqual(self.estate_a.next_assembly_due, date(2026, 12, 20))
        self.estate_a.last_assembly_date = date(2026, 9, 1)
        self.assertEqual(self.estate_a.next_assembly_due, date(2027, 3, 1))
        with self.assertRaises(ValidationError):
            self.estate_a.assembly_interval_months = 0

    def test_overdue_after_the_due_day(self):
        self.estate_a.last_assembly_date = date(2025, 11, 30)
        self.assertEqual(self.estate_a.next_assembly_due, date(2026, 11, 30))
        with freeze_time("2026-11-30 12:00:00"):  # the due day itself
            self.assertNotIn(
                self.estate_a.id, self.overdue("assembly").mapped("res_id")
            )
        with freeze_time("2026-12-01 12:00:00"):
            row = self.overdue("assembly").filtered(
                lambda r: r.res_id == self.estate_a.id
            )
            self.assertEqual(row.user_id, self.manager_a)
            self.assertEqual(row.res_model, "hoa.community")

    def test_reminder_thirty_days_before_once(self):
        self.estate_a.last_assembly_date = date(2026, 1, 31)
        self.assertEqual(self.estate_a.next_assembly_due, date(2027, 1, 31))
        Community = self.env["hoa.community"]
        with freeze_time("2026-12-31 12:00:00"):  # 31 days before
            Community._cron_remind_assembly()
        self.assertFalse(self.estate_a.activity_ids)
        with freeze_time("2027-01-01 12:00:00"):  # 30 days before
            Community._cron_remind_assembly()
            Community._cron_remind_assembly()
        activity = self.estate_a.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertEqual(activity.date_deadline, date(2027, 1, 31))
        self.assertIn("assembly", activity.summary)
