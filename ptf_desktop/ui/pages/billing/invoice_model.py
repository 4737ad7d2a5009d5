"""The invoices list as a Qt table model over InvoiceSummary records, and its search proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ....services.billing.records import InvoiceSummary
from ...style import ERROR
from .display import format_day, format_plain_amount, status_label
from .record_model import RecordSearchProxy, RecordTableModel


class InvoiceTableModel(RecordTableModel[InvoiceSummary]):
    """Invoices, one row each; overdue ones in red and bold."""

    NUMBER, ORGANIZATION, STATUS, CURRENCY, TOTAL, BALANCE, ISSUED, DUE = range(8)
    HEADERS = ("Number", "Organization", "Status", "Currency", "Total", "Balance", "Issued", "Due")
    RIGHT_ALIGNED = frozenset({TOTAL, BALANCE})
    DRAFT_NUMBER = "Draft"

    def invoice_at(self, row: int) -> InvoiceSummary:
        """The invoice shown in a row."""
        return self.record_at(row)

    def text(self, invoice: InvoiceSummary, column: int) -> str:
        if column == self.NUMBER:
            return invoice.number or self.DRAFT_NUMBER
        if column == self.ORGANIZATION:
            return invoice.organization
        if column == self.STATUS:
            return status_label(invoice.status)
        if column == self.CURRENCY:
            return invoice.currency
        if column == self.TOTAL:
            return format_plain_amount(invoice.total)
        if column == self.BALANCE:
            return format_plain_amount(invoice.balance) if invoice.number else ""
        if column == self.ISSUED:
            return format_day(invoice.issue_date)
        return format_day(invoice.due_date)

    def raw(self, invoice: InvoiceSummary, column: int) -> Any:
        # Strings keep every value of a column comparable (drafts have no number or dates);
        # drafts sort after the issued invoices.
        if column == self.NUMBER:
            return "1" if invoice.number is None else f"0{invoice.number}"
        if column == self.ORGANIZATION:
            return invoice.organization.casefold()
        if column == self.TOTAL:
            return invoice.total.amount
        if column == self.BALANCE:
            return invoice.balance.amount
        if column in (self.ISSUED, self.DUE):
            day = invoice.issue_date if column == self.ISSUED else invoice.due_date
            return day.isoformat() if day else ""
        return invoice.status if column == self.STATUS else invoice.currency

    def search_text(self, invoice: InvoiceSummary) -> str:
        number = invoice.number or self.DRAFT_NUMBER
        return f"{number} {invoice.organization} {invoice.status} {invoice.currency}"

    def decoration(self, invoice: InvoiceSummary, column: int, role: int) -> Any:
        if invoice.status != "overdue":
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Overdue: it was due on {format_day(invoice.due_date)}"
        return None


class InvoiceSearchProxy(RecordSearchProxy):
    """Sorts invoices by raw values; a search matches number, organization, status, currency."""
