"""Rendered quotes, invoices and credit notes pass every DOCUMENTS.md check.

Every tricky organization name is the buyer of every document type; each PDF is written
to disk and checked with pikepdf (qpdf), PDFium, pypdf and (for e-invoices) the Factur-X
XSD and EN 16931 schematron.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from ptf_desktop.documents.business import document_metadata
from ptf_desktop.documents.layout import format_money
from ptf_desktop.documents.model import InvoiceDocument, Party
from ptf_desktop.documents.render import render_credit_note, render_invoice, render_quote
from ptf_desktop.domain.money import Money

from conftest import read_tricky_names
from helpers import documents, pdf_checks

TRICKY = read_tricky_names()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _check(pdf: Path, doc: Any, extra: list[str], *, pdfa: bool = True) -> None:
    meta = document_metadata(doc)
    negative = doc.__class__.__name__ == "CreditNoteDocument"
    total = format_money(doc.total, negative=negative)
    pdf_checks.check_document(
        pdf,
        expected_text=[
            doc.buyer.legal_name,
            doc.number,
            doc.issue_date.isoformat(),
            total,
            doc.currency,
            *(line.description for line in doc.lines),
            *doc.buyer.address_lines,
            doc.tax_note,
            *extra,
        ],
        one_line=[doc.number, total],
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        pdfa=pdfa,
    )


@pytest.mark.parametrize("name", TRICKY)
def test_invoice_to_every_tricky_name_passes_every_check(name: str, tmp_path: Path) -> None:
    doc = documents.invoice(name)
    pdf = _write(tmp_path, "invoice.pdf", render_invoice(doc))

    _check(
        pdf,
        doc,
        [
            doc.due_date.isoformat(),
            "DE89 3704 0044 0532 0130 00",
            "COBADEFFXXX",
            "021000021",
            "PO-2027/0042",
            "Cost centre 4711 <R&D>",
            "Please quote the invoice number INV-2027-0001",
            "Net 30",
        ],
    )
    pdf_checks.check_on_one_line(pdf, ["DE89 3704 0044 0532 0130 00"])
    pdf_checks.check_totals(pdf)


@pytest.mark.parametrize("name", TRICKY)
def test_quote_to_every_tricky_name_passes_every_check(name: str, tmp_path: Path) -> None:
    doc = documents.quote(name)
    pdf = _write(tmp_path, "quote.pdf", render_quote(doc))

    _check(pdf, doc, ["This is not an invoice.", doc.valid_until.isoformat(), "RFQ 2027-11"])
    with pikepdf.open(pdf) as document:
        assert not document.attachments  # a quote is no e-invoice


@pytest.mark.parametrize("name", TRICKY)
def test_credit_note_to_every_tricky_name_passes_every_check(name: str, tmp_path: Path) -> None:
    doc = documents.credit_note(name)
    pdf = _write(tmp_path, "credit.pdf", render_credit_note(doc))

    _check(pdf, doc, ["INV-2027-0001", "Training seats cancelled by the member.", "-2,880.00"])
    pdf_checks.check_totals(pdf, total_label="Total credited", negative=True)


def test_the_same_invoice_renders_to_the_same_bytes() -> None:
    doc = documents.invoice("华为技术有限公司", paid="100.00")

    first = render_invoice(doc)
    second = render_invoice(documents.invoice("华为技术有限公司", paid="100.00"))

    assert first == second
    assert render_quote(documents.quote()) == render_quote(documents.quote())
    assert render_invoice(doc, pdfa=False, facturx=False) == render_invoice(
        doc, pdfa=False, facturx=False
    )


def test_an_80_line_invoice_numbers_its_pages_and_repeats_the_table_header(
    tmp_path: Path,
) -> None:
    doc = documents.invoice("شركة أرامكو السعودية", lines=documents.standard_lines(80))
    pdf = _write(tmp_path, "long.pdf", render_invoice(doc))

    pages = pdf_checks.check_page_numbers(pdf)

    assert pages >= 3
    for page in range(1, pages + 1):
        text = pdf_checks.normalise(pdf_checks.pdftotext(pdf, first=page))
        if page < pages or "Event sponsorship" in text:
            assert "Description Qty Unit price Discount Tax Amount (USD)" in text, page
    _check(pdf, doc, ["Event sponsorship item 80"])
    pdf_checks.check_totals(pdf)


def test_payments_show_amount_paid_and_balance_due_and_the_xml_agrees(tmp_path: Path) -> None:
    doc = documents.invoice(paid="1000.00")
    pdf = _write(tmp_path, "paid.pdf", render_invoice(doc))

    assert doc.balance_due is not None
    pdf_checks.check_on_one_line(pdf, ["Amount paid USD -1,000.00", "Balance due USD 252,079.90"])
    root = pdf_checks.check_facturx(pdf)
    assert pdf_checks.xml_amount(root, "DuePayableAmount") == doc.balance_due.amount
    assert pdf_checks.xml_amount(root, "TotalPrepaidAmount") == Decimal("1000.00")


def test_taxed_lines_and_a_reverse_charge_invoice_pass_the_schematron(tmp_path: Path) -> None:
    eu_seller = dataclasses.replace(documents.SELLER, tax_id="DE811907980", country="DE")
    lines = [
        documents.line("Conference booth", "1", "1000.00", rate="19"),
        documents.line("Workshop", "2", "333.33", discount="10.00", rate="7"),
        documents.line("Membership", "1", "5000.00"),
    ]
    taxed = documents.invoice(lines=lines, seller=eu_seller)
    reverse = documents.invoice(reverse_charge=True, seller=eu_seller)

    taxed_pdf = _write(tmp_path, "taxed.pdf", render_invoice(taxed))
    reverse_pdf = _write(tmp_path, "reverse.pdf", render_invoice(reverse))

    assert taxed.tax_total == Money(Decimal("235.97"), "USD")
    pdf_checks.check_totals(taxed_pdf)
    pdf_checks.check_on_one_line(taxed_pdf, ["Tax 19% on 1,000.00 USD 190.00"])
    pdf_checks.check_totals(reverse_pdf)
    pdf_checks.check_contains(reverse_pdf, ["Reverse charge"])


def test_an_einvoice_without_the_seller_tax_id_is_refused_with_a_message() -> None:
    seller = dataclasses.replace(documents.SELLER, tax_id="")
    doc = documents.invoice(seller=seller)

    with pytest.raises(ValueError, match="tax ID"):
        render_invoice(doc)
    assert render_invoice(doc, facturx=False).startswith(b"%PDF")


def test_schematron_catches_totals_that_do_not_add_up(tmp_path: Path) -> None:
    pdf = _write(tmp_path, "good.pdf", render_invoice(documents.invoice()))
    xml = pdf_checks.facturx_xml_of(pdf).decode()
    broken = xml.replace(
        "<ram:GrandTotalAmount>253079.90</ram:GrandTotalAmount>",
        "<ram:GrandTotalAmount>253079.99</ram:GrandTotalAmount>",
    )
    assert broken != xml

    assert any("BR-CO-15" in failure for failure in pdf_checks.schematron_failures(broken.encode()))


def test_a_visible_total_that_differs_from_the_xml_fails(tmp_path: Path) -> None:
    good = documents.invoice()
    other = documents.invoice(lines=documents.standard_lines(2))
    pdf = _write(tmp_path, "good.pdf", render_invoice(good))
    with pikepdf.open(pdf) as document:
        xml = pdf_checks.facturx_xml_of(pdf)
        attachment = document.attachments["factur-x.xml"]
        stream = attachment.get_file().obj
        stream.write(xml.replace(b"253079.90", str(other.total.amount).encode()))
        document.save(tmp_path / "mismatch.pdf")

    with pytest.raises(pdf_checks.PdfCheckError):
        pdf_checks.check_totals(tmp_path / "mismatch.pdf")


def test_user_text_is_shown_literally_never_as_markup(tmp_path: Path) -> None:
    hostile = '<img src="/etc/passwd"/> R&D <b>Labs</b> & <Holding>'
    doc = documents.invoice(lines=[documents.line(hostile, "1", "10.00")])
    doc = dataclasses.replace(doc, notes=hostile)
    pdf = _write(tmp_path, "markup.pdf", render_invoice(doc))

    pdf_checks.check_contains(pdf, [hostile])


def test_a_draft_carries_a_watermark_and_no_einvoice(tmp_path: Path) -> None:
    doc = dataclasses.replace(documents.invoice(), is_draft=True)
    pdf = _write(tmp_path, "draft.pdf", render_invoice(doc))

    assert "DRAFT" in pdf_checks.pdftotext(pdf, raw=True)  # rotated, under the content
    pdf_checks.check_pdfa_validates(pdf)
    with pikepdf.open(pdf) as document:
        assert not document.attachments


def test_plain_pdfs_are_not_pdfa_but_pass_the_other_checks(tmp_path: Path) -> None:
    doc = documents.invoice()
    pdf = _write(tmp_path, "plain.pdf", render_invoice(doc, pdfa=False, facturx=False))

    _check(pdf, doc, [], pdfa=False)
    with pytest.raises(pdf_checks.PdfCheckError):
        pdf_checks.check_pdfa(pdf)


@pytest.mark.parametrize(
    ("country", "width"), [("US", 612.0), ("CA", 612.0), ("DE", 595.2756), ("JP", 595.2756)]
)
def test_north_american_buyers_get_letter_and_others_a4(country: str, width: float) -> None:
    buyer = dataclasses.replace(documents.buyer("X"), country=country)
    doc = documents.invoice(buyer_party=buyer)
    with pikepdf.open(
        __import__("io").BytesIO(render_invoice(doc, pdfa=False, facturx=False))
    ) as p:
        assert float(p.pages[0].mediabox[2]) == pytest.approx(width)


RENDERERS: list[tuple[str, Callable[[str], bytes]]] = [
    ("invoice", lambda name: render_invoice(documents.invoice(name))),
    ("quote", lambda name: render_quote(documents.quote(name))),
    ("credit", lambda name: render_credit_note(documents.credit_note(name))),
]


def test_metadata_names_the_document_and_the_buyer(tmp_path: Path) -> None:
    doc: InvoiceDocument = documents.invoice("Яндекс ООО")
    pdf = _write(tmp_path, "meta.pdf", render_invoice(doc))

    pdf_checks.check_metadata(
        pdf,
        title="Invoice INV-2027-0001",
        author="PyTorch Foundation",
        subject="Invoice INV-2027-0001 to Яндекс ООО",
    )
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == "en"


def test_a_party_name_is_never_changed_on_the_way(tmp_path: Path) -> None:
    for kind, render in RENDERERS:
        pdf = _write(tmp_path, f"{kind}.pdf", render('Łódź — <Holding> & Sons "Quoted"'))
        pdf_checks.check_contains(pdf, ['Łódź — <Holding> & Sons "Quoted"'])
    assert Party(legal_name="x").legal_name == "x"


def test_long_descriptions_and_notes_wrap_inside_the_margins(tmp_path: Path) -> None:
    description = (
        "Sponsorship of the PyTorch Conference 2027 — Diamond level, including keynote "
        "slot, booth, 20 passes, logo on all printed and online material & <social> posts"
    )
    lines = (*documents.standard_lines(2), documents.line(description, "1", "150000.00"))
    doc = dataclasses.replace(
        documents.invoice("Tổng Công ty Viễn thông Việt Nam", lines=lines),
        notes=" ".join(["Long note with R&D <b>markup</b> that must wrap."] * 12),
    )
    pdf = _write(tmp_path, "long-text.pdf", render_invoice(doc))

    _check(pdf, doc, [doc.notes])
    pdf_checks.check_totals(pdf)


def test_a_plain_ascii_description_that_does_not_fit_wraps_too(tmp_path: Path) -> None:
    description = "Training " * 40
    doc = documents.invoice(lines=[documents.line(description.strip(), "1", "10.00")])
    pdf = _write(tmp_path, "ascii.pdf", render_invoice(doc, pdfa=False, facturx=False))

    pdf_checks.check_words_inside(pdf, margin=18)
    pdf_checks.check_contains(pdf, [description])
