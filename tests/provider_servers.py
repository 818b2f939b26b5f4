"""Loopback stand-ins for the message providers, for the tests and the demo.

One small HTTP server answers, on one port, what the real services answer:

- Aliyun SMS ``SendSms`` (RPC style as the SDK sends it: ``POST /`` with the
  parameters in the query, signed ``ACS3-HMAC-SHA256`` in ``Authorization``);
- Tencent Cloud SMS ``SendSms`` (``POST /`` JSON body, signed
  ``TC3-HMAC-SHA256`` over ``content-type;host``);
- WeCom ``/cgi-bin/gettoken``, ``/cgi-bin/message/send`` and the group robot
  ``/cgi-bin/webhook/send?key=...``;
- for the demo, a mail server (``--smtp-port``) that accepts every email and
  logs its recipients and subject, so that email is served like the rest.

Every signature is recomputed from the secret the server knows, and a wrong
one is refused the way the provider refuses it (its code and message). The
next answers can be scripted per provider (``ok``, ``error``, ``template``,
``throttle``, ``timeout``, ``5xx``); every request is recorded.

As a sandbox for the demo::

    python3 tests/provider_servers.py --port 8199 \
        --receipt-url 'http://localhost:8181/hoa/receipts/{provider}/TOKEN'

answers OK and POSTs a delivery receipt to the URL a few seconds after each
SMS it accepts.
"""

import argparse
import collections
import hashlib
import hmac
import http.server
import json
import logging
import os
import secrets
import socketserver
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, urlsplit

_logger = logging.getLogger(__name__)

#: the keys the sandbox knows, unless told others
ALIYUN_KEY_ID = "LTAIsandboxKeyId"
ALIYUN_KEY_SECRET = "sandbox-aliyun-secret"
TENCENT_SECRET_ID = "AKIDsandboxSecretId"
TENCENT_SECRET_KEY = "sandbox-tencent-secret"
WECOM_CORP_ID = "wwsandboxcorp"
WECOM_SECRET = "sandbox-wecom-secret"
WECOM_ROBOT_KEY = "sandbox-robot-key"

#: the errors each provider answers for a scripted failure: (code, message)
ALIYUN_ANSWERS = {
    "error": ("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"),
    "template": ("isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板"),
    "throttle": ("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1"),
}
TENCENT_ANSWERS = {
    "error": (
        "InvalidParameterValue.IncorrectPhoneNumber",
        "invalid mobile number format",
    ),
    "template": (
        "FailedOperation.TemplateIncorrectOrUnapproved",
        (
            "template is not approved or request content does not match "
            "the approved template content"
        ),
    ),
    "throttle": ("RequestLimitExceeded", "request limit exceeded"),
}
WECOM_ANSWERS = {
    "error": (40003, "invalid userid"),
    "template": (40008, "invalid message type"),
    "throttle": (45009, "api freq out of limit"),
}


def _hex_sha256(data):
    return hashlib.sha256(data).hexdigest()


