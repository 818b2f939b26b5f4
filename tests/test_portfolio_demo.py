import unittest
from collections import defaultdict

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.hoa_demo_data import PORTFOLIO, PROFILES
from .common import HoaTransactionCase

HEADS = ("han", "feng", "cao", "peng", "jiang")


@tagged("post_install", "-at_install")
class TestPortfolioDemo(HoaTransactionCase):
    """The demo company manages a portfolio of Beijing estates (issue 19):
    what the dashboard, Overdue Now and the heads' screens are for shows on
    it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search([("name", "=", "hoa_committee")])
        if not module.demo:
            raise unittest.SkipTest("database installed without demo data")
        cls.company = cls.env.ref("base.main_company")
        cls.estates = cls.env["hoa.community"].search(
            [("company_id", "=", cls.company.id)]
        )
        cls.portfolio = cls.estates.filtered(
            lambda e: e.code in {spec["code"] for spec in PORTFOLIO}
        )
        cls.heads = {
            key: cls.env.ref(f"hoa_committee.user_demo_head_{key}") for key in HEADS
        }
        cls.leader = cls.env.ref("hoa_committee.user_demo_leadership")
        # the figures as of today, whatever ran since the install
        cls.env["hoa.compliance"]._refresh(communities=cls.estates)
        cls.profile = {
            cls.portfolio.filtered(lambda e, s=spec: e.code == s["code"]): spec[
                "profile"
            ]
            for spec in PORTFOLIO
        }
        cls.exemplary = cls.portfolio.filtered(lambda e: cls.profile[e] == "exemplary")
        cls.late = cls.portfolio.filtered(
            lambda e: cls.profile[e] not in ("exemplary", "mostly_on_time")
        )

    def test_a_dozen_estates_of_every_kind(self):
        self.assertGreaterEqual(len(self.estates), 12)
        self.assertEqual(len(self.portfolio), len(PORTFOLIO))
        self.assertEqual(
            set(self.estates.mapped("meeting_cadence")), {"quarterly", "monthly"}
        )
        self.assertEqual(
            set(self.estates.mapped("fee_model")), {"commission", "lump_sum"}
        )
        sizes = self.portfolio.mapped("unit_count")
        self.assertLessEqual(min(sizes), 100)
        self.assertGreaterEqual(max(sizes), 1000)
        for estate in self.portfolio:
            self.assertTrue(estate.address.startswith("北京市"), estate.name)
            self.assertIn(estate.manager_id, list(self.heads.values()), estate.name)
            committee = estate.committee_id
            self.assertEqual(committee.state, "active", estate.name)
            self.assertIn(committee.member_count, (5, 7, 9), estate.name)
            # the chair reads and signs in the portal
            chair_user = committee.chair_id.user_ids
            self.assertTrue(chair_user, estate.name)
            self.assertTrue(chair_user.has_group("base.group_portal"))
            self.assertGreater(estate.owner_headcount, estate.unit_count // 2)

    def test_new_heads_are_declared_like_the_other_demo_users(self):
        for key, head in self.heads.items():
            self.assertEqual(head.login, f"hoa_head_{key}")
            self.assertEqual(head.lang, "zh_CN")
            self.assertEqual(head.tz, "Asia/Shanghai")
            self.assertTrue(head.has_group("hoa_committee.group_hoa_manager"))
            self.assertFalse(head.has_group("hoa_committee.group_hoa_leadership"))
            self.assertRegex(head.name, r"^[\u4e00-\u9fff]{2,4}$")
            self.assertTrue(
                self.portfolio.filtered(lambda e, h=head: e.manager_id == h)
            )

    def test_dashboard_shows_late_and_exemplary_estates(self):
        rows = self.env["hoa.compliance"].search(
            [("community_id", "in", self.portfolio.ids)]
        )
        issues = defaultdict(int)
        for row in rows:
            issues[row.community_id] += row.issues
        self.assertEqual(len(rows), 4 * len(self.portfolio))
        # everything on time, every period the dashboard shows
        self.assertGreaterEqual(len(self.exemplary), 3)
        for estate in self.exemplary:
            self.assertEqual(issues[estate], 0, estate.name)
        # the late ones, each late in its own way
        self.assertGreaterEqual(len(self.late), 4)
        for estate in self.late:
            self.assertGreater(issues[estate], 0, estate.name)
        late_rows = rows.filtered(lambda r: r.community_id in self.late)
        self.assertTrue(late_rows.filtered("meeting_missed"))
        self.assertTrue(late_rows.filtered(lambda r: not r.contacts_ok))
        self.assertTrue(late_rows.filtered(lambda r: not r.meeting_proposed_on_time))
        self.assertTrue(
            late_rows.filtered(lambda r: r.inquiry_on_time < r.inquiry_count)
        )
        self.assertTrue(
            late_rows.filtered(
                lambda r: (
                    r.matter_on_time < r.matter_count
                    or r.incident_on_time < r.incident_count
                )
            )
        )
        self.assertTrue(late_rows.filtered("open_escalations"))
        # the figures behind it are real work: answered inquiries, delivered
        # reports, held meetings in every estate
        for estate in self.portfolio:
            self.assertTrue(
                self.env["hoa.inquiry"].search_count(
                    [("community_id", "=", estate.id), ("state", "=", "answered")]
                ),
                estate.name,
            )
            self.assertTrue(
                self.env["hoa.meeting"].search_count(
                    [
                        ("community_id", "=", estate.id),
                        ("meeting_type", "=", "routine"),
                        ("state", "=", "held"),
                    ]
                ),
                estate.name,
            )
            self.assertTrue(
                self.env["hoa.matter"].search_count(
                    [("community_id", "=", estate.id), ("state", "=", "delivered")]
                ),
                estate.name,
            )

    def test_overdue_now_for_leadership(self):
        rows = self.env["hoa.overdue"].with_user(self.leader).search([])
        portfolio_rows = rows.filtered(lambda r: r.community_id in self.portfolio)
        by_estate = defaultdict(set)
        for row in portfolio_rows:
            by_estate[row.community_id].add(row.kind)
        for estate in self.late:
            self.assertTrue(by_estate[estate], estate.name)
        for estate in self.exemplary:
            self.assertFalse(by_estate[estate], estate.name)
        kinds = set().union(*by_estate.values())
        # (the inquiry overdue since yesterday is an "inquiry" row until the
        # daily sweep escalates it — a run of the job, here or in another
        # test, moves it to the escalations)
        self.assertTrue(
            {
                "escalation",
                "matter",
                "routine_missed",
                "notice",
                "action",
                "assembly",
            }
            <= kinds,
            kinds,
        )
        self.assertTrue(all(row.days_overdue > 0 for row in portfolio_rows))

    def test_each_head_sees_only_their_estates(self):
        for key, head in self.heads.items():
            mine = self.portfolio.filtered(lambda e, h=head: e.manager_id == h)
            env = self.env(user=head)
            self.assertEqual(env["hoa.community"].search([]), mine, key)
            for model in ("hoa.inquiry", "hoa.meeting", "hoa.matter", "hoa.overdue"):
                records = env[model].search([])
                self.assertTrue(records, f"{key}: {model}")
                self.assertLessEqual(records.community_id, mine, f"{key}: {model}")
            compliance = env["hoa.compliance"].search([])
            self.assertEqual(compliance.community_id, mine, key)
            other = self.portfolio - mine
            with self.assertRaises(AccessError):
                env["hoa.community"].browse(other[:1].id).read(["name"])

    def test_every_profile_is_used(self):
        self.assertEqual(
            {spec["profile"] for spec in PORTFOLIO}, set(PROFILES), "unused profile"
        )
