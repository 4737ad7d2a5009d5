"""The table view the billing lists share.

Invoices, quotes, credit notes, payments and credits are each a list of frozen records
from a service, shown by a ``ColumnTableModel``. The foundation issues hundreds of
documents a year, so the whole list is held and the proxy sorts and searches it in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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
        proxy: the list's search proxy (over a ``ColumnTableModel``).
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
