import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pyzbar.pyzbar import decode

from odoo.tests import new_test_user, tagged

from .portal_common import HoaPortalCase

#: the models whose documents go to people on paper (posted, handed over,
#: served with a receipt slip): each of their PDFs carries the QR code of
#: the page where its reader reads it online
SERVED_ON_PAPER = {
    "hoa.meeting",
    "hoa.inquiry",
    "hoa.matter",
    "hoa.disclosure",
    "hoa.evaluation",
    "hoa.decision",
    "hoa.decision.voter",
    "hoa.service",
}

#: the PDFs of the addon printed without a QR code, and why
WITHOUT_QR = {
    # presented and discussed at a meeting; no portal page shows them
    "hoa_committee.action_report_work_report",
    "hoa_committee.action_report_repair_plan",
    "hoa_committee.action_report_operations_report",
    # the record of a mediation between the parties, kept by the centre
    "hoa_committee.action_report_mediation",
}

#: each PDF with a QR code → the method making one document of it, which
#: returns (record printed, path of the page the QR code opens, login of
#: its reader, text that page shows)
PAPER_REPORTS = {
    "hoa_committee.action_report_meeting_notice": "_meeting_notice",
    "hoa_committee.action_report_meeting_minutes": "_meeting_minutes",
    "hoa_committee.action_report_meeting_resolutions": "_resolution_announcement",
    "hoa_committee.action_report_inquiry_reply": "_reply_letter",
    "hoa_committee.action_report_matter_letter": "_matter_letter",
    "hoa_committee.action_report_disclosure": "_statement",
    "hoa_committee.action_report_evaluation": "_evaluation",
    "hoa_committee.action_report_decision_board_notice": "_board_notice",
    "hoa_committee.action_report_decision_ballot": "_ballot_sheet",
    "hoa_committee.action_report_decision_result": "_result_announcement",
    "hoa_committee.action_report_service_receipt_slip": "_receipt_slip",
}


