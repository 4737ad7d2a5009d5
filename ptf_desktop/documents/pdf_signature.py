"""PAdES signatures written in the same pass as a ReportLab document.

Signing a finished PDF (``signing.sign_pdf``) parses it again, appends an incremental
update and builds the CMS structure object by object: about 40 ms a certificate, twice
the rendering. A document we write ourselves can carry its signature from the start:

1. :func:`prepare_signature` adds to the canvas, before the page is finished, an
   invisible signature field, the catalog's ``/AcroForm`` and a signature dictionary
   whose ``/ByteRange`` and ``/Contents`` are fixed-width placeholders.
2. After ``canvas.save()``, :meth:`PendingSignature.complete` fills in the byte range
   (everything but the ``/Contents`` value), hashes it, and writes the CMS signature
   into the placeholder. The file is one revision, signed over its whole length.

The CMS SignedData (PAdES baseline B: content type, message digest and the ESS
signing-certificate-v2 attribute, no signing time inside the CMS) is made once per
process and signing certificate by pyHanko, with a placeholder digest; every signature
after that replaces the 32 digest bytes and the RSA signature value in that template,
which gives the same DER pyHanko would write. RSA keys only: an RSA signature always has
the key's length, so the template's lengths never change; for other keys
:func:`prepare_signature` returns None and the caller signs with ``sign_pdf``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import os
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents.signing import FIELD_NAME, load_signing_key

__all__ = ["PendingSignature", "SignatureRequest", "prepare_signature"]

_BYTE_RANGE_PLACEHOLDER = b"[0 0000000000 0000000000 0000000000]"
_BYTE_RANGE_KEY = b"/ByteRange "
_CONTENTS_KEY = b"/Contents <"


@dataclass(frozen=True)
class SignatureRequest:
    """Who signs a document and why.

    Attributes:
        pkcs12: the signing certificate and key (PKCS#12 archive).
        passphrase: the archive's passphrase.
        reason: why it is signed, shown by PDF readers.
        location: where it is signed.
    """

    pkcs12: bytes
    passphrase: bytes
    reason: str
    location: str


@dataclass(frozen=True)
class _CmsTemplate:
    """A detached CMS SignedData with holes for the message digest and the signature."""

    key: Any
    der: bytes
    attributes_at: int
    attributes_length: int
    digest_at: int
    signature_at: int
    signature_length: int

    def sign(self, digest: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15

        start, end = self.attributes_at, self.attributes_at + self.attributes_length
        # In SignerInfo the attributes are [0] IMPLICIT; what is signed is their DER as
        # a SET OF (RFC 5652, 5.4): the same bytes under the SET tag.
        attributes = self.der[start : start + self.digest_at] + digest
        attributes += self.der[start + self.digest_at + len(digest) : end]
        signature: bytes = self.key.sign(b"\x31" + attributes[1:], PKCS1v15(), hashes.SHA256())
        if len(signature) != self.signature_length:  # pragma: no cover - RSA never varies
            raise ValueError("The signature does not fit its template")
        return (
            self.der[:start]
            + attributes
            + self.der[end : self.signature_at]
            + signature
            + self.der[self.signature_at + self.signature_length :]
        )


class PendingSignature:
    """The signature placeholders of one document, to be completed once it is saved."""

    def __init__(self, template: _CmsTemplate) -> None:
        self._template = template

    @property
    def contents_length(self) -> int:
        """Hex digits reserved for the CMS signature."""
        return 2 * len(self._template.der)

    def complete(self, pdf: bytes) -> bytes:
        """Sign the saved document in place of its placeholders.

        Args:
            pdf: the bytes the canvas saved.

        Returns:
            The signed PDF, of the same length.

        Raises:
            ValueError: the document does not hold exactly one set of placeholders.
        """
        contents = _find_once(pdf, _CONTENTS_KEY + b"0" * self.contents_length + b">")
        gap_start = contents + len(_CONTENTS_KEY) - 1  # the "<" is not signed
        gap_end = gap_start + self.contents_length + 2
        byte_range = f"[0 {gap_start} {gap_end} {len(pdf) - gap_end}]".encode().ljust(
            len(_BYTE_RANGE_PLACEHOLDER)
        )
        at = _find_once(pdf, _BYTE_RANGE_KEY + _BYTE_RANGE_PLACEHOLDER) + len(_BYTE_RANGE_KEY)
        pdf = pdf[:at] + byte_range + pdf[at + len(byte_range) :]
        digest = hashlib.sha256()
        digest.update(memoryview(pdf)[:gap_start])
        digest.update(memoryview(pdf)[gap_end:])
        signature = self._template.sign(digest.digest()).hex().encode()
        return pdf[: gap_start + 1] + signature + pdf[gap_end - 1 :]


def prepare_signature(
    canvas: Canvas, request: SignatureRequest, *, now: dt.datetime | None = None
) -> PendingSignature | None:
    """Reserve a signature in a one-page document before its page is shown.

    Args:
        canvas: the document's canvas, on its (only) page, before ``showPage()``.
        request: the signing certificate and the signature's reason and location.
        now: the signing time written in the signature dictionary (now, UTC).

    Returns:
        The placeholders to complete after ``canvas.save()``; None when the key is not
        an RSA key (sign the saved PDF with ``signing.sign_pdf`` instead).

    Raises:
        SigningError: the archive cannot be opened with the passphrase.
    """
    template = _template(
        hashlib.sha256(request.pkcs12).digest(), request.pkcs12, request.passphrase
    )
    if template is None:
        return None
    pending = PendingSignature(template)
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    value = PDFDictionary(
        {
            "Type": PDFName("Sig"),
            "Filter": PDFName("Adobe.PPKLite"),
            "SubFilter": PDFName("ETSI.CAdES.detached"),
            "M": PDFString(when.strftime("D:%Y%m%d%H%M%S+00'00'")),
            "Reason": PDFString(request.reason),
            "Location": PDFString(request.location),
            # Bytes are written as they are: fixed-width placeholders found again later.
            "ByteRange": _BYTE_RANGE_PLACEHOLDER,
            "Contents": b"<" + b"0" * pending.contents_length + b">",
        }
    )
    document = canvas._doc  # ReportLab offers no public object registry
    value_reference = document.Reference(value, "FoundationSignatureValue")
    # An invisible widget merged with its field (ISO 32000-1, 12.7.4.5): hidden (/F 132
    # is Print + Locked) with an empty rectangle, as signatures without appearance are.
    widget = PDFDictionary(
        {
            "Type": PDFName("Annot"),
            "Subtype": PDFName("Widget"),
            "FT": PDFName("Sig"),
            "T": PDFString(FIELD_NAME),
            "F": 132,
            "Rect": PDFArray([0, 0, 0, 0]),
            "V": value_reference,
        }
    )
    canvas._addAnnotation(widget, name=FIELD_NAME)  # adds it to the page too
    field_reference = document.refAnnotation(FIELD_NAME)
    canvas.setCatalogEntry(
        "AcroForm", PDFDictionary({"Fields": PDFArray([field_reference]), "SigFlags": 3})
    )
    return pending


@functools.lru_cache(maxsize=4)
def _template(digest: bytes, pkcs12_bytes: bytes, passphrase: bytes) -> _CmsTemplate | None:
    # One template per process and archive; ``digest`` keeps the cache key small.
    del digest
    from cryptography.hazmat.primitives.asymmetric import rsa
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    signer, key = load_signing_key(pkcs12_bytes, passphrase)
    if not isinstance(key, rsa.RSAPrivateKey):
        return None
    placeholder = os.urandom(32)
    content_info = asyncio.run(
        signer.async_sign(
            placeholder, "sha256", use_pades=True, signed_attr_settings=PdfCMSSignedAttributes()
        )
    )
    der = bytes(content_info.dump())
    signer_info = content_info["content"]["signer_infos"][0]
    attributes = bytes(signer_info["signed_attrs"].dump())
    signature = bytes(signer_info["signature"].native)
    attributes_at = _find_once(der, attributes)
    return _CmsTemplate(
        key=key,
        der=der,
        attributes_at=attributes_at,
        attributes_length=len(attributes),
        digest_at=_find_once(attributes, placeholder),
        signature_at=_find_once(der, signature),
        signature_length=len(signature),
    )


def _find_once(data: bytes, part: bytes) -> int:
    at = data.find(part)
    if at < 0 or data.find(part, at + 1) >= 0:
        raise ValueError("The signature placeholder is missing or not unique")
    return at
