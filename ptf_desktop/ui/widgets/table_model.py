"""One table model for every list of plain records, described by its columns, and its proxy.

A list names its ``Column`` s: the header, the text of a cell, the raw value it sorts by
(dates and amounts sort as such, served in ``SORT_ROLE``), its alignment, tooltip,
colour and font, and for an editable table an ``edit`` hook. ``ColumnTableModel``
holds the records (frozen dataclasses from a service) and answers Qt from the columns;
``SearchProxy`` sorts by the raw values and keeps the rows holding every word searched.
The lists hold hundreds of rows at most; the organizations register, which holds far
more, pages in SQL with its own lazy model over the same columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
SORT_ROLE = Role.UserRole + 1  # the raw value of a cell
ID_ROLE = Role.UserRole + 2  # the record's id, in every column
SEARCH_ROLE = Role.UserRole + 3  # the casefolded text a search looks in
RECORD_ROLE = Role.UserRole + 4  # the record itself, in every column
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
_NO_EDIT = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header and what a record shows, sorts by and looks like in it.

    ``sort`` gives the raw value (values of one column must compare with each other; the
    text when None). ``tooltip``, ``foreground``, ``font`` and ``decoration`` answer None
    for the view's default. ``edit`` makes the column editable: it receives the record's
    row and the value typed and says whether the value was taken.
    """

    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[R], str | None] | None = None
    foreground: Callable[[R], Any] | None = None
    font: Callable[[R], QFont | None] | None = None
    background: Callable[[R], Any] | None = None
    decoration: Callable[[R], Any] | None = None
    edit: Callable[[int, Any], bool] | None = None
    edit_value: Callable[[R], Any] | None = None  # what an editor starts from (the text)

    def raw(self, record: R) -> Any:
        """The value the column sorts this record by."""
        return self.sort(record) if self.sort is not None else self.text(record)


def casefolded(text: Callable[[R], str]) -> Callable[[R], str]:
    """A sort value: the text without case, so "aB" sorts beside "Ab"."""
    return lambda record: text(record).casefold()


def bold_font() -> QFont:
    """A bold version of the default font."""
    font = QFont()
    font.setBold(True)
    return font


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """Records, one row each, shown through columns.

    ``COLUMNS`` lists a subclass's columns (or pass ``columns``); ``search_text`` says
    what a search finds a record by (every column's text unless given).
    """

    COLUMNS: Sequence[Column[Any]] = ()
    ID_FIELD = "id"  # the record's attribute served in ``ID_ROLE``

    def __init__(
        self,
        columns: Sequence[Column[R]] | None = None,
        parent: QObject | None = None,
        *,
        rows: Sequence[R] = (),
        search_text: Callable[[R], str] | None = None,
    ) -> None:
        if isinstance(columns, QObject):  # a widget passed where the columns go
            raise TypeError("ColumnTableModel takes its parent as parent=")
        super().__init__(parent)
        self.columns: tuple[Column[R], ...] = tuple(self.COLUMNS if columns is None else columns)
        self._rows: list[R] = list(rows)
        self._search_text = search_text

    @property
    def rows(self) -> list[R]:
        """The records shown, in the model's order."""
        return self._rows

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show these records."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record_at(self, row: int) -> R:
        """The record shown in a row."""
        return self._rows[row]

    def row_of(self, record_id: object) -> int | None:
        """The row of a record by its id; None when it is not listed."""
        return next(
            (
                n
                for n, row in enumerate(self._rows)
                if getattr(row, self.ID_FIELD, None) == record_id
            ),
            None,
        )

    def text(self, record: R, column: int) -> str:
        """What a record shows in a column."""
        return self.columns[column].text(record)

    def search_text(self, record: R) -> str:
        """The words a search finds a record by."""
        if self._search_text is not None:
            return self._search_text(record)
        return " ".join(column.text(record) for column in self.columns)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Role.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.raw(record)
        return self._other_role(record, column, role)

    def _other_role(self, record: R, column: Column[R], role: int) -> Any:
        hook = {
            Role.ToolTipRole: column.tooltip,
            Role.ForegroundRole: column.foreground,
            Role.FontRole: column.font,
            Role.BackgroundRole: column.background,
            Role.DecorationRole: column.decoration,
        }.get(role)  # type: ignore[call-overload]
        if hook is not None:
            return hook(record)
        if role == Role.TextAlignmentRole:
            return column.align
        if role == Role.EditRole and column.edit is not None:
            return column.edit_value(record) if column.edit_value else column.text(record)
        if role == ID_ROLE:
            return getattr(record, self.ID_FIELD, None)
        if role == RECORD_ROLE:
            return record
        if role == SEARCH_ROLE:
            return self.search_text(record).casefold()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.columns[index.column()].edit is not None:
            return _NO_EDIT | Qt.ItemFlag.ItemIsEditable
        return _NO_EDIT

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if not index.isValid() or role != Role.EditRole:
            return False
        edit = self.columns[index.column()].edit
        if edit is None or not edit(index.row(), value):
            return False
        # The row's other cells may follow from the value (a line's net amount).
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1)
        )
        return True


class SearchProxy(QSortFilterProxyModel):
    """Sorts by raw values and keeps the rows whose search text holds every word searched."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._columns_model: ColumnTableModel[Any] | None = None
        self.setSortRole(SORT_ROLE)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        # A ColumnTableModel whose data() is its own serves SORT_ROLE from the columns:
        # sorting reads them directly instead of asking Qt for two cells a comparison.
        plain = isinstance(model, ColumnTableModel) and type(model).data is ColumnTableModel.data
        self._columns_model = model if plain else None  # type: ignore[assignment]

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
        model = self._columns_model
        if model is not None and self.sortRole() == SORT_ROLE:
            raw, rows = model.columns[left.column()].raw, model.rows
            left_value, right_value = raw(rows[left.row()]), raw(rows[right.row()])
        else:
            left_value, right_value = left.data(self.sortRole()), right.data(self.sortRole())
        if left_value is None or right_value is None:  # a model without raw values
            return super().lessThan(left, right)
        return bool(left_value < right_value)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = str(index.data(SEARCH_ROLE))
        return all(word in haystack for word in self._words)


def proxy_over(model: QAbstractTableModel, parent: QObject | None = None) -> SearchProxy:
    """A search proxy over ``model``."""
    proxy = SearchProxy(parent)
    proxy.setSourceModel(model)
    return proxy
