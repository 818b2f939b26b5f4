import io
import re
import zipfile
from datetime import timedelta
from unittest.mock import patch

from lxml import html

from odoo import Command, fields, http
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open

from ..tools import portal_files
from .common import SCAN
from .languages import ensure_chinese
from .portal_common import HoaPortalCase


def number(reference):
    """The serial part of a number: 12 for GG2026-0012."""
    return int(reference.rsplit("-", 1)[1])


@tagged("post_install", "-at_install")
class TestPortalPages(HoaPortalCase):
    def test_member_opens_my_and_own_committee(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        for url in (
            "/my/committees",
            "/my/committee/meetings",
            "/my/committee/matters",
            "/my/committee/inquiries",
            "/my/committee/notices",
            "/my/decisions",
        ):
            self.assertIn(url, response.text)

        response = self.url_open("/my/committees")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Estate A committee", response.text)
        self.assertNotIn("Estate B committee", response.text)

        response = self.url_open(f"/my/committees/{self.committee_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.committee_a.chair_id.name, response.text)

    def test_home_counters_count_the_members_records(self):
        self.held_meeting()
        self.held_meeting(committee=self.committee_b, name="B's meeting")
        self.delivered_matter()
        answered = self.delivered_matter(subject="Already answered")
        signed = self.committee_a.member_ids[:3]  # a written resolution, 3 of 5
        answered.write(
            {"answer": "approved", "written_signer_ids": [Command.set(signed.ids)]}
        )
        answered.action_record_answer()
        self.inquiry()
        self.inquiry(committee=self.committee_b)
        self.open_decision()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "hoa_meeting_count",
                    "hoa_matter_count",
                    "hoa_inquiry_count",
                    "hoa_notice_count",
                    "hoa_decision_count",
                ]
            },
        )
        self.assertEqual(
            counters,
            {
                "hoa_meeting_count": 1,
                "hoa_matter_count": 1,  # the one awaiting the committee
                "hoa_inquiry_count": 1,
                "hoa_notice_count": 0,
                "hoa_decision_count": 1,
            },
        )

    def home_page(self):
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        return html.fromstring(response.text)

    def card(self, page, url):
        """The /my card linking to ``url``: (shown, its count)."""
        (card,) = page.xpath(
            f"//div[contains(@class, 'o_portal_index_card')][.//a[@href='{url}']]"
        )
        count = card.xpath(".//span[contains(@class, 'o_hoa_count')]")
        return "d-none" not in card.get("class"), count and count[0].text_content()

    def test_my_opens_on_what_waits_for_the_member(self):
        meeting = self.held_meeting()
        matter = self.delivered_matter()
        self.open_decision()  # the member owns no unit: not theirs to vote
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.home_page()
        (waiting,) = page.xpath("//section[contains(@class, 'o_hoa_waiting')]")
        first = page.xpath(
            "//section[contains(@class, 'o_hoa_waiting')]"
            " | //div[contains(@class, 'o_portal_index_card')]"
        )[0]
        self.assertEqual(first, waiting, "what waits comes first")
        self.assertEqual(
            waiting.xpath(".//li/a/@href"), [meeting.access_url, matter.access_url]
        )
        self.assertIn("Sign the minutes of", waiting.text_content())
        # an ordinary member gives an opinion: the chair answers for the
        # committee
        self.assertIn("Give your opinion on the report", waiting.text_content())
        self.assertNotIn("Answer the report", waiting.text_content())
        for url, count in (
            ("/my/committee/meetings", "1"),
            ("/my/committee/matters", "1"),
            ("/my/committee/inquiries", "0"),
            ("/my/committee/notices", "0"),
            ("/my/decisions", "1"),
        ):
            self.assertEqual(self.card(page, url), (True, count), url)

        meeting.attendance_ids.filtered(
            lambda line: line.member_id.partner_id == self.portal_a.partner_id
        )._sign(method="paper")
        page = self.home_page()
        self.assertEqual(
            page.xpath("//section[contains(@class, 'o_hoa_waiting')]//li/a/@href"),
            [matter.access_url],
        )

    def test_my_shows_the_owner_the_open_vote(self):
        decision = self.open_decision()
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = self.home_page()
        self.assertEqual(
            page.xpath("//section[contains(@class, 'o_hoa_waiting')]//li/a/@href"),
            [decision.access_url],
        )
        self.assertEqual(self.card(page, "/my/decisions"), (True, "1"))
        self.assertFalse(page.xpath("//a[@href='/my/committee/meetings']"))
        decision.with_user(self.owner_a)._portal_cast("agree")
        page = self.home_page()
        self.assertFalse(page.xpath("//section[contains(@class, 'o_hoa_waiting')]"))

    def test_empty_lists_explain_what_will_appear(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        for url, text in (
            ("/my/committee/meetings", "No meeting yet"),
            ("/my/committee/matters", "Nothing awaits the committee"),
            ("/my/committee/inquiries", "No inquiry yet"),
            ("/my/committee/notices", "No notice yet"),
            ("/my/decisions", "No vote of your estate"),
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn(text, response.text, url)

    def test_pages_follow_the_users_language(self):
        self.portal_a.lang = "zh_CN"
        self.held_meeting()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.url_open("/my/committee/meetings")
        self.assertIn("会议", response.text)
        self.assertIn("待签署", response.text)
        self.assertNotIn("To sign", response.text)


@tagged("post_install", "-at_install")
class TestPortalMeetings(HoaPortalCase):
    def test_member_signs_minutes_and_the_last_signature_freezes(self):
        meeting = self.held_meeting()
        mine = meeting.attendance_ids.filtered(
            lambda a: a.member_id.partner_id == self.portal_a.partner_id
        )
        others = meeting.attendance_ids.filtered("present") - mine
        others._sign()
        self.assertEqual(meeting.state, "held")

        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(meeting.access_url)
        self.assertIn("Repaint the fences", page.text)
        self.assertIn("o_hoa_sign", page.text)

        response = self.post(f"{meeting.access_url}/sign")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hoa_success", response.text)
        self.assertEqual(mine.sign_method, "portal")
        self.assertEqual(mine.signed_ip, "127.0.0.1")
        self.assertTrue(mine.signed_at)
        self.assertEqual(meeting.state, "signed", "the last signature freezes")
        self.assertIn(
            f"{mine.name} signed the minutes (Portal, 127.0.0.1).",
            "".join(meeting.message_ids.mapped("body")),
        )

        # a second click changes nothing and says why
        signed_at = mine.signed_at
        response = self.post(f"{meeting.access_url}/sign")
        self.assertIn("o_hoa_error", response.text)
        self.assertEqual(mine.signed_at, signed_at)

    def test_only_present_members_sign_their_own_line(self):
        meeting = self.held_meeting()
        mine = meeting.attendance_ids.filtered(
            lambda a: a.member_id.partner_id == self.portal_a.partner_id
        )
        mine.present = False
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.assertNotIn("o_hoa_sign", self.url_open(meeting.access_url).text)
        response = self.post(f"{meeting.access_url}/sign")
        self.assertIn("was not present", response.text)
        self.assertFalse(meeting.attendance_ids.filtered("signed_at"))

    def test_notice_email_links_to_the_portal_with_a_token(self):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "Notice test",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=10),
                "location": "会议室",
            }
        )
        self.committee_a.member_ids.partner_id.write({"email": "m@example.com"})
        meeting.action_send_notice()
        body = "".join(meeting.service_ids.mail_id.mapped("body_html"))
        self.assertIn(
            f"/my/committee/meetings/{meeting.id}?access_token={meeting.access_token}",
            body,
        )

    def test_minutes_pdf_is_downloadable(self):
        meeting = self.held_meeting()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.url_open(f"{meeting.access_url}?report_type=html")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Repaint the fences", response.text)


