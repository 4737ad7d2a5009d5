"""Signed certificates: pdfsig and pyHanko accept them, altered ones fail, checks say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from certificate_samples import KEY, PASSPHRASE, render, sample_document, signing_identity

from ptf_desktop.documents.certificate_check import SignatureState, check_certificate_pdf
from ptf_desktop.documents.certificate_metadata import read_certificate_metadata
from ptf_desktop.documents.qr_reading import decode_qr_codes
from ptf_desktop.documents.signing import (
    SigningError,
    create_self_signed_pkcs12,
    sign_pdf,
    verify_signature,
)

from helpers import pdf_reading


def signed(data: bytes) -> bytes:
    return sign_pdf(
        data,
        signing_identity(),
        PASSPHRASE,
        reason="Certificate of membership",
        location="San Francisco, CA",
    )


def pdfsig(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    return pdf_reading.pdfsig(path)


def altered(data: bytes, old: bytes, new: bytes) -> bytes:
    """Replace the first occurrence of ``old`` by ``new`` of the same length."""
    assert len(old) == len(new) and old in data
    return data.replace(old, new, 1)


def test_pdfsig_reports_a_valid_signature_over_the_whole_document(tmp_path: Path) -> None:
    data = signed(render(sample_document()))
    report = pdfsig(data, tmp_path)
    assert "Signature is Valid." in report
    assert "Total document signed" in report
    assert "Signer Certificate Common Name: Ada Lovelace" in report
    assert "ETSI.CAdES.detached" in report  # PAdES


def test_pyhanko_validation_finds_the_signer_and_notes_self_signing() -> None:
    check = verify_signature(signed(render(sample_document())))
    assert check.valid and check.signed and check.intact and check.covers_whole_file
    assert check.signer_name == "Ada Lovelace"
    assert check.self_signed
    assert "self-signed" in check.trust_note


def test_signing_keeps_the_certificate_data() -> None:
    document = sample_document()
    metadata = read_certificate_metadata(signed(render(document)))
    assert metadata is not None and metadata.payload == document.qr_payload


def test_an_altered_signed_pdf_fails_pdfsig_and_validation(tmp_path: Path) -> None:
    data = signed(render(sample_document()))
    # The code in the XMP packet lies inside the signed byte range.
    code = sample_document().code.encode("ascii")
    forged = altered(data, code, code[::-1])
    check = verify_signature(forged)
    assert check.signed and not check.intact and not check.valid
    assert "changed after signing" in check.problems[0]
    assert "Signature is Valid." not in pdfsig(forged, tmp_path)


def test_an_update_appended_after_signing_is_reported() -> None:
    data = signed(render(sample_document()))
    check = verify_signature(data + b"\n% appended after signing\n")
    assert check.intact and not check.covers_whole_file
    assert check.problems == ("The document was modified after it was signed",)


def test_an_unsigned_pdf_and_garbage_are_reported_as_such() -> None:
    assert verify_signature(render(sample_document())).problems == ("The document is not signed",)
    garbage = verify_signature(b"not a pdf at all")
    assert not garbage.signed and "not a readable PDF" in garbage.problems[0]


def test_a_wrong_passphrase_or_a_bad_archive_gives_a_clear_message() -> None:
    data = render(sample_document())
    with pytest.raises(SigningError, match="passphrase is wrong"):
        sign_pdf(data, signing_identity(), b"wrong", reason="r", location="l")
    with pytest.raises(SigningError, match="not a PKCS#12 archive"):
        sign_pdf(data, b"garbage", PASSPHRASE, reason="r", location="l")
    with pytest.raises(ValueError, match="passphrase"):
        create_self_signed_pkcs12("Ada", "PTF", b"")


def test_a_good_signed_certificate_passes_every_check() -> None:
    result = check_certificate_pdf(
        signed(render(sample_document(legal_name="شركة أرامكو السعودية"))),
        key=KEY,
        qr_reader=decode_qr_codes,
    )
    assert result.problems == ()
    assert result.valid and result.code_checked
    assert result.signature_state is SignatureState.VALID
    assert result.content is not None and result.content.legal_name == "شركة أرامكو السعودية"


def test_the_check_says_what_is_wrong() -> None:
    good = render(sample_document())
    unsigned = check_certificate_pdf(good, key=KEY)
    assert unsigned.signature_state is SignatureState.MISSING
    assert unsigned.problems == ("The certificate is not signed",)
    assert check_certificate_pdf(good, key=KEY, require_signature=False).valid

    no_key = check_certificate_pdf(signed(good), key=None)
    assert no_key.problems == (
        "The verification code was not checked: the certificate key is missing",
    )
    wrong_key = check_certificate_pdf(signed(good), key=bytes(32))
    assert "does not match the content" in wrong_key.problems[0]

    broken = check_certificate_pdf(altered(signed(good), b"Ada Lovelace", b"Eve Mallory!"), key=KEY)
    assert broken.signature_state is SignatureState.INVALID
    assert any("changed after signing" in problem for problem in broken.problems)

    not_certificate = check_certificate_pdf(b"%PDF-1.4 nonsense", key=KEY)
    assert not not_certificate.valid


def test_a_forged_page_with_a_copied_code_does_not_verify() -> None:
    # Someone renders a certificate for a different name and copies a real code onto it.
    real = sample_document()
    forged_content = sample_document(legal_name="Forged Holdings Ltd").content
    forged = render(type(real)(forged_content, real.code))
    result = check_certificate_pdf(forged, key=KEY, require_signature=False)
    assert result.problems == (
        "The verification code does not match the content: the certificate was altered "
        "or was not issued by the foundation",
    )


def test_a_page_that_does_not_show_the_stored_content_is_caught() -> None:
    data = render(sample_document())
    # The stored content now says the 16th; the page still prints the 15th.
    stored_changed = altered(data, b'"issue_date":"2027-01-15"', b'"issue_date":"2027-01-16"')
    result = check_certificate_pdf(stored_changed, key=KEY, require_signature=False)
    assert result.content is not None and str(result.content.issue_date) == "2027-01-16"
    assert (
        "The issue date printed on the page does not match the certificate data "
        "(expected '16 January 2027')"
    ) in result.problems


def test_a_qr_code_that_differs_from_the_stored_payload_is_reported() -> None:
    data = render(sample_document())
    swapped = check_certificate_pdf(
        data, key=KEY, require_signature=False, qr_reader=lambda _: ["PTF-CERT:X-1:AAAAA"]
    )
    assert swapped.problems == (
        f"The QR code on the page (PTF-CERT:X-1:AAAAA) is not the certificate's "
        f"({sample_document().qr_payload})",
    )
    # A page without any QR code (here: the QR reader run on a letter-sized blank page).
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    blank = Canvas(buffer)
    blank.showPage()
    blank.save()
    assert decode_qr_codes(buffer.getvalue()) == []
    missing = check_certificate_pdf(data, key=KEY, require_signature=False, qr_reader=lambda _: [])
    assert missing.problems == ("No QR code could be read on the page",)
