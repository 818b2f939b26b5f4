from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models import hoa_committee_record_mixin
from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestBadInput(HoaCommitteeCase):
    """Every user-facing check, table-driven: the bad input is refused with
    a clear message in English and in Chinese, and the request that tried it
    leaves nothing behind (each case runs in a savepoint, as each request
    runs in its transaction, and the data is compared before and after)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("zh_CN")
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
        cls.inquiry = cls.env["hoa.inquiry"].create(
            {"subject": "Noise", "community_id": cls.estate_a.id, "channel": "letter"}
        )
        cls.stranger = cls.env["res.partner"].create({"name": "Not an owner"})

    # ------------------------------------------------------------------
    # The cases: (name, action(env), exception, English, Chinese, state(env))
    # ------------------------------------------------------------------

    def cases(self):
        a, b = self.estate_a.id, self.estate_b.id
        return [
            (
                "reversed committee term",
                lambda env: env["hoa.committee"].create(
                    {
                        "name": "Bad term",
                        "community_id": b,
                        "election_date": date(2025, 3, 1),
                        "term_start": date(2025, 3, 3),
                        "term_end": date(2024, 3, 2),
                    }
                ),
                ValidationError,
                "must end after it starts",
                "任期届满日期必须晚于任期开始日期",
                lambda env: env["hoa.committee"].search_count(
                    [("name", "=", "Bad term")]
                ),
            ),
            (
                "reversed voting window",
                lambda env: env["hoa.decision"].create(
                    {
                        "name": "Bad window",
                        "community_id": a,
                        "item": "other_major",
                        "date_open": date(2026, 12, 10),
                        "date_close": date(2026, 12, 1),
                    }
                ),
                ValidationError,
                "must close after it opens",
                "表决截止日期不得早于表决开始日期",
                lambda env: env["hoa.decision"].search_count(
                    [("name", "=", "Bad window")]
                ),
            ),
            (
                "reversed notice posting",
                lambda env: (
                    env["hoa.notice"]
                    .browse(self.notice.id)
                    .write({"date_to": date(2020, 1, 1)})
                ),
                ValidationError,
                "must be taken down after it is put up",
                "撤下日期须晚于张贴日期",
                lambda env: env["hoa.notice"].browse(self.notice.id).read(["date_to"]),
            ),
            (
                "reversed statement period",
                lambda env: env["hoa.disclosure"].create(
                    {
                        "community_id": a,
                        "date_from": date(2026, 9, 30),
                        "date_to": date(2026, 7, 1),
                    }
                ),
                ValidationError,
                "ends before it starts",
                "结束日期早于开始日期",
                lambda env: env["hoa.disclosure"].search_count([]),
            ),
            (
                "notice for a meeting in the past",
                lambda env: (
                    env["hoa.meeting"].browse(self.past_meeting.id).action_send_notice()
                ),
                UserError,
                "which is past",
                "该日期已过",
                lambda env: (
                    env["hoa.meeting"]
                    .browse(self.past_meeting.id)
                    .read(["state", "notice_date"]),
                    env["mail.message"].search_count(
                        [
                            ("model", "=", "hoa.meeting"),
                            ("res_id", "=", self.past_meeting.id),
                        ]
                    ),
                ),
            ),
            (
                "notice dated after the meeting",
                lambda env: (
                    env["hoa.meeting"]
                    .browse(self.meeting.id)
                    .write({"notice_date": fields.Date.today() + timedelta(days=30)})
                ),
                ValidationError,
                "after the meeting itself",
                "晚于会议日期",
                lambda env: (
                    env["hoa.meeting"].browse(self.meeting.id).read(["notice_date"])
                ),
            ),
            (
                "unit without area",
                lambda env: env["hoa.unit"].create(
                    {"community_id": a, "name": "9-999", "area": 0.0}
                ),
                ValidationError,
                "must be greater than zero",
                "面积必须大于零",
                lambda env: env["hoa.unit"].search_count([("name", "=", "9-999")]),
            ),
            (
                "unit with negative area",
                lambda env: env["hoa.unit"].create(
                    {"community_id": a, "name": "9-998", "area": -12.5}
                ),
                ValidationError,
                "must be greater than zero",
                "面积必须大于零",
                lambda env: env["hoa.unit"].search_count([("name", "=", "9-998")]),
            ),
            (
                "duplicate unit",
                lambda env: env["hoa.unit"].create(
                    {"community_id": a, "name": "2-001", "area": 80.0}
                ),
                ValidationError,
                "already exists in estate",
                "已存在",
                lambda env: env["hoa.unit"].search_count(
                    [("community_id", "=", a), ("name", "=", "2-001")]
                ),
            ),
            (
                "ballot of someone not on the roll",
                lambda env: env["hoa.decision.ballot"].create(
                    {
                        "decision_id": self.decision.id,
                        "partner_id": self.stranger.id,
                        "choice": "agree",
                    }
                ),
                ValidationError,
                "is not on the voter roll",
                "表决权人名册",
                lambda env: env["hoa.decision.ballot"].search_count(
                    [("decision_id", "=", self.decision.id)]
                ),
            ),
            (
                "oversized upload",
                lambda env: self.submit_big_file(env),
                UserError,
                "files up to",
                "单个附件不得超过",
                lambda env: env["hoa.inquiry"].search_count(
                    [("subject", "=", "Big file")]
                ),
            ),
            (
                "negative amount in a statement",
                lambda env: env["hoa.disclosure"].create(
                    {
                        "community_id": a,
                        "date_from": date(2026, 7, 1),
                        "date_to": date(2026, 9, 30),
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
                ),
                ValidationError,
                "positive numbers",
                "金额须填写正数",
                lambda env: env["hoa.disclosure"].search_count([]),
            ),
            (
                "rejecting a notice without a reason",
                lambda env: (
                    env["hoa.notice"]
                    .with_user(self.manager_a)
                    .browse(self.notice.id)
                    .action_reject()
                ),
                UserError,
                "reason for rejecting",
                "驳回",
                lambda env: env["hoa.notice"].browse(self.notice.id).read(["state"]),
            ),
            (
                "answering an inquiry with no answer",
                lambda env: self.answer_empty(env),
                UserError,
                "Write the answer",
                "答复",
                lambda env: env["hoa.inquiry"].browse(self.inquiry.id).read(["state"]),
            ),
        ]

    def submit_big_file(self, env):
        with patch.object(hoa_committee_record_mixin, "PORTAL_MAX_UPLOAD", 16):
            return (
                env["hoa.inquiry"]
                .with_user(self.portal_a)
                ._portal_submit(
                    {"subject": "Big file", "channel": "portal"},
                    [("scan.pdf", b"x" * 17)],
                )
            )

    def answer_empty(self, env):
        inquiry = env["hoa.inquiry"].browse(self.inquiry.id)
        inquiry.assessment = "reasonable"
        inquiry.action_assess()
        inquiry.action_answer()

    def test_every_check_in_both_languages_without_a_trace(self):
        for name, action, error_type, english, chinese, state in self.cases():
            for lang, text in (("en_US", english), ("zh_CN", chinese)):
                with self.subTest(case=name, lang=lang):
                    env = self.env(context=dict(self.env.context, lang=lang))
                    before = state(env)
                    with (
                        self.assertRaises(error_type) as caught,
                        self.env.cr.savepoint(),
                    ):
                        action(env)
                        env.flush_all()
                    self.assertIn(text, str(caught.exception.args[0]))
                    self.assertNotIn("Traceback", str(caught.exception))
                    self.env.invalidate_all()
                    self.assertEqual(state(env), before, "nothing of it is left")
