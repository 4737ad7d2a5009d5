"""Verifying a certificate PDF: signature, QR code and content, and the register status.

The document checks are ``documents.certificate_check``; this service adds what only
the register knows (is the certificate still valid, superseded, revoked, or unknown, and
which key its code was made with) and reads the QR code drawn on the page (PDFium
renders it, zxing-cpp decodes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ...domain.certificates import CertificateStatus
from ...domain.errors import UserError
from ...persistence.engine import SessionFactories
from ...persistence.models import Certificate
from ..database_errors import translating_database_errors
from .verification_keys import candidate_keys


@dataclass(frozen=True)
class Verdict:
    """What verifying a certificate file found.

    Attributes:
        valid: nothing is wrong: signed, intact, QR and content match, valid in the register.
        number: the certificate number the file carries ("" when unreadable).
        legal_name: the member's name the file carries ("" when unreadable).
        register_status: valid, superseded, revoked, or "" when not in the register.
        signer: the name in the signing certificate ("" when unsigned).
        problems: what is wrong, one sentence each.
        notes: what is worth knowing though not wrong (e.g. a self-signed signer).
    """

    valid: bool
    number: str
    legal_name: str
    register_status: str
    signer: str
    problems: tuple[str, ...]
    notes: tuple[str, ...]


class CertificateVerifier:
    """Verify certificate PDFs against the signature, their content and the register."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def verify_file(self, path: Path) -> Verdict:
        """Verify a certificate PDF file.

        Raises:
            UserError: the file cannot be read.
        """
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UserError(f"Cannot read {path}: {error.strerror or error}.") from None
        return self.verify(data)

    def verify(self, pdf_bytes: bytes) -> Verdict:
        """Verify a certificate PDF's bytes."""
        from ...documents.certificate_check import check_certificate_pdf
        from ...documents.qr_reading import QrReadError, decode_qr_codes

        if not pdf_bytes.startswith(b"%PDF"):
            return Verdict(False, "", "", "", "", ("The file is not a PDF",), ())
        key = self._keys_of
        notes: list[str] = []
        try:
            check = check_certificate_pdf(pdf_bytes, key=key, qr_reader=decode_qr_codes)
        except QrReadError as error:
            notes.append(f"The QR code on the page could not be read: {error}")
            check = check_certificate_pdf(pdf_bytes, key=key, qr_reader=None)
        except Exception as error:  # pypdf and pyHanko raise many kinds on broken files
            return Verdict(False, "", "", "", "", (f"The PDF cannot be read: {error}",), ())
        problems = list(check.problems)
        if check.signature.signed and check.signature.trust_note:
            notes.append(check.signature.trust_note)
        content = check.content
        status = ""
        if content is not None:
            status, register_problem = self._register_status(content.number, check.payload)
            if register_problem:
                problems.append(register_problem)
        return Verdict(
            valid=not problems,
            number=content.number if content else "",
            legal_name=content.legal_name if content else "",
            register_status=status,
            signer=check.signature.signer_name,
            problems=tuple(problems),
            notes=tuple(notes),
        )

    def _keys_of(self, number: str) -> list[bytes]:
        """The keys a certificate's code may have been made with (its own, when known)."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return candidate_keys(s, number)

    def _register_status(self, number: str, payload: str | None) -> tuple[str, str]:
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            row = s.scalars(select(Certificate).where(Certificate.number == number)).first()
            if row is None or row.deleted:
                return "", f"Certificate {number} is not in the foundation's register"
            if payload is not None and not payload.endswith(f":{row.verification_code}"):
                return row.status, (
                    f"The verification code is not the one the register holds for {number}"
                )
            if row.status == CertificateStatus.SUPERSEDED:
                successor = (
                    s.get(Certificate, row.superseded_by_id) if row.superseded_by_id else None
                )
                newer = f" by {successor.number}" if successor else ""
                return row.status, f"Certificate {number} has been superseded{newer}"
            if row.status == CertificateStatus.REVOKED:
                day = row.revoked_on.isoformat() if row.revoked_on else "an unknown day"
                return row.status, (
                    f"Certificate {number} was revoked on {day}: {row.revocation_reason}"
                )
            return row.status, ""
