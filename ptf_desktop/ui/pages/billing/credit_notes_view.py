"""The Credit notes tab of the Invoices page: the list, a search, and each note's PDF.

A credit note's PDF is stored when it is made, so previewing, opening and saving a copy
read stored bytes (no rendering on the GUI thread). The list can be narrowed to the
credit notes of one invoice, which is how the Invoices tab shows an invoice's credits.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QWidget,
)

from ....domain.billing.file_names import document_file_name
from ....services.billing.credit_note_service import CreditNoteService
from ....services.billing.records import CreditNoteSummary
from ....services.errors import UserError
from . import document_actions
from .credit_note_model import CreditNoteTableModel
from .narrowed_list import NarrowedList
from .pdf_preview import PdfPreview

_COLUMN_CHARACTERS = (15, 11, 15, 30, 16, 40)
# (key, button text, tooltip); the slot of each is _on_<key>_clicked.
_ACTIONS = (
    ("preview", "Preview PDF", "The credit note as it prints"),
    ("open", "Open in viewer", "Open the PDF with the system's PDF viewer"),
    ("save", "Save copy…", "Save a copy of the PDF"),
    ("invoice", "Show invoice", "The invoice this credit note corrects"),
)


class CreditNotesView(NarrowedList):
    """Every credit note, newest last, searchable; or those of one invoice.

    Signals:
        invoice_requested(object): the UUID of the invoice a person wants to see.
    """

    invoice_requested = Signal(object)

    def __init__(self, service: CreditNoteService, parent: QWidget | None = None) -> None:
        super().__init__(
            CreditNoteTableModel,
            name="creditNote",
            nouns=("credit note", "credit notes"),
            banner_noun="credit notes",
            search_hint="Search number, invoice, organization or reason",
            column_characters=_COLUMN_CHARACTERS,
            sort_column=CreditNoteTableModel.NUMBER,
            action_prefix="credit_note",
            actions=_ACTIONS,
            parent=parent,
        )
        self.setObjectName("creditNotesView")
        self._service = service
        self.invoice_id: uuid.UUID | None = None  # the invoice the list is narrowed to
        self.preview: PdfPreview | None = None
        self.table.activated.connect(self._on_table_activated)
        self._update()

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the credit notes again (all, or those of the invoice narrowed to)."""
        try:
            rows = self._service.list(self.invoice_id)
        except UserError as problem:
            rows = []
            self._warn("Credit notes", str(problem))
        self.model.set_rows(rows)
        self._update()

    def show_invoice(self, invoice_id: uuid.UUID | None, number: str = "") -> None:
        """Narrow the list to the credit notes of one invoice (None shows them all)."""
        self.invoice_id = invoice_id
        self._narrow(
            None if invoice_id is None else f"Showing only the credit notes of invoice {number}"
        )
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)

    def current(self) -> CreditNoteSummary | None:
        """The credit note selected, if one is."""
        return super().current()

    def _enabled_actions(self) -> dict[str, bool]:
        chosen = self.current() is not None
        return {key: chosen for key in self.buttons}

    def _with_pdf(self, act: Callable[[CreditNoteSummary, bytes], object]) -> None:
        note = self.current()
        if note is None:
            return
        try:
            content = self._service.pdf(note.number)
        except UserError as problem:
            self._warn("Credit note PDF", str(problem))
            return
        act(note, content)

    # -- slots --------------------------------------------------------------------------------

    def _on_table_activated(self, _index: object) -> None:
        self._on_preview_clicked()

    def _on_preview_clicked(self) -> None:
        def show(note: CreditNoteSummary, content: bytes) -> None:
            title = f"Credit note {note.number} \u2013 {note.organization}"
            self.preview = PdfPreview(content, title, self)
            self.preview.open()

        self._with_pdf(show)

    def _on_open_clicked(self) -> None:
        self._with_pdf(
            lambda note, content: document_actions.open_or_warn(
                content, _file_name(note), self._warn, "Open credit note"
            )
        )

    def _on_save_clicked(self) -> None:
        self._with_pdf(
            lambda note, content: document_actions.save_copy_as(
                self, content, _file_name(note), self._warn
            )
        )

    def _on_invoice_clicked(self) -> None:
        note = self.current()
        if note is not None:
            self.invoice_requested.emit(note.invoice_id)


def _file_name(note: CreditNoteSummary) -> str:
    return document_file_name(note.number, note.organization)
