import re
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestOwnerJourneyTour(HttpCase, HoaCommitteeCase):
    """An owner with only a mobile number on the roll, in headless Chromium
    and in Chinese: registers, reads the estate's published statement, asks
    a question about one of their units and votes (issue 16)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.registry.clear_cache()
        cls.today = cls.env.company._hoa_today()
        cls.estate = cls.env["hoa.community"].create(
            {"name": "海棠湾", "code": "T-HTW", "manager_id": cls.manager_a.id}
        )
        # the mobile number as the service centre typed it
        cls.qian = cls.env["res.partner"].create(
            {"name": "钱业主", "mobile": "+86 137-2026-1130"}
        )
        cls.neighbour = cls.env["res.partner"].create(
            {"name": "孙业主", "mobile": "13720260001"}
        )
        cls.unit, cls.second_unit, _neighbours = cls.env["hoa.unit"].create(
            [
                {
                    "community_id": cls.estate.id,
                    "name": name,
                    "area": area,
                    "owner_id": owner.id,
                }
                for name, area, owner in (
                    ("3-1-0502", 96.5, cls.qian),
                    ("3-2-0101", 88.0, cls.qian),
                    ("3-1-0602", 96.5, cls.neighbour),
                )
            ]
        )
        cls.statement = cls.env["hoa.disclosure"].create(
            {
                "community_id": cls.estate.id,
                "date_from": cls.today - timedelta(days=90),
                "date_to": cls.today - timedelta(days=1),
                "line_ids": [
                    Command.create(
                        {
                            "category": "fund_opening",
                            "name": "专项维修资金账户期初余额",
                            "amount": 1_234_567.89,
                        }
                    )
                ],
            }
        )
        cls.statement._publish_unreviewed("test")
        cls.decision = cls.env["hoa.decision"].create(
            {
                "name": "关于使用专项维修资金更换3号楼电梯的决定",
                "community_id": cls.estate.id,
                "item": "fund_use",
                "date_open": cls.today - timedelta(days=1),
                "date_close": cls.today + timedelta(days=14),
            }
        )
        cls.decision.action_open()

    def test_owner_registers_reads_the_statement_asks_and_votes(self):
        self.assertEqual(self.statement.state, "published")
        self.assertIn(self.qian, self.decision.voter_ids.partner_id)
        self.assertFalse(self.qian.with_context(active_test=False).user_ids)

        self.start_tour("/hoa/register", "hoa_owner_journey")

        user = self.qian.user_ids
        self.assertEqual(len(user), 1)
        self.assertEqual((user.login, user.lang), ("13720261130", "zh_CN"))
        self.assertTrue(user._is_portal())
        attempt = self.env["hoa.registration.attempt"].search(
            [("community_id", "=", self.estate.id)]
        )
        self.assertEqual(
            [(a.result, a.success, a.unit_id, a.user_id) for a in attempt],
            [("success", True, self.unit, user)],
        )
        request = self.env["hoa.owner.request"].search(
            [("partner_id", "=", self.qian.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(
            (
                request.kind,
                request.category,
                request.about,
                request.unit_id,
                request.community_id,
                request.channel,
            ),
            ("question", "repair", "unit", self.second_unit, self.estate, "portal"),
        )
        self.assertRegex(request.name, r"^TS-\d{4}-\d+$")
        self.assertIn("阳台外墙渗水", request.description)
        ballot = self.decision.ballot_ids
        self.assertEqual(
            [(b.partner_id, b.choice, b.channel) for b in ballot],
            [(self.qian, "agree", "portal")],
        )

        # the statement's PDF, downloaded with the owner's own rights (the
        # link's access token dropped)
        self.authenticate("13720261130", "qian-pass-2026")
        page = self.url_open(self.statement.access_url)
        self.assertEqual(page.status_code, 200)
        link = re.search(
            r'<a[^>]*class="[^"]*o_hoa_pdf[^"]*"[^>]*href="([^"]+)"', page.text
        )
        self.assertTrue(link, "the statement's page links its PDF")
        href = link.group(1).replace("&amp;", "&")
        self.assertTrue(href.startswith(f"{self.statement.access_url}?"), href)
        url = re.sub(r"access_token=[^&]*&?", "", href)
        self.assertNotIn("access_token", url)
        pdf = self.url_open(url)
        self.assertEqual(pdf.status_code, 200, url)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf", url)
