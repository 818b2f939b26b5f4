import base64
import socket
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HoaCommitteeCase
from .local_tsa import LocalTsa


def closed_port_url():
    """A localhost URL nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


@tagged("post_install", "-at_install")
class TestSealTimestamp(HoaCommitteeCase):
    """Estate A's chain timestamped by a real RFC 3161 authority running on
    localhost (``openssl ts`` with a CA made for the test)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tsa = LocalTsa()
        cls.addClassCleanup(cls.tsa.stop)

    def setUp(self):
        super().setUp()
        self.env.company.write(
            {"hoa_tsa_url": self.tsa.url, "hoa_tsa_certificate": self.tsa.ca_pem}
        )
        self.letter = self.deliver_letter("Roof repair")
        self.disclosure = self.env["hoa.disclosure"].create(
            {
                "community_id": self.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create(
                        {"category": "fund_opening", "name": "Fund", "amount": 842_000}
                    )
                ],
            }
        )
        self.disclosure._publish_unreviewed("test")
        self.Stamp = self.env["hoa.seal.timestamp"]

    def deliver_letter(self, subject):
        matter = self.env["hoa.matter"].create(
            {
                "subject": subject,
                "community_id": self.estate_a.id,
                "category": "repair_fund",
                "planned_date": self.env.company._hoa_today() + timedelta(days=30),
                "description": "<p>The roof of building 5 leaks.</p>",
                "delivery_method": "hand",
            }
        )
        self.deliver(matter, self.env.company._hoa_today())
        return matter

    def seals(self):
        return self.env["hoa.archive.seal"].search(
            [("community_id", "=", self.estate_a.id)], order="sequence"
        )

    def stamps(self):
        return self.Stamp.search([("community_id", "=", self.estate_a.id)])

    def sql(self, query, params):
        """Change the database behind the ORM's back, as a forger would."""
        self.env.flush_all()
        self.env.cr.execute(query, params)
        self.env.invalidate_all()

    def verify(self):
        self.env.invalidate_all()
        failed = self.env["hoa.archive.seal"]._verify(self.estate_a)
        return {seal.sequence: seal.verify_state for seal in failed}

    def openssl_verify(self, token, digest):
        """Check a token with OpenSSL itself, against the test CA."""
        with tempfile.TemporaryDirectory() as folder:
            Path(folder, "token.der").write_bytes(token)
            Path(folder, "ca.crt").write_text(self.tsa.ca_pem)
            Path(folder, "tsa.crt").write_bytes(
                (self.tsa.folder / "tsa.crt").read_bytes()
            )
            result = subprocess.run(
                [
                    "openssl", "ts", "-verify", "-token_in", "-in", "token.der",
                    "-digest", digest, "-CAfile", "ca.crt", "-untrusted", "tsa.crt",
                ],
                cwd=folder, capture_output=True, text=True, check=False,
            )  # fmt: skip
        return result.returncode == 0 and "Verification: OK" in result.stdout

    # ------------------------------------------------------------------

    def test_the_chain_head_is_stamped_once(self):
        before, existing = self.tsa.requests, self.Stamp.search_count([])
        self.Stamp._cron_stamp()
        head = self.seals()[-1]
        stamp = self.stamps()
        # one request per stamp (the demo estates' heads are stamped too)
        stamped = self.tsa.requests - before
        self.assertEqual(self.Stamp.search_count([]) - existing, stamped)
        self.assertEqual(len(stamp), 1)
        self.assertEqual(stamp.seal_id, head)
        self.assertEqual(stamp.chain_hash, head.chain_hash)
        self.assertEqual(stamp.tsa_name, "HOA Test TSA")
        self.assertEqual(stamp.tsa_url, self.tsa.url)
        self.assertTrue(stamp.serial)
        self.assertLess(
            abs(stamp.gen_time - fields.Datetime.now()), timedelta(minutes=2)
        )
        # what OpenSSL itself says of the stored token: signed by the test
        # authority, over the head's chain hash
        token = base64.b64decode(stamp.token)
        self.assertTrue(self.openssl_verify(token, head.chain_hash))
        self.assertFalse(self.openssl_verify(token, self.seals()[0].chain_hash))
        # the next night: nothing new, nothing asked
        self.Stamp._cron_stamp()
        self.assertEqual(self.stamps(), stamp)
        self.assertEqual(self.tsa.requests, before + stamped)
        # a new seal is the new head: stamped the night after
        self.deliver_letter("Lift repair")
        self.Stamp._cron_stamp()
        self.assertEqual(self.stamps().seal_id, self.seals()[-2:])
        self.assertEqual(self.verify(), {})
        self.assertEqual(set(self.stamps().mapped("verify_state")), {"ok"})

    def test_every_seal_when_the_setting_asks(self):
        self.env.company.hoa_tsa_every_seal = True
        cron = self.env.ref("hoa_committee.ir_cron_seal_timestamp")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        letter = self.deliver_letter("Lift repair")
        # sealing asked for a run soon, and did not wait for the authority
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            len(triggers),
        )
        self.assertFalse(self.stamps())
        self.Stamp._cron_stamp()
        self.assertEqual(self.stamps().seal_id, self.seals())
        self.assertEqual(self.Stamp._covering(letter.seal_id).seal_id, letter.seal_id)

    def test_a_tampered_token_is_reported(self):
        self.Stamp._cron_stamp()
        stamp = self.stamps()
        token = bytearray(base64.b64decode(stamp.token))
        token[-20] ^= 0x01  # a bit of the signature
        self.sql(
            "UPDATE hoa_seal_timestamp SET token = %s WHERE id = %s",
            [base64.b64encode(bytes(token)), stamp.id],
        )
        head = self.seals()[-1]
        self.assertEqual(self.verify(), {head.sequence: "broken"})
        self.assertEqual(stamp.verify_state, "tampered")
        action = self.env["hoa.archive.seal"].action_verify()
        self.assertEqual(action["params"]["type"], "danger")

    def test_a_token_of_another_authority_is_reported(self):
        # a forger stamps the hash with an authority of their own
        self.Stamp._cron_stamp()
        stamp = self.stamps()
        forger = LocalTsa("Forged TSA")
        self.addCleanup(forger.stop)
        self.env.company.write(
            {"hoa_tsa_url": forger.url, "hoa_tsa_certificate": forger.ca_pem}
        )
        self.deliver_letter("Lift repair")
        self.Stamp._cron_stamp()
        forged = self.stamps() - stamp
        self.env.company.write(
            {"hoa_tsa_url": self.tsa.url, "hoa_tsa_certificate": self.tsa.ca_pem}
        )
        self.sql(
            "UPDATE hoa_seal_timestamp SET token = "
            "(SELECT token FROM hoa_seal_timestamp WHERE id = %s) WHERE id = %s",
            [forged.id, stamp.id],
        )
        self.sql("DELETE FROM hoa_seal_timestamp WHERE id = %s", [forged.id])
        self.assertEqual(self.verify(), {stamp.seal_id.sequence: "broken"})
        self.assertEqual(stamp.verify_state, "tampered")

    def test_a_former_authority_still_verifies(self):
        # the company moves to another authority and keeps the former one's
        # certificate beside the new one's
        self.Stamp._cron_stamp()
        successor = LocalTsa("Successor TSA")
        self.addCleanup(successor.stop)
        self.env.company.write(
            {
                "hoa_tsa_url": successor.url,
                "hoa_tsa_certificate": successor.ca_pem + self.tsa.ca_pem,
            }
        )
        self.deliver_letter("Lift repair")
        self.Stamp._cron_stamp()
        self.assertEqual(
            self.stamps().mapped("tsa_name"), ["Successor TSA", "HOA Test TSA"]
        )
        self.assertEqual(self.verify(), {})
        self.assertEqual(set(self.stamps().mapped("verify_state")), {"ok"})
        # without it, the former authority's tokens no longer verify
        self.env.company.hoa_tsa_certificate = successor.ca_pem
        self.assertEqual(self.verify(), {2: "broken"})

    def test_a_chain_changed_after_its_timestamp_is_reported(self):
        self.Stamp._cron_stamp()
        stamp = self.stamps()
        # the forger changes the letter and recomputes the whole chain: the
        # chain alone holds together again
        self.sql(
            "UPDATE hoa_matter SET subject = 'Lift repair' WHERE id = %s",
            [self.letter.id],
        )
        Seal = self.env["hoa.archive.seal"]
        previous = "0" * 64
        for seal in self.seals():
            record = self.env[seal.res_model].browse(seal.res_id)
            content = record._seal_digest()
            chain = Seal._chain(
                previous, content, seal.kind, seal.res_model, seal.res_id, seal.sequence
            )
            self.sql(
                "UPDATE hoa_archive_seal SET content_hash = %s, previous_hash = %s, "
                "chain_hash = %s WHERE id = %s",
                [content, previous, chain, seal.id],
            )
            previous = chain
        self.assertNotEqual(self.seals()[-1].chain_hash, stamp.chain_hash)
        # ... but not with its timestamp (nor with the hashes the committee
        # was given, which Verify reports as well)
        self.assertIn(self.seals()[-1].sequence, self.verify())
        self.assertEqual(stamp.verify_state, "changed")

    def test_an_unreachable_authority_is_logged_and_retried(self):
        self.admin_both.company_id = self.env.company
        self.env.company.write(
            {"hoa_tsa_url": closed_port_url(), "hoa_tsa_every_seal": True}
        )
        # sealing is not held up
        letter = self.deliver_letter("Lift repair")
        self.assertTrue(letter.seal_id)
        self.Stamp._cron_stamp()
        self.assertFalse(self.stamps())
        notes = self.estate_a.message_ids.filtered(
            lambda m: self.env.company.hoa_tsa_url in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertIn("tried again next night", notes.body)
        self.assertIn(self.admin_both.partner_id, notes.partner_ids)
        # the next night the authority answers: every seal is stamped
        self.env.company.hoa_tsa_url = self.tsa.url
        self.Stamp._cron_stamp()
        self.assertEqual(self.stamps().seal_id, self.seals())

    def test_timestamps_are_never_changed_or_deleted(self):
        self.Stamp._cron_stamp()
        stamp = self.stamps()
        with self.assertRaisesRegex(UserError, "never changed"):
            stamp.chain_hash = "0" * 64
        with self.assertRaises(UserError):
            stamp.verify_state = "tampered"
        with self.assertRaisesRegex(UserError, "never deleted"):
            stamp.unlink()
        # the estate's staff read them, and only read them; others do not
        self.assertFalse(self.Stamp.with_user(self.staff_b).search([]))
        stamp = stamp.with_user(self.staff_a)
        self.assertEqual(stamp.read(["serial"])[0]["serial"], stamp.sudo().serial)
        with self.assertRaises(UserError):
            stamp.chain_hash = "0" * 64

    def test_the_timestamp_is_printed_under_the_seal(self):
        report = self.env.ref("hoa_committee.action_report_matter_letter")

        def html():
            return report._render_qweb_html(report.report_name, self.letter.ids)[
                0
            ].decode()

        self.assertNotIn("o_hoa_seal_timestamp", html())
        self.Stamp._cron_stamp()
        stamp = self.stamps()
        # the first letter is proved by the timestamp of the head (link 2)
        self.assertEqual(stamp.seal_id.sequence, 2)
        printed = html()
        self.assertIn("o_hoa_seal_timestamp", printed)
        self.assertIn("HOA Test TSA", printed)
        self.assertIn(f"<span>{stamp.serial}</span>", printed)
        # the time in the company's zone (Beijing, UTC+8), in its language
        beijing = stamp.gen_time + timedelta(hours=8)
        self.assertIn(beijing.strftime("%Y年%m月%d日 %H时%M分%S秒"), printed)

    def test_settings_page(self):
        self.env.company.write({"hoa_tsa_url": False, "hoa_tsa_certificate": False})
        settings = Form(self.env["res.config.settings"])
        settings.hoa_tsa_url = self.tsa.url
        settings.hoa_tsa_certificate = self.tsa.ca_pem
        settings.hoa_tsa_every_seal = True
        settings.save().execute()
        self.assertEqual(self.env.company.hoa_tsa_url, self.tsa.url)
        self.assertEqual(self.env.company.hoa_tsa_certificate, self.tsa.ca_pem)
        self.assertTrue(self.env.company.hoa_tsa_every_seal)
        for values, message in (
            ({"hoa_tsa_certificate": "not a certificate"}, "not a PEM certificate"),
            ({"hoa_tsa_url": "ftp://tsa.example.cn"}, "starts with http"),
        ):
            with (
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self.env.company.write(values)
            self.assertEqual(self.env.company.hoa_tsa_url, self.tsa.url)
