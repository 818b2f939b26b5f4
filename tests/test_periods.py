from datetime import date, timedelta

from odoo.tests import tagged

from ..rules.periods import next_period, period_of, proposal_deadline
from .common import HoaTransactionCase


@tagged("post_install", "-at_install")
class TestRoutinePeriods(HoaTransactionCase):
    def test_every_day_of_three_years(self):
        day = date(2024, 1, 1)
        while day <= date(2026, 12, 31):
            quarter = period_of(day, "quarterly")
            month = period_of(day, "monthly")
            self.assertTrue(quarter.start <= day <= quarter.end)
            self.assertTrue(month.start <= day <= month.end)
            self.assertEqual(quarter.start.month % 3, 1)
            self.assertEqual(quarter.start.day, 1)
            self.assertEqual((quarter.end + timedelta(days=1)).day, 1)
            self.assertEqual(month.start, day.replace(day=1))
            self.assertEqual((month.end + timedelta(days=1)).day, 1)
            self.assertEqual(
                next_period(quarter, "quarterly").start, quarter.end + timedelta(days=1)
            )
            day += timedelta(days=1)

    def test_labels_and_proposal_deadlines(self):
        q4 = period_of(date(2026, 11, 28), "quarterly")
        self.assertEqual(
            (q4.start, q4.end, q4.label),
            (date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"),
        )
        self.assertEqual(proposal_deadline(q4, 15), date(2026, 10, 15))
        q1 = next_period(q4, "quarterly")
        self.assertEqual(q1.label, "2027-Q1")
        self.assertEqual(proposal_deadline(q1, 15), date(2027, 1, 15))
        feb = period_of(date(2026, 2, 10), "monthly")
        self.assertEqual(feb.label, "2026-02")
        self.assertEqual(proposal_deadline(feb, 5), date(2026, 2, 5))
        self.assertEqual(proposal_deadline(feb, 31), date(2026, 2, 28))

    def test_unknown_cadence(self):
        with self.assertRaises(ValueError):
            period_of(date(2026, 1, 1), "weekly")
