"""Draft invoices and quotes in windows of their own, beside the main window.

The Invoices and Quotes lists, the organization record's Billing tab and the global
search all open a draft here, so a draft has one window wherever it was opened from:
opening it again raises that window (``record_windows``, keyed by the draft), a second
draft opens beside the first, and the main window stays usable meanwhile.

A save announces what changed (``changes``), so every list showing invoices or quotes
reads them again; a caller may instead pass its own ``on_saved`` (a list that wants the
draft selected), which then announces for it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ....services.register.global_search import INVOICE, QUOTE
from ...changes import Changes, announce
from ...unsaved import may_leave
from ..record_windows import record_window, rekey_record_window, show_record_window
from .bill_to import bill_to_of
from .draft_editor import DraftEditor
from .invoice_editor import InvoiceEditor
from .quote_editor import QuoteEditor

if TYPE_CHECKING:
    from ....services.billing.records import InvoiceDetails, QuoteDetails
    from ....services.context import AppContext

Saved = Callable[[uuid.UUID], object]
# The window of a draft not stored yet is known by a key of its own until it is saved.
_NEW_INVOICE = "new invoice"
_NEW_QUOTE = "new quote"


def invoice_editor(
    context: AppContext,
    details: InvoiceDetails,
    parent: QWidget | None,
    *,
    today: date | None = None,
    on_saved: Saved | None = None,
) -> InvoiceEditor:
    """A window over a stored draft invoice (not shown yet)."""
    editor = InvoiceEditor(
        context.invoices,
        details=details,
        fees=getattr(context, "fees", None),
        today=today or date.today(),
        parent=parent,
    )
    editor.saved.connect(on_saved or _announce_invoices)
    return editor


def quote_editor(
    context: AppContext,
    details: QuoteDetails,
    parent: QWidget | None,
    *,
    today: date | None = None,
    on_saved: Saved | None = None,
) -> QuoteEditor:
    """A window over a stored draft quote (not shown yet)."""
    fees = getattr(context, "fees", None)
    editor = QuoteEditor(
        context.quotes, fees, today or date.today(), details=details, parent=parent
    )
    editor.saved.connect(on_saved or _announce_quotes)
    return editor


def show_invoice_draft(
    context: AppContext,
    invoice_id: uuid.UUID,
    parent: QWidget | None,
    *,
    today: date | None = None,
    on_saved: Saved | None = None,
) -> InvoiceEditor:
    """Raise the window of a draft invoice, or open one (reading the draft) beside the last.

    Raises:
        UserError: the draft can no longer be read (deleted meanwhile, say).
    """

    def make() -> QWidget:
        details = context.invoices.get(invoice_id)
        return invoice_editor(context, details, parent, today=today, on_saved=on_saved)

    window = show_record_window((INVOICE, invoice_id), make)
    assert isinstance(window, InvoiceEditor)
    return window


def show_quote_draft(
    context: AppContext,
    quote_id: uuid.UUID,
    parent: QWidget | None,
    *,
    today: date | None = None,
    on_saved: Saved | None = None,
) -> QuoteEditor:
    """Raise the window of a draft quote, or open one (reading the draft) beside the last.

    Raises:
        UserError: the draft can no longer be read.
    """

    def make() -> QWidget:
        details = context.quotes.get(quote_id)
        return quote_editor(context, details, parent, today=today, on_saved=on_saved)

    window = show_record_window((QUOTE, quote_id), make)
    assert isinstance(window, QuoteEditor)
    return window


def show_new_invoice(
    context: AppContext,
    organization_id: uuid.UUID,
    parent: QWidget | None,
    *,
    today: date | None = None,
    on_saved: Saved | None = None,
) -> InvoiceEditor:
    """Open a window for a new draft invoice to an organization, prefilled from its record."""
    bill_to = bill_to_of(context.organizations.get(organization_id))

    def make() -> QWidget:
        editor = InvoiceEditor(
            context.invoices,
            organization_id=organization_id,
            bill_to=bill_to,
            fees=getattr(context, "fees", None),
            today=today or date.today(),
            parent=parent,
        )
        editor.saved.connect(on_saved or _announce_invoices)
        editor.saved.connect(lambda saved_id: _known_as(editor, INVOICE, saved_id))
        return editor

    window = show_record_window((_NEW_INVOICE, uuid.uuid4()), make)
    assert isinstance(window, InvoiceEditor)
    return window


def show_new_quote(
    context: AppContext,
    organization_id: uuid.UUID,
    parent: QWidget | None,
    *,
    today: date | None = None,
    on_saved: Saved | None = None,
) -> QuoteEditor:
    """Open a window for a new quote to an organization, prefilled from its record.

    A quote is created before its changed bill-to is sent; when that second step is
    refused the quote exists already, so closing the window then still shows it listed.
    """
    bill_to = bill_to_of(context.organizations.get(organization_id))
    saved = on_saved or _announce_quotes

    def make() -> QWidget:
        editor = QuoteEditor(
            context.quotes,
            getattr(context, "fees", None),
            today or date.today(),
            organization_id=organization_id,
            bill_to=bill_to,
            parent=parent,
        )
        editor.saved.connect(saved)
        editor.saved.connect(lambda saved_id: _known_as(editor, QUOTE, saved_id))
        editor.rejected.connect(lambda: _created_unsaved(editor, saved))
        return editor

    window = show_record_window((_NEW_QUOTE, uuid.uuid4()), make)
    assert isinstance(window, QuoteEditor)
    return window


def may_change_draft(draft_id: uuid.UUID, kind: str, parent: QWidget) -> bool:
    """Whether a draft may be issued or sent: its window (if open) holds no unsaved edits.

    Edits in its window are saved or discarded first, as the person chooses; Cancel
    leaves the draft as it is.
    """
    window = record_window((kind, draft_id))
    return window is None or may_leave(window, window.windowTitle(), parent)


def close_draft_window(draft_id: uuid.UUID, kind: str = INVOICE) -> None:
    """Close a draft's window without asking: the draft was issued, sent or deleted."""
    window = record_window((kind, draft_id))
    if isinstance(window, DraftEditor):
        window.discard_changes()
    if window is not None:
        window.close()


def _known_as(editor: QWidget, kind: str, saved_id: object) -> None:
    """Once saved, a new draft's window is its record's (opening the record raises it)."""
    if isinstance(saved_id, uuid.UUID):
        rekey_record_window(editor, (kind, saved_id))


def _created_unsaved(editor: QuoteEditor, saved: Saved) -> None:
    if editor.quote_id is not None:  # created, its bill-to refused, then closed
        saved(editor.quote_id)


def _announce_invoices(_invoice_id: object) -> None:
    announce(Changes.INVOICES)


def _announce_quotes(_quote_id: object) -> None:
    announce(Changes.QUOTES)
