"""Billing documents through the services: issued PDFs that pass the DOCUMENTS.md checks."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from ptf_desktop.domain.errors import UserError
from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_export import InvoiceExporter
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.payment_service import PaymentService
from ptf_desktop.services.billing.pdf_renderer import ReportLabRenderer
from ptf_desktop.services.billing.quote_lines import free_line
from ptf_desktop.services.billing.quote_service import QuoteService, QuoteSpec

from helpers import pdf_checks
from helpers.billing import add_organization, configure_seller, membership_spec, usd

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

ISSUED_ON = date(2027, 1, 4)
TODAY = date(2027, 1, 10)


@pytest.fixture
def invoices(context: Any) -> InvoiceService:
    configure_seller(context)
    return InvoiceService(context.factories, ReportLabRenderer(), today=lambda: TODAY)


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def test_an_issued_invoice_passes_every_check_and_its_xml_agrees(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    organization_id = add_organization(context, "AT&T <Holding> Inc.", vat_id="DE136695976")
    spec = membership_spec(organization_id, buyer_reference="PO-2027/0042")
    invoice_id = invoices.create_draft(spec)
    invoices.issue(invoice_id, ISSUED_ON)
    pdf = _write(tmp_path, "invoice.pdf", invoices.pdf(invoice_id))

    pdf_checks.check_document(
        pdf,
        expected_text=[
            "AT&T <Holding> Inc.",
            "INV-2027-0001",
            "2027-01-04",
            "2027-02-03",
            "USD 35,000.00",
            "General membership, 2027-01-01 to 2027-12-31",
            "PO-2027/0042",
            "DE136695976",
            "DE89 3704 0044 0532 0130 00",
            "Please quote the invoice number INV-2027-0001",
        ],
        one_line=["INV-2027-0001", "USD 35,000.00", "DE89 3704 0044 0532 0130 00"],
        title="Invoice INV-2027-0001",
        author="PyTorch Foundation",
        subject="Invoice INV-2027-0001 to AT&T <Holding> Inc.",
        pdfa=True,
    )
    pdf_checks.check_totals(pdf)
    root = pdf_checks.check_facturx(pdf)
    assert pdf_checks.xml_amount(root, "GrandTotalAmount") == Decimal("35000.00")


def test_the_same_invoice_renders_to_the_same_bytes_and_a_reprint_is_the_stored_pdf(
    context: Any, invoices: InvoiceService
) -> None:
    invoice_id = invoices.create_draft(membership_spec(add_organization(context)))
    invoices.issue(invoice_id, ISSUED_ON)
    stored = invoices.pdf(invoice_id)
    assert invoices.get(invoice_id).pdf_sha256 == hashlib.sha256(stored).hexdigest()

    # Golden: rendering the issued invoice's snapshot again gives the very same bytes.
    from ptf_desktop.services.billing.document_builder import invoice_document
    from ptf_desktop.services.billing.invoice_records import load_invoice

    with context.factories.read.begin() as session:
        snapshot = invoice_document(session, load_invoice(session, invoice_id), TODAY)
    assert ReportLabRenderer().render(snapshot) == stored
    # Later changes to the settings never touch the stored document.
    context.settings.save({"legal_name": "PyTorch Foundation, Inc.", "iban": ""})
    assert invoices.pdf(invoice_id) == stored


def test_without_the_foundations_tax_id_an_einvoice_is_refused_and_no_number_is_taken(
    context: Any, invoices: InvoiceService
) -> None:
    context.settings.save({"tax_id": ""})
    invoice_id = invoices.create_draft(membership_spec(add_organization(context)))
    with pytest.raises(UserError, match="needs the foundation's tax ID"):
        invoices.issue(invoice_id, ISSUED_ON)
    assert invoices.get(invoice_id).summary.number is None

    context.document_settings.save({"facturx_enabled": "no"})
    assert invoices.issue(invoice_id, ISSUED_ON).number == "INV-2027-0001"
    with pikepdf.open(_bytes_file(invoices.pdf(invoice_id))) as document:
        assert not document.attachments


def _bytes_file(content: bytes) -> Any:
    import io

    return io.BytesIO(content)


def test_a_draft_preview_is_marked_draft_and_carries_no_einvoice(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    invoice_id = invoices.create_draft(membership_spec(add_organization(context)))
    pdf = _write(tmp_path, "draft.pdf", invoices.pdf(invoice_id))
    assert "DRAFT" in pdf_checks.pdftotext(pdf)
    with pikepdf.open(pdf) as document:
        assert not document.attachments
    assert invoices.get(invoice_id).summary.number is None


def test_credit_note_and_quote_pdfs_pass_the_checks(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    renderer = ReportLabRenderer()
    organization_id = add_organization(context, "Ünïcødé & Söhne GmbH")
    invoice_id = invoices.create_draft(membership_spec(organization_id))
    number = invoices.issue(invoice_id, ISSUED_ON).number
    assert number is not None
    PaymentService(context.factories).record(number, "1000", date(2027, 1, 5))
    credits = CreditNoteService(context.factories, renderer, today=lambda: TODAY)
    note = credits.create(number, "Wrong employee band <2027>", "5000")
    pdf = _write(tmp_path, "credit.pdf", credits.pdf(note.number))
    pdf_checks.check_document(
        pdf,
        expected_text=[
            "Ünïcødé & Söhne GmbH",
            "CN-2027-0001",
            number,
            "Wrong employee band <2027>",
        ],
        one_line=["CN-2027-0001"],
        title="Credit note CN-2027-0001",
        author="PyTorch Foundation",
        subject="Credit note CN-2027-0001 to Ünïcødé & Söhne GmbH",
        pdfa=True,
    )
    pdf_checks.check_totals(pdf, total_label="Total credited", negative=True)

    quotes = QuoteService(context.factories, renderer, today=lambda: TODAY)
    line = free_line("Training course", Decimal(2), usd("1500"), Decimal(10))
    quote_id = quotes.create_draft(QuoteSpec(organization_id, "USD", date(2027, 2, 28), (line,)))
    quotes.send(quote_id)
    pdf = _write(tmp_path, "quote.pdf", quotes.pdf(quote_id))
    pdf_checks.check_document(
        pdf,
        expected_text=["Q-2027-0001", "This is not an invoice", "2027-02-28", "USD 2,700.00"],
        one_line=["Q-2027-0001", "USD 2,700.00"],
        title="Quote Q-2027-0001",
        author="PyTorch Foundation",
        subject="Quote Q-2027-0001 to Ünïcødé & Söhne GmbH",
        pdfa=True,
    )


def test_every_tricky_name_through_issued_invoices_and_the_export(
    context: Any, invoices: InvoiceService, tricky_names: list[str], tmp_path: Path
) -> None:
    line = DraftLineSpec("Training", Decimal(1), usd("100"))
    for name in tricky_names:
        organization_id = add_organization(context, name, country="US", vat_id="")
        draft = invoices.create_draft(DraftInvoiceSpec(organization_id, "USD", (line,)))
        invoices.issue(draft, ISSUED_ON)

    report = InvoiceExporter(context.factories).export(tmp_path / "export")

    assert report.without_pdf == ()
    assert len(report.written) == len(tricky_names)
    for path, name in zip(report.written, tricky_names, strict=True):
        assert path.parent == tmp_path / "export"
        pdf_checks.check_contains(path, [name.strip()])
