"""The Payments tab of the Invoices page: the payments register, searchable, and reversals.

Every payment and reversal is listed newest first with the date, invoice, organization,
amount, method, reference and who recorded it. A mistaken payment is reversed with a
reason (a reversal entry; nothing is edited or deleted). The list can be narrowed to the
payments of one invoice, which is how the Invoices tab shows an invoice's payments.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLineEdit,
    QWidget,
)

from ....services.billing.payment_service import PaymentService
from ....services.billing.records import PaymentRecord
from ....services.errors import UserError
from ...widgets.table_model import RIGHT, Column, ColumnTableModel, casefolded
from .display import format_day, format_money
from .money_dialogs import MoneyFormDialog
from .narrowed_list import NarrowedList

_COLUMN_CHARACTERS = (11, 15, 30, 16, 14, 52, 12)
_ACTIONS = (("reverse", "Reverse payment…", "A reversal entry with a reason; nothing is deleted"),)
_MUTED = QColor("#6b7280")


def _reference(payment: PaymentRecord) -> str:
    if payment.reversed_by is not None:
        return f"{payment.reference} (reversed)".strip()
    return f"{payment.reference}: {payment.reason}" if payment.reason else payment.reference


def _muted(payment: PaymentRecord) -> QColor | None:
    # Reversed payments and their reversals are history, not money held: greyed.
    settled = payment.reversed_by is not None or payment.reverses is not None
    return _MUTED if settled else None


def _column(header: str, text: Any, sort: Any = None, **hooks: Any) -> Column[PaymentRecord]:
    """A column of the list, sorted without case unless told, greyed when settled."""
    return Column(header, text, sort or casefolded(text), foreground=_muted, **hooks)


class PaymentTableModel(ColumnTableModel[PaymentRecord]):
    """Payments and reversals: date, invoice, organization, amount, method, reference, by."""

    DATE, INVOICE, ORGANIZATION, AMOUNT, METHOD, REFERENCE, BY = range(7)
    COLUMNS = (
        _column("Date", lambda p: format_day(p.paid_on), lambda p: p.paid_on.isoformat()),
        _column("Invoice", lambda p: p.invoice_number),
        _column("Organization", lambda p: p.organization),
        _column(
            "Amount",
            lambda p: format_money(p.amount),
            lambda p: (p.amount.currency, p.amount.amount),
            align=RIGHT,
        ),
        _column("Method", lambda p: p.method.capitalize()),
        _column("Reference", _reference, tooltip=_reference),  # a reversal's reason may be long
        _column("Recorded by", lambda p: p.recorded_by),
    )


class ReversePaymentDialog(MoneyFormDialog):
    """Ask why a payment is reversed, then reverse it; a refusal stays visible."""

    def __init__(
        self, service: PaymentService, payment: PaymentRecord, parent: QWidget | None = None
    ) -> None:
        heading = (
            f"{payment.organization}\n{format_money(payment.amount)} received "
            f"{format_day(payment.paid_on)} by {payment.method}"
            + (f", reference {payment.reference}" if payment.reference else "")
            + "\n\nA reversal entry of the opposite amount is recorded; the payment stays "
            "in the register."
        )
        title = f"Reverse payment \u2013 {payment.invoice_number}"
        super().__init__(title, heading, parent, accept_text="Reverse payment")
        self.setObjectName("reversePaymentDialog")
        self._service = service
        self.payment = payment
        self.reversal: PaymentRecord | None = None
        self.reason = QLineEdit()
        self.reason.setObjectName("reversalReason")
        self.reason.setPlaceholderText("Why, e.g. recorded against the wrong invoice")
        self.form.addRow("Reason:", self.reason)

    def submit(self) -> None:
        """Reverse the payment with the reason typed."""
        self.reversal = self._service.reverse(self.payment.id, self.reason.text())


class PaymentsView(NarrowedList):
    """The payments register, or the payments of one invoice.

    Signals:
        reversed(): a payment was reversed (balances changed).
    """

    reversed = Signal()

    def __init__(self, service: PaymentService, parent: QWidget | None = None) -> None:
        super().__init__(
            PaymentTableModel,
            name="payment",
            nouns=("entry", "entries"),
            banner_noun="payments",
            search_hint="Search invoice, organization, method, reference or who recorded it",
            column_characters=_COLUMN_CHARACTERS,
            sort_column=PaymentTableModel.DATE,
            action_prefix="payment",
            actions=_ACTIONS,
            parent=parent,
        )
        self.setObjectName("paymentsView")
        self._service = service
        self.invoice_number: str | None = None  # the invoice the list is narrowed to
        self.dialog: ReversePaymentDialog | None = None
        self.table.sortByColumn(PaymentTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self._update()

    def refresh(self) -> None:
        """Read the register again (all payments, or those of the invoice narrowed to)."""
        try:
            rows = self._service.register(invoice_number=self.invoice_number)
        except UserError as problem:
            rows = []
            self._warn("Payments", str(problem))
        self.model.set_rows(rows)
        self._update()

    def show_invoice(self, number: str | None) -> None:
        """Narrow the list to the payments of one invoice (None shows the whole register)."""
        self.invoice_number = number
        self._narrow(None if number is None else f"Showing only the payments of invoice {number}")

    def current(self) -> PaymentRecord | None:
        """The payment selected, if one is."""
        return super().current()

    def _enabled_actions(self) -> dict[str, bool]:
        chosen = self.current()
        reversible = chosen is not None and chosen.reverses is None and chosen.reversed_by is None
        return {"reverse": reversible}

    def _on_reverse_clicked(self) -> None:
        payment = self.current()
        if payment is None:
            return
        self.dialog = ReversePaymentDialog(self._service, payment, self)
        if self.dialog.exec():
            self.refresh()
            self.reversed.emit()
