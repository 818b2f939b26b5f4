import base64
import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HoaCommitteeCase

LINES = [
    ("fee_income", "Property fees", 1_286_400.00),
    ("common_revenue", "Lift adverts", 36_000.00),
    ("operating_cost", "Wages", 612_000.00),
    ("operating_cost", "Energy", 138_500.00),
    ("commission", "Commission 10%", 75_050.00),
    ("fund_opening", "Fund account", 8_420_000.00),
    ("fund_contribution", "New owners", 126_000.00),
    ("fund_interest", "Interest", 21_050.00),
    ("fund_use", "Lift 2 traction machine", 48_600.00),
]


@tagged("post_install", "-at_install")
class TestDisclosure(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.fee_model = "commission"
        for i, member in enumerate(cls.committee_a.member_ids):
            member.partner_id.email = f"member{i}@example.com"

    def disclosure(self, lines=None, estate=None):
        return self.env["hoa.disclosure"].create(
            {
                "community_id": (estate or self.estate_a).id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create({"category": c, "name": n, "amount": a})
                    for c, n, a in (LINES if lines is None else lines)
                ],
            }
        )

    def test_totals_and_period(self):
        disclosure = self.disclosure()
        self.assertEqual(disclosure.period, "2026-Q3")
        self.assertEqual(disclosure.fee_model, "commission")
        self.assertAlmostEqual(disclosure.income_total, 1_322_400.00)
        self.assertAlmostEqual(disclosure.expense_total, 825_550.00)
        self.assertAlmostEqual(disclosure.balance, 496_850.00)
        self.assertAlmostEqual(disclosure.fund_closing, 8_518_450.00)
        self.assertTrue(disclosure.name.startswith("GS2026-"))

    def test_a_commission_estate_discloses_everything(self):
        disclosure = self.disclosure(
            [l for l in LINES if l[0] not in ("commission", "operating_cost")]
        )
        with self.assertRaisesRegex(UserError, "Operating Cost.*Commission"):
            disclosure.action_publish()
        self.assertEqual(disclosure.state, "draft")
        self.estate_b.fee_model = "lump_sum"
        lump = self.disclosure(
            [("fund_opening", "Fund", 10.0), ("common_revenue", "Adverts", 5.0)],
            estate=self.estate_b,
        )
        lump._publish_unreviewed("test")
        self.assertEqual(lump.state, "published")

    def test_fund_cannot_go_below_zero(self):
        disclosure = self.disclosure([*LINES, ("fund_use", "Roofs", 9_000_000.00)])
        with self.assertRaisesRegex(UserError, "uses exceed"):
            disclosure.action_publish()

    def test_negative_amounts_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "positive numbers"):
            self.disclosure([("fee_income", "Refund", -5.0)])

    def test_publishing_freezes_and_a_correction_says_what_changed(self):
        disclosure = self.disclosure()
        disclosure._publish_unreviewed("test")
        self.assertEqual(disclosure.state, "published")
        # served to every member, each with a proof of service
        self.assertEqual(
            disclosure.service_ids.partner_id, self.committee_a.member_ids.partner_id
        )
        with self.assertRaisesRegex(UserError, "frozen"):
            disclosure.date_to = date(2026, 9, 29)
        with self.assertRaisesRegex(UserError, "frozen"):
            disclosure.line_ids[0].amount = 1.0
        with self.assertRaisesRegex(UserError, "frozen"):
            disclosure.line_ids[0].unlink()
        with self.assertRaises(UserError):
            disclosure.unlink()

        action = disclosure.action_correct()
        correction = self.env["hoa.disclosure"].browse(action["res_id"])
        self.assertEqual((correction.version, correction.state), (2, "draft"))
        self.assertEqual(correction.name, disclosure.name)
        self.assertEqual(len(correction.line_ids), len(LINES))
        correction.line_ids.filtered(lambda l: l.name == "Energy").amount = 141_800.00
        correction.line_ids.filtered(lambda l: l.name == "Interest").unlink()
        correction._publish_unreviewed("test")
        self.assertEqual(disclosure.state, "superseded")
        self.assertEqual(correction.state, "published")
        self.assertIn("138,500.00 → 141,800.00", correction.change_summary)
        self.assertIn("removed (21,050.00)", correction.change_summary)
        self.assertAlmostEqual(disclosure.expense_total, 825_550.00, msg="untouched")

    def test_import_reports_every_bad_row_and_imports_nothing(self):
        disclosure = self.disclosure([])
        csv_text = (
            "类别,项目,金额,备注\n"
            '服务成本,工资,"612,000.00",\n'
            "Operating Cost,能耗,abc,\n"
            "广告收入,广告,100,\n"
            "维修资金使用,,5,\n"
        )
        wizard = self.env["hoa.disclosure.import.wizard"].create(
            {
                "disclosure_id": disclosure.id,
                "data_file": base64.b64encode(csv_text.encode()),
                "file_name": "q3.csv",
            }
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        message = str(caught.exception)
        self.assertIn("Row 3: “abc” is not an amount", message)
        self.assertIn("Row 4: unknown category “广告收入”", message)
        self.assertIn("Row 5: no item", message)
        self.assertFalse(disclosure.line_ids)

    def test_import_from_xlsx(self):
        disclosure = self.disclosure([("fee_income", "Kept", 1.0)])
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["category", "item", "amount", "note"])
        sheet.append(["Operating Cost", "Wages", 612000, "48 staff"])
        sheet.append(["fund_opening", "Fund", "8,420,000.00", None])
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.env["hoa.disclosure.import.wizard"].create(
            {
                "disclosure_id": disclosure.id,
                "data_file": base64.b64encode(buffer.getvalue()),
                "file_name": "q3.xlsx",
            }
        ).action_import()
        self.assertEqual(
            [(l.category, l.name, l.amount, l.note) for l in disclosure.line_ids],
            [
                ("fee_income", "Kept", 1.0, False),
                ("operating_cost", "Wages", 612000.0, "48 staff"),
                ("fund_opening", "Fund", 8420000.0, False),
            ],
        )

    def test_import_template_matches_the_chinese_categories(self):
        disclosure = self.disclosure([])
        with open(
            __file__.replace(
                "tests/test_disclosure.py",
                "static/xls/hoa_disclosure_import_template.csv",
            ),
            "rb",
        ) as template:
            data = template.read()
        self.env["hoa.disclosure.import.wizard"].create(
            {
                "disclosure_id": disclosure.id,
                "data_file": base64.b64encode(data),
                "file_name": "template.csv",
            }
        ).action_import()
        self.assertEqual(len(disclosure.line_ids), data.decode().count("\n") - 1)

    def test_members_see_only_published_statements_of_their_estate(self):
        draft = self.disclosure()
        published = self.disclosure()
        published._publish_unreviewed("test")
        self.estate_b.fee_model = "lump_sum"
        other = self.disclosure([("fund_opening", "Fund", 1.0)], estate=self.estate_b)
        other._publish_unreviewed("test")
        self.env.flush_all()
        Disclosure = self.env["hoa.disclosure"].with_user(self.portal_a)
        everything = draft | published | other
        self.assertEqual(Disclosure.search([("id", "in", everything.ids)]), published)
        self.assertEqual(
            self.env["hoa.disclosure.line"]
            .with_user(self.portal_a)
            .search([("disclosure_id", "in", everything.ids)]),
            published.line_ids,
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.portal_a).read(["income_total"])
        with self.assertRaises(AccessError):
            published.with_user(self.portal_a).write({"note": "x"})
        self.assertEqual(
            self.env["hoa.disclosure"]
            .with_user(self.staff_b)
            .search([("id", "in", everything.ids)]),
            other,
        )

    def test_statement_pdf_renders_the_figures(self):
        disclosure = self.disclosure()
        disclosure._publish_unreviewed("test")
        report = self.env.ref("hoa_committee.action_report_disclosure")
        html = report._render_qweb_html(report.report_name, disclosure.ids)[0].decode()
        for text in ("Lift 2 traction machine", "48,600.00", "8,518,450.00"):
            self.assertIn(text, html)
        pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, disclosure.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
