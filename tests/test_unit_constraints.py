import csv

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import file_open, mute_logger

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestUnitConstraints(HoaCommitteeCase):
    def _unit(self, name, area, estate=None):
        return self.env["hoa.unit"].create(
            {"community_id": (estate or self.estate_a).id, "name": name, "area": area}
        )

    def test_area_must_be_positive(self):
        for name, area in (("9-9-0901", 0), ("9-9-0902", -12.5)):
            with self.assertRaisesRegex(ValidationError, "must be greater than zero"):
                self._unit(name, area)
        self.assertEqual(self._unit("9-9-0903", 0.01).area, 0.01)

    def test_unit_unique_per_estate(self):
        self._unit("1-1-0101", 89.5)
        with self.assertRaisesRegex(
            ValidationError, "already exists in estate Estate A"
        ):
            self._unit("1-1-0101", 90.0)
        # the same number in another estate is another unit
        self.assertTrue(self._unit("1-1-0101", 90.0, estate=self.estate_b))

    @mute_logger("odoo.sql_db")
    def test_unit_unique_guarded_by_database(self):
        unit = self._unit("1-1-0102", 89.5)
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO hoa_unit (community_id, name, area, area_basis) "
                "VALUES (%s, %s, 10, 'registered')",
                [unit.community_id.id, unit.name],
            )

    # the import tries the row of an unknown estate and PostgreSQL refuses it
    @mute_logger("odoo.sql_db")
    def test_import_reports_bad_rows(self):
        """Bad rows come back with a clear message and nothing is imported."""
        header = "community_id,name,area,area_basis,developer_held\n"
        good = "Estate A,2-1-0101,89.50,registered,False\n"
        result = self.import_units_csv(header + good)
        self.assertFalse(result["messages"], result["messages"])
        for bad_row, expected in (
            ("Estate A,2-1-0103,0,registered,False", "greater than zero"),
            ("Estate A,2-1-0101,90,registered,False", "2-1-0101 already exists"),
            ("No Such Estate,2-1-0104,90,registered,False", "No Such Estate"),
            ("Estate A,2-1-0105,90,measured,False", "measured"),
            ("Estate A,2-1-0106,abc,registered,False", "abc"),
        ):
            content = header + "Estate A,2-1-0102,95,registered,False\n" + bad_row
            result = self.import_units_csv(content)
            messages = " ".join(m["message"] for m in result["messages"])
            self.assertIn(expected, messages, bad_row)
            self.assertFalse(result.get("ids"), bad_row)
        self.assertEqual(
            self.env["hoa.unit"]
            .search([("community_id", "=", self.estate_a.id)])
            .mapped("name"),
            ["2-1-0101"],
        )

    def test_import_template_loads(self):
        """The ready template imports as it is, creating the owners it names."""
        Unit = self.env["hoa.unit"]
        path = Unit.get_import_templates()[0]["template"]
        with file_open(path.lstrip("/"), "rb") as f:
            content = f.read().decode().replace("亮马河南岸家园", "Estate A")
        # the owners it names are one person each here, whatever other
        # people of the same name (张伟…) a database already holds
        header, *lines = csv.reader(content.splitlines())
        names = {line[header.index("owner_id")] for line in lines}
        for namesake in self.env["res.partner"].search([("name", "in", list(names))]):
            namesake.name += " (同名)"
        result = self.import_units_csv(content, create_owners=True)
        self.assertFalse(result["messages"], result["messages"])
        rows = list(csv.reader(content.splitlines()))[1:]
        units = Unit.browse(result["ids"])
        self.assertEqual(units.mapped("name"), [row[1] for row in rows])
        # the three areas of the template, the first known one in legal order
        self.assertEqual(units.mapped("area"), [89.5, 120.3, 143.8, 105.7, 56.2])
        self.assertEqual(
            units.mapped("area_basis"),
            ["registered", "surveyed", "contract", "registered", "registered"],
        )
        self.assertEqual(units[3].surveyed_area, 106.2)
        self.assertEqual(units.filtered("developer_held").name, "1-1-201")
        self.assertEqual(units[0].owner_id.name, rows[0][5])
