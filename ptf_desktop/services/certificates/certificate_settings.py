"""Certificate and signing settings: prefix, PKCS#12 file, passphrase, signature image, key.

The prefix, the PKCS#12 file's path and "sign invoices" are columns of the foundation
settings row (audited). The signature image lives in the ``certificate_keys`` row and the
verification keys in ``certificate_verification_keys`` (see verification_keys), neither
audited (see persistence.models.certificates for why keys are kept in the database).
The PKCS#12 passphrase is kept only in the operating system's keyring
(persistence.secrets), never in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ...domain.errors import UserError, ValidationError
from ...domain.foundation_settings import FoundationSettings
from ...domain.validation import series_prefix
from ...persistence import secrets
from ...persistence.engine import SessionFactories
from ...persistence.models import (
    CERTIFICATE_KEYS_ROW_ID,
    SETTINGS_ROW_ID,
    CertificateKeys,
    FoundationSettingsRow,
)
from ..atomic_files import write_bytes_atomic
from ..database_errors import translating_database_errors
from .verification_keys import current_key

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
MAX_SIGNATURE_IMAGE_BYTES = 2_000_000


@dataclass(frozen=True)
class CertificateSettings:
    """The certificate and signing settings as stored.

    Attributes:
        certificate_prefix: prefix of the certificate number series, e.g. ``CERT``.
        signing_pkcs12_path: the PKCS#12 file that signs documents ("" when none).
        sign_invoices: whether invoices are signed too.
        has_signature_image: a signature image is set.
        has_passphrase: the keyring holds a passphrase for the PKCS#12 file.
    """

    certificate_prefix: str
    signing_pkcs12_path: str
    sign_invoices: bool
    has_signature_image: bool
    has_passphrase: bool


@dataclass(frozen=True)
class SigningMaterial:
    """What signing needs: the PKCS#12 archive and its passphrase."""

    pkcs12: bytes
    passphrase: bytes


def settings_row(session: Session) -> FoundationSettingsRow:
    """The foundation settings row, created with the defaults when missing."""
    from dataclasses import asdict

    row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
    if row is None:
        row = FoundationSettingsRow(id=SETTINGS_ROW_ID, **asdict(FoundationSettings()))
        row.certificate_prefix = "CERT"
        row.signing_pkcs12_path = ""
        row.sign_invoices = False
        session.add(row)
        session.flush()
    return row


def key_row(session: Session) -> CertificateKeys:
    """The signature image's row, made the first time with the newest verification key.

    Its ``verification_key`` is for clients of the previous schema version (see
    ``persistence.models.certificates``); this version reads the keys' own table.
    """
    row = session.get(CertificateKeys, CERTIFICATE_KEYS_ROW_ID)
    if row is None:
        row = CertificateKeys(id=CERTIFICATE_KEYS_ROW_ID, verification_key=current_key(session).key)
        session.add(row)
        session.flush()
    return row


def _passphrase(pkcs12_path: str) -> str | None:
    try:
        return stored_passphrase(pkcs12_path)
    except secrets.SecretStoreError:
        return None


def stored_passphrase(pkcs12_path: str) -> str | None:
    """The keyring's passphrase of a PKCS#12 file, None when it has none.

    The one entry older versions kept for every database is taken over by a file the
    first time it is asked for, when that passphrase opens the file (checked, so a
    passphrase is never given to a file it does not open); the old entry stays for the
    other databases.

    Raises:
        SecretStoreError: the keyring cannot be read or written.
    """
    if not pkcs12_path:
        return None
    own = secrets.load_secret(secrets.signing_passphrase_name(pkcs12_path))
    if own:
        return own
    shared = secrets.load_secret(secrets.SIGNING_PASSPHRASE)
    if not shared or not _opens(Path(pkcs12_path), shared):
        return None
    secrets.store_secret(secrets.signing_passphrase_name(pkcs12_path), shared)
    return shared


def _opens(path: Path, passphrase: str) -> bool:
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        pkcs12.load_key_and_certificates(path.read_bytes(), passphrase.encode("utf-8"))
    except (OSError, ValueError):
        return False
    return True


def absolute_path(path: str | Path) -> str:
    """A file path as the settings store it: absolute, so any working folder finds it."""
    return str(Path(path).expanduser().absolute()) if str(path) else ""


