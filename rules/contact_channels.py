"""The addresses of a person's channels (渠道), written the one way the
providers take them."""

from .privacy import normalize_mobile

#: the channels a message is sent by, in the order of the selection
ELECTRONIC = ("email", "sms", "wecom")

#: the channels that end the chain when every electronic one failed
LAST_RESORT = ("portal", "paper")


def normalize_channel_mobile(value):
    """``138 0000 0001``, ``+86-13800000001`` → ``+86 13800000001``; ``None``
    when ``value`` is not a mainland mobile number."""
    digits = normalize_mobile(value)
    return f"+86 {digits}" if digits else None


def provider_phone(address):
    """The number as the SMS providers take it (E.164: ``+8613800000001``),
    or ``None``."""
    digits = normalize_mobile(address)
    return f"+86{digits}" if digits else None
