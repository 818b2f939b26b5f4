import subprocess
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import html2plaintext

from .common import HoaCommitteeCase
from .portal_common import HoaPortalCase

# dates as the report writes them, in the company's language: English (the
# tests' company) where English is installed, else the database's only
# language (Chinese in a database installed with demo data and zh_CN)
APRIL_15 = "(04/15/2026|2026年04月15日)"
JULY_1 = "(07/01/2026|2026年07月01日)"


def _pdf_text(pdf):
    """The text of a PDF, as ``pdftotext`` reads it."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()


class QualityVisitMixin:
    """The quality department's ``quality`` organises the half-year visits
    of company 1; ``propdept`` of the property-management department
    attends. Neither is on the team of any estate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quality = new_test_user(
            cls.env, "hoa_t_quality", groups="hoa_committee.group_hoa_quality"
        )
        cls.propdept = new_test_user(
            cls.env, "hoa_t_propdept", groups="hoa_committee.group_hoa_property_dept"
        )
        cls.company_1.hoa_quality_user_id = cls.quality
        cls.Meeting = cls.env["hoa.meeting"]

    def visits(self, committee=None):
        return self.Meeting.search(
            [
                ("committee_id", "=", (committee or self.committee_a).id),
                ("meeting_type", "=", "half_year"),
            ]
        )


@tagged("post_install", "-at_install")
class TestVisitScheduled(QualityVisitMixin, HoaCommitteeCase):
    def test_june_visit_dated_organised_and_attended_once(self):
        with freeze_time("2026-05-31"):
            self.Meeting._cron_prepare_half_year_meetings()
        self.assertFalse(self.visits(), "no visit before June")
        with freeze_time("2026-06-10"):
            self.Meeting._cron_prepare_half_year_meetings()
            self.Meeting._cron_prepare_half_year_meetings()
        visit = self.visits()
        self.assertEqual(len(visit), 1, "once per half year")
        self.assertEqual(visit.period, "2026-H1")
        # Saturday 20 June 2026 → Monday 22 June, 9:30 in Beijing (1:30 UTC)
        self.assertEqual(visit.date_start, datetime(2026, 6, 22, 1, 30))
        self.assertEqual(visit.user_id, self.quality)
        staff = visit.attendance_ids.user_id
        for user in (self.quality, self.propdept, self.manager_a):
            self.assertIn(user, staff)
        self.assertIn(self.propdept.partner_id, visit.calendar_event_id.partner_ids)
        self.assertEqual(visit.calendar_event_id.user_id, self.quality)
        self.assertIn(self.quality, visit.activity_ids.user_id)
        with freeze_time("2026-06-29"):
            self.Meeting._cron_prepare_half_year_meetings()
        with freeze_time("2026-07-01"):
            self.Meeting._cron_prepare_half_year_meetings()
        self.assertEqual(self.visits(), visit)

    def test_the_visit_is_prepared_with_its_agenda(self):
        """The agenda comes from a template an administrator can edit and
        translate (hoa_meeting_agenda_half_year), in the job's language."""
        with freeze_time("2026-06-10"):
            self.Meeting._cron_prepare_half_year_meetings()
        points = [
            "Half-year or annual work report",
            "Major and medium repair plan for facilities",
            "The committee's evaluation of the service centre",
        ]
        agenda = self.visits().agenda
        self.assertEqual(agenda.count("<li>"), 3)
        for point in points:
            self.assertIn(point, html2plaintext(agenda))
        # and in Chinese for a job run in Chinese
        chinese = (
            self.env["ir.qweb"]
            .with_context(lang="zh_CN")
            ._render("hoa_committee.hoa_meeting_agenda_half_year")
        )
        for point in (
            "半年度或年度工作汇报",
            "设施设备大中修计划",
            "业委会对服务中心的评价",
        ):
            self.assertIn(point, chinese)

    def test_december_visit_after_the_twentieth(self):
        with freeze_time("2026-11-30"):
            self.Meeting._cron_prepare_half_year_meetings()
        self.assertFalse(self.visits(), "no visit in November")
        with freeze_time("2026-12-22"):
            self.Meeting._cron_prepare_half_year_meetings()
        visit = self.visits()
        self.assertEqual(visit.period, "2026-H2")
        # proposed from tomorrow when the 20th is past: Wednesday 23 December
        self.assertEqual(visit.date_start, datetime(2026, 12, 23, 1, 30))

    def test_visit_created_by_hand_is_the_quality_departments(self):
        visit = self.Meeting.with_user(self.quality).create(
            {
                "name": "半年走访",
                "committee_id": self.committee_b.id,
                "meeting_type": "half_year",
                "date_start": datetime(2026, 6, 24, 1, 30),
            }
        )
        self.assertEqual(visit.user_id, self.quality)
        self.assertEqual(visit.period, "2026-H1")
        self.assertIn(self.propdept, visit.attendance_ids.user_id)


