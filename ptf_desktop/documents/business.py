"""Render quotes, invoices and credit notes to PDF bytes with ReportLab.

Each renderer takes an immutable document from :mod:`ptf_desktop.documents.model` and
returns the PDF; nothing here touches the database or Qt. The layout (see
:mod:`ptf_desktop.documents.layout`): logo and seller top left, title and number top
right, the buyer, a reference strip, the lines in a table whose header repeats on every
page, the totals, then payment details (invoices), the validity notice (quotes) or the
correction details (credit notes), and notes. Amounts are plain right-aligned strings in
columns measured to fit them, so they never wrap; user text goes through
:mod:`~ptf_desktop.documents.text_runs` (escaping, a font per script, shaping, bidi).
Output is byte-reproducible (``invariant=1``).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ptf_desktop.documents import fonts
from ptf_desktop.documents.layout import (
    MARGIN,
    MUTED,
    RULE,
    SHADE,
    TEXT,
    NumberedCanvas,
    draw_watermark,
    format_amount,
    format_date,
    format_money,
    format_quantity,
    format_rate,
    page_size_for,
    styles,
)
from ptf_desktop.documents.model import (
    CreditNoteDocument,
    InvoiceDocument,
    Party,
    QuoteDocument,
)
from ptf_desktop.documents.text_runs import make_paragraph
from ptf_desktop.resources import resource_path

__all__ = ["document_metadata", "render_credit_note_pdf", "render_invoice_pdf", "render_quote_pdf"]

Document = InvoiceDocument | QuoteDocument | CreditNoteDocument
Kind = Literal["Invoice", "Quote", "Credit note"]


@dataclass(frozen=True)
class Metadata:
    """What the PDF says about itself: title, author, subject, keywords, language."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str


def _kind(doc: Document) -> Kind:
    if isinstance(doc, InvoiceDocument):
        return "Invoice"
    if isinstance(doc, QuoteDocument):
        return "Quote"
    return "Credit note"


def document_metadata(doc: Document) -> Metadata:
    """The metadata a document's PDF carries (tests compare against it).

    Args:
        doc: The document.

    Returns:
        Title "Invoice INV-2027-0001", author the seller, subject naming the buyer.
    """
    kind = _kind(doc)
    return Metadata(
        title=f"{kind} {doc.number}",
        author=doc.seller.legal_name,
        subject=f"{kind} {doc.number} to {' '.join(doc.buyer.legal_name.split())}",
        keywords=f"{kind.lower()}, {doc.number}, {doc.currency}",
        language=doc.language,
    )


def render_invoice_pdf(doc: InvoiceDocument) -> bytes:
    """Render an invoice as a plain PDF (no PDF/A, no e-invoice); see ``render_invoice``."""
    return _render(doc)


def render_quote_pdf(doc: QuoteDocument) -> bytes:
    """Render a quote as a plain PDF."""
    return _render(doc)


def render_credit_note_pdf(doc: CreditNoteDocument) -> bytes:
    """Render a credit note as a plain PDF."""
    return _render(doc)


def _render(doc: Document) -> bytes:
    fonts.register_fonts()
    kind = _kind(doc)
    meta = document_metadata(doc)
    buffer = io.BytesIO()
    page_size = page_size_for(doc.buyer.country)
    seller = doc.seller
    seller_line = " · ".join(
        part
        for part in (
            seller.legal_name,
            f"Tax ID {seller.tax_id}" if seller.tax_id else "",
            seller.email,
        )
        if part
    )

    def footer(page: int, pages: int) -> tuple[str, str]:
        return seller_line, f"{kind} {doc.number} · Page {page} of {pages}"

    watermark = "DRAFT" if isinstance(doc, InvoiceDocument) and doc.is_draft else ""
    template = BaseDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=meta.keywords,
        creator="PTF Desktop",
        producer="PTF Desktop (ReportLab)",
        lang=meta.language,
        invariant=1,
        initialFontName=fonts.BODY_FONT,
    )
    frame = Frame(
        template.leftMargin,
        template.bottomMargin,
        template.width,
        template.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )

    def on_page(canvas: Canvas, _template: BaseDocTemplate) -> None:
        if watermark:
            draw_watermark(canvas, watermark)

    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    story = _story(doc, kind, template.width)
    template.build(
        story,
        canvasmaker=functools.partial(NumberedCanvas, footer=footer),
    )
    return buffer.getvalue()


