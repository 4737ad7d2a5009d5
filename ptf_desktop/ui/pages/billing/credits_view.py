"""The Credit balances tab of the Invoices page: members with money to their credit.

Credit notes on paid invoices and overpayments kept as credit leave a member with a
credit balance. Here it is refunded (recorded as a refund: date, method, reference) or
applied to another open invoice of the member, and the member's statement is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....services.billing.credit_service import CreditService
from ....services.billing.invoice_service import InvoiceService
from ....services.billing.records import CreditBalance
from ....services.billing.statement_service import StatementService
from ....services.errors import UserError
from ...widgets.table_model import RIGHT, Column, ColumnTableModel, SearchProxy, casefolded
from .action_buttons import add_action_buttons, enable_buttons
from .display import day_of, format_money
from .money_dialogs import MoneyFormDialog, payment_method_combo
from .record_model import record_table
from .statement_dialog import StatementDialog

_ACTIONS = (
    ("refund", "Record refund…", "Money paid back to the member out of its credit"),
    ("apply", "Apply to invoice…", "Pay another open invoice of the member from its credit"),
    ("statement", "Statement…", "The member's statement of account (PDF, e-mail draft)"),
)


class CreditTableModel(ColumnTableModel[CreditBalance]):
    """Members with a credit balance: organization and credit."""

    ORGANIZATION, CREDIT = range(2)
    COLUMNS = (
        Column("Organization", lambda c: c.organization, casefolded(lambda c: c.organization)),
        Column(
            "Credit balance",
            lambda c: format_money(c.amount),
            lambda c: (c.amount.currency, c.amount.amount),
            RIGHT,
        ),
    )


class CreditDialog(MoneyFormDialog):
    """A form over one member's credit; ``submit`` (set by who builds it) does the work."""

    def __init__(self, title: str, credit: CreditBalance, parent: QWidget | None) -> None:
        heading = f"{credit.organization}\nCredit balance {format_money(credit.amount)}"
        super().__init__(title, heading, parent, minimum_width=440)
        self.credit = credit
        self.submit: Callable[[], object] = lambda: None


def refund_dialog(
    service: CreditService, credit: CreditBalance, today: date, parent: QWidget | None
) -> CreditDialog:
    """A dialog recording a refund of (part of) a member's credit."""
    dialog = CreditDialog("Record refund", credit, parent)
    dialog.setObjectName("refundDialog")
    amount = QLineEdit(str(credit.amount.amount))
    amount.setObjectName("refundAmount")
    paid_on = QDateEdit(QDate(today.year, today.month, today.day))
    paid_on.setCalendarPopup(True)
    method = payment_method_combo()
    reference = QLineEdit()
    reference.setObjectName("refundReference")
    dialog.form.addRow(f"Amount ({credit.amount.currency}):", amount)
    dialog.form.addRow("Refunded on:", paid_on)
    dialog.form.addRow("Method:", method)
    dialog.form.addRow("Reference:", reference)
    dialog.submit = lambda: service.refund(
        credit.organization_id, amount.text(), credit.amount.currency,
        day_of(paid_on.date()), str(method.currentData()), reference.text(),
    )  # fmt: skip
    return dialog


def apply_dialog(
    service: CreditService, invoices: InvoiceService, credit: CreditBalance, parent: QWidget | None
) -> CreditDialog:
    """A dialog applying a member's credit to one of its open invoices."""
    dialog = CreditDialog("Apply credit to an invoice", credit, parent)
    dialog.setObjectName("applyCreditDialog")
    invoice = QComboBox()
    invoice.setObjectName("applyInvoice")
    for row in invoices.list("open"):
        if row.organization_id == credit.organization_id and row.currency == credit.amount.currency:
            invoice.addItem(f"{row.number} \u2013 {format_money(row.balance)} due", row.number)
    amount = QLineEdit()
    amount.setObjectName("applyAmount")
    amount.setPlaceholderText("as much as the credit and the balance allow")
    dialog.form.addRow("Invoice:", invoice)
    dialog.form.addRow(f"Amount ({credit.amount.currency}):", amount)

    def submit() -> object:
        if invoice.currentData() is None:
            raise UserError("The member has no open invoice in this currency.")
        return service.apply(str(invoice.currentData()), amount.text().strip() or None)

    dialog.submit = submit
    return dialog


class CreditsView(QWidget):
    """Members' credit balances with refund, apply and statement actions.

    Signals:
        changed(): a refund or an application changed balances.
    """

    changed = Signal()

    def __init__(
        self,
        credits: CreditService,
        invoices: InvoiceService,
        statements: StatementService,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("creditsView")
        self._credits, self._invoices, self._statements = credits, invoices, statements
        self._today = today
        self.dialog: QDialog | None = None
        self.model = CreditTableModel(parent=self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(
            "creditTable", self.proxy, (40, 18), CreditTableModel.ORGANIZATION
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.summary = QLabel()
        self.summary.setObjectName("creditSummary")
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        add_action_buttons(self, "credit_balance", _ACTIONS, self.buttons, buttons)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        self._update()

    def refresh(self) -> None:
        """Read the credit balances again."""
        try:
            rows = self._credits.balances()
        except UserError as problem:
            rows = []
            self.summary.setText(str(problem))
        self.model.set_rows(rows)
        self._update()

    def current(self) -> CreditBalance | None:
        """The member selected, if one is."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.record_at(self.proxy.mapToSource(rows[0]).row())

    def _update(self) -> None:
        count = self.model.rowCount()
        self.summary.setText(
            f"{count} member(s) with money to their credit"
            if count
            else "No member has money to its credit."
        )
        chosen = self.current() is not None
        enable_buttons(self.buttons, {key: chosen for key in self.buttons})

    def _run(self, dialog: QDialog) -> None:
        self.dialog = dialog
        if dialog.exec():
            self.refresh()
            self.changed.emit()

    def _on_selection_changed(self, *_: object) -> None:
        self._update()

    def _on_refund_clicked(self) -> None:
        credit = self.current()
        if credit is not None:
            self._run(refund_dialog(self._credits, credit, self._today(), self))

    def _on_apply_clicked(self) -> None:
        credit = self.current()
        if credit is not None:
            self._run(apply_dialog(self._credits, self._invoices, credit, self))

    def _on_statement_clicked(self) -> None:
        credit = self.current()
        if credit is not None:
            self.dialog = StatementDialog(
                self._statements, credit.organization_id, self._today(), self
            )
            self.dialog.exec()
