import base64
import json
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HoaCommitteeCase, serve_notice_in_time
from .portal_common import HoaPortalCase

#: AccessError is a UserError: refused by rights or by the archive
REFUSED = UserError
KEPT = "never deleted"
#: a file of sealed or signed records is frozen with them; of others, kept
FILE_REFUSED = "never deleted|sealed in the archive|signed by everyone|is frozen"


@tagged("post_install", "-at_install")
class TestArchiveFrozen(HoaCommitteeCase):
    """What is exchanged with the committee is never deleted, and once
    sealed or signed never changed: not by a head, a member of staff or the
    leadership, through their rights or through sudo code; neither the
    record, nor its lines, nor its files, nor its chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.users = {
            "head": cls.manager_a,
            "staff": cls.staff_a,
            "leadership": cls.leader_1,
        }
        # signed minutes, with an action item taken before signing
        meeting = env["hoa.meeting"].create(
            {
                "name": "Facade meeting",
                "committee_id": cls.committee_a.id,
                "meeting_type": "special",
                "requires_resolution": True,
                "date_start": datetime(2026, 3, 20, 1, 30),
                "location": "会议室",
                "notice_date": date(2026, 3, 10),
            }
        )
        serve_notice_in_time(meeting)
        meeting.action_propose()
        for line in meeting.attendance_ids.filtered("member_id")[:3]:
            line.present = True
        meeting.attendance_ids.filtered("user_id").write({"present": True})
        meeting.action_hold()
        env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "Repaint the fences"}
        )
        env["hoa.meeting.action"].create(
            {"meeting_id": meeting.id, "name": "Order the paint"}
        )
        meeting.minutes = "<p>Agreed to repaint the fences in April.</p>"
        meeting.attendance_ids.filtered("present")._sign()
        cls.meeting = meeting
        # a delivered (sealed) report with a member's opinion
        cls.matter = env["hoa.matter"].create(
            {
                "subject": "Roof repair",
                "community_id": cls.estate_a.id,
                "category": "repair_fund",
                "planned_date": date(2026, 12, 30),
                "description": "<p>The roof of building 5 leaks.</p>",
                "delivery_method": "hand",
                "delivered_date": date(2026, 11, 20),
            }
        )
        cls.matter.action_deliver()
        env["hoa.matter.opinion"].create(
            {
                "matter_id": cls.matter.id,
                "member_id": cls.committee_a.member_ids[0].id,
                "opinion": "agree",
                "text": "同意",
            }
        )
        # a published (sealed) statement
        cls.disclosure = env["hoa.disclosure"].create(
            {
                "community_id": cls.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create(
                        {"category": "fund_opening", "name": "Fund", "amount": 1000}
                    )
                ],
            }
        )
        cls.disclosure.action_publish()
        # a published (sealed) decision with a ballot
        owners = cls.create_owned_units(cls.estate_a, 3, "9", 90.0)
        cls.owner = owners[1]
        today = fields.Date.context_today(env.user)
        cls.decision = env["hoa.decision"].create(
            {
                "name": "Use the fund",
                "community_id": cls.estate_a.id,
                "item": "fund_use",
                "date_open": today - timedelta(days=10),
                "date_close": today + timedelta(days=10),
            }
        )
        cls.decision.action_open()
        env["hoa.decision.ballot"].create(
            {
                "decision_id": cls.decision.id,
                "partner_id": owners[0].id,
                "choice": "oppose",
            }
        )
        cls.decision.action_close()
        cls.decision.action_publish()
        # exchanges that are never sealed: kept, and archived ones frozen
        cls.contact = env["hoa.contact"].create(
            {
                "community_id": cls.estate_a.id,
                "date": date(2026, 11, 2),
                "method": "visit",
                "user_id": cls.manager_a.id,
                "summary": "季度走访",
            }
        )
        cls.work_report = env["hoa.work.report"].create(
            {
                "community_id": cls.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
            }
        )
        cls.notice = env["hoa.notice"].create(
            {
                "community_id": cls.estate_a.id,
                "title": "关于召开业主大会的公告",
                "date_from": date(2026, 12, 10),
                "date_to": date(2026, 12, 20),
                "location": "各楼栋大堂公告栏",
            }
        )
        cls.inquiry = env["hoa.inquiry"].create(
            {
                "community_id": cls.estate_a.id,
                "subject": "Lift 3 stops between floors",
                "received_date": date(2026, 11, 2),
                "raised_by_id": cls.committee_a.member_ids[0].partner_id.id,
            }
        )
        for record in (cls.contact, cls.work_report, cls.inquiry):
            record.action_archive()
        cls.records = [
            cls.meeting,
            cls.matter,
            cls.disclosure,
            cls.decision,
            cls.contact,
            cls.work_report,
            cls.notice,
            cls.inquiry,
        ]
        # every record's file: a scan, a receipt, the archived PDF…
        cls.attachments = env["ir.attachment"].create(
            [
                {
                    "name": f"scan {record._name}.pdf",
                    "raw": b"%PDF-1.4 signed scan",
                    "res_model": record._name,
                    "res_id": record.id,
                }
                for record in cls.records
            ]
        )

    def assert_refused(self, user, call, message):
        """``call(env)`` as ``user``, then as sudo code run by ``user``: both
        refused (the second by the archive check itself, with ``message``)."""
        env = self.env(user=user, context={"lang": "en_US"})
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            call(env)
        with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
            call(env(su=True))

    def snapshot(self, records):
        """What is in the database (not in the cache) for ``records``."""
        self.env.invalidate_all()
        records = records.with_context(active_test=False).exists()
        names = [
            name
            for name, field in records._fields.items()
            if field.store
            and field.type not in ("one2many", "many2many", "binary", "html")
            and name not in ("write_date", "__last_update")
        ]
        return records._name, records.ids, records.read(names)

    def assert_unchanged(self, records, call, *args):
        before = self.snapshot(records)
        self.assert_refused(*args[:1], call, *args[1:])
        self.assertEqual(self.snapshot(records), before)

    # ------------------------------------------------------------------
    # The table: every archived model and line model
    # ------------------------------------------------------------------

    def table(self):
        """(records, values written, a line to add or None, refusal message)"""
        meeting, matter = self.meeting, self.matter
        resolution = meeting.resolution_ids
        member = self.committee_a.member_ids[4]
        signed = "signed by everyone present"
        sealed = "sealed in the archive"
        published = "published statement is frozen"
        kept = KEPT
        archived = "is archived"
        return [
            (meeting, {"minutes": "<p>Rewritten</p>"}, None, signed),
            (meeting, {"state": "draft"}, None, f"{signed}|only through its buttons"),
            (
                meeting.attendance_ids[:1],
                {"present": False},
                ("hoa.meeting.attendance", {"meeting_id": meeting.id, "name": "X"}),
                signed,
            ),
            (
                resolution,
                {"name": "Rewritten"},
                ("hoa.meeting.resolution", {"meeting_id": meeting.id, "name": "New"}),
                signed,
            ),
            (
                resolution.vote_ids[:1],
                {"vote": "disagree"},
                (
                    "hoa.meeting.vote",
                    {
                        "resolution_id": resolution.id,
                        "member_id": member.id,
                        "vote": "agree",
                    },
                ),
                signed,
            ),
            (
                meeting.action_ids,
                {"name": "Rewritten"},
                ("hoa.meeting.action", {"meeting_id": meeting.id, "name": "New"}),
                signed,
            ),
            (matter, {"subject": "Rewritten"}, None, sealed),
            (matter.opinion_ids, None, None, sealed),
            (self.disclosure, {"note": "Rewritten"}, None, published),
            (
                self.disclosure.line_ids,
                {"amount": 1},
                (
                    "hoa.disclosure.line",
                    {
                        "disclosure_id": self.disclosure.id,
                        "category": "fund_opening",
                        "name": "More",
                        "amount": 5,
                    },
                ),
                published,
            ),
            (self.decision, {"date_close": "2027-01-31"}, None, sealed),
            (
                self.decision.ballot_ids,
                {"choice": "agree"},
                (
                    "hoa.decision.ballot",
                    {
                        "decision_id": self.decision.id,
                        "partner_id": self.owner.id,
                        "choice": "agree",
                    },
                ),
                "",
            ),
            (self.contact, {"summary": "Rewritten"}, None, archived),
            (self.work_report, {"date_to": date(2026, 9, 1)}, None, archived),
            (self.inquiry, {"subject": "Rewritten"}, None, archived),
            (self.notice, None, None, kept),
        ]

    def test_nobody_deletes_or_changes_what_was_exchanged(self):
        for records, values, line, message in self.table():
            self.assertTrue(records, records._name)
            for role, user in self.users.items():
                with self.subTest(model=records._name, user=role):
                    self.assert_unchanged(
                        records,
                        lambda env, r=records: r.with_env(env).unlink(),
                        user,
                        f"{KEPT}|{message}" if message else KEPT,
                    )
                    if values:
                        self.assert_unchanged(
                            records,
                            lambda env, r=records, v=values: r.with_env(env).write(v),
                            user,
                            message,
                        )
                    if line:
                        model, vals = line
                        count = self.env[model].search_count([])
                        self.assert_refused(
                            user, lambda env, m=model, v=vals: env[m].create(v), message
                        )
                        self.assertEqual(self.env[model].search_count([]), count)

    def test_files_of_the_archive_are_neither_deleted_nor_rewritten(self):
        for attachment in self.attachments:
            for role, user in self.users.items():
                with self.subTest(model=attachment.res_model, user=role):
                    self.assert_refused(
                        user,
                        lambda env, a=attachment: a.with_env(env).unlink(),
                        FILE_REFUSED,
                    )
                    self.assert_refused(
                        user,
                        lambda env, a=attachment: a.with_env(env).write(
                            {"raw": b"%PDF-1.4 forged"}
                        ),
                        FILE_REFUSED,
                    )
            self.env.invalidate_all()
            self.assertEqual(
                base64.b64decode(attachment.datas), b"%PDF-1.4 signed scan"
            )

    def test_authors_do_not_edit_or_delete_their_messages(self):
        for record in self.records:
            message = (
                record.with_user(self.manager_a)
                .with_context(lang="en_US")
                .message_post(body="Delivered by hand", message_type="comment")
            )
            with self.subTest(model=record._name):
                record_as_author = record.with_user(self.manager_a)
                with self.assertRaisesRegex(UserError, "never edited or deleted"):
                    record_as_author._message_update_content(message, "<p>Never</p>")
                with self.assertRaisesRegex(UserError, "never edited or deleted"):
                    record_as_author._message_update_content(
                        message, "", attachment_ids=[]
                    )
                with self.assertRaises(REFUSED):
                    message.with_user(self.manager_a).unlink()
                with self.assertRaisesRegex(UserError, "never edited or deleted"):
                    message.with_user(self.manager_a).sudo().unlink()
                self.env.invalidate_all()
                self.assertIn("Delivered by hand", message.body)

    def test_the_refusal_is_in_chinese(self):
        message = self.contact.with_user(self.manager_a).message_post(
            body="Delivered by hand", message_type="comment"
        )
        zh = self.env(user=self.manager_a, context={"lang": "zh_CN"})
        with self.assertRaisesRegex(UserError, "永不删除"):
            self.contact.with_env(zh).unlink()
        with self.assertRaisesRegex(UserError, "已归档"):
            self.contact.with_env(zh).write({"summary": "改写"})
        with self.assertRaisesRegex(UserError, "不得修改或删除"):
            self.contact.with_env(zh)._message_update_content(message, "<p>改写</p>")

    def test_drafts_may_still_be_deleted_and_archived_ones_restored(self):
        draft = self.env["hoa.matter"].create(
            {
                "subject": "Draft",
                "community_id": self.estate_a.id,
                "category": "other",
            }
        )
        draft.with_user(self.manager_a).unlink()
        self.assertFalse(draft.exists())
        self.contact.with_user(self.manager_a).action_unarchive()
        self.contact.with_user(self.manager_a).summary = "季度走访（补记）"
        self.assertEqual(self.contact.summary, "季度走访（补记）")

    def test_the_files_of_a_sealed_record_enter_its_seal(self):
        matter = self.env["hoa.matter"].create(
            {
                "subject": "Lift repair",
                "community_id": self.estate_a.id,
                "category": "other",
                "delivery_method": "hand",
                "delivered_date": date(2026, 11, 20),
            }
        )
        receipt = self.env["ir.attachment"].create(
            {
                "name": "回执.pdf",
                "raw": b"%PDF-1.4 receipt",
                "res_model": matter._name,
                "res_id": matter.id,
            }
        )
        matter.action_deliver()
        self.assertEqual(json.loads(matter.seal_files), receipt.ids)
        checksum = receipt.checksum
        Seal = self.env["hoa.archive.seal"]

        def failing():
            self.env.flush_all()
            self.env.invalidate_all()
            return Seal._verify(self.estate_a).filtered(
                lambda s: s.res_model == matter._name and s.res_id == matter.id
            )

        self.assertFalse(failing())
        # a file added afterwards (the archived PDF) is not covered
        self.env["ir.attachment"].create(
            {
                "name": "later.pdf",
                "raw": b"later",
                "res_model": matter._name,
                "res_id": matter.id,
            }
        )
        self.assertFalse(failing())
        # the covered file rewritten behind the ORM's back
        self.env.cr.execute(
            "UPDATE ir_attachment SET checksum = %s WHERE id = %s",
            ["0" * 40, receipt.id],
        )
        self.assertTrue(failing())
        self.env.cr.execute(
            "UPDATE ir_attachment SET checksum = %s WHERE id = %s",
            [checksum, receipt.id],
        )
        # …or deleted
        self.env.cr.execute("DELETE FROM ir_attachment WHERE id = %s", [receipt.id])
        self.assertTrue(failing())


@tagged("post_install", "-at_install")
class TestArchiveMessagesOverHttp(HoaPortalCase):
    """The chat window edits and deletes a message through
    ``/mail/message/update_content``: refused on an archived record, for its
    author too."""

    def test_the_author_cannot_edit_or_empty_a_message_through_the_route(self):
        contact = self.env["hoa.contact"].create(
            {
                "community_id": self.estate_a.id,
                "date": date(2026, 11, 2),
                "method": "phone",
                "user_id": self.manager_a.id,
                "summary": "电话沟通",
            }
        )
        message = contact.with_user(self.manager_a).message_post(
            body="Called the chair", message_type="comment"
        )
        self.authenticate("hoa_t_manager_a", "hoa_t_manager_a")
        for body in ("<p>Never called</p>", ""):  # "" is the delete button
            response = self.url_open(
                "/mail/message/update_content",
                data=json.dumps(
                    {
                        "params": {
                            "message_id": message.id,
                            "body": body,
                            "attachment_ids": [],
                        }
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            error = response.json().get("error")
            self.assertTrue(error, body)
            # in the head's language
            self.assertRegex(
                error["data"]["message"], "never edited or deleted|不得修改或删除"
            )
        self.env.invalidate_all()
        self.assertIn("Called the chair", message.body)
