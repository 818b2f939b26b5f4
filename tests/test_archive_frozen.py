import base64
import json
from datetime import date, datetime, timedelta
from pathlib import Path

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SCAN, serve_notice_in_time
from .portal_common import HoaPortalCase

#: AccessError is a UserError: refused by rights or by the archive
REFUSED = UserError
KEPT = "never deleted"
#: a file of sealed or signed records is frozen with them; of others, kept
FILE_REFUSED = "never deleted|sealed in the archive|signed by everyone|is frozen"
#: a file held in a field (a ballot's scan) changes only through that field
HELD_REFUSED = "never by writing, adding or deleting the file"
#: what the issue names, at the least: the registry must find all of them
NAMED = {
    "hoa.contact",
    "hoa.work.report",
    "hoa.meeting",
    "hoa.meeting.attendance",
    "hoa.meeting.vote",
    "hoa.meeting.resolution",
    "hoa.meeting.action",
    "hoa.matter",
    "hoa.notice",
    "hoa.inquiry",
    "hoa.decision",
    "hoa.decision.ballot",
    "hoa.disclosure",
    "hoa.disclosure.line",
}


def archived_models(registry):
    """Every model kept in the archive, read from the registry: the models of
    ``hoa.archive.mixin``, and their lines (the records of a one2many that
    are deleted with their parent), down to the lines of lines."""
    mixin = registry["hoa.archive.mixin"]
    names = {
        name
        for name, model in registry.items()
        if issubclass(model, mixin) and not model._abstract
    }
    todo = sorted(names)
    while todo:
        for field in registry[todo.pop()]._fields.values():
            if field.type != "one2many" or field.comodel_name in names:
                continue
            inverse = registry[field.comodel_name]._fields.get(field.inverse_name)
            if inverse and inverse.type == "many2one" and inverse.ondelete == "cascade":
                names.add(field.comodel_name)
                todo.append(field.comodel_name)
    return names


