import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SCAN
from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestVoteIntegrity(HoaPortalCase):
    """The exploits of the penetration test against the owners' vote,
    replayed through JSON-RPC as the role that found them: each is refused
    and leaves the roll, the ballots and the tally as they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_c = cls.create_second_company_head()

    def setUp(self):
        super().setUp()
        self.decision = self.open_decision()
        self.voter = self.decision.voter_ids.filtered(
            lambda v: v.partner_id == self.owners[0]
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def rpc(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` through /web/dataset/call_kw as
        ``login``: the JSON answer (``result`` or ``error``)."""
        self.authenticate(login, login)
        self.env.flush_all()
        response = self.call_kw(model, method, list(args), kwargs)
        self.env.invalidate_all()
        return response

    def assertRefused(self, response, exception="odoo.exceptions.AccessError"):
        self.assertIn("error", response, response)
        self.assertEqual(response["error"]["data"]["name"], exception, response)
        return response["error"]["data"]["message"]

    def roll(self):
        self.env.invalidate_all()
        return sorted(
            (v.partner_id.id, v.area_centi, v.unit_count)
            for v in self.env["hoa.decision.voter"].search(
                [("decision_id", "=", self.decision.id)]
            )
        )

    def ballots(self):
        self.env.invalidate_all()
        return sorted(
            (b.id, b.partner_id.id, b.choice, b.channel)
            for b in self.env["hoa.decision.ballot"].search(
                [("decision_id", "=", self.decision.id)]
            )
        )

    # ------------------------------------------------------------------
    # 1. the roll of an open vote
    # ------------------------------------------------------------------

    def test_nobody_changes_the_roll_of_an_open_vote(self):
        roll = self.roll()
        total = self.decision.total_area
        stranger = self.env["res.partner"].create({"name": "Unrelated person"})
        for login in ("hoa_t_staff_a", "hoa_t_manager_a", "hoa_t_admin"):
            with self.subTest(login=login):
                # the area of one voter × 1000
                self.assertRefused(
                    self.rpc(
                        login,
                        "hoa.decision.voter",
                        "write",
                        [self.voter.id],
                        {"area_centi": self.voter.area_centi * 1000},
                    )
                )
                # a stranger with 100,000 m²
                self.assertRefused(
                    self.rpc(
                        login,
                        "hoa.decision.voter",
                        "create",
                        {
                            "decision_id": self.decision.id,
                            "partner_id": stranger.id,
                            "area_centi": 10_000_000,
                            "unit_count": 1,
                        },
                    )
                )
                self.assertRefused(
                    self.rpc(login, "hoa.decision.voter", "unlink", [self.voter.id])
                )
                # through the decision's one2many
                self.assertIn(
                    "error",
                    self.rpc(
                        login,
                        "hoa.decision",
                        "write",
                        [self.decision.id],
                        {
                            "voter_ids": [
                                Command.update(self.voter.id, {"area_centi": 1}),
                                Command.create(
                                    {
                                        "partner_id": stranger.id,
                                        "area_centi": 10_000_000,
                                    }
                                ),
                            ]
                        },
                    ),
                )
                # nor around the freeze: back to draft without the wizard
                self.assertRefused(
                    self.rpc(
                        login,
                        "hoa.decision",
                        "write",
                        [self.decision.id],
                        {"state": "draft"},
                    ),
                    "odoo.exceptions.UserError",
                )
        self.assertEqual(self.roll(), roll)
        self.assertEqual(self.decision.total_area, total)
        self.assertEqual(self.decision.state, "open")

    def test_reopen_to_draft_with_a_reason_freezes_a_new_roll(self):
        head = self.decision.with_user(self.manager_a)
        action = head.action_draft()
        self.assertEqual(action["res_model"], "hoa.decision.draft.wizard")
        Wizard = self.env["hoa.decision.draft.wizard"].with_user(self.manager_a)
        wizard = Wizard.with_context(**action["context"]).create({"reason": "   "})
        with self.assertRaisesRegex(UserError, "Say why"):
            wizard.action_reopen()
        self.assertEqual(self.decision.state, "open")
        wizard = Wizard.with_context(**action["context"]).create(
            {"reason": "5-101 was registered with the wrong area"}
        )
        wizard.action_reopen()
        self.assertEqual(self.decision.state, "draft")
        self.assertFalse(self.decision.voter_ids)
        self.assertIn(
            "5-101 was registered with the wrong area",
            self.decision.message_ids[0].body,
        )
        unit = self.env["hoa.unit"].search(
            [("community_id", "=", self.estate_a.id), ("name", "=", "5-101")]
        )
        unit.area = 95.25
        head.action_open()
        self.assertEqual(
            self.decision.voter_ids.filtered(
                lambda v: v.partner_id == self.owners[0]
            ).area_centi,
            9525,
        )
        # a portal user cannot reopen it
        with self.assertRaises(AccessError):
            self.decision.with_user(self.owner_a).action_draft()
        self.assertEqual(self.decision.state, "open")

    # ------------------------------------------------------------------
    # 2. the owner's portal ballot; entered ballots
    # ------------------------------------------------------------------

    def test_staff_cannot_touch_an_owners_portal_ballot(self):
        self.decision.with_user(self.owner_a)._portal_cast("agree")
        ballot = self.decision.ballot_ids
        self.assertEqual((ballot.channel, ballot.choice), ("portal", "agree"))
        before = self.ballots()
        for login in ("hoa_t_staff_a", "hoa_t_manager_a", "hoa_t_admin"):
            with self.subTest(login=login):
                for vals in (
                    {"choice": "oppose"},
                    {"choice": "oppose", "correction_reason": "owner phoned"},
                    {"channel": "paper"},
                ):
                    self.assertRefused(
                        self.rpc(
                            login, "hoa.decision.ballot", "write", [ballot.id], vals
                        ),
                        "odoo.exceptions.UserError",
                    )
                self.assertIn(
                    "error",
                    self.rpc(login, "hoa.decision.ballot", "unlink", [ballot.id]),
                )
        # nor can staff pass a ballot they enter off as cast in the portal
        self.assertRefused(
            self.rpc(
                "hoa_t_staff_a",
                "hoa.decision.ballot",
                "create",
                {
                    "decision_id": self.decision.id,
                    "partner_id": self.owners[2].id,
                    "choice": "agree",
                    "channel": "portal",
                },
            ),
            "odoo.exceptions.UserError",
        )
        self.assertEqual(self.ballots(), before)
        # the owner still changes it
        self.decision.with_user(self.owner_a)._portal_cast("oppose")
        self.assertEqual(ballot.choice, "oppose")

    def test_correcting_an_entered_ballot_needs_a_reason_and_is_recorded(self):
        Ballot = self.env["hoa.decision.ballot"].with_user(self.staff_a)
        ballot = Ballot.create(
            {
                "decision_id": self.decision.id,
                "partner_id": self.owners[0].id,
                "choice": "agree",
                "scan": SCAN,
                "channel": "paper",
            }
        )
        message = self.assertRefused(
            self.rpc(
                "hoa_t_staff_a",
                "hoa.decision.ballot",
                "write",
                [ballot.id],
                {"choice": "oppose"},
            ),
            "odoo.exceptions.UserError",
        )
        self.assertIn("needs the reason", message)
        self.assertEqual(ballot.choice, "agree")
        self.assertNotIn(
            "result",
            self.rpc("hoa_t_staff_a", "hoa.decision.ballot", "unlink", [ballot.id]),
        )
        self.assertTrue(ballot.exists())
        response = self.rpc(
            "hoa_t_staff_a",
            "hoa.decision.ballot",
            "write",
            [ballot.id],
            {"choice": "oppose", "correction_reason": "misread the paper ballot"},
        )
        self.assertTrue(response.get("result"), response)
        self.assertEqual(ballot.choice, "oppose")
        note = self.decision.message_ids[0].body
        self.assertIn("misread the paper ballot", note)
        self.assertIn("Agree → Oppose", note)

    def test_a_ballot_stays_on_its_owners_roll_entry(self):
        """The re-run of the probe pointed a paper ballot of an owner of
        85 m² at the developer's roll entry through RPC: the agreeing area
        jumped to 2,583 m² and the sealed result verified as intact."""
        ballot = (
            self.env["hoa.decision.ballot"]
            .with_user(self.staff_a)
            .create(
                {
                    "decision_id": self.decision.id,
                    "partner_id": self.owners[0].id,
                    "choice": "agree",
                    "scan": SCAN,
                    "channel": "paper",
                }
            )
        )
        other = self.decision.voter_ids.filtered(
            lambda v: v.partner_id == self.owners[1]
        )
        self.assertTrue(other)
        agree_area = self.decision.agree_area
        self.assertAlmostEqual(agree_area, self.voter.area)
        for login in ("hoa_t_staff_a", "hoa_t_manager_a"):
            message = self.assertRefused(
                self.rpc(
                    login,
                    "hoa.decision.ballot",
                    "write",
                    [ballot.id],
                    {"voter_id": other.id, "correction_reason": "moved"},
                ),
                "odoo.exceptions.UserError",
            )
            self.assertIn("computed", message)
        self.assertEqual(ballot.voter_id, self.voter)
        self.decision.invalidate_recordset()
        self.assertEqual(self.decision.agree_area, agree_area)
        # nor is a new ballot created on someone else's entry
        self.assertRefused(
            self.rpc(
                "hoa_t_staff_a",
                "hoa.decision.ballot",
                "create",
                {
                    "decision_id": self.decision.id,
                    "partner_id": self.owners[2].id,
                    "voter_id": other.id,
                    "choice": "agree",
                    "scan": SCAN,
                },
            ),
            "odoo.exceptions.UserError",
        )
        self.assertEqual(len(self.ballots()), 1)

    def test_what_owners_vote_on_is_fixed_once_voting_opens(self):
        before = (self.decision.name, self.decision.description)
        for values in (
            {"description": "<p>A different question</p>"},
            {"name": "A different title"},
        ):
            self.assertRefused(
                self.rpc(
                    "hoa_t_staff_a", "hoa.decision", "write", [self.decision.id], values
                ),
                "odoo.exceptions.UserError",
            )
        self.assertEqual((self.decision.name, self.decision.description), before)

    def test_a_ballot_entered_from_paper_needs_its_scan(self):
        """The signed paper is the evidence of a ballot entered by staff (by
        the owner or by a proxy); a ballot cast in the portal has none."""
        values = {
            "decision_id": self.decision.id,
            "partner_id": self.owners[0].id,
            "choice": "agree",
            "channel": "paper",
        }
        proxy = {
            **values,
            "channel": "proxy",
            "proxy_name": "王小明",
            "proxy_authorisation": base64.b64encode(b"%PDF-1.4 authorised").decode(),
        }
        for vals in (values, proxy):
            message = self.assertRefused(
                self.rpc("hoa_t_staff_a", "hoa.decision.ballot", "create", vals),
                "odoo.exceptions.ValidationError",
            )
            self.assertIn("attach the scan of the signed ballot", message)
        self.assertFalse(self.ballots())
        response = self.rpc(
            "hoa_t_staff_a",
            "hoa.decision.ballot",
            "create",
            {**values, "scan": SCAN, "scan_name": "ballot.png"},
        )
        self.assertTrue(response.get("result"), response)
        ballot = self.env["hoa.decision.ballot"].browse(response["result"])
        # nor is the scan taken away from it afterwards
        self.assertRefused(
            self.rpc(
                "hoa_t_staff_a",
                "hoa.decision.ballot",
                "write",
                [ballot.id],
                {"scan": False, "correction_reason": "wrong file"},
            ),
            "odoo.exceptions.ValidationError",
        )
        self.assertEqual(ballot.scan.decode(), SCAN)
        # the owner's own ballot in the portal needs no scan
        self.decision.with_user(self.owner_a)._portal_cast("oppose")
        self.assertEqual(len(self.ballots()), 2)

    def test_the_scan_of_a_ballot_changes_only_through_its_correction(self):
        """The pen-tester replaced the scan of an entered paper ballot by
        writing its file (``ir.attachment``) directly, with no reason and no
        trace on the decision."""
        ballot = (
            self.env["hoa.decision.ballot"]
            .with_user(self.staff_a)
            .create(
                {
                    "decision_id": self.decision.id,
                    "partner_id": self.owners[0].id,
                    "choice": "agree",
                    "scan": SCAN,
                    "scan_name": "ballot.png",
                }
            )
        )
        Attachment = self.env["ir.attachment"]
        held = [
            ("res_model", "=", ballot._name),
            ("res_id", "=", ballot.id),
            ("res_field", "!=", False),
        ]
        scan = Attachment.search(held)
        self.assertEqual(scan.res_field, "scan")
        loose = Attachment.with_user(self.staff_a).create(
            {"name": "forged.pdf", "raw": b"%PDF-1.4 forged"}
        )
        forged = base64.b64encode(b"%PDF-1.4 forged").decode()

        def files():
            self.env.invalidate_all()
            return sorted(Attachment.search(held).mapped(lambda a: (a.id, a.checksum)))

        before = files()
        target = {"res_model": ballot._name, "res_id": ballot.id, "res_field": "scan"}
        for login in ("hoa_t_staff_a", "hoa_t_manager_a"):
            for method, args in (
                ("write", [scan.ids, {"datas": forged}]),
                ("write", [scan.ids, {"name": "forged.pdf"}]),
                ("unlink", [scan.ids]),
                ("create", [{"name": "scan", "datas": forged, **target}]),
                ("write", [loose.ids, target]),
            ):
                with self.subTest(login=login, method=method, args=args):
                    message = self.assertRefused(
                        self.rpc(login, "ir.attachment", method, *args),
                        "odoo.exceptions.UserError",
                    )
                    self.assertIn("never by writing, adding or deleting", message)
                    self.assertEqual(files(), before)
                    self.assertEqual(ballot.scan.decode(), SCAN)
        # the ballot's own correction replaces it, with the reason on the record
        response = self.rpc(
            "hoa_t_staff_a",
            "hoa.decision.ballot",
            "write",
            [ballot.id],
            {"scan": forged, "correction_reason": "the first scan was blurred"},
        )
        self.assertTrue(response.get("result"), response)
        self.assertEqual(ballot.scan.decode(), forged)
        self.assertEqual(len(files()), 1)
        note = self.decision.message_ids[0].body
        self.assertIn("the first scan was blurred", note)
        self.assertIn("Scanned Ballot", note)

    def test_a_proxy_ballot_needs_the_written_authorisation(self):
        values = {
            "decision_id": self.decision.id,
            "partner_id": self.owners[0].id,
            "choice": "agree",
            "scan": SCAN,
            "channel": "proxy",
            "proxy_name": "王小明",
        }
        self.assertRefused(
            self.rpc("hoa_t_staff_a", "hoa.decision.ballot", "create", values),
            "odoo.exceptions.ValidationError",
        )
        self.assertFalse(self.ballots())
        values["proxy_authorisation"] = base64.b64encode(b"%PDF-1.4 authorised")
        values["proxy_authorisation_name"] = "authorisation.pdf"
        ballot = self.env["hoa.decision.ballot"].with_user(self.staff_a).create(values)
        self.assertEqual(ballot.proxy_name, "王小明")

    def test_back_office_ballot_after_the_window_is_refused(self):
        ballot = (
            self.env["hoa.decision.ballot"]
            .with_user(self.staff_a)
            .create(
                {
                    "decision_id": self.decision.id,
                    "partner_id": self.owners[0].id,
                    "choice": "agree",
                    "scan": SCAN,
                }
            )
        )
        today = fields.Date.context_today(self.env.user)
        self.decision.date_close = today - timedelta(days=1)
        before = self.ballots()
        self.assertRefused(
            self.rpc(
                "hoa_t_staff_a",
                "hoa.decision.ballot",
                "create",
                {
                    "decision_id": self.decision.id,
                    "partner_id": self.owners[2].id,
                    "choice": "agree",
                    "scan": SCAN,
                    "channel": "paper",
                },
            ),
            "odoo.exceptions.UserError",
        )
        self.assertRefused(
            self.rpc(
                "hoa_t_staff_a",
                "hoa.decision.ballot",
                "write",
                [ballot.id],
                {"choice": "oppose", "correction_reason": "late correction"},
            ),
            "odoo.exceptions.UserError",
        )
        self.assertEqual(self.ballots(), before)

    # ------------------------------------------------------------------
    # 3. the running tally
    # ------------------------------------------------------------------

    @mute_logger("odoo.http")  # the method that no longer exists
    def test_running_tally_is_for_the_estates_staff_until_published(self):
        for partner, choice in ((self.owners[0], "agree"), (self.owners[2], "agree")):
            self.env["hoa.decision.ballot"].create(
                {
                    "decision_id": self.decision.id,
                    "partner_id": partner.id,
                    "choice": choice,
                    "scan": SCAN,
                }
            )
        figures = ["agree_area", "agree_headcount", "participating_area", "passed"]
        running = self.rpc(
            "hoa_t_staff_a", "hoa.decision", "read", [self.decision.id], figures
        )["result"][0]
        self.assertEqual(running["agree_headcount"], 2)
        self.assertAlmostEqual(running["agree_area"], 88.5 + 90.5)
        # the owner and a committee member read the decision, not its figures
        for login in ("hoa_t_owner_a", "hoa_t_portal_a"):
            with self.subTest(login=login):
                values = self.rpc(
                    login, "hoa.decision", "read", [self.decision.id], figures
                )["result"][0]
                self.assertEqual([values[name] for name in figures], [0, 0, 0, False])
                self.assertIn(
                    "error",
                    self.rpc(login, "hoa.decision", "tally", [self.decision.id]),
                )
                self.assertIn(
                    "error",
                    self.rpc(login, "hoa.decision", "_tallies", [self.decision.id]),
                )
        # another company's head reads nothing of it, nor its staff elsewhere
        for login in ("hoa_t_manager_c", "hoa_t_staff_b"):
            with self.subTest(login=login):
                self.assertRefused(
                    self.rpc(login, "hoa.decision", "read", [self.decision.id], figures)
                )
                self.assertIn(
                    "error",
                    self.rpc(login, "hoa.decision", "tally", [self.decision.id]),
                )
        # the owner's page shows no running figures
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = self.url_open(f"/my/decisions/{self.decision.id}").text
        self.assertNotIn("o_hoa_result", page)
        # once published, everyone who reads the decision sees the result
        self.decision.action_close()
        self.decision.action_publish()
        published = self.rpc(
            "hoa_t_owner_a", "hoa.decision", "read", [self.decision.id], figures
        )["result"][0]
        self.assertEqual(published["agree_headcount"], 2)

    # ------------------------------------------------------------------
    # 4. names and votes through error messages
    # ------------------------------------------------------------------

    def test_ballot_creation_tells_outsiders_nothing(self):
        self.env["hoa.decision.ballot"].create(
            {
                "decision_id": self.decision.id,
                "partner_id": self.owners[0].id,
                "choice": "agree",
                "scan": SCAN,
            }
        )
        stranger = self.env["res.partner"].create({"name": "Zhang Stranger"})
        before = self.ballots()
        for login in (
            "hoa_t_owner_a",
            "hoa_t_portal_a",
            "hoa_t_manager_c",
            "hoa_t_staff_b",
        ):
            with self.subTest(login=login):
                messages = set()
                # who voted, who did not, who is not on the roll
                for partner in (self.owners[0], self.owners[2], stranger):
                    message = self.assertRefused(
                        self.rpc(
                            login,
                            "hoa.decision.ballot",
                            "create",
                            {
                                "decision_id": self.decision.id,
                                "partner_id": partner.id,
                                "choice": "agree",
                                "scan": SCAN,
                            },
                        )
                    )
                    for leak in (
                        partner.name,
                        self.decision.name,
                        "already voted",
                        "voter roll",
                    ):
                        self.assertNotIn(leak, message)
                    messages.add(message)
                self.assertEqual(len(messages), 1, messages)
        self.assertEqual(self.ballots(), before)

    # ------------------------------------------------------------------
    # 5. the public methods of the vote
    # ------------------------------------------------------------------

    def test_vote_actions_refuse_portal_users_and_the_public(self):
        public = self.env.ref("base.public_user")
        for user in (self.owner_a, self.portal_a, public):
            decision = self.decision.with_user(user)
            for method in (
                "action_open",
                "action_close",
                "action_publish",
                "action_print_result",
                "action_draft",
            ):
                with (
                    self.subTest(user=user.login, method=method),
                    self.assertRaises(AccessError),
                ):
                    getattr(decision, method)()
        # only the voter himself casts in the portal
        for user in (self.portal_b, public):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.decision.with_user(user)._portal_cast("agree")
        self.assertEqual(self.decision.state, "open")
        self.assertFalse(self.decision.ballot_ids)
