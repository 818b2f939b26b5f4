from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
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


@tagged("post_install", "-at_install")
class TestCompanyLinks(HoaCommitteeCase):
    """A record of one company never points at a record of another: a
    meeting at another company's report, a work report at another
    company's meeting or statement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def two(model, values):
            """The same record in estate A (company 1) and estate C (2)."""
            return [
                cls.env[model].create({**values, "community_id": estate.id})
                for estate in (cls.estate_a, cls.estate_c)
            ]

        cls.matter_a, cls.matter_c = two(
            "hoa.matter",
            {
                "subject": "Roof repair",
                "category": "repair_fund",
                "planned_date": date(2026, 12, 30),
            },
        )
        cls.statement_a, cls.statement_c = two(
            "hoa.disclosure",
            {"date_from": date(2026, 7, 1), "date_to": date(2026, 9, 30)},
        )
        cls.meeting_a, cls.meeting_c = (
            cls.env["hoa.meeting"].create(
                {
                    "name": "Q3 routine meeting",
                    "committee_id": committee.id,
                    "meeting_type": "routine",
                    "date_start": datetime(2026, 10, 20, 1, 30),
                    "location": "会议室",
                }
            )
            for committee in (cls.committee_a, cls.committee_c)
        )
        cls.special = cls.env["hoa.meeting"].create(
            {
                "name": "Roof meeting",
                "committee_id": cls.committee_a.id,
                "meeting_type": "special",
                "date_start": datetime(2026, 12, 1, 1, 30),
                "location": "会议室",
            }
        )
        cls.report = cls.env["hoa.work.report"].create(
            {
                "community_id": cls.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
            }
        )

    def assert_refused(self, record, values):
        with self.assertRaises(UserError) as caught:
            record.with_context(lang="en_US").write(values)
        self.assertIn("Incompatible companies on records", str(caught.exception))
        self.assertIn("belongs to another company", str(caught.exception))

    def test_meeting_on_another_company_report_is_refused(self):
        self.assert_refused(self.special, {"matter_id": self.matter_c.id})
        self.special.matter_id = self.matter_a
        self.assertEqual(self.special.matter_id, self.matter_a)

    def test_work_report_of_another_company_meeting_is_refused(self):
        self.assert_refused(self.report, {"meeting_id": self.meeting_c.id})
        self.report.meeting_id = self.meeting_a
        self.assertEqual(self.report.meeting_id, self.meeting_a)

    def test_work_report_with_another_company_statement_is_refused(self):
        self.assert_refused(self.report, {"disclosure_id": self.statement_c.id})
        self.report.disclosure_id = self.statement_a
        self.assertEqual(self.report.disclosure_id, self.statement_a)
