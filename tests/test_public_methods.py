import base64
import inspect
from datetime import date, datetime

from odoo import Command
from odoo.models import regex_private
from odoo.tests import tagged
from odoo.tools import mute_logger

from . import test_access_matrix
from .portal_common import HoaPortalCase

ADDON = "odoo.addons.hoa_committee."

#: the ORM's own methods the addon overrides: their rights are the access
#: rights and record rules, role by role in test_access_matrix
ORM = {
    "create",
    "write",
    "unlink",
    "copy",
    "read",
    "search",
    "name_create",
    "export_data",
}

#: the chatter's own methods the addon narrows: portal users may post on a
#: record they read, within the limits test_state_guard proves
CHATTER = {"message_post", "message_notify"}

#: public methods a portal user or the public may call, with why
ALLOWED = {
    # none: what members and owners do in the portal goes through the
    # controllers, which call private methods
}

#: the arguments a method takes after the ids (or instead, for @api.model)
ARGS = {
    "message_new": [{"subject": "Rigged", "body": "<p>x</p>"}],
    "create_xlsx_report": [[], {}],
    "generate_xlsx_report": [None, {}, []],
}


def addon_methods(env):
    """{model: {method}} for every public method the addon's code defines,
    on its own models and on the models it extends."""
    found = {}
    for name in env.registry:
        for klass in type(env[name]).__mro__:
            if not klass.__module__.startswith(ADDON):
                continue
            for attr, value in vars(klass).items():
                if (
                    inspect.isfunction(value)
                    and not regex_private.match(attr)
                    and attr not in ORM | CHATTER
                ):
                    found.setdefault(name, set()).add(attr)
    return found


