import json
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..rules.privacy import (
    last_four_matches,
    mask_id_number,
    mask_mobile,
    normalize_mobile,
)
from . import provider_servers as ps
from .common import HoaCommitteeCase
from .dispatch_common import configure_providers, hold_queued_dispatches
from .portal_common import HoaPortalCase

MOBILE = "13800000001"
ID_NUMBER = "110101199001011234"


class OwnerFixtures:
    @classmethod
    def make_owner(cls, estate, unit_name, name, **values):
        partner = cls.env["res.partner"].create({"name": name, **values})
        unit = cls.env["hoa.unit"].create(
            {
                "community_id": estate.id,
                "name": unit_name,
                "area": 90.0,
                "owner_id": partner.id,
            }
        )
        return partner, unit


class TestPrivacyRules(HoaCommitteeCase):
    def test_masks_and_mobile_numbers(self):
        self.assertEqual(mask_mobile(MOBILE), "138****0001")
        self.assertEqual(mask_id_number(ID_NUMBER), "1101**********1234")
        self.assertEqual(mask_mobile(""), "")
        self.assertEqual(normalize_mobile("+86 138-0000-0001"), MOBILE)
        self.assertEqual(normalize_mobile("0086 13800000001"), MOBILE)
        self.assertIsNone(normalize_mobile("010-65001234"))
        self.assertIsNone(normalize_mobile("2380000000"))
        self.assertTrue(last_four_matches("0001", MOBILE))
        self.assertTrue(last_four_matches("123x", "11010119900101123X"))
        self.assertFalse(last_four_matches("0002", MOBILE, ID_NUMBER))
        self.assertFalse(last_four_matches("", None))


