"""The committee's life cycle and the law's periods: the first meeting
within 7 days of the election, resolutions published within 3 days, the
revocation window of art. 280 counted per arts. 201–203."""

import random
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..rules.periods import year_period_end
from .common import HoaCommitteeCase


def every_day(day):
    return True


@tagged("post_install", "-at_install")
class TestFirstMeeting(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # elected on Monday 2 March 2026: the 7th day after is Monday 9 March
        cls.new_committee = cls.create_committee(
            cls.estate_a,
            5,
            name="第二届业主委员会",
            election_date=date(2026, 3, 2),
            term_start=date(2026, 3, 2),
            term_end=date(2031, 3, 1),
        )

    def overdue(self, record):
        self.env.flush_all()
        return self.env["hoa.overdue"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_deadline_is_the_7th_day_after_the_election(self):
        self.assertEqual(self.new_committee.first_meeting_deadline, date(2026, 3, 9))
        # 7th day a Sunday (elected Sunday 1 March 2026 + 7 = Sunday 8 March):
        # the period ends on Monday 9 March (arts. 201–203)
        self.new_committee.election_date = date(2026, 3, 1)
        self.assertEqual(self.new_committee.first_meeting_deadline, date(2026, 3, 9))

    def test_held_on_the_7th_day_is_in_time_the_8th_is_late(self):
        committee = self.new_committee
        committee.first_meeting_date = date(2026, 3, 9)
        self.assertFalse(committee.first_meeting_late)
        committee.first_meeting_date = date(2026, 3, 10)
        self.assertTrue(committee.first_meeting_late)
        self.assertIn(
            committee,
            self.env["hoa.committee"].search([("first_meeting_late", "=", True)]),
        )

    def test_not_met_is_late_from_the_8th_day_and_overdue_now(self):
        committee = self.new_committee
        with freeze_time("2026-03-09 15:00:00"):  # 23:00 on the 7th day in Beijing
            committee.invalidate_recordset(["first_meeting_late"])
            self.assertFalse(committee.first_meeting_late)
            self.assertNotIn(
                committee,
                self.env["hoa.committee"].search([("first_meeting_late", "=", True)]),
            )
            self.assertFalse(self.overdue(committee))
        with freeze_time("2026-03-09 16:00:00"):  # 00:00 on the 8th day in Beijing
            committee.invalidate_recordset(["first_meeting_late"])
            self.assertTrue(committee.first_meeting_late)
            rows = self.overdue(committee)
            self.assertEqual(rows.kind, "first_meeting")
            self.assertEqual(rows.user_id, self.manager_a)
            self.assertEqual(rows.days_overdue, 1)

    def test_first_held_meeting_is_the_first_meeting(self):
        committee = self.new_committee
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "第一次会议",
                "committee_id": committee.id,
                "meeting_type": "special",
                # 09:30 on Monday 9 March 2026 in Beijing
                "date_start": datetime(2026, 3, 9, 1, 30),
                "location": "物业服务中心会议室",
            }
        )
        self.assertFalse(committee.first_meeting_date)
        meeting.action_propose()
        for line in meeting.attendance_ids.filtered("member_id")[:3]:
            line.present = True
        meeting.action_hold()
        self.assertEqual(committee.first_meeting_date, date(2026, 3, 9))
        self.assertFalse(committee.first_meeting_late)
        self.assertFalse(self.overdue(committee))

    def test_head_reminded_two_days_before_once(self):
        Committee = self.env["hoa.committee"]
        with freeze_time("2026-03-06 04:00:00"):  # three days before
            Committee._cron_remind_first_meeting()
            self.assertFalse(self.new_committee.activity_ids)
        with freeze_time("2026-03-07 04:00:00"):  # two days before
            Committee._cron_remind_first_meeting()
            Committee._cron_remind_first_meeting()
            activity = self.new_committee.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.manager_a)
            self.assertEqual(activity.date_deadline, date(2026, 3, 9))
        self.new_committee.activity_ids.unlink()
        self.new_committee.first_meeting_date = date(2026, 3, 8)
        with freeze_time("2026-03-08 04:00:00"):
            Committee._cron_remind_first_meeting()
            self.assertFalse(self.new_committee.activity_ids)