class CertificateSettingsService:
    """Read and change the certificate and signing settings."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def load(self) -> CertificateSettings:
        """The current settings (a passphrase counts when the keyring can be read)."""
        # A read transaction: issuing invoices asks for these settings, and must not take
        # the write lock for it.
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            row = s.get(FoundationSettingsRow, SETTINGS_ROW_ID)
            keys = s.get(CertificateKeys, CERTIFICATE_KEYS_ROW_ID)
            return CertificateSettings(
                certificate_prefix=row.certificate_prefix if row else "CERT",
                signing_pkcs12_path=row.signing_pkcs12_path if row else "",
                sign_invoices=bool(row.sign_invoices) if row else False,
                has_signature_image=keys is not None and keys.signature_image is not None,
                has_passphrase=bool(_passphrase(row.signing_pkcs12_path if row else "")),
            )

    def save(
        self,
        *,
        certificate_prefix: str | None = None,
        signing_pkcs12_path: str | None = None,
        sign_invoices: bool | None = None,
    ) -> CertificateSettings:
        """Change some settings in one transaction (None leaves a setting as it is).

        Raises:
            ValidationError: the prefix is not a series prefix or the file does not
                exist; nothing is stored.
        """
        prefix = None
        if certificate_prefix is not None:
            try:
                prefix = series_prefix(certificate_prefix, "The certificate prefix")
            except ValueError as error:
                raise ValidationError({"certificate_prefix": str(error)}) from None
        if signing_pkcs12_path is not None:
            signing_pkcs12_path = absolute_path(signing_pkcs12_path.strip())
        if signing_pkcs12_path and not Path(signing_pkcs12_path).is_file():
            raise ValidationError(
                {"signing_pkcs12_path": f"There is no file {signing_pkcs12_path}"}
            )
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            row = settings_row(s)
            if prefix is not None and row.certificate_prefix != prefix:
                row.certificate_prefix = prefix
            if signing_pkcs12_path is not None:
                row.signing_pkcs12_path = signing_pkcs12_path
            if sign_invoices is not None:
                row.sign_invoices = sign_invoices
        return self.load()

    def set_passphrase(self, passphrase: str, pkcs12_path: str | Path | None = None) -> None:
        """Keep a PKCS#12 file's passphrase in the operating system's keyring.

        Args:
            passphrase: the passphrase.
            pkcs12_path: the file it opens (default: the signing certificate set now).

        Raises:
            UserError: the passphrase is empty, no file is named or set, or the keyring
                refuses it.
        """
        if not passphrase:
            raise UserError("Type the passphrase of the signing certificate.")
        path = absolute_path(pkcs12_path) if pkcs12_path else self.load().signing_pkcs12_path
        if not path:
            raise UserError("Choose the signing certificate file its passphrase is for.")
        secrets.store_secret(secrets.signing_passphrase_name(path), passphrase)

    def set_signature_image(self, image: bytes | None) -> None:
        """Set (or with None, remove) the signature image printed on certificates.

        Raises:
            UserError: the bytes are not a PNG or JPEG image, or are too large.
        """
        if image is not None:
            if not image.startswith(_IMAGE_MAGIC):
                raise UserError("The signature image must be a PNG or JPEG file.")
            if len(image) > MAX_SIGNATURE_IMAGE_BYTES:
                raise UserError("The signature image must be smaller than 2 MB.")
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            row = key_row(s)
            row.signature_image = image

    def signature_image(self) -> bytes | None:
        """The signature image, or None when none is set."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            row = s.get(CertificateKeys, CERTIFICATE_KEYS_ROW_ID)
            return None if row is None else row.signature_image

    def verification_key(self) -> bytes:
        """The newest certificate verification key, made the first time one is needed."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            return current_key(s).key

    def signing_material(self) -> SigningMaterial | None:
        """The PKCS#12 file and passphrase, or None when no signing certificate is set.

        Raises:
            UserError: a file is set but cannot be read, or its passphrase is not in
                the keyring.
        """
        path = self.load().signing_pkcs12_path
        if not path:
            return None
        try:
            pkcs12 = Path(path).read_bytes()
        except OSError as error:
            raise UserError(
                f"The signing certificate {path} cannot be read: {error.strerror or error}."
            ) from None
        passphrase = stored_passphrase(path)
        if not passphrase:
            raise UserError(
                "The passphrase of the signing certificate is not in the system keyring: "
                "enter it in Settings."
            )
        return SigningMaterial(pkcs12, passphrase.encode("utf-8"))

    def create_self_signed(self, path: Path, passphrase: str, signer_name: str) -> Path:
        """Create a self-signed signing certificate for demos and tests and use it.

        The PKCS#12 file is written to ``path``, chosen as the signing certificate, and
        its passphrase is put in the keyring.

        Raises:
            UserError: empty passphrase or name, the file cannot be written, or the
                keyring refuses the passphrase.
        """
        from ...documents.signing import create_self_signed_pkcs12

        if not passphrase:
            raise UserError("Choose a passphrase for the new signing certificate.")
        foundation = _foundation_name(self._factories)
        try:
            data = create_self_signed_pkcs12(
                signer_name.strip() or foundation, foundation, passphrase.encode("utf-8")
            )
        except ValueError as error:
            raise UserError(str(error)) from None
        write_bytes_atomic(path, data, mode=0o600)  # the foundation's private key
        self.set_passphrase(passphrase, path)
        self.save(signing_pkcs12_path=str(path))
        return path


def _foundation_name(factories: SessionFactories) -> str:
    with translating_database_errors(factories), factories.write.begin() as s:
        return settings_row(s).legal_name or "PyTorch Foundation"
