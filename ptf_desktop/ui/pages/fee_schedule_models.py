"""Qt table models of the fee schedules: the schedules, and the fees of one (editable or not)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from ...domain.amounts import AmountError
from ...domain.amounts import parse_amount as domain_parse_amount
from ...domain.fees import FEE_KIND_LABELS, FeeEntryData, FeeScheduleData
from ...domain.money import Money
from ..widgets.table_model import RIGHT, Column, ColumnTableModel, Index
from .renewals.display import format_date, format_money


def _yes(flag: bool) -> str:
    return "Yes" if flag else ""


def _shown(header: str, text: Any, align: Any = None) -> Column[Any]:
    """A column whose cells' tooltips are their text."""
    return Column(header, text, align=align, tooltip=text)


class ScheduleTableModel(ColumnTableModel[FeeScheduleData]):
    """Fee schedules, oldest first."""

    NAME, EFFECTIVE, ENTRIES, NOTE = range(4)
    COLUMNS = (
        _shown("Name", lambda s: s.name),
        _shown("Effective from", lambda s: format_date(s.effective_from)),
        _shown("Fees", lambda s: str(len(s.entries))),
        _shown("Note", lambda s: s.note),
    )

    @property
    def schedules(self) -> list[FeeScheduleData]:
        """The schedules shown."""
        return self.rows

    def set_schedules(self, schedules: list[FeeScheduleData]) -> None:
        """Show other schedules."""
        self.set_rows(schedules)


class EntryTableModel(ColumnTableModel[FeeEntryData]):
    """The fees of one schedule; editable (amount, to be confirmed) for a new schedule.

    Attributes:
        entries: the fees shown (edited in place when editable).
        in_use: entries issued documents refer to (marked, never editable).
    """

    KIND, BAND, AMOUNT, TO_BE_CONFIRMED, IN_USE = range(5)
    refused = Signal(str)  # an edit was not taken; the message says why

    def __init__(self, editable: bool = False, parent: QObject | None = None) -> None:
        super().__init__(self._columns(editable), parent)
        self.editable = editable
        self.in_use: frozenset[uuid.UUID] = frozenset()
        self.last_error = ""

    def _columns(self, editable: bool) -> tuple[Column[FeeEntryData], ...]:
        columns: tuple[Column[FeeEntryData], ...] = (
            _shown("Fee", lambda e: FEE_KIND_LABELS[e.kind]),
            _shown("Employees", lambda e: e.band),
            Column(
                "Amount",
                lambda e: format_money(e.amount),
                align=RIGHT,
                tooltip=lambda e: format_money(e.amount),
                edit=self._edit_amount if editable else None,
                edit_value=lambda e: str(e.amount.amount),
            ),
            # Editable: a check box instead of the word.
            _shown(
                "To be confirmed", lambda e: "Yes" if e.to_be_confirmed and not editable else ""
            ),
            _shown("Used by issued documents", lambda e: _yes(e.id in self.in_use)),
        )
        return columns[:-1] if editable else columns

    @property
    def entries(self) -> list[FeeEntryData]:
        """The fees shown."""
        return self.rows

    def set_entries(
        self, entries: tuple[FeeEntryData, ...], in_use: frozenset[uuid.UUID] = frozenset()
    ) -> None:
        """Show other fees."""
        self.in_use = in_use
        self.set_rows(entries)

    def _checkable(self, index: Index) -> bool:
        return self.editable and index.isValid() and index.column() == self.TO_BE_CONFIRMED

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if self._checkable(index) else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._checkable(index) and role == Qt.ItemDataRole.CheckStateRole:
            checked = self.rows[index.row()].to_be_confirmed
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self._checkable(index) and role == Qt.ItemDataRole.CheckStateRole):
            return super().setData(index, value, role)
        row = index.row()
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.rows[row] = replace(self.rows[row], to_be_confirmed=checked)
        self._accepted()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def _edit_amount(self, row: int, value: Any) -> bool:
        entry = self.rows[row]
        amount = parse_amount(str(value))
        if amount is None:
            self.last_error = amount_refusal(str(value))
            self.refused.emit(self.last_error)
            return False
        self.rows[row] = replace(entry, amount=Money(amount, entry.amount.currency))
        self._accepted()
        return True

    def _accepted(self) -> None:
        self.last_error = ""
        self.refused.emit("")


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
