from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase
from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestOwnerRequestStaffTour(HttpCase, HoaCommitteeCase):
    """The service centre records an owner's call and answers it, in
    Chinese, from the menu."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.name = "亮马河花园"
        cls.owner_wang = cls.env["res.partner"].create(
            {"name": "王业主", "email": "wang.yezhu@example.com"}
        )
        cls.env["hoa.unit"].create(
            {
                "community_id": cls.estate_a.id,
                "name": "1-101",
                "area": 98.5,
                "owner_id": cls.owner_wang.id,
            }
        )
        # not an owner of the estate: never offered
        cls.env["res.partner"].create({"name": "王业务员"})
        cls.staff_a.lang = "zh_CN"
        cls.env.registry.clear_cache()  # users' context_get is cached

    def test_staff_records_a_call_and_answers(self):
        self.start_tour(
            "/odoo",
            "hoa_owner_request_staff_records_and_answers",
            login="hoa_t_staff_a",
        )
        request = self.env["hoa.owner.request"].search(
            [("partner_id", "=", self.owner_wang.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(
            (request.kind, request.about, request.building, request.common_part),
            ("complaint", "common", "1", "1号楼大堂"),
        )
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answered_by_id, self.staff_a)
        self.assertTrue(
            request.message_ids.filtered(
                lambda m: self.owner_wang in m.partner_ids and "门禁" in m.body
            ),
            "the answer was sent to the owner",
        )


@tagged("post_install", "-at_install")
class TestOwnerRequestOwnerTour(HoaPortalCase):
    """An owner asks in the portal with a photo, then reads the answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a.lang = "zh_CN"
        cls.env.registry.clear_cache()

    def test_owner_asks_with_a_photo_and_reads_the_answer(self):
        self.start_tour("/my", "hoa_owner_request_owner_asks", login="hoa_t_owner_a")
        request = self.env["hoa.owner.request"].search(
            [("partner_id", "=", self.owner_a.partner_id.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(
            (request.kind, request.category, request.channel),
            ("question", "repair", "portal"),
        )
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertEqual(photos.mapped("name"), ["渗水.png"])
        request.with_user(self.staff_a).answer = "物业维修工明天上午上门查看。"
        request.with_user(self.staff_a).action_answer()
        self.start_tour(
            "/my/requests",
            "hoa_owner_request_owner_reads_answer",
            login="hoa_t_owner_a",
        )
