"""Message providers: SMS (Aliyun, Tencent Cloud) and WeCom.

Plain Python, no ORM writes: the dispatch cron calls these and records the
outcome. Every failure is a :class:`ProviderError` with the provider's reason
and whether trying again later may help.
"""

from . import aliyun_sms, tencent_sms, wecom
from .common import TIMEOUT, ProviderError, Receipt

__all__ = [
    "TIMEOUT",
    "ProviderError",
    "Receipt",
    "aliyun_sms",
    "get_sms_provider",
    "tencent_sms",
    "wecom",
]


def get_sms_provider(company):
    """The SMS provider configured on ``company``, or None when there is none.

    Reads the company's ``hoa_sms_*`` settings as superuser (the keys are
    restricted to administrators).
    """
    company = company.sudo()
    kind = company.hoa_sms_provider
    key_id = company.hoa_sms_access_key_id
    secret = company.hoa_sms_access_key_secret
    sign_name = company.hoa_sms_sign_name
    if not (kind and kind != "none" and key_id and secret and sign_name):
        return None
    if kind == "aliyun":
        return aliyun_sms.AliyunSms(
            key_id,
            secret,
            sign_name,
            region=company.hoa_sms_region,
            endpoint=company.hoa_sms_endpoint,
        )
    if kind == "tencent":
        if not company.hoa_sms_sdk_app_id:
            return None
        return tencent_sms.TencentSms(
            key_id,
            secret,
            sign_name,
            company.hoa_sms_sdk_app_id,
            region=company.hoa_sms_region,
            endpoint=company.hoa_sms_endpoint,
        )
    return None
