"""The SMS and WeCom providers, through the real SDKs, against the loopback
servers of ``provider_servers`` that verify each request's signature."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from . import provider_servers as ps
from .common import HoaTransactionCase
from odoo.addons.hoa_committee import providers
from odoo.addons.hoa_committee.providers import (
    ProviderError,
    aliyun_sms,
    get_sms_provider,
    tencent_sms,
    wecom,
)

PHONE = "+86 13800138000"
PARAMS = [("name", "张三"), ("meeting", "第3次业委会会议"), ("link", "http://h/r/Ab1")]


class ProviderCase(HoaTransactionCase):
    """A sandbox on a free loopback port; clients time out after 1 s and the
    sandbox's "timeout" answer sleeps 3 s."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = ps.ProviderSandbox(port=0, timeout_sleep=3).start()
        cls.addClassCleanup(cls.sandbox.stop)
        timeout = patch.object(providers.common, "TIMEOUT", 1)
        timeout.start()
        cls.addClassCleanup(timeout.stop)
        cls.company = cls.env.company

    def setUp(self):
        super().setUp()
        self.sandbox.requests.clear()
        self.sandbox._answers.clear()
        self.sandbox.wecom_invalid_users.clear()
        wecom.clear_token_cache()

    def configure(self, provider="aliyun", **values):
        keys = {
            "aliyun": (ps.ALIYUN_KEY_ID, ps.ALIYUN_KEY_SECRET),
            "tencent": (ps.TENCENT_SECRET_ID, ps.TENCENT_SECRET_KEY),
        }[provider]
        self.company.write(
            {
                "hoa_sms_provider": provider,
                "hoa_sms_access_key_id": keys[0],
                "hoa_sms_access_key_secret": keys[1],
                "hoa_sms_sign_name": "示例物业",
                "hoa_sms_sdk_app_id": "1400006666",
                "hoa_sms_endpoint": self.sandbox.endpoint,
                "hoa_wecom_corp_id": ps.WECOM_CORP_ID,
                "hoa_wecom_agent_id": "1000002",
                "hoa_wecom_secret": ps.WECOM_SECRET,
                "hoa_wecom_api_base": self.sandbox.endpoint,
                **values,
            }
        )
        return get_sms_provider(self.company)

    def assertRefused(self, send, code, transient):
        with self.assertRaises(ProviderError) as caught:
            send()
        self.assertTrue(
            caught.exception.reason.startswith(code),
            f"{caught.exception.reason!r} does not start with {code!r}",
        )
        self.assertEqual(caught.exception.transient, transient, caught.exception.reason)
        return caught.exception


