"""Tables of the certificate register and the certificate key material.

A certificate row records everything printed on the certificate (so that the
verification code can be recomputed and a reprint is the same certificate), its status
in the register, and the SHA-256 of its stored PDF. The PDF bytes themselves live in
``document_pdfs`` (kind "certificate"), as for invoices, so that listing the register
never reads them and the audit trail never copies them.

Certificate verification keys are rows of their own, one per key ever made, each named
by its fingerprint: two laptops that each make a key offline keep both after syncing, and
every certificate names the key its code was made with, so it verifies everywhere.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..audit import Audited
from ..base import Base, Synced

# One row of key material per database, with a fixed key so that the rows made on two
# laptops are the same row when they are synchronised.
CERTIFICATE_KEYS_ROW_ID = uuid.UUID("6f1d2a52-8d1c-4a8e-9b0e-5e6f70746634")
# Verification keys are named by their fingerprint: the same key stored on two laptops (as
# a migration of the same synchronised database does) is the same row.
VERIFICATION_KEY_NAMESPACE = uuid.UUID("0b6c54a2-3f5e-4d7a-9c61-7a1e2f3d4b5c")


def key_fingerprint(key: bytes) -> str:
    """The SHA-256 of a verification key, in hexadecimal: it names the key without telling it."""
    return hashlib.sha256(key).hexdigest()


def verification_key_id(key: bytes) -> uuid.UUID:
    """The row id of a verification key, derived from its fingerprint."""
    return uuid.uuid5(VERIFICATION_KEY_NAMESPACE, key_fingerprint(key))


class CertificateVerificationKey(Synced, Base):
    """One certificate verification key; the newest one makes new certificates' codes.

    Not audited, for the reason given on :class:`CertificateKeys`. Keys are never changed
    nor deleted: a certificate made with one must verify for as long as it is kept.
    """

    __tablename__ = "certificate_verification_keys"

    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    key: Mapped[bytes] = mapped_column(LargeBinary)


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
    # The key of the verification code; None only on certificates issued by a version of
    # the app that kept a single key (any known key is then tried).
    verification_key_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("certificate_verification_keys.id")
    )


class CertificateKeys(Synced, Base):
    """The signature image, and the single verification key of schema 14 and before.

    Not audited: the audit trail is readable by every user and must never copy the key.
    The key lives in the database rather than in the OS keyring because every laptop that
    issues or verifies certificates needs the same key (it travels with the database and
    its synchronisation), and losing one machine's keyring must not make every certificate
    ever issued unverifiable. The PKCS#12 passphrase, by contrast, stays in the keyring.

    ``verification_key`` is kept for clients of the previous schema version, which issue
    with it: it holds a key of ``certificate_verification_keys`` (the newest when the row
    was made), and certificates without a key of their own are also checked against it.
    """

    __tablename__ = "certificate_keys"

    verification_key: Mapped[bytes] = mapped_column(LargeBinary)
    signature_image: Mapped[bytes | None] = mapped_column(LargeBinary)
