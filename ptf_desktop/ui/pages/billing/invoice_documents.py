"""The document actions of the Invoices page: preview, system viewer, copy, e-mail, export.

A mixin of ``InvoicesPage``, kept apart so each file reads in one sitting: it uses the
page's context, selection and message box, and the page builds its buttons, whose
slots (``_on_<key>_clicked``) are these methods.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ....services.billing.records import InvoiceDetails, InvoiceSummary
from ....services.errors import UserError
from ... import file_dialogs
from ...busy_work import BusyWork
from . import document_actions
from .export_action import InvoiceExport
from .pdf_preview import PdfPreview

if TYPE_CHECKING:
    from ....services.context import AppContext


class InvoiceDocumentsMixin:
    """Preview, open, save, e-mail and export the PDFs of the invoices selected."""

    context: AppContext
    exports: list[InvoiceExport]
    preview: PdfPreview | None
    _current: Callable[[], InvoiceSummary | None]
    selected: Callable[[], list[InvoiceSummary]]
    _warn: Callable[[str, str], None]
    _update_buttons: Callable[[], None]
    work: BusyWork

    def _parent_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _pdf(self, invoice: InvoiceSummary) -> bytes | None:
        try:
            return self.context.invoices.pdf(invoice.id)
        except UserError as problem:
            self._warn("Invoice PDF", str(problem))
            return None

    def _on_preview_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        title = f"Invoice {current.number}" if current.number else "Draft invoice (preview)"
        title = f"{title} \u2013 {current.organization}"
        invoices = self.context.invoices
        # A draft's PDF is rendered afresh (seconds for the first one): off the GUI thread.
        self.work.run(
            f"Making the PDF of the invoice for {current.organization}\u2026",
            lambda: invoices.pdf(current.id),
            lambda content: self._show_preview(content, title),
            lambda message: self._warn("Invoice PDF", message),
        )
        self._update_buttons()

    def _show_preview(self, content: bytes, title: str) -> None:
        self.preview = PdfPreview(content, title, self._parent_widget())
        self.preview.open()

    def _document(self) -> tuple[InvoiceDetails, bytes] | None:
        current = self._current()
        content = self._pdf(current) if current else None
        if current is None or content is None:
            return None
        return self.context.invoices.get(current.id), content

    def _on_open_clicked(self) -> None:
        if document := self._document():
            details, content = document
            name = document_actions.pdf_file_name(details)
            document_actions.open_or_warn(content, name, self._warn, "Open invoice")

    def _on_save_clicked(self) -> None:
        if document := self._document():
            details, content = document
            name = document_actions.pdf_file_name(details)
            document_actions.save_copy_as(self._parent_widget(), content, name, self._warn)

    def _on_email_clicked(self) -> None:
        if document := self._document():
            details, content = document
            document_actions.save_email_draft_as(
                self._parent_widget(), content, details, self.context.settings.load, self._warn
            )

    def _on_export_clicked(self) -> None:
        folder = file_dialogs.get_existing_directory(
            self._parent_widget(), "Export the selected invoices to"
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> InvoiceExport | None:
        """Export the PDFs of the selected issued invoices to a folder, in the background."""
        chosen = [invoice for invoice in self.selected() if invoice.number is not None]
        if not chosen:
            return None
        export = InvoiceExport(self.context.invoice_export, chosen, folder, self._parent_widget())
        self.exports.append(export)
        export.finished.connect(self._on_export_finished)
        return export

    def _on_export_finished(self, _result: object) -> None:
        self.exports = [e for e in self.exports if e.result is None]
