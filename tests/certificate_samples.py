"""Sample certificates for the tests: content, key, rendering and a test signing identity."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date
from pathlib import Path

from ptf_desktop.documents.certificate import render_certificate
from ptf_desktop.domain.certificates import (
    CertificateContent,
    CertificateDocument,
    verification_code,
)
from ptf_desktop.resources import resource_path

KEY = bytes(range(100, 132))
PASSPHRASE = b"correct horse battery staple"


def sample_content(**changes: object) -> CertificateContent:
    content = CertificateContent(
        number="CERT-2027-00042",
        legal_name="Müller & Söhne Maschinenbau AG",
        tier="General",
        term_start=date(2027, 1, 1),
        term_end=date(2027, 12, 31),
        issue_date=date(2027, 1, 15),
        signatory_name="Ada Lovelace",
        signatory_title="Executive Director",
        foundation_name="PyTorch Foundation",
        country="DE",
    )
    return replace(content, **changes)  # type: ignore[arg-type]


def sample_document(**changes: object) -> CertificateDocument:
    content = sample_content(**changes)
    return CertificateDocument(content, verification_code(content, KEY))


def logo() -> Path:
    return resource_path("images/logo.png")


def render(document: CertificateDocument, signature_image: bytes | None = None) -> bytes:
    return render_certificate(document, logo=logo(), signature_image=signature_image)


@functools.cache
def signing_identity() -> bytes:
    """A self-signed PKCS#12 for the tests (made once per test run: key generation is slow)."""
    from ptf_desktop.documents.signing import create_self_signed_pkcs12

    return create_self_signed_pkcs12("Ada Lovelace", "PyTorch Foundation", PASSPHRASE)
