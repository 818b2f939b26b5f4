"""Trusted timestamps (可信时间戳, RFC 3161) of an estate's hash chain.

A time-stamping authority (TSA) signs, with its own clock, the SHA-256 chain
hash of a seal: the token proves that the chain up to that seal existed at
that moment, so a chain recomputed later no longer matches its token.

The message imprint of a token IS the chain hash (SHA-256, 32 bytes): nothing
else is sent to the authority. Tokens are requested and read with
``tsp-client`` (RFC 3161 over HTTP, checked with pyOpenSSL), verified against
the certificate the company trusts for its authority: the authority's own
certificate or the CA certificate(s) that issued it, in PEM.
"""

import functools
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import requests
from asn1crypto import cms
from OpenSSL.crypto import FILETYPE_PEM, X509Store, load_certificate
from tsp_client import SigningSettings, TSPSigner, TSPVerifier
from tsp_client.algorithms import DigestAlgorithm
from tsp_client.exceptions import TSPClientSigningError

#: seconds to wait for the authority's answer
TIMEOUT = 30

#: OpenSSL's X509_V_FLAG_PARTIAL_CHAIN: a certificate of the trusted PEM is an
#: anchor even when it is not self-signed (the TSA's own certificate)
_PARTIAL_CHAIN = 0x80000

_PEM_CERTIFICATE = re.compile(
    r"-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----"
)


class TimestampError(Exception):
    """A timestamp could not be obtained or does not hold."""


class TsaUnreachable(TimestampError):
    """The authority did not answer, or refused to stamp."""


class TokenInvalid(TimestampError):
    """The token is malformed, or its signature or certificate does not verify
    against the trusted certificate: it was tampered with or not issued by the
    authority."""


class ImprintMismatch(TimestampError):
    """The token is genuine but stamps another hash: the chain changed after
    it was timestamped."""


@dataclass(frozen=True)
class Token:
    """What a token says (read from it, not from the database)."""

    gen_time: datetime  # naive UTC, as Odoo stores moments
    serial: str
    tsa: str
    imprint: str  # hex of the stamped hash
    hash_algorithm: str


def certificates(pem):
    """The certificates of ``pem`` (text), parsed; ``ValueError`` when it
    holds none or one that does not parse."""
    blocks = _PEM_CERTIFICATE.findall(pem or "")
    if not blocks:
        raise ValueError("no PEM certificate")
    try:
        return [load_certificate(FILETYPE_PEM, block.encode()) for block in blocks]
    except Exception as error:
        raise ValueError(str(error)) from error


def read_token(token):
    """What ``token`` (DER bytes of a TimeStampToken) says, unverified;
    ``TokenInvalid`` when it is not a token."""
    try:
        content = cms.ContentInfo.load(bytes(token))
        tst_info = content["content"]["encap_content_info"]["content"].native
        imprint = tst_info["message_imprint"]
        tsa = _signer_name(content) or _general_name(tst_info.get("tsa"))
        return Token(
            gen_time=tst_info["gen_time"].astimezone(timezone.utc).replace(tzinfo=None),
            serial=str(tst_info["serial_number"]),
            tsa=tsa,
            imprint=imprint["hashed_message"].hex(),
            hash_algorithm=imprint["hash_algorithm"]["algorithm"],
        )
    except TokenInvalid:
        raise
    except Exception as error:
        raise TokenInvalid(f"not a time-stamp token: {error}") from error


def _signer_name(content):
    """Common name of the certificate that signed the token (the TSA)."""
    signed = content["content"]
    signer = signed["signer_infos"][0]["sid"]
    if signer.name != "issuer_and_serial_number":
        return ""
    serial = signer.chosen["serial_number"].native
    for choice in signed["certificates"] or []:
        certificate = choice.chosen
        if certificate.serial_number == serial:
            return certificate.subject.native.get("common_name", "")
    return ""


def _general_name(name):
    if not name:
        return ""
    if isinstance(name, dict):
        return name.get("common_name") or ", ".join(str(v) for v in name.values())
    return str(name)


class _Verifier(TSPVerifier):
    """tsp-client's verifier, trusting the certificates of a PEM text, at the
    moment the token was issued (an authority's certificate expires long
    before the archive does)."""

    def __init__(self, trusted_pem):
        super().__init__()
        self._trusted = certificates(trusted_pem)
        self._at = None

    def _get_ca_store(self):
        store = X509Store()
        for certificate in self._trusted:
            store.add_cert(certificate)
        store.set_flags(_PARTIAL_CHAIN)
        if self._at:
            store.set_time(self._at)
        return store

    def verify(self, time_stamp_token, **kwargs):
        self._at = read_token(time_stamp_token).gen_time.replace(tzinfo=timezone.utc)
        return super().verify(time_stamp_token, **kwargs)


class _Signer(TSPSigner):
    """tsp-client's requester, checking the answer with :class:`_Verifier`."""

    def __init__(self, trusted_pem):
        super().__init__()
        self._verifier = _Verifier(trusted_pem)


def request_token(url, chain_hash, trusted_pem, timeout=TIMEOUT):
    """Have the authority at ``url`` timestamp ``chain_hash`` (hex SHA-256);
    return the token (DER bytes) and what it says, once verified against
    ``trusted_pem``.

    Raises ``TsaUnreachable`` (no answer, HTTP error, refusal) or
    ``TokenInvalid`` (the answer does not verify)."""
    digest = bytes.fromhex(chain_hash)
    try:
        signer = _Signer(trusted_pem)
    except ValueError as error:
        raise TokenInvalid(f"trusted certificate: {error}") from error
    settings = SigningSettings(
        tsp_server=url,
        digest_algorithm=DigestAlgorithm.SHA256,
        transport=functools.partial(requests.post, timeout=timeout),
    )
    try:
        token = signer.sign(message_digest=digest, signing_settings=settings)
    except (requests.RequestException, TSPClientSigningError) as error:
        # no answer, an HTTP error, a refusal, or a clock too far from ours
        raise TsaUnreachable(str(error)) from error
    except TimestampError:
        raise
    except Exception as error:
        # an answer that does not verify (signature, certificate, nonce)
        raise TokenInvalid(str(error) or type(error).__name__) from error
    return token, read_token(token)


def verify_token(token, chain_hash, trusted_pem):
    """Check ``token`` against the trusted certificate(s) and ``chain_hash``;
    return what it says.

    Raises ``TokenInvalid`` when it is not genuine (tampered, or signed by
    another authority) and ``ImprintMismatch`` when it is genuine but stamps
    another hash than ``chain_hash``."""
    info = read_token(token)
    try:
        _Verifier(trusted_pem).verify(bytes(token))
    except Exception as error:
        raise TokenInvalid(str(error) or type(error).__name__) from error
    if info.hash_algorithm != "sha256" or info.imprint != chain_hash:
        raise ImprintMismatch(
            f"the token stamps {info.imprint}, the chain holds {chain_hash}"
        )
    return info
