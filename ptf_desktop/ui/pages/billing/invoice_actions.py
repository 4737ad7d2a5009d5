"""The invoice actions of the Invoices page: new, edit, issue, delete, pay, credit, cancel.

A mixin of ``InvoicesPage``, kept apart so each file reads in one sitting: it uses the
page's context, selection, busy bar and message box, and the page builds its buttons,
whose slots (``_on_<key>_clicked``) are these methods. Issuing is confirmed, never
undone: corrections are credit notes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from ....services.billing.records import CreditNoteSummary, InvoiceSummary
from ....services.errors import DatabaseProblem, UserError
from ....services.register.global_search import INVOICE
from ...busy_work import BusyWork
from ...feedback import say
from ...widgets.message_boxes import confirm
from .draft_windows import (
    close_draft_window,
    may_change_draft,
    show_invoice_draft,
    show_new_invoice,
)
from .issue_confirmation import confirm_issue
from .money_dialogs import CreditNoteDialog, CreditRequest, PaymentDialog
from .organization_picker import OrganizationPicker

if TYPE_CHECKING:
    from ....services.context import AppContext


class InvoiceActionsMixin:
    """Create, change, issue, delete, pay and credit the invoice selected."""

    context: AppContext
    work: BusyWork
    _today: Callable[[], date]
    _current: Callable[[], InvoiceSummary | None]
    _warn: Callable[[str, str], None]
    _update_buttons: Callable[[], None]
    _parent_widget: Callable[[], QWidget]
    _changed: Callable[[uuid.UUID | None], None]
    refresh: Callable[..., None]
    select: Callable[[uuid.UUID], bool]

    def _on_new_clicked(self) -> None:
        picker = OrganizationPicker(
            self.context.organization_queries, "New draft invoice", self._parent_widget()
        )
        if not picker.exec() or picker.chosen is None:
            return
        try:
            show_new_invoice(
                self.context,
                picker.chosen,
                self._parent_widget().window(),
                today=self._today(),
                on_saved=self._on_draft_saved,
            )
        except (UserError, DatabaseProblem) as problem:
            self._warn("New draft", str(problem))

    def _on_edit_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        # A window beside the main window: the list stays usable, a second draft opens beside.
        try:
            show_invoice_draft(
                self.context,
                current.id,
                self._parent_widget().window(),
                today=self._today(),
                on_saved=self._on_draft_saved,
            )
        except (UserError, DatabaseProblem) as problem:
            self._warn("Edit draft", str(problem))

    def _on_draft_saved(self, invoice_id: uuid.UUID) -> None:
        self._changed(invoice_id)
        say("Saved the draft invoice")

    def _on_issue_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        if not may_change_draft(current.id, INVOICE, self._parent_widget()):
            return  # its window holds edits: saved first, or discarded, or nothing issued
        invoices = self.context.invoices
        if not confirm_issue(self._parent_widget(), invoices, current.id, current.organization):
            return
        self.issue(current)

    def issue(self, draft: InvoiceSummary) -> None:
        """Issue a draft (already confirmed) in a worker thread, the busy bar showing.

        The list shows the issued invoice, selected, when it is done; a refusal is shown
        in a message and the draft stays as it was.
        """
        invoices = self.context.invoices
        self.work.run(
            f"Issuing the invoice for {draft.organization}\u2026",
            lambda: invoices.issue(draft.id),
            self._on_issue_succeeded,
            self._on_issue_failed,
        )
        self._update_buttons()

    def _on_issue_succeeded(self, issued: InvoiceSummary) -> None:
        close_draft_window(issued.id)  # an issued invoice is no longer edited
        self._changed(issued.id)
        say(f"Issued {issued.number} for {issued.organization}")

    def _on_issue_failed(self, message: str) -> None:
        self._warn("Issue invoice", message)
        self.refresh()

    def _on_delete_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        if not confirm(
            self._parent_widget(),
            "Delete draft",
            f"Delete the draft invoice for {current.organization}? It has no number yet, so "
            "no gap is left in the series.",
            "Delete",
            role=QMessageBox.ButtonRole.DestructiveRole,
        ):
            return
        try:
            self.context.invoices.delete_draft(current.id)
        except UserError as problem:
            self._warn("Delete draft", str(problem))
        else:
            close_draft_window(current.id)  # the person chose to delete it, edits and all
        self._changed(None)

    def _on_payment_clicked(self) -> None:
        current = self._current()
        if current is not None:
            dialog = PaymentDialog(
                self.context.payments, current, self._today(), self._parent_widget()
            )
            if dialog.exec():
                self._changed(current.id)

    def _on_credit_clicked(self) -> None:
        self._credit(cancel=False)

    def _on_cancel_clicked(self) -> None:
        self._credit(cancel=True)

    def _credit(
        self,
        *,
        cancel: bool,
        earlier: CreditRequest | None = None,
        problem: str | None = None,
    ) -> None:
        current = self._current()
        if current is None:
            return
        dialog = CreditNoteDialog(
            current, cancel=cancel, earlier=earlier, problem=problem, parent=self._parent_widget()
        )
        if dialog.exec() and dialog.request is not None and self._confirm_credit(current, cancel):
            self.credit(current, dialog.request, cancel=cancel)

    def _confirm_credit(self, invoice: InvoiceSummary, cancel: bool) -> bool:
        """Ask before a credit note is made: it is numbered and permanent, as an invoice is."""
        what = "Cancel invoice" if cancel else "Credit note"
        return confirm(
            self._parent_widget(),
            what,
            f"Make a credit note on invoice {invoice.number} for {invoice.organization}?\n\n"
            "It takes the next credit-note number and its PDF is stored. A credit note can "
            "never be changed or deleted.",
            "Make credit note",
            name="creditConfirmation",
        )

    def credit(self, invoice: InvoiceSummary, request: CreditRequest, *, cancel: bool) -> None:
        """Make a credit note (or cancel the invoice) in a worker thread, the busy bar showing.

        Making the note renders its PDF (seconds for the first one in a process). The list
        shows the invoice, selected, with its new balance when it is done; a refusal opens
        the dialog again with what was typed and the service's message, nothing stored.
        """
        notes = self.context.credit_notes
        number = invoice.number or ""
        if cancel:
            text = f"Cancelling invoice {number} for {invoice.organization}\u2026"
            work = partial(notes.cancel, invoice.id, request.reason)
        else:
            text = f"Making a credit note on invoice {number} for {invoice.organization}\u2026"
            work = partial(notes.create, number, request.reason, request.amount)

        def failed(message: str) -> None:
            self.refresh(invoice.id)  # another window may have changed it meanwhile
            if self.select(invoice.id):
                self._credit(cancel=cancel, earlier=request, problem=message)
            else:
                self._warn("Cancel invoice" if cancel else "Credit note", message)

        def made(note: CreditNoteSummary) -> None:
            self._changed(invoice.id)
            say(f"Made credit note {note.number} on invoice {number}")

        self.work.run(text, work, made, failed)
        self._update_buttons()
