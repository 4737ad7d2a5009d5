"""PDF signatures (PAdES baseline B) with pyHanko, and their validation.

The foundation signs with a certificate and key kept in a PKCS#12 file; its passphrase
lives in the operating system's keyring (``persistence.secrets``). For demos and tests
:func:`create_self_signed_pkcs12` makes a self-signed signing certificate.

A signature is added as an incremental update, so the signed PDF keeps the original's
bytes and metadata. :func:`verify_signature` tells whether a PDF is signed, whether the
signed bytes are intact and the signature covers the whole file, and who signed it;
a self-signed certificate is reported as such, since nobody outside the foundation can
trust it without having been given it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ptf_desktop.domain.errors import UserError

__all__ = [
    "FIELD_NAME",
    "SignatureCheck",
    "SigningError",
    "create_self_signed_pkcs12",
    "load_signing_key",
    "sign_pdf",
    "verify_signature",
]

FIELD_NAME = "FoundationSignature"
"""Name of the signature field of every document the foundation signs."""


class SigningError(UserError):
    """The PKCS#12 file or its passphrase cannot be used to sign."""


@dataclass(frozen=True)
class SignatureCheck:
    """What :func:`verify_signature` found.

    Attributes:
        signed: the PDF carries at least one signature.
        intact: the signed bytes are unchanged and the cryptographic signature is valid.
        covers_whole_file: nothing was appended after the signature.
        signer_name: common name of the signing certificate ("" when unsigned).
        self_signed: the signing certificate is its own issuer.
        trust_note: a sentence on how far the signer can be trusted.
        problems: what is wrong, one clear sentence each; empty when all is well.
    """

    signed: bool
    intact: bool
    covers_whole_file: bool
    signer_name: str
    self_signed: bool
    trust_note: str
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        """Signed, intact and covering the whole file."""
        return not self.problems


def create_self_signed_pkcs12(
    common_name: str,
    organization: str,
    passphrase: bytes,
    *,
    valid_days: int = 3 * 365,
    now: dt.datetime | None = None,
) -> bytes:
    """Create a self-signed document-signing certificate and key as PKCS#12 bytes.

    Args:
        common_name: the signer's name shown by PDF readers.
        organization: the organization named in the certificate.
        passphrase: the PKCS#12 passphrase (not empty).
        valid_days: how long the certificate is valid.
        now: the start of validity (defaults to the present, UTC).

    Returns:
        The PKCS#12 archive (RSA-3072 key, SHA-256 signature).

    Raises:
        ValueError: if the passphrase is empty or a name is blank.
    """
    if not passphrase:
        raise ValueError("A signing certificate needs a passphrase")
    if not common_name.strip() or not organization.strip():
        raise ValueError("A signing certificate needs a signer name and an organization")
    start = now or dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name.strip()),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization.strip()),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - dt.timedelta(minutes=5))
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        common_name.strip().encode("utf-8"),
        key,
        certificate,
        None,
        serialization.BestAvailableEncryption(passphrase),
    )