@tagged("post_install", "-at_install")
class TestHalfYearReport(QualityVisitMixin, HoaCommitteeCase):
    """Records on both sides of the half year's first and last days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Inquiry = cls.env["hoa.inquiry"]
        for subject, day in (
            ("Inq before", date(2025, 12, 31)),
            ("Inq first day", date(2026, 1, 1)),
            ("Inq last day", date(2026, 6, 30)),
            ("Inq after", date(2026, 7, 1)),
        ):
            Inquiry.create(
                {
                    "subject": subject,
                    "community_id": cls.estate_a.id,
                    "received_date": day,
                    "channel": "letter",
                }
            )._set_state(
                {
                    "state": "answered",
                    "assessment": "reasonable",
                    "responded_date": day,
                    "response": f"<p>Answer to {subject}.</p>",
                }
            )
        for subject, day in (
            ("Pipe before", date(2025, 12, 31)),
            ("Pipe first day", date(2026, 1, 1)),
            ("Pipe last day", date(2026, 6, 30)),
            ("Pipe after", date(2026, 7, 1)),
        ):
            matter = cls.env["hoa.matter"].create(
                {
                    "subject": subject,
                    "community_id": cls.estate_a.id,
                    "category": "incident",
                    "occurred_date": day,
                }
            )
            cls.deliver(matter, day)
        for day in (date(2025, 12, 31), date(2026, 4, 15), date(2026, 7, 1)):
            disclosure = cls.env["hoa.disclosure"].create(
                {
                    "community_id": cls.estate_a.id,
                    "date_from": date(day.year, day.month, 1),
                    "date_to": day,
                    "line_ids": [
                        Command.create(
                            {"category": "fund_opening", "name": "Fund", "amount": 1}
                        )
                    ],
                }
            )
            disclosure._set_state({"state": "published", "published_date": day})
        Compliance = cls.env["hoa.compliance"]
        for period, start, end, held, inquiries, matters in (
            ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31), True, (9, 9), (9, 9)),
            ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), True, (4, 3), (2, 2)),
            ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30), False, (2, 1), (1, 0)),
            ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), True, (5, 5), (1, 1)),
        ):
            Compliance.create(
                {
                    "community_id": cls.estate_a.id,
                    "period": period,
                    "date_start": start,
                    "date_end": end,
                    "meeting_held": held,
                    "inquiry_count": inquiries[0],
                    "inquiry_on_time": inquiries[1],
                    "matter_count": matters[0],
                    "matter_on_time": matters[1],
                }
            )
        cls.visit = cls.Meeting.create(
            {
                "name": "2026年上半年走访",
                "committee_id": cls.committee_a.id,
                "meeting_type": "half_year",
                "date_start": datetime(2026, 6, 24, 1, 30),
            }
        )

    def test_half_year_report_brings_the_half_year_together(self):
        action = self.visit.with_user(self.quality).action_open_half_year_report()
        report = self.env["hoa.work.report"].browse(action["res_id"])
        self.assertEqual(
            (report.report_kind, report.period, report.date_from, report.date_to),
            ("half_year", "2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
        )
        self.assertEqual(report.meeting_id, self.visit)
        for inside in ("Inq first day", "Answer to Inq last day.", "Pipe first day"):
            self.assertIn(inside, report.work_done)
        for inside in ("Pipe first day", "Pipe last day"):
            self.assertIn(inside, report.incidents)
        for outside in ("before", "after"):
            self.assertNotIn(outside, report.work_done)
            self.assertNotIn(outside, report.incidents)
        # the statements published in the half year (periods 2025-Q4 and
        # 2026-Q3 were published on its eve and the day after it)
        self.assertRegex(report.disclosures, rf"2026-Q2 — published on {APRIL_15}")
        self.assertNotIn("2025-Q4", report.disclosures)
        self.assertNotIn("2026-Q3", report.disclosures)
        figures = report.compliance_figures
        self.assertIn(
            "2026-Q1: routine meeting held: yes; mandatory contacts made: no; "
            "inquiries answered in time: 3/4 (75%); reports filed on time: 2/2 (100%)",
            figures,
        )
        self.assertIn("2026-Q2: routine meeting held: no", figures)
        self.assertIn(
            "In all: 1 of 2 routine meetings held; inquiries answered in time: "
            "4/6 (67%); reports filed on time: 2/3 (67%)",
            figures,
        )
        self.assertNotIn("2025-Q4", figures)
        self.assertNotIn("2026-Q3", figures)
        # the visit finds its report by estate and half year
        self.assertEqual(self.visit._half_year_records()["hoa.work.report"], report)
        self.assertEqual(
            self.visit.action_open_half_year_report()["res_id"], report.id, "once"
        )

        pdf_report = self.env.ref("hoa_committee.action_report_work_report")
        pdf, _kind = pdf_report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(pdf_report.report_name, report.ids)
        text = _pdf_text(pdf)
        # the title is in the reader's language: the number and the half year
        # say which report it is
        self.assertIn(report.name, text)
        self.assertIn("2026-H1", text)
        for figure in (
            "3/4 (75%)",
            "4/6 (67%)",
            "Pipe last day",
            "2026-Q2 — published",
        ):
            self.assertIn(figure, text)

    def test_december_report_is_annual(self):
        visit = self.Meeting.create(
            {
                "name": "2026年度走访",
                "committee_id": self.committee_a.id,
                "meeting_type": "half_year",
                "date_start": datetime(2026, 12, 22, 1, 30),
            }
        )
        report = self.env["hoa.work.report"].browse(
            visit.action_open_half_year_report()["res_id"]
        )
        self.assertEqual(
            (report.report_kind, report.period, report.date_from, report.date_to),
            ("annual", "2026-H2", date(2026, 1, 1), date(2026, 12, 31)),
        )
        self.assertRegex(report.disclosures, rf"2026-Q2 — published on {APRIL_15}")
        self.assertRegex(report.disclosures, rf"2026-Q3 — published on {JULY_1}")
        self.assertNotIn("2025-Q4", report.disclosures)
        for inside in ("Pipe first day", "Pipe after"):
            self.assertIn(inside, report.incidents)
        self.assertNotIn("Pipe before", report.incidents)
        self.assertIn("2026-Q3: routine meeting held: yes", report.compliance_figures)
        self.assertIn("2 of 3 routine meetings held", report.compliance_figures)


@tagged("post_install", "-at_install")
class TestDepartmentRules(QualityVisitMixin, HoaPortalCase):
    """Both departments read every estate; the quality department writes
    only the half-year visits and their reports; through JSON-RPC as a
    browser would call it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.routine_b = cls.Meeting.create(
            {
                "name": "Routine B",
                "committee_id": cls.committee_b.id,
                "meeting_type": "routine",
                "date_start": datetime(2026, 12, 10, 1, 30),
            }
        )
        cls.visit_b = cls.Meeting.create(
            {
                "name": "Visit B",
                "committee_id": cls.committee_b.id,
                "meeting_type": "half_year",
                "date_start": datetime(2026, 12, 22, 1, 30),
            }
        )
        cls.visit_c = cls.Meeting.create(
            {
                "name": "Visit C",
                "committee_id": cls.committee_c.id,
                "meeting_type": "half_year",
                "date_start": datetime(2026, 12, 22, 1, 30),
            }
        )

    def test_both_departments_read_every_estate_of_their_company(self):
        for user in (self.quality, self.propdept):
            Meeting = self.Meeting.with_user(user)
            found = Meeting.search([("id", "in", (self.routine_b | self.visit_c).ids)])
            self.assertEqual(found, self.routine_b, user.login)
            self.assertEqual(
                self.env["hoa.inquiry"]
                .with_user(user)
                .search_count([("community_id", "=", self.estate_b.id)]),
                self.env["hoa.inquiry"].search_count(
                    [("community_id", "=", self.estate_b.id)]
                ),
            )

    def test_quality_organises_the_visit_of_any_estate_only(self):
        self.authenticate("hoa_t_quality", "hoa_t_quality")
        answer = self.call_kw(
            "hoa.meeting", "write", [self.visit_b.ids, {"location": "二楼会议室"}]
        )
        self.assertEqual(answer.get("result"), True, answer)
        self.assertEqual(self.visit_b.location, "二楼会议室")
        answer = self.call_kw(
            "hoa.meeting", "write", [self.routine_b.ids, {"location": "hacked"}]
        )
        self.assertIn("error", answer)
        self.routine_b.invalidate_recordset()
        self.assertFalse(self.routine_b.location)
        answer = self.call_kw("hoa.meeting", "unlink", [self.visit_b.ids])
        self.assertIn("error", answer)
        self.assertTrue(self.visit_b.exists())
        # a routine meeting of another estate cannot be turned into a visit
        answer = self.call_kw(
            "hoa.meeting", "write", [self.routine_b.ids, {"meeting_type": "half_year"}]
        )
        self.assertIn("error", answer)
        self.routine_b.invalidate_recordset()
        self.assertEqual(self.routine_b.meeting_type, "routine")

    def test_property_department_reads_only(self):
        self.authenticate("hoa_t_propdept", "hoa_t_propdept")
        answer = self.call_kw("hoa.meeting", "read", [self.visit_b.ids, ["name"]])
        self.assertEqual(answer["result"][0]["name"], "Visit B")
        for record in (self.visit_b, self.routine_b):
            answer = self.call_kw(
                "hoa.meeting", "write", [record.ids, {"location": "hacked"}]
            )
            self.assertIn("error", answer)
            record.invalidate_recordset()
            self.assertNotEqual(record.location, "hacked")
        answer = self.call_kw(
            "hoa.meeting", "action_open_half_year_report", [self.visit_b.ids]
        )
        self.assertIn("error", answer)
        self.assertFalse(self.visit_b._half_year_records()["hoa.work.report"])
        with self.assertRaises(AccessError):
            self.visit_b.with_user(self.propdept).action_open_half_year_report()


