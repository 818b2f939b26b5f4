from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..rules.units import (
    EMPTY,
    UnitParts,
    building_code,
    join_buildings,
    parse_unit_name,
    split_buildings,
)
from .common import HoaCommitteeCase, HoaTransactionCase

#: unit name → (building, entrance, floor, room)
PARSED = {
    "1-1-0101": ("1", "1", 1, "0101"),
    "3-2-1203": ("3", "2", 12, "1203"),
    "10-2-2002": ("10", "2", 20, "2002"),
    "1-1-101": ("1", "1", 1, "101"),
    "01-02-0301": ("1", "2", 3, "0301"),
    "A-2-1203": ("A", "2", 12, "1203"),
    "b1-1-0101": ("B1", "1", 1, "0101"),
    " 3 - 2 - 1203 ": ("3", "2", 12, "1203"),
    "3—2—1203": ("3", "2", 12, "1203"),
    "１２栋２单元１２０３": ("12", "2", 12, "1203"),
    "12栋2单元1203": ("12", "2", 12, "1203"),
    "3号楼2单元1203室": ("3", "2", 12, "1203"),
    "5幢1单元-0302号": ("5", "1", 3, "0302"),
    "7楼1单元801": ("7", "1", 8, "801"),
    "A座-1502": ("A", None, 15, "1502"),
    "a座1502": ("A", None, 15, "1502"),
    "A-1502": ("A", None, 15, "1502"),
    "2-1-0001": ("2", "1", None, "0001"),
}
UNPARSEABLE = (
    None,
    False,
    "",
    "   ",
    "商铺",
    "底商-东5",
    "1-1",
    "1-1-12345",
    "1-1-01",
    "一栋二单元1203",
    "车位B2-017",
    "1-1-0101-2",
    "12栋",
    123,
)


@tagged("post_install", "-at_install")
class TestUnitNameRules(HoaTransactionCase):
    def test_unit_names_read(self):
        for name, parts in PARSED.items():
            with self.subTest(name=name):
                self.assertEqual(parse_unit_name(name), UnitParts(*parts))

    def test_unreadable_names_give_empty_parts(self):
        for name in UNPARSEABLE:
            with self.subTest(name=name):
                self.assertEqual(parse_unit_name(name), EMPTY)
        self.assertEqual(tuple(EMPTY), (None, None, None, None))

    def test_building_lists(self):
        for typed, code in (
            ("3", "3"),
            ("3号楼", "3"),
            ("３栋", "3"),
            ("03", "3"),
            ("a座", "A"),
            ("底商", "底商"),
            ("号楼", None),
            ("", None),
            (None, None),
        ):
            with self.subTest(typed=typed):
                self.assertEqual(building_code(typed), code)
        self.assertEqual(split_buildings("3号楼, 5号楼、３栋 a座；3"), ["3", "5", "A"])
        self.assertEqual(split_buildings(" , 、"), [])
        self.assertEqual(join_buildings(["10", "2", "A", "1", "2"]), "1、2、10、A")


@tagged("post_install", "-at_install")
class TestUnitBuildings(HoaCommitteeCase):
    def _unit(self, name, estate=None, **values):
        return self.env["hoa.unit"].create(
            {
                "community_id": (estate or self.estate_a).id,
                "name": name,
                "area": 90.0,
                **values,
            }
        )

    def _parts(self, unit):
        return (unit.building, unit.entrance, unit.floor, unit.room)

    def test_parts_read_from_the_name(self):
        self.assertEqual(self._parts(self._unit("3-2-1203")), ("3", "2", 12, "1203"))
        self.assertEqual(
            self._parts(self._unit("12栋2单元1203")), ("12", "2", 12, "1203")
        )
        self.assertEqual(self._parts(self._unit("A座-1502")), ("A", False, 15, "1502"))
        self.assertEqual(self._parts(self._unit("商铺5")), (False, False, 0, False))
        # renamed: the parts follow the name
        unit = self._unit("1-1-0101")
        unit.name = "2-3-0905"
        self.assertEqual(self._parts(unit), ("2", "3", 9, "0905"))

    def test_explicit_parts_kept(self):
        shop = self._unit("底商-东5", building="底商", floor=1)
        self.assertEqual(self._parts(shop), ("底商", False, 1, False))
        # a name that says nothing keeps what was set by hand
        shop.name = "底商-东6"
        self.assertEqual(self._parts(shop), ("底商", False, 1, False))
        unit = self._unit("1-1-0101", entrance="东", building="1号楼")
        self.assertEqual(self._parts(unit), ("1", "东", 1, "0101"))
        unit.building = "2栋"
        self.assertEqual(unit.building, "2")
        unit.write({"name": "1-1-0102", "entrance": "西"})
        self.assertEqual(self._parts(unit), ("1", "西", 1, "0102"))

    def test_import_fills_the_parts(self):
        result = self.import_units_csv(
            "community_id,name,area,building,floor\n"
            "Estate A,3-2-1203,89.5,,\n"
            "Estate A,12栋2单元1203,105.7,,\n"
            "Estate A,底商-东5,56.2,底商,1\n"
            "Estate A,5-1-0302,98,5号楼,\n"
        )
        self.assertFalse(result["messages"], result["messages"])
        units = self.env["hoa.unit"].browse(result["ids"])
        self.assertEqual(
            [self._parts(unit) for unit in units],
            [
                ("3", "2", 12, "1203"),
                ("12", "2", 12, "1203"),
                ("底商", False, 1, False),
                ("5", "1", 3, "0302"),
            ],
        )

    def test_units_found_and_grouped_by_building(self):
        for name in ("1-1-0101", "1-2-0201", "12-1-0101", "12-1-0201", "12-1-0301"):
            self._unit(name)
        Unit = self.env["hoa.unit"]
        in_a = [("community_id", "=", self.estate_a.id)]
        self.assertEqual(
            dict(Unit._read_group(in_a, ["building"], ["__count"])),
            {"1": 2, "12": 3},
        )
        self.assertEqual(
            dict(
                Unit._read_group(
                    [*in_a, ("building", "=", "12")], ["floor"], ["__count"]
                )
            ),
            {1: 1, 2: 1, 3: 1},
        )
        self.assertEqual(
            Unit.search([*in_a, ("entrance", "=", "2")]).mapped("name"), ["1-2-0201"]
        )


