"""A table of plain records (contacts, terms, applications...) with named columns.

The editor's small tables hold a handful of rows each: one model class over frozen
records, described by columns, serves them all. The sort role returns raw values so
that dates and numbers sort as such.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ....domain.organizations import LABELS

R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
WARNING_COLOUR = QColor("#c62828")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header, the text shown, and the value it sorts by."""

    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    warn: Callable[[R], bool] | None = None  # shown in the warning colour when true


def label(value: Any) -> str:
    """The label people know an enumeration value by ("nonprofit" -> "Non-profit")."""
    if value is None:
        return ""
    text = str(getattr(value, "value", value))
    return LABELS.get(text, text)


def date_text(value: Any) -> str:
    """A date in ISO form (what staff type and what sorts), or nothing."""
    return value.isoformat() if value is not None else ""


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of records shown through columns."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == SORT_ROLE:
            value = column.sort(record) if column.sort else column.text(record)
            return value.isoformat() if hasattr(value, "isoformat") else value
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ForegroundRole and column.warn and column.warn(record):
            return QBrush(WARNING_COLOUR)
        return None


class RecordTable(QTableView):
    """A read-only, sortable table of one model's records, selected by whole rows."""

    def __init__(self, model: RecordTableModel[Any], name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order at first
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(320)
        header.setStretchLastSection(True)

    def selected_record(self) -> Any:
        """The record of the selected row, or None."""
        rows = self.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def select_row_of(self, match: Callable[[Any], bool]) -> None:
        """Select the first row whose record matches (used to keep a selection)."""
        for row in range(self.proxy.rowCount()):
            if match(self.proxy.index(row, 0).data(RECORD_ROLE)):
                self.selectRow(row)
                return