@tagged("post_install", "-at_install")
class TestArchiveFrozen(HoaPortalCase):
    """What is exchanged with the committee is never deleted, and once
    sealed or signed never changed: not by a head, a member of staff or the
    leadership, through JSON-RPC with their rights or through sudo code;
    neither the record, nor its lines, nor its files, nor its chatter."""

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
            }
        )
        cls.deliver(cls.matter, date(2026, 11, 20))
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
        cls.disclosure._publish_unreviewed("test")
        # a published (sealed) decision with a ballot
        owners = cls.create_owned_units(cls.estate_a, 3, "9", 90.0)
        cls.owner = owners[1]
        cls.outsider = env["res.partner"].create({"name": "Not an owner"})
        today = env.company._hoa_today()
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
                "scan": SCAN,
                "scan_name": "表决票.png",
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
        # an imported statement of the maintenance fund and its balances
        cls.fund_import = env["hoa.fund.balance.import"].create(
            {
                "community_id": cls.estate_a.id,
                "statement_date": date(2026, 6, 30),
                "file_name": "余额.csv",
                "data_file": base64.b64encode("房号,余额\n9-101,100\n".encode("gbk")),
            }
        )
        cls.fund_import.action_import()
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
        cls._evaluation_fixtures()

    @classmethod
    def _evaluation_fixtures(cls):
        """Issue 17: an archived repair plan and a submitted, signed
        evaluation."""
        env = cls.env
        cls.repair_plan = env["hoa.repair.plan"].create(
            {
                "community_id": cls.estate_a.id,
                "line_ids": [
                    Command.create({"facility": "电梯", "scope": "更换", "budget": 9})
                ],
            }
        )
        cls.repair_plan.action_present()
        cls.repair_plan.action_archive_plan()
        cls.evaluation = env["hoa.evaluation"].create({"community_id": cls.estate_a.id})
        cls.evaluation.action_open_for_committee()
        cls.evaluation.sudo().line_ids.write({"score": 4})
        member = cls.committee_a.member_ids[0]
        cls.evaluation.sudo()._submit(member, "127.0.0.1")

    def assert_refused(self, user, call, message):
        """``call(env)`` as ``user``, then as sudo code run by ``user``: both
        refused (the second by the archive check itself, with ``message``)."""
        env = self.env(user=user, context={"lang": "en_US"})
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            call(env)
        with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
            call(env(su=True))

    # ------------------------------------------------------------------
    # The table: every archived model and line model
    # ------------------------------------------------------------------

    def rows(self):
        """``{model: (records, values written, a line created, refusal)}``:
        the archived or sealed records of each model (of a line model, the
        lines of a sealed or signed record), what each role would write, the
        values of a line added (``None`` for none), and the refusal."""
        meeting, matter, decision = self.meeting, self.matter, self.decision
        resolution = meeting.resolution_ids
        member = self.committee_a.member_ids[4]
        signed = "signed by everyone present"
        sealed = "sealed in the archive"
        published = "published statement is frozen"
        archived = "is archived"
        return {
            "hoa.meeting": (meeting, {"minutes": "<p>Rewritten</p>"}, None, signed),
            "hoa.meeting.attendance": (
                meeting.attendance_ids[:1],
                {"present": False},
                {"meeting_id": meeting.id, "name": "X"},
                signed,
            ),
            "hoa.meeting.resolution": (
                resolution,
                {"name": "Rewritten"},
                {"meeting_id": meeting.id, "name": "New"},
                signed,
            ),
            "hoa.meeting.vote": (
                resolution.vote_ids[:1],
                {"vote": "disagree"},
                {
                    "resolution_id": resolution.id,
                    "member_id": member.id,
                    "vote": "agree",
                },
                signed,
            ),
            "hoa.meeting.action": (
                meeting.action_ids,
                {"name": "Rewritten"},
                {"meeting_id": meeting.id, "name": "New"},
                signed,
            ),
            "hoa.matter": (matter, {"subject": "Rewritten"}, None, sealed),
            # members give their opinion on a delivered report: never deleted
            "hoa.matter.opinion": (matter.opinion_ids, None, None, sealed),
            "hoa.disclosure": (self.disclosure, {"note": "Rewritten"}, None, published),
            "hoa.disclosure.line": (
                self.disclosure.line_ids,
                {"amount": 1},
                {
                    "disclosure_id": self.disclosure.id,
                    "category": "fund_opening",
                    "name": "More",
                    "amount": 5,
                },
                published,
            ),
            "hoa.decision": (decision, {"date_close": "2027-01-31"}, None, sealed),
            "hoa.decision.ballot": (
                decision.ballot_ids,
                {"choice": "agree", "correction_reason": "Misread"},
                {
                    "decision_id": decision.id,
                    "partner_id": self.owner.id,
                    "choice": "agree",
                    "scan": SCAN,
                },
                sealed,
            ),
            "hoa.decision.voter": (
                decision.voter_ids[:1],
                {"area_centi": 1},
                {
                    "decision_id": decision.id,
                    "partner_id": self.outsider.id,
                    "area_centi": 10_000,
                },
                sealed,
            ),
            "hoa.contact": (self.contact, {"summary": "Rewritten"}, None, archived),
            "hoa.work.report": (
                self.work_report,
                {"date_to": "2026-09-01"},
                None,
                archived,
            ),
            "hoa.inquiry": (self.inquiry, {"subject": "Rewritten"}, None, archived),
            "hoa.notice": (self.notice, None, None, KEPT),
            # the maintenance fund's statement and its balances: evidence
            "hoa.fund.balance": (
                self.fund_import.balance_ids,
                {"balance": 1},
                None,
                "never changed",
            ),
            "hoa.fund.balance.import": (
                self.fund_import,
                {"statement_date": "2026-01-01"},
                None,
                "kept as it was imported",
            ),
            # proof of service: what was served, how, and its evidence
            "hoa.service": (
                matter.service_ids,
                {"channel": "portal", "receipt_signed_by": "Rewritten"},
                None,
                "proof of service",
            ),
            # issue 18: what was sent to whom by which channel
            "hoa.dispatch": (
                self.env["hoa.dispatch"]
                .sudo()
                ._create_in_state(
                    [
                        {
                            "res_model": matter._name,
                            "res_id": matter.id,
                            "channel": "sms",
                            "address": "+86 13800000001",
                            "state": "sent",
                        }
                    ]
                ),
                {"address": "+86 13900000009"},
                None,
                "records what was sent",
            ),
            # issue 17: an archived repair plan, a submitted evaluation
            "hoa.repair.plan": (
                self.repair_plan,
                {"note": "Rewritten"},
                None,
                "is archived",
            ),
            "hoa.repair.plan.line": (
                self.repair_plan.line_ids,
                {"budget": 1},
                {"plan_id": self.repair_plan.id, "facility": "x", "scope": "y"},
                "is archived",
            ),
            "hoa.evaluation": (
                self.evaluation,
                {"general_comment": "Rewritten"},
                None,
                "was submitted",
            ),
            "hoa.evaluation.line": (
                self.evaluation.line_ids[:1],
                {"score": 1},
                {"evaluation_id": self.evaluation.id, "area": "liaison"},
                "was submitted",
            ),
            "hoa.evaluation.signature": (
                self.evaluation.signature_ids,
                {"name": "Rewritten"},
                None,
                "was submitted",
            ),
        }

    def calls(self, records, values, line):
        """``[(operation, method, args)]`` of one row, as JSON-RPC sends them"""
        calls = [("unlink", "unlink", [records.ids])]
        if values:
            calls.append(("write", "write", [records.ids, values]))
        if line:
            calls.append(("create", "create", [line]))
        return calls

    def test_the_table_covers_every_archived_model(self):
        models = archived_models(self.env.registry)
        self.assertLessEqual(NAMED, models)
        rows = self.rows()
        for model in sorted(models):
            with self.subTest(model=model):
                self.assertIn(model, rows, "kept in the archive: give it a row")
                self.assertTrue(rows[model][0], "the row needs records")
                self.assertEqual(rows[model][0]._name, model)

    def test_nobody_deletes_or_changes_what_was_exchanged(self):
        """Through the ORM, with the role's rights and as sudo code run by
        the role: the second is refused by the archive itself."""
        for model, (records, values, line, message) in self.rows().items():
            for role, user in self.users.items():
                for operation, method, args in self.calls(records, values, line):
                    with self.subTest(model=model, user=role, operation=operation):
                        if operation == "create":
                            call = lambda env, m=model, v=line: env[m].create(v)
                            watched = self.env[model]
                        else:
                            call = lambda env, r=records, f=method, a=args[1:]: getattr(
                                r.with_env(env), f
                            )(*a)
                            watched = records
                        expected = (
                            f"{KEPT}|{message}" if method == "unlink" else message
                        )
                        self.assert_unchanged(watched, call, user, expected)

    def test_nobody_deletes_or_changes_it_through_json_rpc(self):
        """As the pen-tester did: each role signs in and calls the model's
        methods with ``/web/dataset/call_kw``. A role without the right is
        refused by it (an access error); one with it, by the archive."""
        rows = self.rows()
        for role, user in self.users.items():
            self.authenticate(user.login, user.login)
            for model, (records, values, line, message) in rows.items():
                expected = message if model != "hoa.notice" else KEPT
                for operation, method, args in self.calls(records, values, line):
                    with self.subTest(model=model, user=role, operation=operation):
                        watched = self.env[model] if operation == "create" else records
                        before = self.snapshot(watched)
                        self.env.flush_all()
                        error = self.call_kw(model, method, args).get("error")
                        self.assertTrue(error, "accepted")
                        self.assert_archive_refusal(
                            error,
                            f"{KEPT}|{expected}" if method == "unlink" else expected,
                        )
                        self.assertEqual(self.snapshot(watched), before)

    def assert_archive_refusal(self, error, message):
        """The archive's own refusal, unless the role has no right at all."""
        if error["data"]["name"] == "odoo.exceptions.AccessError":
            return
        self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError", error)
        self.assertRegex(error["data"]["message"], message)

    def snapshot(self, records):
        """What is in the database (not in the cache) for ``records``; for
        an empty recordset, the ids of the model."""
        self.env.invalidate_all()
        if not records:
            return records.with_context(active_test=False).search([]).ids
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

    def files(self):
        """``[(file, its model, refusal)]``: a file attached to every archived
        record (a scan, a receipt, the archived PDF…), and every file held in
        a field of the table's records and lines (a ballot's scan)."""
        Attachment = self.env["ir.attachment"]
        held = Attachment.concat(
            *(
                Attachment.search(
                    [
                        ("res_model", "=", model),
                        ("res_id", "in", records.ids),
                        ("res_field", "!=", False),
                    ]
                )
                for model, (records, *_rest) in self.rows().items()
            )
        )
        self.assertIn("hoa.decision.ballot", held.mapped("res_model"))
        return [(a, a.res_model, FILE_REFUSED) for a in self.attachments] + [
            (a, a.res_model, HELD_REFUSED) for a in held
        ]

    def file_snapshot(self, attachment):
        self.env.invalidate_all()
        attachment = attachment.exists()
        return attachment.read(["name", "checksum", "res_model", "res_id", "res_field"])

    def test_files_of_the_archive_are_neither_deleted_nor_rewritten(self):
        forged = base64.b64encode(b"%PDF-1.4 forged").decode()
        calls = (("unlink", []), ("write", [{"datas": forged}]))
        for attachment, model, message in self.files():
            before = self.file_snapshot(attachment)
            for role, user in self.users.items():
                for method, args in calls:
                    with self.subTest(model=model, user=role, method=method):
                        self.assert_refused(
                            user,
                            lambda env, a=attachment, m=method, v=args: getattr(
                                a.with_env(env), m
                            )(*v),
                            message,
                        )
                        self.assertEqual(self.file_snapshot(attachment), before)

    def test_files_of_the_archive_through_json_rpc(self):
        forged = base64.b64encode(b"%PDF-1.4 forged").decode()
        files = self.files()
        for role, user in self.users.items():
            self.authenticate(user.login, user.login)
            for attachment, model, message in files:
                before = self.file_snapshot(attachment)
                for method, args in (
                    ("unlink", [attachment.ids]),
                    ("write", [attachment.ids, {"datas": forged}]),
                ):
                    with self.subTest(model=model, user=role, method=method):
                        self.env.flush_all()
                        error = self.call_kw("ir.attachment", method, args).get("error")
                        self.assertTrue(error, "accepted")
                        self.assert_archive_refusal(error, message)
                        self.assertEqual(self.file_snapshot(attachment), before)

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

    def test_messages_through_the_chat_window_and_json_rpc(self):
        """The chat window edits and deletes a message through
        ``/mail/message/update_content`` (the delete button sends an empty
        body); JSON-RPC deletes it with ``mail.message.unlink``: refused on
        every archived record, for its author too, in the author's
        language."""
        messages = [
            record.with_user(self.manager_a).message_post(
                body="Called the chair", message_type="comment"
            )
            for record in self.records
        ]
        for role, user in self.users.items():
            self.authenticate(user.login, user.login)
            for message in messages:
                with self.subTest(model=message.model, user=role):
                    self.env.flush_all()
                    error = self.call_kw("mail.message", "unlink", [message.ids]).get(
                        "error"
                    )
                    self.assertTrue(error, "accepted")
                    self.assert_archive_refusal(error, "never edited or deleted")
                    if user != self.manager_a:
                        continue
                    for body in ("<p>Never called</p>", ""):
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
                        self.assertRegex(
                            error["data"]["message"],
                            "never edited or deleted|不得修改或删除",
                        )
        self.env.invalidate_all()
        for message in messages:
            self.assertIn("Called the chair", message.exists().body)

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
        self.deliver(matter, date(2026, 11, 20))
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

    def test_a_sealed_file_changed_on_disk_is_found(self):
        matter = self.env["hoa.matter"].create(
            {
                "subject": "Gate repair",
                "community_id": self.estate_a.id,
                "category": "other",
            }
        )
        receipt = self.env["ir.attachment"].create(
            {
                "name": "回执.pdf",
                "raw": b"%PDF-1.4 the gate's signed receipt",
                "res_model": matter._name,
                "res_id": matter.id,
            }
        )
        self.deliver(matter, date(2026, 11, 20))
        self.assertTrue(receipt.store_fname, "kept in the filestore")
        Seal = self.env["hoa.archive.seal"]

        def verified():
            self.env.flush_all()
            self.env.invalidate_all()
            Seal._verify(self.estate_a)
            return matter.seal_id.verify_state

        self.assertEqual(verified(), "ok")
        # the file rewritten on the server's disk, its record untouched
        path = Path(receipt._full_path(receipt.store_fname))
        self.addCleanup(path.write_bytes, path.read_bytes())
        path.write_bytes(b"%PDF-1.4 a forged receipt")
        self.assertEqual(verified(), "altered")
        # …or gone from it
        path.unlink()
        self.assertEqual(verified(), "altered")
