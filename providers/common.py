"""What every provider shares: the error, the receipt, the timeout, endpoints."""

from collections import namedtuple
from urllib.parse import urlsplit

#: seconds to connect and to read an answer, for every provider
TIMEOUT = 10

#: one delivery receipt: the provider's message id (Aliyun BizId, Tencent SerialNo),
#: the phone, whether it reached the phone, the provider's reason, when (naive UTC)
Receipt = namedtuple("Receipt", "message_id phone delivered reason at")


class ProviderError(Exception):
    """A provider refused or could not be reached.

    ``reason`` is the provider's code and message as it gave them;
    ``transient`` says whether trying again later may succeed (timeout,
    connection, 5xx, throttling) or not (template rejected, bad number, keys).
    """

    def __init__(self, reason, transient=False, address_fault=False):
        super().__init__(reason)
        self.reason = reason
        self.transient = bool(transient)
        #: the recipient's address is at fault (a number the provider
        #: refuses, a WeCom user who is not a contact), not the company's
        #: keys, template or network: the person's channel is marked failing
        self.address_fault = bool(address_fault)

    def __repr__(self):
        kind = "transient" if self.transient else "permanent"
        return f"ProviderError({self.reason!r}, {kind})"


def split_endpoint(endpoint, default_host, default_scheme="https"):
    """``(scheme, host[:port])`` from a setting written ``host``, ``host:port``
    or ``http(s)://host:port``; blank means the provider's public endpoint."""
    endpoint = (endpoint or "").strip().rstrip("/")
    if not endpoint:
        return default_scheme, default_host
    if "://" in endpoint:
        parts = urlsplit(endpoint)
        return (parts.scheme or default_scheme), parts.netloc
    return default_scheme, endpoint
