from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date

from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestOwnerVotes(HoaPortalCase, MockEmail):
    """Votes reach the owners on the roll; a fund repair needs its vote."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owners[0].write({"email": "owner0@example.com", "lang": "en_US"})
        cls.owners[1].email = False  # owner_a: a portal login, no email
        cls.chair = cls.committee_a.member_ids.filtered(lambda m: m.role == "chair")
        cls.chair_user = new_test_user(
            cls.env,
            "hoa_t_chair_votes",
            groups="base.group_portal",
            partner_id=cls.chair.partner_id.id,
        )
        cls.chair_user.lang = "en_US"

    def setUp(self):
        super().setUp()
        self.today = self.env.company._hoa_today()
        self.Decision = self.env["hoa.decision"]

    def services(self, decision, kind):
        return self.env["hoa.service"].search(
            [
                ("res_model", "=", "hoa.decision"),
                ("res_id", "=", decision.id),
                ("document", "=", kind),
            ]
        )

    def vote(self, decision, choices):
        """Ballots cast in the portal by the first voters, one per choice."""
        partners = decision.voter_ids.partner_id.sorted("id")
        self.env["hoa.decision.ballot"].sudo().create(
            [
                {
                    "decision_id": decision.id,
                    "partner_id": partner.id,
                    "choice": choice,
                    "channel": "portal",
                }
                for partner, choice in zip(partners, choices, strict=False)
            ]
        )

    def decided(self, estate, choice="agree", item="fund_use"):
        """A closed vote of ``estate`` where every voter chose ``choice``."""
        decision = self.Decision.create(
            {
                "name": "Use the fund for the roof",
                "community_id": estate.id,
                "item": item,
                "date_open": self.today - timedelta(days=1),
                "date_close": self.today + timedelta(days=14),
            }
        )
        decision.action_open()
        self.vote(decision, [choice] * len(decision.voter_ids))
        decision.action_close()
        return decision

    # ------------------------------------------------------------------
    # Votes reach the owners
    # ------------------------------------------------------------------

    def test_opening_a_vote_serves_every_owner_on_the_roll(self):
        decision = self.open_decision()
        self.assertTrue(decision.owner_notice_since, "queued for the background")
        with self.mock_mail_gateway():
            self.Decision._cron_serve_owners()
        notices = self.services(decision, "vote_notice")
        self.assertEqual(len(decision.voter_ids), 3)
        self.assertEqual(notices.partner_id, decision.voter_ids.partner_id)
        self.assertEqual(len(notices), 3)
        by_email = notices.filtered(lambda s: s.channel == "email")
        self.assertEqual(by_email.partner_id, self.owners[0])
        # one email, to the one owner with an address, in English (their
        # language), from the company
        self.assertEqual(
            len(
                self._new_mails.filtered(
                    lambda m: (m.model, m.res_id) == ("hoa.decision", decision.id)
                )
            ),
            1,
        )
        english = self.env(context={"lang": "en_US"})
        opens, closes = (
            format_date(english, day)
            for day in (decision.date_open, decision.date_close)
        )
        subject = (
            f"Owners' vote: {decision.name} ({decision.reference}), {opens} – {closes}"
        )
        mail = self.assertMailMail(
            self.owners[0],
            "sent",
            fields_values={"subject": subject},
            email_values={
                "email_from": self.env.company.partner_id.email_formatted,
                "subject": subject,
                "body_content": f"/my/decisions/{decision.id}",
            },
        )
        self.assertEqual(mail, by_email.mail_id)
        self.assertNoMail(self.owners[1:3])
        # owners without email read it in the portal; without an account,
        # they are on the paper list
        self.assertEqual((notices - by_email).mapped("channel"), ["portal", "portal"])
        self.assertEqual(decision.owner_paper_count, 1)  # owner 2: no login
        self.assertFalse(decision.owner_notice_since)
        self.Decision._cron_serve_owners()
        self.assertEqual(len(self.services(decision, "vote_notice")), 3, "once")

    def test_reminder_goes_once_to_those_who_have_not_voted(self):
        decision = self.open_decision()
        decision.date_close = self.today + timedelta(days=5)
        self.vote(decision, ["agree"])
        voted = decision.ballot_ids.partner_id
        self.Decision._cron_remind_voters()
        self.assertFalse(self.services(decision, "vote_reminder"), "too early")
        decision.date_close = self.today + timedelta(days=2)
        self.Decision._cron_remind_voters()
        reminders = self.services(decision, "vote_reminder")
        self.assertEqual(reminders.partner_id, decision.voter_ids.partner_id - voted)
        self.assertEqual(len(reminders), 2)
        self.Decision._cron_remind_voters()
        self.assertEqual(len(self.services(decision, "vote_reminder")), 2, "once")

    def test_the_result_is_announced_to_owners_when_published(self):
        decision = self.decided(self.estate_a)
        self.Decision._cron_serve_owners()
        self.assertFalse(self.services(decision, "vote_result"))
        decision.action_publish()
        self.Decision._cron_serve_owners()
        results = self.services(decision, "vote_result")
        self.assertEqual(results.partner_id, decision.voter_ids.partner_id)
        mail = results.filtered(lambda s: s.channel == "email").mail_id
        self.assertIn("The decision is passed.", mail.body_html)
        self.assertIn(f"/my/decisions/{decision.id}", mail.body_html)

    def test_board_notice_pdf(self):
        draft = self.Decision.create(
            {"name": "Draft vote", "community_id": self.estate_a.id}
        )
        with self.assertRaisesRegex(UserError, "Open voting first"):
            draft.with_user(self.manager_a).action_print_board_notice()
        decision = self.open_decision()
        action = decision.with_user(self.manager_a).action_print_board_notice()
        self.assertEqual(
            action["report_name"], "hoa_committee.report_decision_board_notice"
        )
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(action["report_name"], decision.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(action["report_name"], decision.ids)[0]
            .decode()
        )
        self.assertIn(f"/my/decisions/{decision.id}", html)
        self.assertIn("data:image/png;base64", html)  # the QR code, inline

    def test_owner_downloads_the_board_notice(self):
        decision = self.open_decision()
        url = f"/my/decisions/{decision.id}/board-notice?download=1"
        self.authenticate(self.owner_a.login, self.owner_a.login)
        page = self.url_open(decision.access_url)
        self.assertIn(url, page.text.replace("&amp;", "&"), "the page offers it")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        disposition = response.headers["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn(decision.reference, disposition)
        # an owner of another estate gets nothing
        other = self.open_decision(self.estate_b, name="Other estate's vote")
        response = self.url_open(f"/my/decisions/{other.id}/board-notice")
        self.assertEqual(response.status_code, 404)

    # ------------------------------------------------------------------
    # The fund vote that repairs need
    # ------------------------------------------------------------------

    def approved_repair(self):
        matter = self.delivered_matter()
        resolution = self.committee_resolution(self.committee_a, agree=3)
        matter.with_user(self.chair_user)._portal_answer(
            "approved", resolution=resolution
        )
        self.assertEqual(matter.state, "answered")
        return matter

    def test_fund_repair_closes_only_with_a_passed_vote_of_its_estate(self):
        matter = self.approved_repair()
        with self.assertRaisesRegex(UserError, "passed owners' decision"):
            matter.action_close()
        self.assertIn("passed owners' decision", matter.fund_use_missing)
        for decision in (
            self.decided(self.estate_b),  # another estate
            self.decided(self.estate_a, choice="oppose"),  # failed
            self.decided(self.estate_a, item="other_major"),  # not item (5)
        ):
            with self.assertRaises(ValidationError):
                matter.owners_decision_id = decision
            self.assertEqual(matter.state, "answered")
        matter.owners_decision_id = self.decided(self.estate_a)
        self.assertFalse(matter.fund_use_missing)
        matter.action_close()
        self.assertEqual(matter.state, "closed")

    def test_emergency_repair_needs_basis_confirmation_and_notice(self):
        matter = self.delivered_matter()
        matter.emergency_repair = True
        self.assertIn("committee's confirmation", matter.fund_use_missing)
        resolution = self.committee_resolution(self.committee_a, agree=3)
        matter.with_user(self.chair_user)._portal_answer(
            "approved", resolution=resolution
        )
        with self.assertRaisesRegex(UserError, "emergency basis"):
            matter.action_close()
        matter.emergency_basis = "5号楼屋面大面积塌陷风险，危及房屋使用安全。"
        with self.assertRaisesRegex(UserError, "notice to the owners"):
            matter.action_close()
        notice = self.env["hoa.notice"]._create_in_state(
            [
                {
                    "title": "5号楼屋面紧急维修公告",
                    "community_id": self.estate_a.id,
                    "date_from": self.today,
                    "date_to": self.today + timedelta(days=7),
                    "state": "posted",
                }
            ]
        )
        matter.emergency_notice_id = notice
        self.assertFalse(matter.fund_use_missing)
        matter.action_close()
        self.assertEqual(matter.state, "closed")

    def test_committee_approval_in_the_portal_does_not_close_a_fund_repair(self):
        matter = self.delivered_matter()
        resolution = self.committee_resolution(self.committee_a, agree=3)
        self.authenticate(self.chair_user.login, self.chair_user.login)
        response = self.post(
            f"/my/committee/matters/{matter.id}/answer",
            {"answer": "approved", "resolution_id": str(resolution.id)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hoa_fund_use_missing", response.text)
        self.assertIn("Awaiting the owners", response.text)
        matter.invalidate_recordset()
        self.assertEqual((matter.state, matter.answer), ("answered", "approved"))
        # nor can the head close it in the back office
        with self.assertRaisesRegex(UserError, "decided by the owners"):
            matter.with_user(self.manager_a).action_close()
        self.assertEqual(matter.state, "answered")
        # the same rule over JSON-RPC, nothing written
        self.authenticate(self.manager_a.login, self.manager_a.login)
        answer = self.call_kw("hoa.matter", "action_close", [matter.ids])
        self.assertIn("decided by the owners", answer["error"]["data"]["message"])
        matter.invalidate_recordset()
        self.assertEqual(matter.state, "answered")
