"""The document actions of the Quotes page: save a copy, e-mail draft, print.

A mixin of ``QuotesPage`` (as ``invoice_documents`` is of the Invoices page): the PDF
comes from the quote service (stored once sent, a fresh preview for a draft), and these
slots write it where the person chooses, as an e-mail draft to the billing contact with
the PDF attached, or to a printer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ....services.billing.records import QuoteDetails, QuoteSummary
from ....services.errors import UserError
from ... import printing
from ...feedback import say
from . import document_actions
from .document_actions import quote_file_name

if TYPE_CHECKING:
    from ....services.context import AppContext

QUOTE_DOCUMENT_ACTIONS = (
    ("save", "Save copy…", "Save a copy of the quote's PDF"),
    ("email", "E-mail draft…", "An e-mail to the billing contact with the PDF attached"),
    ("print", "Print…", "Print the quote (Ctrl+P)"),
)


class QuoteDocumentsMixin:
    """Save, e-mail and print the PDF of the quote selected."""

    context: AppContext
    _current: Callable[[], QuoteSummary | None]
    _warn: Callable[[str, str], None]

    def _quote_pdf(self) -> tuple[QuoteDetails, bytes] | None:
        current = self._current()
        if current is None:
            return None
        try:
            return self.context.quotes.get(current.id), self.context.quotes.pdf(current.id)
        except UserError as problem:
            self._warn("Quote PDF", str(problem))
            return None

    def _on_save_clicked(self) -> None:
        if document := self._quote_pdf():
            details, content = document
            name = quote_file_name(details)
            if written := document_actions.save_copy_as(
                self._as_widget(), content, name, self._warn
            ):
                say(f"Saved a copy of the quote to {written}")

    def _on_email_clicked(self) -> None:
        if document := self._quote_pdf():
            details, content = document
            if written := document_actions.save_email_draft_as(
                self._as_widget(), content, details, self.context.settings.load, self._warn
            ):
                say(f"E-mail draft written to {written}")

    def _on_print_clicked(self) -> None:
        document = self._quote_pdf()
        if document is None:
            return
        details, content = document
        title = f"Quote {details.summary.number or '(draft)'}"
        if printing.print_pdf(content, title, self._as_widget()):
            say(f"Printed {title}")

    def _as_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self