@tagged("post_install", "-at_install")
class TestPortalDownloads(HoaPortalCase):
    """Every "Download (PDF)" button of the portal saves a PDF file."""

    def assert_pdf_download(self, record, filename):
        page = self.url_open(record.access_url)
        url = record.get_portal_url(report_type="pdf", download=True)
        self.assertIn(url.replace("&", "&amp;"), page.text, "the page offers it")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # (the body is the report's HTML under tests: Odoo renders no PDF there)
        disposition = response.headers["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn(filename, disposition)

    def test_member_downloads_the_meeting_notice_and_the_minutes(self):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "Download test",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=10),
                "location": "会议室",
            }
        )
        meeting.action_send_notice()
        held = self.held_meeting()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.assert_pdf_download(meeting, f"{meeting.reference}_-_Download_test.pdf")
        self.assertIn("Download the notice", self.url_open(meeting.access_url).text)
        self.assert_pdf_download(held, held.reference)
        self.assertIn("Download the minutes", self.url_open(held.access_url).text)

    def test_member_downloads_the_letter_and_the_reply_letter(self):
        matter = self.delivered_matter()
        inquiry = self.inquiry()
        inquiry.write({"assessment": "reasonable"})
        inquiry.action_assess()
        inquiry.response = "<p>Done.</p>"
        self.answer(inquiry)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.assert_pdf_download(matter, matter.name)
        self.assert_pdf_download(inquiry, inquiry.name)

    def test_member_downloads_a_statement(self):
        statement = self.statement()
        statement._publish_unreviewed("test")
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.assert_pdf_download(statement, statement.name)


