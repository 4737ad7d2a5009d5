"""The certificate register: issue, re-issue, revoke, list, read back the stored PDF.

One transaction per public method; plain dataclasses out. A certificate is rendered,
signed (when a signing certificate is set in Settings) and stored byte for byte in the
transaction that takes its number, so a failure leaves no number used and no row.
"""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from ...domain.certificates import CertificateStatus
from ...domain.errors import UserError
from ...persistence.engine import SessionFactories
from ...persistence.models import Certificate, MembershipTerm
from ..atomic_files import write_bytes_atomic
from ..billing.pdf_store import store_pdf, stored_pdf
from ..database_errors import translating_database_errors
from ..live_rows import live_row
from .certifiable import check_certifiable
from .certificate_records import (
    CertificateRecord,
    certificate_series,
    content_of,
    document_of,
    logo,
    new_certificate_row,
    to_record,
)
from .certificate_settings import (
    CertificateSettingsService,
    SigningMaterial,
    settings_row,
)
from .term_choices import terms_in_year
from .verification_keys import current_key

PDF_KIND = "certificate"


@dataclass(frozen=True)
class IssuingMaterial:
    """What signs and decorates new certificates: read once, used for many.

    Attributes:
        signing: the signing certificate and its passphrase; None when not signing.
        signature_image: the signatory's signature image; None when none is set.
    """

    signing: SigningMaterial | None
    signature_image: bytes | None


class CertificateService:
    """Issue and manage membership certificates."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories
        self.settings = CertificateSettingsService(factories)

    def list(self, status: str | None = None) -> list[CertificateRecord]:
        """The register, newest number first, optionally of one status.

        Raises:
            UserError: the status is not valid, superseded or revoked.
        """
        if status is not None and status not in set(CertificateStatus):
            raise UserError(f"Unknown certificate status {status!r}.")
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return [CertificateRecord(**row._mapping) for row in s.execute(_register(status))]

    def get(self, certificate_id: uuid.UUID) -> CertificateRecord:
        """One certificate of the register.

        Raises:
            UserError: there is no such certificate.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            row = _load(s, certificate_id)
            successor = s.get(Certificate, row.superseded_by_id) if row.superseded_by_id else None
            return to_record(row, successor.number if successor else "")

    def issue(self, term_id: uuid.UUID, *, on: date | None = None) -> CertificateRecord:
        """Issue a certificate for a current membership term.

        Args:
            term_id: the membership term to certify.
            on: the issue date (today by default).

        Raises:
            UserError: the term does not exist, has ended, belongs to a member whose
                membership is not current, already has a valid certificate, or the
                signatory or signing certificate is not set up; nothing is stored.
        """
        return self.issue_with_pdf(term_id, on=on)[0]

    def issuing_material(self) -> IssuingMaterial:
        """The signing certificate and signature image as set now, read once for a batch.

        Raises:
            UserError: a signing certificate is set but cannot be read, or its passphrase
                is not in the keyring.
        """
        return IssuingMaterial(self.settings.signing_material(), self.settings.signature_image())

    def issue_with_pdf(
        self,
        term_id: uuid.UUID,
        *,
        on: date | None = None,
        material: IssuingMaterial | None = None,
    ) -> tuple[CertificateRecord, bytes]:
        """Issue a certificate as :meth:`issue` does, and return its PDF too.

        Args:
            term_id: the membership term to certify.
            on: the issue date (today by default).
            material: the signing certificate and signature image to use (a batch reads
                them once with :meth:`issuing_material`); read from the settings when
                not given.

        Returns:
            The register's record and the PDF exactly as stored.

        Raises:
            UserError: as for :meth:`issue`; nothing is stored.
        """
        day = on or date.today()
        material = material or self.issuing_material()
        signing, image = material.signing, material.signature_image
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            term = _load_term(s, term_id)
            check_certifiable(s, term, day)
            existing = _valid_for_term(s, term.id)
            if existing is not None:
                raise UserError(
                    f"The term already has the valid certificate {existing.number}: "
                    "re-issue it instead."
                )
            row, pdf = self._create(s, term, day, signing, image)
            return to_record(row), pdf

    def reissue(self, certificate_id: uuid.UUID, *, on: date | None = None) -> CertificateRecord:
        """Issue a new certificate for the same term (e.g. after a name change).

        The new certificate takes the organization's legal name as now recorded and a
        new number; the old one becomes superseded and names its successor.

        Raises:
            UserError: the certificate is not valid (already superseded or revoked) or
                cannot be issued again; nothing is changed.
        """
        day = on or date.today()
        signing = self.settings.signing_material()
        image = self.settings.signature_image()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            old = _load(s, certificate_id)
            if old.status != CertificateStatus.VALID:
                raise UserError(
                    f"Certificate {old.number} is {old.status}: only a valid certificate "
                    "can be re-issued."
                )
            term = _load_term(s, old.term_id)
            new, _ = self._create(s, term, max(day, old.issue_date), signing, image)
            old.status = CertificateStatus.SUPERSEDED.value
            old.superseded_by_id = new.id
            return to_record(new)

    def revoke(
        self, certificate_id: uuid.UUID, reason: str, *, on: date | None = None
    ) -> CertificateRecord:
        """Revoke a certificate: it no longer verifies as valid.

        Raises:
            UserError: no reason was given, or the certificate is already revoked.
        """
        reason = " ".join(reason.split())
        if not reason:
            raise UserError("Give the reason for revoking the certificate.")
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            row = _load(s, certificate_id)
            if row.status == CertificateStatus.REVOKED:
                raise UserError(f"Certificate {row.number} is already revoked.")
            row.status = CertificateStatus.REVOKED.value
            row.revocation_reason = reason
            row.revoked_on = on or date.today()
            return to_record(row)

    def pdf(self, certificate_id: uuid.UUID) -> bytes:
        """The certificate's PDF exactly as issued.

        Raises:
            UserError: no such certificate or its PDF is missing.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            row = _load(s, certificate_id)
            content = stored_pdf(s, row.id)
        if content is None:
            raise UserError(f"The PDF of certificate {row.number} is missing.")
        return content

    def save_pdf(self, certificate_id: uuid.UUID, path: Path) -> Path:
        """Write the certificate's PDF to a file, atomically.

        Raises:
            UserError: the certificate or its PDF is missing, or the file cannot be written.
        """
        write_bytes_atomic(path, self.pdf(certificate_id))
        return path

    def terms_active_in(self, year: int) -> builtins.list[uuid.UUID]:
        """The membership terms that overlap ``year``, of organizations not deleted."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return list(s.scalars(terms_in_year(year, MembershipTerm.id)))

    def valid_for_term(self, term_id: uuid.UUID) -> CertificateRecord | None:
        """The valid certificate of a term, or None."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            row = _valid_for_term(s, term_id)
            return None if row is None else to_record(row)

    def certifiable_problem(self, term_id: uuid.UUID, on: date | None = None) -> str | None:
        """Why the term cannot be certified on the day, or None when it can."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            try:
                check_certifiable(s, _load_term(s, term_id), on or date.today())
            except UserError as error:
                return str(error)
            return None

    def _create(
        self,
        s: Session,
        term: MembershipTerm,
        day: date,
        signing: SigningMaterial | None,
        image: bytes | None,
    ) -> tuple[Certificate, bytes]:
        from ...documents.certificate import render_certificate
        from ...documents.pdf_signature import SignatureRequest

        settings = settings_row(s)
        row = new_certificate_row(s, term, day, settings, current_key(s))
        row.signed = signing is not None
        request = None
        if signing is not None:
            request = SignatureRequest(
                signing.pkcs12,
                signing.passphrase,
                reason=f"Certificate of membership {row.number}",
                location=settings.city or settings.legal_name,
            )
        pdf = render_certificate(
            document_of(row), logo=logo(), signature_image=image, signing=request
        )
        s.add(row)
        s.flush()
        row.pdf_sha256 = store_pdf(s, PDF_KIND, row.id, pdf)
        return row, pdf


