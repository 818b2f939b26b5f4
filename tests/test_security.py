from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestSecurity(HoaCommitteeCase):
    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_staff_sees_only_own_estate(self):
        estates = self.estate_a | self.estate_b | self.estate_c
        self.assertEqual(
            self._visible(self.staff_a, "hoa.community", estates), self.estate_a
        )
        self.assertEqual(
            self._visible(self.staff_b, "hoa.community", estates), self.estate_b
        )
        self.assertEqual(
            self._visible(self.manager_a, "hoa.community", estates), self.estate_a
        )
        with self.assertRaises(AccessError):
            self.estate_b.with_user(self.staff_a).check_access("read")
        committees = self.committee_a | self.committee_b | self.committee_c
        self.assertEqual(
            self._visible(self.staff_a, "hoa.committee", committees), self.committee_a
        )
        members = committees.member_ids
        self.assertEqual(
            self._visible(self.staff_a, "hoa.committee.member", members),
            self.committee_a.member_ids,
        )

    def test_staff_sees_only_own_units(self):
        units = self.env["hoa.unit"].create(
            [
                {"community_id": self.estate_a.id, "name": "A-1", "area": 80},
                {"community_id": self.estate_b.id, "name": "B-1", "area": 80},
            ]
        )
        self.assertEqual(self._visible(self.staff_a, "hoa.unit", units), units[0])
        self.assertEqual(self._visible(self.leader_1, "hoa.unit", units), units)

    def test_supervisors_are_on_the_team(self):
        self.estate_b.engineering_supervisor_id = self.staff_a
        # record rules read the database: flush as the end of a request would
        self.env.flush_all()
        self.assertEqual(
            self._visible(self.staff_a, "hoa.community", self.estate_a | self.estate_b),
            self.estate_a | self.estate_b,
        )

    def test_leadership_sees_every_estate_of_its_company(self):
        estates = self.estate_a | self.estate_b | self.estate_c
        self.assertEqual(
            self._visible(self.leader_1, "hoa.community", estates),
            self.estate_a | self.estate_b,
        )
        self.assertEqual(
            self._visible(self.leader_2, "hoa.community", estates), self.estate_c
        )
        admin = self.admin_both.with_context(
            allowed_company_ids=(self.company_1 | self.company_2).ids
        )
        self.assertEqual(self._visible(admin, "hoa.community", estates), estates)

    def test_staff_cannot_change_committees(self):
        with self.assertRaises(AccessError):
            self.committee_a.with_user(self.staff_a).write({"name": "Renamed"})
        self.committee_a.with_user(self.manager_a).write({"name": "Renamed"})
        self.assertEqual(self.committee_a.name, "Renamed")
        with self.assertRaises(AccessError):
            self.committee_b.with_user(self.manager_a).write({"name": "Not mine"})

    def test_only_leadership_creates_estates(self):
        with self.assertRaises(AccessError):
            self.env["hoa.community"].with_user(self.manager_a).create(
                {"name": "New", "code": "T-NEW"}
            )
        estate = (
            self.env["hoa.community"]
            .with_user(self.leader_1)
            .create({"name": "New", "code": "T-NEW"})
        )
        self.assertEqual(estate.company_id, self.company_1)

    def test_portal_member_reads_own_committee_only(self):
        committees = self.committee_a | self.committee_b | self.committee_c
        self.assertEqual(
            self._visible(self.portal_a, "hoa.committee", committees), self.committee_a
        )
        self.assertEqual(
            self._visible(self.portal_b, "hoa.committee", committees), self.committee_b
        )
        self.assertEqual(
            self._visible(
                self.portal_a, "hoa.community", self.estate_a | self.estate_b
            ),
            self.estate_a,
        )
        with self.assertRaises(AccessError):
            self.committee_b.with_user(self.portal_a).check_access("read")
        with self.assertRaises(AccessError):
            self.committee_a.with_user(self.portal_a).write({"name": "Hacked"})
        # a member who owns no unit reads none (issue 16: owners read their own)
        self.assertFalse(self.env["hoa.unit"].with_user(self.portal_a).search([]))

    def test_code_unique_per_company(self):
        from psycopg2 import IntegrityError

        from odoo.tools import mute_logger

        # the same code in another company is fine
        self.env["hoa.community"].create(
            {"name": "Other", "code": "T-A", "company_id": self.company_2.id}
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["hoa.community"].create({"name": "Twin", "code": "T-A"})
