from odoo.tests import tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestUnitTours(HoaPortalCase):
    """Units in the back office, in headless Chromium, in Chinese, as the
    service-centre head does it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.lang = "zh_CN"
        cls.estate_a.name = "亮马河南岸家园"
        cls.env["hoa.unit"].create(
            [
                {"community_id": cls.estate_a.id, "name": name, "area": 90.0}
                for name in ("1-1-0101", "3-2-1203")
            ]
        )
        cls.env.registry.clear_cache()

    def test_head_creates_a_unit_and_finds_it_by_building(self):
        self.start_tour("/odoo", "hoa_unit_buildings", login="hoa_t_manager_a")
        unit = self.env["hoa.unit"].search([("name", "=", "12栋2单元1203")])
        self.assertEqual(unit.community_id, self.estate_a)
        self.assertEqual(
            (unit.building, unit.entrance, unit.floor, unit.room),
            ("12", "2", 12, "1203"),
        )
        # the area typed is the registered area; the unit's area follows it
        self.assertEqual(
            (unit.registered_area, unit.area, unit.area_basis),
            (105.7, 105.7, "registered"),
        )