class ProviderSandbox:
    """The server, its scripted answers and the requests it received."""

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        receipt_url=None,
        receipt_delay=3.0,
        timeout_sleep=12.0,
    ):
        self.aliyun_keys = {ALIYUN_KEY_ID: ALIYUN_KEY_SECRET}
        self.tencent_keys = {TENCENT_SECRET_ID: TENCENT_SECRET_KEY}
        self.wecom_corps = {WECOM_CORP_ID: WECOM_SECRET}
        self.robot_keys = {WECOM_ROBOT_KEY}
        #: WeCom userids that are not contacts of the corp (reported invaliduser)
        self.wecom_invalid_users = set()
        self.receipt_url = receipt_url
        self.receipt_delay = receipt_delay
        #: a "timeout" answer sleeps this long (past the client's timeout)
        self.timeout_sleep = timeout_sleep
        self.requests = []
        self.tokens = {}
        self._answers = collections.defaultdict(collections.deque)
        self._lock = threading.Lock()
        self._serial = 0
        sandbox = self

        class Handler(_Handler):
            pass

        Handler.sandbox = sandbox
        self.httpd = http.server.ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self._thread = None

    # -- life -----------------------------------------------------------------
    @property
    def port(self):
        return self.httpd.server_address[1]

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- scripting ------------------------------------------------------------
    def answer(self, provider, *answers):
        """Queue the next answers of ``provider`` (aliyun, tencent, wecom,
        robot): ``ok``, ``error``, ``template``, ``throttle``, ``timeout``, ``5xx``.
        Once the queue is empty, the provider answers ``ok``."""
        with self._lock:
            self._answers[provider].extend(answers)

    def next_answer(self, provider):
        with self._lock:
            queue = self._answers[provider]
            return queue.popleft() if queue else "ok"

    def record(self, provider, **values):
        with self._lock:
            entry = {"provider": provider, **values}
            self.requests.append(entry)
            return entry

    def sent(self, provider=None):
        """The requests the server accepted, of one provider or all."""
        return [
            r
            for r in self.requests
            if r.get("accepted") and (provider is None or r["provider"] == provider)
        ]

    def new_id(self, prefix):
        with self._lock:
            self._serial += 1
            return f"{prefix}{int(time.time())}{self._serial:06d}"

    # -- receipts -------------------------------------------------------------
    def receipt_payload(self, provider, message_id, phone, delivered=True):
        """The delivery receipt ``provider`` pushes for one message."""
        now = datetime.now(UTC) + timedelta(hours=8)
        beijing = now.strftime("%Y-%m-%d %H:%M:%S")
        if provider == "aliyun":
            return [
                {
                    "phone_number": phone,
                    "send_time": beijing,
                    "report_time": beijing,
                    "success": delivered,
                    "err_code": "DELIVERED" if delivered else "MK:0001",
                    "err_msg": "用户接收成功" if delivered else "用户关机",
                    "sms_size": "1",
                    "biz_id": message_id,
                    "out_id": "",
                }
            ]
        mobile = phone.removeprefix("+86")
        return [
            {
                "user_receive_time": beijing,
                "nationcode": "86",
                "mobile": mobile,
                "report_status": "SUCCESS" if delivered else "FAIL",
                "errmsg": "DELIVRD" if delivered else "MK:0001",
                "description": "用户短信送达成功" if delivered else "用户关机",
                "sid": message_id,
            }
        ]

    def push_receipt_later(self, provider, message_id, phone):
        if not self.receipt_url:
            return
        url = self.receipt_url.replace("{provider}", provider)
        payload = self.receipt_payload(provider, message_id, phone)

        def push():
            time.sleep(self.receipt_delay)
            request = urllib.request.Request(
                url,
                data=json.dumps(payload, ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    _logger.info(
                        "receipt %s -> %s %s", message_id, url, response.status
                    )
            except OSError as e:
                _logger.warning("receipt %s -> %s failed: %s", message_id, url, e)

        threading.Thread(target=push, daemon=True).start()


class _Handler(http.server.BaseHTTPRequestHandler):
    sandbox = None
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        _logger.debug(fmt, *args)

    # -- plumbing -------------------------------------------------------------
    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send_json(self, payload, status=200, content_type="application/json"):
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _timeout(self):
        time.sleep(self.sandbox.timeout_sleep)
        self.close_connection = True

    def do_GET(self):
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        if url.path == "/cgi-bin/gettoken":
            return self._wecom_gettoken(query)
        self._send_json({"errcode": 404, "errmsg": "not found"}, status=404)

    def do_POST(self):
        url = urlsplit(self.path)
        body = self._body()
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        if url.path == "/cgi-bin/message/send":
            return self._wecom_send(query, body)
        if url.path == "/cgi-bin/webhook/send":
            return self._wecom_robot(query, body)
        if self.headers.get("X-TC-Action"):
            return self._tencent(url, body)
        if self.headers.get("x-acs-action"):
            return self._aliyun(url, body)
        self._send_json({"errcode": 404, "errmsg": "not found"}, status=404)

    # -- Aliyun ---------------------------------------------------------------
    def _aliyun_error(self, status, code, message):
        self._send_json(
            {
                "RequestId": secrets.token_hex(8).upper(),
                "HostId": "dysmsapi.aliyuncs.com",
                "Code": code,
                "Message": message,
                "Recommend": "",
            },
            status=status,
        )

    def _aliyun_signature_ok(self, url, body):
        """``None`` when the ACS3-HMAC-SHA256 signature is right, else the
        (status, code, message) Aliyun answers."""
        auth = self.headers.get("Authorization") or ""
        algorithm, _sep, rest = auth.partition(" ")
        if algorithm != "ACS3-HMAC-SHA256":
            return (
                400,
                "IncompleteSignature",
                "The request signature does not conform to Aliyun standards.",
            )
        parts = dict(p.strip().split("=", 1) for p in rest.split(",") if "=" in p)
        key_id = parts.get("Credential", "")
        secret = self.sandbox.aliyun_keys.get(key_id)
        if secret is None:
            return (
                404,
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
            )
        payload_hash = _hex_sha256(body)
        if self.headers.get("x-acs-content-sha256") != payload_hash:
            return (
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.",
            )
        signed = parts.get("SignedHeaders", "").split(";")
        pairs = sorted(parse_qsl(url.query, keep_blank_values=True))
        canonical_query = "&".join(f"{k}={quote(v, safe='~')}" for k, v in pairs)
        canonical_headers = "".join(
            f"{name}:{','.join(sorted(v.strip() for v in self.headers.get_all(name, [])))}\n"
            for name in signed
        )
        canonical = "\n".join(
            [
                self.command,
                url.path or "/",
                canonical_query,
                canonical_headers,
                ";".join(signed),
                payload_hash,
            ]
        )
        to_sign = f"ACS3-HMAC-SHA256\n{_hex_sha256(canonical.encode())}"
        expected = hmac.new(
            secret.encode(), to_sign.encode(), hashlib.sha256
        ).hexdigest()
        if not hmac.compare_digest(expected, parts.get("Signature", "")):
            return (
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.",
            )
        return None

    def _aliyun(self, url, body):
        sandbox = self.sandbox
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        entry = sandbox.record(
            "aliyun",
            action=self.headers.get("x-acs-action"),
            phone=query.get("PhoneNumbers"),
            sign_name=query.get("SignName"),
            template_code=query.get("TemplateCode"),
            params=json.loads(query.get("TemplateParam") or "{}"),
            accepted=False,
        )
        refused = self._aliyun_signature_ok(url, body)
        if refused:
            entry["refused"] = refused[1]
            return self._aliyun_error(*refused)
        if entry["action"] != "SendSms":
            return self._aliyun_error(
                400, "InvalidAction.NotFound", "Specified api is not found."
            )
        answer = sandbox.next_answer("aliyun")
        entry["answer"] = answer
        if answer == "timeout":
            return self._timeout()
        if answer == "5xx":
            return self._aliyun_error(
                503,
                "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.",
            )
        request_id = secrets.token_hex(8).upper()
        if answer in ALIYUN_ANSWERS:
            code, message = ALIYUN_ANSWERS[answer]
            return self._send_json(
                {"RequestId": request_id, "Code": code, "Message": message}
            )
        biz_id = sandbox.new_id("9")
        entry.update(accepted=True, message_id=biz_id)
        self._send_json(
            {"RequestId": request_id, "Code": "OK", "Message": "OK", "BizId": biz_id}
        )
        sandbox.push_receipt_later("aliyun", biz_id, entry["phone"])

    # -- Tencent Cloud --------------------------------------------------------
    def _tencent_error(self, code, message):
        self._send_json(
            {
                "Response": {
                    "Error": {"Code": code, "Message": message},
                    "RequestId": secrets.token_hex(16),
                }
            }
        )

    def _tencent_signature_ok(self, url, body):
        """``None`` when the TC3-HMAC-SHA256 signature is right, else the
        (code, message) Tencent Cloud answers."""
        auth = self.headers.get("Authorization") or ""
        algorithm, _sep, rest = auth.partition(" ")
        if algorithm != "TC3-HMAC-SHA256":
            return (
                "AuthFailure.InvalidAuthorization",
                "Credential Authorization invalid.",
            )
        parts = dict(p.strip().split("=", 1) for p in rest.split(",") if "=" in p)
        credential = parts.get("Credential", "").split("/")
        if len(credential) != 4:
            return (
                "AuthFailure.InvalidAuthorization",
                "Credential Authorization invalid.",
            )
        secret_id, date, service, _terminator = credential
        secret_key = self.sandbox.tencent_keys.get(secret_id)
        if secret_key is None:
            return (
                "AuthFailure.SecretIdNotFound",
                "The SecretId is not found, please ensure that your SecretId is correct.",
            )
        timestamp = self.headers.get("X-TC-Timestamp") or "0"
        if abs(time.time() - int(timestamp)) > 300:
            return "AuthFailure.SignatureExpire", "Signature expired."
        signed = parts.get("SignedHeaders", "").split(";")
        canonical_headers = "".join(
            f"{name}:{(self.headers.get(name) or '').strip()}\n" for name in signed
        )
        canonical = "\n".join(
            [
                self.command,
                url.path or "/",
                url.query,
                canonical_headers,
                ";".join(signed),
                _hex_sha256(body),
            ]
        )
        scope = f"{date}/{service}/tc3_request"
        to_sign = (
            f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{_hex_sha256(canonical.encode())}"
        )

        def sign(key, msg):
            return hmac.new(key, msg.encode(), hashlib.sha256).digest()

        key = sign(
            sign(sign(("TC3" + secret_key).encode(), date), service), "tc3_request"
        )
        expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, parts.get("Signature", "")):
            return (
                "AuthFailure.SignatureFailure",
                (
                    "The provided credentials could not be validated. "
                    "Please check your signature is correct."
                ),
            )
        return None

    def _tencent(self, url, body):
        sandbox = self.sandbox
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            params = {}
        phones = params.get("PhoneNumberSet") or []
        entry = sandbox.record(
            "tencent",
            action=self.headers.get("X-TC-Action"),
            phone=phones[0] if phones else None,
            sign_name=params.get("SignName"),
            template_code=params.get("TemplateId"),
            params=params.get("TemplateParamSet") or [],
            sdk_app_id=params.get("SmsSdkAppId"),
            accepted=False,
        )
        refused = self._tencent_signature_ok(url, body)
        if refused:
            entry["refused"] = refused[0]
            return self._tencent_error(*refused)
        if entry["action"] != "SendSms":
            return self._tencent_error("InvalidAction", "The action is not found.")
        answer = sandbox.next_answer("tencent")
        entry["answer"] = answer
        if answer == "timeout":
            return self._timeout()
        if answer == "5xx":
            return self._send_json({"message": "Bad Gateway"}, status=502)
        if answer == "throttle":
            return self._tencent_error(*TENCENT_ANSWERS["throttle"])
        request_id = secrets.token_hex(16)
        if answer in TENCENT_ANSWERS:
            code, message = TENCENT_ANSWERS[answer]
            status = {"SerialNo": "", "Code": code, "Message": message}
        else:
            serial = "2640:" + sandbox.new_id("")
            entry.update(accepted=True, message_id=serial)
            status = {"SerialNo": serial, "Code": "Ok", "Message": "send success"}
        status.update(
            PhoneNumber=entry["phone"], Fee=1, SessionContext="", IsoCode="CN"
        )
        self._send_json(
            {"Response": {"SendStatusSet": [status], "RequestId": request_id}}
        )
        if entry["accepted"]:
            sandbox.push_receipt_later("tencent", entry["message_id"], entry["phone"])

    # -- WeCom ----------------------------------------------------------------
    def _wecom_gettoken(self, query):
        sandbox = self.sandbox
        corp_id = query.get("corpid")
        entry = sandbox.record("wecom_token", corp_id=corp_id, accepted=False)
        if corp_id not in sandbox.wecom_corps:
            return self._send_json({"errcode": 40013, "errmsg": "invalid corpid"})
        if not hmac.compare_digest(
            sandbox.wecom_corps[corp_id], query.get("corpsecret") or ""
        ):
            return self._send_json({"errcode": 40001, "errmsg": "invalid credential"})
        token = secrets.token_urlsafe(24)
        sandbox.tokens[token] = time.time() + 7200
        entry["accepted"] = True
        self._send_json(
            {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}
        )

    def _wecom_failure(self, provider):
        """The scripted failure of ``provider`` answered, or None to go on."""
        answer = self.sandbox.next_answer(provider)
        if answer == "timeout":
            self._timeout()
            return answer
        if answer == "5xx":
            self._send_json({"errcode": -1, "errmsg": "system busy"}, status=503)
            return answer
        if answer in WECOM_ANSWERS:
            code, message = WECOM_ANSWERS[answer]
            self._send_json({"errcode": code, "errmsg": message})
            return answer
        return None

    def _wecom_send(self, query, body):
        sandbox = self.sandbox
        payload = json.loads(body or b"{}")
        users = [u for u in (payload.get("touser") or "").split("|") if u]
        text = (payload.get("text") or {}).get("content")
        entry = sandbox.record(
            "wecom",
            users=users,
            agent_id=payload.get("agentid"),
            text=text,
            accepted=False,
        )
        token = query.get("access_token") or ""
        if sandbox.tokens.get(token, 0) < time.time():
            entry["refused"] = "40014"
            return self._send_json({"errcode": 40014, "errmsg": "invalid access_token"})
        if self._wecom_failure("wecom"):
            return
        invalid = [u for u in users if u in sandbox.wecom_invalid_users]
        entry.update(accepted=True, invalid=invalid)
        self._send_json(
            {
                "errcode": 0,
                "errmsg": "ok",
                "invaliduser": "|".join(invalid),
                "invalidparty": "",
                "invalidtag": "",
                "unlicenseduser": "",
                "msgid": sandbox.new_id("wecom-"),
                "response_code": "",
            }
        )

    def _wecom_robot(self, query, body):
        sandbox = self.sandbox
        payload = json.loads(body or b"{}")
        kind = payload.get("msgtype")
        entry = sandbox.record(
            "robot",
            key=query.get("key"),
            msgtype=kind,
            text=(payload.get(kind) or {}).get("content") if kind else None,
            accepted=False,
        )
        if query.get("key") not in sandbox.robot_keys:
            entry["refused"] = "93000"
            return self._send_json({"errcode": 93000, "errmsg": "invalid webhook url"})
        if self._wecom_failure("robot"):
            return
        entry["accepted"] = True
        self._send_json({"errcode": 0, "errmsg": "ok"})


def _exit_with(pid, sandbox):
    """Stop ``sandbox`` once process ``pid`` has ended."""
    while True:
        time.sleep(1)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            _logger.info("process %s ended: stopping", pid)
            sandbox.httpd.shutdown()
            return
        except PermissionError:
            continue


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for Odoo's mail server: every message is
    accepted (250) and its envelope and subject are logged."""

    def _reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self._reply("220 provider-sandbox ESMTP")
        recipients, sender = [], ""
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250-provider-sandbox")
                self._reply("250 SMTPUTF8")
            elif verb == "MAIL":
                sender, recipients = command[10:], []
                self._reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:])
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                subject = ""
                for data in iter(self.rfile.readline, b""):
                    if data in (b".\r\n", b".\n"):
                        break
                    if not subject and data.lower().startswith(b"subject:"):
                        subject = data[8:].decode("utf-8", "replace").strip()
                _logger.info("email from %s to %s: %s", sender, recipients, subject)
                self._reply("250 OK: queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("250 OK")


def _serve_smtp(host, port):
    server = socketserver.ThreadingTCPServer((host, port), _SmtpHandler)
    server.daemon_threads = True
    _logger.info("mail server on %s:%s", host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument(
        "--receipt-url",
        help="POST a delivery receipt here after each accepted SMS; "
        "{provider} is replaced by aliyun or tencent",
    )
    parser.add_argument("--receipt-delay", type=float, default=3.0)
    parser.add_argument(
        "--smtp-port", type=int, help="also accept every email on this port"
    )
    parser.add_argument(
        "--exit-with-pid",
        type=int,
        help="stop when this process (the demo server) is gone",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="provider sandbox: %(message)s")
    sandbox = ProviderSandbox(
        args.host,
        args.port,
        receipt_url=args.receipt_url,
        receipt_delay=args.receipt_delay,
    )
    _logger.info("listening on http://%s:%s", args.host, sandbox.port)
    if args.smtp_port:
        _serve_smtp(args.host, args.smtp_port)
    if args.exit_with_pid:
        threading.Thread(
            target=_exit_with, args=(args.exit_with_pid, sandbox), daemon=True
        ).start()
    try:
        sandbox.httpd.serve_forever()
    except KeyboardInterrupt:
        _logger.info("stopped")
    finally:
        sandbox.httpd.server_close()


if __name__ == "__main__":
    main()
