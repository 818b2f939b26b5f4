import random

from odoo import Command
from odoo.tests import tagged

from ..rules.ownership import UnitShare, count_owners
from .common import HoaCommitteeCase


def brute_force_count(units):
    """Independent count: walk the owners one by one."""
    area = sum(u.area for u in units)
    owners = []
    developer_seen = False
    for u in units:
        if u.developer_held:
            if not developer_seen:
                developer_seen = True
                owners.append("developer")
        elif u.owner_key is None:
            owners.append(("unit", u.unit_key))
        elif u.owner_key not in owners:
            owners.append(u.owner_key)
    return area, len(owners)


@tagged("post_install", "-at_install")
class TestOwnershipRule(HoaCommitteeCase):
    def test_count_owners_matches_brute_force(self):
        rng = random.Random(8)
        for _ in range(200):
            units = [
                UnitShare(
                    i,
                    round(rng.uniform(30, 200), 2),
                    rng.choice([None, *range(12)]),
                    rng.random() < 0.15,
                )
                for i in range(rng.randint(0, 40))
            ]
            area, headcount = count_owners(units)
            expected_area, expected_headcount = brute_force_count(units)
            self.assertAlmostEqual(area, expected_area, places=6)
            self.assertEqual(headcount, expected_headcount)

    def test_estate_totals(self):
        """Developer units count once together, a two-unit owner once."""
        owner_1, owner_2 = self.env["res.partner"].create(
            [{"name": "Owner 1"}, {"name": "Owner 2"}]
        )
        estate = self.env["hoa.community"].create(
            {
                "name": "Counting Estate",
                "code": "T-COUNT",
                "developer_partner_id": self.developer.id,
                "unit_ids": [
                    Command.create(
                        {"name": "1-101", "area": 90.5, "owner_id": owner_1.id}
                    ),
                    Command.create(
                        {"name": "1-102", "area": 110.25, "owner_id": owner_1.id}
                    ),
                    Command.create(
                        {"name": "1-201", "area": 88.0, "owner_id": owner_2.id}
                    ),
                    Command.create(
                        {"name": "1-202", "area": 120.0, "developer_held": True}
                    ),
                    Command.create(
                        {"name": "1-301", "area": 75.0, "developer_held": True}
                    ),
                    Command.create({"name": "1-302", "area": 60.0}),
                ],
            }
        )
        self.assertAlmostEqual(estate.total_area, 543.75)
        # owner 1, owner 2, the developer bloc, the ownerless unit
        self.assertEqual(estate.owner_headcount, 4)
        self.assertEqual(estate.developer_unit_count, 2)
        self.assertEqual(estate.unit_count, 6)

        # Owner 2 buys the developer's last unit: the bloc shrinks, the
        # headcount stays (the developer still holds one unit).
        estate.unit_ids.filtered(lambda u: u.name == "1-301").write(
            {"developer_held": False, "owner_id": owner_2.id}
        )
        self.assertEqual(estate.owner_headcount, 4)
        estate.unit_ids.filtered(lambda u: u.name == "1-202").write(
            {"developer_held": False, "owner_id": owner_2.id}
        )
        self.assertEqual(estate.owner_headcount, 3)
        self.assertEqual(estate.developer_unit_count, 0)
        estate.unit_ids.filtered(lambda u: u.name == "1-302").area = 70.0
        self.assertAlmostEqual(estate.total_area, 553.75)

    def test_demo_estate_totals_match_units(self):
        # the test database has the demo data (OCA's CI installs it)
        estate = self.env.ref("hoa_committee.hoa_community_demo_lmh")
        units = estate.unit_ids
        area, headcount = brute_force_count(
            [
                UnitShare(u.id, u.area, u.owner_id.id or None, u.developer_held)
                for u in units
            ]
        )
        self.assertEqual(len(units), 800)
        self.assertEqual(estate.owner_headcount, headcount)
        self.assertAlmostEqual(estate.total_area, area, places=2)
        owners_with_two = [
            p
            for p, n in self._count_by_owner(
                units.filtered(lambda u: not u.developer_held)
            ).items()
            if n > 1
        ]
        self.assertGreaterEqual(len(owners_with_two), 15)
        self.assertEqual(len(units.filtered("developer_held")), 24)

    @staticmethod
    def _count_by_owner(units):
        counts = {}
        for unit in units:
            counts[unit.owner_id.id] = counts.get(unit.owner_id.id, 0) + 1
        return counts
