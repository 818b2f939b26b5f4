import base64
from datetime import date, datetime, timedelta

from odoo import Command, fields, models
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SCAN
from .portal_common import HoaPortalCase

ROLES = (
    "staff_a",
    "staff_b",
    "manager_a",
    "leader_1",
    "leader_2",
    "admin",
    "portal_a",
    "portal_b",
    "owner",
    "public",
)
OPERATIONS = ("read", "write", "create", "unlink")
#: why the archive refuses to delete a record (of those who may read it)
ARCHIVE_REFUSALS = (
    r"is never deleted|is sealed in the archive|A published statement is frozen"
    r"|kept as it was imported"
)

#: what each role may do to a record of estate A (company 1), in ROLES order:
#: r(ead) w(rite) c(reate) u(nlink), "-" for refused
STAFF_WORK = "rwc- ---- rwcu rwcu ---- rwcu"
#: what is exchanged with the committee and never deleted, by anyone
KEPT_WORK = "rwc- ---- rwc- rwc- ---- rwc-"
MATRIX = {
    # issue 16: an owner reads their estate, their own unit (the record here
    # is the owner's) and its published statements
    "hoa.community": "r--- ---- rw-- rwc- ---- rwcu r--- ---- r--- ----",
    "hoa.unit": f"{STAFF_WORK} ---- ---- r--- ----",
    "hoa.committee": "r--- ---- rwcu rwcu ---- rwcu r--- ---- ---- ----",
    "hoa.committee.member": "r--- ---- rwcu rwcu ---- rwcu r--- ---- ---- ----",
    "hoa.inquiry": f"{KEPT_WORK} r--- ---- ---- ----",
    "hoa.matter": f"{STAFF_WORK} r--- ---- ---- ----",
    "hoa.notice": f"{KEPT_WORK} r--- ---- ---- ----",
    "hoa.contact": f"{KEPT_WORK} ---- ---- ---- ----",
    "hoa.matter.opinion": "r--- ---- r--- r--- ---- r--- ---- ---- ---- ----",
    "hoa.meeting": f"{STAFF_WORK} r--- ---- ---- ----",
    "hoa.meeting.attendance": f"{STAFF_WORK} r--- ---- ---- ----",
    "hoa.meeting.resolution": f"{STAFF_WORK} r--- ---- ---- ----",
    "hoa.meeting.action": f"{STAFF_WORK} r--- ---- ---- ----",
    "hoa.decision": f"{STAFF_WORK} r--- ---- r--- ----",
    # the roll is written only by the freeze; ballots are never deleted
    "hoa.decision.voter": "r--- ---- r--- r--- ---- r--- ---- ---- r--- ----",
    "hoa.decision.ballot": "rwc- ---- rwc- rwc- ---- rwc- ---- ---- r--- ----",
    "hoa.disclosure": f"{STAFF_WORK} r--- ---- r--- ----",
    "hoa.disclosure.line": "rwcu ---- rwcu rwcu ---- rwcu r--- ---- r--- ----",
    "hoa.work.report": f"{KEPT_WORK} ---- ---- ---- ----",
    "hoa.compliance": "---- ---- r--- r--- ---- r--- ---- ---- ---- ----",
    # issue 15: a member reads the seals (the hashes) of their estate
    "hoa.archive.seal": "r--- ---- r--- r--- ---- r--- r--- ---- ---- ----",
    # issue 16: balances come only from an import; the owner reads their own
    "hoa.fund.balance": "r--- ---- r--- r--- ---- r--- ---- ---- r--- ----",
    "hoa.fund.balance.import": "rwcu ---- rwcu rwcu ---- rwcu ---- ---- ---- ----",
    # issue 16: an owner reads their own question or complaint, never writes it
    "hoa.owner.request": f"{KEPT_WORK} ---- ---- r--- ----",
    # issue 17: the repair plan is the team's; the committee evaluates in the
    # portal (through its own checks), the head opens, staff read
    "hoa.repair.plan": f"{KEPT_WORK} ---- ---- ---- ----",
    "hoa.repair.plan.line": "rwcu ---- rwcu rwcu ---- rwcu ---- ---- ---- ----",
    "hoa.evaluation": "r--- ---- rwc- r--- ---- r--- r--- ---- ---- ----",
    "hoa.evaluation.line": "r--- ---- rwc- r--- ---- r--- r--- ---- ---- ----",
    "hoa.evaluation.signature": "r--- ---- r--- r--- ---- r--- r--- ---- ---- ----",
    # issue 17: mediations are kept; operations reports are staff work
    "hoa.mediation": f"{KEPT_WORK} ---- ---- ---- ----",
    "hoa.operations.report": f"{STAFF_WORK} ---- ---- ---- ----",
    # issue 19: a background job is read by who queued it (here the head) and
    # the administrators, who may clear it away; only the job runner writes it
    "hoa.background.job": "---- ---- r--- ---- ---- r--u ---- ---- ---- ----",
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(HoaPortalCase):
    """Every model × role × operation, through the ORM (ACLs and record
    rules together), and for the portal roles through JSON-RPC as a browser
    would call it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee_a.member_ids[0].partner_id.email = "chair@example.com"
        cls.users = {
            "staff_a": cls.staff_a,
            "staff_b": cls.staff_b,
            "manager_a": cls.manager_a,
            "leader_1": cls.leader_1,
            "leader_2": cls.leader_2,
            "admin": cls.admin_both,
            "portal_a": cls.portal_a,
            "portal_b": cls.portal_b,
            "owner": cls.owner_a,
            "public": cls.env.ref("base.public_user"),
        }
        cls.admin_both.groups_id = [Command.link(cls.env.ref("base.group_system").id)]
        cls.records = cls._estate_a_records()
        cls.records.update(cls._evaluation_records())

    @classmethod
    def _estate_a_records(cls):
        env = cls.env
        today = fields.Date.context_today(env.user)
        meeting = env["hoa.meeting"].create(
            {
                "name": "Matrix meeting",
                "committee_id": cls.committee_a.id,
                "meeting_type": "special",
                "date_start": datetime(2026, 3, 20, 1, 30),
                "location": "会议室",
                "notice_date": date(2026, 3, 10),
                "requires_resolution": True,
            }
        )
        meeting.action_propose()
        resolution = env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "Repaint the fences"}
        )
        action = env["hoa.meeting.action"].create(
            {"meeting_id": meeting.id, "name": "Get three quotes"}
        )
        matter = env["hoa.matter"].create(
            {
                "subject": "Roof repair",
                "community_id": cls.estate_a.id,
                "category": "repair_fund",
                "planned_date": today + timedelta(days=40),
            }
        )
        cls.deliver(matter, today)
        decision = env["hoa.decision"].create(
            {
                "name": "Matrix vote",
                "community_id": cls.estate_a.id,
                "item": "fund_use",
                "date_open": today - timedelta(days=1),
                "date_close": today + timedelta(days=7),
            }
        )
        decision.action_open()
        voter = decision.voter_ids.filtered(
            lambda v: v.partner_id == cls.owner_a.partner_id
        )
        ballot = env["hoa.decision.ballot"].create(
            {
                "decision_id": decision.id,
                "partner_id": voter.partner_id.id,
                "choice": "agree",
                "scan": SCAN,
            }
        )
        disclosure = env["hoa.disclosure"].create(
            {
                "community_id": cls.estate_a.id,
                "date_from": date(2026, 7, 1),
                "date_to": date(2026, 9, 30),
                "line_ids": [
                    Command.create(
                        {"category": "fund_opening", "name": "Fund", "amount": 1000.0}
                    )
                ],
            }
        )
        disclosure._publish_unreviewed("test")
        env["hoa.compliance"]._refresh(today)
        # the owner's unit 5-201 in the maintenance fund's statement
        fund_import = env["hoa.fund.balance.import"].create(
            {
                "community_id": cls.estate_a.id,
                "statement_date": date(2026, 6, 30),
                "file_name": "余额.csv",
                "data_file": base64.b64encode("房号,余额\n5-201,100\n".encode("gbk")),
            }
        )
        fund_import.action_import()
        return {
            "hoa.community": cls.estate_a,
            "hoa.unit": env["hoa.unit"].search(
                [("owner_id", "=", cls.owner_a.partner_id.id)]
            ),
            "hoa.committee": cls.committee_a,
            "hoa.committee.member": cls.committee_a.member_ids[0],
            "hoa.inquiry": env["hoa.inquiry"].create(
                {
                    "subject": "Noise",
                    "community_id": cls.estate_a.id,
                    "channel": "letter",
                }
            ),
            "hoa.matter": matter,
            "hoa.matter.opinion": env["hoa.matter.opinion"].create(
                {
                    "matter_id": matter.id,
                    "member_id": cls.committee_a.member_ids[0].id,
                    "opinion": "agree",
                }
            ),
            "hoa.notice": env["hoa.notice"].create(
                {
                    "title": "Water cut",
                    "community_id": cls.estate_a.id,
                    "date_from": today,
                    "date_to": today + timedelta(days=2),
                }
            ),
            "hoa.contact": env["hoa.contact"].create(
                {
                    "community_id": cls.estate_a.id,
                    "date": today,
                    "method": "visit",
                    "user_id": cls.manager_a.id,
                    "member_ids": [Command.set(cls.committee_a.member_ids[:1].ids)],
                    "summary": "走访",
                }
            ),
            "hoa.meeting": meeting,
            "hoa.meeting.attendance": meeting.attendance_ids.filtered("member_id")[0],
            "hoa.meeting.resolution": resolution,
            "hoa.meeting.action": action,
            "hoa.decision": decision,
            "hoa.decision.voter": voter,
            "hoa.decision.ballot": ballot,
            "hoa.disclosure": disclosure,
            "hoa.disclosure.line": disclosure.line_ids,
            "hoa.work.report": env["hoa.work.report"].create(
                {
                    "community_id": cls.estate_a.id,
                    "date_from": date(2026, 7, 1),
                    "date_to": date(2026, 9, 30),
                }
            ),
            "hoa.compliance": env["hoa.compliance"].search(
                [("community_id", "=", cls.estate_a.id)], limit=1
            ),
            "hoa.archive.seal": matter.seal_id,
            "hoa.fund.balance": fund_import.balance_ids,
            "hoa.fund.balance.import": fund_import,
            "hoa.owner.request": env["hoa.owner.request"].create(
                {
                    "community_id": cls.estate_a.id,
                    "partner_id": cls.owner_a.partner_id.id,
                    "about": "common",
                    "building": "5",
                    "common_part": "5号楼大堂",
                    "description": "大堂灯不亮",
                }
            ),
            "hoa.mediation": env["hoa.mediation"].create(
                {"community_id": cls.estate_a.id, "subject": "Parking"}
            ),
            "hoa.operations.report": env["hoa.operations.report"].create(
                {
                    "community_id": cls.estate_a.id,
                    "date_from": date(2026, 7, 1),
                    "date_to": date(2026, 9, 30),
                }
            ),
            # issue 19: a job the head queued
            "hoa.background.job": env["hoa.background.job"]
            .sudo()
            ._create_in_state(
                [
                    {
                        "name": "Compliance Refresh",
                        "kind": "compliance_refresh",
                        "user_id": cls.manager_a.id,
                        "company_id": cls.estate_a.company_id.id,
                        "res_model": "hoa.community",
                        "res_ids": cls.estate_a.ids,
                        "pending_ids": cls.estate_a.ids,
                        "total": 1,
                    }
                ]
            )
            .with_env(env),
        }

    @classmethod
    def _evaluation_records(cls):
        env = cls.env
        plan = env["hoa.repair.plan"].create(
            {
                "community_id": cls.estate_a.id,
                "line_ids": [
                    Command.create({"facility": "电梯", "scope": "更换", "budget": 1})
                ],
            }
        )
        evaluation = env["hoa.evaluation"].create({"community_id": cls.estate_a.id})
        evaluation.action_open_for_committee()
        member = cls.committee_a.member_ids[0]
        signature = (
            env["hoa.evaluation.signature"]
            .sudo()
            .create(
                evaluation._signature_values(member, "127.0.0.1"),
            )
        )
        return {
            "hoa.repair.plan": plan,
            "hoa.repair.plan.line": plan.line_ids,
            "hoa.evaluation": evaluation,
            "hoa.evaluation.line": evaluation.line_ids[0],
            "hoa.evaluation.signature": signature,
        }

    def allowed(self, record, user, operation):
        try:
            record.with_user(user).check_access(operation)
        except AccessError:
            return False
        return True

    def test_matrix_through_the_orm(self):
        self.env.flush_all()
        self.assertEqual(set(MATRIX), set(self.records))
        mismatches = []
        for model, line in MATRIX.items():
            record = self.records[model]
            self.assertEqual(len(record), 1, model)
            for role, expected in zip(ROLES, line.split(), strict=True):
                for operation, letter in zip(OPERATIONS, expected, strict=True):
                    want = letter != "-"
                    got = self.allowed(record, self.users[role], operation)
                    if want != got:
                        mismatches.append(
                            f"{model} {role} {operation}: expected "
                            f"{'allowed' if want else 'refused'}"
                        )
        self.assertFalse(mismatches, "\n".join(mismatches))

    def assert_refused(self, answer, role, message, kept=False):
        """The answer is the refusal itself: Odoo's access error (or, for the
        visitor who is not logged in, the session's end), not any error such
        as a crash on the way. ``kept``: a record of the archive that the
        role reads is refused by the archive, which says why."""
        expected = (
            "odoo.http.SessionExpiredException"
            if role == "public"
            else "odoo.exceptions.AccessError"
        )
        self.assertNotIn("result", answer, message)
        if kept and answer["error"]["data"]["name"] != expected:
            error = answer["error"]["data"]
            self.assertEqual(error["name"], "odoo.exceptions.UserError", message)
            self.assertRegex(error["message"], ARCHIVE_REFUSALS, message)
            return
        error = answer["error"]["data"]
        self.assertEqual(error["name"], expected, f"{message}: {error['message']}")

    def tampering(self, model):
        """What a tampering visitor writes: a text the model stores as typed
        (not a computed field, which the input check refuses before anyone's
        rights are looked at)."""
        Model = self.env[model]
        guarded = getattr(Model, "_state_guard_fields", ())
        values = {"char": "hacked", "text": "hacked", "boolean": True}
        field = next(
            field
            for name, field in sorted(Model._fields.items())
            if field.type in values
            and field.store
            and not field.compute
            and not field.related
            and name not in models.MAGIC_COLUMNS
            and name not in guarded
        )
        return {field.name: values[field.type]}

    def test_portal_roles_through_json_rpc(self):
        self.env.flush_all()
        for login, role in (
            ("hoa_t_portal_a", "portal_a"),
            ("hoa_t_portal_b", "portal_b"),
            ("hoa_t_owner_a", "owner"),
            (None, "public"),
        ):
            if login:
                self.authenticate(login, login)
            else:
                self.logout()
            for model, line in MATRIX.items():
                record = self.records[model]
                expected = line.split()[ROLES.index(role)]
                with self.subTest(role=role, model=model):
                    answer = self.call_kw(model, "read", [record.ids, ["id"]])
                    if expected[0] == "r":
                        self.assertEqual(
                            answer.get("result", [{}])[0].get("id"), record.id
                        )
                    else:
                        self.assert_refused(answer, role, "no read")
                    answer = self.call_kw(
                        model, "write", [record.ids, self.tampering(model)]
                    )
                    self.assert_refused(answer, role, "no portal role writes")
                    answer = self.call_kw(model, "unlink", [record.ids])
                    kept = expected[0] == "r" and isinstance(
                        record, self.env.registry["hoa.archive.mixin"]
                    )
                    self.assert_refused(answer, role, "no portal role deletes", kept)
                    self.assertTrue(record.exists())

    def test_new_staff_see_nothing_until_on_a_team(self):
        newcomer = new_test_user(
            self.env, "hoa_t_newcomer", groups="hoa_committee.group_hoa_user"
        )
        self.env.flush_all()
        for model in ("hoa.inquiry", "hoa.meeting", "hoa.disclosure", "hoa.unit"):
            self.assertFalse(self.allowed(self.records[model], newcomer, "read"), model)
        self.estate_a.staff_ids = [Command.link(newcomer.id)]
        self.env.flush_all()
        for model in ("hoa.inquiry", "hoa.meeting", "hoa.disclosure", "hoa.unit"):
            self.assertTrue(self.allowed(self.records[model], newcomer, "read"), model)


#: issue 17: the quality department (品质管理部) and the property-management
#: department (物业管理部), on no estate's team, and estate A's records: both
#: read everything of their company; the quality department also organises
#: the half-year visits (the meeting, its attendance, its work report).
DEPT_ROLES = ("quality", "propdept")
DEPT_MATRIX = {
    **dict.fromkeys(
        (
            "hoa.community",
            "hoa.unit",
            "hoa.committee",
            "hoa.committee.member",
            "hoa.inquiry",
            "hoa.matter",
            "hoa.notice",
            "hoa.contact",
            "hoa.matter.opinion",
            "hoa.meeting",
            "hoa.meeting.attendance",
            "hoa.meeting.resolution",
            "hoa.meeting.action",
            "hoa.decision",
            "hoa.decision.voter",
            "hoa.decision.ballot",
            "hoa.disclosure",
            "hoa.disclosure.line",
            "hoa.work.report",
            "hoa.compliance",
            "hoa.archive.seal",
            "hoa.fund.balance",
            "hoa.fund.balance.import",
            "hoa.owner.request",
        ),
        "r--- r---",
    ),
    "half-year visit": "rwc- r---",
    "half-year visit attendance": "rwc- r---",
    "half-year work report": "rwc- r---",
}


@tagged("post_install", "-at_install")
class TestDepartmentAccessMatrix(HoaPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "quality": new_test_user(
                cls.env, "hoa_t_quality", groups="hoa_committee.group_hoa_quality"
            ),
            "propdept": new_test_user(
                cls.env,
                "hoa_t_propdept",
                groups="hoa_committee.group_hoa_property_dept",
            ),
        }
        cls.records = TestAccessMatrix._estate_a_records.__func__(cls)
        visit = cls.env["hoa.meeting"].create(
            {
                "name": "Half-year visit",
                "committee_id": cls.committee_a.id,
                "meeting_type": "half_year",
                "date_start": datetime(2026, 6, 24, 1, 30),
            }
        )
        cls.records["half-year visit"] = visit
        cls.records["half-year visit attendance"] = visit.attendance_ids[0]
        cls.records["half-year work report"] = cls.env["hoa.work.report"].create(
            {
                "community_id": cls.estate_a.id,
                "meeting_id": visit.id,
                "report_kind": "half_year",
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 6, 30),
            }
        )

    def test_departments_through_the_orm(self):
        self.env.flush_all()
        mismatches = []
        for model, line in DEPT_MATRIX.items():
            record = self.records[model]
            self.assertEqual(len(record), 1, model)
            for role, expected in zip(DEPT_ROLES, line.split(), strict=True):
                for operation, letter in zip(OPERATIONS, expected, strict=True):
                    want = letter != "-"
                    try:
                        record.with_user(self.users[role]).check_access(operation)
                        got = True
                    except AccessError:
                        got = False
                    if want != got:
                        mismatches.append(
                            f"{model} {role} {operation}: expected "
                            f"{'allowed' if want else 'refused'}"
                        )
        self.assertFalse(mismatches, "\n".join(mismatches))
