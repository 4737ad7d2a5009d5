"""The draft invoice editor: a new draft for an organization, or changes to a draft.

Saving is one service call (two for a new draft whose bill-to was changed: the draft is
created from the organization, then its bill-to corrected; if the correction is refused
the new draft is removed again, so a refused save leaves nothing behind).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from ....domain.errors import ValidationError
from ....services.billing.drafts import DraftInvoiceSpec
from ....services.billing.invoice_service import InvoiceService
from ....services.billing.records import BillTo, InvoiceDetails, InvoiceSummary
from ....services.errors import UserError
from ...changes import Changes, announce
from ...feedback import say
from ...tasks import start_task
from .draft_editor import DraftEditor
from .fee_lines_dialog import FeeLinesDialog
from .issue_confirmation import confirm_issue
from .lines_model import EditedLine, LinesModel


class InvoiceEditor(DraftEditor):
    """Edit the bill-to, reference, currency, lines and notes of a draft invoice.

    Signals:
        saved(object): the draft's UUID, after a successful save.
        issued(object): the invoice's UUID, once issued from the window.
    """

    issued = Signal(object)

    def __init__(
        self,
        invoices: InvoiceService,
        *,
        details: InvoiceDetails | None = None,
        organization_id: uuid.UUID | None = None,
        bill_to: BillTo | None = None,
        fees: Any = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("invoiceEditor", "draft", parent)
        if details is None and (organization_id is None or bill_to is None):
            raise ValueError("a new draft needs an organization and its bill-to details")
        self._invoices = invoices
        self._details = details
        self._organization_id = organization_id
        self._prefilled = bill_to
        self.invoice_id: uuid.UUID | None = details.summary.id if details else None
        self._fees = fees
        self._today = today or date.today()
        # As in the quote editor: membership lines priced from the fee schedule.
        self.fee_button = QPushButton("Membership from fee schedule\u2026")
        self.fee_button.setObjectName("invoiceFeeLines")
        self.form.line_buttons.insertWidget(2, self.fee_button)
        self.fee_button.setEnabled(fees is not None)
        self.fee_button.clicked.connect(self._on_fee_button_clicked)
        # Issuing from the window: saved first, confirmed, then numbered in a worker.
        self.issue_button = self.buttons.addButton(
            "Issue\u2026", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.issue_button.setObjectName("issueDraft")
        self.issue_button.setToolTip(
            "Save, then give the draft its number; it can no longer change"
        )
        self.issue_button.setEnabled(details is not None)
        self.issue_button.clicked.connect(self._on_issue_button_clicked)
        self.saved.connect(self._on_saved)
        self._lay_out(860, 720)
        if details is not None:
            self.setWindowTitle(f"Draft invoice \u2013 {details.bill_to.name}")
            summary = details.summary
            self._fill(
                details.bill_to, summary.currency, details.exchange_rate_to_usd, details.notes
            )
            self.form.set_lines(details.lines)
        else:
            assert bill_to is not None
            self.setWindowTitle(f"New draft invoice \u2013 {bill_to.name}")
            self._fill(bill_to, "USD", None, "")
            self.form.lines.add_line()
        self._mark_stored()

    def _saved_id(self) -> object:
        return self.invoice_id

    def _on_saved(self, _invoice_id: object) -> None:
        self.issue_button.setEnabled(True)  # a new draft can be issued once stored

    def _on_issue_button_clicked(self) -> None:
        if self.has_unsaved_changes() and not self._store():
            return  # refused: the window shows what to correct
        invoice_id = self.invoice_id
        name = self.form.fields["bill_to_name"].value()
        if invoice_id is None or not confirm_issue(self, self._invoices, invoice_id, name):
            return
        self._set_issuing(True)
        invoices = self._invoices
        self._issuing = start_task(
            lambda _progress: invoices.issue(invoice_id), self._on_issued, self._on_issue_failed
        )

    def _set_issuing(self, issuing: bool) -> None:
        for button in self.buttons.buttons():
            button.setEnabled(not issuing)
        self.form.setEnabled(not issuing)
        if issuing:
            self._show_problem("Issuing\u2026")

    def reject(self) -> None:
        if self.form.isEnabled():  # not while issuing: its outcome is shown here
            super().reject()

    def _on_issued(self, issued: InvoiceSummary) -> None:
        announce(Changes.INVOICES | Changes.PAYMENTS | Changes.CREDIT_NOTES)
        say(f"Issued {issued.number} for {issued.organization}")
        self.issued.emit(issued.id)
        self.accept()  # an issued invoice is no longer edited here

    def _on_issue_failed(self, message: str) -> None:
        self._set_issuing(False)
        self._show_problem(message)

    def _on_fee_button_clicked(self) -> None:
        organization = self._organization_id or (
            self._details.summary.organization_id if self._details else None
        )
        if organization is None:
            return
        dialog = FeeLinesDialog(self._fees, organization, self._today, self)
        if not dialog.exec():
            return
        lines = self.form.lines
        # The blank line a new draft starts with gives way to the priced lines.
        if lines.lines() == [EditedLine()]:
            lines.remove_line(0)
        for spec in dialog.lines:
            lines.add_line(LinesModel.edited(spec))

    def _save(self) -> None:
        lines = self.form.lines.specs()
        values = self.form.values()
        if self.invoice_id is not None:
            self._invoices.update_draft(self.invoice_id, {**values, "lines": lines})
            return
        assert self._organization_id is not None and self._prefilled is not None
        rate_text = values["exchange_rate_to_usd"]
        changes = {
            k: v for k, v in values.items() if k.startswith("bill_to") or k == "buyer_vat_id"
        }
        spec = DraftInvoiceSpec(
            organization_id=self._organization_id,
            currency=values["currency"],
            lines=lines,
            buyer_reference=values["buyer_reference"],
            notes=values["notes"],
        )
        new_id = self._invoices.create_draft(spec)
        try:
            # The rate and the bill-to go through update_draft, which reads typed text.
            self._invoices.update_draft(new_id, {**changes, "exchange_rate_to_usd": rate_text})
        except (ValidationError, UserError):
            self._invoices.delete_draft(new_id)
            raise
        self.invoice_id = new_id
