"""The editor's small tables of plain records (contacts, terms, applications...).

They hold a handful of rows each, described by the shared ``Column`` s; here: the
view they share, the warning colour, and how enumerations and dates read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ....domain.organizations import LABELS
from ...widgets.table_model import RECORD_ROLE, SORT_ROLE, Column, ColumnTableModel, SearchProxy
from ...widgets.tables import select_only_row

__all__ = ["Column", "RecordTable", "RecordTableModel", "date_text", "label", "warn_if"]
R = TypeVar("R")
WARNING_COLOUR = QColor("#c62828")


def warn_if(test: Callable[[R], bool]) -> Callable[[R], QBrush | None]:
    """A column's foreground: the warning colour for the records that pass ``test``."""
    return lambda record: QBrush(WARNING_COLOUR) if test(record) else None


def label(value: Any) -> str:
    """The label people know an enumeration value by ("nonprofit" -> "Non-profit")."""
    if value is None:
        return ""
    text = str(getattr(value, "value", value))
    return LABELS.get(text, text)


def date_text(value: Any) -> str:
    """A date in ISO form (what staff type and what sorts), or nothing."""
    return value.isoformat() if value is not None else ""


class RecordTableModel(ColumnTableModel[R]):
    """Rows of records shown through columns; a cell's tooltip is its whole text."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole  # long notes are cut off in the cell
        value = super().data(index, role)
        if role == SORT_ROLE and value is not None and hasattr(value, "isoformat"):
            return value.isoformat()  # dates compare as text in the proxy
        return value


class RecordTable(QTableView):
    """A read-only, sortable table of one model's records, selected by whole rows."""

    def __init__(self, model: RecordTableModel[Any], name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.source = model
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(model)
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
                select_only_row(self, row)
                return
