from datetime import timedelta

from hypothesis import (
    given,
    settings,
    strategies as st,
)

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..rules.voting import THREE_QUARTER_ITEMS, Tally, evaluate, with_deemed_consent
from .common import SCAN, HoaCommitteeCase, HoaTransactionCase

ITEMS = [
    "rules_of_procedure",
    "management_statute",
    "committee_election",
    "management_company",
    "fund_use",
    "fund_raising",
    "rebuild",
    "common_use_change",
    "other_major",
]


def brute_force(item, units, developer, ballots):
    """Independent count from units and ballots, with fractions done by
    cross-multiplication on whole hundredths.

    units: [(owner or None, area_centi, developer_held)]
    ballots: {voter: choice}
    """
    voters = {}
    for owner, area, held in units:
        key = developer if held else owner
        voters[key] = voters.get(key, 0) + area
    total_area = sum(voters.values())
    total_heads = len(voters)
    part = {v: a for v, a in voters.items() if v in ballots}
    agree = {v: a for v, a in part.items() if ballots[v] == "agree"}
    pa, ph = sum(part.values()), len(part)
    aa, ah = sum(agree.values()), len(agree)
    participation = pa * 3 >= total_area * 2 and ph * 3 >= total_heads * 2
    if item in THREE_QUARTER_ITEMS:
        agreement = aa * 4 >= pa * 3 and ah * 4 >= ph * 3
    else:
        agreement = aa * 2 > pa and ah * 2 > ph
    return Tally(total_area, total_heads, pa, ph, aa, ah), participation and agreement


@tagged("post_install", "-at_install")
class TestVotingRules(HoaTransactionCase):
    def test_boundaries(self):
        # exactly two thirds of area and heads take part
        at = Tally(300, 9, 200, 6, 101, 4)
        self.assertTrue(evaluate("fund_use", at).participation_ok)
        below = Tally(300, 9, 199, 6, 101, 4)
        self.assertFalse(evaluate("fund_use", below).participation_ok)
        self.assertFalse(
            evaluate("fund_use", Tally(300, 9, 200, 5, 101, 4)).participation_ok
        )
        # more than half: exactly half does not pass
        self.assertFalse(evaluate("fund_use", Tally(300, 9, 200, 6, 100, 4)).passed)
        self.assertFalse(evaluate("fund_use", Tally(300, 9, 200, 6, 101, 3)).passed)
        self.assertTrue(evaluate("fund_use", Tally(300, 9, 200, 6, 101, 4)).passed)
        # three quarters: exactly three quarters passes
        self.assertTrue(evaluate("rebuild", Tally(400, 8, 400, 8, 300, 6)).passed)
        self.assertFalse(evaluate("rebuild", Tally(400, 8, 400, 8, 299, 6)).passed)
        self.assertFalse(evaluate("rebuild", Tally(400, 8, 400, 8, 300, 5)).passed)
        self.assertFalse(evaluate("fund_raising", Tally(400, 8, 400, 8, 299, 8)).passed)
        self.assertTrue(
            evaluate("common_use_change", Tally(400, 8, 400, 8, 300, 6)).passed
        )
        # what is still needed
        result = evaluate("fund_use", Tally(300, 9, 150, 5, 60, 2))
        self.assertEqual((result.missing_part_area, result.missing_part_heads), (50, 1))
        self.assertEqual(
            (result.missing_agree_area, result.missing_agree_heads), (16, 1)
        )

    @given(
        item=st.sampled_from(ITEMS),
        units=st.lists(
            st.tuples(st.integers(0, 6), st.integers(1, 20_000), st.booleans()),
            min_size=1,
            max_size=25,
        ),
        choices=st.lists(
            st.sampled_from([None, "agree", "oppose", "abstain"]),
            min_size=8,
            max_size=8,
        ),
    )
    @settings(max_examples=400, deadline=None)
    def test_rules_against_brute_force(self, item, units, choices):
        developer = "developer"
        voters = sorted(
            {developer if held else owner for owner, _a, held in units}, key=str
        )
        ballots = {
            voter: choices[i % len(choices)]
            for i, voter in enumerate(voters)
            if choices[i % len(choices)]
        }
        tally, expected = brute_force(item, units, developer, ballots)
        self.assertEqual(evaluate(item, tally).passed, expected)
        deemed = with_deemed_consent(item, tally)
        self.assertEqual(
            (deemed.part_area, deemed.part_heads), (tally.total_area, tally.total_heads)
        )


