from datetime import date, timedelta

import holidays
from hypothesis import (
    given,
    settings,
    strategies as st,
)

from odoo import Command
from odoo.tests import tagged

from ..rules.workdays import WorkdayTable, days_before
from .common import HoaTransactionCase

FIRST, LAST = date(2020, 1, 1), date(2026, 12, 31)


def official_sets(years):
    """Holidays and make-up workdays straight from the holidays package."""
    data = holidays.country_holidays("CN", years=years)
    return (
        {d for d in data if d.year in years},
        {d for d in data.weekend_workdays if d.year in years},
    )


def oracle_is_working(day, holiday_set, workday_set, weekend=(5, 6)):
    if day in workday_set:
        return True
    return day.weekday() not in weekend and day not in holiday_set


def oracle_add(day, n, is_working):
    """Walk day by day."""
    while n:
        day += timedelta(days=1)
        if is_working(day):
            n -= 1
    return day


def all_days(first, last):
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@tagged("post_install", "-at_install")
class TestWorkdayRules(HoaTransactionCase):
    """The pure functions against a brute-force oracle."""

    @given(
        holiday_offsets=st.sets(st.integers(0, 120), max_size=40),
        workday_offsets=st.sets(st.integers(0, 120), max_size=10),
        weekend=st.sets(st.integers(0, 6), max_size=3),
        start=st.integers(0, 100),
        n=st.integers(0, 20),
    )
    @settings(max_examples=300, deadline=None)
    def test_table_matches_oracle(
        self, holiday_offsets, workday_offsets, weekend, start, n
    ):
        base = date(2025, 12, 1)
        holiday_set = {base + timedelta(days=o) for o in holiday_offsets}
        workday_set = {base + timedelta(days=o) for o in workday_offsets}
        table = WorkdayTable(weekend, holiday_set, workday_set, {2025, 2026})
        day = base + timedelta(days=start)

        def is_working(d):
            return oracle_is_working(d, holiday_set, workday_set, weekend)

        self.assertEqual(table.is_working_day(day), is_working(day))
        expected = oracle_add(day, n, is_working)
        self.assertEqual(table.add_working_days(day, n), expected)
        self.assertEqual(table.add_working_days_batch([day, day], n), [expected] * 2)
        last = day + timedelta(days=n)
        while not is_working(last):
            last += timedelta(days=1)
        self.assertEqual(table.period_end(day, n), last)

    def test_outside_the_table_years(self):
        table = WorkdayTable()
        self.assertEqual(table.add_working_days(date(1980, 1, 4), 1), date(1980, 1, 7))
        self.assertEqual(
            table.add_working_days(date(2100, 12, 31), 2), date(2101, 1, 4)
        )
        self.assertEqual(
            table.add_working_days_batch([date(1980, 1, 4)], 1), [date(1980, 1, 7)]
        )

    def test_days_before(self):
        # notice due "at least 5 days before" a meeting on the 20th: the 15th
        self.assertEqual(days_before(date(2026, 3, 20), 5), date(2026, 3, 15))
        self.assertEqual(days_before(date(2026, 3, 1), 5), date(2026, 2, 24))

    def test_missing_years(self):
        table = WorkdayTable(known_years={2025, 2026})
        self.assertEqual(
            table.missing_years(date(2026, 12, 20), date(2027, 1, 5)), [2027]
        )
        self.assertEqual(table.missing_years(date(2025, 1, 1), date(2026, 12, 31)), [])

    def test_negative_n_refused(self):
        with self.assertRaises(ValueError):
            WorkdayTable().add_working_days(date(2026, 1, 1), -1)


