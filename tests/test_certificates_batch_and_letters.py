"""Year batches (progress, cancel, zip) and member letters with their e-mail drafts."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.progress import Progress

from helpers import pdf_checks
from helpers.certificates import ISSUE_DAY, add_member, configure_signatory


def test_batch_reports_progress_and_stops_when_cancelled(context: Any, tmp_path: Path) -> None:
    configure_signatory(context)
    for name in ("Alpha", "Beta", "Gamma"):
        add_member(context, name)
    seen: list[tuple[int, int]] = []
    # Cancel is asked between chunks (one transaction each): two certificates a chunk.
    from ptf_desktop.services.certificates.certificate_batch import CertificateBatch

    batch = CertificateBatch(context.certificates, context.factories, chunk_size=2)
    report = batch.export_year(
        2027,
        tmp_path / "out",
        on=ISSUE_DAY,
        progress=Progress(lambda done, total: seen.append((done, total)), lambda: len(seen) >= 2),
    )
    assert report.cancelled
    assert seen == [(1, 3), (2, 3)]
    assert len(report.issued) == 2 and len(report.written) == 2
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2
    assert not list((tmp_path / "out").glob("*.part"))
    # Running again finishes the rest and issues nothing twice.
    again = context.certificate_batch.export_year(2027, tmp_path / "out", on=ISSUE_DAY)
    assert len(again.issued) == 1 and len(again.written) == 3 and not again.cancelled


def test_a_cancelled_zip_batch_writes_no_zip(context: Any, tmp_path: Path) -> None:
    configure_signatory(context)
    add_member(context, "Alpha")
    out = tmp_path / "out"
    report = context.certificate_batch.export_year(
        2027, out, as_zip=True, on=ISSUE_DAY, progress=Progress(cancelled=lambda: True)
    )
    assert report.cancelled and not list(out.iterdir())


def test_batch_refuses_a_file_as_folder_and_a_silly_year(context: Any, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(UserError, match="it is a file"):
        context.certificate_batch.export_year(2027, target)
    with pytest.raises(UserError, match="not a membership year"):
        context.certificate_batch.issue_year(12)


def test_welcome_letter_pdf_and_draft_to_the_primary_contact(context: Any, tmp_path: Path) -> None:
    configure_signatory(context)
    context.settings.save({"billing_email": "billing@pytorch.example"})
    organization, _ = add_member(context, "شركة أرامكو السعودية", country="SA")
    context.organizations.add_contact(
        organization, {"name": "Pat Billing", "email": "pat@example.com", "roles": ["billing"]}
    )
    context.organizations.add_contact(
        organization,
        {"name": 'Ünal "Quoted" <Primary>', "email": "unal@example.com", "roles": ["primary"]},
    )
    letter = context.letters.welcome(organization, on=ISSUE_DAY)
    assert letter.recipient_email == "unal@example.com"
    written = letter.save(tmp_path)
    assert [p.suffix for p in written] == [".pdf", ".eml"]
    pdf_checks.check_fonts(written[0])
    pdf_checks.check_contains(
        written[0], ["شركة أرامكو السعودية", "General", "1 January 2027", 'Ünal "Quoted" <Primary>']
    )
    pdf_checks.check_shaped_arabic(written[0])
    message = email.message_from_bytes(written[1].read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "unal@example.com"
    assert message["To"].addresses[0].display_name == 'Ünal "Quoted" <Primary>'
    assert message["From"].addresses[0].addr_spec == "billing@pytorch.example"
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_filename() == written[0].name
    assert attachments[0].get_content() == written[0].read_bytes()


def test_renewal_reminder_goes_to_billing_with_amount_and_deadlines(
    context: Any, tmp_path: Path
) -> None:
    configure_signatory(context)
    organization, _ = add_member(context, "AT&T <Holding> Inc.", country="US")
    context.organizations.add_contact(
        organization, {"name": "Ada Primary", "email": "ada@example.com", "roles": ["primary"]}
    )
    context.organizations.add_contact(
        organization, {"name": "Pat Billing", "email": "pat@example.com", "roles": ["billing"]}
    )
    letter = context.letters.renewal_reminder(organization, on=date(2027, 10, 1))
    assert letter.recipient_email == "pat@example.com"
    written = letter.save(tmp_path)
    text = pdf_checks.normalise(pdf_checks.pdftotext(written[0]))
    assert "AT&T <Holding> Inc." in text
    from ptf_desktop.services.renewals.fee_service import FeeService

    price = FeeService(context.factories).price_organization(
        organization, date(2028, 1, 1), date(2028, 12, 31)
    )
    assert f"USD {price.total.amount:,}" in text and price.total.amount > 0
    assert "Current term ends 31 December 2027" in text
    assert "Next term 1 January 2028 to 31 December 2028" in text
    assert "Written notice of non-renewal by 1 December 2027" in text
    assert "Renewal invoice payable by 31 January 2028" in text


def test_a_letter_without_any_e_mail_address_is_a_pdf_with_a_note(
    context: Any, tmp_path: Path
) -> None:
    configure_signatory(context)
    organization, _ = add_member(context, "No Mail GmbH")
    letter = context.letters.welcome(organization, on=ISSUE_DAY)
    assert letter.eml is None and "no e-mail draft" in letter.note
    assert [p.suffix for p in letter.save(tmp_path)] == [".pdf"]


def test_letters_need_a_term(context: Any) -> None:
    from helpers.billing import add_organization

    organization = add_organization(context, "Prospect Ltd.")
    with pytest.raises(UserError, match="no membership term"):
        context.letters.welcome(organization)


def test_a_signed_batch_asks_the_keyring_once_and_writes_the_stored_pdfs(
    context: Any, tmp_path: Path, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.certificates import enable_signing

    configure_signatory(context)
    enable_signing(context, tmp_path)
    for name in ("Alpha", "Beta", "Gamma"):
        add_member(context, name)
    asked: list[tuple[str, str]] = []
    read = memory_keyring.get_password

    def counting(service: str, username: str) -> str | None:
        asked.append((service, username))
        return read(service, username)

    monkeypatch.setattr(memory_keyring, "get_password", counting)
    context.certificates.issuing_material()
    once = len(asked)
    assert once >= 1
    asked.clear()
    report = context.certificate_batch.export_year(2027, tmp_path / "out", on=ISSUE_DAY)
    # Three certificates, the settings read as for one.
    assert len(report.issued) == 3 and len(asked) == once
    for record in context.certificates.list():
        [written] = [p for p in report.written if record.number in p.name]
        assert written.read_bytes() == context.certificates.pdf(record.id)
        assert record.signed


def test_a_batch_without_the_passphrase_issues_nothing_and_says_why(
    context: Any, tmp_path: Path, memory_keyring: Any
) -> None:
    from helpers.certificates import enable_signing

    configure_signatory(context)
    enable_signing(context, tmp_path)
    memory_keyring.passwords.clear()
    add_member(context, "Alpha")
    with pytest.raises(UserError, match="passphrase of the signing certificate"):
        context.certificate_batch.export_year(2027, tmp_path / "out", on=ISSUE_DAY)
    assert context.certificates.list() == []
