"""The invoices list as a Qt table model over InvoiceSummary records, and its search proxy.

The foundation issues hundreds of invoices a year, not hundreds of thousands, so the
model holds the whole (status-filtered) list the service returns and a proxy sorts and
searches it in memory.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ....services.billing.records import InvoiceSummary
from ...style import ERROR
from .display import format_day, format_plain_amount, status_label

_Index = QModelIndex | QPersistentModelIndex


class InvoiceTableModel(QAbstractTableModel):
    """Invoices, one row each; overdue ones in red and bold."""

    NUMBER, ORGANIZATION, STATUS, CURRENCY, TOTAL, BALANCE, ISSUED, DUE = range(8)
    HEADERS = ("Number", "Organization", "Status", "Currency", "Total", "Balance", "Issued", "Due")
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value of a cell
    ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the invoice's UUID, in every column
    SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the text a search looks in
    DRAFT_NUMBER = "Draft"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InvoiceSummary] = []

    def set_rows(self, rows: list[InvoiceSummary]) -> None:
        """Show these invoices."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def invoice_at(self, row: int) -> InvoiceSummary:
        """The invoice shown in a row."""
        return self._rows[row]

    def row_of(self, invoice_id: object) -> int | None:
        """The row of an invoice; None when it is not listed."""
        return next((n for n, row in enumerate(self._rows) if row.id == invoice_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        invoice = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(invoice, column)
        if role == self.SORT_ROLE:
            return self._raw(invoice, column)
        if role == self.ID_ROLE:
            return invoice.id
        if role == self.SEARCH_ROLE:
            return " ".join(
                (invoice.number or self.DRAFT_NUMBER, invoice.organization, invoice.status,
                 invoice.currency)
            ).casefold()  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.TOTAL, self.BALANCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if invoice.status == "overdue" and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR))
        if invoice.status == "overdue" and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and invoice.status == "overdue":
            return f"Overdue: it was due on {format_day(invoice.due_date)}"
        return None

    def _text(self, invoice: InvoiceSummary, column: int) -> str:
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

    def _raw(self, invoice: InvoiceSummary, column: int) -> Any:
        # Strings keep every value of a column comparable (drafts have no number or dates);
        # drafts sort after the issued invoices.
        if column == self.NUMBER:
            return "1" if invoice.number is None else f"0{invoice.number}"
        if column == self.ORGANIZATION:
            return invoice.organization.casefold()
        if column == self.STATUS:
            return invoice.status
        if column == self.CURRENCY:
            return invoice.currency
        if column == self.TOTAL:
            return str(invoice.total.amount)
        if column == self.BALANCE:
            return str(invoice.balance.amount)
        day = invoice.issue_date if column == self.ISSUED else invoice.due_date
        return day.isoformat() if day else ""


class InvoiceSearchProxy(QSortFilterProxyModel):
    """Sorts by raw values and keeps the rows whose text contains every word searched."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self.setSortRole(InvoiceTableModel.SORT_ROLE)

    def set_search(self, text: str) -> None:
        """Keep only the invoices whose number, organization, status or currency match."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later; the older call is deprecated
            self.beginFilterChange()
            self._words = tuple(text.casefold().split())
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = tuple(text.casefold().split())
            self.invalidateRowsFilter()

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if left.column() in (InvoiceTableModel.TOTAL, InvoiceTableModel.BALANCE):
            return Decimal(a or 0) < Decimal(b or 0)
        return bool(a < b)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = str(index.data(InvoiceTableModel.SEARCH_ROLE))
        return all(word in haystack for word in self._words)
