"""Opening a document in its own window: invoices, quotes, credit notes, certificates.

One place answers "open this document" for the global search and the organization
record's lists. A draft invoice or quote opens its editor; an issued invoice, a sent
quote, a credit note or a certificate opens its PDF as issued. Every window is
non-modal and known by its record (see ``record_windows``), so opening a record twice
raises the window already open. Organizations open through
``organizations.record_window``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ...services.errors import DatabaseProblem, UserError
from ...services.register.global_search import (
    CERTIFICATE,
    CREDIT_NOTE,
    INVOICE,
    QUOTE,
)
from .record_windows import show_record_window

if TYPE_CHECKING:
    from ...services.billing.records import InvoiceDetails, QuoteDetails
    from ...services.context import AppContext

DRAFT = "draft"


def top_window(widget: QWidget) -> QWidget:
    """The outermost window above a widget (the main window), which record windows belong to."""
    while (parent := widget.parentWidget()) is not None:
        widget = parent
    return widget


def open_document(
    context: AppContext, kind: str, document_id: uuid.UUID, parent: QWidget
) -> QWidget | None:
    """Open an invoice, quote, credit note or certificate; None (after saying why) if it cannot."""
    opener = _OPENERS[kind]
    try:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return opener(context, document_id, parent)
        finally:
            QApplication.restoreOverrideCursor()
    except (UserError, DatabaseProblem) as problem:
        QMessageBox.warning(parent, "Cannot open", str(problem))
        return None


def _open_invoice(context: AppContext, invoice_id: uuid.UUID, parent: QWidget) -> QWidget:
    def make_editor(details: InvoiceDetails) -> QWidget:
        from .billing.draft_windows import invoice_editor  # the lists' windows, the same

        return invoice_editor(context, details, parent)

    return _open_billed(INVOICE, "Invoice", context.invoices, invoice_id, make_editor, parent)


def _open_quote(context: AppContext, quote_id: uuid.UUID, parent: QWidget) -> QWidget:
    def make_editor(details: QuoteDetails) -> QWidget:
        from .billing.draft_windows import quote_editor  # the lists' windows, the same

        return quote_editor(context, details, parent)

    return _open_billed(QUOTE, "Quote", context.quotes, quote_id, make_editor, parent)


def _open_billed(
    kind: str,
    label: str,
    service: Any,
    document_id: uuid.UUID,
    make_editor: Callable[[Any], QWidget],
    parent: QWidget,
) -> QWidget:
    """A draft invoice or quote opens in its editor; one issued or sent, as its PDF."""
    key = (kind, document_id)
    details = service.get(document_id)
    if details.summary.status == DRAFT:
        return show_record_window(key, lambda: make_editor(details))
    title = f"{label} {details.summary.number} — {details.bill_to.name}"
    return _preview(key, lambda: service.pdf(document_id), title, parent)


def _open_credit_note(context: AppContext, note_id: uuid.UUID, parent: QWidget) -> QWidget:
    note = next((n for n in context.credit_notes.list() if n.id == note_id), None)
    if note is None:
        raise UserError("The credit note no longer exists.")
    title = f"Credit note {note.number} — {note.organization}"
    return _preview(
        (CREDIT_NOTE, note_id), lambda: context.credit_notes.pdf(note.number), title, parent
    )


def _open_certificate(context: AppContext, certificate_id: uuid.UUID, parent: QWidget) -> QWidget:
    record = context.certificates.get(certificate_id)
    title = f"Certificate {record.number} ({record.status}) — {record.legal_name}"
    return _preview(
        (CERTIFICATE, certificate_id),
        lambda: context.certificates.pdf(certificate_id),
        title,
        parent,
    )


def _preview(key: object, content: Callable[[], bytes], title: str, parent: QWidget) -> QWidget:
    from .billing.pdf_preview import PdfPreview

    return show_record_window(key, lambda: PdfPreview(content(), title, parent))


_OPENERS: dict[str, Callable[[AppContext, uuid.UUID, QWidget], QWidget]] = {
    INVOICE: _open_invoice,
    QUOTE: _open_quote,
    CREDIT_NOTE: _open_credit_note,
    CERTIFICATE: _open_certificate,
}
