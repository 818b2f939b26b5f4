from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestNotice(HoaCommitteeCase):
    def notice(self, date_from, date_to, **values):
        return self.env["hoa.notice"].create(
            {
                "community_id": self.estate_a.id,
                "title": "关于召开业主大会的公告",
                "date_from": date_from,
                "date_to": date_to,
                "location": "各楼栋大堂公告栏",
                **values,
            }
        )

    def test_review_then_posting_by_dates(self):
        with freeze_time("2026-05-01"):
            notice = self.notice(date(2026, 5, 10), date(2026, 5, 20))
            self.assertEqual(notice.activity_ids.user_id, self.manager_a)
            with self.assertRaises(AccessError):
                notice.with_user(self.staff_a).action_approve()
            notice.with_user(self.manager_a).action_approve()
            self.assertEqual(notice.state, "approved")
            self.assertEqual(notice.reviewer_id, self.manager_a)
            self.assertFalse(notice.activity_ids)
        with freeze_time("2026-05-10"):
            self.env["hoa.notice"]._cron_update_posting()
            self.assertEqual(notice.state, "posted")
            self.env["hoa.notice"]._cron_update_posting()
            self.assertEqual(notice.state, "posted")
        with freeze_time("2026-05-21"):
            self.env["hoa.notice"]._cron_update_posting()
            self.assertEqual(notice.state, "expired")

    def test_approved_within_period_is_posted_at_once(self):
        with freeze_time("2026-05-12"):
            notice = self.notice(date(2026, 5, 10), date(2026, 5, 20))
            notice.with_user(self.manager_a).action_approve()
            self.assertEqual(notice.state, "posted")

    def test_rejection_needs_a_reason(self):
        notice = self.notice(date(2026, 5, 10), date(2026, 5, 20))
        with self.assertRaisesRegex(UserError, "reason"):
            notice.with_user(self.manager_a).action_reject()
        notice.reject_reason = "公告内容涉及个人隐私，请删除业主姓名后重新提交。"
        notice.with_user(self.manager_a).action_reject()
        self.assertEqual(notice.state, "rejected")
        with self.assertRaisesRegex(UserError, "already been reviewed"):
            notice.with_user(self.manager_a).action_approve()

    def test_dates_and_deletion(self):
        with self.assertRaisesRegex(ValidationError, "taken down after it is put up"):
            self.notice(date(2026, 5, 20), date(2026, 5, 10))
        notice = self.notice(date(2026, 5, 10), date(2026, 5, 20))
        with self.assertRaisesRegex(UserError, "never deleted"):
            notice.unlink()


@tagged("post_install", "-at_install")
class TestMandatoryContacts(HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chair = cls.committee_a.member_ids[0]
        cls.vice = cls.committee_a.member_ids[1]
        cls.vice.role = "vice_chair"

    def contact(self, day, members, user=None):
        return self.env["hoa.contact"].create(
            {
                "community_id": self.estate_a.id,
                "date": day,
                "method": "visit",
                "user_id": (user or self.manager_a).id,
                "member_ids": [Command.set(members.ids)],
                "summary": "季度走访",
            }
        )

    def status(self, day):
        return self.estate_a._mandatory_contact_status(day)[self.estate_a]

    def test_status_per_period(self):
        self.assertEqual(self.estate_a.meeting_cadence, "quarterly")
        self.contact(date(2026, 10, 15), self.chair)
        period, chair_ok, vice_ok = self.status(date(2026, 11, 20))
        self.assertEqual(period.label, "2026-Q4")
        self.assertTrue(chair_ok)
        self.assertFalse(vice_ok)
        # a contact by other staff does not count, one in another period neither
        self.contact(date(2026, 11, 2), self.vice, user=self.staff_a)
        self.contact(date(2026, 9, 30), self.vice)
        self.assertFalse(self.status(date(2026, 11, 20))[2])
        self.contact(date(2026, 12, 31), self.vice)
        self.assertTrue(self.status(date(2026, 11, 20))[2])
        # monthly estates count per month
        self.estate_a.meeting_cadence = "monthly"
        period, chair_ok, vice_ok = self.status(date(2026, 11, 20))
        self.assertEqual(period.label, "2026-11")
        self.assertFalse(chair_ok)

    def test_warning_before_period_end_is_idempotent(self):
        Community = self.env["hoa.community"]
        self.manager_a.lang = "en_US"  # the activity is in the head's language
        self.contact(date(2026, 10, 15), self.chair)
        with freeze_time("2026-12-10"):  # 21 days before the end: too early
            Community._cron_check_mandatory_contacts()
            self.assertFalse(self.estate_a.activity_ids)
        with freeze_time("2026-12-22"):  # within the 10-day warning
            Community._cron_check_mandatory_contacts()
            Community._cron_check_mandatory_contacts()
            activity = self.estate_a.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertIn("2026-Q4", activity.summary)
            self.assertIn("vice-chair", activity.summary)
            self.assertEqual(activity.user_id, self.manager_a)
            self.assertEqual(activity.date_deadline, date(2026, 12, 31))
