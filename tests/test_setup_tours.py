from datetime import date

from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestSetupTours(HttpCase, HoaCommitteeCase):
    """The service centre's set-up screens in headless Chromium, in Chinese:
    open the menu, 新建, pick from every dropdown, save, press the buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_c = cls.create_second_company_head()
        cls.estate_a.name = "亮马河南岸家园"
        cls.estate_c.name = "浦东滨江苑"
        cls.committee_a.name = "第一届业主委员会"
        cls.manager_a.name = "王经理"
        cls.staff_a.name = "赵专员"
        cls.chair_a = cls.committee_a.member_ids.filtered(lambda m: m.role == "chair")
        cls.chair_a.partner_id.name = "张建国"
        cls.member_a = cls.committee_a.member_ids.filtered(
            lambda m: m.role == "member"
        )[0]
        cls.member_a.partner_id.name = "李秀英"
        cls.estate_a2 = cls.env["hoa.community"].create(
            {"name": "亮马二期", "code": "T-A2", "manager_id": cls.manager_a.id}
        )
        cls.new_members = cls.env["res.partner"].create(
            [{"name": name} for name in ("陈一鸣", "刘思远", "杨静", "黄海", "周敏")]
        )
        cls.env["res.partner"].create({"name": "华远地产", "is_company": True})
        (cls.manager_a | cls.staff_a | cls.manager_c | cls.leader_1).lang = "zh_CN"
        cls.admin_both.lang = "zh_CN"

    def test_head_logs_a_contact(self):
        self.start_tour(
            "/odoo/hoa-contacts", "hoa_setup_contact", login="hoa_t_manager_a"
        )
        contact = self.env["hoa.contact"].search(
            [("summary", "like", "三号楼外墙维修方案")]
        )
        self.assertEqual(len(contact), 1)
        self.assertEqual(
            (contact.community_id, contact.committee_id, contact.company_id),
            (self.estate_a, self.committee_a, self.company_1),
        )
        self.assertEqual(contact.method, "phone")
        self.assertEqual(contact.user_id, self.staff_a)
        self.assertEqual(contact.member_ids, self.chair_a)
        self.assertTrue(contact.with_chair)

    def test_head_approves_a_notice(self):
        self.start_tour(
            "/odoo/hoa-notices", "hoa_setup_notice_approve", login="hoa_t_manager_a"
        )
        notice = self.env["hoa.notice"].search([("title", "=", "停水通知")])
        self.assertEqual(len(notice), 1)
        self.assertEqual(
            (notice.community_id, notice.committee_id, notice.requested_by_id),
            (self.estate_a, self.committee_a, self.member_a.partner_id),
        )
        self.assertEqual(notice.location, "各楼栋大堂公告栏")
        self.assertEqual(notice.state, "posted")
        self.assertEqual(notice.reviewer_id, self.manager_a)

    def test_second_company_head_rejects_a_notice(self):
        self.start_tour(
            "/odoo/hoa-notices", "hoa_setup_notice_reject", login="hoa_t_manager_c"
        )
        notice = self.env["hoa.notice"].search([("title", "=", "业委会选举结果公告")])
        self.assertEqual(len(notice), 1)
        self.assertEqual(
            (notice.community_id, notice.committee_id, notice.company_id),
            (self.estate_c, self.committee_c, self.company_2),
        )
        self.assertEqual(notice.state, "rejected")
        self.assertEqual(notice.reviewer_id, self.manager_c)
        self.assertEqual(notice.reject_reason, "公告须加盖业委会印章后再张贴。")

    def test_head_forms_and_activates_a_committee(self):
        self.start_tour(
            "/odoo/hoa-committees", "hoa_setup_committee", login="hoa_t_manager_a"
        )
        committee = self.env["hoa.committee"].search(
            [("community_id", "=", self.estate_a2.id)]
        )
        self.assertEqual(len(committee), 1)
        self.assertEqual(committee.name, "第一届业主委员会（二期）")
        self.assertEqual(committee.state, "active")
        self.assertEqual(
            (committee.election_date, committee.term_start, committee.term_end),
            (date(2026, 11, 1), date(2026, 11, 2), date(2031, 11, 1)),
        )
        self.assertEqual(committee.member_ids.partner_id, self.new_members)
        self.assertEqual(committee.chair_id.name, "陈一鸣")
        self.assertEqual(self.estate_a2.committee_id, committee)

    def test_head_publishes_a_statement(self):
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_disclosure_action",
            "hoa_setup_disclosure",
            login="hoa_t_manager_a",
        )
        disclosure = self.env["hoa.disclosure"].search(
            [("community_id", "=", self.estate_a.id)]
        )
        self.assertEqual(len(disclosure), 1)
        self.assertEqual(disclosure.committee_id, self.committee_a)
        self.assertEqual(disclosure.state, "published")
        self.assertEqual(disclosure.published_by_id, self.manager_a)
        self.assertEqual(
            disclosure.unreviewed_reason, "业委会在约定时间内未回复，先行公示"
        )
        self.assertEqual(
            sorted(
                disclosure.line_ids.mapped(lambda line: (line.category, line.amount))
            ),
            [
                ("fee_income", 356000),
                ("fund_opening", 120000),
                ("operating_cost", 98000),
            ],
        )

    def test_administrator_adds_a_holiday(self):
        self.start_tour(
            "/odoo/hoa-holidays",
            "hoa_setup_workday_exception",
            login="hoa_t_admin",
        )
        day = self.env["hoa.workday.exception"].search(
            [("name", "=", "小区停电检修调休")]
        )
        self.assertEqual(len(day), 1)
        self.assertEqual(
            (day.calendar_id, day.date, day.kind),
            (
                self.env.ref("hoa_committee.workday_calendar_cn"),
                date(2026, 12, 28),
                "holiday",
            ),
        )
        self.assertFalse(day.calendar_id._is_working_day(date(2026, 12, 28)))

    def test_leadership_opens_an_estate(self):
        self.start_tour(
            "/odoo/hoa-estates", "hoa_setup_community", login="hoa_t_leader_1"
        )
        estate = self.env["hoa.community"].search([("code", "=", "WJ-01")])
        self.assertEqual(len(estate), 1)
        self.assertEqual(estate.name, "望京花园")
        self.assertEqual(estate.company_id, self.company_1)
        self.assertEqual(estate.manager_id, self.manager_a)
        self.assertEqual(estate.staff_ids, self.staff_a)
        self.assertEqual(estate.developer_partner_id.name, "华远地产")
        self.assertEqual(
            estate.workday_calendar_id,
            self.env.ref("hoa_committee.workday_calendar_cn"),
        )
