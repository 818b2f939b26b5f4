import re
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HoaCommitteeCase
from .portal_common import HoaPortalCase


class SealChainFixture:
    """A statement published (link 1) and a report delivered (link 2) in
    estate A's chain; three of A's five members have an email address."""

    def setUp(self):
        super().setUp()
        self.members = self.committee_a.member_ids.partner_id
        for i, partner in enumerate(self.members[:3]):
            partner.email = f"member{i}@estate-a.example.com"
        today = self.env.company._hoa_today()
        self.disclosure = self.env["hoa.disclosure"].create(
            {
                "community_id": self.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create(
                        {"category": "fund_opening", "name": "Fund", "amount": 8_420}
                    )
                ],
            }
        )
        self.disclosure._publish_unreviewed("test")
        self.matter = self.env["hoa.matter"].create(
            {
                "subject": "Roof repair",
                "community_id": self.estate_a.id,
                "category": "repair_fund",
                "planned_date": today + timedelta(days=30),
                "description": "<p>The roof of building 5 leaks.</p>",
                "delivery_method": "hand",
            }
        )
        self.deliver(self.matter, today)
        self.statement_seal = self.disclosure.seal_id
        self.letter_seal = self.matter.seal_id

    def sql(self, query, params):
        """Change the database behind the ORM's back, as a forger would."""
        self.env.flush_all()
        self.env.cr.execute(query, params)
        self.env.invalidate_all()

    def rewrite_chain(self):
        """The forger changes the report's subject, then recomputes its
        content hash and every link from there on, consistently."""
        Seal = self.env["hoa.archive.seal"]
        self.sql(
            "UPDATE hoa_matter SET subject = 'Lift repair' WHERE id = %s",
            [self.matter.id],
        )
        previous = "0" * 64
        for seal in Seal.search(
            [("community_id", "=", self.estate_a.id)], order="sequence"
        ):
            content = self.env[seal.res_model].browse(seal.res_id)._seal_digest()
            chain = Seal._chain(
                previous, content, seal.kind, seal.res_model, seal.res_id, seal.sequence
            )
            self.sql(
                "UPDATE hoa_archive_seal SET content_hash = %s, previous_hash = %s, "
                "chain_hash = %s WHERE id = %s",
                [content, previous, chain, seal.id],
            )
            previous = chain

    def truncate_chain(self):
        """The forger deletes the newest seal and the report's link to it."""
        self.sql("UPDATE hoa_matter SET seal_id = NULL WHERE id = %s", [self.matter.id])
        self.sql("DELETE FROM hoa_archive_seal WHERE id = %s", [self.letter_seal.id])

    def verify(self):
        self.env.invalidate_all()
        failed = self.env["hoa.archive.seal"]._verify(self.estate_a)
        return {(s.res_model, s.res_id): s.verify_state for s in failed}


