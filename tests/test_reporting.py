import io
import re
from datetime import date, datetime, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SCAN, HoaCommitteeCase
from .languages import ensure_chinese
from odoo.addons.hoa_committee.models.hoa_overdue import OPENED_ON_PARENT


def read_xlsx(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


class ReportingCase(HoaCommitteeCase):
    """Estate A's third quarter of 2026: three inquiries due in it (one
    answered in time, one late, one unanswered), an application filed in time,
    an incident reported late, two notice requests (one reviewed), a routine
    meeting proposed in time, and a contact with the chair only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee_a.member_ids[1].role = "vice_chair"
        Inquiry = cls.env["hoa.inquiry"]

        def inquiry(subject, received, responded=None, answer=None):
            record = Inquiry.create(
                {
                    "subject": subject,
                    "community_id": cls.estate_a.id,
                    "received_date": received,
                    "channel": "letter",
                }
            )
            if responded:
                record._set_state(
                    {
                        "state": "answered",
                        "assessment": "reasonable",
                        "responded_date": responded,
                        "response": f"<p>{answer}</p>",
                    }
                )
            return record

        # 2026-08-03 is a Monday: answer due on Thursday 08-06
        cls.on_time = inquiry(
            "Lift 3 noise", date(2026, 8, 3), date(2026, 8, 5), "Damper replaced."
        )
        cls.late = inquiry(
            "Parking fees", date(2026, 8, 3), date(2026, 8, 12), "Fees explained."
        )
        cls.unanswered = inquiry("Garage lights", date(2026, 9, 7))
        Matter = cls.env["hoa.matter"]
        cls.application = Matter.create(
            {
                "subject": "Facade repair",
                "community_id": cls.estate_a.id,
                "category": "repair_fund",
                "planned_date": date(2026, 9, 30),
            }
        )
        cls.deliver(cls.application, date(2026, 9, 10))
        cls.incident = Matter.create(
            {
                "subject": "Burst pipe",
                "community_id": cls.estate_a.id,
                "category": "incident",
                "occurred_date": date(2026, 8, 10),
            }
        )
        cls.deliver(cls.incident, date(2026, 8, 14))
        Notice = cls.env["hoa.notice"]
        cls.notice_open = Notice.create(
            {
                "title": "Fire drill",
                "community_id": cls.estate_a.id,
                "requested_date": date(2026, 9, 1),
                "date_from": date(2026, 9, 3),
                "date_to": date(2026, 9, 10),
            }
        )
        cls.notice_done = Notice.create(
            {
                "title": "Water cut",
                "community_id": cls.estate_a.id,
                "requested_date": date(2026, 7, 20),
                "date_from": date(2026, 7, 22),
                "date_to": date(2026, 7, 25),
            }
        )
        cls.notice_done.with_user(cls.manager_a).action_approve()
        cls.meeting = cls.env["hoa.meeting"].create(
            {
                "name": "Q3 routine meeting",
                "committee_id": cls.committee_a.id,
                "meeting_type": "routine",
                "date_start": datetime(2026, 8, 20, 1, 30),
                "location": "会议室",
            }
        )
        cls.meeting._set_state({"proposed_date": date(2026, 7, 10), "state": "held"})
        cls.env["hoa.contact"].create(
            {
                "community_id": cls.estate_a.id,
                "date": date(2026, 7, 15),
                "method": "visit",
                "user_id": cls.manager_a.id,
                "member_ids": [Command.set(cls.committee_a.member_ids[0].ids)],
                "summary": "季度走访",
            }
        )


@tagged("post_install", "-at_install")
class TestCompliance(ReportingCase):
    def row(self, estate, period):
        return self.env["hoa.compliance"].search(
            [("community_id", "=", estate.id), ("period", "=", period)]
        )

    @freeze_time("2026-11-20")
    def test_figures_of_a_period(self):
        self.env["hoa.compliance"]._refresh()
        row = self.row(self.estate_a, "2026-Q3")
        self.assertEqual(
            (
                row.meeting_proposed_on_time,
                row.meeting_held,
                row.chair_contact,
                row.vice_chair_contact,
                row.contacts_ok,
            ),
            (True, True, True, False, False),
        )
        self.assertEqual((row.inquiry_count, row.inquiry_on_time), (3, 1))
        self.assertAlmostEqual(row.inquiry_rate, 33.3)
        self.assertEqual((row.matter_count, row.matter_on_time), (1, 1))
        self.assertEqual((row.incident_count, row.incident_on_time), (1, 0))
        self.assertEqual((row.notice_count, row.notice_reviewed), (2, 1))
        # contacts, inquiries, incident, notices
        self.assertEqual(row.issues, 4)
        self.assertFalse(row.is_current)
        self.assertTrue(self.row(self.estate_a, "2026-Q4").is_current)
        self.assertEqual(
            self.env["hoa.compliance"]
            .search([("community_id", "=", self.estate_a.id)])
            .mapped("period"),
            ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1"],
        )

    @freeze_time("2026-11-20")
    def test_refresh_button_of_the_list(self):
        Compliance = self.env["hoa.compliance"]
        for rows in (Compliance, Compliance.search([])):
            self.assertEqual(rows.action_refresh()["tag"], "soft_reload")
        self.assertTrue(self.row(self.estate_a, "2026-Q3"))

    @freeze_time("2026-11-20")
    def test_refresh_is_idempotent(self):
        Compliance = self.env["hoa.compliance"]
        Compliance._refresh()
        count = Compliance.search_count([])
        self.late._set_state({"responded_date": date(2026, 8, 6)})  # corrected: in time
        Compliance._refresh()
        self.assertEqual(Compliance.search_count([]), count)
        self.assertEqual(self.row(self.estate_a, "2026-Q3").inquiry_on_time, 2)

    @freeze_time("2026-11-20")
    def test_refresh_writes_only_the_rows_that_changed(self):
        Compliance = self.env["hoa.compliance"]
        Compliance._refresh()
        self.env.flush_all()
        rows = Compliance.search([])
        self.assertGreater(len(rows.community_id), 1)
        # stamps of another day: what a refresh writes gets today's
        long_ago = datetime(2026, 1, 1)
        self.env.cr.execute(
            "UPDATE hoa_compliance SET write_date = %s, refreshed_at = %s "
            "WHERE id IN %s",
            [long_ago, long_ago, tuple(rows.ids)],
        )
        self.env.invalidate_all()

        def written():
            self.env.flush_all()
            self.env.invalidate_all()
            return rows.filtered(lambda r: r.write_date != long_ago)

        Compliance._refresh()
        self.assertFalse(written(), "nothing changed: nothing written")
        self.assertEqual(set(rows.mapped("refreshed_at")), {long_ago})
        # estate A's late answer corrected: in time; only its Q3 row changes
        self.late._set_state({"responded_date": date(2026, 8, 6)})
        Compliance._refresh()
        q3 = self.row(self.estate_a, "2026-Q3")
        self.assertEqual(written(), q3)
        self.assertEqual(q3.inquiry_on_time, 2)
        self.assertEqual(q3.refreshed_at, datetime(2026, 11, 20))
        self.assertEqual(set((rows - q3).mapped("refreshed_at")), {long_ago})

    @freeze_time("2026-11-20")
    def test_leadership_sees_every_estate_heads_their_own(self):
        self.env["hoa.compliance"]._refresh()
        self.env.flush_all()
        mine = self.env["hoa.compliance"].with_user(self.manager_a).search([])
        self.assertEqual(mine.community_id, self.estate_a)
        ours = self.estate_a | self.estate_b | self.estate_c
        seen = (
            self.env["hoa.compliance"]
            .with_user(self.leader_1)
            .search([("community_id", "in", ours.ids)])
        )
        self.assertEqual(seen.community_id, self.estate_a | self.estate_b)
        with self.assertRaises(AccessError):
            self.env["hoa.compliance"].with_user(self.staff_a).search([])

    @freeze_time("2026-11-20")
    def test_overdue_now_leadership_every_estate_heads_their_own(self):
        self.env["hoa.notice"].create(
            {
                "title": "Lift maintenance",
                "community_id": self.estate_b.id,
                "requested_date": date(2026, 9, 1),
                "date_from": date(2026, 9, 3),
                "date_to": date(2026, 9, 10),
            }
        )
        self.env.flush_all()
        ours = self.estate_a | self.estate_b | self.estate_c

        def seen(user):
            return (
                self.env["hoa.overdue"]
                .with_user(user)
                .search([("community_id", "in", ours.ids)])
                .community_id
            )

        self.assertEqual(seen(self.leader_1), self.estate_a | self.estate_b)
        self.assertEqual(seen(self.manager_a), self.estate_a)

    @freeze_time("2026-11-20")
    def test_red_list(self):
        self.env.flush_all()
        overdue = self.env["hoa.overdue"].search(
            [("community_id", "=", self.estate_a.id)]
        )
        found = {(row.kind, row.res_model, row.res_id) for row in overdue}
        self.assertIn(("inquiry", "hoa.inquiry", self.unanswered.id), found)
        self.assertIn(("notice", "hoa.notice", self.notice_open.id), found)
        self.assertNotIn(("inquiry", "hoa.inquiry", self.on_time.id), found)
        row = overdue.filtered(lambda r: r.res_id == self.unanswered.id)
        # received Monday 2026-09-07, due Thursday 09-10: 71 days by 11-20
        self.assertEqual(row.days_overdue, 71)
        action = row.action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("hoa.inquiry", self.unanswered.id)
        )
        self.assertFalse(
            self.env["hoa.overdue"]
            .with_user(self.staff_b)
            .search([("community_id", "=", self.estate_a.id)])
        )

    def test_every_overdue_row_opens_a_form_of_the_addon(self):
        """打开记录 on any kind of row lands on one of the addon's forms, not
        on Odoo's generic form of a model that has none."""
        Overdue = self.env["hoa.overdue"]
        opened = set(re.findall(r"'(hoa\.[a-z_.]+)'", str(Overdue._table_query)))
        self.assertIn("hoa.meeting.action", opened)
        for res_model in opened:
            target = self.env[res_model]
            if res_model in OPENED_ON_PARENT:
                target = target[OPENED_ON_PARENT[res_model]]
            with self.subTest(res_model=res_model):
                self.assertTrue(
                    self.env["ir.ui.view"].search_count(
                        [("model", "=", target._name), ("type", "=", "form")]
                    ),
                    f"{res_model} opens {target._name}, which has no form",
                )

    def test_an_overdue_action_item_opens_its_meeting(self):
        meeting = self.meeting
        item = self.env["hoa.meeting.action"].create(
            {
                "meeting_id": meeting.id,
                "name": "补植中心花园草坪",
                "deadline": date(2026, 11, 1),
            }
        )
        self.env.flush_all()
        row = self.env["hoa.overdue"].search(
            [("res_model", "=", "hoa.meeting.action"), ("res_id", "=", item.id)]
        )
        self.assertEqual(len(row), 1)
        action = row.action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("hoa.meeting", meeting.id)
        )


