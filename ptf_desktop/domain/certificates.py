"""Membership certificates: printed content, page size, and the keyed verification code.

A certificate carries a verification code that only the foundation can compute: an
HMAC-SHA256, keyed with the foundation's secret certificate key, over a canonical
serialization of everything printed on the certificate. Changing any printed field (a
forged name, a longer term) therefore yields a content whose code no longer verifies,
and without the key nobody can compute the code of a new content.

The code is the first 100 bits of the HMAC, written in Crockford's base32 (digits and
upper-case letters without I, L, O and U, so nothing reads as something else) in four
groups of five, e.g. ``7K2QD-M9XWB-4T0HC-Y8RNE``. 100 bits cannot be guessed.

The QR code on the certificate carries the payload ``PTF-CERT:<number>:<code>``
(:data:`QR_PREFIX`). Certificate numbers are upper-case letters, digits and hyphens, so
the whole payload fits QR's compact alphanumeric mode.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .paper import LETTER_COUNTRIES, PageSize, page_size_for_country

__all__ = [
    "CODE_GROUPS",
    "LETTER_COUNTRIES",
    "MIN_KEY_BYTES",
    "QR_PREFIX",
    "CertificateContent",
    "CertificateDocument",
    "CertificateStatus",
    "PageSize",
    "canonical_content",
    "content_from_canonical",
    "new_certificate_key",
    "normalize_code",
    "page_size_for_country",
    "parse_qr_payload",
    "qr_payload",
    "verification_code",
    "verify_code",
]

QR_PREFIX = "PTF-CERT"
"""First field of every certificate QR payload."""

MIN_KEY_BYTES = 16
"""Shortest secret key accepted: below 128 bits an HMAC key could be searched for."""

CODE_GROUPS = 4
_GROUP_LENGTH = 5
_CODE_BITS = CODE_GROUPS * _GROUP_LENGTH * 5
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Crockford's decoding rules: letters a person may type for a digit they misread.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_NUMBER_PATTERN = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
_SERIALIZATION_VERSION = 1


class CertificateStatus(StrEnum):
    """Where an issued certificate stands in the register."""

    VALID = "valid"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on a certificate, as recorded.

    Attributes:
        number: unique certificate number from its series, e.g. ``CERT-2027-00042``.
        legal_name: the member's legal name exactly as recorded, in its own script.
        tier: the membership tier's label as printed, e.g. ``General``.
        term_start: first day of the membership term.
        term_end: last day of the membership term.
        issue_date: day the certificate was issued.
        signatory_name: who signs for the foundation.
        signatory_title: the signatory's title.
        foundation_name: the foundation's legal name.
        country: the member's country (ISO 3166 alpha-2), which decides the paper.
    """

    number: str
    legal_name: str
    tier: str
    term_start: date
    term_end: date
    issue_date: date
    signatory_name: str
    signatory_title: str
    foundation_name: str
    country: str

    def __post_init__(self) -> None:
        if not _NUMBER_PATTERN.fullmatch(self.number):
            raise ValueError(
                f"Certificate number {self.number!r} must be upper-case letters and digits "
                "in groups joined by hyphens"
            )
        if not self.legal_name.strip():
            raise ValueError("A certificate needs the member's legal name")
        if self.term_end < self.term_start:
            raise ValueError("The term ends before it starts")

    @property
    def page_size(self) -> PageSize:
        """Paper for this member's country."""
        return page_size_for_country(self.country)


@dataclass(frozen=True)
class CertificateDocument:
    """A certificate ready to render: its content and the code computed for it.

    Attributes:
        content: the printed content.
        code: the verification code of the content (:func:`verification_code`).
    """

    content: CertificateContent
    code: str

    @property
    def qr_payload(self) -> str:
        """The text the certificate's QR code carries."""
        return qr_payload(self.content.number, self.code)


