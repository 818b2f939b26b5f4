"""One clock: "today", deadlines and overdue flags are dates of the company's
time zone (China Standard Time by default) in forms, jobs, the Overdue Now list
and the portal, whatever the server's (UTC), the job user's or a visitor's zone.

Between 00:00 and 08:00 in Beijing the UTC date is still the day before: the
tests freeze the clock at 00:30 and at 07:59 Beijing time on 1 December 2026.
"""

from datetime import date, datetime

import pytz
from freezegun import freeze_time

from odoo.tests import tagged

from .portal_common import HoaPortalCase

#: 00:30 and 07:59 on Tuesday 1 December 2026 in Beijing, in UTC
BEIJING_0030 = "2026-11-30 16:30:00"
BEIJING_0759 = "2026-11-30 23:59:00"
BEIJING_TODAY = date(2026, 12, 1)


@tagged("post_install", "-at_install")
class TestCompanyClock(HoaPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Inquiry = cls.env["hoa.inquiry"]
        # everyone's own zone is the server's: only the company's counts
        (cls.env.ref("base.user_root") | cls.staff_a | cls.portal_a).tz = "UTC"
        cls.env.registry.clear_cache()

    def inquiry(self, received, estate=None, subject="Lift 3 stops"):
        return self.Inquiry.create(
            {
                "community_id": (estate or self.estate_a).id,
                "subject": subject,
                "received_date": received,
            }
        )

    def test_the_company_zone_is_a_setting_of_beijing_by_default(self):
        self.assertEqual(self.company_1.hoa_tz, "Asia/Shanghai")
        self.assertEqual(
            self.env["res.company"].create({"name": "New Centre"}).hoa_tz,
            "Asia/Shanghai",
        )
        settings = self.env["res.config.settings"].create({"hoa_tz": "Asia/Urumqi"})
        settings.execute()
        self.assertEqual(self.company_1.hoa_tz, "Asia/Urumqi")

    def test_a_form_takes_the_beijing_date(self):
        for moment in (BEIJING_0030, BEIJING_0759):
            with self.subTest(moment=moment), freeze_time(moment):
                staff = self.Inquiry.with_user(self.staff_a).with_context(tz="UTC")
                inquiry = staff.create(
                    {"community_id": self.estate_a.id, "subject": "Door"}
                )
                self.assertEqual(inquiry.received_date, BEIJING_TODAY)
                # Tuesday 1 December + 3 working days: Friday 4 December
                self.assertEqual(inquiry.deadline, date(2026, 12, 4))

    def test_overdue_flag_on_the_beijing_date(self):
        # Wednesday 25 November + 3 working days: due Monday 30 November
        late = self.inquiry(date(2026, 11, 25))
        # Thursday 26 November: due Tuesday 1 December, today in Beijing
        due_today = self.inquiry(date(2026, 11, 26))
        self.assertEqual(late.deadline, date(2026, 11, 30))
        self.assertEqual(due_today.deadline, BEIJING_TODAY)
        for moment in (BEIJING_0030, BEIJING_0759):
            with self.subTest(moment=moment), freeze_time(moment):
                inquiries = (late | due_today).with_user(self.staff_a)
                inquiries = inquiries.with_context(tz="UTC")
                inquiries.invalidate_recordset(["overdue"])
                self.assertEqual(inquiries.mapped("overdue"), [True, False])
                found = inquiries.search([("overdue", "=", True)])
                self.assertIn(late, found)
                self.assertNotIn(due_today, found)
                self.assertEqual(self.company_1._hoa_today(), BEIJING_TODAY)

    def test_a_night_job_sees_the_beijing_date(self):
        cron = self.env.ref("hoa_committee.ir_cron_inquiry_sweep")
        self.assertEqual(cron.user_id, self.env.ref("base.user_root"))
        for moment in (BEIJING_0030, BEIJING_0759):
            with self.subTest(moment=moment), freeze_time(moment):
                late = self.inquiry(date(2026, 11, 25), subject=f"Late {moment}")
                due_today = self.inquiry(date(2026, 11, 26), subject=f"Due {moment}")
                cron.method_direct_trigger()
                self.assertEqual(late.state, "escalated")
                self.assertEqual(late.escalated_date, BEIJING_TODAY)
                self.assertEqual(due_today.state, "recorded")

    def test_jobs_run_as_superuser_in_the_beijing_night(self):
        crons = self.env["ir.cron"].search([("model_id.model", "=like", "hoa.%")])
        self.assertGreaterEqual(len(crons), 9)
        beijing = pytz.timezone("Asia/Shanghai")
        # the sending job of SMS and WeCom runs every minute, day and night
        # (issue 18): it has no "today", so only its user is checked
        # and the runner of the background jobs (issue 19) every 5 minutes
        frequent = {
            self.env.ref("hoa_committee.ir_cron_hoa_dispatch"): (1, "minutes"),
            self.env.ref("hoa_committee.ir_cron_hoa_background_job"): (5, "minutes"),
        }
        for cron in crons:
            with self.subTest(cron=cron.name):
                self.assertEqual(cron.user_id, self.env.ref("base.user_root"))
                if cron in frequent:
                    self.assertEqual(
                        (cron.interval_number, cron.interval_type), frequent[cron]
                    )
                    continue
                local = pytz.utc.localize(cron.nextcall).astimezone(beijing)
                self.assertTrue(1 <= local.hour < 3, local)

    def test_overdue_now_list_on_the_beijing_date(self):
        late = self.inquiry(date(2026, 11, 25))
        due_today = self.inquiry(date(2026, 11, 26))
        self.env.flush_all()
        for moment in (BEIJING_0030, BEIJING_0759):
            with self.subTest(moment=moment), freeze_time(moment):
                rows = (
                    self.env["hoa.overdue"]
                    .with_user(self.manager_a)
                    .search([("res_model", "=", "hoa.inquiry")])
                )
                self.assertIn(late.id, rows.mapped("res_id"))
                self.assertNotIn(due_today.id, rows.mapped("res_id"))
                row = rows.filtered(lambda r, late=late: r.res_id == late.id)
                self.assertEqual(row.days_overdue, 1)

    def test_a_company_in_another_zone_has_its_own_today(self):
        self.company_2.hoa_tz = "Europe/Berlin"
        beijing = self.inquiry(date(2026, 11, 25))
        berlin = self.inquiry(date(2026, 11, 25), estate=self.estate_c)
        self.assertEqual(berlin.deadline, date(2026, 11, 30))
        with freeze_time(BEIJING_0030):  # 17:30 on 30 November in Berlin
            self.assertEqual(self.company_1._hoa_today(), BEIJING_TODAY)
            self.assertEqual(self.company_2._hoa_today(), date(2026, 11, 30))
            self.assertEqual(
                self.company_2._hoa_date(datetime(2026, 11, 30, 23, 30)),
                BEIJING_TODAY,
            )
            (beijing | berlin).invalidate_recordset(["overdue"])
            self.assertTrue(beijing.overdue)
            self.assertFalse(berlin.overdue, "not yet late in Berlin")
            found = self.Inquiry.search([("overdue", "=", True)])
            self.assertIn(beijing, found)
            self.assertNotIn(berlin, found)
            self.assertIn(berlin, self.Inquiry.search([("overdue", "=", False)]))
            self.env.flush_all()
            ids = (
                self.env["hoa.overdue"]
                .search([("res_model", "=", "hoa.inquiry")])
                .mapped("res_id")
            )
            self.assertIn(beijing.id, ids)
            self.assertNotIn(berlin.id, ids)
            # a form in Berlin's company takes Berlin's date
            inquiry = self.Inquiry.with_company(self.company_2).create(
                {"community_id": self.estate_c.id, "subject": "Gate"}
            )
            self.assertEqual(inquiry.received_date, date(2026, 11, 30))
            # the night job judges each estate on its own company's date
            self.env.ref("hoa_committee.ir_cron_inquiry_sweep").method_direct_trigger()
            self.assertEqual(beijing.state, "escalated")
            self.assertEqual(berlin.state, "recorded")

    def test_portal_shows_the_deadline_of_the_beijing_date(self):
        with freeze_time(BEIJING_0030):
            self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
            response = self.post(
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": "Night lights"},
            )
            self.assertIn("o_hoa_success", response.text)
            inquiry = self.Inquiry.search([("subject", "=", "Night lights")])
            self.assertEqual(inquiry.received_date, BEIJING_TODAY)
            page = self.url_open(f"/my/committee/inquiries/{inquiry.id}").text
        # Friday 4 December, not Thursday 3 December of the UTC date
        self.assertIn("12/04/2026", page)
        self.assertNotIn("12/03/2026", page)

    def test_a_pdf_shows_moments_on_the_beijing_date(self):
        # the meeting starts at 00:30 on 1 December in Beijing
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "Night meeting",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": datetime(2026, 11, 30, 16, 30),
                "location": "物业服务中心会议室",
            }
        )
        report = self.env.ref("hoa_committee.action_report_meeting_notice")
        with freeze_time(BEIJING_0030):  # printed 30 minutes before it starts
            html = (
                report.with_user(self.staff_a)
                .with_context(tz="UTC", lang="en_US")
                ._render_qweb_html(report.report_name, meeting.ids)[0]
                .decode()
            )
        self.assertIn("12/01/2026 00:30", html)
        # the letter's date under the seal: the Beijing date it was printed
        self.assertRegex(html, r'data-oe-type="date"[^>]*>12/01/2026<')
        self.assertNotIn("11/30/2026", html)