@tagged("post_install", "-at_install")
class TestBuildingsConcerned(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Unit = cls.env["hoa.unit"]
        cls.units_a = Unit.create(
            [
                {"community_id": cls.estate_a.id, "name": name, "area": 90.0}
                for name in ("1-1-0101", "3-2-1203", "12-1-0101")
            ]
        )
        cls.unit_b = Unit.create(
            {"community_id": cls.estate_b.id, "name": "5-1-0101", "area": 90.0}
        )

    def test_unit_dropdown_offers_the_estate_units(self):
        for model in ("hoa.inquiry", "hoa.matter"):
            with self.subTest(model=model):
                field = self.env[model]._fields["unit_ids"]
                domain = safe_eval(field.domain, {"community_id": self.estate_a.id})
                offered = self.env["hoa.unit"].name_search("", domain, limit=None)
                self.assertEqual(
                    sorted(name for _id, name in offered),
                    ["1-1-0101", "12-1-0101", "3-2-1203"],
                )
                record = self.env[model].create(
                    {"community_id": self.estate_a.id, "subject": "漏水"}
                )
                with self.assertRaisesRegex(ValidationError, "not a unit of estate"):
                    record.unit_ids = self.unit_b

    def test_units_name_their_buildings(self):
        inquiry = self.env["hoa.inquiry"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "楼道漏水",
                "unit_ids": self.units_a[1:].ids,
            }
        )
        self.assertEqual(inquiry.buildings, "3、12")
        matter = self.env["hoa.matter"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "外墙",
                "buildings": "3号楼, 1栋",
            }
        )
        self.assertEqual(matter.buildings, "1、3")
        with self.assertRaisesRegex(ValidationError, "has no building 7"):
            matter.buildings = "3、7"
        with self.assertRaisesRegex(ValidationError, "has no building 5"):
            self.env["hoa.inquiry"].create(
                {"community_id": self.estate_a.id, "subject": "x", "buildings": "5"}
            )

    def test_search_and_group_by_building(self):
        Inquiry = self.env["hoa.inquiry"]
        one = Inquiry.create(
            {"community_id": self.estate_a.id, "subject": "一号楼", "buildings": "1"}
        )
        both = Inquiry.create(
            {"community_id": self.estate_a.id, "subject": "两栋", "buildings": "12、3"}
        )
        twelve = Inquiry.create(
            {"community_id": self.estate_a.id, "subject": "十二号楼", "buildings": "12"}
        )
        mine = [("id", "in", (one | both | twelve).ids)]
        self.assertEqual(Inquiry.search([*mine, ("building", "=", "1")]), one)
        self.assertEqual(
            Inquiry.search([*mine, ("building", "ilike", "12号楼")]), both | twelve
        )
        self.assertEqual(Inquiry.search([*mine, ("building", "=", "3")]), both)
        self.assertEqual(
            dict(Inquiry._read_group(mine, ["buildings"], ["__count"])),
            {"1": 1, "3、12": 1, "12": 1},
        )

    def test_letters_name_buildings_and_units(self):
        for model, report_xmlid in (
            ("hoa.inquiry", "hoa_committee.action_report_inquiry_reply"),
            ("hoa.matter", "hoa_committee.action_report_matter_letter"),
        ):
            with self.subTest(model=model):
                record = self.env[model].create(
                    {
                        "community_id": self.estate_a.id,
                        "subject": "漏水",
                        "unit_ids": self.units_a[:2].ids,
                    }
                )
                report = self.env.ref(report_xmlid)
                html = report._render_qweb_html(report.report_name, record.ids)[0]
                html = html.decode()
                # the letter is written in the company's language (Chinese)
                self.assertRegex(html, r"涉及楼栋：\s*<span>1、3</span>")
                self.assertRegex(html, r"涉及房屋：\s*<span>1-1-0101、3-2-1203</span>")
