from datetime import timedelta
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser

from .portal_common import HoaPortalCase

PARAM = "hoa_committee.background_inline_limit.compliance_refresh"


class PhoneBrowser(ChromeBrowser):
    """Chromium as a phone 390 px wide: headless Chromium keeps its window at
    least 500 px wide, whatever ``--window-size`` asks for, so the page is
    laid out as on a phone through the DevTools protocol instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={
                "width": 390,
                "height": 844,
                "deviceScaleFactor": 2,
                "mobile": True,
            },
        )


@tagged("post_install", "-at_install")
class TestMobileTours(HoaPortalCase):
    """Walk defect 3: on a phone the deadline and days overdue of Overdue Now,
    and the progress and status of the background jobs, are in sight; the
    portal's lists show each period whole."""

    browser_size = "390x844"

    def browser_js(self, *args, **kwargs):
        with patch("odoo.tests.common.ChromeBrowser", PhoneBrowser):
            return super().browser_js(*args, **kwargs)

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

    def test_portal_periods_on_a_phone(self):
        # walk defect of issue 20: on a phone the notices' and votes' lists
        # cut a period's end date ("2026年12月04日 – 20…") and were wider
        # than the screen
        self.portal_a.lang = "zh_CN"
        # names as long as the demo's
        self.estate_a.name = "亮马河南岸家园"
        self.committee_a.name = "第二届业主委员会"
        notice = self.notice(committee=self.committee_a, title="停水通知")
        notice.action_approve()
        self.open_decision(name="使用维修资金更换电梯")
        self.start_tour(
            "/my/committee/notices",
            "hoa_mobile_portal_periods",
            login="hoa_t_portal_a",
        )