class TestOwnerPrivacy(OwnerFixtures, HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner, cls.unit = cls.make_owner(
            cls.estate_a,
            "9-1-0101",
            "王业主",
            mobile=MOBILE,
            hoa_id_number=ID_NUMBER,
        )

    def test_each_role_sees_what_it_needs(self):
        unit = self.unit.with_user(self.staff_a)
        self.assertEqual(unit.owner_mobile, MOBILE)
        self.assertEqual(unit.owner_id_number, "1101**********1234")
        with self.assertRaises(AccessError):
            self.owner.with_user(self.staff_a).read(["hoa_id_number"])
        self.assertEqual(self.unit.with_user(self.manager_a).owner_id_number, ID_NUMBER)
        self.assertEqual(
            self.owner.with_user(self.manager_a).hoa_id_number_display, ID_NUMBER
        )
        for user in (self.portal_a, self.portal_b):
            with self.assertRaises(AccessError):
                self.owner.with_user(user).read(["hoa_id_number"])
            with self.assertRaises(AccessError):
                self.owner.with_user(user).read(["hoa_id_number_display"])

    def test_export_is_logged(self):
        Log = self.env["hoa.export.log"]
        export = self.env.ref("base.group_allow_export")
        (self.staff_a | self.manager_a).write({"groups_id": [Command.link(export.id)]})
        self.unit.with_user(self.staff_a).export_data(["name", "owner_id/name"])
        self.owner.with_user(self.manager_a).export_data(["name", "mobile"])
        logs = Log.search([], order="id desc", limit=2)
        self.assertEqual(
            [(x.user_id, x.res_model, x.record_count, x.field_names) for x in logs],
            [
                (self.manager_a, "res.partner", 1, "name, mobile"),
                (self.staff_a, "hoa.unit", 1, "name, owner_id.name"),
            ],
        )
        self.assertEqual(len(logs.with_user(self.leader_1).read(["res_model"])), 2)
        with self.assertRaises(AccessError):
            logs.with_user(self.staff_a).read(["res_model"])
        with self.assertRaises(AccessError):
            logs.with_user(self.leader_1).write({"record_count": 0})
        with self.assertRaises(AccessError):
            logs.with_user(self.leader_1).unlink()

    def test_ballots_spreadsheet_is_logged(self):
        self.create_owned_units(self.estate_a, 3, "1", 100.0)
        today = self.env.company._hoa_today()
        decision = self.env["hoa.decision"].create(
            {
                "name": "Fund for lifts",
                "community_id": self.estate_a.id,
                "item": "fund_use",
                "date_open": today - timedelta(days=29),
                "date_close": today + timedelta(days=1),
            }
        )
        decision.action_open()
        report = self.env.ref("hoa_committee.action_report_decision_ballots")
        self.env["ir.actions.report"].with_user(self.staff_a)._render_xlsx(
            report.report_name, decision.ids, {}
        )
        log = self.env["hoa.export.log"].search([], order="id desc", limit=1)
        self.assertEqual(
            (log.user_id, log.res_model, log.channel, log.record_count),
            (self.staff_a, "hoa.decision.voter", "xlsx", len(decision.voter_ids)),
        )


class TestOwnerInvitation(OwnerFixtures, HoaCommitteeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.mobile_1, _u = cls.make_owner(
            cls.estate_a, "9-1-0101", "一号", mobile="138 0000 1001"
        )
        cls.mobile_2, _u = cls.make_owner(
            cls.estate_a, "9-1-0102", "二号", phone="+86 13800001002"
        )
        cls.by_email, _u = cls.make_owner(
            cls.estate_a, "9-1-0201", "三号", email="san@example.com"
        )
        cls.nothing, _u = cls.make_owner(cls.estate_a, "9-1-0202", "四号")
        cls.clash, _u = cls.make_owner(
            cls.estate_a, "9-1-0301", "五号", mobile="13800001005"
        )
        cls.env["res.users"].create({"name": "同号职员", "login": "13800001005"})

    def run_invitation(self, batch_size=2):
        run = self.estate_a.with_user(self.manager_a).action_invite_owners()
        run = self.env["hoa.owner.invitation"].browse(run["res_id"])
        run._hoa_process_batch(batch_size)
        return run

    def test_invites_in_batches_and_reports_who_could_not_be_invited(self):
        run = self.run_invitation()
        self.assertEqual((run.state, run.done_count, run.total), ("running", 2, 5))
        self.assertEqual(run.progress, 40.0)
        self.env["hoa.owner.invitation"]._cron_process(batch_size=2)
        self.assertEqual(run.state, "done")
        self.assertEqual((run.done_count, run.invited_count), (5, 3))
        users = (self.mobile_1 | self.mobile_2 | self.by_email).user_ids
        self.assertEqual(
            sorted(users.mapped("login")),
            ["13800001001", "13800001002", "san@example.com"],
        )
        for user in users:
            self.assertTrue(user._is_portal())
            self.assertEqual(user.lang, "zh_CN")
            self.assertEqual(user.company_id, self.estate_a.company_id)
        self.assertEqual(
            {(f.partner_id, f.reason) for f in run.failure_ids},
            {(self.nothing, "no_contact"), (self.clash, "login_taken")},
        )
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.by_email.ids)]
        ) or self.env["mail.mail"].search([("email_to", "ilike", "san@example.com")])
        self.assertTrue(mail, "the owner with an email gets the invitation")

    def test_running_again_skips_owners_already_invited(self):
        first = self.run_invitation(batch_size=10)
        self.assertEqual(first.state, "done")
        second = self.run_invitation(batch_size=10)
        self.assertNotEqual(first, second)
        self.assertEqual((second.invited_count, second.skipped_count), (0, 3))
        self.assertEqual(len(self.mobile_1.user_ids), 1)

    def test_only_a_head_invites(self):
        with self.assertRaises(AccessError):
            self.estate_a.with_user(self.staff_a).action_invite_owners()
        self.assertFalse(
            self.env["hoa.owner.invitation"].search(
                [("community_id", "=", self.estate_a.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestOwnerOnboardingHttp(OwnerFixtures, HoaPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.owner, cls.unit = cls.make_owner(
            cls.estate_a, "9-1-0101", "王 业主", mobile=MOBILE
        )

    def login_uid(self, login, password):
        response = self.url_open(
            "/web/session/authenticate",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "db": self.env.cr.dbname,
                        "login": login,
                        "password": password,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        return (response.get("result") or {}).get("uid")

    def register(self, unit="9-1-0101", name="王业主", digits="0001"):
        page = self.url_open("/hoa/register").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(
            "/hoa/register",
            data={
                "csrf_token": token,
                "community_id": self.estate_a.id,
                "unit": unit,
                "name": name,
                "digits": digits,
                "password": "owner-pass-1",
                "confirm_password": "owner-pass-1",
            },
        )

    def attempts(self):
        return self.env["hoa.registration.attempt"].search(
            [("community_id", "=", self.estate_a.id)], order="id"
        )

    def test_invited_owner_logs_in_with_the_mobile_number(self):
        run = self.estate_a.with_user(self.manager_a).action_invite_owners()
        run = self.env["hoa.owner.invitation"].browse(run["res_id"])
        run._hoa_process_batch()
        user = self.owner.user_ids
        self.assertEqual(user.login, MOBILE)
        user.password = "owner-pass-1"
        self.assertEqual(self.login_uid(MOBILE, "owner-pass-1"), user.id)

    def test_right_answer_gives_an_account(self):
        response = self.register()
        self.assertTrue(response.url.endswith("/my"), response.url)
        user = self.owner.user_ids
        self.assertEqual((user.login, user._is_portal()), (MOBILE, True))
        self.assertEqual(self.login_uid(MOBILE, "owner-pass-1"), user.id)
        self.assertEqual(self.attempts().mapped("result"), ["success"])

    def test_wrong_answers_get_the_same_message_and_are_logged(self):
        answers = [
            {"unit": "9-1-0199"},
            {"name": "李业主"},
            {"digits": "0002"},
        ]
        for answer in answers:
            response = self.register(**answer)
            self.assertIn("o_hoa_register_error_refused", response.text)
            self.assertNotIn("0002", response.text)
        self.assertFalse(self.owner.user_ids)
        attempts = self.attempts()
        self.assertEqual(attempts.mapped("result"), ["unit", "name", "digits"])
        self.assertEqual(attempts.mapped("ip_address"), ["127.0.0.1"] * 3)
        for attempt in attempts:
            values = attempt.read()[0]
            self.assertNotIn("0002", json.dumps(values, default=str))

    def test_sixth_try_from_an_ip_is_refused_until_the_window_passes(self):
        # wrong units: only the limit per IP address applies
        for i in range(5):
            self.register(unit=f"9-9-99{i:02d}")
        response = self.register()
        self.assertIn("o_hoa_register_error_limited", response.text)
        self.assertFalse(self.owner.user_ids)
        self.assertEqual(self.attempts()[-1].result, "rate_limited")
        self.attempts().write(
            {"attempt_date": fields.Datetime.now() - timedelta(hours=2)}
        )
        response = self.register()
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertTrue(self.owner.user_ids)

    def test_a_unit_tried_five_times_in_a_day_is_refused(self):
        # five wrong answers on the unit today, each from another address
        self.env["hoa.registration.attempt"].create(
            [
                {
                    "ip_address": f"203.0.113.{i}",
                    "community_id": self.estate_a.id,
                    "unit_name": self.unit.name,
                    "unit_id": self.unit.id,
                    "result": "digits",
                }
                for i in range(5)
            ]
        )
        response = self.register()
        self.assertIn("o_hoa_register_error_limited", response.text)
        self.attempts().write(
            {"attempt_date": fields.Datetime.now() - timedelta(hours=2)}
        )
        response = self.register()
        self.assertIn("o_hoa_register_error_limited", response.text)
        self.assertFalse(self.owner.user_ids)
        self.attempts().write(
            {"attempt_date": fields.Datetime.now() - timedelta(days=2)}
        )
        response = self.register()
        self.assertTrue(response.url.endswith("/my"), response.url)

    def test_revoked_owner_cannot_log_in(self):
        user = self.env["res.users"].create(
            {
                "name": self.owner.name,
                "login": MOBILE,
                "password": "owner-pass-1",
                "partner_id": self.owner.id,
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        self.assertEqual(self.login_uid(MOBILE, "owner-pass-1"), user.id)
        with self.assertRaises(AccessError):
            self.unit.with_user(self.staff_a).action_revoke_owner_access()
        self.unit.with_user(self.manager_a).action_revoke_owner_access()
        self.assertFalse(user.active)
        self.assertIn("Portal access revoked", self.unit.message_ids[0].body)
        self.assertFalse(self.login_uid(MOBILE, "owner-pass-1"))
        # nor can they register again
        self.opener.cookies.clear()
        self.register()
        self.assertEqual(self.attempts()[-1].result, "revoked")
        self.assertFalse(user.active)


@tagged("post_install", "-at_install")
class TestOwnerInvitationSms(OwnerFixtures, HoaCommitteeCase):
    """An owner without an email address hears of the new account by SMS:
    queued with the invitation, sent by the sending job through the
    provider's approved template."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = ps.ProviderSandbox().start()
        cls.addClassCleanup(cls.sandbox.stop)
        configure_providers(cls.estate_a.company_id, cls.sandbox)
        hold_queued_dispatches(cls.env)
        cls.by_mobile, _u = cls.make_owner(
            cls.estate_a, "9-2-0101", "短信业主", mobile="139 0000 2001"
        )
        cls.by_email, _u = cls.make_owner(
            cls.estate_a, "9-2-0102", "邮件业主", email="yj@example.com"
        )

    def test_owner_without_email_gets_the_invitation_by_sms(self):
        run = self.estate_a.with_user(self.manager_a).action_invite_owners()
        run = self.env["hoa.owner.invitation"].browse(run["res_id"])
        run._hoa_process_batch(10)
        user = self.by_mobile.user_ids
        self.assertEqual(user.login, "13900002001")
        dispatch = self.env["hoa.dispatch"].search(
            [("res_model", "=", "res.users"), ("res_id", "=", user.id)]
        )
        self.assertEqual(
            (dispatch.channel, dispatch.address, dispatch.state),
            ("sms", "+86 13900002001", "queued"),
        )
        # the owner with an email address is not sent an SMS as well
        self.assertFalse(
            self.env["hoa.dispatch"].search(
                [("res_model", "=", "res.users"), ("partner_id", "=", self.by_email.id)]
            )
        )
        # nothing left for the provider inside the request
        self.assertEqual(self.sandbox.sent("aliyun"), [])
        self.env["hoa.dispatch"]._cron_send()
        sent = self.sandbox.sent("aliyun")
        self.assertEqual([r["phone"] for r in sent], ["13900002001"])
        self.assertEqual(sent[0]["template_code"], "SMS_HOA_OWNER_INVITATION")
        self.assertIn("13900002001", str(sent[0]["params"]))
        self.assertIn("/hoa/register", str(sent[0]["params"]))
        self.assertEqual(dispatch.state, "sent")
