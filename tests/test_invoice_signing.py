"""The "sign invoices" setting: issued invoices carry a valid PAdES signature, or are refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.documents.signing import verify_signature
from ptf_desktop.domain.errors import UserError
from ptf_desktop.persistence import secrets

from helpers import pdf_reading
from helpers.billing import add_organization, configure_seller, membership_spec
from helpers.certificates import enable_signing

ISSUED_ON = date(2027, 1, 4)


def draft(context: Any, name: str = "AT&T <Holding> Inc.") -> Any:
    configure_seller(context)
    return context.invoices.create_draft(membership_spec(add_organization(context, name)))


def test_invoices_are_not_signed_by_default(context: Any) -> None:
    invoice = draft(context)
    context.invoices.issue(invoice, ISSUED_ON)
    assert not verify_signature(context.invoices.pdf(invoice)).signed


def test_with_the_setting_on_issued_invoices_are_signed_and_pdfsig_agrees(
    context: Any, memory_keyring: object, tmp_path: Path
) -> None:
    enable_signing(context, tmp_path)
    context.certificate_settings.save(sign_invoices=True)
    invoice = draft(context)
    preview = context.invoices.pdf(invoice)
    assert not verify_signature(preview).signed  # a draft's preview is never signed
    context.invoices.issue(invoice, ISSUED_ON)
    pdf = tmp_path / "invoice.pdf"
    pdf.write_bytes(context.invoices.pdf(invoice))
    check = verify_signature(pdf.read_bytes())
    assert check.valid and check.signer_name == "Ada Lovelace"
    report = pdf_reading.pdfsig(pdf)
    assert "Signature is Valid." in report and "Total document signed" in report


def test_signing_on_without_a_passphrase_refuses_before_taking_a_number(
    context: Any, memory_keyring: object, tmp_path: Path
) -> None:
    enable_signing(context, tmp_path)
    context.certificate_settings.save(sign_invoices=True)
    secrets.delete_secret(secrets.signing_passphrase_name(str(tmp_path / "signing.p12")))
    invoice = draft(context)
    with pytest.raises(UserError, match="passphrase"):
        context.invoices.issue(invoice, ISSUED_ON)
    assert context.invoices.list("draft")[0].id == invoice
    secrets.store_secret(secrets.SIGNING_PASSPHRASE, "correct horse battery staple")
    assert context.invoices.issue(invoice, ISSUED_ON).number == "INV-2027-0001"


def test_signing_on_without_a_certificate_is_a_clear_refusal(context: Any) -> None:
    context.certificate_settings.save(sign_invoices=True)
    invoice = draft(context)
    with pytest.raises(UserError, match="no signing certificate is chosen"):
        context.invoices.issue(invoice, ISSUED_ON)