@tagged("post_install", "-at_install")
class TestChinaCalendar(HoaTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("hoa_committee.workday_calendar_cn")
        cls.holidays, cls.workdays = official_sets(set(range(2020, 2027)))

    def is_working(self, day):
        return oracle_is_working(day, self.holidays, self.workdays)

    def test_example_from_the_rules(self):
        # received Friday 2026-01-30: 3 working days → Wednesday 2026-02-04
        self.assertEqual(
            self.calendar._add_working_days(date(2026, 1, 30), 3), date(2026, 2, 4)
        )

    def test_every_day_2020_2026_against_oracle(self):
        days = all_days(FIRST, LAST)
        for day in days:
            self.assertEqual(
                self.calendar._is_working_day(day), self.is_working(day), day
            )
        for n in range(1, 16):
            got = self.calendar._add_working_days_batch(days, n)
            for day, result in zip(days, got, strict=True):
                expected = oracle_add(day, n, self.is_working)
                self.assertEqual(result, expected, f"{day} + {n}")
            # the single-day form agrees with the batch form
            for day in days[:: 97 + n]:
                self.assertEqual(
                    self.calendar._add_working_days(day, n), got[days.index(day)]
                )

    def test_every_make_up_workday_counts(self):
        self.assertGreater(len(self.workdays), 30)
        for workday in sorted(self.workdays):
            self.assertIn(workday.weekday(), (5, 6))
            self.assertTrue(self.calendar._is_working_day(workday))
            self.assertEqual(
                self.calendar._add_working_days(workday - timedelta(days=1), 1), workday
            )

    def test_period_end_moves_off_holidays(self):
        # 30 days after 2026-09-03 is Saturday 3 October, in the National Day
        # holiday (1–7 October): the period ends on Thursday 8 October.
        self.assertEqual(
            self.calendar._period_end(date(2026, 9, 3), 30), date(2026, 10, 8)
        )
        # a period ending on a make-up workday (Saturday 10 October) ends there
        self.assertEqual(
            self.calendar._period_end(date(2026, 9, 10), 30), date(2026, 10, 10)
        )
        for day in all_days(date(2024, 1, 1), date(2026, 12, 31))[::5]:
            for n in (5, 15, 30):
                last = day + timedelta(days=n)
                while not self.is_working(last):
                    last += timedelta(days=1)
                self.assertEqual(self.calendar._period_end(day, n), last)

    def test_installed_with_every_official_year(self):
        years = self.env["hoa.workday.calendar"]._official_years("CN")
        self.assertIn(2026, years)
        self.assertEqual(self.calendar._known_years(), years)
        self.assertIn("2026", self.calendar.known_years)

    def test_import_is_idempotent(self):
        report = self.calendar._import_year(2026)
        self.assertEqual(
            (report["added"], report["changed"], report["removed"]), (0, 0, 0)
        )
        self.assertEqual(
            report["unchanged"],
            len(self.calendar.exception_ids.filtered(lambda e: e.year == 2026)),
        )
        # a day entered by hand survives a new import; a lost day comes back
        exceptions = self.calendar.exception_ids.filtered(lambda e: e.year == 2026)
        national_day = exceptions.filtered(lambda e: e.date == date(2026, 10, 2))
        national_day.name = "国庆节 (本公司)"
        self.assertEqual(national_day.source, "manual")
        exceptions.filtered(lambda e: e.date == date(2026, 1, 1)).unlink()
        report = self.calendar._import_year(2026)
        self.assertEqual(report["added"], 1)
        self.assertEqual(report["kept_manual"], 1)
        self.assertEqual(national_day.name, "国庆节 (本公司)")
        self.assertFalse(self.calendar._is_working_day(date(2026, 1, 1)))

    def test_import_unknown_year_is_refused(self):
        from odoo.exceptions import UserError

        with self.assertRaisesRegex(UserError, "no official schedule for 2031"):
            self.calendar._import_year(2031)

    def test_import_wizard_reports(self):
        wizard = self.env["hoa.workday.import.wizard"].create(
            {"calendar_id": self.calendar.id, "year": 2025}
        )
        action = wizard.action_import()
        self.assertIn("0 days added", action["params"]["message"])


@tagged("post_install", "-at_install")
class TestDeadlineDependants(HoaTransactionCase):
    """Stored deadlines follow the calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("hoa_committee.workday_calendar_cn")
        cls.estate = cls.env["hoa.community"].create(
            {"name": "Deadline Estate", "code": "T-DL"}
        )

    def _committee(self, elected):
        return self.env["hoa.committee"].create(
            {
                "name": "Deadline committee",
                "community_id": self.estate.id,
                "election_date": elected,
            }
        )

    def test_estate_defaults_to_china_calendar(self):
        self.assertEqual(self.estate.workday_calendar_id, self.calendar)

    def test_editing_a_day_recomputes_deadlines(self):
        committee = self._committee(date(2026, 9, 3))
        unaffected = self._committee(date(2026, 3, 2))
        self.assertEqual(committee.filing_deadline, date(2026, 10, 8))
        self.assertEqual(unaffected.filing_deadline, date(2026, 4, 1))
        extra = self.env["hoa.workday.exception"].create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2026, 10, 8),
                "name": "Typhoon",
            }
        )
        self.assertEqual(committee.filing_deadline, date(2026, 10, 9))
        extra.kind = "workday"  # a weekday marked worked: no change
        self.assertEqual(committee.filing_deadline, date(2026, 10, 8))
        extra.write({"kind": "holiday", "date": date(2026, 10, 9)})
        self.assertEqual(committee.filing_deadline, date(2026, 10, 8))
        extra.date = date(2026, 10, 8)
        self.assertEqual(committee.filing_deadline, date(2026, 10, 9))
        extra.unlink()
        self.assertEqual(committee.filing_deadline, date(2026, 10, 8))
        self.assertEqual(unaffected.filing_deadline, date(2026, 4, 1))

    def test_weekend_change_recomputes(self):
        calendar = self.env["hoa.workday.calendar"].create({"name": "Sunday only"})
        self.estate.workday_calendar_id = calendar
        committee = self._committee(date(2026, 6, 1))  # +30 = Wednesday 1 July
        self.assertEqual(committee.filing_deadline, date(2026, 7, 1))
        committee.election_date = date(2026, 6, 5)  # +30 = Sunday 5 July
        self.assertEqual(committee.filing_deadline, date(2026, 7, 6))
        calendar.weekend_day_ids = [
            Command.set(self.env.ref("hoa_committee.weekday_saturday").ids)
        ]
        self.assertEqual(committee.filing_deadline, date(2026, 7, 5))

    def test_year_without_data_is_flagged(self):
        # 2035: no official schedule yet (a year far enough ahead that no
        # version of the holidays package carries it)
        committee = self._committee(date(2035, 6, 4))
        # weekends only: 4 July 2035 is a Wednesday
        self.assertEqual(committee.filing_deadline, date(2035, 7, 4))
        self.assertTrue(committee.workday_data_missing)
        flagged = self.env["hoa.committee"].search(
            [("workday_data_missing", "=", True)]
        )
        self.assertIn(committee, flagged)
        # the State Council publishes 2035: an administrator enters a day
        self.env["hoa.workday.exception"].create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2035, 7, 4),
                "name": "Test holiday",
            }
        )
        self.assertFalse(committee.workday_data_missing)
        self.assertEqual(committee.filing_deadline, date(2035, 7, 5))
        self.assertFalse(self._committee(date(2026, 6, 1)).workday_data_missing)

    def test_cron_warns_once_about_missing_year(self):
        Calendar = self.env["hoa.workday.calendar"]
        today = date.today()
        missing = self.calendar._missing_years(today, today + timedelta(days=90))
        Calendar._cron_import_official_schedule()
        Calendar._cron_import_official_schedule()
        activities = self.calendar.activity_ids
        if not missing:
            self.assertFalse(activities)
            return
        admins = self.env.ref("hoa_committee.group_hoa_admin").users.filtered(
            lambda u: not u.share and u.active and u.id != 1
        )
        self.assertEqual(len(activities), len(missing) * len(admins))
        self.assertIn(str(missing[0]), activities[0].summary)