@tagged("post_install", "-at_install")
class TestPortalMatters(HoaPortalCase):
    def test_member_confirms_receipt_and_gives_an_opinion_not_the_answer(self):
        matter = self.delivered_matter()
        resolution = self.committee_resolution(self.committee_a, agree=3)
        body = "".join(matter.message_ids.mapped("body"))
        self.assertIn(f"{matter.access_url}?access_token={matter.access_token}", body)

        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(matter.access_url).text
        self.assertIn("o_hoa_opinion_form", page)
        self.assertNotIn("o_hoa_answer_form", page)
        self.assertNotIn("o_hoa_approve", page)
        response = self.post(f"{matter.access_url}/receipt")
        self.assertIn("o_hoa_success", response.text)
        # the member's own receipt of the report served to them
        self.assertEqual(
            matter.service_ids.filtered(
                lambda s: s.partner_id == self.portal_a.partner_id
            ).state,
            "confirmed",
        )
        self.assertEqual(matter.state, "delivered", "a decision is still needed")

        response = self.post(
            f"{matter.access_url}/answer",
            {"answer": "approved", "resolution_id": str(resolution.id)},
        )
        self.assertIn("Only the chair", response.text)
        self.assertEqual(matter.state, "delivered")
        self.assertFalse(matter.answer)

        response = self.post(
            f"{matter.access_url}/opinion",
            {"opinion": "agree", "text": "Post a notice first."},
        )
        self.assertIn("o_hoa_success", response.text)
        self.assertIn("Post a notice first.", response.text)
        self.assertEqual(
            (matter.opinion_ids.partner_id, matter.opinion_ids.opinion),
            (self.portal_a.partner_id, "agree"),
        )
        self.assertEqual(matter.state, "delivered")

    def test_chair_answers_citing_a_resolution(self):
        matter = self.delivered_matter()
        resolution = self.committee_resolution(self.committee_a, agree=3)
        failed = self.committee_resolution(
            self.committee_a, agree=2, name="Failed resolution"
        )
        chair = self.committee_a.member_ids.filtered(lambda m: m.role == "chair")
        new_test_user(
            self.env,
            "hoa_t_chair_a",
            groups="base.group_portal",
            partner_id=chair.partner_id.id,
            lang="en_US",
        )
        self.authenticate("hoa_t_chair_a", "hoa_t_chair_a")
        page = self.url_open(matter.access_url).text
        self.assertIn("o_hoa_answer_form", page)
        self.assertIn(f'<option value="{resolution.id}">', page)
        self.assertNotIn("Failed resolution", page, "only passed resolutions")

        response = self.post(f"{matter.access_url}/answer", {"answer": "approved"})
        self.assertIn("cite the resolution", response.text)
        response = self.post(
            f"{matter.access_url}/answer",
            {"answer": "approved", "resolution_id": str(failed.id)},
        )
        self.assertIn("did not pass", response.text)
        self.assertEqual(matter.state, "delivered")

        response = self.post(
            f"{matter.access_url}/answer",
            {"answer": "approved", "resolution_id": str(resolution.id)},
        )
        self.assertIn("o_hoa_success", response.text)
        self.assertIn("o_hoa_answer_resolution", response.text)
        self.assertEqual(
            (matter.state, matter.answer, matter.resolution_id),
            ("answered", "approved", resolution),
        )
        self.assertEqual(matter.answered_by_id, chair.partner_id)
        response = self.post(
            f"{matter.access_url}/answer",
            {"answer": "rejected", "comment": "No", "resolution_id": resolution.id},
        )
        self.assertIn("already answered", response.text)
        self.assertEqual(matter.answer, "approved")

    def test_receipt_of_a_notification_is_its_answer(self):
        matter = self.delivered_matter()
        matter.requires_decision = False
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.post(f"{matter.access_url}/receipt")
        self.assertEqual(matter.state, "answered")
        self.assertEqual(matter.answer, "acknowledged")

    def test_draft_reports_stay_internal(self):
        today = fields.Date.context_today(self.env.user)
        draft = self.env["hoa.matter"].create(
            {
                "subject": "Not sent yet",
                "community_id": self.estate_a.id,
                "category": "activity",
                "planned_date": today + timedelta(days=30),
            }
        )
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.assertEqual(self.url_open(draft.access_url).status_code, 404)
        self.assertNotIn("Not sent yet", self.url_open("/my/committee/matters").text)


