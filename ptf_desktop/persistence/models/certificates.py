"""Tables of the certificate register and the certificate key material.

A certificate row records everything printed on the certificate (so that the
verification code can be recomputed and a reprint is the same certificate), its status
in the register, and the SHA-256 of its stored PDF. The PDF bytes themselves live in
``document_pdfs`` (kind "certificate"), as for invoices, so that listing the register
never reads them and the audit trail never copies them.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..audit import Audited
from ..base import Base, Synced

# One row of key material per database, with a fixed key so that the rows made on two
# laptops are the same row when they are synchronised.
CERTIFICATE_KEYS_ROW_ID = uuid.UUID("6f1d2a52-8d1c-4a8e-9b0e-5e6f70746634")


class Certificate(Synced, Audited, Base):
    """One issued certificate: printed content, verification code, register status."""

    __tablename__ = "certificates"
    __audit_entity__ = "certificate"
    __audit_owner__ = "organization_id"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organizations.id"), index=True
    )
    term_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("membership_terms.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    series: Mapped[str] = mapped_column(String(30))
    legal_name: Mapped[str] = mapped_column(String(500))
    tier: Mapped[str] = mapped_column(String(20))
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date)
    issue_date: Mapped[date] = mapped_column(Date)
    country: Mapped[str] = mapped_column(String(2))
    signatory_name: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str] = mapped_column(String(200))
    foundation_name: Mapped[str] = mapped_column(String(300))
    verification_code: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(12), index=True)
    superseded_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("certificates.id"))
    revocation_reason: Mapped[str] = mapped_column(Text, default="")
    revoked_on: Mapped[date | None] = mapped_column(Date)
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    pdf_sha256: Mapped[str] = mapped_column(String(64))


class CertificateKeys(Synced, Base):
    """The foundation's certificate verification key and the signature image.

    Not audited: the audit trail is readable by every user and must never copy the key.
    The key lives in the database rather than in the OS keyring because every laptop that
    issues or verifies certificates needs the same key (it travels with the database and
    its synchronisation), and losing one machine's keyring must not make every certificate
    ever issued unverifiable. The PKCS#12 passphrase, by contrast, stays in the keyring.
    """

    __tablename__ = "certificate_keys"

    verification_key: Mapped[bytes] = mapped_column(LargeBinary)
    signature_image: Mapped[bytes | None] = mapped_column(LargeBinary)