def _story(doc: Document, kind: Kind, width: float) -> list[Flowable]:
    st = styles()
    negative = isinstance(doc, CreditNoteDocument)
    story: list[Flowable] = [
        _header(doc, kind, width, st),
        Spacer(1, 6 * mm),
        _bill_to(doc.buyer, st, "PREPARED FOR" if isinstance(doc, QuoteDocument) else "BILL TO"),
        Spacer(1, 4 * mm),
        _references(doc, width, st),
        Spacer(1, 5 * mm),
        _lines_table(doc, width, st, negative=negative),
        Spacer(1, 3 * mm),
        _totals(doc, width, negative=negative),
    ]
    if doc.tax_note:
        story += [Spacer(1, 2 * mm), make_paragraph(doc.tax_note, st["small"])]
    if isinstance(doc, InvoiceDocument):
        story += [Spacer(1, 6 * mm), _payment(doc, width, st)]
    elif isinstance(doc, QuoteDocument):
        story += [
            Spacer(1, 6 * mm),
            KeepTogether(
                [
                    Paragraph("This is not an invoice.", st["notice"]),
                    Paragraph(
                        f"Prices in this quote are valid until {format_date(doc.valid_until)}. "
                        "An invoice follows acceptance.",
                        st["body"],
                    ),
                ]
            ),
        ]
    else:
        story += [Spacer(1, 6 * mm), _correction(doc, st)]
    if doc.notes:
        story += [
            Spacer(1, 5 * mm),
            KeepTogether(
                [Paragraph("Notes", st["heading"]), make_paragraph(doc.notes, st["body"])]
            ),
        ]
    return story


def _party_lines(party: Party) -> list[str]:
    """Address lines of a party as printed: street, locality, country name."""
    lines = [line for line in party.address_lines if line.strip()]
    if party.locality:
        lines.append(party.locality)
    if party.country:
        lines.append(_country_name(party.country))
    return lines


@functools.cache
def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return str(getattr(country, "common_name", None) or country.name) if country else code


def _header(doc: Document, kind: Kind, width: float, st: dict[str, Any]) -> Flowable:
    seller = doc.seller
    logo = Image(str(resource_path("images/logo.png")), 14 * mm, 14 * mm, mask="auto")
    logo.hAlign = "LEFT"
    seller_parts: list[Flowable] = [
        logo,
        Spacer(1, 2 * mm),
        make_paragraph(seller.legal_name, st["seller"]),
        make_paragraph(_party_lines(seller), st["small"]),
    ]
    contact = [f"Tax ID: {seller.tax_id}" if seller.tax_id else "", seller.email]
    if any(contact):
        seller_parts.append(make_paragraph([c for c in contact if c], st["small"]))

    rows = [["Number", doc.number], ["Issue date", format_date(doc.issue_date)]]
    if isinstance(doc, InvoiceDocument):
        rows.append(["Due date", format_date(doc.due_date)])
    elif isinstance(doc, QuoteDocument):
        rows.append(["Valid until", format_date(doc.valid_until)])
    else:
        rows.append(["Corrects invoice", doc.corrected_invoice])
        rows.append(["Invoice date", format_date(doc.corrected_invoice_date)])
    title = kind.upper()
    key_table = _fitted_table(rows, align_last="RIGHT", label_column=0)
    title_parts: list[Flowable] = [Paragraph(title, st["title"]), Spacer(1, 3 * mm), key_table]
    key_width = key_table.minWidth()
    right_width = max(key_width, stringWidth(title, fonts.BOLD_FONT, 22)) + 2
    header = Table(
        [[seller_parts, title_parts]],
        colWidths=[width - right_width, right_width],
    )
    header.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), fonts.BODY_FONT),
            ]
        )
    )
    return header


