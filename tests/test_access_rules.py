"""Issue 14, medium and low: what the penetration test read or did that it
should not have, replayed as the role that did it (JSON-RPC, the portal,
the mail gateway, the scheduler)."""

import zlib
from datetime import datetime, timedelta

from odoo import Command, fields, sql_db
from odoo.tests import new_test_user, tagged

from ..tools.cron_lock import LOCK_SPACE, RETRY_DELAY
from .common import HoaCommitteeCase, HoaTransactionCase
from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestPortalRules(HoaPortalCase):
    def _meeting_with_lines(self, name):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": name,
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "requires_resolution": True,
                "date_start": datetime(2026, 12, 20, 1, 30),
                "location": "物业服务中心会议室",
            }
        )
        self.env["hoa.meeting.action"].create(
            {"meeting_id": meeting.id, "name": "Repaint the fences"}
        )
        self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "Agree to repaint the fences"}
        )
        return meeting

    def _lines(self, meetings):
        return {
            "hoa.meeting.attendance": meetings.attendance_ids,
            "hoa.meeting.action": meetings.action_ids,
            "hoa.meeting.resolution": meetings.resolution_ids,
            "hoa.meeting.vote": meetings.resolution_ids.vote_ids,
        }

    def test_member_reads_no_line_of_a_draft_meeting(self):
        draft = self._meeting_with_lines("Draft the committee was not sent")
        sent = self._meeting_with_lines("Proposed to the committee")
        sent.action_propose()
        self.assertEqual(draft.state, "draft")
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        for model, lines in self._lines(draft).items():
            self.assertTrue(lines, model)
            found = self.call_kw(
                model,
                "search_read",
                [[("id", "in", lines.ids)], ["id"]],
            )
            self.assertEqual(found.get("result"), [], model)
            answer = self.call_kw(model, "read", [lines.ids, ["id"]])
            self.assertIn("error", answer, model)
            self.assertIn("AccessError", answer["error"]["data"]["name"], model)
        # what was sent to the committee is still theirs to read
        for model, lines in self._lines(sent).items():
            found = self.call_kw(
                model, "search_read", [[("id", "in", lines.ids)], ["id"]]
            )
            self.assertEqual(
                sorted(r["id"] for r in found["result"]), sorted(lines.ids), model
            )
        self.assertEqual(draft.state, "draft", "nothing changed")

    def _published_statement(self):
        statement = self.statement()
        statement._publish_unreviewed("test")
        return statement

    def test_member_of_an_expired_committee_reads_no_statement(self):
        statement = self._published_statement()
        # the estate's first committee served its term; member 1 was not
        # re-elected, member 2 left the serving committee
        former = self.create_committee(self.estate_a, 5)
        former._set_state({"state": "expired"})
        new_test_user(
            self.env,
            "hoa_t_former",
            groups="base.group_portal",
            partner_id=former.member_ids[1].partner_id.id,
        )
        leaver = self.committee_a.member_ids[2]
        new_test_user(
            self.env,
            "hoa_t_leaver",
            groups="base.group_portal",
            partner_id=leaver.partner_id.id,
        )
        leaver.write({"active": False, "date_end": fields.Date.today()})
        lines = statement.line_ids
        for login in ("hoa_t_former", "hoa_t_leaver"):
            self.authenticate(login, login)
            found = self.call_kw(
                "hoa.disclosure", "search_read", [[], ["name", "line_ids"]]
            )
            self.assertEqual(found.get("result"), [], login)
            answer = self.call_kw("hoa.disclosure.line", "read", [lines.ids, ["name"]])
            self.assertIn("AccessError", answer["error"]["data"]["name"], login)
            response = self.url_open(statement.access_url)
            self.assertEqual(response.status_code, 404, login)
            self.assertNotIn("Fund account", response.text, login)
        # a serving member reads it
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        found = self.call_kw("hoa.disclosure", "search_read", [[], ["name"]])
        self.assertEqual([r["id"] for r in found["result"]], statement.ids)
        self.assertEqual(statement.state, "published", "nothing changed")

    def test_a_url_puts_no_words_on_a_portal_page(self):
        inquiry = self.inquiry()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        phishing = (
            "<script>alert(1)</script>Your account is locked: call 400-000-0000 "
            "or log in at http://evil.example.com"
        )
        for page in (inquiry.access_url, self.notice().access_url):
            response = self.url_open(
                f"{page}?error={phishing}&success=Please confirm your password"
            )
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("o_hoa_error", response.text, page)
            self.assertNotIn("o_hoa_success", response.text, page)
            # (the language switcher links to the same URL, encoded)
            self.assertNotIn("<script>alert(1)", response.text, page)
            self.assertNotIn("account is locked", response.text, page)
            self.assertNotIn("confirm your password", response.text, page)
        # a known code still says what happened
        response = self.url_open(f"{inquiry.access_url}?success=submitted")
        self.assertIn("o_hoa_success", response.text)
        self.assertIn("the service centre has it", response.text)

    def test_a_refused_action_shows_its_own_error_once(self):
        """The error of an action reaches its page without the URL."""
        decision = self.open_decision()
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        response = self.post(f"{decision.access_url}/ballot", {"choice": "maybe"})
        self.assertNotIn("error=", response.url)
        self.assertIn("o_hoa_error", response.text)
        self.assertIn("Choose agree, oppose or abstain.", response.text)
        self.assertFalse(decision.ballot_ids, "nothing changed")
        again = self.url_open(decision.access_url)
        self.assertNotIn("o_hoa_error", again.text, "said once")