def read_qr_codes(pdf):
    """The QR codes on the pages of ``pdf`` as a phone reads them: the
    pages rasterised at 150 dpi, every code decoded."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        (path / "doc.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "150", "-png", path / "doc.pdf", path / "page"],
            check=True,
            timeout=120,
        )
        codes = []
        for page in sorted(path.glob("page*.png")):
            with Image.open(page) as image:
                codes += [code.data.decode() for code in decode(image)]
        return codes


@tagged("post_install", "-at_install")
class TestPaperQr(HoaPortalCase):
    """Every printed notice, ballot sheet, letter and announcement carries a
    QR code that opens its page in the portal for the person who got it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_2 = new_test_user(
            cls.env,
            "hoa_t_portal_a2",
            groups="base.group_portal",
            partner_id=cls.committee_a.member_ids[2].partner_id.id,
        )
        cls.member_2.lang = "en_US"

    # ------------------------------------------------------------------
    # One document of each kind, and who reads it where
    # ------------------------------------------------------------------

    def _meeting_notice(self):
        meeting = self.held_meeting(name="QR notice meeting")
        path = f"/my/committee/meetings/{meeting.id}"
        return meeting, path, "hoa_t_portal_a", "QR notice meeting"

    def _meeting_minutes(self):
        meeting = self.held_meeting(name="QR minutes meeting")
        path = f"/my/committee/meetings/{meeting.id}"
        return meeting, path, "hoa_t_portal_a", "QR minutes meeting"

    def _resolution_announcement(self):
        resolution = self.committee_resolution(
            self.committee_a, agree=3, name="QR resolution: repaint the fences"
        )
        meeting = resolution.meeting_id
        meeting.minutes = "<p>Discussed the fences.</p>"
        meeting.attendance_ids.filtered("present")._sign(method="portal", ip="10.0.0.8")
        resolution.action_publish()
        # the owners read the announcement at the resolution's page
        path = f"/my/resolutions/{resolution.id}"
        return meeting, path, "hoa_t_owner_a", "QR resolution: repaint the fences"

    def _reply_letter(self):
        inquiry = self.inquiry(subject="QR inquiry: lift 3 is noisy")
        inquiry.write({"assessment": "reasonable", "response": "<p>Fixed.</p>"})
        inquiry.action_assess()
        self.answer(inquiry)
        path = f"/my/committee/inquiries/{inquiry.id}"
        return inquiry, path, "hoa_t_portal_a", "QR inquiry: lift 3 is noisy"

    def _matter_letter(self):
        matter = self.delivered_matter(subject="QR matter: repair the roof")
        path = f"/my/committee/matters/{matter.id}"
        return matter, path, "hoa_t_portal_a", "QR matter: repair the roof"

    def _statement(self):
        statement = self.statement()
        statement._publish_unreviewed("test")
        path = f"/my/committee/disclosures/{statement.id}"
        return statement, path, "hoa_t_owner_a", statement.name

    def _evaluation(self):
        evaluation = (
            self.env["hoa.evaluation"]
            .with_user(self.manager_a)
            .create({"community_id": self.estate_a.id, "period": "2026-H2"})
        )
        evaluation.with_user(self.manager_a).action_open_for_committee()
        path = f"/my/committee/evaluations/{evaluation.id}"
        return evaluation, path, "hoa_t_portal_a2", evaluation.name

    def _board_notice(self):
        decision = self.open_decision(name="QR vote: use the fund for the lifts")
        path = f"/my/decisions/{decision.id}"
        return decision, path, "hoa_t_owner_a", decision.name

    def _ballot_sheet(self):
        decision = self.open_decision(name="QR ballot: repaint the lobby")
        voter = decision.voter_ids.filtered(
            lambda v: v.partner_id == self.owner_a.partner_id
        )
        self.assertEqual(len(voter), 1)
        # the sheet is cast at the vote's page
        path = f"/my/decisions/{decision.id}"
        return voter, path, "hoa_t_owner_a", decision.name

    def _result_announcement(self):
        decision = self.open_decision(name="QR result: plant trees")
        decision.action_close()
        decision.action_publish()
        path = f"/my/decisions/{decision.id}"
        return decision, path, "hoa_t_owner_a", decision.name

    def _receipt_slip(self):
        # the vote's notice prints nothing above its slip: the slip alone
        # carries the code of the vote's page
        decision = self.open_decision(name="QR slip: fix the gate")
        decision._serve_owners("vote_notice", self.owner_a.partner_id)
        service = self.env["hoa.service"].search(
            [
                ("res_model", "=", "hoa.decision"),
                ("res_id", "=", decision.id),
                ("partner_id", "=", self.owner_a.partner_id.id),
            ]
        )
        self.assertEqual(len(service), 1)
        path = f"/my/decisions/{decision.id}"
        return service, path, "hoa_t_owner_a", decision.name

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_every_paper_report_is_listed(self):
        """A new PDF of a document served on paper fails here until it
        carries the QR code and is listed above (or is listed as having
        none, with the reason)."""
        reports = self.env["ir.actions.report"].search(
            [
                ("report_type", "=", "qweb-pdf"),
                ("report_name", "=like", "hoa_committee.%"),
            ]
        )
        xmlids = {report.get_external_id()[report.id] for report in reports}
        served = {
            report.get_external_id()[report.id]
            for report in reports
            if report.model in SERVED_ON_PAPER
        }
        self.assertLessEqual(served, set(PAPER_REPORTS))
        self.assertEqual(xmlids, set(PAPER_REPORTS) | WITHOUT_QR)

    def test_printed_qr_code_opens_the_page_of_the_document(self):
        """Each PDF, printed and scanned, opens exactly the portal page of
        its document, which its reader opens and sees the document on."""
        for xmlid, builder in PAPER_REPORTS.items():
            with self.subTest(report=xmlid):
                record, path, login, shown = getattr(self, builder)()
                url = f"{self.base_url()}{path}"
                pdf, kind = (
                    self.env["ir.actions.report"]
                    .with_context(force_report_rendering=True)
                    ._render_qweb_pdf(xmlid, record.ids)
                )
                self.assertEqual(kind, "pdf")
                codes = read_qr_codes(pdf)
                # a sealed document also carries the code of its seal's check
                portal_codes = [c for c in codes if "/hoa/verify" not in c]
                self.assertEqual(portal_codes, [url], codes)

                self.authenticate(login, login)
                response = self.url_open(path)
                self.assertEqual(response.status_code, 200, path)
                # the same page, in the reader's language
                self.assertRegex(response.url, rf"^{self.base_url()}(/\w+)?{path}$")
                self.assertIn(shown, response.text)
