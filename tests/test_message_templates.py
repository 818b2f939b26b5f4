import ast
import re
from pathlib import Path

from odoo.tests import tagged

from .portal_common import HoaPortalCase
from odoo.addons.mail.tests.common import MockEmail

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ADDON = Path(__file__).resolve().parent.parent


def has_chinese(text):
    return bool(CHINESE.search(str(text or "")))


@tagged("post_install", "-at_install")
class TestMessageTemplates(HoaPortalCase, MockEmail):
    """Every message the addon sends committee members and owners is a
    template an administrator edits: an email (subject, body), an SMS (the
    provider's approved template code and its parameters) and a short text
    for WeCom, in Chinese and English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # what the members and owners read is in the company's language
        cls.company_1.partner_id.lang = "zh_CN"
        cls.env.company.hoa_mediation_escalation_days = 15
        cls.today = cls.env.company._hoa_today()
        cls.member_partners = cls.committee_a.member_ids.partner_id
        cls.member_partners.filtered(lambda p: not p.email).write(
            {"email": "member@example.com"}
        )

    def addon_templates(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "hoa_committee"), ("model", "=", "mail.template")]
        )
        return self.env["mail.template"].browse(data.mapped("res_id"))

    def sample(self, template):
        record = self.env[template.model].search([], limit=1, order="id desc")
        self.assertTrue(record, f"no {template.model} to render {template.name} on")
        return record

    # ------------------------------------------------------------------
    # Every template
    # ------------------------------------------------------------------

    def test_every_template_has_an_sms_code_and_a_short_text(self):
        templates = self.addon_templates()
        self.assertGreaterEqual(len(templates), 19)
        for template in templates:
            with self.subTest(template=template.name):
                self.assertTrue(template.hoa_sms_code)
                self.assertTrue(template.hoa_sms_params)
                self.assertTrue(template.hoa_short_body)

    def test_every_template_renders_in_chinese_and_english(self):
        for template in self.addon_templates():
            record = self.sample(template)
            for lang in ("zh_CN", "en_US"):
                with self.subTest(template=template.name, lang=lang):
                    localized = template.with_context(lang=lang)
                    subject = localized._render_field("subject", record.ids)[record.id]
                    body = localized._render_field("body_html", record.ids)[record.id]
                    short = localized._hoa_render_short(record.ids, lang=lang)[
                        record.id
                    ]
                    self.assertTrue(subject)
                    self.assertTrue(body)
                    self.assertTrue(short["text"])
                    self.assertTrue(short["params"])
                    for name, _value in short["params"]:
                        self.assertRegex(name, r"^\w+$")
                    if lang == "zh_CN":
                        self.assertTrue(has_chinese(subject), subject)
                        self.assertTrue(has_chinese(body), body)
                        self.assertTrue(has_chinese(short["text"]), short["text"])
                    else:
                        self.assertNotIn("尊敬的", body)

    def test_the_preview_shows_the_sms_parameters_and_the_short_text(self):
        template = self.env.ref("hoa_committee.mail_template_meeting_notice")
        meeting = self.held_meeting()
        preview = self.env["mail.template.preview"].create(
            {
                "mail_template_id": template.id,
                "resource_ref": f"hoa.meeting,{meeting.id}",
                "lang": "zh_CN",
            }
        )
        self.assertIn("SMS_HOA_MEETING_NOTICE", preview.hoa_sms_preview)
        self.assertIn("meeting: Portal tour meeting", preview.hoa_sms_preview)
        self.assertIn("place: 物业服务中心会议室", preview.hoa_sms_preview)
        self.assertIn("会议Portal tour meeting定于", preview.hoa_short_preview)
        preview.lang = "en_US"
        self.assertIn("Meeting Portal tour meeting on", preview.hoa_short_preview)

    # ------------------------------------------------------------------
    # Each message reaches its people with its template
    # ------------------------------------------------------------------

    def sent(self, record, subject):
        messages = record.message_ids.filtered(lambda m: m.subject == subject)
        self.assertEqual(len(messages), 1, record.message_ids.mapped("subject"))
        self.assertEqual(messages.message_type, "comment")
        self.assertIn(record.get_portal_url().split("?")[0], str(messages.body))
        return messages

    def test_the_member_who_asked_for_a_notice_is_told_it_is_approved(self):
        notice = self.notice()
        asker = self.member_partners[1]
        notice.requested_by_id = asker
        notice.with_user(self.manager_a).action_approve()
        message = self.sent(notice, "公告已审核通过：Water cut on Tuesday")
        self.assertEqual(message.partner_ids, asker)
        self.assertIn("已审核通过", str(message.body))

    def test_the_member_who_asked_for_a_notice_is_told_why_it_is_rejected(self):
        notice = self.notice()
        asker = self.member_partners[1]
        notice.write({"requested_by_id": asker.id, "reject_reason": "内容不实"})
        notice.with_user(self.manager_a).action_reject()
        message = self.sent(notice, "公告未获审核通过：Water cut on Tuesday")
        self.assertEqual(message.partner_ids, asker)
        self.assertIn("内容不实", str(message.body))

    def test_a_report_sent_in_the_portal_tells_every_member(self):
        matter = self.delivered_matter()
        message = self.sent(
            matter, f"门户中的报告：Repair the roof of building 5（{matter.name}）"
        )
        self.assertEqual(message.partner_ids, self.member_partners)
        self.assertIn("另请提出您的意见", str(message.body))

    def test_the_committee_is_asked_to_evaluate_the_service_centre(self):
        evaluation = (
            self.env["hoa.evaluation"]
            .with_user(self.manager_a)
            .create({"community_id": self.estate_a.id, "period": "2026-H2"})
        )
        evaluation.with_user(self.manager_a).action_open_for_committee()
        message = self.sent(evaluation, "请评价服务中心2026-H2的工作")
        self.assertEqual(message.partner_ids, self.member_partners)

    def test_members_present_are_asked_to_sign_the_minutes(self):
        with self.mock_mail_gateway():
            meeting = self.held_meeting()
        members = meeting.attendance_ids.filtered("member_id")
        present = members.filtered("present").member_id.partner_id
        self.assertEqual(len(present), 3)
        subject = "会议纪要待您签字：Portal tour meeting"
        link = meeting.get_portal_url().split("?")[0]
        # an email to each member present, from the organiser, through the
        # mail server, in the company's language
        for partner in present:
            with self.subTest(member=partner.name):
                sent = self.assertSentEmail(
                    meeting.user_id.partner_id,
                    [partner],
                    subject=subject,
                    body_content=link,
                )
                self.assertNotIn("作废", sent["body"])
        # and none to the members absent
        absent = (members.member_id.partner_id - present).mapped("email_formatted")
        self.assertTrue(absent)
        self.assertFalse(
            [
                mail
                for mail in self._mails
                if mail["subject"] == subject and set(mail["email_to"]) & set(absent)
            ]
        )

    def test_voided_signatures_ask_the_members_to_sign_again_with_the_reason(self):
        meeting = self.held_meeting()
        line = meeting.attendance_ids.filtered("present")[:1]
        line._sign(method="web")
        meeting.with_user(self.manager_a)._void_signatures("第二项决议文字有误")
        messages = meeting.message_ids.filtered(
            lambda m: m.subject == "会议纪要待您签字：Portal tour meeting"
        )
        self.assertEqual(len(messages), 2)
        again = messages.sorted("id")[-1]
        self.assertIn("第二项决议文字有误", str(again.body))
        self.assertEqual(
            again.partner_ids,
            meeting.attendance_ids.filtered("present").member_id.partner_id,
        )

    # ------------------------------------------------------------------
    # No message body assembled in Python for the people outside
    # ------------------------------------------------------------------

    def test_no_model_posts_an_html_body_to_chosen_partners(self):
        """A ``message_post`` to ``partner_ids`` takes its body from a
        template: a body built with ``Markup`` or an HTML literal is text
        people read, written in Python. Staff alerts in plain text (the
        archive verification) are not HTML and pass."""
        offenders = []
        for path in sorted(
            [*(ADDON / "models").glob("*.py"), *(ADDON / "wizard").glob("*.py")]
        ):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = getattr(func, "attr", None) or getattr(func, "id", None)
                if name == "_post_portal_link":
                    offenders.append(f"{path.name}:{node.lineno} _post_portal_link")
                if name != "message_post":
                    continue
                kwargs = {kw.arg: kw.value for kw in node.keywords}
                if "partner_ids" not in kwargs or "body" not in kwargs:
                    continue
                body = ast.unparse(kwargs["body"])
                if "Markup" in body or re.search(r"<\w+", body):
                    offenders.append(f"{path.name}:{node.lineno} {body[:60]}")
        self.assertEqual(offenders, [])
