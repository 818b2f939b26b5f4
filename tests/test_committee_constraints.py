from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
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

    def test_filing_deadline_and_late_flag(self):
        today = fields.Date.context_today(self.env["hoa.committee"])
        committee = self.create_committee(
            self.estate_b,
            5,
            election_date=today - timedelta(days=31),
            term_start=today - timedelta(days=30),
            term_end=today + timedelta(days=1000),
        )
        self.assertEqual(committee.filing_deadline, today - timedelta(days=1))
        self.assertTrue(committee.filing_late)
        late = self.env["hoa.committee"].search([("filing_late", "=", True)])
        self.assertIn(committee, late)
        committee.filing_date = today - timedelta(days=1)  # on the last day
        self.assertFalse(committee.filing_late)
        self.assertNotIn(
            committee, self.env["hoa.committee"].search([("filing_late", "=", True)])
        )
        committee.filing_date = today  # one day late
        self.assertTrue(committee.filing_late)
        committee.election_date = today - timedelta(days=30)
        committee.filing_date = False
        self.assertFalse(committee.filing_late, "the deadline is today: not late yet")

    def test_grant_portal_access_uses_portal_wizard(self):
        member = self.committee_a.member_ids[2]
        member.partner_id.email = "member.portal@example.com"
        action = member.with_user(self.manager_a).action_grant_portal_access()
        self.assertEqual(action["res_model"], "portal.wizard")
        wizard = self.env["portal.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.user_ids.partner_id, member.partner_id)
        wizard.user_ids.with_user(self.manager_a).action_grant_access()
        self.assertTrue(member.has_portal_access)
