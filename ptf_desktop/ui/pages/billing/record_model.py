"""What the billing lists share: a table model over plain records and a search proxy.

Invoices, quotes and credit notes are each a list of frozen records from a service with
an ``id``. A subclass names its columns and says how a record reads in a cell
(``text``), how it sorts (``raw``), what a search looks in (``search_text``) and any
colour or font (``decoration``). The foundation issues hundreds of documents a year, so
the whole list is held and the proxy sorts and searches it in memory.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record")


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    """Records, one row each, with a sort role of raw values and a search role."""

    HEADERS: tuple[str, ...] = ()
    RIGHT_ALIGNED: frozenset[int] = frozenset()  # amount columns
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value of a cell
    ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the record's UUID, in every column
    SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the text a search looks in

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Record] = []

    def set_rows(self, rows: list[Record]) -> None:
        """Show these records."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record_at(self, row: int) -> Record:
        """The record shown in a row."""
        return self._rows[row]

    def row_of(self, record_id: object) -> int | None:
        """The row of a record by its id; None when it is not listed."""
        return next(
            (n for n, row in enumerate(self._rows) if getattr(row, "id", None) == record_id), None
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(record, column)
        if role == self.SORT_ROLE:
            return self.raw(record, column)
        if role == self.ID_ROLE:
            return getattr(record, "id", None)
        if role == self.SEARCH_ROLE:
            return self.search_text(record).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.decoration(record, column, role)

    def text(self, record: Record, column: int) -> str:
        """What a cell shows."""
        raise NotImplementedError

    def raw(self, record: Record, column: int) -> Any:
        """What a cell sorts by: values of one column must compare with each other."""
        return self.text(record, column)

    def search_text(self, record: Record) -> str:
        """The words a search finds a record by (every column's text by default)."""
        return " ".join(self.text(record, column) for column in range(len(self.HEADERS)))

    def decoration(self, record: Record, column: int, role: int) -> Any:
        """Colour, font or tooltip of a cell (None: the view's default)."""
        return None


class RecordSearchProxy(QSortFilterProxyModel):
    """Sorts by raw values and keeps the rows whose text contains every word searched."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self.setSortRole(RecordTableModel.SORT_ROLE)

    def set_search(self, text: str) -> None:
        """Keep only the records whose search text holds every word of ``text``."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later; the older call is deprecated
            self.beginFilterChange()
            self._words = tuple(text.casefold().split())
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = tuple(text.casefold().split())
            self.invalidateRowsFilter()

    def lessThan(self, left: Index, right: Index) -> bool:
        return bool(left.data(self.sortRole()) < right.data(self.sortRole()))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = str(index.data(RecordTableModel.SEARCH_ROLE))
        return all(word in haystack for word in self._words)


def record_table(
    name: str,
    proxy: QSortFilterProxyModel,
    column_characters: tuple[int, ...],
    sort_column: int,
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
) -> QTableView:
    """A read-only table of a billing list: whole rows selected, sorted by ``sort_column``.

    Args:
        name: the table's object name.
        proxy: the list's search proxy (over a ``RecordTableModel``).
        column_characters: each column's starting width, in average characters.
        sort_column: the column sorted on first (ascending).
        selection: single rows, or several for actions on many documents.
    """
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    width = table.fontMetrics().averageCharWidth()
    for column, characters in enumerate(column_characters):
        header.resizeSection(column, characters * width + 16)
    header.setSortIndicator(sort_column, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table
