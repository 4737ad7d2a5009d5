"""Receivables aging: open balances by organization in the buckets current to over 90 days.

Members' credit balances (money owed back to them) are shown in their own column.
"""

from __future__ import annotations

from datetime import date
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
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ....domain.billing.aging import AgingBucket, AgingRow
from ....services.billing.receivables import ReceivablesService
from .display import format_day, format_plain_amount

_Index = QModelIndex | QPersistentModelIndex
_BUCKETS = tuple(AgingBucket)


class AgingModel(QAbstractTableModel):
    """One row per organization and currency; amounts per bucket and their total."""

    ORGANIZATION, CURRENCY, TOTAL, CREDIT = 0, 1, 7, 8
    HEADERS = ("Organization", "Currency", "Current", "1-30 days", "31-60 days", "61-90 days",
               "Over 90 days", "Total", "Credit")  # fmt: skip
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AgingRow] = []

    def set_rows(self, rows: list[AgingRow]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == self.ORGANIZATION:
            value: Any = row.organization
        elif column == self.CURRENCY:
            value = row.currency
        else:
            if column == self.CREDIT:
                money = row.credit
            else:
                money = row.total if column == self.TOTAL else row.buckets.get(_BUCKETS[column - 2])
            if role == self.SORT_ROLE:
                return money.minor_units if money else 0
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value = format_plain_amount(money) if money and money.amount != Decimal(0) else ""
        if role in (Qt.ItemDataRole.DisplayRole, self.SORT_ROLE):
            return value
        return None


class ReceivablesView(QWidget):
    """The aging table, read again each time it is shown."""

    def __init__(self, receivables: ReceivablesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._receivables = receivables
        self.model = AgingModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(AgingModel.SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("agingTable")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AgingModel.ORGANIZATION, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AgingModel.ORGANIZATION, QHeaderView.ResizeMode.Stretch)
        self.caption = QLabel()
        self.caption.setObjectName("agingCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)

    def refresh(self, as_of: date) -> None:
        """Read the open balances as of a day."""
        rows = self._receivables.aging(as_of)
        self.model.set_rows(rows)
        owed = any(row.total.amount for row in rows)
        credit = any(row.credit for row in rows)
        text = (
            f"Open balances of issued invoices as of {format_day(as_of)}, by days past due."
            if owed else "Nothing is owed: every issued invoice is paid or credited."
        )  # fmt: skip
        if credit:
            text += " Members with a credit balance are owed money back (Credit column)."
        self.caption.setText(text)
