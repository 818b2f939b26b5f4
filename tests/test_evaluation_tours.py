from odoo.tests import new_test_user, tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestEvaluationTours(HoaPortalCase):
    """The evaluation and the repair plan in headless Chromium, in Chinese:
    members on the portal, the head and the quality department in the back
    office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马河花园"
        cls.member_2 = new_test_user(
            cls.env,
            "hoa_t_portal_a2",
            groups="base.group_portal",
            partner_id=cls.committee_a.member_ids[2].partner_id.id,
        )
        cls.quality = new_test_user(
            cls.env, "hoa_t_quality", groups="hoa_committee.group_hoa_quality"
        )
        (cls.portal_a | cls.member_2 | cls.manager_a | cls.quality).write(
            {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        )
        cls.env.registry.clear_cache()

    def open_evaluation(self, period="2026-H1"):
        evaluation = self.env["hoa.evaluation"].create(
            {"community_id": self.estate_a.id, "period": period}
        )
        evaluation.action_open_for_committee()
        return evaluation

    def test_member_fills_and_another_signs(self):
        evaluation = self.open_evaluation()
        self.start_tour(
            "/my/committee/evaluations",
            "hoa_evaluation_portal_fill",
            login="hoa_t_portal_a",
        )
        self.assertEqual(evaluation.state, "submitted")
        scores = {line.area: line.score for line in evaluation.line_ids}
        self.assertEqual(scores["engineering"], 2)
        self.assertEqual(scores["liaison"], 5)
        self.assertEqual(
            evaluation.line_ids.filtered(
                lambda line: line.area == "engineering"
            ).comment,
            "电梯报修后两天才来人",
        )
        self.assertEqual(evaluation.general_comment, "保安和联络工作值得肯定")
        low_scores = evaluation.activity_ids.filtered(lambda a: "/5" in a.summary)
        self.assertEqual(len(low_scores), 1, "engineering 2/5 is low")
        self.start_tour(
            "/my/committee/evaluations",
            "hoa_evaluation_portal_sign",
            login="hoa_t_portal_a2",
        )
        self.assertEqual(
            evaluation.signature_ids.member_id.partner_id,
            self.portal_a.partner_id | self.member_2.partner_id,
        )
        self.assertTrue(all(evaluation.signature_ids.mapped("signed_ip")))

    def test_head_opens_an_evaluation_and_presents_a_repair_plan(self):
        self.start_tour("/odoo", "hoa_evaluation_backoffice", login="hoa_t_manager_a")
        evaluation = self.env["hoa.evaluation"].search(
            [("community_id", "=", self.estate_a.id)]
        )
        self.assertEqual((evaluation.period, evaluation.state), ("2026-H2", "open"))
        plan = self.env["hoa.repair.plan"].search(
            [("community_id", "=", self.estate_a.id)]
        )
        self.assertEqual(plan.state, "archived")
        line = plan.line_ids
        self.assertEqual(
            (line.facility, line.budget, line.fund_source),
            ("5号楼屋面", 86000, "maintenance_fund"),
        )
        self.assertEqual(line.matter_id.category, "repair_fund")

    def test_quality_department_reads_the_results(self):
        for period, score in (("2025-H2", 3), ("2026-H1", 4)):
            evaluation = self.open_evaluation(period)
            evaluation.with_user(self.portal_a)._portal_fill(
                dict.fromkeys(
                    evaluation.line_ids.mapped("area"),
                    score,
                ),
                {},
                "",
                submit=True,
            )
        self.start_tour("/odoo", "hoa_evaluation_results", login="hoa_t_quality")
