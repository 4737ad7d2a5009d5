"""The certificate register: issuing, re-issuing, revoking, refusing what cannot be issued."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.documents.signing import verify_signature
from ptf_desktop.domain.certificates import verification_code
from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.organizations import MembershipStatus
from ptf_desktop.persistence.models import DocumentSeries
from ptf_desktop.services.certificates.certificate_records import content_of

from helpers.certificates import ISSUE_DAY, add_member, configure_signatory, enable_signing

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def test_issue_takes_a_number_from_its_own_series_and_stores_the_pdf(context: Any) -> None:
    configure_signatory(context)
    _, term = add_member(context, "AT&T <Holding> Ltd.")
    record = context.certificates.issue(term, on=ISSUE_DAY)
    assert record.number == "CERT-2027-0001"
    assert record.legal_name == "AT&T <Holding> Ltd."
    assert record.tier == "General"
    assert (record.term_start, record.term_end) == (date(2027, 1, 1), date(2026 + 1, 12, 31))
    assert record.status == "valid" and not record.signed
    pdf = context.certificates.pdf(record.id)
    assert pdf.startswith(b"%PDF")
    _, second_term = add_member(context, "Second Member")
    assert context.certificates.issue(second_term, on=ISSUE_DAY).number == "CERT-2027-0002"


def test_the_register_lists_the_newest_first_past_four_digits(
    context: Any, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    with context.factories.write.begin() as session:  # a year of 9,998 certificates so far
        session.add(DocumentSeries(id=uuid.uuid4(), series_key="CERT-2027", last_number=9998))
    for name in tricky_names[:3]:
        _, term = add_member(context, name)
        context.certificates.issue(term, on=ISSUE_DAY)
    listed = context.certificates.list()
    assert [r.number for r in listed] == ["CERT-2027-10001", "CERT-2027-10000", "CERT-2027-9999"]
    assert [r.legal_name for r in listed] == list(reversed(tricky_names[:3]))


def test_the_verification_code_is_keyed_with_the_database_key(context: Any) -> None:
    configure_signatory(context)
    _, term = add_member(context)
    record = context.certificates.issue(term, on=ISSUE_DAY)
    key = context.certificate_settings.verification_key()
    assert key == context.certificate_settings.verification_key()  # made once
    from ptf_desktop.persistence.models import Certificate

    with context.factories.read.begin() as s:
        row = s.get(Certificate, record.id)
        assert record.verification_code == verification_code(content_of(row), key)


def test_the_prefix_setting_names_the_series(context: Any) -> None:
    configure_signatory(context)
    context.certificate_settings.save(certificate_prefix="mc-l07")
    _, term = add_member(context)
    assert context.certificates.issue(term, on=ISSUE_DAY).number == "MC-L07-2027-0001"


def test_a_bad_prefix_is_refused_and_nothing_changes(context: Any) -> None:
    with pytest.raises(UserError, match="certificate prefix"):
        context.certificate_settings.save(certificate_prefix="no spaces!")
    assert context.certificate_settings.load().certificate_prefix == "CERT"


def test_a_term_that_has_ended_is_refused(context: Any) -> None:
    configure_signatory(context)
    _, term = add_member(context, start=date(2025, 1, 1))
    with pytest.raises(UserError, match="ended on 2025-12-31"):
        context.certificates.issue(term, on=ISSUE_DAY)
    assert context.certificates.list() == []


def test_a_member_that_is_not_current_is_refused(context: Any) -> None:
    configure_signatory(context)
    organization, term = add_member(context)
    context.memberships.set_status(organization, MembershipStatus.LAPSED)
    with pytest.raises(UserError, match="not a current member"):
        context.certificates.issue(term, on=ISSUE_DAY)
    assert context.certificates.list() == []


def test_a_second_certificate_for_the_same_term_is_refused(context: Any) -> None:
    configure_signatory(context)
    _, term = add_member(context)
    context.certificates.issue(term, on=ISSUE_DAY)
    with pytest.raises(UserError, match="re-issue"):
        context.certificates.issue(term, on=ISSUE_DAY)
    assert len(context.certificates.list()) == 1


def test_without_a_signatory_nothing_is_issued_and_no_number_is_used(context: Any) -> None:
    _, term = add_member(context)
    with pytest.raises(UserError, match="signatory"):
        context.certificates.issue(term, on=ISSUE_DAY)
    configure_signatory(context)
    assert context.certificates.issue(term, on=ISSUE_DAY).number == "CERT-2027-0001"


def test_reissue_supersedes_and_takes_the_new_legal_name(context: Any) -> None:
    configure_signatory(context)
    organization, term = add_member(context, "Old Name GmbH")
    old = context.certificates.issue(term, on=ISSUE_DAY)
    context.organizations.update(organization, {"legal_name": "Новое Имя ООО"})
    new = context.certificates.reissue(old.id, on=date(2027, 3, 1))
    assert new.legal_name == "Новое Имя ООО" and new.status == "valid"
    assert new.number == "CERT-2027-0002"
    again = context.certificates.get(old.id)
    assert again.status == "superseded" and again.superseded_by == new.number
    with pytest.raises(UserError, match="only a valid certificate"):
        context.certificates.reissue(old.id)
    assert [r.status for r in context.certificates.list("valid")] == ["valid"]


def test_revoke_needs_a_reason_and_records_it(context: Any) -> None:
    configure_signatory(context)
    _, term = add_member(context)
    record = context.certificates.issue(term, on=ISSUE_DAY)
    with pytest.raises(UserError, match="reason"):
        context.certificates.revoke(record.id, "   ")
    assert context.certificates.get(record.id).status == "valid"
    revoked = context.certificates.revoke(record.id, "Membership cancelled", on=date(2027, 5, 1))
    assert revoked.status == "revoked" and revoked.revocation_reason == "Membership cancelled"
    assert revoked.revoked_on == date(2027, 5, 1)
    with pytest.raises(UserError, match="already revoked"):
        context.certificates.revoke(record.id, "again")


def test_signed_certificates_carry_a_valid_signature(
    context: Any, memory_keyring: object, tmp_path: Path
) -> None:
    configure_signatory(context)
    enable_signing(context, tmp_path)
    settings = context.certificate_settings.load()
    assert settings.has_passphrase and settings.signing_pkcs12_path.endswith("signing.p12")
    _, term = add_member(context)
    record = context.certificates.issue(term, on=ISSUE_DAY)
    assert record.signed
    check = verify_signature(context.certificates.pdf(record.id))
    assert check.valid and check.signer_name == "Ada Lovelace"


def test_a_missing_passphrase_is_a_clear_error(
    context: Any, memory_keyring: object, tmp_path: Path
) -> None:
    from ptf_desktop.persistence import secrets

    configure_signatory(context)
    enable_signing(context, tmp_path)
    secrets.delete_secret(secrets.signing_passphrase_name(str(tmp_path / "signing.p12")))
    _, term = add_member(context)
    with pytest.raises(UserError, match="passphrase .* not in the system keyring"):
        context.certificates.issue(term, on=ISSUE_DAY)
    assert context.certificates.list() == []


@pytest.mark.sqlite_only
def test_the_passphrase_never_reaches_the_database(
    context: Any, memory_keyring: object, tmp_path: Path
) -> None:
    from helpers.certificates import PASSPHRASE

    enable_signing(context, tmp_path)
    context.close()
    assert PASSPHRASE.encode() not in Path(context.path).read_bytes()


def test_signature_image_must_be_an_image(context: Any) -> None:
    with pytest.raises(UserError, match="PNG or JPEG"):
        context.certificate_settings.set_signature_image(b"not an image")
    assert context.certificate_settings.signature_image() is None
    png = Path(__file__).parents[1].joinpath("ptf_desktop/resources/images/logo.png")
    if not png.exists():
        from ptf_desktop.resources import resource_path

        png = resource_path("images/logo.png")
    context.certificate_settings.set_signature_image(png.read_bytes())
    assert context.certificate_settings.load().has_signature_image


def test_the_signature_image_of_the_settings_is_drawn_on_new_certificates(context: Any) -> None:
    import io

    import pypdf
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 80), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(10, 60), (80, 10), (150, 70), (290, 20)], fill="navy", width=4)
    signature = io.BytesIO()
    image.save(signature, format="PNG")
    configure_signatory(context)
    _, first_term = add_member(context, "First")
    _, second_term = add_member(context, "Second")
    without = context.certificates.pdf(context.certificates.issue(first_term, on=ISSUE_DAY).id)
    context.certificate_settings.set_signature_image(signature.getvalue())
    with_image = context.certificates.pdf(context.certificates.issue(second_term, on=ISSUE_DAY).id)
    assert len(pypdf.PdfReader(io.BytesIO(without)).pages[0].images) == 1
    assert len(pypdf.PdfReader(io.BytesIO(with_image)).pages[0].images) == 2
