from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import SCAN, HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestVoteTours(HttpCase, HoaCommitteeCase):
    """The head corrects an owners' vote in headless Chromium, in Chinese:
    each correction needs a reason, which stays on the decision's record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_wang, cls.owner_zhou = cls.env["res.partner"].create(
            [{"name": "王业主"}, {"name": "周业主"}]
        )
        cls.units = cls.env["hoa.unit"].create(
            [
                {
                    "community_id": cls.estate_a.id,
                    "name": name,
                    "area": area,
                    "owner_id": owner.id,
                }
                for name, area, owner in (
                    ("5-101", 98.5, cls.owner_wang),
                    ("5-102", 120.0, cls.owner_zhou),
                )
            ]
        )
        cls.manager_a.lang = "zh_CN"
        cls.env.registry.clear_cache()  # users' context_get is cached

    def open_decision(self, name):
        today = fields.Date.context_today(self.env.user)
        decision = self.env["hoa.decision"].create(
            {
                "name": name,
                "community_id": self.estate_a.id,
                "item": "fund_use",
                "date_open": today - timedelta(days=2),
                "date_close": today + timedelta(days=12),
            }
        )
        decision.action_open()
        return decision

    def test_head_reopens_a_vote_to_draft_with_the_reason(self):
        decision = self.open_decision("关于使用专项维修资金电梯更新的决定")
        # the roll was frozen with the wrong area; the unit is corrected
        self.units[0].area = 89.5
        self.start_tour(
            "/odoo", "hoa_vote_head_reopens_to_draft", login="hoa_t_manager_a"
        )
        self.assertEqual(decision.state, "open")
        wang = decision.voter_ids.filtered(lambda v: v.partner_id == self.owner_wang)
        self.assertEqual(wang.area_centi, 8950)
        notes = decision.message_ids.mapped("body")
        self.assertTrue(
            any("按不动产权证更正后重新开始表决" in str(body) for body in notes), notes
        )

    def test_head_corrects_a_paper_ballot_with_the_reason(self):
        decision = self.open_decision("关于使用专项维修资金外墙维修的决定")
        ballot = self.env["hoa.decision.ballot"].create(
            {
                "decision_id": decision.id,
                "partner_id": self.owner_wang.id,
                "choice": "agree",
                "channel": "paper",
                "scan": SCAN,
            }
        )
        self.start_tour(
            "/odoo", "hoa_vote_head_corrects_a_paper_ballot", login="hoa_t_manager_a"
        )
        self.assertEqual(ballot.choice, "oppose")
        self.assertEqual(ballot.correction_reason, "录入时看错了纸质表决票上的选项")
        self.assertIn(
            "录入时看错了纸质表决票上的选项", str(decision.message_ids[0].body)
        )