@tagged("post_install", "-at_install")
class TestOwnerPartnersCompany(HoaPortalCase):
    def test_other_company_head_reads_no_owner(self):
        head_c = self.create_second_company_head()
        head_c.password = "hoa_t_manager_c"
        owners = self.create_owned_units(self.estate_a, 3, 9, 90.0)
        owners.write({"phone": "13800000001"})
        # and an owner the unit import creates
        result = self.import_units_csv(
            "community_id,name,area,owner_id\nEstate A,9-9-0101,88.5,Zhang Imported\n",
            create_owners=True,
        )
        self.assertFalse(result["messages"], result)
        imported = self.env["hoa.unit"].search([("name", "=", "9-9-0101")]).owner_id
        imported.phone = "13800000002"
        members = self.committee_a.member_ids.partner_id
        estate_a = owners | imported | members | self.owners
        self.assertEqual(estate_a.company_id, self.company_1)
        self.authenticate("hoa_t_manager_c", "hoa_t_manager_c")
        found = self.call_kw(
            "res.partner",
            "search_read",
            [[("id", "in", estate_a.ids)], ["name", "phone"]],
        )
        self.assertEqual(found.get("result"), [])
        found = self.call_kw(
            "res.partner", "search_read", [[("phone", "like", "138000000")], ["id"]]
        )
        self.assertEqual(found.get("result"), [])
        answer = self.call_kw("res.partner", "read", [owners.ids, ["phone"]])
        self.assertIn("AccessError", answer["error"]["data"]["name"])
        # their own estate's people are theirs
        mine = self.committee_c.member_ids.partner_id
        found = self.call_kw(
            "res.partner", "search_read", [[("id", "in", mine.ids)], ["id"]]
        )
        self.assertEqual(len(found["result"]), len(mine))
        self.assertEqual(owners.mapped("phone"), ["13800000001"] * 3)

    def test_portal_access_for_an_owner_still_works(self):
        owner = self.owners[2]
        owner.email = "owner2@example.com"
        self.assertEqual(owner.company_id, self.company_1)
        wizard = (
            self.env["portal.wizard"]
            .with_user(self.manager_a)
            .with_context(active_ids=owner.ids)
            .create({})
        )
        wizard.user_ids.action_grant_access()
        user = owner.user_ids
        self.assertEqual(user.company_id, self.company_1)
        self.assertTrue(user.has_group("base.group_portal"))
        user.password = "hoa_t_owner_2"
        decision = self.open_decision()
        self.authenticate(user.login, "hoa_t_owner_2")
        response = self.url_open(decision.access_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(decision.name, response.text)

    def test_member_partner_joins_the_company_of_the_estate(self):
        partner = self.env["res.partner"].create({"name": "New member C"})
        self.committee_c.write(
            {"member_ids": [Command.create({"partner_id": partner.id})]}
        )
        self.assertEqual(partner.company_id, self.company_2)
        # a partner a company already holds stays with it
        held = self.env["res.partner"].create(
            {"name": "Held", "company_id": self.company_1.id}
        )
        self.env["hoa.unit"].create(
            {
                "community_id": self.estate_a.id,
                "name": "9-1-0901",
                "area": 80.0,
                "owner_id": held.id,
            }
        )
        self.assertEqual(held.company_id, self.company_1)


@tagged("post_install", "-at_install")
class TestAliasSenders(HoaCommitteeCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "hoa.example.com"})
        cls.env.company.alias_domain_id = domain
        cls.estate_a.write({"alias_name": "estate-a", "alias_domain_id": domain.id})
        cls.member_a = cls.committee_a.member_ids[3].partner_id
        cls.member_a.email = "member3.a@example.com"
        cls.Inquiry = cls.env["hoa.inquiry"]

    def _mail(self, sender, subject):
        raw = (
            f"From: {sender}\r\n"
            "To: estate-a@hoa.example.com\r\n"
            f"Subject: {subject}\r\n"
            f"Message-ID: <{abs(hash(subject))}@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Please look into this.\r\n"
        )
        with self.mock_mail_gateway():
            self.env["mail.thread"].message_process(False, raw)

    def test_stranger_gets_an_answer_and_no_inquiry(self):
        before = self.Inquiry.search_count([])
        self._mail("Stranger <stranger@example.net>", "Win a prize now")
        self.assertEqual(self.Inquiry.search_count([]), before, "no inquiry")
        self.assertFalse(self.Inquiry.search([("subject", "ilike", "prize")]))
        answers = [
            mail
            for mail in self._mails
            if any("stranger@example.net" in to for to in mail["email_to"])
        ]
        self.assertEqual(len(answers), 1)
        body = " ".join(answers[0]["body"].split())
        self.assertIn("your email has not been recorded", body)
        self.assertIn("Thank you for writing to Estate A", body)

    def test_stranger_is_answered_in_the_company_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.company_1.partner_id.lang = "zh_CN"
        self._mail("Stranger <stranger@example.net>", "广告")
        answers = [
            mail
            for mail in self._mails
            if any("stranger@example.net" in to for to in mail["email_to"])
        ]
        self.assertEqual(len(answers), 1)
        self.assertIn("您的邮件未予登记", answers[0]["body"])
        self.assertFalse(self.Inquiry.search([("subject", "=", "广告")]))

    def test_member_and_owner_mails_make_inquiries(self):
        owner = self.create_owned_units(self.estate_a, 1, 8, 90.0)
        owner.email = "owner.a@example.com"
        self._mail(f"Member <{self.member_a.email}>", "Lift 2 is stuck")
        self._mail("Owner <owner.a@example.com>", "Water leak in 8-0101")
        inquiries = self.Inquiry.search(
            [("subject", "in", ("Lift 2 is stuck", "Water leak in 8-0101"))]
        )
        self.assertEqual(inquiries.raised_by_id, self.member_a | owner)
        self.assertEqual(inquiries.community_id, self.estate_a)

    def test_estate_open_to_anyone(self):
        self.estate_a.inquiry_mail_from_anyone = True
        self._mail("Passer-by <passer@example.net>", "Dog barking at night")
        self.assertTrue(self.Inquiry.search([("subject", "=", "Dog barking at night")]))


@tagged("post_install", "-at_install")
class TestCronSkippedRunRetries(HoaTransactionCase):
    def test_skipped_run_is_triggered_again(self):
        inquiries = self.env["hoa.inquiry"]
        key = zlib.crc32(b"HoaInquiry._cron_sweep") & 0x7FFFFFFF
        cron = self.env.ref("hoa_committee.ir_cron_inquiry_sweep")
        # another worker is running the sweep: it holds the lock
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_SPACE, key])
            self.assertTrue(other.fetchone()[0])
            activities = self.env["mail.activity"].search_count([])
            before = fields.Datetime.now()
            self.assertFalse(inquiries._cron_sweep())
            self.assertEqual(self.env["mail.activity"].search_count([]), activities)
            triggers = self.env["ir.cron.trigger"].search(
                [("cron_id", "=", cron.id), ("call_at", ">=", before)]
            )
            self.assertTrue(triggers, "the skipped job runs again soon")
            self.assertLessEqual(
                max(triggers.mapped("call_at")),
                fields.Datetime.now() + RETRY_DELAY + timedelta(seconds=5),
            )
        finally:
            other.rollback()
            other.close()
        # the lock released, the sweep runs
        self.assertTrue(inquiries._cron_sweep())
