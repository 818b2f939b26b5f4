from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestCommitteeConstraints(HoaCommitteeCase):
    def test_term_at_most_five_years(self):
        committee = self.create_committee(self.estate_a, 5)
        # exactly five years is allowed
        committee.write({"term_start": date(2025, 3, 3), "term_end": date(2030, 3, 3)})
        with self.assertRaisesRegex(ValidationError, "at most 5 years"):
            committee.term_end = date(2030, 3, 4)
        with self.assertRaisesRegex(ValidationError, "must end after it starts"):
            committee.term_end = date(2025, 3, 3)

    def test_term_cannot_start_before_election(self):
        with self.assertRaisesRegex(ValidationError, "before its election"):
            self.create_committee(self.estate_a, 5, election_date=date(2025, 3, 10))

    def test_member_count_on_activation(self):
        for size, message in (
            (4, "between 5 and 11"),
            (6, "must be odd"),
            (13, "between 5 and 11"),
        ):
            committee = self.create_committee(self.estate_b, size)
            with self.assertRaisesRegex(ValidationError, message):
                committee.action_activate()
            self.assertEqual(committee.state, "forming")

    def test_minimum_is_a_setting(self):
        self.env.company.hoa_committee_min_members = 3
        self.committee_b.action_expire()
        committee = self.create_committee(self.estate_b, 3)
        committee.action_activate()
        self.assertEqual(committee.state, "active")

    def test_archived_members_do_not_count(self):
        committee = self.create_committee(self.estate_b, 6)
        committee.member_ids[-1].active = False
        self.committee_b.action_expire()
        committee.action_activate()
        self.assertEqual(committee.member_count, 5)

    def test_exactly_one_chair(self):
        committee = self.create_committee(self.estate_b, 5)
        self.committee_b.action_expire()
        committee.member_ids[0].role = "vice_chair"
        with self.assertRaisesRegex(ValidationError, "exactly one chair"):
            committee.action_activate()
        committee.member_ids[0].role = "chair"
        with self.assertRaisesRegex(ValidationError, "only one chair"):
            committee.member_ids[1].role = "chair"

    def test_member_once_per_committee(self):
        committee = self.create_committee(self.estate_b, 5)
        with self.assertRaisesRegex(ValidationError, "already a member"):
            committee.member_ids = [
                Command.create({"partner_id": committee.member_ids[2].partner_id.id})
            ]

    def test_one_active_committee_per_estate(self):
        committee = self.create_committee(self.estate_a, 5)
        with self.assertRaisesRegex(ValidationError, "already has an active committee"):
            committee.action_activate()
        self.assertEqual(self.estate_a.committee_id, self.committee_a)
        self.committee_a.action_expire()
        committee.action_activate()
        self.assertEqual(self.estate_a.committee_id, committee)

    @mute_logger("odoo.sql_db")
    def test_one_active_committee_guarded_by_database(self):
        committee = self.create_committee(self.estate_a, 5)
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE hoa_committee SET state = 'active' WHERE id = %s",
                [committee.id],
            )

    def test_only_forming_committee_activates(self):
        with self.assertRaisesRegex(UserError, "Only a forming committee"):
            self.committee_a.action_activate()

    def test_active_committee_cannot_be_deleted(self):
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.committee_a.unlink()
        forming = self.create_committee(self.estate_a, 5)
        forming.unlink()
        self.assertFalse(forming.exists())

    def test_members_of_active_committee_are_archived_not_deleted(self):
        member = self.committee_a.member_ids[-1]
        with self.assertRaisesRegex(UserError, "archive the member"):
            member.unlink()
        member.active = False
        self.assertEqual(self.committee_a.member_count, 4)
        forming = self.create_committee(self.estate_a, 5)
        forming.member_ids[-1].unlink()
        self.assertEqual(len(forming.member_ids), 4)

    def test_filing_deadline_and_late_flag(self):
        committee = self.create_committee(
            self.estate_b,
            5,
            election_date=date(2026, 3, 2),
            term_start=date(2026, 3, 3),
            term_end=date(2031, 3, 2),
        )
        # 30 days after Monday 2 March 2026: Wednesday 1 April, a working day
        self.assertEqual(committee.filing_deadline, date(2026, 4, 1))
        Committee = self.env["hoa.committee"]
        with freeze_time("2026-04-01"):
            committee.invalidate_recordset(["filing_late"])
            self.assertFalse(committee.filing_late, "the deadline is today")
        with freeze_time("2026-04-02"):
            committee.invalidate_recordset(["filing_late"])
            self.assertTrue(committee.filing_late)
            self.assertIn(committee, Committee.search([("filing_late", "=", True)]))
            committee.filing_date = date(2026, 4, 1)  # on the last day
            self.assertFalse(committee.filing_late)
            self.assertNotIn(committee, Committee.search([("filing_late", "=", True)]))
            self.assertIn(committee, Committee.search([("filing_late", "=", False)]))
            committee.filing_date = date(2026, 4, 2)  # one day late
            self.assertTrue(committee.filing_late)

    def test_filing_deadline_moves_off_holidays(self):
        # 30 days after 3 September 2026 is Saturday 3 October, in the
        # National Day holiday: the filing period ends on Thursday 8 October.
        committee = self.create_committee(
            self.estate_b,
            5,
            election_date=date(2026, 9, 3),
            term_start=date(2026, 9, 4),
            term_end=date(2031, 9, 3),
        )
        self.assertEqual(committee.filing_deadline, date(2026, 10, 8))

    def test_grant_portal_access_uses_portal_wizard(self):
        member = self.committee_a.member_ids[2]
        member.partner_id.email = "member.portal@example.com"
        action = member.with_user(self.manager_a).action_grant_portal_access()
        self.assertEqual(action["res_model"], "portal.wizard")
        wizard = self.env["portal.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.user_ids.partner_id, member.partner_id)
        wizard.user_ids.with_user(self.manager_a).action_grant_access()
        self.assertTrue(member.has_portal_access)