def sign_pdf(
    pdf_bytes: bytes, pkcs12_bytes: bytes, passphrase: bytes, *, reason: str, location: str
) -> bytes:
    """Sign a PDF (PAdES B-B, SHA-256) as an incremental update.

    Args:
        pdf_bytes: the PDF to sign.
        pkcs12_bytes: the signing certificate and key.
        passphrase: the PKCS#12 passphrase.
        reason: why it is signed, shown by PDF readers.
        location: where it is signed.

    Returns:
        The signed PDF.

    Raises:
        SigningError: if the archive cannot be opened with the passphrase.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = _load_signer(pkcs12_bytes, passphrase)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    # A fixed reservation spares pyHanko a trial signature to measure the container.
    reserved = 8192 + 2 * len(pkcs12_bytes)
    output = signers.sign_pdf(writer, metadata, signer=signer, bytes_reserved=reserved)
    return bytes(output.getvalue())


def _load_signer(pkcs12_bytes: bytes, passphrase: bytes) -> Any:
    """Return a signer for the archive, opened once per process and archive."""
    return load_signing_key(pkcs12_bytes, passphrase)[0]


def load_signing_key(pkcs12_bytes: bytes, passphrase: bytes) -> tuple[Any, Any]:
    """Open a PKCS#12 archive once per process: its pyHanko signer and its private key.

    Args:
        pkcs12_bytes: the archive.
        passphrase: its passphrase.

    Returns:
        ``(signer, key)``: a pyHanko ``SimpleSigner`` and the ``cryptography`` key.

    Raises:
        SigningError: the archive cannot be opened or holds no usable key.
    """
    digest = hashlib.sha256(pkcs12_bytes).digest()
    return _cached_signer(digest, pkcs12_bytes, passphrase)


@functools.lru_cache(maxsize=4)
def _cached_signer(digest: bytes, pkcs12_bytes: bytes, passphrase: bytes) -> tuple[Any, Any]:
    # Opening a PKCS#12 archive runs its key derivation and checks the RSA key: about a
    # second, so it happens once; ``digest`` keeps the cache key small.
    del digest
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.sign import signers
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    try:
        # Open it with cryptography first: pyHanko only logs a wrong passphrase.
        key, _, _ = pkcs12.load_key_and_certificates(pkcs12_bytes, passphrase)
    except ValueError as error:
        raise SigningError(
            "The signing certificate cannot be opened: the file is not a PKCS#12 archive "
            "or the passphrase is wrong"
        ) from error
    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12_bytes, [], passphrase=passphrase)
    if signer is None or key is None:
        raise SigningError("The signing certificate holds no usable key")

    if isinstance(key, rsa.RSAPrivateKey):
        # pyHanko re-parses and re-checks the key for every signature (~0.2 s each);
        # signing with the key object opened above gives the same PKCS#1 v1.5 signature.
        def sign_raw(data: bytes, digest_algorithm: str) -> bytes:
            return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))

        mechanism = signer.get_signature_mechanism_for_digest("sha256").signature_algo
        if mechanism == "rsassa_pkcs1v15":
            signer.sign_raw = sign_raw
    return signer, key


def verify_signature(pdf_bytes: bytes) -> SignatureCheck:
    """Validate the last signature of a PDF.

    The signer's own certificate is taken as the trust anchor, so the check says whether
    the document is exactly what that signer signed; whether the signer is the
    foundation is a matter of the certificate (see ``trust_note``).

    Args:
        pdf_bytes: the PDF.

    Returns:
        What was found; ``problems`` lists what is wrong in plain words.
    """
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, IndexError) as error:
        return _unsigned(f"The file is not a readable PDF ({error})")
    if not signatures:
        return _unsigned("The document is not signed")
    signature = signatures[-1]
    signer_certificate = signature.signer_cert
    context = ValidationContext(trust_roots=[signer_certificate], allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as error:  # any failure to validate means "invalid"
        return SignatureCheck(
            True, False, False, "", False, "", (f"The signature cannot be validated ({error})",)
        )
    signer_name = signer_certificate.subject.native.get("common_name", "")
    self_signed = signer_certificate.self_signed in ("yes", "maybe")
    covers_whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    intact = bool(status.intact and status.valid)
    problems: list[str] = []
    if not intact:
        problems.append("The signature is invalid: the document was changed after signing")
    elif not covers_whole:
        problems.append("The document was modified after it was signed")
    if self_signed:
        note = (
            f"Signed with a self-signed certificate ({signer_name}): it proves the file is "
            "unchanged, but only the foundation can confirm that the certificate is its own"
        )
    else:
        note = f"Signed by {signer_name}; the issuer's trust is not checked here"
    return SignatureCheck(
        True, intact, covers_whole, signer_name, self_signed, note, tuple(problems)
    )


def _unsigned(problem: str) -> SignatureCheck:
    return SignatureCheck(False, False, False, "", False, "", (problem,))