@tagged("post_install", "-at_install")
class TestSealChain(SealChainFixture, HoaCommitteeCase):
    """Every seal's hash is given to the committee and kept; Verify compares
    the chain with what was given; only administrators verify and
    acknowledge, and the nightly alert repeats until they do."""

    def alerts(self):
        return self.estate_a.message_ids.filtered(
            lambda m: "no longer match their seals" in (m.body or "")
        )

    def test_each_member_is_given_the_hash(self):
        for seal, record in (
            (self.statement_seal, self.disclosure),
            (self.letter_seal, self.matter),
        ):
            receipts = seal.receipt_ids
            self.assertEqual(receipts.partner_id, self.members)
            self.assertEqual(set(receipts.mapped("chain_hash")), {seal.chain_hash})
            self.assertEqual(set(receipts.mapped("sequence")), {seal.sequence})
            self.assertTrue(all(receipts.mapped("sent_at")))
            by_email = receipts.filtered("mail_id")
            self.assertEqual(by_email.partner_id, self.members[:3])
            self.assertEqual(set(by_email.mapped("channel")), {"email"})
            self.assertEqual(set((receipts - by_email).mapped("channel")), {"portal"})
            for receipt in by_email:
                mail = receipt.mail_id
                self.assertEqual(mail.recipient_ids, receipt.partner_id)
                self.assertIn(seal.chain_hash, mail.body_html)
                self.assertIn(f"/hoa/verify?hash={seal.chain_hash}", mail.body_html)
                self.assertIn(record.display_name, mail.subject)
            note = record.message_ids.filtered(
                lambda m, seal=seal: seal.chain_hash in (m.body or "")
            )
            self.assertEqual(len(note), 1)
        # what was given is never changed nor deleted
        receipt = self.letter_seal.receipt_ids[0]
        with self.assertRaisesRegex(UserError, "never changed"):
            receipt.chain_hash = "0" * 64
        with self.assertRaisesRegex(UserError, "never deleted"):
            receipt.unlink()

    def test_the_pdf_carries_the_qr_code_of_the_verify_page(self):
        report = self.env.ref("hoa_committee.action_report_matter_letter")
        html = report._render_qweb_html(report.report_name, self.matter.ids)[0]
        html = html.decode()
        self.assertIn(f"/hoa/verify?hash={self.letter_seal.chain_hash}", html)
        self.assertRegex(html, r'<img[^>]+src="data:image/png;base64,')
        # the hash in text too: in the seal line and beside the code
        text = re.sub(r"<[^>]+>", " ", html)
        self.assertGreaterEqual(text.count(self.letter_seal.chain_hash), 2)

    def test_a_rewritten_chain_is_reported(self):
        self.rewrite_chain()
        self.assertEqual(
            self.verify(),
            {("hoa.matter", self.matter.id): "rewritten"},
        )

    def test_a_truncated_chain_is_reported(self):
        self.truncate_chain()
        self.assertEqual(
            self.verify(), {("hoa.disclosure", self.disclosure.id): "truncated"}
        )

    def test_a_chain_deleted_whole_is_alerted(self):
        self.admin_both.company_id = self.env.company
        self.truncate_chain()
        self.sql("DELETE FROM hoa_archive_seal WHERE id = %s", [self.statement_seal.id])
        self.env["hoa.archive.seal"]._cron_verify()
        alert = self.estate_a.message_ids.filtered(
            lambda m: "has no seal left" in (m.body or "")
        )
        self.assertEqual(len(alert), 1)
        self.assertIn(self.admin_both.partner_id, alert.partner_ids)
        self.assertIn("seals 1, 2", alert.body)

    def test_a_record_named_by_a_given_hash_stays_frozen(self):
        self.truncate_chain()
        self.assertFalse(self.matter.seal_id)
        with self.assertRaisesRegex(UserError, "sealed"):
            self.matter.subject = "Lift repair"
        with self.assertRaisesRegex(UserError, "sealed"):
            self.matter.description = "<p>Nothing leaks.</p>"
        self.env.invalidate_all()
        self.assertEqual(self.matter.subject, "Roof repair")

    def test_only_administrators_verify_and_acknowledge(self):
        self.rewrite_chain()
        Seal = self.env["hoa.archive.seal"]
        for user in (self.manager_a, self.leader_1, self.staff_a):
            with self.assertRaises(AccessError):
                Seal.with_user(user).action_verify()
            with self.assertRaises(AccessError):
                self.letter_seal.with_user(user).action_acknowledge()
            with self.assertRaises(AccessError):
                self.env["hoa.archive.seal.acknowledge.wizard"].with_user(user).create(
                    {"seal_ids": [Command.set(self.letter_seal.ids)], "reason": "x"}
                )
        self.assertEqual(self.letter_seal.verify_state, "ok", "nobody verified")
        action = Seal.with_user(self.admin_both).action_verify()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(self.letter_seal.verify_state, "rewritten")

    def test_the_alert_repeats_until_an_administrator_acknowledges(self):
        self.admin_both.company_id = self.env.company
        Seal = self.env["hoa.archive.seal"]
        self.sql(
            "UPDATE hoa_matter SET subject = 'Lift repair' WHERE id = %s",
            [self.matter.id],
        )
        Seal._cron_verify()
        # an administrator running Verify before the night does not silence it
        Seal.with_user(self.admin_both).action_verify()
        Seal._cron_verify()
        self.assertEqual(len(self.alerts()), 2)
        self.assertIn(self.admin_both.partner_id, self.alerts().partner_ids)

        action = self.letter_seal.with_user(self.admin_both).action_acknowledge()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.admin_both)
            .with_context(**action["context"])
            .create({"reason": "Subject corrected by the head office, see ticket 88"})
        )
        self.assertEqual(wizard.seal_ids, self.letter_seal)
        wizard.action_acknowledge()
        self.assertTrue(self.letter_seal.verify_acknowledged)
        self.assertEqual(self.letter_seal.acknowledged_by_id, self.admin_both)
        self.assertIn("ticket 88", self.letter_seal.acknowledge_reason)
        note = self.estate_a.message_ids.filtered(
            lambda m: "ticket 88" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        Seal._cron_verify()
        self.assertEqual(len(self.alerts()), 2, "acknowledged: no new alert")

        # a new change to the same record is a new finding: alerted again
        self.sql(
            "UPDATE hoa_matter SET subject = 'Gate repair' WHERE id = %s",
            [self.matter.id],
        )
        Seal._cron_verify()
        self.assertEqual(len(self.alerts()), 3)
        self.assertFalse(self.letter_seal.verify_acknowledged)


@tagged("post_install", "-at_install")
class TestSealVerifyHttp(SealChainFixture, HoaPortalCase):
    """The public page /hoa/verify, the hash in the members' portal, and
    the verification refused through JSON-RPC to members and heads."""

    def public(self):
        if getattr(self, "session", None):
            self.logout()

    def verify_page(self, value):
        self.public()
        response = self.url_open(f"/hoa/verify?hash={value}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("/web/login?redirect", response.url)
        return response.text

    def assert_nothing_of(self, html, *seals):
        for seal in seals:
            self.assertNotIn(seal.chain_hash, html)
            self.assertNotIn(seal.content_hash, html)
            self.assertNotIn(seal.name, html)

    def test_a_matching_hash_names_its_seal_only(self):
        html = self.verify_page(self.letter_seal.chain_hash)
        self.assertIn("o_hoa_verify_match", html)
        for value in (
            self.estate_a.name,
            self.letter_seal.name,
            str(self.letter_seal._sealed_date()),
        ):
            self.assertIn(value, html)
        self.assertRegex(html, r'o_hoa_verify_sequence"\s*>\s*2\s*<')
        self.assertNotIn(self.letter_seal.content_hash, html)
        self.assert_nothing_of(html, self.statement_seal)
        self.assertNotIn("Roof repair", html.replace(self.letter_seal.name, ""))
        for partner in self.members:
            self.assertNotIn(partner.name, html)
        # in Chinese for a visitor who asked for no language (the addon's own
        # words are Chinese once i18n/hoa_committee.pot lists them)
        self.assertIn("登录", html)

    def test_a_wrong_or_partial_hash_matches_nothing(self):
        for value in (
            "ab" * 32,
            self.letter_seal.chain_hash[:63],
            self.letter_seal.chain_hash[:8],
        ):
            html = self.verify_page(value)
            self.assertNotIn("o_hoa_verify_match", html)
            self.assert_nothing_of(html, self.letter_seal, self.statement_seal)
            self.assertNotIn(self.estate_a.name, html)
        self.assertIn("o_hoa_verify_unknown", self.verify_page("ab" * 32))
        self.assertIn(
            "o_hoa_verify_error_not_a_hash",
            self.verify_page(self.letter_seal.chain_hash[:63]),
        )

    def test_a_hash_given_before_the_chain_was_rewritten(self):
        given = self.letter_seal.chain_hash
        self.rewrite_chain()
        html = self.verify_page(given)
        self.assertIn("o_hoa_verify_changed", html)
        self.assertNotIn("o_hoa_verify_match", html)
        self.assertNotIn(self.estate_a.name, html)

    def test_the_sealed_pdf_is_verified_by_upload(self):
        report = self.env.ref("hoa_committee.action_report_matter_letter")
        pdf, _kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.matter.ids
        )
        self.public()
        page = self.url_open("/hoa/verify").text
        token = re.search(r'name="csrf_token"\s+value="([^"]+)"', page).group(1)
        response = self.url_open(
            "/hoa/verify",
            data={"csrf_token": token},
            files={"pdf": ("letter.pdf", pdf, "application/pdf")},
        )
        self.assertIn("o_hoa_verify_match", response.text)
        self.assertIn(self.letter_seal.name, response.text)
        self.assert_nothing_of(response.text, self.statement_seal)
        response = self.url_open(
            "/hoa/verify",
            data={"csrf_token": token},
            files={"pdf": ("other.pdf", b"%PDF-1.4 nothing", "application/pdf")},
        )
        self.assertIn("o_hoa_verify_error_no_seal", response.text)
        self.assertNotIn(self.estate_a.name, response.text)

    def test_a_member_sees_the_hash_in_the_portal(self):
        receipt = self.letter_seal.receipt_ids.filtered(
            lambda r: r.partner_id == self.portal_a.partner_id
        )
        self.assertFalse(receipt.portal_seen_at)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        html = self.url_open(self.matter.access_url).text
        self.assertIn(self.letter_seal.chain_hash, html)
        self.assertIn(f"/hoa/verify?hash={self.letter_seal.chain_hash}", html)
        self.env.invalidate_all()
        self.assertTrue(receipt.portal_seen_at)
        html = self.url_open("/my/committee/seals").text
        self.assertIn(self.letter_seal.chain_hash, html)
        self.assertIn(self.statement_seal.chain_hash, html)
        # estate B's seals are not estate A's members' business
        matter_b = self.delivered_matter(self.committee_b)
        self.assertNotIn(
            matter_b.seal_id.chain_hash, self.url_open("/my/committee/seals").text
        )

    def test_nobody_but_an_administrator_verifies_through_json_rpc(self):
        self.rewrite_chain()
        self.env.flush_all()
        before = self.letter_seal.verified_at, self.letter_seal.verify_state
        for login in ("hoa_t_portal_a", "hoa_t_owner_a", "hoa_t_manager_a", None):
            if login:
                self.authenticate(login, login)
            else:
                self.logout()
            for method, args in (
                ("action_verify", [[]]),
                ("action_acknowledge", [self.letter_seal.ids]),
                ("_verify", [[]]),
                ("_cron_verify", [[]]),
                ("_acknowledge", [self.letter_seal.ids, "x"]),
            ):
                with self.subTest(login=login, method=method):
                    answer = self.call_kw("hoa.archive.seal", method, args)
                    self.assertIn("error", answer)
        self.env.invalidate_all()
        self.assertEqual(
            (self.letter_seal.verified_at, self.letter_seal.verify_state), before
        )
        self.assertFalse(self.letter_seal.acknowledged_at)
        self.assertEqual(
            self.env["hoa.archive.seal.acknowledge.wizard"].search_count([]), 0
        )


@tagged("post_install", "-at_install")
class TestSealVerifyTour(SealChainFixture, HoaPortalCase):
    def test_verify_in_the_list_shows_what_it_found(self):
        self.admin_both.lang = "zh_CN"
        self.admin_both.company_id = self.env.company
        self.env.registry.clear_cache()
        # the letter changed behind the ORM's back
        self.sql(
            "UPDATE hoa_matter SET subject = '屋面维修（改）' WHERE id = %s",
            [self.matter.id],
        )
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_archive_seal_action",
            "hoa_seal_verify_notifies",
            login="hoa_t_admin",
        )
        self.env.invalidate_all()
        self.assertEqual(self.letter_seal.verify_state, "altered")
