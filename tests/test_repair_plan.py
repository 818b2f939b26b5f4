import subprocess
import tempfile
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import HoaCommitteeCase


def pdf_text(pdf):
    """The text of a rendered PDF, as a reader copies it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestRepairPlan(HoaCommitteeCase):
    """The major and medium repair plan of an estate: its items and funds, a
    maintenance-fund item leading to its special-matter report, presented
    then archived, printed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = (
            cls.env["hoa.repair.plan"]
            .with_user(cls.staff_a)
            .create(
                {
                    "community_id": cls.estate_a.id,
                    "period": "2026-H2",
                    "line_ids": [
                        Command.create(
                            {
                                "facility": "3号楼电梯",
                                "location": "3号楼1单元",
                                "scope": "更换曳引机和控制柜",
                                "budget": 186_000,
                                "date_start": date(2026, 9, 1),
                                "date_end": date(2026, 10, 31),
                                "fund_source": "maintenance_fund",
                            }
                        ),
                        Command.create(
                            {
                                "facility": "小区围墙",
                                "location": "北侧",
                                "scope": "粉刷",
                                "budget": 12_500,
                                "fund_source": "operating_budget",
                            }
                        ),
                    ],
                }
            )
        )
        cls.lift, cls.wall = cls.plan.line_ids

    def test_totals_split_the_maintenance_fund(self):
        self.assertEqual(self.plan.total_budget, 198_500)
        self.assertEqual(self.plan.maintenance_fund_budget, 186_000)
        self.assertEqual(self.plan.state, "draft")
        self.assertTrue(self.plan.name.startswith("DZX2026-"))

    def test_maintenance_fund_item_gets_its_special_matter_report(self):
        self.lift.with_user(self.staff_a).action_create_matter()
        matter = self.lift.matter_id
        self.assertTrue(matter)
        self.assertEqual(matter.category, "repair_fund")
        self.assertEqual(matter.community_id, self.estate_a)
        self.assertEqual(matter.planned_date, date(2026, 9, 1))
        self.assertIn("更换曳引机和控制柜", matter.description)
        self.assertIn("186,000.00", matter.description)
        # the owners decide the maintenance fund: the report says what is missing
        self.assertTrue(matter.fund_use_missing)
        self.assertEqual(self.lift.matter_state, "draft")
        self.assertFalse(self.lift.decision_id)
        with self.assertRaises(UserError):
            self.lift.with_user(self.staff_a).action_create_matter()
        self.assertEqual(
            self.env["hoa.matter"].search_count(
                [("community_id", "=", self.estate_a.id)]
            ),
            1,
        )

    def test_report_is_linked_only_by_its_button(self):
        other = self.env["hoa.matter"].create(
            {"community_id": self.estate_a.id, "subject": "别的报告"}
        )
        with self.assertRaises(UserError):
            self.lift.with_user(self.staff_a).matter_id = other
        self.assertFalse(self.lift.matter_id)

    def test_other_funds_need_no_report(self):
        with self.assertRaises(UserError):
            self.wall.with_user(self.staff_a).action_create_matter()
        self.assertFalse(self.wall.matter_id)

    def test_presented_then_archived_and_frozen(self):
        self.plan.with_user(self.staff_a).action_present()
        self.assertEqual(self.plan.state, "presented")
        self.assertEqual(self.plan.presented_date, self.env.company._hoa_today())
        self.plan.with_user(self.staff_a).action_archive_plan()
        self.assertEqual(self.plan.state, "archived")
        with self.assertRaises(UserError):
            self.wall.with_user(self.staff_a).budget = 1
        with self.assertRaises(UserError):
            self.plan.with_user(self.staff_a).write(
                {"line_ids": [Command.create({"facility": "x", "scope": "y"})]}
            )
        with self.assertRaises(UserError):
            self.lift.with_user(self.staff_a).action_create_matter()
        self.assertEqual(self.wall.budget, 12_500)
        self.assertEqual(len(self.plan.line_ids), 2)

    def test_state_moves_only_through_its_buttons(self):
        with self.assertRaises(UserError):
            self.plan.with_user(self.staff_a).write({"state": "archived"})
        self.assertEqual(self.plan.state, "draft")

    def test_empty_plan_is_not_presented(self):
        plan = self.env["hoa.repair.plan"].create(
            {"community_id": self.estate_a.id, "period": "2027"}
        )
        with self.assertRaises(UserError):
            plan.action_present()
        self.assertEqual(plan.state, "draft")

    def test_bad_period_and_dates_refused(self):
        with self.assertRaises(ValidationError):
            self.env["hoa.repair.plan"].create(
                {"community_id": self.estate_a.id, "period": "下半年"}
            )
        with self.assertRaises(ValidationError):
            self.lift.date_end = date(2026, 8, 1)

    def test_departments_read_every_estate_and_write_none(self):
        quality = new_test_user(
            self.env, "hoa_t_quality", groups="hoa_committee.group_hoa_quality"
        )
        propdept = new_test_user(
            self.env, "hoa_t_propdept", groups="hoa_committee.group_hoa_property_dept"
        )
        self.env.flush_all()
        ours = self.estate_a | self.estate_b | self.estate_c
        for user in (quality, propdept):
            self.assertEqual(
                self.env["hoa.repair.plan"]
                .with_user(user)
                .search([("community_id", "in", ours.ids)]),
                self.plan,
            )
            with self.assertRaises(AccessError):
                self.plan.with_user(user).note = "改"
        self.assertFalse(
            self.env["hoa.repair.plan"]
            .with_user(self.staff_b)
            .search([("community_id", "in", ours.ids)])
        )

    def test_pdf_lists_the_items(self):
        self.lift.action_create_matter()
        report = self.env.ref("hoa_committee.action_report_repair_plan")
        pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.plan.ids
        )
        # table cells wrap: compare without the layout's spaces and breaks
        text = "".join(pdf_text(pdf).split())
        for expected in (
            self.plan.name,
            "3号楼电梯",
            "更换曳引机和控制柜",
            "186,000.00",
            "198,500.00",
            "2026-09",
            self.lift.matter_id.name,
        ):
            self.assertIn(expected, text)