@tagged("post_install", "-at_install")
class TestVisitRecords(QualityVisitMixin, HoaCommitteeCase):
    """From the visit's form the quality department reaches what the visit
    presents and collects: the estate's repair plan of the half year (or of
    its year) and the committee's evaluation, opened to the committee once."""

    def setUp(self):
        super().setUp()
        self.visit = self.Meeting.with_user(self.quality).create(
            {
                "name": "半年走访",
                "committee_id": self.committee_a.id,
                "meeting_type": "half_year",
                "date_start": datetime(2026, 12, 22, 1, 30),
            }
        )
        self.Plan = self.env["hoa.repair.plan"]

    def test_repair_plans_of_the_half_year_and_its_year_only(self):
        half = self.Plan.create({"community_id": self.estate_a.id, "period": "2026-H2"})
        year = self.Plan.create({"community_id": self.estate_a.id, "period": "2026"})
        self.Plan.create({"community_id": self.estate_a.id, "period": "2026-H1"})
        self.Plan.create({"community_id": self.estate_b.id, "period": "2026-H2"})
        action = self.visit.with_user(self.quality).action_open_half_year_repair_plans()
        self.assertEqual(
            self.Plan.search(action["domain"]), half | year, "this estate, this period"
        )
        self.assertEqual(action["context"]["default_period"], "2026-H2")

    def test_evaluation_created_once_and_opened_to_the_committee(self):
        visit = self.visit.with_user(self.quality)
        first = visit.action_open_half_year_evaluation()
        evaluation = self.env["hoa.evaluation"].browse(first["res_id"])
        self.assertEqual(evaluation.committee_id, self.committee_a)
        self.assertEqual(evaluation.period, "2026-H2")
        self.assertEqual(evaluation.state, "open", "opened to the committee")
        again = visit.action_open_half_year_evaluation()
        self.assertEqual(again["res_id"], evaluation.id, "one evaluation per half year")