@tagged("post_install", "-at_install")
class TestPortalInquiriesAndNotices(HoaPortalCase):
    def test_member_submits_an_inquiry_with_a_file_and_reads_the_reply(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.post(
            "/my/committee/inquiries/new",
            {
                "inquiry_type": "request",
                "subject": "Lift 3 is noisy",
                "description": "At night <b>mostly</b>.",
            },
            files={
                "attachments": (
                    "noise.jpg",
                    b"\xff\xd8\xff\xe0 recorded at 23:10",
                    "image/jpeg",
                )
            },
        )
        self.assertIn("o_hoa_success", response.text)
        inquiry = self.env["hoa.inquiry"].search([("subject", "=", "Lift 3 is noisy")])
        self.assertEqual(len(inquiry), 1)
        self.assertEqual(inquiry.committee_id, self.committee_a)
        self.assertEqual(inquiry.channel, "portal")
        self.assertEqual(inquiry.inquiry_type, "request")
        self.assertEqual(inquiry.raised_by_id, self.portal_a.partner_id)
        self.assertIn("&lt;b&gt;mostly&lt;/b&gt;", inquiry.description)
        self.assertTrue(inquiry.deadline, "the 3-working-day clock runs")
        self.assertEqual(
            inquiry.message_ids.attachment_ids.mapped("name"), ["noise.jpg"]
        )
        self.assertIn(self.portal_a.partner_id, inquiry.message_partner_ids)

        inquiry.assessment = "reasonable"
        inquiry.action_assess()
        inquiry.response = "<p>The damper of lift 3 was replaced.</p>"
        self.answer(inquiry)
        page = self.url_open(inquiry.access_url)
        self.assertIn("The damper of lift 3 was replaced.", page.text)
        pdf = self.url_open(f"{inquiry.access_url}?report_type=html")
        self.assertEqual(pdf.status_code, 200)

    def test_a_refused_upload_creates_nothing(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        with patch.object(portal_files, "PORTAL_MAX_UPLOAD", 1 << 20):
            response = self.post(
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": "Too big"},
                files={
                    "attachments": (
                        "big.pdf",
                        b"%PDF-1.4\n" + b"0" * (3 << 19),
                        "application/pdf",
                    )
                },
            )
        self.assertIn(
            "big.pdf is 1.5 MB: files up to 1 MB can be attached.", response.text
        )
        self.assertIn('value="Too big"', response.text, "the form keeps the input")
        self.assertFalse(self.env["hoa.inquiry"].search([("subject", "=", "Too big")]))

    def test_documents_and_photos_are_accepted_by_their_content(self):
        def package(*names):
            content = io.BytesIO()
            with zipfile.ZipFile(content, "w") as archive:
                for name in names:
                    archive.writestr(name, "<x/>")
            return content.getvalue()

        def testfile(name):
            with file_open(f"test_mimetypes/tests/testfiles/{name}", "rb") as f:
                return f.read()

        accepted = {
            "scan.pdf": b"%PDF-1.4\n%%EOF\n",
            "photo.JPG": b"\xff\xd8\xff\xe0" + b"\0" * 32,
            "plan.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 32,
            "IMG_0001.HEIC": b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 32,
            "minutes.doc": testfile("case.doc"),
            "minutes.docx": package("[Content_Types].xml", "word/document.xml"),
            "budget.xls": testfile("case.xls"),
            "budget.xlsx": package("[Content_Types].xml", "xl/workbook.xml"),
            "notice.ofd": package("OFD.xml", "Doc_0/Document.xml"),
        }
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        form = html.fromstring(self.url_open("/my/committee/inquiries/new").text)
        (picker,) = form.xpath("//input[@name='attachments']")
        self.assertEqual(
            picker.get("accept"),
            ".pdf,.jpg,.jpeg,.png,.heic,.doc,.docx,.xls,.xlsx,.ofd",
            "the phone offers only the files that can be sent",
        )
        response = self.url_open(
            "/my/committee/inquiries/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "inquiry_type": "request",
                "subject": "Every kind of file",
            },
            files=[("attachments", (name, data)) for name, data in accepted.items()],
        )
        self.assertIn("o_hoa_success", response.text)
        inquiry = self.env["hoa.inquiry"].search(
            [("subject", "=", "Every kind of file")]
        )
        self.assertEqual(
            sorted(inquiry.message_ids.attachment_ids.mapped("name")), sorted(accepted)
        )

    def test_programs_and_scripts_are_refused_whatever_their_name(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        for name, data in (
            ("setup.exe", b"MZ\x90\0\x03\0\0\0" + b"\0" * 64),
            ("clean.sh", b"#!/bin/sh\nrm -rf /\n"),
            ("invoice.pdf", b"MZ\x90\0\x03\0\0\0" + b"\0" * 64),
            ("photo.jpg.exe", b"\xff\xd8\xff\xe0" + b"\0" * 32),
        ):
            response = self.post(
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": f"Sending {name}"},
                files={"attachments": (name, data, "application/octet-stream")},
            )
            self.assertIn(
                f"{name} cannot be attached: attach PDF files, photos (JPG, PNG, "
                "HEIC), Word or Excel documents (DOC, DOCX, XLS, XLSX) or OFD files.",
                response.text,
            )
            self.assertFalse(
                self.env["hoa.inquiry"].search([("subject", "=", f"Sending {name}")])
            )
            self.assertFalse(
                self.env["ir.attachment"].sudo().search([("name", "=", name)]), name
            )

    def test_an_inquiry_needs_a_subject(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.post(
            "/my/committee/inquiries/new", {"inquiry_type": "query", "subject": " "}
        )
        self.assertIn("Give your inquiry a subject.", response.text)

    def test_reply_letter_email_links_to_the_portal(self):
        inquiry = self.inquiry()
        inquiry.write({"assessment": "reasonable"})
        inquiry.action_assess()
        inquiry.response = "<p>Done.</p>"
        self.answer(inquiry)
        template = self.env.ref("hoa_committee.mail_template_inquiry_reply")
        body = template._render_field("body_html", inquiry.ids)[inquiry.id]
        self.assertIn(f"{inquiry.access_url}?access_token={inquiry.access_token}", body)

    def ask_for_notice(self, title, body, location):
        """The signed-in member asks, in the portal, to post a notice from
        the day after tomorrow for ten days."""
        today = fields.Date.context_today(self.env.user)
        return self.post(
            "/my/committee/notices/new",
            {
                "title": title,
                "body": body,
                "date_from": str(today + timedelta(days=2)),
                "date_to": str(today + timedelta(days=12)),
                "location": location,
            },
        )

    def test_member_asks_for_a_notice_and_sees_the_review(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.ask_for_notice(
            "Owners' assembly on the 20th", "All owners are invited.", "Every lobby"
        )
        self.assertIn("o_hoa_success", response.text)
        notice = self.env["hoa.notice"].search(
            [("title", "=", "Owners' assembly on the 20th")]
        )
        self.assertEqual(notice.state, "submitted")
        self.assertEqual(notice.requested_by_id, self.portal_a.partner_id)

        notice.with_user(self.manager_a).reject_reason = "Give the time of the day."
        notice.with_user(self.manager_a).action_reject()
        last = notice.message_ids[0]
        self.assertIn("Give the time of the day.", last.body)
        self.assertIn(notice.access_url, last.body)
        self.assertEqual(last.partner_ids, self.portal_a.partner_id)
        page = self.url_open(notice.access_url)
        self.assertIn("Give the time of the day.", page.text)

    def test_the_review_reads_as_one_chinese_sentence(self):
        # who reviewed and when, as one sentence in the member's language,
        # not English fragments ("…于 2026年…日 .")
        ensure_chinese(self.env)
        self.portal_a.lang = "zh_CN"
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.ask_for_notice("停水通知", "周二停水。", "各单元大堂")
        notice = self.env["hoa.notice"].search([("title", "=", "停水通知")])
        notice.with_user(self.manager_a).reject_reason = "请写明停水时段。"
        notice.with_user(self.manager_a).action_reject()
        page = html.fromstring(self.url_open(notice.access_url).text)
        (review,) = page.xpath("//div[contains(@class, 'o_hoa_review')]")
        self.assertRegex(
            " ".join(review.text_content().split()),
            rf"^{re.escape(self.manager_a.name)} 于 \d{{4}}年\d{{2}}月\d{{2}}日 审核未予批准："
            r"\s?请写明停水时段。$",
        )

    def test_refused_requests_use_no_number(self):
        """A reversed or past posting period is refused on the form without
        quoting a number; the next good request gets the next number."""
        today = fields.Date.context_today(self.env.user)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")

        def ask(title, start, end):
            return self.post(
                "/my/committee/notices/new",
                {
                    "title": title,
                    "date_from": str(today + timedelta(days=start)),
                    "date_to": str(today + timedelta(days=end)),
                },
            )

        ask("First request", 2, 5)
        reversed_ = ask("Reversed request", 9, 3)
        self.assertEqual(reversed_.status_code, 200)
        self.assertIn(
            "Notice “Reversed request” must be taken down after it is put up.",
            reversed_.text,
        )
        self.assertNotRegex(reversed_.text, r"GG\d{4}-\d{4}")
        past = ask("Past request", -10, -3)
        self.assertEqual(past.status_code, 200)
        self.assertIn(
            f"The posting period you asked for ({today - timedelta(days=10)} to "
            f"{today - timedelta(days=3)}) is already over",
            past.text,
        )
        self.assertNotRegex(past.text, r"GG\d{4}-\d{4}")
        ask("Second request", 1, 4)
        Notice = self.env["hoa.notice"]
        self.assertFalse(
            Notice.search([("title", "in", ("Reversed request", "Past request"))])
        )
        first = Notice.search([("title", "=", "First request")])
        second = Notice.search([("title", "=", "Second request")])
        self.assertEqual(number(second.name), number(first.name) + 1)

    def test_back_office_refusals_use_no_number(self):
        today = fields.Date.context_today(self.env.user)
        first = self.notice(title="First notice")
        with self.assertRaises(ValidationError):
            self.env["hoa.notice"].create(
                {
                    "title": "Reversed notice",
                    "community_id": self.estate_a.id,
                    "date_from": today + timedelta(days=7),
                    "date_to": today,
                }
            )
        second = self.notice(title="Second notice")
        self.assertEqual(number(second.name), number(first.name) + 1)

        first = self.open_decision(name="First vote")
        with self.assertRaises(ValidationError):
            self.env["hoa.decision"].create(
                {
                    "name": "Reversed vote",
                    "community_id": self.estate_a.id,
                    "item": "fund_use",
                    "date_open": today + timedelta(days=7),
                    "date_close": today,
                }
            )
        second = self.open_decision(name="Second vote")
        self.assertEqual(number(second.reference), number(first.reference) + 1)

    def test_notice_dates_are_checked(self):
        # both days still to come (in the company's zone), the end first
        today = self.env.company._hoa_today()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.post(
            "/my/committee/notices/new",
            {
                "title": "Reversed",
                "date_from": str(today + timedelta(days=10)),
                "date_to": str(today + timedelta(days=1)),
            },
        )
        self.assertIn("must be taken down after it is put up", response.text)
        self.assertFalse(self.env["hoa.notice"].search([("title", "=", "Reversed")]))


@tagged("post_install", "-at_install")
class TestPortalDecisions(HoaPortalCase):
    def test_the_confirmation_reads_as_chinese_sentences(self):
        ensure_chinese(self.env)
        self.owner_a.lang = "zh_CN"
        decision = self.open_decision()
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        response = self.post(f"{decision.access_url}/ballot", {"choice": "agree"})
        page = html.fromstring(response.text)
        (terms,) = page.xpath("//p[contains(., '计为一名业主')]")
        self.assertRegex(
            " ".join(terms.text_content().split()),
            r"^您的表决票按您名下房屋的专有部分面积（[\d.,]+ ㎡）计算，并计为一名业主。"
            r"表决截止日 \d{4}年\d{2}月\d{2}日 前，您可以修改表决票。$",
        )

    def test_owner_casts_confirms_and_changes_a_ballot(self):
        decision = self.open_decision()
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = self.url_open(decision.access_url)
        self.assertIn("o_hoa_ballot_form", page.text)

        # the first step only asks to confirm
        response = self.post(f"{decision.access_url}/ballot", {"choice": "agree"})
        self.assertIn("o_hoa_confirm_vote", response.text)
        self.assertFalse(decision.ballot_ids)

        response = self.post(
            f"{decision.access_url}/ballot", {"choice": "agree", "confirm": "1"}
        )
        self.assertIn("o_hoa_success", response.text)
        ballot = decision.ballot_ids
        self.assertEqual(len(ballot), 1)
        self.assertEqual(ballot.partner_id, self.owner_a.partner_id)
        self.assertEqual((ballot.choice, ballot.channel), ("agree", "portal"))

        self.post(f"{decision.access_url}/ballot", {"choice": "oppose", "confirm": "1"})
        self.assertEqual(len(decision.ballot_ids), 1, "changed, not added")
        self.assertEqual(decision.ballot_ids.choice, "oppose")

        # the window closes: the ballot stays as it is
        decision.date_close = fields.Date.context_today(self.env.user) - timedelta(
            days=1
        )
        response = self.post(
            f"{decision.access_url}/ballot", {"choice": "agree", "confirm": "1"}
        )
        self.assertIn("is closed", response.text)
        self.assertEqual(decision.ballot_ids.choice, "oppose")

    def test_owner_sees_only_their_own_ballot_and_results_once_published(self):
        decision = self.open_decision()
        other = decision.voter_ids.filtered(lambda v: v.partner_id == self.owners[0])
        self.env["hoa.decision.ballot"].create(
            {
                "decision_id": decision.id,
                "partner_id": other.partner_id.id,
                "choice": "abstain",
                "scan": SCAN,
            }
        )
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = self.url_open(decision.access_url)
        self.assertNotIn('o_hoa_ballot"', page.text)
        self.assertNotIn("o_hoa_result", page.text)
        self.assertNotIn("Owner 0", page.text)
        decision.action_close()
        decision.action_publish()
        page = self.url_open(decision.access_url)
        self.assertIn("o_hoa_result", page.text)
        self.assertNotIn("o_hoa_ballot_form", page.text)

    def test_a_member_who_owns_nothing_reads_but_cannot_vote(self):
        decision = self.open_decision()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(decision.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_hoa_ballot_form", page.text)
        response = self.post(
            f"{decision.access_url}/ballot", {"choice": "agree", "confirm": "1"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(decision.ballot_ids)


@tagged("post_install", "-at_install")
class TestPortalAccess(HoaPortalCase):
    def records_of_b(self):
        return [
            self.held_meeting(committee=self.committee_b, name="B's meeting"),
            self.delivered_matter(committee=self.committee_b, subject="B's report"),
            self.inquiry(committee=self.committee_b, subject="B's inquiry"),
            self.notice(committee=self.committee_b, title="B's notice"),
            self.open_decision(estate=self.estate_b, name="B's decision"),
        ]

    def test_member_of_a_gets_404_on_b_by_id_and_by_action(self):
        records = self.records_of_b()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        for record in records:
            response = self.url_open(record.access_url)
            self.assertEqual(response.status_code, 404, record._name)
            self.assertNotIn("B&#39;s", response.text)
            response = self.url_open(f"{record.access_url}?access_token=guessed")
            self.assertEqual(response.status_code, 404, record._name)
        meeting, matter, _inquiry, _notice, decision = records
        for url, data in (
            (f"{meeting.access_url}/sign", {}),
            (f"{matter.access_url}/receipt", {}),
            (f"{matter.access_url}/answer", {"answer": "approved"}),
            (f"{matter.access_url}/opinion", {"opinion": "agree"}),
            (f"{decision.access_url}/ballot", {"choice": "agree", "confirm": "1"}),
        ):
            self.assertEqual(self.post(url, data).status_code, 404, url)
        self.assertFalse(meeting.attendance_ids.filtered("signed_at"))
        self.assertFalse(matter.service_ids.filtered(lambda s: s.state == "confirmed"))
        self.assertFalse(matter.opinion_ids)
        self.assertFalse(decision.ballot_ids)
        for url in (
            "/my/committee/meetings",
            "/my/committee/matters?filterby=all",
            "/my/committee/inquiries",
            "/my/committee/notices",
            "/my/decisions",
        ):
            self.assertNotIn("B&#39;s", self.url_open(url).text, url)

    def test_owner_sees_only_their_estates_decisions(self):
        decision_b = self.open_decision(estate=self.estate_b, name="B's decision")
        meeting = self.held_meeting()
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        self.assertEqual(self.url_open(decision_b.access_url).status_code, 404)
        self.assertEqual(self.url_open(meeting.access_url).status_code, 404)

    def test_tokens_open_one_record_read_only(self):
        meeting = self.held_meeting()
        token = meeting._portal_ensure_token()
        # a visitor with the emailed link reads the page
        response = self.url_open(f"{meeting.access_url}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Repaint the fences", response.text)
        self.assertNotIn("o_hoa_sign_form", response.text)
        # a wrong token is refused, no token asks to sign in
        response = self.url_open(f"{meeting.access_url}?access_token=x{token}")
        self.assertEqual(response.status_code, 403)
        response = self.url_open(meeting.access_url)
        self.assertIn("/web/login", response.url)
        # and signing needs a signed-in member
        response = self.url_open(
            f"{meeting.access_url}/sign", data={}, allow_redirects=False
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(meeting.attendance_ids.filtered("signed_at"))

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/committees")
        self.assertIn("/web/login", response.url)


@tagged("post_install", "-at_install")
class TestPortalQueryCounts(HoaPortalCase):
    """The list pages read a page of records in a constant number of
    queries: 3 records or 15 on the page cost the same."""

    def count_queries(self, url):
        self.url_open(url)  # caches warm
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def make(self, count, start):
        for i in range(start, start + count):
            self.held_meeting(name=f"Meeting {i}")
            self.delivered_matter(subject=f"Report {i}")
            self.inquiry(subject=f"Inquiry {i}")
            self.notice(title=f"Notice {i}")

    def test_list_pages_do_not_grow_with_the_records(self):
        urls = [
            "/my/committee/meetings",
            "/my/committee/matters",
            "/my/committee/inquiries",
            "/my/committee/notices",
        ]
        self.make(3, 0)
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        few = {url: self.count_queries(url) for url in urls}
        self.make(12, 3)
        many = {url: self.count_queries(url) for url in urls}
        for url in urls:
            self.assertIn(" 14", self.url_open(url).text, url)
        self.assertEqual(few, many)

    def test_decision_list_does_not_grow_with_the_records(self):
        self.open_decision(name="Decision 0")
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        few = self.count_queries("/my/decisions")
        for i in range(1, 12):
            self.open_decision(name=f"Decision {i}")
        many = self.count_queries("/my/decisions")
        self.assertIn("Decision 11", self.url_open("/my/decisions").text)
        self.assertEqual(few, many)


@tagged("post_install", "-at_install")
class TestPortalDisclosures(HoaPortalCase):
    def test_member_reads_published_statements_only(self):
        def statement():
            return self.statement(
                (
                    ("fund_opening", "Fund account", 8_420_000),
                    ("common_revenue", "Lift adverts", 36_000),
                )
            )

        draft, published = statement(), statement()
        published._publish_unreviewed("test")
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        listing = self.url_open("/my/committee/disclosures").text
        self.assertIn(published.access_url, listing)
        self.assertNotIn(draft.access_url, listing)
        page = self.url_open(published.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lift adverts", page.text)
        self.assertIn("8,420,000.00", page.text)
        self.assertIn("36,000.00", page.text)
        self.assertEqual(self.url_open(draft.access_url).status_code, 404)
        self.authenticate("hoa_t_portal_b", "hoa_t_portal_b")
        self.assertEqual(self.url_open(published.access_url).status_code, 404)