class TestSmsProviders(ProviderCase):
    def test_no_provider_until_configured(self):
        self.company.hoa_sms_provider = "none"
        self.assertIsNone(get_sms_provider(self.company))
        sms = self.configure("aliyun", hoa_sms_sign_name=False)
        self.assertIsNone(sms, "no signature name: no SMS")
        self.assertIsNone(self.configure("tencent", hoa_sms_sdk_app_id=False))

    def test_aliyun_sends_through_the_sdk(self):
        sms = self.configure("aliyun")
        biz_id = sms.send(PHONE, "SMS_465930001", PARAMS)
        [sent] = self.sandbox.sent("aliyun")
        self.assertEqual(biz_id, sent["message_id"])
        self.assertEqual(sent["phone"], "13800138000")
        self.assertEqual(sent["sign_name"], "示例物业")
        self.assertEqual(sent["template_code"], "SMS_465930001")
        self.assertEqual(
            sent["params"],
            {"name": "张三", "meeting": "第3次业委会会议", "link": "http://h/r/Ab1"},
        )

    def test_aliyun_wrong_secret_is_refused_with_its_reason(self):
        sms = self.configure("aliyun", hoa_sms_access_key_secret="not-the-secret")
        self.assertRefused(
            lambda: sms.send(PHONE, "SMS_465930001", PARAMS),
            "SignatureDoesNotMatch: Specified signature is not matched",
            transient=False,
        )
        self.assertFalse(self.sandbox.sent())
        sms = self.configure("aliyun", hoa_sms_access_key_id="LTAIunknown")
        self.assertRefused(
            lambda: sms.send(PHONE, "SMS_465930001", PARAMS),
            "InvalidAccessKeyId.NotFound",
            transient=False,
        )

    def test_aliyun_failures_are_reported_with_their_reason(self):
        sms = self.configure("aliyun")
        cases = [
            ("error", "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号", False),
            ("template", "isv.SMS_TEMPLATE_ILLEGAL: 该账号下找不到对应模板", False),
            ("throttle", "isv.BUSINESS_LIMIT_CONTROL", True),
            ("5xx", "ServiceUnavailable", True),
            ("timeout", "RetryError: HTTPConnectionPool", True),
        ]
        for answer, code, transient in cases:
            with self.subTest(answer=answer):
                self.sandbox.answer("aliyun", answer)
                self.assertRefused(
                    lambda: sms.send(PHONE, "SMS_465930001", PARAMS), code, transient
                )
        self.assertFalse(self.sandbox.sent(), "nothing was accepted")

    def test_tencent_sends_through_the_sdk(self):
        sms = self.configure("tencent")
        serial = sms.send(PHONE, "1820001", PARAMS)
        [sent] = self.sandbox.sent("tencent")
        self.assertEqual(serial, sent["message_id"])
        self.assertEqual(sent["phone"], "+8613800138000")
        self.assertEqual(sent["sdk_app_id"], "1400006666")
        self.assertEqual(sent["sign_name"], "示例物业")
        self.assertEqual(sent["template_code"], "1820001")
        self.assertEqual(sent["params"], ["张三", "第3次业委会会议", "http://h/r/Ab1"])

    def test_tencent_wrong_secret_is_refused_with_its_reason(self):
        sms = self.configure("tencent", hoa_sms_access_key_secret="not-the-secret")
        self.assertRefused(
            lambda: sms.send(PHONE, "1820001", PARAMS),
            "AuthFailure.SignatureFailure: The provided credentials could not be "
            "validated",
            transient=False,
        )
        self.assertFalse(self.sandbox.sent())

    def test_tencent_failures_are_reported_with_their_reason(self):
        sms = self.configure("tencent")
        cases = [
            ("error", "InvalidParameterValue.IncorrectPhoneNumber", False),
            ("template", "FailedOperation.TemplateIncorrectOrUnapproved", False),
            ("throttle", "RequestLimitExceeded", True),
            ("5xx", "ServerNetworkError", True),
            ("timeout", "ClientNetworkError", True),
        ]
        for answer, code, transient in cases:
            with self.subTest(answer=answer):
                self.sandbox.answer("tencent", answer)
                self.assertRefused(
                    lambda: sms.send(PHONE, "1820001", PARAMS), code, transient
                )
        self.assertFalse(self.sandbox.sent(), "nothing was accepted")

    def test_connection_refused_is_transient(self):
        # a port nobody listens on: the one of a server just closed
        closed = ps.ProviderSandbox(port=0)
        endpoint = closed.endpoint
        closed.httpd.server_close()
        for provider, code in (
            ("aliyun", "RetryError"),
            ("tencent", "ClientNetworkError"),
        ):
            with self.subTest(provider=provider):
                sms = self.configure(provider, hoa_sms_endpoint=endpoint)
                self.assertRefused(lambda sms=sms: sms.send(PHONE, "1", []), code, True)


