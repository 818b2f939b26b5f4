from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import HoaCommitteeCase
from .portal_common import HoaPortalCase
from .test_repair_plan import pdf_text

AREAS = (
    "housekeeping",
    "engineering",
    "security",
    "cleaning",
    "greening",
    "customer_service",
    "liaison",
)


@tagged("post_install", "-at_install")
class TestEvaluation(HoaPortalCase):
    """The committee's evaluation of the service centre: opened by the head,
    filled and submitted by a member in the portal, signed by the others,
    frozen, low scores turned into the head's action items, read by the
    quality department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.evaluation = (
            cls.env["hoa.evaluation"]
            .with_user(cls.manager_a)
            .create({"community_id": cls.estate_a.id, "period": "2026-H2"})
        )
        cls.member_2 = new_test_user(
            cls.env,
            "hoa_t_portal_a2",
            groups="base.group_portal",
            partner_id=cls.committee_a.member_ids[2].partner_id.id,
        )
        cls.member_2.lang = "en_US"
        cls.quality = new_test_user(
            cls.env, "hoa_t_quality", groups="hoa_committee.group_hoa_quality"
        )
        cls.propdept = new_test_user(
            cls.env, "hoa_t_propdept", groups="hoa_committee.group_hoa_property_dept"
        )

    def form(self, **scores):
        data = {f"score_{area}": str(scores.get(area, 4)) for area in AREAS}
        data["comment_engineering"] = "电梯故障多，维修慢"
        data["general_comment"] = "总体尚可"
        return data

    def submit(self, login, data):
        self.authenticate(login, login)
        return self.post(f"/my/committee/evaluations/{self.evaluation.id}/submit", data)

    def test_new_evaluation_has_every_area_unscored(self):
        self.assertEqual(self.evaluation.line_ids.mapped("area"), list(AREAS))
        self.assertEqual(set(self.evaluation.line_ids.mapped("score")), {0})
        self.assertEqual(self.evaluation.state, "draft")

    def test_staff_below_head_cannot_open_it(self):
        with self.assertRaises(AccessError):
            self.evaluation.with_user(self.staff_a).action_open_for_committee()
        self.assertEqual(self.evaluation.state, "draft")

    def test_quality_department_opens_any_estates_evaluation(self):
        other = self.env["hoa.evaluation"].create(
            {"community_id": self.estate_b.id, "period": "2026-H2"}
        )
        other.with_user(self.quality).action_open_for_committee()
        self.assertEqual(other.state, "open")
        with self.assertRaises(AccessError):
            self.evaluation.with_user(self.propdept).action_open_for_committee()
        self.assertEqual(self.evaluation.state, "draft")

    def test_member_fills_and_submits_in_the_portal_others_sign(self):
        self.evaluation.with_user(self.manager_a).action_open_for_committee()
        self.assertEqual(self.evaluation.state, "open")
        told = self.evaluation.message_ids.filtered(
            lambda m: self.portal_a.partner_id in m.partner_ids
        )
        self.assertTrue(told, "the members are told, with a link")
        # the member's page shows the form
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(f"/my/committee/evaluations/{self.evaluation.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_evaluation_form", page.text)
        answer = self.submit(
            "hoa_t_portal_a", self.form(engineering=2, cleaning=1, greening=3)
        )
        self.assertIn("o_hoa_success", answer.text)
        # told that it is signed in their name, not that someone will answer
        self.assertIn("signed in your name", answer.text)
        self.evaluation.invalidate_recordset()
        self.assertEqual(self.evaluation.state, "submitted")
        self.assertEqual(self.evaluation.filled_by_id, self.portal_a.partner_id)
        scores = {line.area: line.score for line in self.evaluation.line_ids}
        self.assertEqual(scores["engineering"], 2)
        self.assertEqual(scores["cleaning"], 1)
        self.assertEqual(scores["housekeeping"], 4)
        self.assertEqual(self.evaluation.general_comment, "总体尚可")
        self.assertAlmostEqual(self.evaluation.average_score, 22 / 7, places=2)
        signature = self.evaluation.signature_ids
        self.assertEqual(signature.member_id.partner_id, self.portal_a.partner_id)
        self.assertTrue(signature.signed_at)
        self.assertEqual(signature.signed_ip, "127.0.0.1")
        # the second member signs
        self.authenticate("hoa_t_portal_a2", "hoa_t_portal_a2")
        page = self.url_open(f"/my/committee/evaluations/{self.evaluation.id}")
        self.assertIn("o_hoa_evaluation_sign", page.text)
        self.post(f"/my/committee/evaluations/{self.evaluation.id}/sign")
        self.evaluation.invalidate_recordset()
        self.assertEqual(
            self.evaluation.signature_ids.member_id.partner_id,
            self.portal_a.partner_id | self.member_2.partner_id,
        )
        # a second signature of the same member is refused, nothing added
        answer = self.post(f"/my/committee/evaluations/{self.evaluation.id}/sign")
        self.assertIn("o_hoa_error", answer.text)
        self.evaluation.invalidate_recordset()
        self.assertEqual(len(self.evaluation.signature_ids), 2)

    def low_score_items(self):
        """The head's action items for low scores (members the opening
        message did not reach are another activity)."""
        return self.evaluation.activity_ids.filtered(
            lambda a: a.summary.startswith("Low score from the committee")
        )

    def test_low_scores_become_action_items_for_the_head_once(self):
        self.evaluation.with_user(self.manager_a).action_open_for_committee()
        self.submit("hoa_t_portal_a", self.form(engineering=2, cleaning=1, greening=3))
        activities = self.low_score_items()
        self.assertEqual(len(activities), 2, "score 2 and 1 are low, 3 is not")
        self.assertEqual(activities.user_id, self.manager_a)
        self.assertEqual(
            sorted(activities.mapped("summary")),
            [
                "Low score from the committee: Cleaning 1/5",
                "Low score from the committee: Engineering 2/5",
            ],
        )
        self.assertEqual(self.evaluation.low_score_count, 2)
        # submitting again is refused: no second set of action items
        answer = self.submit("hoa_t_portal_a", self.form(engineering=1))
        self.assertIn("o_hoa_error", answer.text)
        self.evaluation.invalidate_recordset()
        self.assertEqual(len(self.low_score_items()), 2)

    def test_company_threshold_decides_what_is_low(self):
        self.env.company.hoa_evaluation_low_score = 3
        self.evaluation.with_user(self.manager_a).action_open_for_committee()
        self.submit("hoa_t_portal_a", self.form(engineering=2, cleaning=1, greening=3))
        self.assertEqual(len(self.low_score_items()), 3)

    def test_unscored_area_refused_nothing_written(self):
        self.evaluation.with_user(self.manager_a).action_open_for_committee()
        data = self.form()
        del data["score_liaison"]
        answer = self.submit("hoa_t_portal_a", data)
        self.assertIn("o_hoa_error", answer.text)
        self.evaluation.invalidate_recordset()
        self.assertEqual(self.evaluation.state, "open")
        self.assertEqual(set(self.evaluation.line_ids.mapped("score")), {0})
        self.assertFalse(self.evaluation.signature_ids)
        # a score off the scale is refused too
        answer = self.submit("hoa_t_portal_a", self.form(security=9))
        self.assertIn("o_hoa_error", answer.text)
        self.evaluation.invalidate_recordset()
        self.assertEqual(self.evaluation.state, "open")

    def test_submitted_evaluation_is_frozen(self):
        self.evaluation.with_user(self.manager_a).action_open_for_committee()
        self.submit("hoa_t_portal_a", self.form())
        line = self.evaluation.line_ids[0]
        for user in (self.manager_a, self.quality):
            with self.assertRaises(UserError):
                line.with_user(user).score = 1
            with self.assertRaises(UserError):
                self.evaluation.with_user(user).general_comment = "改"
        self.assertEqual(line.score, 4)
        self.assertEqual(self.evaluation.general_comment, "总体尚可")

    def test_other_committee_and_rpc_are_refused(self):
        self.evaluation.with_user(self.manager_a).action_open_for_committee()
        answer = self.submit("hoa_t_portal_b", self.form())
        self.assertEqual(answer.status_code, 404)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        for method, args in (
            ("_portal_fill", [self.evaluation.ids, {"liaison": 5}, {}, "x", True]),
            ("write", [self.evaluation.ids, {"general_comment": "x"}]),
            ("action_open_for_committee", [self.evaluation.ids]),
        ):
            self.assertIn("error", self.call_kw("hoa.evaluation", method, args))
        self.assertIn(
            "error",
            self.call_kw(
                "hoa.evaluation.line",
                "write",
                [self.evaluation.line_ids.ids, {"score": 5}],
            ),
        )
        self.evaluation.invalidate_recordset()
        self.assertEqual(self.evaluation.state, "open")
        self.assertFalse(self.evaluation.general_comment)
        self.assertEqual(set(self.evaluation.line_ids.mapped("score")), {0})

    def test_departments_and_staff_see_what_the_procedure_gives(self):
        other = self.env["hoa.evaluation"].create(
            {"community_id": self.estate_b.id, "period": "2026-H2"}
        )
        self.env.flush_all()
        both = self.evaluation | other
        ours = [("community_id", "in", (self.estate_a | self.estate_b).ids)]
        self.assertEqual(
            self.env["hoa.evaluation"].with_user(self.quality).search(ours), both
        )
        self.assertEqual(
            self.env["hoa.evaluation"].with_user(self.propdept).search(ours), both
        )
        self.assertEqual(
            self.env["hoa.evaluation"].with_user(self.staff_a).search(ours),
            self.evaluation,
        )
        other.with_user(self.quality).general_comment = "品质部备注"
        with self.assertRaises(AccessError):
            other.with_user(self.propdept).general_comment = "x"
        with self.assertRaises(AccessError):
            self.evaluation.with_user(self.staff_a).general_comment = "x"
        # a draft is not shown to the committee
        self.assertFalse(
            self.env["hoa.evaluation"].with_user(self.portal_a).search(ours)
        )

    def test_results_screen_averages_per_area_estate_and_period(self):
        Evaluation = self.env["hoa.evaluation"]
        for period, score in (("2026-H1", 2), ("2026-H2", 5)):
            evaluation = (
                self.evaluation
                if period == "2026-H2"
                else Evaluation.create(
                    {"community_id": self.estate_a.id, "period": period}
                )
            )
            evaluation.action_open_for_committee()
            evaluation.with_user(self.portal_a)._portal_fill(
                dict.fromkeys(AREAS, score), {}, "", submit=True
            )
        groups = (
            self.env["hoa.evaluation.line"]
            .with_user(self.quality)
            .read_group(
                [
                    ("state", "=", "submitted"),
                    ("area", "=", "engineering"),
                    ("community_id", "=", self.estate_a.id),
                ],
                ["average:avg"],
                ["community_id", "period"],
                lazy=False,
            )
        )
        self.assertEqual(
            sorted((g["period"], g["average"]) for g in groups),
            [("2026-H1", 2), ("2026-H2", 5)],
        )
        # the estate's average over both half years keeps its decimals
        (overall,) = (
            self.env["hoa.evaluation.line"]
            .with_user(self.quality)
            .read_group(
                [
                    ("state", "=", "submitted"),
                    ("area", "=", "engineering"),
                    ("community_id", "=", self.estate_a.id),
                ],
                ["average:avg"],
                ["community_id"],
            )
        )
        self.assertEqual(overall["average"], 3.5)
        action = self.env.ref("hoa_committee.hoa_evaluation_line_action")
        self.assertIn("pivot", action.view_mode)
        self.assertIn("graph", action.view_mode)


@tagged("post_install", "-at_install")
class TestEvaluationPdf(HoaCommitteeCase):
    """The printed evaluation: what the committee scored, said and who
    signed."""

    def test_pdf_has_the_scores_and_signatures(self):
        evaluation = self.env["hoa.evaluation"].create(
            {"community_id": self.estate_a.id, "period": "2026-H2"}
        )
        evaluation.action_open_for_committee()
        scores = dict.fromkeys(AREAS, 4)
        scores["engineering"] = 2
        evaluation.with_user(self.portal_a)._portal_fill(
            scores, {"engineering": "电梯故障多，维修慢"}, "总体尚可", submit=True
        )
        report = self.env.ref("hoa_committee.action_report_evaluation")
        # what it says is read in the HTML the PDF is printed from (the PDF's
        # Latin text is drawn in the report's web font, which pdftotext may
        # not read back when the server serves the styles); the PDF is printed
        html, _ = report._render_qweb_html(report.report_name, evaluation.ids)
        text = html.decode()
        for expected in (
            evaluation.name,
            "2026-H2",
            "Engineering",
            "电梯故障多，维修慢",
            "总体尚可",
            self.portal_a.partner_id.name,
            "3.71",
        ):
            self.assertIn(expected, text)
        pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, evaluation.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn("电梯故障多，维修慢", pdf_text(pdf))