def canonical_content(content: CertificateContent) -> str:
    """Serialize a certificate's content canonically (the input of the keyed hash).

    JSON with sorted keys, no insignificant white space, dates in ISO 8601 and only ASCII
    (other characters as JSON escapes), so the same content always gives the same
    text on every machine, and the text can be stored in a PDF as a plain string.

    Args:
        content: the certificate content.

    Returns:
        The canonical JSON text.
    """
    fields = {
        "version": _SERIALIZATION_VERSION,
        "number": content.number,
        "legal_name": content.legal_name,
        "tier": content.tier,
        "term_start": content.term_start.isoformat(),
        "term_end": content.term_end.isoformat(),
        "issue_date": content.issue_date.isoformat(),
        "signatory_name": content.signatory_name,
        "signatory_title": content.signatory_title,
        "foundation_name": content.foundation_name,
        "country": content.country,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def content_from_canonical(text: str) -> CertificateContent:
    """Rebuild a certificate's content from :func:`canonical_content` output.

    Args:
        text: canonical JSON, e.g. as stored in a certificate PDF.

    Returns:
        The content.

    Raises:
        ValueError: if the text is not a canonical serialization of a content.
    """
    try:
        fields = json.loads(text)
        if not isinstance(fields, dict) or fields.pop("version") != _SERIALIZATION_VERSION:
            raise ValueError("unknown serialization version")
        for name in ("term_start", "term_end", "issue_date"):
            fields[name] = date.fromisoformat(fields[name])
        content = CertificateContent(**fields)
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"Not a certificate content: {error}") from error
    if canonical_content(content) != text:
        raise ValueError("Not a canonical certificate content")
    return content


def new_certificate_key() -> bytes:
    """Return a new random secret key for certificate codes (256 bits)."""
    return secrets.token_bytes(32)


def _check_key(key: bytes) -> None:
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"The certificate key must be at least {MIN_KEY_BYTES} bytes long")


def verification_code(content: CertificateContent, key: bytes) -> str:
    """Compute the verification code of a certificate's content.

    Args:
        content: the printed content.
        key: the foundation's secret certificate key.

    Returns:
        The code: 20 Crockford base32 characters in groups of five joined by hyphens.

    Raises:
        ValueError: if the key is too short.
    """
    _check_key(key)
    digest = hmac.new(key, canonical_content(content).encode("ascii"), hashlib.sha256).digest()
    bits = int.from_bytes(digest, "big") >> (len(digest) * 8 - _CODE_BITS)
    characters = [_CROCKFORD[(bits >> shift) & 31] for shift in range(_CODE_BITS - 5, -1, -5)]
    groups = [
        "".join(characters[start : start + _GROUP_LENGTH])
        for start in range(0, len(characters), _GROUP_LENGTH)
    ]
    return "-".join(groups)


def normalize_code(code: str) -> str:
    """Bring a typed or scanned code to its printed form (case, separators, O/I/L).

    Args:
        code: the code as someone typed or scanned it.

    Returns:
        The code in groups of five, or the cleaned text unchanged in length when it does
        not have the length of a code (it will then simply not verify).
    """
    cleaned = re.sub(r"[\s\-]", "", code).upper().translate(_CONFUSABLE)
    if len(cleaned) != CODE_GROUPS * _GROUP_LENGTH:
        return cleaned
    return "-".join(cleaned[i : i + _GROUP_LENGTH] for i in range(0, len(cleaned), 5))


def verify_code(content: CertificateContent, code: str, key: bytes) -> bool:
    """Tell whether ``code`` is the verification code of ``content`` under ``key``.

    Args:
        content: the content as printed on the certificate being checked.
        code: the code read from the certificate (typed codes are normalized first).
        key: the foundation's secret certificate key.

    Returns:
        True only when the code matches the content exactly.
    """
    expected = verification_code(content, key)
    return hmac.compare_digest(expected.encode("ascii"), normalize_code(code).encode("utf-8"))


def qr_payload(number: str, code: str) -> str:
    """Return the QR payload ``PTF-CERT:<number>:<code>``.

    Args:
        number: the certificate number.
        code: its verification code.
    """
    return f"{QR_PREFIX}:{number}:{code}"


def parse_qr_payload(payload: str) -> tuple[str, str]:
    """Split a QR payload into certificate number and verification code.

    Args:
        payload: the decoded QR text.

    Returns:
        ``(number, code)``.

    Raises:
        ValueError: if the text is not a certificate payload.
    """
    parts = payload.strip().split(":")
    if len(parts) != 3 or parts[0] != QR_PREFIX or not _NUMBER_PATTERN.fullmatch(parts[1]):
        raise ValueError(f"Not a certificate QR code: {payload!r}")
    return parts[1], parts[2]
