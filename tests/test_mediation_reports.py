import subprocess
import unicodedata
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .portal_common import HoaPortalCase

STATEMENT = (
    ("fee_income", "Property fees", 356_000),
    ("operating_cost", "Wages", 98_000),
    ("fund_opening", "Fund account", 120_000),
)


def html_text(report, records):
    """``report`` rendered as HTML for ``records``."""
    return report._render_qweb_html(report.report_name, records.ids)[0].decode()


def pdf_text(report, records):
    """The text of ``report`` rendered as a PDF for ``records``, as a reader
    sees it (CJK compatibility glyphs of the font normalised)."""
    pdf, _kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
        report.report_name, records.ids
    )
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return unicodedata.normalize("NFKC", text)


@tagged("post_install", "-at_install")
class TestStatementReview(HoaPortalCase):
    """The income and expenditure statement goes to the committee before the
    owners see it: a member confirms or comments in the portal; a statement
    not confirmed is published only by a head who records why."""

    def review_url(self, statement):
        return f"/my/committee/disclosures/{statement.id}/review"

    def test_a_draft_is_not_published_without_the_committee(self):
        statement = self.statement(STATEMENT)
        with self.assertRaisesRegex(UserError, "not been confirmed by the committee"):
            statement.with_user(self.staff_a).action_publish()
        action = statement.with_user(self.manager_a).action_publish()
        self.assertEqual(action["res_model"], "hoa.disclosure.publish.wizard")
        self.assertEqual(statement.state, "draft")
        self.assertFalse(statement.published_date)

    def test_member_confirms_in_the_portal_then_the_head_publishes(self):
        statement = self.statement(STATEMENT)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(statement.access_url)
        self.assertEqual(page.status_code, 404, "a draft not sent is not shown")
        statement.with_user(self.staff_a).action_submit_review()
        self.assertEqual(statement.review_state, "in_review")
        self.assertEqual(statement.review_submitted_date, self.env.company._hoa_today())
        page = self.url_open(statement.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_disclosure_review", page.text)
        response = self.post(self.review_url(statement), {"decision": "confirm"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hoa_success", response.text)
        self.assertEqual(statement.review_state, "confirmed")
        self.assertEqual(statement.reviewed_by_id, self.portal_a.partner_id)
        self.assertTrue(statement.reviewed_at)
        self.assertIn(
            f"{self.portal_a.partner_id.name} confirmed statement",
            "".join(statement.message_ids.mapped("body")),
        )
        statement.with_user(self.manager_a).action_publish()
        self.assertEqual(statement.state, "published")
        self.assertFalse(statement.unreviewed_reason)

    def test_member_comments_and_the_head_corrects(self):
        statement = self.statement(STATEMENT)
        statement.with_user(self.staff_a).action_submit_review()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.post(self.review_url(statement), {"decision": "comment"})
        self.assertIn("o_hoa_error", response.text, "a comment needs its text")
        self.assertEqual(statement.review_state, "in_review")
        self.post(
            self.review_url(statement),
            {"decision": "comment", "text": "工资一项请附人数"},
        )
        self.assertEqual(statement.review_state, "commented")
        self.assertEqual(statement.review_comment, "工资一项请附人数")
        response = self.post(self.review_url(statement), {"decision": "confirm"})
        self.assertIn("o_hoa_error", response.text, "answered already")
        self.assertEqual(statement.review_state, "commented")
        # corrected and submitted again, the comment is cleared
        statement.with_user(self.staff_a).action_submit_review()
        self.assertEqual(statement.review_state, "in_review")
        self.assertFalse(statement.review_comment)
        self.assertFalse(statement.reviewed_by_id)

    def test_only_a_member_of_the_estate_reviews(self):
        statement = self.statement(STATEMENT)
        statement.with_user(self.staff_a).action_submit_review()
        self.authenticate("hoa_t_portal_b", "hoa_t_portal_b")
        response = self.post(self.review_url(statement), {"decision": "confirm"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(statement.review_state, "in_review")
        # nor through JSON-RPC, whatever the field
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        answer = self.call_kw(
            "hoa.disclosure",
            "write",
            [statement.ids, {"review_state": "confirmed"}],
        )
        self.assertIn("error", answer)
        answer = self.call_kw(
            "hoa.disclosure", "_portal_review", [statement.ids, "confirm"]
        )
        self.assertIn("error", answer)
        statement.invalidate_recordset()
        self.assertEqual(statement.review_state, "in_review")
        self.assertFalse(statement.reviewed_by_id)

    def test_publishing_without_review_needs_the_heads_reason(self):
        statement = self.statement(STATEMENT)
        Wizard = self.env["hoa.disclosure.publish.wizard"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.staff_a).create(
                {"disclosure_id": statement.id, "reason": "Hurry"}
            )
        wizard = Wizard.with_user(self.manager_a).create(
            {"disclosure_id": statement.id, "reason": "   "}
        )
        with self.assertRaisesRegex(UserError, "Say why"):
            wizard.action_publish()
        self.assertEqual(statement.state, "draft")
        wizard.reason = "The committee did not answer within 7 days."
        wizard.action_publish()
        self.assertEqual(statement.state, "published")
        self.assertEqual(
            statement.unreviewed_reason, "The committee did not answer within 7 days."
        )
        self.assertEqual(statement.unreviewed_by_id, self.manager_a)
        self.assertIn(
            "The committee did not answer within 7 days.",
            "".join(statement.message_ids.mapped("body")),
        )

    def test_the_reason_and_the_review_cannot_be_written_directly(self):
        statement = self.statement(STATEMENT)
        self.authenticate("hoa_t_manager_a", "hoa_t_manager_a")
        for values in (
            {"unreviewed_reason": "x"},
            {"review_state": "confirmed"},
            {"reviewed_by_id": self.portal_a.partner_id.id},
        ):
            answer = self.call_kw("hoa.disclosure", "write", [statement.ids, values])
            self.assertIn("error", answer, values)
        answer = self.call_kw("hoa.disclosure", "action_publish", [statement.ids])
        self.assertEqual(answer["result"]["res_model"], "hoa.disclosure.publish.wizard")
        statement.invalidate_recordset()
        self.assertEqual(statement.review_state, "none")
        self.assertEqual(statement.state, "draft")
        self.assertFalse(statement.unreviewed_reason)


@tagged("post_install", "-at_install")
class TestMediation(HoaPortalCase):
    """Work touching some owners' interests is mediated by the committee
    (case c); a disagreement between the centre and the committee left
    unresolved is escalated to leadership, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._hoa_today()
        cls.owner_1 = cls.env["res.partner"].create({"name": "业主 张三"})
        cls.unit_1 = cls.env["hoa.unit"].create(
            {
                "community_id": cls.estate_a.id,
                "name": "3-301",
                "owner_id": cls.owner_1.id,
                "area": 90.0,
            }
        )

    def mediation(self, kind="disagreement", opened=None, **values):
        return self.env["hoa.mediation"].create(
            {
                "community_id": self.estate_a.id,
                "kind": kind,
                "subject": "Parking plan",
                "opened_date": opened or self.today,
                **values,
            }
        )

    def test_a_case_c_report_asks_the_committee_to_mediate(self):
        matter = self.env["hoa.matter"].create(
            {
                "community_id": self.estate_a.id,
                "category": "owner_interest",
                "subject": "Move the bicycle shed of building 3",
                "unit_ids": [Command.link(self.unit_1.id)],
            }
        )
        action = matter.with_user(self.staff_a).action_request_mediation()
        mediation = self.env["hoa.mediation"].browse(action["res_id"])
        self.assertEqual(mediation.matter_id, matter)
        self.assertEqual(mediation.kind, "owners_interest")
        self.assertEqual(mediation.subject, "Move the bicycle shed of building 3")
        self.assertEqual(mediation.party_ids.partner_id, self.owner_1)
        self.assertEqual(mediation.party_ids.unit_id, self.unit_1)
        self.assertEqual(matter.mediation_count, 1)
        again = matter.with_user(self.staff_a).action_request_mediation()
        self.assertEqual(again["res_id"], mediation.id, "one open mediation")
        other = self.env["hoa.matter"].create(
            {
                "community_id": self.estate_a.id,
                "category": "incident",
                "subject": "Lift stopped",
            }
        )
        with self.assertRaisesRegex(UserError, "touching some owners"):
            other.with_user(self.staff_a).action_request_mediation()
        self.assertFalse(other.mediation_ids)

    def test_resolving_needs_the_parties_and_the_outcome(self):
        mediation = self.mediation(kind="owners_interest")
        with self.assertRaisesRegex(UserError, "Write the outcome"):
            mediation.with_user(self.staff_a).action_resolve()
        mediation.outcome = "<p>Agreed</p>"
        with self.assertRaisesRegex(UserError, "names no party"):
            mediation.with_user(self.staff_a).action_resolve()
        mediation.party_ids = [
            Command.create({"partner_id": self.owner_1.id, "role": "complainant"})
        ]
        mediation.step_ids = [Command.create({"name": "Met both sides"})]
        self.assertEqual(mediation.step_ids.user_id, self.env.user)
        mediation.with_user(self.staff_a).action_resolve()
        self.assertEqual(mediation.state, "resolved")
        self.assertEqual(mediation.outcome_date, self.today)
        with self.assertRaisesRegex(UserError, "already resolved"):
            mediation.with_user(self.staff_a).action_resolve()

    def test_a_disagreement_is_escalated_the_day_after_its_deadline_once(self):
        self.assertEqual(self.env.company.hoa_mediation_escalation_days, 15)
        on_deadline = self.mediation(opened=self.today - timedelta(days=15))
        late = self.mediation(opened=self.today - timedelta(days=16))
        case_c = self.mediation(
            kind="owners_interest", opened=self.today - timedelta(days=100)
        )
        resolved_late = self.mediation(opened=self.today - timedelta(days=30))
        resolved_late.write(
            {
                "outcome": "<p>Settled</p>",
                "party_ids": [Command.create({"partner_id": self.owner_1.id})],
            }
        )
        resolved_late.action_resolve()
        self.assertEqual(on_deadline.escalation_deadline, self.today)
        self.env["hoa.mediation"]._cron_escalate()
        self.assertEqual(on_deadline.state, "open")
        self.assertEqual(case_c.state, "open")
        self.assertEqual(resolved_late.state, "resolved")
        self.assertEqual(late.state, "escalated")
        self.assertEqual(late.escalated_date, self.today)
        escalation = self.env.ref("hoa_committee.mail_activity_type_escalation")
        activities = late.activity_ids.filtered(
            lambda a: a.activity_type_id == escalation
        )
        self.assertIn(self.leader_1, activities.user_id)
        self.assertNotIn(self.leader_2, activities.user_id, "another company's")
        mails = self.env["mail.mail"].search(
            [("model", "=", "hoa.mediation"), ("res_id", "=", late.id)]
        )
        self.assertIn(self.leader_1.partner_id, mails.recipient_ids)
        self.env["hoa.mediation"]._cron_escalate()
        self.assertEqual(
            len(late.activity_ids.filtered(lambda a: a.activity_type_id == escalation)),
            len(activities),
            "escalated once",
        )
        self.assertFalse(on_deadline.activity_ids)

    def test_the_escalation_period_is_a_setting(self):
        self.env.company.hoa_mediation_escalation_days = 10
        mediation = self.mediation(opened=self.today - timedelta(days=11))
        self.assertEqual(mediation.escalation_deadline, self.today - timedelta(days=1))
        self.env["hoa.mediation"]._cron_escalate()
        self.assertEqual(mediation.state, "escalated")
        with self.assertRaises(ValidationError):
            self.env.company.hoa_mediation_escalation_days = 0

    def test_staff_of_another_estate_cannot_see_or_resolve(self):
        mediation = self.mediation(
            outcome="<p>x</p>",
            party_ids=[Command.create({"partner_id": self.owner_1.id})],
        )
        self.authenticate("hoa_t_staff_b", "hoa_t_staff_b")
        answer = self.call_kw("hoa.mediation", "action_resolve", [mediation.ids])
        self.assertIn("error", answer)
        answer = self.call_kw(
            "hoa.mediation", "write", [mediation.ids, {"state": "resolved"}]
        )
        self.assertIn("error", answer)
        self.authenticate("hoa_t_staff_a", "hoa_t_staff_a")
        answer = self.call_kw(
            "hoa.mediation", "write", [mediation.ids, {"state": "resolved"}]
        )
        self.assertIn("error", answer, "the state moves only through its button")
        mediation.invalidate_recordset()
        self.assertEqual(mediation.state, "open")
        self.assertFalse(mediation.outcome_date)

    def test_the_mediation_record_prints_its_parties_steps_and_outcome(self):
        mediation = self.mediation(
            kind="owners_interest",
            subject="自行车棚迁移",
            outcome="<p>双方同意将车棚移至5号楼北侧</p>",
            party_ids=[
                Command.create(
                    {
                        "partner_id": self.owner_1.id,
                        "unit_id": self.unit_1.id,
                        "role": "complainant",
                        "position": "反对车棚靠近窗户",
                    }
                )
            ],
            step_ids=[
                Command.create(
                    {"date": date(2026, 11, 3), "name": "业委会主任约见双方现场查看"}
                )
            ],
        )
        mediation.action_resolve()
        report = self.env.ref("hoa_committee.action_report_mediation")
        html = html_text(report, mediation)
        for expected in (
            "自行车棚迁移",
            "业主 张三",
            "3-301",
            "反对车棚靠近窗户",
            "业委会主任约见双方现场查看",
            "双方同意将车棚移至5号楼北侧",
            mediation.name,
        ):
            self.assertIn(expected, html)
        text = pdf_text(report, mediation)
        # (the PDF's text layer maps some glyphs, e.g. 车, to radicals)
        for expected in ("业主 张三", "靠近窗户", "业委会主任约", "双方同意将"):
            self.assertIn(expected, text)


@tagged("post_install", "-at_install")
class TestOperationsReport(HoaPortalCase):
    """The operations report of the routine meeting is structured: income and
    costs by category, occupancy of common parts, contracts and complaints."""

    def report(self, **values):
        return self.env["hoa.operations.report"].create(
            {
                "community_id": self.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create(
                        {
                            "line_type": "income",
                            "category": "fee",
                            "name": "物业费",
                            "amount": 500_000,
                        }
                    ),
                    Command.create(
                        {
                            "line_type": "income",
                            "category": "advertising",
                            "name": "电梯广告",
                            "amount": 36_000,
                        }
                    ),
                    Command.create(
                        {
                            "line_type": "cost",
                            "category": "staff",
                            "name": "人员工资",
                            "amount": 420_500,
                        }
                    ),
                ],
                "occupancy_ids": [
                    Command.create(
                        {
                            "place": "2号楼大堂",
                            "use": "快递柜",
                            "tenant": "丰巢",
                            "income": 6_000,
                        }
                    )
                ],
                "contract_ids": [
                    Command.create(
                        {
                            "counterparty": "北京绿源园林公司",
                            "subject": "绿化养护",
                            "amount": 88_000,
                            "date_signed": date(2026, 8, 1),
                        }
                    )
                ],
                **values,
            }
        )

    def request(self, day, kind="complaint", text="Noise at night"):
        return self.env["hoa.owner.request"].create(
            {
                "community_id": self.estate_a.id,
                "partner_id": self.owner_a.partner_id.id,
                "about": "common",
                "building": "5",
                "common_part": "5号楼大堂",
                "kind": kind,
                "category": "noise",
                "description": text,
                "received_date": day,
            }
        )

    def test_totals_add_up(self):
        report = self.report()
        self.assertEqual(report.period, "2026-Q3")
        self.assertEqual(report.income_total, 536_000)
        self.assertEqual(report.cost_total, 420_500)
        self.assertEqual(report.balance, 115_500)
        self.assertEqual(report.occupancy_income, 6_000)
        self.assertEqual(report.contract_total, 88_000)

    def test_a_cost_is_not_filed_as_income(self):
        with self.assertRaises(ValidationError):
            self.report(
                line_ids=[
                    Command.create(
                        {
                            "line_type": "income",
                            "category": "staff",
                            "name": "x",
                            "amount": 1,
                        }
                    )
                ]
            )

    def test_the_periods_complaints_are_taken_at_its_boundaries(self):
        first = self.request(date(2026, 7, 1), text="first day")
        last = self.request(date(2026, 9, 30), text="last day")
        self.request(date(2026, 6, 30), text="day before")
        self.request(date(2026, 10, 1), text="day after")
        self.request(date(2026, 8, 1), kind="question", text="a question")
        report = self.report()
        report.with_user(self.staff_a).action_fill_complaints()
        self.assertEqual(report.complaint_ids, first | last)
        self.assertEqual(report.complaint_count, 2)

    def test_the_routine_meeting_shows_its_report(self):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "第三季度例会",
                "committee_id": self.committee_a.id,
                "meeting_type": "routine",
            }
        )
        report = self.report(meeting_id=meeting.id)
        self.assertEqual(meeting.operations_report_count, 1)
        action = meeting.with_user(self.staff_a).action_view_operations_reports()
        self.assertEqual(action["res_id"], report.id)
        other = self.env["hoa.meeting"].create(
            {
                "name": "B例会",
                "committee_id": self.committee_b.id,
                "meeting_type": "routine",
            }
        )
        with self.assertRaises(ValidationError):
            self.report(meeting_id=other.id)

    def test_the_report_prints_every_section(self):
        complaint = self.request(date(2026, 8, 15), text="楼道深夜噪音")
        report = self.report()
        report.action_fill_complaints()
        self.assertEqual(report.complaint_ids, complaint)
        pdf_report = self.env.ref("hoa_committee.action_report_operations_report")
        text = pdf_text(pdf_report, report)
        for expected in (
            "电梯广告",
            "人员工资",
            "快递柜",
            "北京绿源园林公司",
            "楼道深夜噪音",
        ):
            self.assertIn(expected, text)
        text = html_text(pdf_report, report)
        for expected in (
            "电梯广告",
            "536,000.00",
            "420,500.00",
            "115,500.00",
            "2号楼大堂",
            "丰巢",
            "北京绿源园林公司",
            "88,000.00",
            "楼道深夜噪音",
        ):
            self.assertIn(expected, text)
