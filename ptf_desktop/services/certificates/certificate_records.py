"""Certificate register rows: new rows, plain data of rows, and a certificate's document."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ...domain.certificates import (
    CertificateContent,
    CertificateDocument,
    CertificateStatus,
    verification_code,
)
from ...domain.errors import UserError
from ...domain.records import record_from
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import (
    Certificate,
    CertificateVerificationKey,
    FoundationSettingsRow,
    MembershipTerm,
    Organization,
)
from ..billing.series import series_of, take_next_number

_CONTENT_FIELDS = tuple(field.name for field in fields(CertificateContent))
_TIER_LABELS = {"premier": "Premier", "general": "General", "associate": "Associate"}


@dataclass(frozen=True)
class CertificateRecord:
    """One certificate of the register.

    Attributes:
        id: the certificate's key.
        organization_id: the member organization.
        term_id: the membership term it certifies.
        number: its number, e.g. ``CERT-2027-0001``.
        legal_name: the member's legal name as printed.
        tier: the tier as printed, e.g. ``General``.
        term_start: first day of the term.
        term_end: last day of the term.
        issue_date: the day it was issued.
        status: valid, superseded or revoked.
        superseded_by: the number of the certificate that replaced it ("" when none).
        revocation_reason: why it was revoked ("" when not revoked).
        revoked_on: when it was revoked.
        signed: whether its PDF carries the foundation's signature.
        verification_code: the keyed code printed on it.
    """

    id: uuid.UUID
    organization_id: uuid.UUID
    term_id: uuid.UUID
    number: str
    legal_name: str
    tier: str
    term_start: date
    term_end: date
    issue_date: date
    status: str
    superseded_by: str
    revocation_reason: str
    revoked_on: date | None
    signed: bool
    verification_code: str


def to_record(row: Certificate, superseded_by: str = "") -> CertificateRecord:
    """The plain-data view of a certificate row."""
    return record_from(CertificateRecord, row, superseded_by=superseded_by)


def content_of(row: Certificate) -> CertificateContent:
    """The printed content recorded for a certificate."""
    # The certificate row keeps each printed field in a column of the same name.
    return record_from(CertificateContent, row)


def _content_columns(content: CertificateContent) -> dict[str, Any]:
    return {name: getattr(content, name) for name in _CONTENT_FIELDS}


def document_of(row: Certificate) -> CertificateDocument:
    """The certificate's content with its recorded verification code."""
    return CertificateDocument(content_of(row), row.verification_code)


def new_certificate_row(
    s: Session,
    term: MembershipTerm,
    day: date,
    settings: FoundationSettingsRow,
    verification_key: CertificateVerificationKey,
    number: str | None = None,
) -> Certificate:
    """A new valid certificate of a term, numbered in ``s`` but not yet added to it.

    Args:
        s: the write session whose transaction stores the certificate.
        term: the membership term certified.
        day: the issue date.
        settings: the foundation settings row (signatory, prefix, foundation name).
        verification_key: the key of the verification code (the newest, as a rule).
        number: a number of :func:`certificate_series` already taken in ``s``; the
            next one is taken when None.

    Raises:
        UserError: the signatory's name or title is not set.
    """
    if not settings.signatory_name.strip() or not settings.signatory_title.strip():
        raise UserError(
            "Set the signatory's name and title in Settings before issuing certificates."
        )
    organization = s.get(Organization, term.organization_id)
    assert organization is not None  # the foreign key guarantees it
    series = certificate_series(settings, day)
    content = CertificateContent(
        number=number or take_next_number(s, series),
        legal_name=organization.legal_name,
        tier=_TIER_LABELS.get(term.tier, term.tier.title()),
        term_start=term.start_date,
        term_end=term.end_date,
        issue_date=day,
        signatory_name=settings.signatory_name,
        signatory_title=settings.signatory_title,
        foundation_name=settings.legal_name,
        country=organization.country,
    )
    return Certificate(
        id=time_ordered_uuid(),
        organization_id=organization.id,
        term_id=term.id,
        series=series_of(content.number),
        **_content_columns(content),
        verification_code=verification_code(content, verification_key.key),
        verification_key_id=verification_key.id,
        status=CertificateStatus.VALID.value,
        revocation_reason="",
        signed=False,
        pdf_sha256="",
    )


def certificate_series(settings: FoundationSettingsRow, day: date) -> str:
    """The number series of certificates issued on the day, e.g. ``CERT-2027``."""
    from ...domain.billing.numbering import series_key

    return series_key(settings.certificate_prefix or "CERT", day.year)


@functools.cache
def logo() -> bytes:
    """The foundation's logo as drawn on certificates."""
    # Read once per process: a year's batch draws it on every certificate.
    from ...resources import resource_path

    return resource_path("images/logo.png").read_bytes()
