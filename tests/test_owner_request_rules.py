from datetime import date

from odoo.tests import BaseCase, tagged

from ..rules.clusters import cluster_size, in_window, is_cluster, window_start


@tagged("post_install", "-at_install")
class TestClusterRule(BaseCase):
    """N requests of one category about one building in M days."""

    def test_the_window_ends_on_the_day_and_spans_m_days(self):
        self.assertEqual(window_start(date(2026, 11, 30), 7), date(2026, 11, 24))
        self.assertEqual(window_start(date(2026, 11, 30), 1), date(2026, 11, 30))
        self.assertEqual(window_start(date(2026, 3, 1), 2), date(2026, 2, 28))

    def test_counting_in_the_window(self):
        days = [date(2026, 11, d) for d in (20, 23, 24, 28, 30)]
        # 23 is one day too early for the 7 days ending on the 30th
        self.assertEqual(in_window(days, date(2026, 11, 30), 7), 3)
        self.assertEqual(in_window(days, date(2026, 11, 30), 8), 4)
        # a later request does not count for an earlier day
        self.assertEqual(in_window(days, date(2026, 11, 24), 7), 3)

    def test_threshold(self):
        days = [date(2026, 11, 30)] * 4 + [date(2026, 11, 23)]
        self.assertFalse(is_cluster(days, date(2026, 11, 30), 5, 7))
        self.assertTrue(is_cluster(days, date(2026, 11, 30), 5, 8))
        self.assertTrue(is_cluster(days, date(2026, 11, 30), 4, 7))
        self.assertFalse(is_cluster([], date(2026, 11, 30), 0, 7))

    def test_a_request_recorded_late_completes_a_cluster(self):
        later = [date(2026, 11, 30)] * 4
        # received on the 24th: the window 24–30 holds five
        self.assertTrue(
            is_cluster([*later, date(2026, 11, 24)], date(2026, 11, 24), 5, 7)
        )
        # received on the 23rd: no 7-day window holds it and the four others
        self.assertFalse(
            is_cluster([*later, date(2026, 11, 23)], date(2026, 11, 23), 5, 7)
        )
        # the size the head is told: the fullest window, not the search range
        days = [date(2026, 11, 20), date(2026, 11, 24), *later]
        self.assertEqual(cluster_size(days, date(2026, 11, 24), 7), 5)
        self.assertEqual(cluster_size(days, date(2026, 11, 20), 7), 2)
