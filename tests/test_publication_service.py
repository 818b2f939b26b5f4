"""Publishing an income and expenditure statement serves it to every serving
committee member, with proof of service per member (issue 15)."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail

LINES = [
    ("fee_income", "Property fees", 1_286_400.00),
    ("operating_cost", "Wages", 612_000.00),
    ("commission", "Commission 10%", 75_050.00),
    ("fund_opening", "Fund account", 8_420_000.00),
]


@tagged("post_install", "-at_install")
class TestPublicationService(HoaPortalCase, MockEmail):
    """Committee A: ``portal_a`` is served in the portal (no email), one
    member has neither email nor login (paper), the others have an email."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.fee_model = "commission"
        cls.members = cls.committee_a.member_ids.filtered("active").partner_id
        cls.portal_member = cls.portal_a.partner_id
        cls.unreachable = (
            cls.members - cls.portal_member - cls.members.user_ids.partner_id
        )[-1]
        for i, partner in enumerate(cls.members):
            partner.email = f"pub{i}@example.com"
        (cls.portal_member | cls.unreachable).email = False

    def publish(self, disclosure):
        with self.mock_mail_gateway():
            disclosure.with_user(self.manager_a).with_context(
                force_report_rendering=True
            )._publish_unreviewed("test")
        return disclosure

    def statement(self):
        return self.env["hoa.disclosure"].create(
            {
                "community_id": self.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create({"category": c, "name": n, "amount": a})
                    for c, n, a in LINES
                ],
            }
        )

    def row(self, disclosure, partner):
        return disclosure.service_ids.filtered(lambda s: s.partner_id == partner)

    def test_publishing_serves_every_member_and_names_the_unreached(self):
        disclosure = self.publish(self.statement())
        self.assertEqual(disclosure.state, "published", "publishing is not blocked")
        services = disclosure.service_ids
        self.assertEqual(len(services), len(self.members), "one row per member")
        self.assertEqual(services.partner_id, self.members)
        self.assertEqual(set(services.mapped("document")), {"publication"})
        emailed = services.filtered(lambda s: s.channel == "email")
        self.assertEqual(
            emailed.partner_id, self.members - self.portal_member - self.unreachable
        )
        self.assertEqual(set(emailed.mapped("state")), {"accepted"})
        self.assertEqual(len(emailed.attachment_ids), 1, "the statement PDF")
        portal = self.row(disclosure, self.portal_member)
        self.assertEqual((portal.channel, portal.state), ("portal", "sent"))
        paper = self.row(disclosure, self.unreachable)
        self.assertEqual((paper.channel, paper.state), ("paper", "pending"))
        # the form names who is not served; the head has one activity
        self.assertIn(self.unreachable.name, disclosure.publication_unserved)
        self.assertIn(self.portal_member.name, disclosure.publication_unserved)
        activity = disclosure.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertIn(self.unreachable.name, activity.summary)
        # on paper: the statement with its receipt slip
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "hoa_committee.action_report_service_receipt_slip", paper.ids
            )[0]
            .decode()
        )
        self.assertIn("Property fees", html)
        self.assertIn("o_hoa_receipt_slip", html)

    def test_member_opens_and_confirms_the_statement_in_the_portal(self):
        disclosure = self.publish(self.statement())
        mine = self.row(disclosure, self.portal_member)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(disclosure.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_confirm_receipt", page.text)
        self.assertEqual(mine.state, "opened")
        response = self.post(f"/my/committee/receipts/{mine.id}/confirm")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hoa_success", response.text)
        self.assertEqual(mine.state, "confirmed")
        self.assertTrue(mine.served)
        self.assertEqual(mine.served_date, self.env.company._hoa_today())
        disclosure.invalidate_recordset()
        self.assertNotIn(self.portal_member.name, disclosure.publication_unserved)
        self.assertIn(self.unreachable.name, disclosure.publication_unserved)

    def test_a_correction_is_served_again(self):
        first = self.publish(self.statement())
        action = first.with_user(self.manager_a).action_correct()
        correction = self.env["hoa.disclosure"].browse(action["res_id"])
        correction.line_ids.filtered(lambda l: l.name == "Wages").amount = 600_000.0
        self.publish(correction)
        self.assertEqual(first.state, "superseded")
        self.assertEqual(len(correction.service_ids), len(self.members))
        self.assertEqual(correction.service_ids.partner_id, self.members)
        self.assertEqual(len(first.service_ids), len(self.members), "kept")
        self.assertFalse(correction.service_ids & first.service_ids)
        # the head chases the receipts of the correction, not of the old version
        self.assertFalse(first.activity_ids)
        self.assertEqual(len(correction.activity_ids), 1)
        self.assertIn(self.unreachable.name, correction.activity_ids.summary)