@tagged("post_install", "-at_install")
class TestPublicMethods(HoaPortalCase):
    """Through JSON-RPC, as a browser would: every public method of the
    addon is refused to a committee member, an owner and the public, and
    the record it was called on is left as it was."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        records = test_access_matrix.TestAccessMatrix._estate_a_records.__func__(cls)
        records.update(
            test_access_matrix.TestAccessMatrix._evaluation_records.__func__(cls)
        )
        env = cls.env
        meeting = records["hoa.meeting"]
        calendar = env.ref("hoa_committee.workday_calendar_cn")
        records.update(
            {
                "hoa.workday.calendar": calendar,
                "hoa.workday.exception": calendar.exception_ids[:1],
                "hoa.weekday": env.ref("hoa_committee.weekday_saturday"),
                "hoa.overdue": env["hoa.overdue"].search([], limit=1),
                "hoa.workday.import.wizard": env["hoa.workday.import.wizard"].create(
                    {"calendar_id": calendar.id, "year": 2026}
                ),
                "hoa.inquiry.escalate.wizard": env[
                    "hoa.inquiry.escalate.wizard"
                ].create(
                    {
                        "inquiry_ids": records["hoa.inquiry"].ids,
                        "reason": "Beyond us",
                    }
                ),
                "hoa.inquiry.answer.wizard": env["hoa.inquiry.answer.wizard"].create(
                    {"inquiry_id": records["hoa.inquiry"].id, "channel": "paper"}
                ),
                "hoa.meeting.notice.wizard": env["hoa.meeting.notice.wizard"].create(
                    {"meeting_ids": meeting.ids}
                ),
                "hoa.meeting.paper.sign.wizard": env[
                    "hoa.meeting.paper.sign.wizard"
                ].create(
                    {
                        "attendance_id": records["hoa.meeting.attendance"].id,
                        "scan": base64.b64encode(b"%PDF-1.4 signed"),
                        "scan_name": "signed.pdf",
                    }
                ),
                "hoa.meeting.void.wizard": env["hoa.meeting.void.wizard"].create(
                    {"meeting_id": meeting.id, "reason": "Wrong day"}
                ),
                "hoa.decision.draft.wizard": env["hoa.decision.draft.wizard"].create(
                    {"decision_ids": records["hoa.decision"].ids, "reason": "Roll"}
                ),
                "hoa.archive.seal.acknowledge.wizard": env[
                    "hoa.archive.seal.acknowledge.wizard"
                ].create(
                    {"seal_ids": records["hoa.archive.seal"].ids, "reason": "Seen"}
                ),
                "hoa.disclosure.import.wizard": env[
                    "hoa.disclosure.import.wizard"
                ].create(
                    {
                        "disclosure_id": records["hoa.disclosure"].id,
                        "data_file": base64.b64encode(b"category,name,amount\n"),
                        "file_name": "lines.csv",
                    }
                ),
            }
        )
        service = (
            env["hoa.service"]
            .sudo()
            ._create_in_state(
                [
                    {
                        "res_model": "hoa.meeting",
                        "res_id": meeting.id,
                        "document": "meeting_notice",
                        "partner_id": cls.portal_a.partner_id.id,
                        "channel": "portal",
                        "state": "sent",
                        "sent_at": datetime(2026, 3, 10, 2, 0),
                        "company_id": meeting.company_id.id,
                        "community_id": meeting.community_id.id,
                        "committee_id": meeting.committee_id.id,
                    }
                ]
            )
        )
        records.update(
            {
                "hoa.service": service,
                "hoa.service.receipt.wizard": env["hoa.service.receipt.wizard"].create(
                    {
                        "service_id": service.id,
                        "signed_by": "Member",
                        "scan": base64.b64encode(b"%PDF-1.4 receipt"),
                        "scan_name": "receipt.pdf",
                    }
                ),
            }
        )
        records["hoa.owner.invitation"] = env["hoa.owner.invitation"]._hoa_start(
            cls.estate_a
        )
        mediation = env["hoa.mediation"].create(
            {
                "community_id": cls.estate_a.id,
                "subject": "Parking",
                "outcome": "<p>Agreed</p>",
                "party_ids": [
                    Command.create({"partner_id": cls.owner_a.partner_id.id})
                ],
            }
        )
        records.update(
            {
                "hoa.mediation": mediation,
                "hoa.operations.report": env["hoa.operations.report"].create(
                    {
                        "community_id": cls.estate_a.id,
                        "date_from": date(2026, 7, 1),
                        "date_to": date(2026, 9, 30),
                    }
                ),
                "hoa.disclosure.publish.wizard": env[
                    "hoa.disclosure.publish.wizard"
                ].create(
                    {"disclosure_id": records["hoa.disclosure"].id, "reason": "x"}
                ),
                "res.config.settings": env["res.config.settings"].create({}),
                "hoa.sms.test.wizard": env["hoa.sms.test.wizard"].create(
                    {"phone": "13800138000", "template_code": "SMS_1"}
                ),
            }
        )
        cls.records = records

    def stamps(self):
        """Each fixture's last write, read afresh from the database."""
        self.env.invalidate_all()
        return {
            model: tuple(
                record.sudo().with_context(active_test=False).mapped("write_date")
            )
            for model, record in self.records.items()
            if "write_date" in record._fields
        }

    def test_every_public_method_checks_who_calls(self):
        methods = addon_methods(self.env)
        self.assertIn("action_refresh", methods["hoa.compliance"])
        self.assertIn("action_verify", methods["hoa.archive.seal"])
        for model in methods:
            # a model of the addon with records needs one here to be probed
            if not self.env[model]._abstract and self.env[model]._auto:
                self.assertIn(model, self.records, f"no fixture for {model}")
        self.env.cr.precommit.run()
        before = self.stamps()
        for login in ("hoa_t_portal_a", "hoa_t_owner_a", None):
            if login:
                self.authenticate(login, login)
            else:
                self.logout()
            for model, names in sorted(methods.items()):
                record = self.records.get(model, self.env[model])
                for name in sorted(names):
                    if (model, name) in ALLOWED:
                        continue
                    method = getattr(type(self.env[model]), name)
                    args = list(ARGS.get(name, []))
                    if getattr(method, "_api", None) != "model":
                        args.insert(0, record.ids)
                    with self.subTest(user=login or "public", model=model, method=name):
                        answer = self.call_kw(model, name, args)
                        error = answer.get("error", {}).get("data", {}).get("name")
                        expected = (
                            "odoo.exceptions.AccessError"
                            if login
                            else "odoo.http.SessionExpiredException"
                        )
                        self.assertEqual(error, expected, answer)
        self.assertEqual(self.stamps(), before, "nothing was changed")
        # every allowance still exists
        for model, name in ALLOWED:
            self.assertIn(name, methods.get(model, ()), (model, name))

    # the refused calls are logged by the server as it answers them
    @mute_logger("odoo.http")
    def test_a_signature_ip_comes_from_the_request(self):
        meeting = self.held_meeting()
        mine = meeting.attendance_ids.filtered(
            lambda line: line.member_id.partner_id == self.portal_a.partner_id
        )
        mine.present = True
        self.env.flush_all()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        for name in ("action_portal_sign", "_portal_sign"):
            answer = self.call_kw(
                "hoa.meeting", name, [meeting.ids], {"ip": "203.0.113.66"}
            )
            self.assertIn("error", answer, name)
        for name in ("action_sign", "_sign"):
            answer = self.call_kw(
                "hoa.meeting.attendance",
                name,
                [mine.ids],
                {"method": "portal", "ip": "203.0.113.66"},
            )
            self.assertIn("error", answer, name)
        self.env.invalidate_all()
        self.assertFalse(mine.signed_at)
        self.assertFalse(mine.signed_ip)
        # the portal's button signs with the address the request came from
        response = self.post(f"{meeting.access_url}/sign", {"ip": "203.0.113.66"})
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertTrue(mine.signed_at)
        self.assertEqual(mine.signed_ip, "127.0.0.1")
        self.assertEqual(mine.sign_method, "portal")

    def test_refresh_recomputes_only_the_heads_estates(self):
        Compliance = self.env["hoa.compliance"]
        Compliance._refresh(communities=self.estate_c)
        # what the fixtures changed is computed now, not during the requests
        self.env.cr.precommit.run()
        # figures gone wrong: a refresh corrects the rows it recomputes (it
        # writes only rows whose figures differ)
        Compliance.search(
            [("community_id", "in", (self.estate_a | self.estate_c).ids)]
        ).issues = 99
        self.env.flush_all()

        def computed(estate):
            self.env.invalidate_all()
            return Compliance.search([("community_id", "=", estate.id)]).mapped(
                "issues"
            )

        before_a, before_c = computed(self.estate_a), computed(self.estate_c)
        self.assertTrue(before_a and before_c)
        self.authenticate("hoa_t_staff_a", "hoa_t_staff_a")
        answer = self.call_kw("hoa.compliance", "action_refresh", [[]])
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessError", answer
        )
        self.assertEqual(computed(self.estate_a), before_a)
        self.authenticate("hoa_t_manager_a", "hoa_t_manager_a")
        answer = self.call_kw("hoa.compliance", "action_refresh", [[]])
        self.assertEqual(answer["result"]["tag"], "soft_reload", answer)
        self.assertNotEqual(computed(self.estate_a), before_a)
        self.assertEqual(computed(self.estate_c), before_c, "the other company's")
