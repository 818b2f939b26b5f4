from unittest.mock import patch

from odoo.tests import new_test_user, tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestMatterTours(HoaPortalCase):
    """The committee's answer to a report, in headless Chromium and in
    Chinese: by the chair in the portal, by the head in the back office,
    each citing the resolution that took it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马河花园"
        cls.committee_a.name = "亮马河花园业委会"
        cls.chair = cls.committee_a.member_ids.filtered(lambda m: m.role == "chair")
        cls.chair_user = new_test_user(
            cls.env,
            "hoa_t_chair_a",
            groups="base.group_portal",
            partner_id=cls.chair.partner_id.id,
            lang="zh_CN",
        )
        cls.manager_a.lang = "zh_CN"
        cls.env.registry.clear_cache()

    def test_chair_answers_citing_a_resolution(self):
        matter = self.delivered_matter()
        resolution = self.committee_resolution(self.committee_a, agree=3)
        self.start_tour(
            "/my/committee/matters", "hoa_matter_chair_answer", login="hoa_t_chair_a"
        )
        self.assertEqual(
            (matter.state, matter.answer, matter.resolution_id),
            ("answered", "approved", resolution),
        )
        self.assertEqual(matter.answered_by_id, self.chair.partner_id)
        self.assertEqual(matter.answer_comment, "请在施工前张贴公告。")

    def test_head_files_delivers_and_records_the_answer(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        Report = self.registry["ir.actions.report"]
        render = Report._render_qweb_pdf
        printed = []

        def spy(report, report_ref, res_ids=None, data=None):
            printed.append((report._get_report(report_ref).report_name, res_ids))
            return render(report, report_ref, res_ids=res_ids, data=data)

        with patch.object(Report, "_render_qweb_pdf", spy):
            self.start_tour("/odoo", "hoa_matter_backoffice", login="hoa_t_manager_a")
        matter = self.env["hoa.matter"].search(
            [("subject", "=", "5号楼屋面防水维修申请使用专项维修资金")]
        )
        self.assertEqual(len(matter), 1)
        self.assertEqual(
            (matter.community_id, matter.delivery_method, matter.receipt_signed_by),
            (self.estate_a, "hand", "徐静（业委会秘书）"),
        )
        self.assertEqual(
            (matter.state, matter.answer, matter.resolution_id),
            ("answered", "approved", resolution),
        )
        self.assertEqual(matter.answered_by_id, self.manager_a.partner_id)
        letter = self.env.ref("hoa_committee.action_report_matter_letter")
        self.assertIn((letter.report_name, [matter.id]), printed, "the letter printed")
