from datetime import timedelta

from odoo.tests import tagged

from .portal_common import HoaPortalCase

PARAM = "hoa_committee.background_inline_limit.compliance_refresh"


@tagged("post_install", "-at_install")
class TestMobileTours(HoaPortalCase):
    """Walk defect 3: on a phone the deadline and days overdue of Overdue Now,
    and the progress and status of the background jobs, are in sight."""

    browser_size = "390x844"

    def setUp(self):
        super().setUp()
        for user in (self.manager_a, self.leader_1):
            user.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.env.registry.clear_cache()

    def test_overdue_now_on_a_phone(self):
        self.env.cr.execute("SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date")
        today = self.env.cr.fetchone()[0]
        self.env["hoa.inquiry"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "电梯异响",
                "received_date": today - timedelta(days=20),
            }
        )
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_overdue_action",
            "hoa_mobile_overdue",
            login="hoa_t_manager_a",
        )

    def test_background_jobs_on_a_phone(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "1")
        self.env.cr.execute(
            "UPDATE hoa_background_job SET state = 'done' "
            "WHERE state IN ('queued', 'running')"
        )
        self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        self.start_tour(
            "/odoo/hoa-background-jobs",
            "hoa_mobile_background_jobs",
            login="hoa_t_leader_1",
        )
