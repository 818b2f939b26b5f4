from odoo.tests import tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestOwnerOnboardingTours(HoaPortalCase):
    """An owner registering on a phone, and the head inviting an estate, in
    headless Chromium and in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.manager_a.lang = "zh_CN"
        cls.env.registry.clear_cache()
        cls.estate = cls.env["hoa.community"].create(
            {"name": "丁香园", "code": "T-DXY", "manager_id": cls.manager_a.id}
        )
        owners = cls.env["res.partner"].create(
            [
                {"name": "周业主", "mobile": "13800000009"},
                {"name": "吴业主", "email": "wu.owner@example.com"},
                {"name": "孙业主"},
            ]
        )
        cls.env["hoa.unit"].create(
            [
                {
                    "community_id": cls.estate.id,
                    "name": f"9-1-0{i + 1}01",
                    "area": 90.0,
                    "owner_id": owner.id,
                }
                for i, owner in enumerate(owners)
            ]
        )
        cls.zhou = owners[0]

    def test_owner_registers_and_lands_in_the_portal(self):
        self.start_tour("/hoa/register", "hoa_owner_register")
        user = self.zhou.user_ids
        self.assertEqual((user.login, user.lang), ("13800000009", "zh_CN"))
        self.assertTrue(user._is_portal())

    def test_head_invites_the_estates_owners(self):
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_community_action",
            "hoa_owner_invite",
            login="hoa_t_manager_a",
        )
        run = self.env["hoa.owner.invitation"].search(
            [("community_id", "=", self.estate.id)]
        )
        self.assertEqual((run.state, run.total), ("running", 3))
        self.env["hoa.owner.invitation"]._cron_process()
        self.assertEqual(run.state, "done")
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_owner_invitation_action",
            "hoa_owner_invitation_report",
            login="hoa_t_manager_a",
        )
