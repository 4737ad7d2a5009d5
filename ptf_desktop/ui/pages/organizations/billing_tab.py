"""The Billing tab of an organization: its invoices, quotes, credit notes, payments and balance.

Each list opens the full record of a row (Enter or a double-click): a draft invoice or
quote in its editor, an issued one, a credit note or a payment's invoice as its PDF.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ....domain.formatting import format_money
from ....services.billing.records import (
    CreditNoteSummary,
    InvoiceSummary,
    PaymentRecord,
    QuoteSummary,
)
from ....services.context import AppContext
from ....services.errors import DatabaseProblem
from ....services.register.global_search import CREDIT_NOTE, INVOICE, QUOTE
from ....services.register.organization_documents import OrganizationDocuments
from ...widgets.table_model import RECORD_ROLE, RIGHT
from ..billing.display import status_label
from ..record_opener import open_document, top_window
from .form_widgets import plain
from .record_table import Column, RecordTable, RecordTableModel, date_text

DRAFT = "Draft"


def _document_columns(
    deadline: str, deadline_of: Callable[[Any], date | None], *more: Column[Any]
) -> tuple[Column[Any], ...]:
    """The columns of invoices or quotes.

    Args:
        deadline: the header of the date after the issue date ("Due", "Valid until").
        deadline_of: that date of a document.
        more: columns between the total and the organization billed.
    """
    return (
        Column(
            "Number", lambda d: d.number or DRAFT, lambda d: f"0{d.number}" if d.number else "1"
        ),
        Column("Status", lambda d: status_label(d.status), lambda d: d.status),
        Column("Issued", lambda d: date_text(d.issue_date)),
        Column(deadline, lambda d: date_text(deadline_of(d))),
        Column("Total", lambda d: format_money(d.total), lambda d: d.total.amount, RIGHT),
        *more,
        Column("Bill to", lambda d: d.organization),
    )


def _balance(invoice: InvoiceSummary) -> str:
    return format_money(invoice.balance) if invoice.number else ""  # a draft owes nothing yet


INVOICE_COLUMNS: tuple[Column[InvoiceSummary], ...] = _document_columns(
    "Due", lambda i: i.due_date, Column("Balance", _balance, lambda i: i.balance.amount, RIGHT)
)
QUOTE_COLUMNS: tuple[Column[QuoteSummary], ...] = _document_columns(
    "Valid until", lambda q: q.valid_until
)
CREDIT_NOTE_COLUMNS: tuple[Column[CreditNoteSummary], ...] = (
    Column("Number", lambda n: n.number),
    Column("Invoice", lambda n: n.invoice_number),
    Column("Issued", lambda n: date_text(n.issue_date)),
    Column("Total", lambda n: format_money(n.total), lambda n: n.total.amount, RIGHT),
    Column("Reason", lambda n: n.reason),
)
PAYMENT_COLUMNS: tuple[Column[PaymentRecord], ...] = (
    Column("Paid on", lambda p: date_text(p.paid_on)),
    Column("Invoice", lambda p: p.invoice_number),
    Column("Amount", lambda p: format_money(p.amount), lambda p: p.amount.amount, RIGHT),
    Column("Method", lambda p: p.method),
    Column("Reference", lambda p: p.reference),
    Column("Note", lambda p: p.reason),
)


def balance_text(documents: OrganizationDocuments) -> str:
    """What the organization owes on its issued invoices, in every currency it was billed in."""
    owed = [money for money in documents.balances if money.amount > 0]
    if not owed:
        return "Balance: nothing owed" if documents.balances else "Balance: no invoices issued"
    return "Balance owed: " + ", ".join(format_money(money) for money in owed)


class _Section(QWidget):
    """A heading with a count, and a table of records."""

    def __init__(self, title: str, table: RecordTable) -> None:
        super().__init__()
        self.title = title
        self.heading = plain(QLabel(title))
        self.heading.setObjectName("sectionHeading")
        self.heading.setStyleSheet("font-weight: 600;")
        self.table = table
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(table, 1)

    def show_rows(self, rows: Any) -> None:
        self.table.source.set_rows(rows)
        self.heading.setText(f"{self.title} ({len(rows)})" if rows else f"{self.title}: none")


class BillingTab(QWidget):
    """An organization's invoices, quotes, credit notes and payments, with its balance."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.organization_id: uuid.UUID | None = None
        self.documents: OrganizationDocuments | None = None
        self.balance = plain(QLabel())
        self.balance.setObjectName("balanceLabel")
        self.balance.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.invoices = _section("Invoices", INVOICE_COLUMNS, "recordInvoices")
        self.quotes = _section("Quotes", QUOTE_COLUMNS, "recordQuotes")
        self.credit_notes = _section("Credit notes", CREDIT_NOTE_COLUMNS, "recordCreditNotes")
        self.payments = _section("Payments", PAYMENT_COLUMNS, "recordPayments")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        for section in (self.invoices, self.quotes, self.credit_notes, self.payments):
            splitter.addWidget(section)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addWidget(splitter, 1)
        self.invoices.table.activated.connect(self._on_invoices_activated)
        self.quotes.table.activated.connect(self._on_quotes_activated)
        self.credit_notes.table.activated.connect(self._on_credit_notes_activated)
        self.payments.table.activated.connect(self._on_payments_activated)

    def show_organization(self, organization_id: uuid.UUID | None) -> None:
        """Read and show the documents of an organization (nothing for a new one)."""
        self.organization_id = organization_id
        if organization_id is None:
            return
        try:
            documents = self._context.organization_documents.of(organization_id)
        except DatabaseProblem as problem:
            self.balance.setText(f"Cannot read the billing: {problem}")
            return
        self.documents = documents
        self.balance.setText(balance_text(documents))
        self.invoices.show_rows(documents.invoices)
        self.quotes.show_rows(documents.quotes)
        self.credit_notes.show_rows(documents.credit_notes)
        self.payments.show_rows(documents.payments)

    def _open(self, kind: str, document_id: uuid.UUID) -> None:
        open_document(self._context, kind, document_id, top_window(self))

    def _on_invoices_activated(self, index: QModelIndex) -> None:
        self._open(INVOICE, index.data(RECORD_ROLE).id)

    def _on_quotes_activated(self, index: QModelIndex) -> None:
        self._open(QUOTE, index.data(RECORD_ROLE).id)

    def _on_credit_notes_activated(self, index: QModelIndex) -> None:
        self._open(CREDIT_NOTE, index.data(RECORD_ROLE).id)

    def _on_payments_activated(self, index: QModelIndex) -> None:
        payment: PaymentRecord = index.data(RECORD_ROLE)
        invoices = self.documents.invoices if self.documents else ()
        invoice = next((i for i in invoices if i.number == payment.invoice_number), None)
        if invoice is not None:
            self._open(INVOICE, invoice.id)


def _section(title: str, columns: Any, name: str) -> _Section:
    model: RecordTableModel[Any] = RecordTableModel(columns)
    table = RecordTable(model, name)
    model.setParent(table)
    return _Section(title, table)
