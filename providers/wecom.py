"""WeCom (企业微信): group robot webhook and application messages."""

import logging
import threading
import time

import requests

from . import common
from .common import ProviderError

_logger = logging.getLogger(__name__)

PUBLIC_API_BASE = "https://qyapi.weixin.qq.com"

#: errcodes worth trying again later: system busy, frequency limits
TRANSIENT_ERRCODES = {-1, 45009, 45033, 45011, 45047, 45601}
#: errcodes meaning the access token is no longer good: fetch a new one once
TOKEN_ERRCODES = {40014, 42001, 41001}

#: access tokens, per (api base, corp id, agent): (token, expires at monotonic)
_tokens = {}
_tokens_lock = threading.Lock()


def _post(url, payload, params=None):
    return _call("post", url, params=params, json=payload)


def _call(method, url, **kwargs):
    try:
        response = requests.request(
            method, url, timeout=(common.TIMEOUT, common.TIMEOUT), **kwargs
        )
    except requests.RequestException as e:
        raise ProviderError(f"{type(e).__name__}: {e}", transient=True) from e
    if response.status_code >= 500:
        raise ProviderError(
            f"HTTP {response.status_code}: {response.text[:200]}", transient=True
        )
    try:
        data = response.json()
    except ValueError as e:
        raise ProviderError(
            f"HTTP {response.status_code}: {response.text[:200]}",
            transient=response.status_code == 429,
        ) from e
    return data


def _check(data):
    errcode = data.get("errcode", 0)
    if errcode:
        raise ProviderError(
            f"{errcode}: {data.get('errmsg', '')}",
            transient=errcode in TRANSIENT_ERRCODES,
        )
    return data


def send_group(webhook_url, text):
    """Post ``text`` as a markdown message to a group robot; return its msgid or ""."""
    if not webhook_url:
        raise ProviderError("no webhook URL")
    data = _check(
        _post(webhook_url, {"msgtype": "markdown", "markdown": {"content": text}})
    )
    return data.get("msgid") or ""


def _settings(company):
    company = company.sudo()
    return {
        "api_base": (company.hoa_wecom_api_base or PUBLIC_API_BASE).rstrip("/"),
        "corp_id": company.hoa_wecom_corp_id or "",
        "agent_id": company.hoa_wecom_agent_id or "",
        "secret": company.hoa_wecom_secret or "",
        "company_id": company.id,
    }


def is_configured(company):
    conf = _settings(company)
    return bool(conf["corp_id"] and conf["agent_id"] and conf["secret"])


def _token(conf, refresh=False):
    key = (
        conf["company_id"],
        conf["api_base"],
        conf["corp_id"],
        conf["agent_id"],
        conf["secret"],
    )
    with _tokens_lock:
        cached = _tokens.get(key)
        if cached and not refresh and cached[1] > time.monotonic():
            return cached[0]
    data = _check(
        _call(
            "get",
            conf["api_base"] + "/cgi-bin/gettoken",
            params={"corpid": conf["corp_id"], "corpsecret": conf["secret"]},
        )
    )
    token = data["access_token"]
    # renew five minutes before WeCom says it expires
    lifetime = max(int(data.get("expires_in") or 7200) - 300, 60)
    with _tokens_lock:
        _tokens[key] = (token, time.monotonic() + lifetime)
    return token


def clear_token_cache():
    with _tokens_lock:
        _tokens.clear()


def send_app(company, userids, text):
    """Send ``text`` as the company's WeCom application to ``userids``.

    Returns ``{userid: None}`` for each user WeCom accepted and
    ``{userid: reason}`` for each it reported in ``invaliduser`` (or
    ``unlicenseduser``); raises ProviderError when the whole call fails.
    """
    userids = [u for u in userids or [] if u]
    if not userids:
        return {}
    conf = _settings(company)
    if not (conf["corp_id"] and conf["agent_id"] and conf["secret"]):
        raise ProviderError("WeCom application not configured")
    try:
        agent_id = int(conf["agent_id"])
    except ValueError as e:
        raise ProviderError(f"invalid agent id: {conf['agent_id']}") from e
    payload = {
        "touser": "|".join(userids),
        "msgtype": "text",
        "agentid": agent_id,
        "text": {"content": text},
    }
    url = conf["api_base"] + "/cgi-bin/message/send"
    data = _post(url, payload, params={"access_token": _token(conf)})
    if data.get("errcode") in TOKEN_ERRCODES:
        data = _post(url, payload, params={"access_token": _token(conf, refresh=True)})
    _check(data)
    invalid = {u for u in (data.get("invaliduser") or "").split("|") if u}
    unlicensed = {u for u in (data.get("unlicenseduser") or "").split("|") if u}
    result = {}
    for userid in userids:
        if userid in invalid:
            result[userid] = f"invaliduser: {userid}"
        elif userid in unlicensed:
            result[userid] = f"unlicenseduser: {userid}"
        else:
            result[userid] = None
    return result
