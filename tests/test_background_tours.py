from odoo.tests import tagged

from .portal_common import HoaPortalCase

PARAM = "hoa_committee.background_inline_limit.compliance_refresh"


@tagged("post_install", "-at_install")
class TestBackgroundTours(HoaPortalCase):
    """Background jobs in headless Chromium, in Chinese."""

    def test_leadership_refresh_is_queued_and_shown(self):
        # a click computes one estate at most: the company's two are queued
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "1")
        self.env.cr.execute("SELECT COALESCE(max(id), 0) FROM hoa_background_job")
        jobs_before = self.env.cr.fetchone()[0]
        self.leader_1.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.env.registry.clear_cache()
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_compliance_action",
            "hoa_background_refresh_queued",
            login="hoa_t_leader_1",
        )
        job = self.env["hoa.background.job"].search([("id", ">", jobs_before)])
        self.assertEqual(len(job), 1)
        self.assertEqual(job.user_id, self.leader_1)
        self.assertEqual(job.kind, "compliance_refresh")
        self.assertEqual(job.state, "queued")
        self.assertGreaterEqual(job.total, 2)
