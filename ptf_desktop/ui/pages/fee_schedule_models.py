"""Qt table models of the fee schedules: the schedules, and the fees of one (editable or not)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain.amounts import AmountError
from ...domain.amounts import parse_amount as domain_parse_amount
from ...domain.fees import FEE_KIND_LABELS, FeeEntryData, FeeScheduleData
from ...domain.money import Money
from .renewals.display import format_date, format_money

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ScheduleTableModel(QAbstractTableModel):
    """Fee schedules, oldest first."""

    NAME, EFFECTIVE, ENTRIES, NOTE = range(4)
    HEADERS = ("Name", "Effective from", "Fees", "Note")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.schedules: list[FeeScheduleData] = []

    def set_schedules(self, schedules: list[FeeScheduleData]) -> None:
        """Show other schedules."""
        self.beginResetModel()
        self.schedules = list(schedules)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.schedules)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
        ):  # fmt: skip
            return None
        schedule = self.schedules[index.row()]
        return (
            schedule.name, format_date(schedule.effective_from), str(len(schedule.entries)),
            schedule.note,
        )[index.column()]  # fmt: skip


class EntryTableModel(QAbstractTableModel):
    """The fees of one schedule; editable (amount, to be confirmed) for a new schedule.

    Attributes:
        entries: the fees shown (edited in place when editable).
        in_use: entries issued documents refer to (marked, never editable).
    """

    KIND, BAND, AMOUNT, TO_BE_CONFIRMED, IN_USE = range(5)
    refused = Signal(str)  # an edit was not taken; the message says why
    HEADERS = ("Fee", "Employees", "Amount", "To be confirmed", "Used by issued documents")

    def __init__(self, editable: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editable = editable
        self.entries: list[FeeEntryData] = []
        self.in_use: frozenset[uuid.UUID] = frozenset()
        self.last_error = ""

    def set_entries(
        self, entries: tuple[FeeEntryData, ...], in_use: frozenset[uuid.UUID] = frozenset()
    ) -> None:
        """Show other fees."""
        self.beginResetModel()
        self.entries = list(entries)
        self.in_use = in_use
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS) - (1 if self.editable else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.editable and index.column() == self.AMOUNT:
            return base | Qt.ItemFlag.ItemIsEditable
        if self.editable and index.column() == self.TO_BE_CONFIRMED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        checkable = self.editable and column == self.TO_BE_CONFIRMED
        if checkable and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if entry.to_be_confirmed else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column == self.AMOUNT:
            return str(entry.amount.amount)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AMOUNT:
            return _RIGHT
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = (
            FEE_KIND_LABELS[entry.kind],
            entry.band,
            format_money(entry.amount),
            "Yes" if entry.to_be_confirmed and not self.editable else "",  # editable: a box
            "Yes" if entry.id in self.in_use else "",
        )
        return values[column]

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.editable:
            return False
        row = index.row()
        entry = self.entries[row]
        if index.column() == self.TO_BE_CONFIRMED and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.entries[row] = replace(entry, to_be_confirmed=checked)
        elif index.column() == self.AMOUNT and role == Qt.ItemDataRole.EditRole:
            amount = parse_amount(str(value))
            if amount is None:
                self.last_error = amount_refusal(str(value))
                self.refused.emit(self.last_error)
                return False
            self.entries[row] = replace(entry, amount=Money(amount, entry.amount.currency))
        else:
            return False
        self.last_error = ""
        self.refused.emit("")
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True


def parse_amount(text: str) -> Decimal | None:
    """An amount as typed ("25,000.00" or "25000"); None when it is not one.

    Negative and ambiguous amounts ("25,00") are not amounts here; the domain's one
    amount parser decides.
    """
    return None if amount_refusal(text) else domain_parse_amount(text.replace("_", ""))


def amount_refusal(text: str) -> str:
    """Why ``text`` is not a fee amount, for the person; "" when it is one."""
    try:
        amount = domain_parse_amount(text.replace("_", ""), "The amount")
    except AmountError as error:
        return f"{error} Fees are 0 or more (e.g. 25000.00)."
    return "" if amount >= 0 else f"'{text.strip()}' is not an amount of 0 or more (e.g. 25000.00)."
