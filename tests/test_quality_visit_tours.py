from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestQualityVisitTours(HttpCase, HoaCommitteeCase):
    """The quality department prepares a half-year visit's work report in
    the web client, in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马花园"
        cls.estate_b.name = "乙小区"
        cls.quality = new_test_user(
            cls.env,
            "hoa_t_quality",
            groups="hoa_committee.group_hoa_quality",
            name="钱品质",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.company_1.hoa_quality_user_id = cls.quality
        cls.visits = cls.env["hoa.meeting"].create(
            [
                {
                    "name": f"{committee.community_id.name}半年走访",
                    "committee_id": committee.id,
                    "meeting_type": "half_year",
                    "date_start": datetime(2026, 6, 24, 1, 30),
                }
                for committee in (cls.committee_a, cls.committee_b)
            ]
        )
        cls.env["hoa.compliance"].create(
            {
                "community_id": cls.estate_a.id,
                "period": "2026-Q2",
                "date_start": datetime(2026, 4, 1).date(),
                "date_end": datetime(2026, 6, 30).date(),
                "meeting_held": True,
                "inquiry_count": 4,
                "inquiry_on_time": 3,
            }
        )

    def test_quality_prepares_and_prints_the_half_year_report(self):
        self.start_tour("/odoo", "hoa_quality_visit_report", login="hoa_t_quality")
        report = self.env["hoa.work.report"].search(
            [("meeting_id", "=", self.visits[0].id)]
        )
        self.assertEqual(len(report), 1)
        self.assertEqual((report.report_kind, report.period), ("half_year", "2026-H1"))
        self.assertIn("请业委会协助催缴物业费。", report.help_needed)
        self.assertIn("2026-Q2", report.compliance_figures)
