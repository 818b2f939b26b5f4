from odoo import Command
from odoo.tests import new_test_user, tagged

from ..rules.ownership import UnitShare, group_voters
from .test_decision import DecisionCase


@tagged("post_install", "-at_install")
class TestDecisionRollInBulk(DecisionCase):
    """The roll frozen in one grouped query and one INSERT is the roll the
    rules compute (rules.ownership.group_voters)."""

    def estate_units(self):
        """Estate B: co-owners, owners of several units (names in mixed
        order), the developer's units both flagged and owned by it, and
        areas whose hundredths need rounding."""
        estate = self.estate_b
        estate.developer_partner_id = self.developer
        owners = self.env["res.partner"].create(
            [{"name": f"Roll owner {i}"} for i in range(4)]
        )
        co_owner = self.env["res.partner"].create({"name": "Roll co-owner"})

        def unit(name, area, owner=None, **values):
            return {
                "community_id": estate.id,
                "name": name,
                "area": area,
                "owner_id": owner.id if owner else False,
                **values,
            }

        self.env["hoa.unit"].create(
            [
                # owner 0: three units, named out of order, one shared
                unit("2-1201", 88.88, owners[0]),
                unit(
                    "10-101",
                    0.01,
                    owners[0],
                    co_owner_ids=[Command.link(co_owner.id)],
                ),
                unit("2-101", 33.33, owners[0]),
                # owners 1 and 2 own one each; the co-owner shares owner 1's
                unit(
                    "3-101",
                    100.10,
                    owners[1],
                    co_owner_ids=[Command.link(co_owner.id)],
                ),
                unit("3-102", 70.07, owners[2]),
                # owner 3: two units in other buildings
                unit("5-501", 120.49, owners[3]),
                unit("4-401", 99.51, owners[3]),
                # the developer's: unsold (flagged) and recorded as its own
                unit("9-901", 75.00, developer_held=True),
                unit("9-902", 65.55, developer_held=True),
                unit("9-903", 80.00, self.developer),
            ]
        )
        return estate, owners, co_owner

    def test_bulk_roll_equals_the_rules(self):
        estate, owners, co_owner = self.estate_units()
        decision = self.decision(community_id=estate.id)
        decision.action_open()
        roll = {
            (v.partner_id.id, v.is_developer, v.area_centi, v.unit_count, v.unit_names)
            for v in decision.voter_ids
        }
        units = self.env["hoa.unit"].search([("community_id", "=", estate.id)])
        expected = group_voters(
            [
                UnitShare(u.id, u.area, u.owner_id.id or None, u.developer_held, u.name)
                for u in units
            ],
            self.developer.id,
        )
        self.assertEqual(
            roll,
            {
                (
                    v.owner_key,
                    v.is_developer,
                    v.area_centi,
                    v.unit_count,
                    ", ".join(v.unit_names),
                )
                for v in expected.values()
            },
        )
        # spelled out: four owners and the developer's bloc, one head each
        self.assertEqual(decision.total_headcount, 5)
        self.assertNotIn(co_owner, decision.voter_ids.partner_id)
        first = decision.voter_ids.filtered(lambda v: v.partner_id == owners[0])
        self.assertEqual(
            (first.area_centi, first.unit_count, first.unit_names),
            (12222, 3, "10-101, 2-101, 2-1201"),
        )
        developer = decision.voter_ids.filtered("is_developer")
        self.assertEqual(
            (developer.partner_id, developer.area_centi, developer.unit_count),
            (self.developer, 22055, 3),
        )
        # written as the ORM writes a record: who and when
        self.assertEqual(decision.voter_ids.create_uid, self.env.user)
        self.assertEqual(decision.voter_ids.write_uid, self.env.user)
        self.assertTrue(all(decision.voter_ids.mapped("create_date")))

    def test_reopened_roll_is_frozen_again(self):
        estate, owners, _co_owner = self.estate_units()
        decision = self.decision(community_id=estate.id)
        decision.action_open()
        first = decision.voter_ids
        decision._reopen_to_draft("owner 3 sold a unit")
        self.env["hoa.unit"].search(
            [("community_id", "=", estate.id), ("name", "=", "4-401")]
        ).owner_id = owners[1]
        decision.action_open()
        self.assertFalse(first.exists())
        moved = decision.voter_ids.filtered(lambda v: v.partner_id == owners[1])
        self.assertEqual((moved.unit_count, moved.area_centi), (2, 19961))
        self.assertEqual(len(decision.voter_ids), 5)


@tagged("post_install", "-at_install")
class TestDecisionOwnerService(DecisionCase):
    """The counts on a decision of the owners served its voting notice, and
    of those to reach on paper."""

    def serve(self, decision, partner, channel, state="pending", kind="vote_notice"):
        return (
            self.env["hoa.service"]
            .sudo()
            .with_context(hoa_serving=True)
            ._create_in_state(
                [
                    {
                        "res_model": "hoa.decision",
                        "res_id": decision.id,
                        "document": kind,
                        "partner_id": partner.id,
                        "channel": channel,
                        "state": state,
                        "community_id": decision.community_id.id,
                        "company_id": decision.company_id.id,
                    }
                ]
            )
        )

    def test_counts_per_decision(self):
        first, second = self.decision(), self.decision(name="第二项")
        owners = self.owners
        new_test_user(
            self.env,
            "hoa_t_roll_portal",
            groups="base.group_portal",
            partner_id=owners[1].id,
        )
        new_test_user(
            self.env,
            "hoa_t_roll_gone",
            groups="base.group_portal",
            partner_id=owners[2].id,
        ).active = False
        # owner 0 by email, then again (a second row) in the portal: one owner
        self.serve(first, owners[0], "email")
        self.serve(first, owners[0], "portal")
        # owner 1 reads it in the portal with their account
        self.serve(first, owners[1], "portal")
        # owners 2 (account archived) and 3 (none): on paper
        self.serve(first, owners[2], "portal")
        self.serve(first, owners[3], "portal")
        # not the voting notice; and another decision's
        self.serve(first, owners[4], "portal", kind="vote_reminder")
        self.serve(second, owners[3], "portal")
        self.serve(second, owners[4], "email")
        decisions = (first | second).with_env(self.env)
        decisions.invalidate_recordset()
        self.assertEqual(
            decisions.mapped("owner_served_count"),
            [4, 2],
        )
        # owner 0 was also served in the portal, without an account: the
        # paper list counts owners, once each
        self.assertEqual(decisions.mapped("owner_paper_count"), [3, 1])
        self.assertEqual(self.decision().owner_served_count, 0)