def _load(s: Session, certificate_id: uuid.UUID) -> Certificate:
    missing = UserError("There is no such certificate in the register.")
    return live_row(s, Certificate, certificate_id, missing)


def _load_term(s: Session, term_id: uuid.UUID) -> MembershipTerm:
    return live_row(s, MembershipTerm, term_id, UserError("There is no such membership term."))


def _valid_for_term(s: Session, term_id: uuid.UUID) -> Certificate | None:
    return s.scalars(
        select(Certificate).where(
            Certificate.term_id == term_id,
            Certificate.status == CertificateStatus.VALID.value,
            Certificate.deleted.is_(False),
        )
    ).first()


def _register(status: str | None) -> Select[Any]:
    """The register's rows as plain columns, newest first, with each successor's number.

    Columns rather than ORM objects: the register of a large foundation holds tens of
    thousands of certificates, and building an object for each took seconds.
    """
    successor = aliased(Certificate)
    record_columns = [
        getattr(Certificate, field.name)
        for field in fields(CertificateRecord)
        if field.name != "superseded_by"
    ]
    query = (
        select(*record_columns, func.coalesce(successor.number, "").label("superseded_by"))
        .outerjoin(successor, successor.id == Certificate.superseded_by_id)
        .where(Certificate.deleted.is_(False))
        # A number's digits grow past four in a year of more than 9,999 certificates:
        # the longer number is the later one.
        .order_by(
            Certificate.issue_date.desc(),
            func.length(Certificate.number).desc(),
            Certificate.number.desc(),
        )
    )
    return query if status is None else query.where(Certificate.status == status)


__all__ = [
    "PDF_KIND",
    "CertificateService",
    "IssuingMaterial",
    "certificate_series",
    "check_certifiable",
    "content_of",
    "logo",
    "new_certificate_row",
]
