"""Public entry points: quotes, invoices and credit notes as PDF bytes.

The billing services call these with documents built from stored records and store or
write the bytes (see :mod:`ptf_desktop.services.atomic_files`). By default every document is
PDF/A-3b, and invoices carry their Factur-X EN 16931 XML; both can be switched off (the
Factur-X setting, previews, benchmarks). Output is byte-reproducible: the same document
always renders to the same bytes.
"""

from __future__ import annotations

import datetime as dt

from ptf_desktop.documents.archival import ArchivalMetadata, make_pdfa
from ptf_desktop.documents.business import (
    document_metadata,
    render_credit_note_pdf,
    render_invoice_pdf,
    render_quote_pdf,
)
from ptf_desktop.documents.business_blocks import Document
from ptf_desktop.documents.einvoice import facturx_xml
from ptf_desktop.documents.model import CreditNoteDocument, InvoiceDocument, QuoteDocument
from ptf_desktop.documents.render_lock import one_render_at_a_time
from ptf_desktop.domain.records import record_from

__all__ = ["render_credit_note", "render_invoice", "render_quote"]


@one_render_at_a_time
def render_invoice(doc: InvoiceDocument, *, pdfa: bool = True, facturx: bool = True) -> bytes:
    """Render an invoice.

    Args:
        doc: The invoice.
        pdfa: Make it PDF/A-3b (archival).
        facturx: Embed the Factur-X EN 16931 XML (implies ``pdfa``; ignored for drafts,
            which are not invoices yet).

    Returns:
        The PDF bytes.
    """
    pdf = render_invoice_pdf(doc)
    if not (pdfa or facturx):
        return pdf
    xml = facturx_xml(doc) if facturx and not doc.is_draft else None
    return make_pdfa(pdf, _archival(doc), facturx_xml=xml)


@one_render_at_a_time
def render_quote(doc: QuoteDocument, *, pdfa: bool = True) -> bytes:
    """Render a quote ("This is not an invoice", valid until).

    Args:
        doc: The quote.
        pdfa: Make it PDF/A-3b.

    Returns:
        The PDF bytes.
    """
    pdf = render_quote_pdf(doc)
    return make_pdfa(pdf, _archival(doc)) if pdfa else pdf


@one_render_at_a_time
def render_credit_note(
    doc: CreditNoteDocument, *, pdfa: bool = True, facturx: bool = True
) -> bytes:
    """Render a credit note (amounts shown negative, the corrected invoice named).

    Args:
        doc: The credit note.
        pdfa: Make it PDF/A-3b.
        facturx: Embed the Factur-X EN 16931 XML (type 381, implies ``pdfa``).

    Returns:
        The PDF bytes.
    """
    pdf = render_credit_note_pdf(doc)
    if not (pdfa or facturx):
        return pdf
    return make_pdfa(pdf, _archival(doc), facturx_xml=facturx_xml(doc) if facturx else None)


def _archival(doc: Document) -> ArchivalMetadata:
    timestamp = dt.datetime.combine(doc.issue_date, dt.time(), tzinfo=dt.UTC)
    return record_from(ArchivalMetadata, document_metadata(doc), timestamp=timestamp)
