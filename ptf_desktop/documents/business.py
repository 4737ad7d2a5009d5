"""Render quotes, invoices and credit notes to PDF bytes with ReportLab.

Each renderer takes an immutable document from :mod:`ptf_desktop.documents.model` and
returns the PDF; nothing here touches the database or Qt. The layout (see
:mod:`ptf_desktop.documents.layout`): logo and seller top left, title and number top
right, the buyer, a reference strip, the lines in a table whose header repeats on every
page, the totals, then payment details (invoices), the validity notice (quotes) or the
correction details (credit notes), and notes; the blocks themselves are in
:mod:`~ptf_desktop.documents.business_blocks`. Output is byte-reproducible (``invariant=1``).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from ptf_desktop.documents import business_blocks as blocks
from ptf_desktop.documents import fonts
from ptf_desktop.documents.blocks import Stack
from ptf_desktop.documents.business_blocks import Document, Kind
from ptf_desktop.documents.coverage import refuse_undrawable, texts_of
from ptf_desktop.documents.layout import (
    MARGIN,
    NumberedCanvas,
    draw_watermark,
    format_date,
    page_size_for,
    styles,
)
from ptf_desktop.documents.model import (
    CreditNoteDocument,
    InvoiceDocument,
    QuoteDocument,
)
from ptf_desktop.documents.render_lock import one_render_at_a_time
from ptf_desktop.documents.text_lines import make_text

__all__ = ["document_metadata", "render_credit_note_pdf", "render_invoice_pdf", "render_quote_pdf"]


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


@one_render_at_a_time
def render_invoice_pdf(doc: InvoiceDocument) -> bytes:
    """Render an invoice as a plain PDF (no PDF/A, no e-invoice); see ``render_invoice``."""
    return _render(doc)


@one_render_at_a_time
def render_quote_pdf(doc: QuoteDocument) -> bytes:
    """Render a quote as a plain PDF."""
    return _render(doc)


@one_render_at_a_time
def render_credit_note_pdf(doc: CreditNoteDocument) -> bytes:
    """Render a credit note as a plain PDF."""
    return _render(doc)


def _render(doc: Document) -> bytes:
    refuse_undrawable(texts_of(doc), what=f"The {_kind(doc).lower()} for {doc.buyer.legal_name}")
    fonts.register_fonts()
    # Binary streams: ASCII85 makes files 25% larger and costs a third of the writing.
    rl_config.useA85 = 0
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
    # Gaps are each block's space before it rather than Spacers between blocks: one
    # flowable less to place per gap, and no gap left at the top of a new page.
    label = "PREPARED FOR" if isinstance(doc, QuoteDocument) else "BILL TO"
    story: list[Flowable] = [
        blocks.header(doc, kind, width, st),
        blocks.after(6 * mm, blocks.bill_to(doc.buyer, st, label)),
        blocks.after(4 * mm, blocks.references(doc, width, st)),
        blocks.after(5 * mm, blocks.lines_table(doc, width, st, negative=negative)),
        blocks.after(3 * mm, blocks.totals(doc, width, negative=negative)),
    ]
    if doc.tax_note:
        story.append(blocks.after(2 * mm, make_text(blocks.tax_wording(doc), st["small"])))
    if isinstance(doc, InvoiceDocument):
        story.append(blocks.after(6 * mm, blocks.payment(doc, width, st)))
    elif isinstance(doc, QuoteDocument):
        notice = [
            make_text("This is not an invoice.", st["notice"]),
            make_text(
                f"Prices in this quote are valid until {format_date(doc.valid_until)}. "
                "An invoice follows acceptance.",
                st["body"],
            ),
        ]
        story.append(blocks.after(6 * mm, Stack(notice)))
    else:
        story.append(blocks.after(6 * mm, blocks.correction(doc, st)))
    if doc.notes:
        notes = [make_text("Notes", st["heading"]), make_text(doc.notes, st["body"])]
        story.append(blocks.after(5 * mm, Stack(notes)))
    return story