@tagged("post_install", "-at_install")
class TestWorkReport(ReportingCase):
    def q4_meeting_and_report(self):
        """Estate A's Q4 routine meeting, planned on 9 October, and the work
        report it opens: the third quarter's."""
        with freeze_time("2026-10-09"):
            meeting = self.env["hoa.meeting"].create(
                {
                    "name": "Q4 routine meeting",
                    "committee_id": self.committee_a.id,
                    "meeting_type": "routine",
                    "date_start": datetime(2026, 10, 28, 1, 30),
                }
            )
            action = meeting.action_open_work_report()
        return meeting, self.env["hoa.work.report"].browse(action["res_id"])

    def test_dates_written_as_the_reader_writes_them(self):
        # written in the company's language, Chinese: 2026年08月05日, as
        # every screen writes a date, not 2026-08-05
        ensure_chinese(self.env)
        self.committee_a.company_id.partner_id.lang = "zh_CN"
        _meeting, report = self.q4_meeting_and_report()
        self.assertIn("已于 2026年08月05日 答复：Damper replaced.", report.work_done)
        self.assertIn("2026年09月10日", report.work_done, "the report's delivery")
        self.assertIn("Garage lights", report.open_issues)
        self.assertNotRegex(
            report.work_done + report.open_issues + report.next_plan,
            r"\d{4}-\d{2}-\d{2}",
        )

    def test_report_of_the_last_period_from_the_records(self):
        disclosure = self.env["hoa.disclosure"].create(
            {
                "community_id": self.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create(
                        {
                            "category": "fund_opening",
                            "name": "Fund",
                            "amount": 8_420_000,
                        }
                    )
                ],
            }
        )
        disclosure._publish_unreviewed("test")
        meeting, report = self.q4_meeting_and_report()
        self.assertEqual(
            (report.date_from, report.date_to), (date(2026, 7, 1), date(2026, 9, 30))
        )
        self.assertEqual(report.period, "2026-Q3")
        self.assertEqual(report.disclosure_id, disclosure)
        self.assertIn("Lift 3 noise", report.work_done)
        self.assertIn("Damper replaced.", report.work_done)
        self.assertIn("(late)", report.work_done, "Parking fees was answered late")
        self.assertIn("Facade repair", report.work_done)
        self.assertIn("Garage lights", report.open_issues)
        # the owners' complaints register, not the committee's inquiries
        self.assertIn("0 owners' complaints received in the period", report.complaints)
        self.assertNotIn("Lift 3 noise", report.complaints)
        self.assertIn("2026-Q4", report.next_plan)
        # opened again: the same report, with what was typed kept
        report.help_needed = "<p>Help us collect arrears.</p>"
        self.assertEqual(meeting.action_open_work_report()["res_id"], report.id)
        self.assertIn("arrears", report.help_needed)

        pdf_report = self.env.ref("hoa_committee.action_report_work_report")
        html = pdf_report._render_qweb_html(pdf_report.report_name, report.ids)[
            0
        ].decode()
        for text in (
            "Lift 3 noise",
            "Help us collect arrears.",
            "8,420,000.00",
            "Garage lights",
        ):
            self.assertIn(text, html)
        pdf, _ = pdf_report.with_context(force_report_rendering=True)._render_qweb_pdf(
            pdf_report.report_name, report.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestRegisters(ReportingCase):
    def render(self, xmlid, records, user=None):
        report = self.env.ref(xmlid)
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        content, kind = Report._render_xlsx(report.report_name, records.ids, {})
        self.assertEqual(kind, "xlsx")
        return read_xlsx(content)

    def data_rows(self, rows):
        return [row for row in rows[3:] if row and row[0]]

    def test_inquiry_register_with_the_sla(self):
        inquiries = self.on_time | self.late | self.unanswered
        rows = self.render("hoa_committee.action_report_inquiry_register", inquiries)
        self.assertEqual(rows[0][0], "Inquiry Register")
        header = rows[2]
        self.assertEqual(header[:3], ["Number", "Estate", "Subject"])
        by_subject = {row[2]: dict(zip(header, row, strict=False)) for row in rows[3:6]}
        self.assertEqual(by_subject["Lift 3 noise"]["Answered in Time"], "Yes")
        self.assertEqual(by_subject["Parking fees"]["Answered in Time"], "No")
        self.assertIsNone(by_subject["Garage lights"]["Answered in Time"])
        self.assertEqual(
            by_subject["Lift 3 noise"]["Deadline"].date(), date(2026, 8, 6)
        )
        self.assertEqual(by_subject["Lift 3 noise"]["Answer"], "Damper replaced.")
        totals = {row[0]: row[1] for row in rows[7:] if row and row[0]}
        self.assertEqual(totals["Answered"], 2)
        self.assertEqual(totals["In time"], 1)

    def test_matter_register_with_timeliness(self):
        rows = self.render(
            "hoa_committee.action_report_matter_register",
            self.application | self.incident,
        )
        header = rows[2]
        by_subject = {row[2]: dict(zip(header, row, strict=False)) for row in rows[3:5]}
        self.assertEqual(by_subject["Facade repair"]["On Time"], "Yes")
        self.assertEqual(by_subject["Burst pipe"]["On Time"], "No")
        self.assertEqual(by_subject["Burst pipe"]["Kind"], "Incident Report")

    def test_meeting_and_contact_registers(self):
        rows = self.render("hoa_committee.action_report_meeting_register", self.meeting)
        record = dict(zip(rows[2], rows[3], strict=False))
        self.assertEqual(record["Title"], "Q3 routine meeting")
        self.assertEqual(record["Period"], "2026-Q3")
        self.assertEqual(record["Members"], 5)
        contacts = self.env["hoa.contact"].search(
            [("community_id", "=", self.estate_a.id)]
        )
        rows = self.render("hoa_committee.action_report_contact_register", contacts)
        record = dict(zip(rows[2], rows[3], strict=False))
        self.assertEqual(record["With the Chair"], "Yes")
        self.assertEqual(record["Summary"], "季度走访")

    def test_ballots_with_the_tally(self):
        owners = self.create_owned_units(self.estate_a, 3, "1", 100.0)
        decision = self.env["hoa.decision"].create(
            {
                "name": "Fund for lifts",
                "community_id": self.estate_a.id,
                "item": "fund_use",
                "date_open": self.env.company._hoa_today() - timedelta(days=29),
                "date_close": self.env.company._hoa_today() + timedelta(days=1),
            }
        )
        decision.action_open()
        self.env["hoa.decision.ballot"].create(
            [
                {
                    "decision_id": decision.id,
                    "partner_id": owners[0].id,
                    "choice": "agree",
                    "scan": SCAN,
                },
                {
                    "decision_id": decision.id,
                    "partner_id": owners[1].id,
                    "choice": "oppose",
                    "scan": SCAN,
                },
            ]
        )
        rows = self.render("hoa_committee.action_report_decision_ballots", decision)
        header = rows[2]
        voters = {row[0]: dict(zip(header, row, strict=False)) for row in rows[3:6]}
        self.assertEqual(voters["Owner 0"]["Choice"], "Agree")
        self.assertEqual(voters["Owner 1"]["Choice"], "Oppose")
        self.assertIsNone(voters["Owner 2"]["Choice"])
        self.assertEqual(voters["Owner 2"]["Area (m²)"], 100.0)
        tally = {row[0]: row for row in rows[7:] if row and row[0]}
        self.assertEqual(tally["Took part"][2:4], [200.0, 2])
        self.assertEqual(tally["Agreed"][2:4], [100.0, 1])

    def test_registers_are_read_with_the_users_rights(self):
        with self.assertRaises(AccessError):
            self.render(
                "hoa_committee.action_report_inquiry_register",
                self.on_time,
                user=self.staff_b,
            )
        rows = self.render(
            "hoa_committee.action_report_inquiry_register",
            self.on_time,
            user=self.staff_a,
        )
        self.assertEqual(rows[3][2], "Lift 3 noise")


@tagged("post_install", "-at_install")
class TestCurrentPeriod(ReportingCase):
    """The current quarter on Friday 2026-11-20, counted by hand: what is
    due is counted, what is not due yet only once answered, and escalations
    past the deadline the committee was given are overdue."""

    def inquiry(self, subject, received, **state):
        record = self.env["hoa.inquiry"].create(
            {
                "subject": subject,
                "community_id": self.estate_a.id,
                "received_date": received,
                "channel": "letter",
            }
        )
        if state:
            record._set_state(state)
        return record

    @freeze_time("2026-11-20")
    def test_dashboard_matches_a_hand_count(self):
        # three working days to answer: received on Monday, due on Thursday
        late = self.inquiry("Gate", date(2026, 11, 2))
        self.assertEqual(late.deadline, date(2026, 11, 5))
        not_due = self.inquiry("Bins", date(2026, 11, 19))
        self.assertEqual(not_due.deadline, date(2026, 11, 24))
        early = self.inquiry(
            "Hedge",
            date(2026, 11, 18),
            state="answered",
            assessment="reasonable",
            responded_date=date(2026, 11, 19),
            response="<p>Trimmed.</p>",
        )
        self.assertEqual(early.deadline, date(2026, 11, 23))
        escalated = self.inquiry(
            "Roof",
            date(2026, 11, 9),
            state="escalated",
            escalated_date=date(2026, 11, 13),
        )
        self.assertEqual(escalated.deadline, date(2026, 11, 12))
        escalated_in_time = self.inquiry(
            "Pool",
            date(2026, 11, 18),
            state="escalated",
            escalated_date=date(2026, 11, 19),
        )
        Notice = self.env["hoa.notice"]
        reviewed = Notice.create(
            {
                "title": "Lift test",
                "community_id": self.estate_a.id,
                "requested_date": date(2026, 10, 12),
                "date_from": date(2026, 10, 14),
                "date_to": date(2026, 10, 16),
            }
        )
        reviewed.with_user(self.manager_a).action_approve()
        Notice.create(
            {
                "title": "Boiler",
                "community_id": self.estate_a.id,
                "requested_date": date(2026, 11, 10),
                "date_from": date(2026, 11, 25),
                "date_to": date(2026, 11, 27),
            }
        )
        self.env["hoa.contact"].create(
            {
                "community_id": self.estate_a.id,
                "date": date(2026, 10, 20),
                "method": "visit",
                "user_id": self.manager_a.id,
                "member_ids": [Command.set(self.committee_a.member_ids[:2].ids)],
                "summary": "走访主任、副主任",
            }
        )
        self.env["hoa.compliance"]._refresh()
        row = self.env["hoa.compliance"].search(
            [("community_id", "=", self.estate_a.id), ("is_current", "=", True)]
        )
        self.assertEqual(row.period, "2026-Q4")
        # Gate (late), Hedge (answered early), Roof (escalated, due 11-12);
        # Bins and Pool are not due yet
        self.assertEqual((row.inquiry_count, row.inquiry_on_time), (3, 1))
        self.assertEqual((row.notice_count, row.notice_reviewed), (2, 1))
        self.assertEqual(
            (row.chair_contact, row.vice_chair_contact, row.contacts_ok),
            (True, True, True),
        )
        self.assertFalse(row.meeting_proposed_on_time)
        self.env.flush_all()
        overdue = self.env["hoa.overdue"].search(
            [
                ("community_id", "=", self.estate_a.id),
                ("res_model", "=", "hoa.inquiry"),
            ]
        )
        found = {(r.kind, r.res_id): r.days_overdue for r in overdue}
        self.assertEqual(
            found,
            {
                ("inquiry", self.unanswered.id): 71,  # due 2026-09-10
                ("inquiry", late.id): 15,
                ("escalation", escalated.id): 8,
            },
        )
        self.assertNotIn(not_due.id, overdue.mapped("res_id"))
        self.assertNotIn(escalated_in_time.id, overdue.mapped("res_id"))
