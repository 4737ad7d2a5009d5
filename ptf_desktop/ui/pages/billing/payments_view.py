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
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....services.billing.payment_service import PaymentService
from ....services.billing.records import PaymentRecord
from ....services.errors import UserError
from ...widgets.table_model import RIGHT, Column, ColumnTableModel, SearchProxy, casefolded
from .action_buttons import add_action_buttons, enable_buttons
from .display import format_day, format_money
from .filter_banner import FilterBanner
from .record_model import record_table

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


class ReversePaymentDialog(QDialog):
    """Ask why a payment is reversed, then reverse it; a refusal stays visible."""

    def __init__(
        self, service: PaymentService, payment: PaymentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reversePaymentDialog")
        self.setWindowTitle(f"Reverse payment \u2013 {payment.invoice_number}")
        self._service = service
        self.payment = payment
        self.reversal: PaymentRecord | None = None
        heading = QLabel(
            f"{payment.organization}\n{format_money(payment.amount)} received "
            f"{format_day(payment.paid_on)} by {payment.method}"
            + (f", reference {payment.reference}" if payment.reference else "")
            + "\n\nA reversal entry of the opposite amount is recorded; the payment stays "
            "in the register."
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reversalReason")
        self.reason.setPlaceholderText("Why, e.g. recorded against the wrong invoice")
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setProperty("role", "fieldError")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reverse_button = buttons.addButton(
            "Reverse payment", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(QLabel("Reason:"))
        layout.addWidget(self.reason)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _on_buttons_accepted(self) -> None:
        try:
            self.reversal = self._service.reverse(self.payment.id, self.reason.text())
        except UserError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.accept()


class PaymentsView(QWidget):
    """The payments register, or the payments of one invoice.

    Signals:
        reversed(): a payment was reversed (balances changed).
    """

    reversed = Signal()

    def __init__(self, service: PaymentService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsView")
        self._service = service
        self.invoice_number: str | None = None  # the invoice the list is narrowed to
        self.dialog: ReversePaymentDialog | None = None
        self.model = PaymentTableModel(parent=self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("paymentSearch")
        self.search.setPlaceholderText(
            "Search invoice, organization, method, reference or who recorded it"
        )
        self.search.setClearButtonEnabled(True)
        self.banner = FilterBanner("payments")
        self.table: QTableView = record_table(
            "paymentTable", self.proxy, _COLUMN_CHARACTERS, PaymentTableModel.DATE
        )
        self.table.sortByColumn(PaymentTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("paymentCount")
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        add_action_buttons(self, "payment", _ACTIONS, self.buttons, buttons)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count_label)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.banner.cleared.connect(self._on_banner_cleared)
        self._update()

    def refresh(self) -> None:
        """Read the register again (all payments, or those of the invoice narrowed to)."""
        try:
            rows = self._service.register(invoice_number=self.invoice_number)
        except UserError as problem:
            rows = []
            self._warn(str(problem))
        self.model.set_rows(rows)
        self._update()

    def show_invoice(self, number: str | None) -> None:
        """Narrow the list to the payments of one invoice (None shows the whole register)."""
        self.invoice_number = number
        self.search.clear()
        if number is None:
            self.banner.hide()
        else:
            self.banner.text.setText(f"Showing only the payments of invoice {number}")
            self.banner.show()
        self.refresh()

    def current(self) -> PaymentRecord | None:
        """The payment selected, if one is."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.record_at(self.proxy.mapToSource(rows[0]).row())

    def _update(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "entry" if total == 1 else "entries"
        self.count_label.setText(
            f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        )
        chosen = self.current()
        reversible = chosen is not None and chosen.reverses is None and chosen.reversed_by is None
        enable_buttons(self.buttons, {"reverse": reversible})

    def _warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Payments", message, parent=self)
        box.setObjectName("paymentProblem")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update()

    def _on_banner_cleared(self) -> None:
        self.show_invoice(None)

    def _on_selection_changed(self, *_: object) -> None:
        self._update()

    def _on_reverse_clicked(self) -> None:
        payment = self.current()
        if payment is None:
            return
        self.dialog = ReversePaymentDialog(self._service, payment, self)
        if self.dialog.exec():
            self.refresh()
            self.reversed.emit()