@tagged("post_install", "-at_install")
class TestResolutionPublication(HoaCommitteeCase):
    """The meeting of :meth:`committee_resolution` is on Friday 20 March 2026:
    its resolutions are published by Monday 23 March."""

    def overdue(self, record):
        self.env.flush_all()
        return self.env["hoa.overdue"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_published_before_the_minutes_are_signed(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        meeting = resolution.meeting_id
        self.assertEqual(meeting.state, "held")
        self.assertFalse(meeting.signed_count)
        self.assertEqual(resolution.date_made, date(2026, 3, 20))
        self.assertEqual(resolution.publish_deadline, date(2026, 3, 23))
        with freeze_time("2026-03-21 02:00:00"):
            meeting.with_user(self.manager_a).action_publish_resolutions()
        self.assertEqual(resolution.published_date, date(2026, 3, 21))
        self.assertFalse(resolution.publish_late)
        # published: the owners read it, nobody rewrites it or its votes
        with self.assertRaisesRegex(UserError, "published"):
            resolution.name = "改写的决议"
        with self.assertRaisesRegex(UserError, "published"):
            resolution.vote_ids[0].vote = "oppose"
        with self.assertRaisesRegex(UserError, "already published"):
            resolution.action_publish()

    def test_publication_date_only_through_the_button(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        with self.assertRaises(UserError):
            resolution.with_user(self.manager_a).write({"published_date": "2026-03-20"})
        self.assertFalse(resolution.published_date)

    def test_draft_meeting_cannot_publish(self):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "专题工作会议",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "requires_resolution": True,
                "date_start": datetime(2026, 3, 20, 1, 30),
            }
        )
        resolution = self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "同意"}
        )
        with self.assertRaisesRegex(UserError, "held"):
            resolution.action_publish()
        self.assertFalse(resolution.published_date)

    def test_third_day_in_time_fourth_day_late(self):
        in_time = self.committee_resolution(self.committee_a, agree=3)
        late = self.committee_resolution(self.committee_a, agree=3, name="第二项")
        with freeze_time("2026-03-23 15:59:00"):  # 23:59 on the 3rd day
            self.assertFalse(self.overdue(late))
            in_time.action_publish()
        with freeze_time("2026-03-23 16:00:00"):  # 00:00 on the 4th day
            late.invalidate_recordset(["publish_late"])
            self.assertTrue(late.publish_late)
            row = self.overdue(late)
            self.assertEqual(row.kind, "resolution")
            self.assertEqual(row.days_overdue, 1)
            self.assertFalse(self.overdue(in_time))
            found = self.env["hoa.meeting.resolution"].search(
                [("publish_late", "=", True)]
            )
            self.assertIn(late, found)
            self.assertNotIn(in_time, found)
            late.action_publish()
        self.assertEqual(in_time.published_date, date(2026, 3, 23))
        self.assertFalse(in_time.publish_late)
        self.assertEqual(late.published_date, date(2026, 3, 24))
        self.assertTrue(late.publish_late)
        self.assertFalse(self.overdue(late))

    def test_organiser_reminded_the_day_before(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        meeting = resolution.meeting_id
        meeting.user_id = self.manager_a
        before = len(meeting.activity_ids)
        Resolution = self.env["hoa.meeting.resolution"]
        with freeze_time("2026-03-21 04:00:00"):
            Resolution._cron_remind_publication()
            self.assertEqual(len(meeting.activity_ids), before)
        with freeze_time("2026-03-22 04:00:00"):
            Resolution._cron_remind_publication()
            Resolution._cron_remind_publication()
            new = meeting.activity_ids[before:]
            self.assertEqual(len(meeting.activity_ids), before + 1)
            reminder = meeting.activity_ids.filtered(
                lambda a: a.date_deadline == date(2026, 3, 23)
            )
            self.assertEqual(reminder.user_id, self.manager_a)
            self.assertTrue(new)


@tagged("post_install", "-at_install")
class TestRevocationWindow(HoaCommitteeCase):
    """民法典 art. 280: one year, counted per arts. 201–203."""

    def test_year_period_rule(self):
        self.assertEqual(
            year_period_end(date(2026, 6, 15), every_day), date(2027, 6, 15)
        )
        # not 365 days: a year running over 29 February 2028
        self.assertEqual(
            year_period_end(date(2027, 6, 15), every_day), date(2028, 6, 15)
        )
        self.assertEqual(
            year_period_end(date(2028, 2, 29), every_day), date(2029, 2, 28)
        )

    def test_decision_window_ends_after_the_labour_day_holiday(self):
        decision = (
            self.env["hoa.decision"]
            .sudo()
            ._create_in_state(
                [
                    {
                        "name": "续聘物业服务企业",
                        "community_id": self.estate_a.id,
                        "item": "management_company",
                        "state": "published",
                        "published_date": date(2025, 5, 1),
                    }
                ]
            )
        )
        # 1 May 2026 is in the Labour Day holiday (1–5 May): the 6th
        self.assertEqual(decision.objection_end, date(2026, 5, 6))

    def test_decision_published_on_29_february(self):
        decision = (
            self.env["hoa.decision"]
            .sudo()
            ._create_in_state(
                [
                    {
                        "name": "筹集维修资金",
                        "community_id": self.estate_a.id,
                        "item": "fund_raising",
                        "state": "published",
                        "published_date": date(2028, 2, 29),
                    }
                ]
            )
        )
        self.assertEqual(decision.objection_end, date(2029, 2, 28))
        decision.sudo()._set_state({"published_date": date(2027, 6, 15)})
        self.assertEqual(decision.objection_end, date(2028, 6, 15))

    def test_committee_resolution_shows_its_window(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        self.assertFalse(resolution.objection_end)
        with freeze_time("2026-03-23 02:00:00"):
            resolution.action_publish()
        self.assertEqual(resolution.objection_end, date(2027, 3, 23))

    def test_announcement_names_the_window(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        with freeze_time("2026-03-23 02:00:00"):
            resolution.action_publish()
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "hoa_committee.action_report_meeting_resolutions",
            resolution.meeting_id.ids,
        )
        text = html.decode()
        self.assertIn("Published to the owners on", text)
        # published 2026-03-23 (in the company language's date format)
        self.assertRegex(
            text, r"Published to the owners on\s*<span>(2026\D03\D23|03/23/2026)"
        )
        self.assertRegex(
            text, r"\(民法典 art. 280\) until\s*<span>(2027\D03\D23|03/23/2027)"
        )

    def test_resolution_published_on_29_february(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        with freeze_time("2028-02-29 02:00:00"):
            resolution.action_publish()
        self.assertEqual(resolution.objection_end, date(2029, 2, 28))

    def test_the_days_setting_is_gone(self):
        self.assertNotIn("hoa_decision_objection_days", self.env["res.company"])
        self.assertNotIn(
            "hoa_decision_objection_days", self.env["res.config.settings"]._fields
        )


@tagged("post_install", "-at_install")
class TestUnitAreas(HoaCommitteeCase):
    """Area by legal order: registered, else surveyed, else contract."""

    def unit(self, name, **areas):
        return self.env["hoa.unit"].create(
            {"community_id": self.estate_b.id, "name": name, **areas}
        )

    def test_first_area_known_in_the_legal_order(self):
        unit = self.unit(
            "7-1-0101", registered_area=88.5, surveyed_area=90.1, contract_area=92.0
        )
        self.assertEqual((unit.area, unit.area_basis), (88.5, "registered"))
        unit.registered_area = 0
        self.assertEqual((unit.area, unit.area_basis), (90.1, "surveyed"))
        unit.surveyed_area = 0
        self.assertEqual((unit.area, unit.area_basis), (92.0, "contract"))
        unit.registered_area = 87.9
        self.assertEqual((unit.area, unit.area_basis), (87.9, "registered"))
        self.assertEqual(unit.contract_area, 92.0, "the other areas are kept")
        self.assertAlmostEqual(self.estate_b.total_area, 87.9)

    def test_area_with_its_basis_is_that_basis_area(self):
        unit = self.unit("7-1-0102", area=101.2, area_basis="contract")
        self.assertEqual(unit.contract_area, 101.2)
        self.assertFalse(unit.registered_area)
        unit.surveyed_area = 99.8
        self.assertEqual((unit.area, unit.area_basis), (99.8, "surveyed"))

    def test_no_area_is_refused(self):
        with self.assertRaisesRegex(UserError, "greater than zero"):
            self.unit("7-1-0103", contract_area=0)
        with self.assertRaisesRegex(UserError, "greater than zero"):
            self.unit("7-1-0104", registered_area=80, surveyed_area=-3)

    def test_import_with_the_three_columns(self):
        content = (
            "community_id,name,registered_area,surveyed_area,contract_area\n"
            "Estate B,8-1-0101,,76.40,78.00\n"
            "Estate B,8-1-0102,81.25,80.00,\n"
            "Estate B,8-1-0103,,,66.60\n"
        )
        result = self.import_units_csv(content)
        self.assertFalse(result["messages"], result["messages"])
        units = self.env["hoa.unit"].browse(result["ids"]).sorted("name")
        self.assertEqual(units.mapped("area"), [76.4, 81.25, 66.6])
        self.assertEqual(
            units.mapped("area_basis"), ["surveyed", "registered", "contract"]
        )


@tagged("post_install", "-at_install")
class TestDeveloperBloc(HoaCommitteeCase):
    """Every unit the developer owns is in one bloc, on the estate's headcount
    and on the voter roll alike."""

    def roll(self, estate):
        decision = self.env["hoa.decision"].create(
            {"name": "表决", "community_id": estate.id, "item": "fund_use"}
        )
        decision._freeze_voter_roll()
        return decision.voter_ids

    def test_developer_owned_unit_not_flagged_counts_in_the_bloc(self):
        estate = self.estate_a
        owners = self.env["res.partner"].create(
            [{"name": f"业主{i}"} for i in range(6)]
        )
        Unit = self.env["hoa.unit"]
        for i, owner in enumerate(owners):
            Unit.create(
                {
                    "community_id": estate.id,
                    "name": f"1-1-0{i + 1}01",
                    "registered_area": 100,
                    "owner_id": owner.id,
                }
            )
        Unit.create(
            [
                {
                    "community_id": estate.id,
                    "name": "1-1-0901",
                    "registered_area": 90,
                    "developer_held": True,
                    "owner_id": self.developer.id,
                },
                {
                    # sold in the books to nobody yet: owned by the developer,
                    # not flagged
                    "community_id": estate.id,
                    "name": "1-1-1001",
                    "registered_area": 80,
                    "owner_id": self.developer.id,
                },
            ]
        )
        # six owners and the developer: 7, on the estate and on the roll
        self.assertEqual(estate.owner_headcount, 7)
        self.assertEqual(estate.developer_unit_count, 2)
        roll = self.roll(estate)
        self.assertEqual(len(roll), 7)
        bloc = roll.filtered("is_developer")
        self.assertEqual(bloc.partner_id, self.developer)
        self.assertEqual(bloc.unit_count, 2)
        self.assertEqual(bloc.area_centi, 17000)

    def test_random_estates_estate_and_roll_agree(self):
        rng = random.Random(17)
        Unit = self.env["hoa.unit"]
        for n in range(6):
            developer = self.env["res.partner"].create({"name": f"开发商{n}"})
            estate = self.env["hoa.community"].create(
                {
                    "name": f"随机小区{n}",
                    "code": f"T-R{n}",
                    "developer_partner_id": developer.id,
                }
            )
            people = self.env["res.partner"].create(
                [{"name": f"随机业主{n}-{i}"} for i in range(rng.randint(2, 8))]
            )
            vals_list = []
            expected_voters = set()
            expected_area = 0
            for i in range(rng.randint(3, 25)):
                kind = rng.choice(["owner", "owner", "held", "developer_owned"])
                area = rng.randint(4000, 15000)  # hundredths of m²
                vals = {
                    "community_id": estate.id,
                    "name": f"{n}-1-{i + 1:02d}01",
                    "registered_area": area / 100,
                }
                if kind == "owner":
                    owner = rng.choice(people)
                    vals["owner_id"] = owner.id
                    expected_voters.add(owner.id)
                else:
                    vals["owner_id"] = developer.id
                    vals["developer_held"] = kind == "held"
                    expected_voters.add(developer.id)
                expected_area += area
                vals_list.append(vals)
            Unit.create(vals_list)
            roll = self.roll(estate)
            with self.subTest(estate=estate.name):
                self.assertEqual(estate.owner_headcount, len(expected_voters))
                self.assertEqual(len(roll), estate.owner_headcount)
                self.assertEqual(set(roll.partner_id.ids), expected_voters)
                self.assertEqual(sum(roll.mapped("area_centi")), expected_area)
                self.assertAlmostEqual(estate.total_area, expected_area / 100)
                self.assertLessEqual(len(roll.filtered("is_developer")), 1)
                # changing the developer regroups both alike
                estate.developer_partner_id = False
                estate.developer_partner_id = developer
                self.assertEqual(estate.owner_headcount, len(expected_voters))
