"""Check a certificate PDF: its signature, its QR code and the content printed on it.

What is checked, in order, each failure named in plain words:

1. The PDF signature (``signing.verify_signature``): valid, invalid or missing.
2. The certificate data in the XMP metadata (``certificate_metadata``): the QR payload
   and the canonical content that was hashed.
3. When a QR reader is given (``qr_reading.decode_qr_codes``), the QR code drawn on
   the page decodes to exactly that payload.
4. The payload's certificate number is the content's number, and with the
   foundation's key the payload's code is the keyed hash of the content. The key may be
   found from the certificate number (each certificate names the key it was made with).
5. Every content field (name, tier, term, number, issue date, signatory, the code) is
   printed on the page, as the page's extracted text shows.

The register status (valid, superseded, revoked) is not known here; the service that
owns the register adds it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ptf_desktop.documents.certificate import printed_lines
from ptf_desktop.documents.certificate_metadata import read_certificate_metadata
from ptf_desktop.documents.pdf_text import page_lines
from ptf_desktop.documents.signing import SignatureCheck, verify_signature
from ptf_desktop.domain.certificates import (
    CertificateContent,
    CertificateDocument,
    content_from_canonical,
    parse_qr_payload,
    verify_code,
)

__all__ = [
    "CertificateCheck", "KeyFinder", "SignatureState", "check_certificate_pdf", "page_text",
]  # fmt: skip

QrReader = Callable[[bytes], list[str]]
"""Takes PDF bytes, returns the texts of the QR codes found on its first page."""
KeyFinder = Callable[[str], Sequence[bytes]]
"""Takes a certificate number, returns the keys its code may have been made with."""

_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_SPACE = re.compile(r"\s+")


class SignatureState(StrEnum):
    """The state of a certificate's PDF signature."""

    VALID = "valid"
    INVALID = "invalid"
    MISSING = "missing"


@dataclass(frozen=True)
class CertificateCheck:
    """What :func:`check_certificate_pdf` found.

    Attributes:
        signature_state: valid, invalid or missing.
        signature: the details of the signature check.
        content: the certificate content stored in the PDF, when readable.
        payload: the QR payload stored in the PDF, when readable.
        code_checked: whether the code was checked against the content with the key.
        problems: what is wrong, one sentence each; empty when the certificate is good.
    """

    signature_state: SignatureState
    signature: SignatureCheck
    content: CertificateContent | None
    payload: str | None
    code_checked: bool
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        """Nothing is wrong."""
        return not self.problems


def _comparable(text: str) -> str:
    """Text for comparison: NFKC (Arabic presentation forms to letters), no spaces."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS))


def page_text(pdf_bytes: bytes) -> str:
    """Return the text of a PDF's first page, line by line in logical order.

    Shaped words are read from their ``/ActualText`` (see
    :mod:`~ptf_desktop.documents.pdf_text`), which general-purpose extractors ignore.

    Raises:
        ValueError: if the PDF cannot be read.
    """
    return "\n".join(page_lines(pdf_bytes))


def _printed(expected: str, page: str) -> bool:
    wanted = _comparable(expected)
    # Right-to-left text is stored in visual order: the extracted characters run
    # backwards compared with the recorded name.
    return wanted in page or wanted[::-1] in page


def _check_printed(document: CertificateDocument, pdf_bytes: bytes) -> list[str]:
    try:
        page = _comparable(page_text(pdf_bytes))
    except ValueError as error:
        return [str(error)]
    labels = {
        "legal_name": "member's name",
        "tier": "tier",
        "term": "term",
        "number": "certificate number",
        "issue_date": "issue date",
        "signatory_name": "signatory's name",
        "signatory_title": "signatory's title",
        "foundation_name": "foundation's name",
        "code": "verification code",
    }
    return [
        f"The {labels[field]} printed on the page does not match the certificate data "
        f"(expected {text!r})"
        for field, text in printed_lines(document).items()
        if text and not _printed(text, page)
    ]


def check_certificate_pdf(
    pdf_bytes: bytes,
    *,
    key: bytes | KeyFinder | None,
    qr_reader: QrReader | None = None,
    require_signature: bool = True,
) -> CertificateCheck:
    """Check a certificate PDF and say what is wrong with it, if anything.

    Args:
        pdf_bytes: the PDF file's bytes.
        key: the foundation's certificate key, or a function finding the keys of a
            certificate number; without one the code cannot be checked, which is
            reported as a problem.
        qr_reader: decodes the QR codes drawn on the page; None skips that comparison.
        require_signature: report a missing signature as a problem.

    Returns:
        The findings; ``valid`` is true only when nothing is wrong.
    """
    problems: list[str] = []
    signature = verify_signature(pdf_bytes)
    if not signature.signed:
        state = SignatureState.MISSING
        if require_signature:
            problems.append("The certificate is not signed")
    else:
        state = SignatureState.VALID if signature.valid else SignatureState.INVALID
        problems.extend(signature.problems)
    try:
        metadata = read_certificate_metadata(pdf_bytes)
    except ValueError as error:
        return CertificateCheck(state, signature, None, None, False, (*problems, str(error)))
    if metadata is None:
        problems.append("The file carries no certificate data: it is not a certificate")
        return CertificateCheck(state, signature, None, None, False, tuple(problems))
    try:
        content = content_from_canonical(metadata.content)
        number, code = parse_qr_payload(metadata.payload)
    except ValueError as error:
        problems.append(f"The certificate data is damaged: {error}")
        return CertificateCheck(state, signature, None, metadata.payload, False, tuple(problems))
    if qr_reader is not None:
        decoded = qr_reader(pdf_bytes)
        if not decoded:
            problems.append("No QR code could be read on the page")
        elif decoded != [metadata.payload]:
            problems.append(
                f"The QR code on the page ({', '.join(decoded)}) is not the certificate's "
                f"({metadata.payload})"
            )
    if number != content.number:
        problems.append(
            f"The QR code names certificate {number}, the page certificate {content.number}"
        )
    code_checked = key is not None
    if key is None:
        problems.append("The verification code was not checked: the certificate key is missing")
    elif not any(verify_code(content, code, one) for one in _keys_of(key, content.number)):
        problems.append(
            "The verification code does not match the content: the certificate was altered "
            "or was not issued by the foundation"
        )
    problems.extend(_check_printed(CertificateDocument(content, code), pdf_bytes))
    return CertificateCheck(
        state, signature, content, metadata.payload, code_checked, tuple(problems)
    )


def _keys_of(key: bytes | KeyFinder, number: str) -> Sequence[bytes]:
    """The keys to try; a finder that knows none means no key of the foundation made it."""
    return (key,) if isinstance(key, bytes) else key(number)