def _fitted_table(
    rows: Sequence[Sequence[str]], *, align_last: str, label_column: int | None
) -> Table:
    """A table of plain strings whose columns are as wide as their widest cell."""
    size = 8.5
    widths = [
        max(stringWidth(str(row[col]), fonts.BOLD_FONT, size) for row in rows) + 8
        for col in range(len(rows[0]))
    ]
    table = Table([list(row) for row in rows], colWidths=widths, hAlign="RIGHT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY_FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("ALIGN", (-1, 0), (-1, -1), align_last),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
    ]
    if label_column is not None:
        commands += [
            ("TEXTCOLOR", (label_column, 0), (label_column, -1), MUTED),
            ("FONTNAME", (-1, 0), (-1, -1), fonts.BOLD_FONT),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _bill_to(buyer: Party, st: dict[str, Any], label: str) -> Flowable:
    parts: list[Flowable] = [
        Paragraph(label, st["label"]),
        make_paragraph(buyer.legal_name, st["name"]),
    ]
    lines = _party_lines(buyer)
    if lines:
        parts.append(make_paragraph(lines, st["body"]))
    extra = []
    if buyer.tax_id:
        extra.append(f"VAT / tax ID: {buyer.tax_id}")
    contact = " · ".join(part for part in (buyer.contact_name, buyer.email) if part)
    if contact:
        extra.append(f"Attn: {contact}")
    if extra:
        parts.append(make_paragraph(extra, st["body"]))
    return KeepTogether(parts)


def _references(doc: Document, width: float, st: dict[str, Any]) -> Flowable:
    cells: list[tuple[str, str]] = []
    if doc.purchase_order:
        cells.append(("PO NUMBER", doc.purchase_order))
    if doc.buyer_reference:
        cells.append(("BUYER REFERENCE", doc.buyer_reference))
    if isinstance(doc, InvoiceDocument):
        cells.append(("TERMS", doc.terms))
    cells.append(("CURRENCY", doc.currency))
    column = width / len(cells)
    table = Table(
        [
            [Paragraph(label, st["label"]) for label, _ in cells],
            [make_paragraph(value, st["body"]) for _, value in cells],
        ],
        colWidths=[column] * len(cells),
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.BODY_FONT),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]
        )
    )
    return table


