import base64
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from unittest.mock import patch

import openpyxl

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools import portal_files
from .common import SCAN, HoaCommitteeCase
from .languages import ensure_chinese
from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestBadInput(HoaPortalCase):
    """Every user-facing check, table-driven, sent as the web client sends
    it (JSON-RPC, one request each): the bad input is refused with its own
    error and a clear message in English and in Chinese, and the request
    that tried it leaves nothing behind — the data is read after the
    request, as the next request would read it, so a refusal that was
    swallowed, or a part written and committed before it, shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        ensure_chinese(cls.env)
        # the company's settings are written by an administrator of Odoo
        cls.admin_both.groups_id = [Command.link(cls.env.ref("base.group_system").id)]
        cls.create_owned_units(cls.estate_a, 2, "2", 95.5)
        today = fields.Date.context_today(cls.env.user)
        cls.decision = cls.env["hoa.decision"].create(
            {
                "name": "Lift fund",
                "community_id": cls.estate_a.id,
                "item": "fund_use",
                "date_open": today - timedelta(days=1),
                "date_close": today + timedelta(days=7),
            }
        )
        cls.decision.action_open()
        cls.past_meeting = cls.env["hoa.meeting"].create(
            {
                "name": "Forgotten meeting",
                "committee_id": cls.committee_a.id,
                "meeting_type": "special",
                "date_start": datetime(2026, 1, 5, 1, 30),
                "location": "会议室",
            }
        )
        cls.meeting = cls.env["hoa.meeting"].create(
            {
                "name": "Next meeting",
                "committee_id": cls.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=20),
                "location": "会议室",
            }
        )
        cls.notice = cls.env["hoa.notice"].create(
            {
                "title": "Water cut",
                "community_id": cls.estate_a.id,
                "date_from": today,
                "date_to": today + timedelta(days=3),
            }
        )
        # assessed: only the answer is missing
        cls.inquiry = cls.env["hoa.inquiry"].create(
            {
                "subject": "Noise",
                "community_id": cls.estate_a.id,
                "channel": "letter",
                "assessment": "reasonable",
            }
        )
        cls.inquiry.action_assess()
        cls.stranger = cls.env["res.partner"].create({"name": "Not an owner"})

    # ------------------------------------------------------------------
    # The cases: (name, (login, model, method, args), exception, English,
    # Chinese, state(env))
    # ------------------------------------------------------------------

    def cases(self):
        a, b = self.estate_a.id, self.estate_b.id
        admin, head = "hoa_t_admin", "hoa_t_manager_a"
        unit = self.env["hoa.unit"].search([("community_id", "=", a)], limit=1)
        company = self.env.company
        return [
            (
                "reversed committee term",
                (
                    admin,
                    "hoa.committee",
                    "create",
                    [
                        {
                            "name": "Bad term",
                            "community_id": b,
                            "election_date": "2025-03-01",
                            "term_start": "2025-03-03",
                            "term_end": "2024-03-02",
                        }
                    ],
                ),
                ValidationError,
                "must end after it starts",
                "任期届满日期必须晚于任期开始日期",
                lambda env: env["hoa.committee"].search_count([]),
            ),
            (
                "reversed voting window",
                (
                    head,
                    "hoa.decision",
                    "create",
                    [
                        {
                            "name": "Bad window",
                            "community_id": a,
                            "item": "other_major",
                            "date_open": "2026-12-10",
                            "date_close": "2026-12-01",
                        }
                    ],
                ),
                ValidationError,
                "must close after it opens",
                "表决截止日期不得早于表决开始日期",
                lambda env: env["hoa.decision"].search_count([]),
            ),
            (
                "reversed notice posting",
                (
                    head,
                    "hoa.notice",
                    "write",
                    [self.notice.ids, {"date_to": "2020-01-01"}],
                ),
                ValidationError,
                "must be taken down after it is put up",
                "撤下日期须晚于张贴日期",
                lambda env: self.notice.read(["date_to", "write_date"]),
            ),
            (
                "reversed statement period",
                (
                    head,
                    "hoa.disclosure",
                    "create",
                    [
                        {
                            "community_id": a,
                            "date_from": "2026-09-30",
                            "date_to": "2026-07-01",
                        }
                    ],
                ),
                ValidationError,
                "ends before it starts",
                "结束日期早于开始日期",
                lambda env: env["hoa.disclosure"].search_count([]),
            ),
            (
                "notice for a meeting in the past",
                (head, "hoa.meeting", "action_send_notice", [self.past_meeting.ids]),
                UserError,
                "which is past",
                "该日期已过",
                lambda env: (
                    self.past_meeting.read(["state", "notice_date"]),
                    env["mail.message"].search_count([]),
                    env["mail.mail"].search_count([]),
                    env["hoa.service"].search_count([]),
                ),
            ),
            (
                "notice dated after the meeting",
                (
                    head,
                    "hoa.meeting",
                    "write",
                    [
                        self.meeting.ids,
                        {"notice_date": str(fields.Date.today() + timedelta(days=30))},
                    ],
                ),
                ValidationError,
                "after the meeting itself",
                "晚于会议日期",
                lambda env: self.meeting.read(["notice_date", "write_date"]),
            ),
            (
                "unit without area",
                (
                    head,
                    "hoa.unit",
                    "create",
                    [{"community_id": a, "name": "9-999", "area": 0.0}],
                ),
                ValidationError,
                "must be greater than zero",
                "面积必须大于零",
                lambda env: env["hoa.unit"].search_count([]),
            ),
            (
                "unit with negative area",
                (
                    head,
                    "hoa.unit",
                    "create",
                    [{"community_id": a, "name": "9-998", "area": -12.5}],
                ),
                ValidationError,
                "must be greater than zero",
                "面积必须大于零",
                lambda env: env["hoa.unit"].search_count([]),
            ),
            (
                "duplicate unit",
                (
                    head,
                    "hoa.unit",
                    "create",
                    [{"community_id": a, "name": "2-001", "area": 80.0}],
                ),
                ValidationError,
                "already exists in estate",
                "已存在",
                lambda env: env["hoa.unit"].search_count([]),
            ),
            (
                "ballot of someone not on the roll",
                (
                    head,
                    "hoa.decision.ballot",
                    "create",
                    [
                        {
                            "decision_id": self.decision.id,
                            "partner_id": self.stranger.id,
                            "choice": "agree",
                            "scan": SCAN,
                        }
                    ],
                ),
                ValidationError,
                "is not on the voter roll",
                "表决权人名册",
                lambda env: (
                    env["hoa.decision.ballot"].search_count([]),
                    env["ir.attachment"].search_count([]),
                ),
            ),
            (
                "negative amount in a statement",
                (
                    head,
                    "hoa.disclosure",
                    "create",
                    [
                        {
                            "community_id": a,
                            "date_from": "2026-07-01",
                            "date_to": "2026-09-30",
                            "line_ids": [
                                Command.create(
                                    {
                                        "category": "fee_income",
                                        "name": "Refund",
                                        "amount": -5,
                                    }
                                )
                            ],
                        }
                    ],
                ),
                ValidationError,
                "positive numbers",
                "金额须填写正数",
                lambda env: (
                    env["hoa.disclosure"].search_count([]),
                    env["hoa.disclosure.line"].search_count([]),
                ),
            ),
            (
                "rejecting a notice without a reason",
                (head, "hoa.notice", "action_reject", [self.notice.ids]),
                UserError,
                "reason for rejecting",
                "驳回",
                lambda env: (
                    self.notice.read(["state", "write_date"]),
                    env["mail.message"].search_count([]),
                ),
            ),
            (
                "answering an inquiry with no answer",
                (head, "hoa.inquiry", "action_answer", [self.inquiry.ids]),
                UserError,
                "Write the answer",
                "答复",
                lambda env: (
                    self.inquiry.read(["state", "responded_date", "write_date"]),
                    env["mail.message"].search_count([]),
                ),
            ),
            (
                "NUL character in a meeting's title",
                (
                    head,
                    "hoa.meeting",
                    "write",
                    [self.meeting.ids, {"name": "Next\x00meeting"}],
                ),
                ValidationError,
                "contains a NUL character",
                "空字符",
                lambda env: self.meeting.read(["name", "write_date"]),
            ),
            (
                "1 MB reason",
                (
                    head,
                    "hoa.meeting",
                    "write",
                    [self.meeting.ids, {"decline_reason": "x" * 2**20}],
                ),
                ValidationError,
                "at most 20000",
                "过长",
                lambda env: self.meeting.read(["decline_reason", "write_date"]),
            ),
            (
                "notice posted until 9999",
                (
                    head,
                    "hoa.notice",
                    "write",
                    [self.notice.ids, {"date_to": "9999-12-31"}],
                ),
                ValidationError,
                "9999-12-31 is not a plausible date",
                "不是合理的日期",
                lambda env: self.notice.read(["date_to", "write_date"]),
            ),
            (
                "inquiry received in 9999",
                (
                    head,
                    "hoa.inquiry",
                    "create",
                    [
                        {
                            "subject": "Far future",
                            "community_id": a,
                            "channel": "letter",
                            "received_date": "9999-12-31",
                        }
                    ],
                ),
                ValidationError,
                "is not a plausible date",
                "不是合理的日期",
                lambda env: env["hoa.inquiry"].search_count([]),
            ),
            (
                "meeting lasting 10^12 hours",
                (
                    head,
                    "hoa.meeting",
                    "write",
                    [self.meeting.ids, {"duration": 10.0**12}],
                ),
                ValidationError,
                "is out of range; enter a number from 0 to 24",
                "超出范围",
                lambda env: self.meeting.read(["duration", "write_date"]),
            ),
            (
                "unit of 10^20 m²",
                (
                    head,
                    "hoa.unit",
                    "create",
                    [{"community_id": a, "name": "9-997", "area": 1e20}],
                ),
                ValidationError,
                "is out of range",
                "超出范围",
                lambda env: env["hoa.unit"].search_count([]),
            ),
            (
                "unit of 200,000 m²",
                (head, "hoa.unit", "write", [unit.ids, {"area": 200_000}]),
                ValidationError,
                "at most 100,000 m²",
                "不得超过 100,000 ㎡",
                lambda env: unit.read(["area", "write_date"]),
            ),
            (
                "statement line of 1e300 yuan",
                (
                    head,
                    "hoa.disclosure",
                    "create",
                    [
                        {
                            "community_id": a,
                            "date_from": "2026-07-01",
                            "date_to": "2026-09-30",
                            "line_ids": [
                                Command.create(
                                    {
                                        "category": "fee_income",
                                        "name": "Fees",
                                        "amount": 1e300,
                                    }
                                )
                            ],
                        }
                    ],
                ),
                ValidationError,
                "is out of range",
                "超出范围",
                lambda env: env["hoa.disclosure"].search_count([]),
            ),
            (
                "an answer period of 10^9 days",
                (
                    admin,
                    "res.company",
                    "write",
                    [company.ids, {"hoa_inquiry_answer_days": 10**9}],
                ),
                ValidationError,
                "at most 730 days",
                "最长为 730 天",
                lambda env: company.read(["hoa_inquiry_answer_days", "write_date"]),
            ),
            (
                "a committee of a million members",
                (
                    admin,
                    "res.company",
                    "write",
                    [company.ids, {"hoa_committee_max_members": 10**6}],
                ),
                ValidationError,
                "at most 99 members",
                "最多为 99 人",
                lambda env: company.read(["hoa_committee_max_members", "write_date"]),
            ),
            (
                "official holidays of year 99999",
                (
                    admin,
                    "hoa.workday.import.wizard",
                    "create",
                    [
                        {
                            "calendar_id": self.env.ref(
                                "hoa_committee.workday_calendar_cn"
                            ).id,
                            "year": 99999,
                        }
                    ],
                ),
                ValidationError,
                "is out of range; enter a number from 2000 to 2100",
                "超出范围",
                lambda env: env["hoa.workday.import.wizard"].search_count([]),
            ),
        ]

    def test_every_check_in_both_languages_without_a_trace(self):
        self.env.flush_all()
        for name, call, error_type, english, chinese, state in self.cases():
            login, model, method, args = call
            self.authenticate(login, login)
            for lang, text in (("en_US", english), ("zh_CN", chinese)):
                with self.subTest(case=name, lang=lang):
                    before = state(self.env)
                    answer = self.call_kw(
                        model, method, args, {"context": {"lang": lang}}
                    )
                    self.assertNotIn("result", answer, "refused")
                    error = answer["error"]["data"]
                    self.assertEqual(
                        error["name"], f"odoo.exceptions.{error_type.__name__}"
                    )
                    self.assertIn(text, error["message"])
                    self.assertNotIn("Traceback", error["message"])
                    # what the next request reads
                    self.env.invalidate_all()
                    self.assertEqual(state(self.env), before, "nothing of it is left")


@tagged("post_install", "-at_install")
class TestBadPortalInput(HoaCommitteeCase):
    """The checks of what the portal's forms send, in English and in
    Chinese (that nothing is left of a refused form is checked over HTTP by
    ``TestBadInputOverHttp``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        ensure_chinese(cls.env)

    def posting(self):
        today = fields.Date.today()
        return {"date_from": today, "date_to": today + timedelta(days=3)}

    def submit(self, env, model, values, files=()):
        """What the portal's form sends, as the committee member."""
        return env[model].with_user(self.portal_a)._portal_submit(values, files)

    def submit_big_file(self, env):
        with patch.object(portal_files, "PORTAL_MAX_UPLOAD", 16):
            return self.submit(
                env,
                "hoa.inquiry",
                {"subject": "Big file", "channel": "portal"},
                [("scan.pdf", b"x" * 17)],
            )

    def test_every_portal_check_in_both_languages(self):
        cases = [
            (
                lambda env: self.submit_big_file(env),
                UserError,
                "files up to",
                "单个附件不得超过",
            ),
            (
                lambda env: self.submit(env, "hoa.inquiry", {"subject": "Noise\x00"}),
                ValidationError,
                "contains a NUL character",
                "空字符",
            ),
            (
                lambda env: self.submit(
                    env,
                    "hoa.notice",
                    {"title": "Lift", "location": "Hall\x00", **self.posting()},
                ),
                ValidationError,
                "contains a NUL character",
                "空字符",
            ),
            (
                lambda env: self.submit(env, "hoa.inquiry", {"subject": "x" * 2**20}),
                ValidationError,
                "is too long: 1048576 characters, at most 500",
                "过长",
            ),
            (
                lambda env: self.submit(
                    env,
                    "hoa.notice",
                    {
                        "title": "Year 1",
                        "date_from": date(1, 1, 1),
                        "date_to": date(2026, 12, 31),
                    },
                ),
                ValidationError,
                "0001-01-01 is not a plausible date",
                "不是合理的日期",
            ),
            (
                lambda env: self.submit(
                    env, "hoa.inquiry", {"subject": "Empty"}, [("scan.pdf", b"")]
                ),
                UserError,
                "scan.pdf is empty (0 bytes)",
                "scan.pdf 为空文件",
            ),
        ]
        for action, error_type, english, chinese in cases:
            for lang, text in (("en_US", english), ("zh_CN", chinese)):
                with self.subTest(text=english, lang=lang):
                    env = self.env(context=dict(self.env.context, lang=lang))
                    with (
                        self.assertRaises(error_type) as caught,
                        self.env.cr.savepoint(),
                    ):
                        action(env)
                        env.flush_all()
                    self.assertIn(text, str(caught.exception.args[0]))
                    self.assertNotIn("Traceback", str(caught.exception))


@tagged("post_install", "-at_install")
class TestBadStatementImport(HoaCommitteeCase):
    """Spreadsheets of a statement made to fool the import: every row is
    read, amounts are exact or refused, and a refused file imports
    nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statement = cls.env["hoa.disclosure"].create(
            {
                "community_id": cls.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
            }
        )

    def run_import(self, name, content):
        return (
            self.env["hoa.disclosure.import.wizard"]
            .create(
                {
                    "disclosure_id": self.statement.id,
                    "data_file": base64.b64encode(content),
                    "file_name": name,
                }
            )
            .action_import()
        )

    def assert_refused(self, name, content, message):
        with self.assertRaises(UserError) as caught:
            self.run_import(name, content)
        self.assertIn(message, str(caught.exception))
        self.assertFalse(self.statement.line_ids, "nothing was imported")

    def csv_rows(self, *amounts):
        lines = ["category,item,amount"]
        lines += [f"fee_income,Fees {i},{amount}" for i, amount in enumerate(amounts)]
        return ("\n".join(lines) + "\n").encode()

    def test_every_row_is_read_whatever_the_stated_dimension(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["category", "item", "amount"])
        for i in range(5):
            sheet.append(["fee_income", f"Fees {i}", 100 + i])
        buffer = io.BytesIO()
        workbook.save(buffer)
        # the file says its sheet is A1:C2: a header and one row
        patched = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
            zipfile.ZipFile(patched, "w") as target,
        ):
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data, count = re.subn(
                        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', data
                    )
                    self.assertEqual(count, 1)
                target.writestr(item, data)
        self.run_import("q3.xlsx", patched.getvalue())
        self.assertEqual(
            self.statement.line_ids.mapped("amount"), [100, 101, 102, 103, 104]
        )

    def test_at_most_5000_rows(self):
        self.assert_refused(
            "big.csv",
            self.csv_rows(*[1] * 5001),
            "The spreadsheet has more than 5000 lines",
        )
        self.run_import("full.csv", self.csv_rows(*[1] * 5000))
        self.assertEqual(len(self.statement.line_ids), 5000)

    def test_amounts_that_cannot_be_held_exactly_are_refused(self):
        for amount in ("12345678901234567", "123456789012345.67", "1e300", "1e400"):
            with self.subTest(amount=amount):
                self.assert_refused(
                    "q3.csv",
                    self.csv_rows("10.01", amount),
                    f"Row 3: “{amount}” is too large: amounts are below "
                    "1,000,000,000,000",
                )
        # the largest amount keeps its cents
        self.run_import("q3.csv", self.csv_rows("999999999999.99", "0.07"))
        self.assertEqual(
            self.statement.line_ids.mapped("amount"), [999_999_999_999.99, 0.07]
        )

    def test_import_without_chinese_installed(self):
        # a database with English only
        self.env["res.lang"]._activate_lang("en_US")
        self.env.cr.execute("UPDATE res_lang SET active = false WHERE code = 'zh_CN'")
        self.env.registry.clear_cache()
        self.env.invalidate_all()
        self.env = self.env(context=dict(self.env.context, lang="en_US"))
        self.assertNotIn("zh_CN", dict(self.env["res.lang"].get_installed()))
        self.run_import("q3.csv", self.csv_rows("10.01", "5"))
        self.assertEqual(self.statement.line_ids.mapped("amount"), [10.01, 5])


@tagged("post_install", "-at_install")
class TestBadInputOverHttp(HoaPortalCase):
    """The same bad input through the portal's forms and JSON-RPC, as the
    pen test sent it: a message on the form or a clean error answer, never
    a server error, and nothing written."""

    def test_portal_forms_refuse_bad_input_on_the_form(self):
        today = fields.Date.today()
        posting = {
            "date_from": str(today),
            "date_to": str(today + timedelta(days=3)),
        }
        pdf = ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        cases = [
            (
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": "Noise\x00 at night"},
                None,
                "contains a NUL character",
            ),
            (
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": "x" * 2**20},
                None,
                "is too long: 1048576 characters",
            ),
            (
                "/my/committee/notices/new",
                {"title": "Water\x00 cut", **posting},
                None,
                "contains a NUL character",
            ),
            (
                "/my/committee/notices/new",
                {"title": "Water cut", "location": "Hall\x00 3", **posting},
                None,
                "contains a NUL character",
            ),
            (
                "/my/committee/notices/new",
                {
                    "title": "Water cut",
                    "date_from": "0001-01-01",
                    "date_to": "2026-12-31",
                },
                None,
                "0001-01-01 is not a plausible date",
            ),
            (
                "/my/committee/notices/new",
                {
                    "title": "Water cut",
                    "date_from": str(today),
                    "date_to": "9999-12-31",
                },
                None,
                "9999-12-31 is not a plausible date",
            ),
            (
                "/my/committee/notices/new",
                {"title": "Water cut", **posting},
                (
                    "setup.exe",
                    b"MZ\x90\x00\x03" + b"\x00" * 64,
                    "application/x-msdos-program",
                ),
                "setup.exe cannot be attached",
            ),
            (
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": "Empty scan"},
                ("empty.pdf", b"", "application/pdf"),
                "empty.pdf is empty (0 bytes)",
            ),
            (
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": "Two scans"},
                [pdf, ("empty.pdf", b"", "application/pdf")],
                "empty.pdf is empty (0 bytes)",
            ),
        ]
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        self.env.flush_all()
        before = (
            self.env["hoa.inquiry"].search_count([]),
            self.env["hoa.notice"].search_count([]),
            self.env["ir.attachment"].sudo().search_count([]),
        )
        for url, data, files, message in cases:
            with self.subTest(url=url, data=str(data)[:80], files=str(files)[:40]):
                if isinstance(files, list):
                    files = [("attachments", file) for file in files]
                elif files:
                    files = {"attachments": files}
                response = self.post(url, data, files=files)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_hoa_error", response.text)
                self.assertIn(message, response.text)
                self.env.invalidate_all()
                after = (
                    self.env["hoa.inquiry"].search_count([]),
                    self.env["hoa.notice"].search_count([]),
                    self.env["ir.attachment"].sudo().search_count([]),
                )
                self.assertEqual(after, before, "nothing was written")
        # a file over the limit (the limit lowered to 16 bytes)
        with patch.object(portal_files, "PORTAL_MAX_UPLOAD", 16):
            response = self.post(
                "/my/committee/inquiries/new",
                {"inquiry_type": "query", "subject": "Big file"},
                files={"attachments": ("scan.pdf", b"x" * 17, "application/pdf")},
            )
        self.assertIn("o_hoa_error", response.text)
        self.assertIn("files up to", response.text)
        self.env.invalidate_all()
        self.assertEqual(
            (
                self.env["hoa.inquiry"].search_count([]),
                self.env["hoa.notice"].search_count([]),
                self.env["ir.attachment"].sudo().search_count([]),
            ),
            before,
            "nothing was written",
        )

    def test_every_model_people_write_checks_its_input(self):
        """A new model, or a new wizard, cannot forget the input checks."""
        writable = {
            access.model_id.model
            for access in self.env["ir.model.access"].search(
                ["|", ("perm_write", "=", True), ("perm_create", "=", True)]
            )
        }
        unchecked = sorted(
            name
            for name in writable
            if name.startswith("hoa.")
            and not issubclass(
                self.env.registry[name], self.env.registry["hoa.input.mixin"]
            )
        )
        self.assertFalse(unchecked, "models whose input nobody checks")

    def test_json_rpc_refuses_bad_input_cleanly(self):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "Next meeting",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "date_start": fields.Datetime.now() + timedelta(days=20),
                "location": "Hall",
            }
        )
        unit = self.env["hoa.unit"].search([("community_id", "=", self.estate_a.id)])[0]
        a = self.estate_a.id
        cases = [
            (
                "hoa.inquiry",
                "create",
                [{"subject": "Noise\x00", "community_id": a, "channel": "letter"}],
                "contains a NUL character",
            ),
            (
                "hoa.inquiry",
                "create",
                [{"subject": "x" * 2**20, "community_id": a, "channel": "letter"}],
                "is too long",
            ),
            (
                "hoa.inquiry",
                "create",
                [
                    {
                        "subject": "Far future",
                        "community_id": a,
                        "channel": "letter",
                        "received_date": "9999-12-31",
                    }
                ],
                "9999-12-31 is not a plausible date",
            ),
            (
                # the reference was drawn from the date before it was checked
                "hoa.inquiry",
                "create",
                [
                    {
                        "subject": "Far past",
                        "community_id": a,
                        "channel": "letter",
                        "received_date": "0001-01-01",
                    }
                ],
                "is not a plausible date",
            ),
            (
                "hoa.meeting",
                "write",
                [meeting.ids, {"duration": 10**12}],
                "is out of range; enter a number from 0 to 24",
            ),
            (
                "hoa.meeting",
                "write",
                [meeting.ids, {"location": "Hall\x00"}],
                "contains a NUL character",
            ),
            (
                "hoa.unit",
                "write",
                [unit.ids, {"area": 1e20}],
                "is out of range",
            ),
            (
                "hoa.unit",
                "create",
                [{"community_id": a, "name": "9-996", "area": 10**20}],
                "is out of range",
            ),
        ]
        self.authenticate("hoa_t_manager_a", "hoa_t_manager_a")
        self.env.flush_all()

        def state():
            self.env.invalidate_all()
            return (
                self.env["hoa.inquiry"].search_count([]),
                meeting.read(["duration", "location"]),
                self.env["hoa.unit"].search_read([("community_id", "=", a)], ["area"]),
            )

        before = state()
        for model, method, args, message in cases:
            with self.subTest(model=model, method=method, args=str(args)[:80]):
                error = self.call_kw(model, method, args).get("error")
                self.assertTrue(error, "refused")
                self.assertEqual(
                    error["data"]["name"], "odoo.exceptions.ValidationError"
                )
                self.assertIn(message, error["data"]["message"])
                self.assertEqual(state(), before, "nothing was written")
