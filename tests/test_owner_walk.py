"""What an owner and a head met walking through the product in Chinese."""

from lxml import html

from odoo.tests import tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestOwnerWalk(HoaPortalCase):
    def setUp(self):
        super().setUp()
        self.Decision = self.env["hoa.decision"]

    def breadcrumbs(self, url):
        page = html.fromstring(self.url_open(url).text)
        crumbs = page.xpath("//ol[contains(@class, 'o_portal_submenu')]")
        self.assertTrue(crumbs, url)
        return crumbs[0]

    def test_an_owner_told_of_a_vote_is_asked_to_vote_not_to_confirm_receipt(self):
        self.owners[1].email = False  # told in the portal
        decision = self.open_decision()
        self.Decision._cron_serve_owners()
        served = self.env["hoa.service"].search(
            [
                ("res_model", "=", decision._name),
                ("res_id", "=", decision.id),
                ("partner_id", "=", self.owners[1].id),
            ]
        )
        self.assertEqual(served.mapped("channel"), ["portal"])
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = html.fromstring(self.url_open("/my").text)
        votes = page.xpath("//li[contains(@class, 'o_hoa_waiting_vote')]//a/@href")
        self.assertEqual(votes, [decision.access_url])
        self.assertFalse(
            page.xpath("//li[contains(@class, 'o_hoa_waiting_receipt')]"),
            "no receipt the vote's page cannot take",
        )

    def test_the_portal_chatter_is_translated(self):
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        response = self.url_open("/website/translations/walk?lang=zh_CN")
        modules = response.json()["modules"]
        self.assertIn("mail", modules)
        self.assertIn(
            "对话内容为空",
            [message["string"] for message in modules["mail"]["messages"]],
        )

    def test_request_and_fund_pages_have_their_breadcrumb(self):
        request = (
            self.env["hoa.owner.request"]
            .with_user(self.staff_a)
            .create(
                {
                    "community_id": self.estate_a.id,
                    "partner_id": self.owners[1].id,
                    "about": "common",
                    "common_part": "南门",
                    "kind": "question",
                    "category": "other",
                    "description": "南门几点关闭？",
                }
            )
        )
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        crumbs = self.breadcrumbs(f"/my/requests/{request.id}")
        self.assertEqual(crumbs.xpath(".//a/@href")[-1], "/my/requests")
        self.assertIn(request.name, crumbs.text_content())
        crumbs = self.breadcrumbs("/my/requests")
        self.assertIn("Questions and Complaints", crumbs.text_content())
        crumbs = self.breadcrumbs("/my/fund")
        self.assertIn("Maintenance Fund", crumbs.text_content())

    def test_jobs_write_their_notes_in_the_company_language(self):
        self.env.company.partner_id.lang = "zh_CN"
        self.env["res.lang"]._activate_lang("zh_CN")
        decision = self.open_decision()
        self.Decision.with_context(lang="en_US")._cron_serve_owners()
        self.assertIn("已向表决名册上的 3 位业主送达", decision.message_ids[0].body)
        run = self.estate_a.with_user(self.manager_a).action_invite_owners()
        run = self.env["hoa.owner.invitation"].browse(run["res_id"])
        self.env["hoa.owner.invitation"].with_context(lang="en_US")._cron_process()
        self.assertEqual(run.state, "done")
        self.assertIn("邀请完成", run.message_ids[0].body)

    def test_the_import_form_reads_in_chinese_without_a_stray_full_stop(self):
        arch = (
            self.env["hoa.fund.balance.import"]
            .with_user(self.manager_a)
            .with_context(lang="zh_CN")
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("下载模板</a>", arch)
        self.assertNotIn("下载模板</a>.", arch)
