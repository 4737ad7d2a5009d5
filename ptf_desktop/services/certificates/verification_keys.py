"""Certificate verification keys: the newest makes new codes, each certificate keeps its own.

Every key ever made stays (``certificate_verification_keys``, synced): two laptops that
each made one offline keep both, so the certificates made with either verify on every
laptop. A certificate names its key (``certificates.verification_key_id``); one issued by
a version of the app that kept a single key names none, and is checked against every key
the database knows, the single key of that version included.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.certificates import new_certificate_key
from ...persistence.base import utc_now
from ...persistence.models import (
    CERTIFICATE_KEYS_ROW_ID,
    Certificate,
    CertificateKeys,
    CertificateVerificationKey,
)
from ...persistence.models.certificates import key_fingerprint, verification_key_id

__all__ = ["candidate_keys", "current_key"]


def current_key(s: Session) -> CertificateVerificationKey:
    """The newest verification key, made (in ``s``'s transaction) when there is none.

    A database with no key row but a key of the previous schema version (made by a
    client of that version) takes that key, so the two versions issue with one key.
    """
    newest = s.scalars(
        select(CertificateVerificationKey)
        .where(CertificateVerificationKey.deleted.is_(False))
        .order_by(CertificateVerificationKey.created_at.desc(),
                  CertificateVerificationKey.id.desc())
        .limit(1)
    ).first()  # fmt: skip
    if newest is not None:
        return newest
    legacy = s.get(CertificateKeys, CERTIFICATE_KEYS_ROW_ID)
    return _stored_key(s, legacy.verification_key if legacy else new_certificate_key())


def _stored_key(s: Session, key: bytes) -> CertificateVerificationKey:
    row = s.get(CertificateVerificationKey, verification_key_id(key))
    if row is None:
        now = utc_now()
        row = CertificateVerificationKey(
            id=verification_key_id(key), fingerprint=key_fingerprint(key), key=key,
            created_at=now, updated_at=now,
        )  # fmt: skip
        s.add(row)
        s.flush()
    return row


def candidate_keys(s: Session, number: str) -> list[bytes]:
    """The keys a certificate number's code may have been made with.

    Its own key when the register names one; otherwise (a certificate of the previous
    schema version, or one the register does not hold) every key known here.
    """
    own = s.execute(
        select(CertificateVerificationKey.key)
        .join(Certificate, Certificate.verification_key_id == CertificateVerificationKey.id)
        .where(Certificate.number == number)
    ).scalar_one_or_none()
    if own is not None:
        return [own]
    keys = list(s.scalars(select(CertificateVerificationKey.key)
                          .order_by(CertificateVerificationKey.created_at.desc())))  # fmt: skip
    legacy = s.get(CertificateKeys, CERTIFICATE_KEYS_ROW_ID)
    if legacy is not None and legacy.verification_key not in keys:
        keys.append(legacy.verification_key)
    return keys
