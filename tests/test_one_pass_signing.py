"""Certificates signed in the same pass as they are drawn: as valid as pyHanko's own."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from certificate_samples import KEY, PASSPHRASE, logo, sample_document, signing_identity
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ptf_desktop.documents.certificate import render_certificate
from ptf_desktop.documents.certificate_check import SignatureState, check_certificate_pdf
from ptf_desktop.documents.pdf_signature import SignatureRequest
from ptf_desktop.documents.qr_reading import decode_qr_codes
from ptf_desktop.documents.signing import SigningError, verify_signature

from helpers import pdf_reading

REQUEST = SignatureRequest(
    signing_identity(), PASSPHRASE, reason="Certificate of membership", location="San Francisco"
)


def signed(name: str = "Müller & Söhne Maschinenbau AG", **changes: object) -> bytes:
    document = sample_document(legal_name=name, **changes)
    return render_certificate(document, logo=logo(), signing=REQUEST)


def pdfsig(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    return pdf_reading.pdfsig(path)


@pytest.mark.parametrize("name", ["AT&T <Holding> Inc.", "株式会社テスト", "שטראוס גרופ בע״מ"])
def test_pdfsig_and_every_check_accept_a_one_pass_signature(name: str, tmp_path: Path) -> None:
    data = signed(name, country="US")
    # One revision: the signature was written with the page, not appended after it.
    assert data.count(b"%%EOF") == 1 and data.count(b"startxref") == 1
    check = check_certificate_pdf(data, key=KEY, qr_reader=decode_qr_codes)
    assert check.problems == ()
    assert check.signature_state is SignatureState.VALID
    assert check.content is not None and check.content.legal_name == name
    signature = verify_signature(data)
    assert signature.intact and signature.covers_whole_file
    assert signature.signer_name == "Ada Lovelace"
    report = pdfsig(data, tmp_path)
    assert "Signature is Valid." in report and "Total document signed" in report
    assert "Signature Type: ETSI.CAdES.detached" in report


def test_the_signature_is_pades_baseline_b_like_pyhankos() -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = signed()
    [embedded] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    info = embedded.signed_data["signer_infos"][0]
    attributes = [attribute["type"].native for attribute in info["signed_attrs"]]
    assert attributes == ["content_type", "message_digest", "signing_certificate_v2"]
    assert info["digest_algorithm"]["algorithm"].native == "sha256"
    assert embedded.sig_object["/Reason"] == "Certificate of membership"
    assert embedded.field_name == "FoundationSignature"


def test_each_certificate_gets_its_own_signature_from_the_shared_template(
    tmp_path: Path,
) -> None:
    first, second = signed(number="CERT-2027-00001"), signed(number="CERT-2027-00002")
    assert first != second
    assert all(verify_signature(data).valid for data in (first, second))
    for data in (first, second):
        assert "Signature is Valid." in pdfsig(data, tmp_path)


def test_an_altered_certificate_fails(tmp_path: Path) -> None:
    data = signed("Acme Robotics GmbH")
    assert data.count(b"Acme Robotics GmbH") >= 1
    forged = data.replace(b"Acme Robotics GmbH", b"Evil Robotics GmbH", 1)
    check = check_certificate_pdf(forged, key=KEY)
    assert check.signature_state is SignatureState.INVALID
    assert any("changed after signing" in problem for problem in check.problems)
    assert "Signature is Valid." not in pdfsig(forged, tmp_path)


def test_a_wrong_passphrase_is_refused_with_a_clear_message() -> None:
    wrong = SignatureRequest(signing_identity(), b"wrong", reason="x", location="y")
    with pytest.raises(SigningError, match="passphrase is wrong"):
        render_certificate(sample_document(), logo=logo(), signing=wrong)


def test_a_key_that_is_not_rsa_is_signed_after_rendering(tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Grace Hopper")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    archive = pkcs12.serialize_key_and_certificates(
        b"ec", key, certificate, None, serialization.BestAvailableEncryption(b"pass")
    )
    request = SignatureRequest(archive, b"pass", reason="Certificate", location="Here")
    data = render_certificate(sample_document(), logo=logo(), signing=request)
    # pyHanko's incremental update: a second revision holds the signature.
    assert data.count(b"%%EOF") == 2
    assert verify_signature(data).signer_name == "Grace Hopper"
    assert "Signature is Valid." in pdfsig(data, tmp_path)
