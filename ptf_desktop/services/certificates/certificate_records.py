"""Certificate register rows as plain data, and building a certificate's document."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from ...domain.certificates import CertificateContent, CertificateDocument
from ...persistence.models import Certificate


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
    return CertificateRecord(
        id=row.id,
        organization_id=row.organization_id,
        term_id=row.term_id,
        number=row.number,
        legal_name=row.legal_name,
        tier=row.tier,
        term_start=row.term_start,
        term_end=row.term_end,
        issue_date=row.issue_date,
        status=row.status,
        superseded_by=superseded_by,
        revocation_reason=row.revocation_reason,
        revoked_on=row.revoked_on,
        signed=row.signed,
        verification_code=row.verification_code,
    )


def content_of(row: Certificate) -> CertificateContent:
    """The printed content recorded for a certificate."""
    return CertificateContent(
        number=row.number,
        legal_name=row.legal_name,
        tier=row.tier,
        term_start=row.term_start,
        term_end=row.term_end,
        issue_date=row.issue_date,
        signatory_name=row.signatory_name,
        signatory_title=row.signatory_title,
        foundation_name=row.foundation_name,
        country=row.country,
    )


def document_of(row: Certificate) -> CertificateDocument:
    """The certificate's content with its recorded verification code."""
    return CertificateDocument(content_of(row), row.verification_code)