class TestReceipts(HoaTransactionCase):
    """The documented push formats, written out here as the providers send
    them."""

    def test_aliyun_sms_report(self):
        payload = json.dumps(
            [
                {
                    "phone_number": "13800138000",
                    "send_time": "2026-12-01 11:12:13",
                    "report_time": "2026-12-01 11:12:20",
                    "success": True,
                    "err_code": "DELIVERED",
                    "err_msg": "用户接收成功",
                    "sms_size": "1",
                    "biz_id": "932702304080415357^0",
                    "out_id": "",
                },
                {
                    "phone_number": "13900139000",
                    "send_time": "2026-12-01 11:12:13",
                    "report_time": "2026-12-01 11:13:00",
                    "success": False,
                    "err_code": "MK:0001",
                    "err_msg": "用户关机",
                    "sms_size": "1",
                    "biz_id": "932702304080415358^0",
                    "out_id": "",
                },
            ],
            ensure_ascii=False,
        ).encode()
        ok, failed = aliyun_sms.parse_receipts(payload)
        self.assertEqual(ok.message_id, "932702304080415357^0")
        self.assertTrue(ok.delivered)
        self.assertEqual(ok.reason, "")
        self.assertEqual(str(ok.at), "2026-12-01 03:12:20", "Beijing time as UTC")
        self.assertEqual(failed.phone, "13900139000")
        self.assertFalse(failed.delivered)
        self.assertEqual(failed.reason, "MK:0001: 用户关机")
        self.assertEqual(aliyun_sms.RECEIPT_OK, {"code": 0, "msg": "成功"})

    def test_tencent_status_callback(self):
        payload = (
            '[{"user_receive_time": "2026-12-01 08:03:04", "nationcode": "86",'
            ' "mobile": "13800138000", "report_status": "SUCCESS",'
            ' "errmsg": "DELIVRD", "description": "用户短信送达成功",'
            ' "sid": "2640:12345678"},'
            ' {"user_receive_time": "2026-12-01 08:03:09", "nationcode": "86",'
            ' "mobile": "13900139000", "report_status": "FAIL",'
            ' "errmsg": "MK:0001", "description": "用户关机",'
            ' "sid": "2640:12345679"}]'
        )
        ok, failed = tencent_sms.parse_receipts(payload)
        self.assertEqual(ok.message_id, "2640:12345678")
        self.assertTrue(ok.delivered)
        self.assertEqual(ok.phone, "+8613800138000")
        self.assertEqual(str(ok.at), "2026-12-01 00:03:04")
        self.assertFalse(failed.delivered)
        self.assertEqual(failed.reason, "MK:0001: 用户关机")
        self.assertEqual(tencent_sms.RECEIPT_OK, {"result": 0, "errmsg": "OK"})

    def test_sandbox_pushes_receipts_the_parsers_read(self):
        """The demo sandbox posts a receipt after each SMS it accepts."""
        received = []
        done = threading.Event()

        class Receiver(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                received.append((self.path, self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                done.set()

            def log_message(self, *args):
                return

        receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=receiver.serve_forever, daemon=True).start()
        self.addCleanup(receiver.server_close)
        self.addCleanup(receiver.shutdown)
        url = f"http://127.0.0.1:{receiver.server_address[1]}/hoa/receipts/{{provider}}/tk"
        sandbox = ps.ProviderSandbox(receipt_url=url, receipt_delay=0.1).start()
        self.addCleanup(sandbox.stop)
        sms = tencent_sms.TencentSms(
            ps.TENCENT_SECRET_ID,
            ps.TENCENT_SECRET_KEY,
            "示例物业",
            "1400006666",
            endpoint=sandbox.endpoint,
        )
        serial = sms.send(PHONE, "1820001", [])
        self.assertTrue(done.wait(10), "no receipt pushed")
        path, body = received[0]
        self.assertEqual(path, "/hoa/receipts/tencent/tk")
        [receipt] = tencent_sms.parse_receipts(body)
        self.assertEqual(receipt.message_id, serial)
        self.assertTrue(receipt.delivered)


class TestWecom(ProviderCase):
    def test_app_message_reports_invalid_users(self):
        self.configure()
        self.sandbox.wecom_invalid_users.add("lisi")
        result = wecom.send_app(
            self.company, ["zhangsan", "lisi"], "第3次业委会会议通知"
        )
        self.assertEqual(result, {"zhangsan": None, "lisi": "invaliduser: lisi"})
        [sent] = self.sandbox.sent("wecom")
        self.assertEqual(sent["users"], ["zhangsan", "lisi"])
        self.assertEqual(sent["agent_id"], 1000002)
        self.assertEqual(sent["text"], "第3次业委会会议通知")

    def test_access_token_cached_and_renewed(self):
        self.configure()
        wecom.send_app(self.company, ["zhangsan"], "一")
        wecom.send_app(self.company, ["zhangsan"], "二")
        tokens = [r for r in self.sandbox.requests if r["provider"] == "wecom_token"]
        self.assertEqual(len(tokens), 1, "the token is fetched once")
        # WeCom forgets the token (expired): a new one is fetched, the message goes
        self.sandbox.tokens.clear()
        self.assertEqual(
            wecom.send_app(self.company, ["zhangsan"], "三"), {"zhangsan": None}
        )
        tokens = [r for r in self.sandbox.requests if r["provider"] == "wecom_token"]
        self.assertEqual(len(tokens), 2)
        self.assertEqual(len(self.sandbox.sent("wecom")), 3)

    def test_app_failures(self):
        self.configure(hoa_wecom_secret="not-the-secret")
        self.assertRefused(
            lambda: wecom.send_app(self.company, ["zhangsan"], "x"),
            "40001: invalid credential",
            transient=False,
        )
        self.configure()
        for answer, code, transient in [
            ("throttle", "45009", True),
            ("5xx", "HTTP 503", True),
            ("timeout", "ReadTimeout", True),
            ("error", "40003", False),
        ]:
            with self.subTest(answer=answer):
                self.sandbox.answer("wecom", answer)
                self.assertRefused(
                    lambda: wecom.send_app(self.company, ["zhangsan"], "x"),
                    code,
                    transient,
                )
        self.assertFalse(self.sandbox.sent("wecom"))

    def test_group_robot(self):
        url = f"{self.sandbox.endpoint}/cgi-bin/webhook/send?key={ps.WECOM_ROBOT_KEY}"
        self.assertEqual(wecom.send_group(url, "**会议通知**"), "")
        [sent] = self.sandbox.sent("robot")
        self.assertEqual((sent["msgtype"], sent["text"]), ("markdown", "**会议通知**"))
        bad = f"{self.sandbox.endpoint}/cgi-bin/webhook/send?key=unknown"
        self.assertRefused(lambda: wecom.send_group(bad, "x"), "93000", transient=False)
        self.sandbox.answer("robot", "timeout")
        self.assertRefused(lambda: wecom.send_group(url, "x"), "ReadTimeout", True)


@tagged("post_install", "-at_install")
class TestSmsSettings(ProviderCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            "hoa_sms_admin",
            groups="base.group_system,hoa_committee.group_hoa_admin",
        )

    def send_test(self, phone="13800138000", code="SMS_465930001", params=""):
        wizard = (
            self.env["hoa.sms.test.wizard"]
            .with_user(self.admin)
            .create({"phone": phone, "template_code": code, "params": params})
        )
        return wizard.action_send()

    def test_test_sms_reports_success(self):
        self.configure("aliyun")
        action = self.send_test(params="name=张三，code=1234")
        [sent] = self.sandbox.sent("aliyun")
        self.assertEqual(sent["params"], {"name": "张三", "code": "1234"})
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn(sent["message_id"], action["params"]["message"])

    def test_test_sms_reports_the_providers_reason(self):
        self.configure("tencent")
        self.sandbox.answer("tencent", "template")
        with self.assertRaisesRegex(
            UserError, "FailedOperation.TemplateIncorrectOrUnapproved"
        ):
            self.send_test()
        with self.assertRaisesRegex(UserError, "not a mainland mobile"):
            self.send_test(phone="12345")
        self.company.hoa_sms_provider = "none"
        with self.assertRaisesRegex(UserError, "No SMS provider"):
            self.send_test()
        self.assertFalse(self.sandbox.sent())

    def test_receipt_addresses_made_on_first_use(self):
        self.company.sudo().hoa_receipt_token = False
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        urls = (settings.hoa_receipt_url_aliyun, settings.hoa_receipt_url_tencent)
        token = self.company.sudo().hoa_receipt_token
        self.assertGreaterEqual(len(token or ""), 32)
        base = self.company.get_base_url()
        self.assertEqual(
            urls,
            (
                f"{base}/hoa/receipts/aliyun/{token}",
                f"{base}/hoa/receipts/tencent/{token}",
            ),
        )
        # the same token next time
        again = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(again.hoa_receipt_url_aliyun, urls[0])

    def test_secrets_are_for_system_administrators(self):
        self.configure("aliyun")
        hoa_admin = new_test_user(
            self.env, "hoa_sms_hoa_admin", groups="hoa_committee.group_hoa_admin"
        )
        company = self.company.with_user(hoa_admin)
        self.assertEqual(company.hoa_sms_sign_name, "示例物业")
        for field in (
            "hoa_sms_access_key_secret",
            "hoa_wecom_secret",
            "hoa_receipt_token",
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                company.read([field])
