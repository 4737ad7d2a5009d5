"""Recording a payment and asking for a credit note: small forms whose refusals stay visible.

The services check the amounts (no overpayment, no credit beyond what is left) and their
messages are shown in the dialog as they are, with nothing stored. A credit note renders
its PDF, so its dialog only collects the request and the page makes the note off the GUI
thread (re-opening the dialog with the service's refusal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ....services.billing.payment_service import PAYMENT_METHODS, PaymentService
from ....services.billing.records import InvoiceSummary
from ....services.errors import UserError
from ...widgets.choices import choice_combo
from ...widgets.dialog_buttons import Standard, dialog_buttons
from ...widgets.problem_label import problem_label
from ...widgets.text_label import text_label
from .display import day_of, format_money


def payment_method_combo() -> QComboBox:
    """The ways a payment or a refund is made, to choose from."""
    return choice_combo((method.capitalize(), method) for method in PAYMENT_METHODS)


class MoneyFormDialog(QDialog):
    """A heading, a form, a problem line and OK/Cancel buttons.

    OK calls ``submit``; a refusal (``UserError``) is shown under the form and the
    dialog stays open, with what was typed.
    """

    def __init__(
        self,
        title: str,
        heading: str,
        parent: QWidget | None,
        minimum_width: int = 460,
        accept_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = problem_label("dialogProblem")
        self.buttons = dialog_buttons(self, Standard.Ok, self._on_buttons_accepted)
        if accept_text:  # what OK does, said on the button
            self.buttons.button(Standard.Ok).setText(accept_text)
        heading_label = text_label(heading, wrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(minimum_width)

    def _on_buttons_accepted(self) -> None:
        try:
            self.submit()
        except UserError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.accept()

    def submit(self) -> object:
        """Do the dialog's work (raise ``UserError`` to refuse)."""
        raise NotImplementedError


class _MoneyDialog(MoneyFormDialog):
    """A form about one invoice."""

    def __init__(self, title: str, invoice: InvoiceSummary, parent: QWidget | None) -> None:
        super().__init__(
            f"{title} \u2013 {invoice.number}",
            f"{invoice.organization}\nTotal {format_money(invoice.total)}, "
            f"balance due {format_money(invoice.balance)}",
            parent,
        )
        self.invoice = invoice


class PaymentDialog(_MoneyDialog):
    """Record a payment received against an issued invoice.

    Signals:
        recorded(object): the invoice's InvoiceSummary after the payment.
    """

    recorded = Signal(object)

    def __init__(
        self,
        payments: PaymentService,
        invoice: InvoiceSummary,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Record payment", invoice, parent)
        self.setObjectName("paymentDialog")
        self._payments = payments
        self.amount = QLineEdit(str(invoice.balance.amount))
        self.amount.setObjectName("paymentAmount")
        self.paid_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.paid_on.setCalendarPopup(True)
        self.method = payment_method_combo()
        self.reference = QLineEdit()
        self.keep_excess = QCheckBox("Keep any amount above the balance as the member's credit")
        self.keep_excess.setObjectName("paymentKeepExcess")
        self.form.addRow(f"Amount ({invoice.currency}):", self.amount)
        self.form.addRow("Received on:", self.paid_on)
        self.form.addRow("Method:", self.method)
        self.form.addRow("Reference:", self.reference)
        self.form.addRow("", self.keep_excess)

    def submit(self) -> None:
        summary = self._payments.record(
            self.invoice.id,
            self.amount.text(),
            day_of(self.paid_on.date()),
            str(self.method.currentData()),
            self.reference.text(),
            keep_excess=self.keep_excess.isChecked(),
        )
        self.recorded.emit(summary)


@dataclass(frozen=True)
class CreditRequest:
    """What the person asked for in a CreditNoteDialog.

    Attributes:
        reason: why (printed on the credit note), as typed.
        amount: the amount typed, or None to credit everything not yet credited.
    """

    reason: str
    amount: str | None


class CreditNoteDialog(_MoneyDialog):
    """Ask for a credit note on an issued invoice, in full or in part, with its reason.

    The dialog only collects the request (refusing an empty reason at once): making the
    note renders its PDF, so the page runs that in a worker thread. When the service
    refuses, the page opens the dialog again with what was typed and the problem shown.

    Attributes:
        request: the CreditRequest once the person pressed OK, else None.
    """

    def __init__(
        self,
        invoice: InvoiceSummary,
        *,
        cancel: bool = False,
        earlier: CreditRequest | None = None,
        problem: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Cancel invoice" if cancel else "Credit note", invoice, parent)
        self.setObjectName("creditNoteDialog")
        self.request: CreditRequest | None = None
        self.full = QCheckBox("Credit everything not yet credited")
        self.full.setChecked(True)
        self.amount = QLineEdit()
        self.amount.setObjectName("creditAmount")
        self.amount.setPlaceholderText(f"including tax, in {invoice.currency}")
        self.amount.setEnabled(False)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("creditReason")
        self.reason.setMaximumHeight(80)
        if cancel:
            self.full.setEnabled(False)  # cancelling is a full credit note, nothing else
            explanation = QLabel(
                "An issued invoice is never deleted: cancelling it issues a credit note for "
                "everything not yet credited. This cannot be undone."
            )
            explanation.setWordWrap(True)
            self.form.addRow(explanation)
        self.form.addRow(self.full)
        self.form.addRow(f"Amount ({invoice.currency}):", self.amount)
        self.form.addRow("Reason (printed):", self.reason)
        self.full.toggled.connect(self._on_full_toggled)
        if earlier is not None:
            self.full.setChecked(earlier.amount is None)
            self.amount.setText(earlier.amount or "")
            self.reason.setPlainText(earlier.reason)
        if problem:
            self.problem.setText(problem)
            self.problem.show()

    def _on_full_toggled(self, checked: bool) -> None:
        self.amount.setEnabled(not checked)
        if not checked:
            self.amount.setFocus()

    def submit(self) -> None:
        reason = self.reason.toPlainText()
        if not reason.strip():
            # The service says the same; asking here saves a round trip to a worker.
            raise UserError("A credit note needs a reason.")
        amount = None if self.full.isChecked() else self.amount.text()
        self.request = CreditRequest(reason, amount)
