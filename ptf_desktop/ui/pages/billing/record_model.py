"""The table view the billing lists share.

Invoices, quotes, credit notes, payments and credits are each a list of frozen records
from a service, shown by a ``ColumnTableModel``. The foundation issues hundreds of
documents a year, so the whole list is held and the proxy sorts and searches it in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ...widgets.tables import list_table


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
    table = list_table(name, proxy, rows=selection, sort_column=sort_column, alternate=True,
                       wrap=False)  # fmt: skip
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    width = table.fontMetrics().averageCharWidth()
    for column, characters in enumerate(column_characters):
        table.horizontalHeader().resizeSection(column, characters * width + 16)
    return table