def _lines_table(doc: Document, width: float, st: dict[str, Any], *, negative: bool) -> Flowable:
    header = ["Description", "Qty", "Unit price", "Discount", "Tax", f"Amount ({doc.currency})"]
    rows: list[list[Any]] = [header]
    numbers: list[list[str]] = []
    for line in doc.lines:
        cells = [
            format_quantity(line.quantity),
            # Price and discount as on the corrected invoice; only the amount is negated.
            format_amount(line.unit_price),
            format_amount(line.discount) if line.discount.amount else "–",
            format_rate(line.tax_rate),
            format_amount(line.amount, negative=negative),
        ]
        numbers.append(cells)
        rows.append([make_paragraph(line.description, st["body"]), *cells])
    size = 8.5
    widths = [
        max(
            stringWidth(header[col + 1], fonts.BOLD_FONT, size),
            *(stringWidth(cells[col], fonts.BODY_FONT, size) for cells in numbers),
        )
        + 12
        for col in range(5)
    ]
    description_width = width - sum(widths)
    table = LongTable(rows, colWidths=[description_width, *widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.BODY_FONT),
                ("FONTSIZE", (0, 0), (-1, -1), size),
                ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
                ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD_FONT),
                ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                ("FONTSIZE", (0, 0), (-1, 0), 7.5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, TEXT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _totals(doc: Document, width: float, *, negative: bool) -> Flowable:
    rows: list[list[str]] = [["Net total", format_money(doc.net_total, negative=negative)]]
    for summary in doc.tax_summaries:
        label = (
            f"Tax {format_rate(summary.rate)} on {format_amount(summary.base, negative=negative)}"
        )
        rows.append([label, format_money(summary.tax, negative=negative)])
    if isinstance(doc, CreditNoteDocument):
        total_label = "Total credited"
    else:
        total_label = "Total"
    rows.append([total_label, format_money(doc.total, negative=negative)])
    total_row = len(rows) - 1
    due_row = total_row
    if isinstance(doc, InvoiceDocument) and doc.amount_paid is not None:
        assert doc.balance_due is not None
        rows.append(["Amount paid", format_money(doc.amount_paid, negative=True)])
        rows.append(["Balance due", format_money(doc.balance_due)])
        due_row = len(rows) - 1
    size = 9
    big = 11
    widths = [
        max(stringWidth(row[0], fonts.BOLD_FONT, big) for row in rows) + 16,
        max(stringWidth(row[1], fonts.BOLD_FONT, big) for row in rows) + 4,
    ]
    table = Table(rows, colWidths=widths, hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.BODY_FONT),
                ("FONTSIZE", (0, 0), (-1, -1), size),
                ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, TEXT),
                ("FONTNAME", (0, total_row), (-1, total_row), fonts.BOLD_FONT),
                ("TEXTCOLOR", (0, total_row), (-1, total_row), TEXT),
                ("FONTNAME", (0, due_row), (-1, due_row), fonts.BOLD_FONT),
                ("FONTSIZE", (0, due_row), (-1, due_row), big),
                ("TEXTCOLOR", (0, due_row), (-1, due_row), TEXT),
                ("TOPPADDING", (0, due_row), (-1, due_row), 5),
            ]
        )
    )
    return KeepTogether([table])


def _payment(doc: InvoiceDocument, width: float, st: dict[str, Any]) -> Flowable:
    bank = doc.bank
    holder = bank.account_holder or doc.seller.legal_name
    rows: list[tuple[str, str]] = [
        ("Amount due", f"{format_money(doc.payable)} by {format_date(doc.due_date)}"),
        ("Bank", bank.bank_name),
        ("Account holder", holder),
        ("Account number", bank.account_number),
        ("ABA routing (US)", bank.aba_routing),
        ("IBAN", bank.iban_grouped),
        ("SWIFT/BIC", bank.swift_bic),
    ]
    shown = [(label, value) for label, value in rows if value]
    label_width = max(stringWidth(label, fonts.BODY_FONT, 8.5) for label, _ in shown) + 10
    data: list[list[Any]] = []
    for label, value in shown:
        cell: Any = value
        if label in ("Bank", "Account holder"):
            cell = make_paragraph(value, st["body"], bold=True)
        data.append([label, cell])
    table = Table(data, colWidths=[label_width, width / 2 - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.BODY_FONT),
                ("FONTNAME", (1, 0), (1, -1), fonts.BOLD_FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("TEXTCOLOR", (1, 0), (1, -1), TEXT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    parts: list[Flowable] = [Paragraph("How to pay", st["heading"]), Spacer(1, 1 * mm), table]
    remittance = doc.remittance_note or (
        f"Please quote the invoice number {doc.number} with your payment."
    )
    parts += [Spacer(1, 2 * mm), make_paragraph(remittance, st["body"])]
    if doc.seller.email:
        parts.append(make_paragraph(f"Billing questions: {doc.seller.email}", st["small"]))
    return KeepTogether(parts)


def _correction(doc: CreditNoteDocument, st: dict[str, Any]) -> Flowable:
    return KeepTogether(
        [
            Paragraph("Credit note", st["heading"]),
            make_paragraph(
                f"This credit note corrects invoice {doc.corrected_invoice} of "
                f"{format_date(doc.corrected_invoice_date)}. Amounts shown negative are "
                f"credited to the buyer: {format_money(doc.total, negative=True)}.",
                st["body"],
            ),
            Spacer(1, 1 * mm),
            make_paragraph(f"Reason: {doc.reason}", st["body"]),
        ]
    )
