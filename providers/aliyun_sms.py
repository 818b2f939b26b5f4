"""Aliyun (阿里云) SMS through the official SDK ``alibabacloud_dysmsapi20170525``."""

import json
import logging
from datetime import datetime, timedelta

from . import common
from .common import ProviderError, Receipt, split_endpoint

_logger = logging.getLogger(__name__)

PUBLIC_ENDPOINT = "dysmsapi.aliyuncs.com"
DEFAULT_REGION = "cn-hangzhou"

#: what Aliyun expects back from a receipt (SmsReport) push
RECEIPT_OK = {"code": 0, "msg": "成功"}

#: answer codes worth trying again later (provider busy or throttling)
TRANSIENT_CODES = {
    "isp.SYSTEM_ERROR",
    "isp.GATEWAY_ERROR",
    "isv.BUSINESS_LIMIT_CONTROL",
    "Throttling",
    "Throttling.User",
    "Throttling.Api",
    "ServiceUnavailable",
    "InternalError",
}


#: answer codes that are about the number itself
ADDRESS_CODES = {
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.MOBILE_COUNT_OVER_LIMIT",
}


def _is_transient(code):
    return code in TRANSIENT_CODES or (code or "").startswith("Throttling")


class AliyunSms:
    provider = "aliyun"

    def __init__(
        self, access_key_id, access_key_secret, sign_name, region=None, endpoint=None
    ):
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.sign_name = sign_name
        self.region = region or DEFAULT_REGION
        self.scheme, self.endpoint = split_endpoint(endpoint, PUBLIC_ENDPOINT)

    def _client(self):
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import models as open_api_models

        config = open_api_models.Config(
            access_key_id=self.access_key_id,
            access_key_secret=self.access_key_secret,
            region_id=self.region,
            endpoint=self.endpoint,
            protocol=self.scheme,
            connect_timeout=common.TIMEOUT * 1000,
            read_timeout=common.TIMEOUT * 1000,
        )
        return Client(config)

    def send(self, phone, template_code, params):
        """Send one templated SMS; return Aliyun's BizId or raise ProviderError."""
        from alibabacloud_dysmsapi20170525 import models as sms_models
        from darabonba.runtime import RuntimeOptions

        request = sms_models.SendSmsRequest(
            phone_numbers=national_number(phone),
            sign_name=self.sign_name,
            template_code=template_code,
            template_param=json.dumps(dict(params or []), ensure_ascii=False),
        )
        runtime = RuntimeOptions(
            connect_timeout=common.TIMEOUT * 1000,
            read_timeout=common.TIMEOUT * 1000,
            autoretry=False,
        )
        try:
            response = self._client().send_sms_with_options(request, runtime)
        except Exception as e:
            raise _error(e) from e
        body = response.body
        if body is None:
            raise ProviderError("Aliyun: empty answer", transient=True)
        if body.code != "OK":
            reason = f"{body.code}: {body.message}"
            raise ProviderError(
                reason,
                transient=_is_transient(body.code),
                address_fault=body.code in ADDRESS_CODES,
            )
        return body.biz_id


def _error(exc):
    """ProviderError from what the Aliyun SDK raised."""
    from alibabacloud_tea_openapi.exceptions import (
        AlibabaCloudException,
        ServerException,
        ThrottlingException,
    )

    if isinstance(exc, AlibabaCloudException):
        data = exc.data or {}
        code = data.get("Code") or exc.code
        message = data.get("Message") or exc.message
        transient = (
            isinstance(exc, ServerException | ThrottlingException)
            or (exc.status_code or 0) >= 500
            or _is_transient(code)
        )
        return ProviderError(
            f"{code}: {message}",
            transient=transient,
            address_fault=code in ADDRESS_CODES,
        )
    inner = getattr(exc, "inner_exception", None) or exc
    message = getattr(inner, "message", None) or str(inner)
    # no answer: connection refused, timeout, DNS - try again later
    return ProviderError(f"{type(inner).__name__}: {message}", transient=True)


def national_number(phone):
    """Aliyun wants mainland numbers without +86 (11 digits)."""
    digits = "".join(c for c in (phone or "") if c.isdigit() or c == "+")
    if digits.startswith("+86"):
        return digits[3:]
    if digits.startswith("+"):
        return "00" + digits[1:]
    return digits


def _parse_time(value):
    """Aliyun's Beijing time ``2017-01-01 11:12:13`` as naive UTC."""
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S") - timedelta(hours=8)
    except (TypeError, ValueError):
        return None


def parse_receipts(payload):
    """Receipts of an Aliyun SmsReport push (a JSON array, str/bytes or parsed)."""
    if isinstance(payload, bytes | str):
        payload = json.loads(payload or "[]")
    if isinstance(payload, dict):
        payload = [payload]
    receipts = []
    for item in payload or []:
        if not isinstance(item, dict) or not item.get("biz_id"):
            continue
        delivered = item.get("success") in (True, "true", "True", 1)
        code = item.get("err_code") or ""
        message = item.get("err_msg") or ""
        receipts.append(
            Receipt(
                message_id=str(item["biz_id"]),
                phone=item.get("phone_number") or "",
                delivered=delivered,
                reason="" if delivered else f"{code}: {message}".strip(": "),
                at=_parse_time(item.get("report_time")),
            )
        )
    return receipts
