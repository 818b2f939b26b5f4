"""Owners' personal information (个人信息保护法): reading a mobile number as
a login, masking mobile and identity numbers for the roles that do not need
them whole, and checking the last four digits an owner types to prove who
they are.
"""

import re

#: a mainland mobile number: 11 digits starting with 1
_MOBILE = re.compile(r"^1\d{10}$")


def normalize_mobile(value):
    """The 11 digits of a mainland mobile number written in ``value``
    (spaces, dashes, ``+86`` or ``0086`` in front), or ``None`` when it is
    not one."""
    if not value:
        return None
    digits = re.sub(r"\D", "", str(value))
    for prefix in ("0086", "86"):
        if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    return digits if _MOBILE.match(digits) else None


def _mask(value, head, tail):
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_mobile(value):
    """``13800000001`` → ``138****0001``: the first three and last four
    characters kept."""
    return _mask(value, 3, 4)


def mask_id_number(value):
    """``110101199001011234`` → ``1101**********1234``: the region's first
    four and the last four characters kept."""
    return _mask(value, 4, 4)


def last_four(value):
    """The last four characters of a mobile or identity number, upper case
    (an identity number may end with X), or ``None`` when too short."""
    value = re.sub(r"[\s-]", "", str(value or "")).upper()
    return value[-4:] if len(value) >= 4 else None


def last_four_matches(typed, *registered):
    """Whether ``typed`` (four characters) are the last four of one of the
    ``registered`` numbers; empty numbers never match."""
    typed = re.sub(r"\s", "", str(typed or "")).upper()
    if len(typed) != 4:
        return False
    return any(last_four(number) == typed for number in registered if number)
