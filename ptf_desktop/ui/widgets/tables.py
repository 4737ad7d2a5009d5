"""The read-only table view every list and dialog of the application starts from.

No row numbers, the last column stretched to the edge, columns the person can resize;
whole rows selected where a row is what an action works on; sorted by clicking a header
where the model is behind a sorting proxy.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ROWS = QAbstractItemView.SelectionMode.SingleSelection
MANY_ROWS = QAbstractItemView.SelectionMode.ExtendedSelection


def list_table(
    name: str,
    model: QAbstractItemModel | None,
    *,
    rows: QAbstractItemView.SelectionMode | None = None,
    sort_column: int | None = None,
    resize: QHeaderView.ResizeMode | None = QHeaderView.ResizeMode.Interactive,
    alternate: bool = False,
    wrap: bool = True,
) -> QTableView:
    """A table of ``model`` without row numbers, its last column stretched.

    Args:
        name: the table's object name.
        model: what it shows (None: set later).
        rows: select whole rows, one (``ROWS``) or several (``MANY_ROWS``); None keeps
            Qt's cell selection.
        sort_column: sort by this column first, ascending, and by any column clicked
            (-1: sortable, unsorted at first); None: not sortable.
        resize: how every column is sized (None keeps Qt's default).
        alternate: alternate the rows' background colours.
        wrap: wrap long text in its cell (False: elide it on one line).
    """
    table = QTableView()
    table.setObjectName(name)
    if model is not None:
        table.setModel(model)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(alternate)
    table.setWordWrap(wrap)
    if rows is not None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(rows)
    header = table.horizontalHeader()
    if resize is not None:
        header.setSectionResizeMode(resize)
    header.setStretchLastSection(True)
    if sort_column is not None:
        table.setSortingEnabled(True)
        table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    return table


def select_only_row(view: QAbstractItemView, row: int) -> None:
    """Select one row of ``view``'s model, make it current and scroll to it.

    Not ``QTableView.selectRow`` or ``setCurrentIndex``: in a list where several rows can
    be selected, they read the keys held at that moment, so just after Ctrl+S or a
    Ctrl+click the row would be toggled off instead of selected.
    """
    index = view.model().index(row, 0)
    flags = QItemSelectionModel.SelectionFlag
    view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
    view.scrollTo(index)
