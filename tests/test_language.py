import re
import unittest

from lxml import etree, html

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import HoaTransactionCase

# An English word: three ASCII letters or more (references such as ZX2026-0003
# or 2026-Q3 have fewer).
ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}")
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")
# Half-width punctuation next to Chinese text: "小区 (", "委员会 :", ") 。"
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
HALF_WIDTH_BESIDE_CHINESE = re.compile(rf"{CJK}\s*[:;,()]|[:;,()]\s*{CJK}")


def text_of(markup):
    """The words a person reads in ``markup``: no tags, no links."""
    if not markup or not str(markup).strip():
        return ""
    text = html.fromstring(f"<div>{markup}</div>").text_content()
    return re.sub(r"\s+", " ", re.sub(r"https?://\S+|/my/\S+|/odoo/\S+", "", text))


class ChineseDemoCase(HoaTransactionCase):
    """The demo (installed with Chinese, as scripts/test and scripts/demo do)
    is a Chinese company: what it wrote for people is in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("hoa_committee.hoa_inquiry_demo_lift", False):
            raise unittest.SkipTest("installed without demo data")
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.estates = cls.env.ref("hoa_committee.hoa_community_demo_lmh") | cls.env.ref(
            "hoa_committee.hoa_community_demo_kr"
        )
        # people's names are names, in whatever script
        names = cls.env["res.partner"].with_context(active_test=False).search([])
        cls.names = sorted(
            {n for n in names.mapped("name") if n and ENGLISH_WORD.search(n)},
            key=len,
            reverse=True,
        )

    def english_words(self, text):
        for name in self.names:
            text = text.replace(name, "")
        # a seal's SHA-256 in hexadecimal is not English
        text = SHA256.sub("", text)
        return ENGLISH_WORD.findall(text)


@tagged("post_install", "-at_install")
class TestDemoInChinese(ChineseDemoCase):
    def test_activity_summaries_are_in_the_assignees_language(self):
        models = [m for m in self.env.registry if m.startswith("hoa.")]
        activities = self.env["mail.activity"].search([("res_model", "in", models)])
        self.assertTrue(activities)
        english = {
            (a.summary, text_of(a.note))
            for a in activities
            if a.user_id.lang == "zh_CN"
            and self.english_words(f"{a.summary or ''} {text_of(a.note)}")
        }
        self.assertFalse(english, "activity summaries in English")

    def test_chatter_of_demo_records_is_in_chinese(self):
        # the demo estates' records (not what a test committed elsewhere)
        estates = self.estates
        domain = ["&", ("model", "=", "hoa.community"), ("res_id", "in", estates.ids)]
        for name in self.env.registry:
            model = self.env[name].with_context(active_test=False)
            if not name.startswith("hoa.") or "message_ids" not in model._fields:
                continue
            for path in ("community_id", "committee_id.community_id"):
                field = path.split(".")[0]
                if field in model._fields and model._fields[field].store:
                    records = model.search([(path, "in", estates.ids)])
                    domain = [
                        "|",
                        *domain,
                        "&",
                        ("model", "=", name),
                        ("res_id", "in", records.ids),
                    ]
                    break
        # (the copies of the emails sent carry the mail layout's footer: the
        # company's address and the Odoo brand; their text is the template's,
        # checked in Chinese by the meeting notice tests)
        messages = self.env["mail.message"].search(
            [("message_type", "!=", "email_outgoing"), *domain]
        )
        self.assertGreater(len(messages), 50)
        english = {}
        for message in messages:
            tracked = " ".join(
                f"{v.old_value_char or ''} {v.new_value_char or ''}"
                for v in message.sudo().tracking_value_ids
            )
            text = f"{message.subject or ''} {text_of(message.body)} {tracked}"
            if self.english_words(text):
                english[message.model, message.res_id] = text.strip()[:120]
        self.assertFalse(english, "chatter in English")

    def test_seal_names_are_in_chinese(self):
        seals = (
            self.env["hoa.archive.seal"]
            .sudo()
            .search([("community_id", "in", self.estates.ids)])
        )
        self.assertTrue(seals)
        self.assertFalse(
            [s.name for s in seals if self.english_words(s.name)],
            "seal names in English",
        )
        corrected = seals.filtered(lambda s: s.res_model == "hoa.disclosure")
        self.assertIn("（第 2 版）", " ".join(corrected.mapped("name")))


@tagged("post_install", "-at_install")
class TestPortalInChinese(HttpCase, ChineseDemoCase):
    def test_list_of_statements_labels_the_version_in_chinese(self):
        chair = self.env.ref("hoa_committee.user_demo_portal_chair")
        self.assertEqual(chair.lang, "zh_CN")
        self.authenticate("hoa_chair", "hoa_chair")
        response = self.url_open("/my/committee/disclosures")
        self.assertEqual(response.status_code, 200)
        table = html.fromstring(response.text).xpath("//table")[0]
        text = text_of(etree.tostring(table, encoding="unicode"))
        self.assertIn("版本 2", text)
        self.assertNotIn("(v", text)
        self.assertFalse(self.english_words(text), text)


@tagged("post_install", "-at_install")
class TestChineseLetters(ChineseDemoCase):
    """Printed letters in Chinese: full-width punctuation, and a foot with
    the sender, room for the seal (盖章) and the date."""

    def render(self, report, records):
        html_bytes, __ = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html(report, records.ids)
        )
        return html_bytes.decode()

    def assert_chinese_letter(self, report, record, signatory):
        markup = self.render(report, record)
        # the letter itself; the company's letterhead is Odoo's layout
        tree = html.fromstring(markup).xpath("//div[hasclass('page')]")[0]
        text = text_of(etree.tostring(tree, encoding="unicode"))
        spots = [
            text[max(m.start() - 12, 0) : m.end() + 12]
            for m in HALF_WIDTH_BESIDE_CHINESE.finditer(text)
        ]
        self.assertFalse(spots, f"{report}: half-width punctuation in Chinese")
        blocks = tree.xpath("//div[contains(@class, 'o_hoa_signature')]")
        self.assertTrue(blocks, f"{report}: no signature block")
        block = text_of(etree.tostring(blocks[0], encoding="unicode"))
        self.assertIn(signatory, block)
        self.assertIn("（盖章）", block)
        self.assertRegex(block, r"\d{4}年\d{1,2}月\d{1,2}日")
        return text

    def test_reply_letter(self):
        inquiry = self.env.ref("hoa_committee.hoa_inquiry_demo_lift")
        text = self.assert_chinese_letter(
            "hoa_committee.action_report_inquiry_reply",
            inquiry,
            inquiry.company_id.name,
        )
        self.assertIn(f"{inquiry.committee_id.name}：", text.replace(" ", ""))

    def test_liaison_letter_and_its_receipt(self):
        matter = self.env.ref("hoa_committee.hoa_matter_demo_facade")
        text = self.assert_chinese_letter(
            "hoa_committee.action_report_matter_letter",
            matter,
            matter.company_id.name,
        )
        # the receipt has the committee's seal too
        self.assertEqual(text.count("（盖章）"), 2)

    def test_meeting_notice_and_resolutions(self):
        meeting = self.env.ref("hoa_committee.hoa_meeting_demo_last_routine")
        self.assert_chinese_letter(
            "hoa_committee.action_report_meeting_notice",
            meeting,
            meeting.company_id.name,
        )
        self.assert_chinese_letter(
            "hoa_committee.action_report_meeting_resolutions",
            meeting,
            meeting.committee_id.name,
        )

    def test_result_announcement(self):
        decision = self.env.ref("hoa_committee.hoa_decision_demo_facade")
        self.assert_chinese_letter(
            "hoa_committee.action_report_decision_result",
            decision,
            decision.community_id.committee_id.name,
        )

    def test_statement_and_work_report(self):
        disclosure = self.env["hoa.disclosure"].search([("version", ">", 1)], limit=1)
        self.assert_chinese_letter(
            "hoa_committee.action_report_disclosure",
            disclosure,
            disclosure.company_id.name,
        )
        report = self.env["hoa.work.report"].search([], limit=1)
        self.assert_chinese_letter(
            "hoa_committee.action_report_work_report",
            report,
            report.company_id.name,
        )


@tagged("post_install", "-at_install")
class TestReplyLetterMail(ChineseDemoCase):
    def test_greeting_addresses_the_committee(self):
        """The reply letter answers the committee (各位委员), whoever it is
        served to, from a dialog named for what it does."""
        # the demo's request, received today (the demo one may have been
        # escalated overnight)
        demo = self.env.ref("hoa_committee.hoa_inquiry_demo_lights")
        inquiry = self.env["hoa.inquiry"].create(
            {
                "community_id": demo.community_id.id,
                "subject": demo.subject,
                "inquiry_type": demo.inquiry_type,
                "channel": demo.channel,
                "raised_by_id": demo.raised_by_id.id,
                "received_date": self.env.company._hoa_today(),
                "description": demo.description,
            }
        )
        inquiry.assessment = "reasonable"
        inquiry.action_assess()
        inquiry.response = "<p>已更换B2层灯管。</p>"
        action = inquiry.with_context(lang="zh_CN").action_answer()
        self.assertEqual(action["name"], "答复并发出答复函")
        template = self.env.ref("hoa_committee.mail_template_inquiry_reply")
        body = template.with_context(lang="zh_CN")._render_field(
            "body_html", inquiry.ids, compute_lang=False
        )[inquiry.id]
        self.assertIn("各位委员", body)
        self.assertIn(inquiry.committee_id.name, body)


class TestDeleteIsNotOffered(HoaTransactionCase):
    def test_no_delete_in_the_views_of_models_never_deleted(self):
        """A model whose unlink is refused whatever the record (its ondelete
        check raises even with nothing to check) does not offer Delete."""
        never_deleted = []
        for name, model_class in self.env.registry.items():
            if not name.startswith("hoa.") or model_class._abstract:
                continue
            model = self.env[name]
            for check in model._ondelete_methods:
                try:
                    check(model.browse())
                except UserError:
                    never_deleted.append(name)
                    break
        self.assertIn("hoa.inquiry", never_deleted)
        offered = []
        for name in never_deleted:
            views = self.env["ir.ui.view"].search(
                [
                    ("model", "=", name),
                    ("type", "in", ("form", "list", "kanban")),
                    ("mode", "=", "primary"),
                ]
            )
            for view in views:
                arch = etree.fromstring(self.env[name].get_view(view.id)["arch"])
                if arch.get("delete") not in ("0", "false", "False"):
                    offered.append(view.xml_id or view.name)
        self.assertFalse(offered, "views offering Delete where it is refused")
