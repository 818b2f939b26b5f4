"""Tencent Cloud (腾讯云) SMS through the official SDK ``tencentcloud.sms.v20210111``."""

import json
import logging
from datetime import datetime, timedelta

from . import common
from .common import ProviderError, Receipt, split_endpoint

_logger = logging.getLogger(__name__)

PUBLIC_ENDPOINT = "sms.tencentcloudapi.com"
DEFAULT_REGION = "ap-guangzhou"

#: what Tencent Cloud expects back from a status callback
RECEIPT_OK = {"result": 0, "errmsg": "OK"}

#: answer codes worth trying again later (network, provider busy, throttling)
TRANSIENT_PREFIXES = (
    "ClientNetworkError",
    "ServerNetworkError",
    "InternalError",
    "RequestLimitExceeded",
    "LimitExceeded.DeliveryFrequencyLimit",
    "FailedOperation.InsufficientBalanceInSmsPackage",
    "ResourceUnavailable",
)


#: answer codes that are about the number itself
ADDRESS_PREFIXES = (
    "InvalidParameterValue.IncorrectPhoneNumber",
    "FailedOperation.PhoneNumberInBlacklist",
    "FailedOperation.PhoneNumberParseFail",
)


def _is_transient(code):
    return (code or "").startswith(TRANSIENT_PREFIXES)


class TencentSms:
    provider = "tencent"

    def __init__(
        self, secret_id, secret_key, sign_name, sdk_app_id, region=None, endpoint=None
    ):
        self.secret_id = secret_id
        self.secret_key = secret_key
        self.sign_name = sign_name
        self.sdk_app_id = sdk_app_id
        self.region = region or DEFAULT_REGION
        self.scheme, self.endpoint = split_endpoint(endpoint, PUBLIC_ENDPOINT)

    def _client(self):
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111 import sms_client

        http_profile = HttpProfile(
            protocol=self.scheme, endpoint=self.endpoint, reqTimeout=common.TIMEOUT
        )
        profile = ClientProfile(httpProfile=http_profile)
        cred = credential.Credential(self.secret_id, self.secret_key)
        return sms_client.SmsClient(cred, self.region, profile)

    def send(self, phone, template_code, params):
        """Send one templated SMS; return Tencent's SerialNo or raise ProviderError."""
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
            TencentCloudSDKException,
        )
        from tencentcloud.sms.v20210111 import models

        request = models.SendSmsRequest()
        request.PhoneNumberSet = [e164(phone)]
        request.SmsSdkAppId = self.sdk_app_id
        request.SignName = self.sign_name
        request.TemplateId = template_code
        request.TemplateParamSet = [str(value) for _name, value in params or []]
        try:
            response = self._client().SendSms(request)
        except TencentCloudSDKException as e:
            message = e.message
            if isinstance(message, bytes):
                message = message.decode("utf-8", "replace")
            raise ProviderError(
                f"{e.code}: {message}",
                transient=_is_transient(e.code),
                address_fault=(e.code or "").startswith(ADDRESS_PREFIXES),
            ) from e
        except Exception as e:
            raise ProviderError(f"{type(e).__name__}: {e}", transient=True) from e
        statuses = response.SendStatusSet or []
        if not statuses:
            raise ProviderError("Tencent Cloud: empty SendStatusSet", transient=True)
        status = statuses[0]
        if status.Code != "Ok":
            reason = f"{status.Code}: {status.Message}"
            raise ProviderError(
                reason,
                transient=_is_transient(status.Code),
                address_fault=(status.Code or "").startswith(ADDRESS_PREFIXES),
            )
        return status.SerialNo


def e164(phone):
    """Tencent wants +86 numbers in E.164."""
    digits = "".join(c for c in (phone or "") if c.isdigit() or c == "+")
    if digits.startswith("+"):
        return digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+86" + digits
    return digits


def _parse_time(value):
    """Tencent's Beijing time ``2015-10-17 08:03:04`` as naive UTC."""
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S") - timedelta(hours=8)
    except (TypeError, ValueError):
        return None


def parse_receipts(payload):
    """Receipts of a Tencent Cloud status callback (a JSON array, str/bytes or parsed)."""
    if isinstance(payload, bytes | str):
        payload = json.loads(payload or "[]")
    if isinstance(payload, dict):
        payload = [payload]
    receipts = []
    for item in payload or []:
        if not isinstance(item, dict) or not item.get("sid"):
            continue
        delivered = (item.get("report_status") or "").upper() == "SUCCESS"
        mobile = item.get("mobile") or ""
        nation = item.get("nationcode") or ""
        phone = f"+{nation}{mobile}" if nation and mobile else mobile
        code = item.get("errmsg") or ""
        description = item.get("description") or ""
        receipts.append(
            Receipt(
                message_id=str(item["sid"]),
                phone=phone,
                delivered=delivered,
                reason="" if delivered else f"{code}: {description}".strip(": "),
                at=_parse_time(item.get("user_receive_time")),
            )
        )
    return receipts