class DecisionCase(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owners = cls.env["res.partner"].create(
            [{"name": f"Owner {i}"} for i in range(6)]
        )
        Unit = cls.env["hoa.unit"]
        # owner 0 holds two units; the developer holds two; 4 other owners
        cls.units = Unit.create(
            [
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-101",
                    "area": 100.25,
                    "owner_id": cls.owners[0].id,
                },
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-102",
                    "area": 80.50,
                    "owner_id": cls.owners[0].id,
                },
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-201",
                    "area": 90.00,
                    "owner_id": cls.owners[1].id,
                },
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-202",
                    "area": 90.00,
                    "owner_id": cls.owners[2].id,
                },
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-301",
                    "area": 120.00,
                    "owner_id": cls.owners[3].id,
                },
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-302",
                    "area": 60.00,
                    "owner_id": cls.owners[4].id,
                },
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-401",
                    "area": 75.00,
                    "developer_held": True,
                },
                {
                    "community_id": cls.estate_a.id,
                    "name": "1-402",
                    "area": 75.00,
                    "developer_held": True,
                },
            ]
        )

    @property
    def today(self):
        return fields.Date.context_today(self.env.user)

    def decision(self, item="fund_use", **values):
        return self.env["hoa.decision"].create(
            {
                "name": "维修3号楼外墙",
                "community_id": self.estate_a.id,
                "item": item,
                "date_open": self.today - timedelta(days=10),
                "date_close": self.today + timedelta(days=20),
                **values,
            }
        )

    def vote(self, decision, partner, choice, **values):
        return self.env["hoa.decision.ballot"].create(
            {
                "decision_id": decision.id,
                "partner_id": partner.id,
                "choice": choice,
                "scan": SCAN,
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestDecision(DecisionCase):
    def test_voter_roll_counts_developer_once_and_owners_once(self):
        decision = self.decision()
        decision.action_open()
        self.assertEqual(decision.total_headcount, 6)  # 5 owners + developer bloc
        self.assertAlmostEqual(decision.total_area, 690.75)
        developer = decision.voter_ids.filtered("is_developer")
        self.assertEqual(developer.partner_id, self.developer)
        self.assertEqual((developer.area_centi, developer.unit_count), (15000, 2))
        owner0 = decision.voter_ids.filtered(lambda v: v.partner_id == self.owners[0])
        self.assertEqual(owner0.area_centi, 18075)
        self.assertEqual(owner0.unit_names, "1-101, 1-102")

    def test_roll_is_frozen_when_voting_opens(self):
        decision = self.decision()
        decision.action_open()
        self.units[0].area = 500
        self.units[2].owner_id = self.owners[5]
        self.env["hoa.unit"].create(
            {
                "community_id": self.estate_a.id,
                "name": "9-999",
                "area": 50,
                "owner_id": self.owners[5].id,
            }
        )
        self.assertAlmostEqual(decision.total_area, 690.75)
        self.assertEqual(decision.total_headcount, 6)
        self.assertFalse(
            decision.voter_ids.filtered(lambda v: v.partner_id == self.owners[5])
        )

    def test_tally_and_result(self):
        decision = self.decision()
        decision.action_open()
        self.vote(decision, self.owners[0], "agree")  # 180.75
        self.vote(decision, self.owners[1], "agree")  # 90
        self.vote(decision, self.owners[3], "oppose")  # 120
        self.vote(decision, self.developer, "abstain")  # 150
        # 4 of 6 owners (exactly 2/3), 540.75 of 690.75 m² take part
        self.assertTrue(decision.participation_ok)
        self.assertEqual(decision.participating_headcount, 4)
        self.assertAlmostEqual(decision.participating_area, 540.75)
        # agree: 270.75 m² (> 270.375) but 2 of 4 owners (not more than half)
        self.assertFalse(decision.passed)
        self.assertEqual(decision.missing_agree_headcount, 1)
        self.assertEqual(decision.missing_agree_area, 0)
        self.vote(decision, self.owners[4], "agree")  # 60; 5 take part, 3 agree
        self.assertTrue(decision.passed)
        # the same ballots: a fund use passes, a rebuild (three quarters) not
        for item, expected in (("fund_use", True), ("rebuild", False)):
            other = self.decision(item=item)
            other.action_open()
            for partner in self.owners[:5]:
                choice = "oppose" if partner == self.owners[3] else "agree"
                self.vote(other, partner, choice)
            self.vote(other, self.developer, "oppose")
            # 420.75 of 690.75 m² and 4 of 6 owners agree
            self.assertAlmostEqual(other.agree_area, 420.75)
            self.assertEqual(other.passed, expected, item)

    def test_deemed_consent_shown_beside(self):
        self.estate_a.decision_deemed_consent = True
        decision = self.decision()
        self.assertTrue(decision.deemed_consent)
        decision.action_open()
        self.vote(decision, self.owners[0], "agree")
        self.vote(decision, self.owners[1], "agree")
        self.vote(decision, self.owners[2], "oppose")
        self.assertFalse(decision.participation_ok)
        self.assertFalse(decision.passed)
        self.assertTrue(decision.passed_deemed)
        self.assertEqual(decision.agree_headcount_deemed, 5)

    def test_one_ballot_per_voter_and_only_voters(self):
        decision = self.decision()
        decision.action_open()
        ballot = self.vote(decision, self.owners[0], "agree")
        with self.assertRaisesRegex(ValidationError, "already voted"):
            self.vote(decision, self.owners[0], "oppose")
        stranger = self.env["res.partner"].create({"name": "Not an owner"})
        with self.assertRaisesRegex(ValidationError, "not on the voter roll"):
            self.vote(decision, stranger, "agree")
        with self.assertRaisesRegex(ValidationError, "proxy"):
            self.vote(decision, self.owners[1], "agree", channel="proxy")
        ballot.choice = "oppose"  # changeable while open
        self.assertEqual(ballot.choice, "oppose")

    def test_no_change_after_closing(self):
        decision = self.decision()
        with self.assertRaisesRegex(UserError, "not open"):
            self.vote(decision, self.owners[0], "agree")
        decision.action_open()
        ballot = self.vote(decision, self.owners[0], "agree")
        decision.action_close()
        with self.assertRaisesRegex(UserError, "not open"):
            ballot.choice = "oppose"
        with self.assertRaisesRegex(UserError, "never deleted"):
            ballot.unlink()
        with self.assertRaisesRegex(UserError, "not open"):
            self.vote(decision, self.owners[1], "agree")
        with self.assertRaisesRegex(UserError, "fixed once voting opens"):
            decision.item = "rebuild"
        decision.action_publish()
        self.assertEqual(decision.state, "published")
        self.assertTrue(decision.objection_end)
        self.assertIn("not passed", decision.message_ids[0].body)

    def test_roll_needs_every_owner(self):
        self.env["hoa.unit"].create(
            {"community_id": self.estate_a.id, "name": "9-001", "area": 50}
        )
        with self.assertRaisesRegex(UserError, "no owner recorded"):
            self.decision().action_open()

    def test_bulk_entry_by_import(self):
        decision = self.decision()
        decision.action_open()
        columns = ["decision_id/.id", "partner_id", "choice", "channel", "scan"]
        result = self.env["hoa.decision.ballot"].load(
            columns,
            [
                [str(decision.id), "Owner 1", "agree", "paper", SCAN],
                [str(decision.id), "Owner 2", "oppose", "paper", SCAN],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(decision.ballot_count, 2)
        result = self.env["hoa.decision.ballot"].load(
            columns, [[str(decision.id), "Owner 1", "agree", "paper", SCAN]]
        )
        self.assertIn(
            "already voted", " ".join(m["message"] for m in result["messages"])
        )

    def test_pdfs_render(self):
        decision = self.decision()
        decision.action_open()
        self.vote(decision, self.owners[0], "agree")
        for xmlid, records in (
            # one voter per PDF: Debian's wkhtmltopdf (unpatched Qt) cannot
            # join several documents into one file
            ("hoa_committee.action_report_decision_ballot", decision.voter_ids[:1]),
            ("hoa_committee.action_report_decision_result", decision),
        ):
            report = self.env.ref(xmlid)
            html = report._render_qweb_html(report.report_name, records.ids)[0].decode()
            self.assertIn(decision.reference, html)
            pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
                report.report_name, records.ids
            )
            self.assertTrue(pdf.startswith(b"%PDF"))

    def test_portal_owner_sees_own_ballot_only(self):
        owner_user = self.env["res.users"].create(
            {
                "name": "Owner 0 user",
                "login": "hoa_t_owner0",
                "partner_id": self.owners[0].id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        decision = self.decision()
        decision.action_open()
        mine = self.vote(decision, self.owners[0], "agree")
        other = self.vote(decision, self.owners[1], "agree")
        Ballot = self.env["hoa.decision.ballot"].with_user(owner_user)
        self.assertEqual(Ballot.search([("id", "in", (mine | other).ids)]), mine)
        self.assertEqual(
            self.env["hoa.decision"]
            .with_user(owner_user)
            .search([("id", "=", decision.id)]),
            decision,
        )
