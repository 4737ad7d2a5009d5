"""The organizations list as a Qt table model that pages through the register in SQL.

Like the browser table of Anki, the model never holds the whole register: it knows how
many organizations match and holds the pages fetched so far. The view asks for more
(``canFetchMore``/``fetchMore``) when the user scrolls near the end; searching,
filtering and sorting change the query and start again from the first page, so each
keystroke costs one page and one count.

The count of a search stops at ``COUNT_UP_TO``: a one-letter search matches most of the
register, and counting every match would cost more than the page itself. The total is
then a lower bound ("1,000+"), exact again once every match is fetched; filters alone
are counted exactly (their indexes count quickly).
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from ....domain.organizations import LABELS
from ....services.errors import DatabaseProblem
from ....services.register.organization_queries import OrganizationQueries
from ....services.register.organization_records import OrganizationQuery, OrganizationRow
from ...area_data import REGISTER_PAGE_ROWS
from ...widgets.table_model import ID_ROLE, RIGHT, SORT_ROLE, Column
from .display import country_name, number_locale

_Index = QModelIndex | QPersistentModelIndex


def _name_tooltip(row: OrganizationRow) -> str | None:
    differs = row.legal_name and row.legal_name != row.display_name
    return _plain_tooltip(f"Legal name: {row.legal_name}") if differs else None


def _plain_tooltip(text: str | None) -> str | None:
    # Qt guesses whether a tooltip is HTML; names like "R&D <b>Labs</b>" must show as typed.
    return f"<qt>{html.escape(text)}</qt>" if text else None


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _column(header: str, key: str, text: Any, **hooks: Any) -> Column[OrganizationRow]:
    """A column of the list, sorted (in SQL, by the service) by the row's ``key``."""
    return Column(header, text, lambda row: getattr(row, key), **{"align": _LEFT, **hooks})


CONFLICT_TIP = "A team conflict to review: File > Conflicts to review…"


def conflict_badge() -> Any:
    """The badge of a record with an open team conflict (the style's warning icon)."""
    from PySide6.QtWidgets import QApplication, QStyle

    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


# The service's sort keys are the rows' attributes of the same names (see SORTABLE_COLUMNS).
COLUMNS: tuple[Column[OrganizationRow], ...] = (
    _column("Name", "display_name", lambda r: r.display_name, tooltip=_name_tooltip),
    _column("Tier", "tier", lambda r: LABELS[r.tier.value] if r.tier else ""),
    _column("Status", "status", lambda r: LABELS[r.status.value]),
    _column(
        "Country",
        "country",
        lambda r: country_name(r.country),
        tooltip=lambda r: _plain_tooltip(f"{country_name(r.country)} ({r.country})"),
    ),
    _column(
        "Employees",
        "employees",
        lambda r: "" if r.employees is None else number_locale().toString(r.employees),
        align=RIGHT,
    ),
    # ISO dates read the same everywhere and line up in a column.
    _column("Term end", "term_end", lambda r: r.term_end.isoformat() if r.term_end else ""),
    _column(
        "Billing contact",
        "billing_contact",
        lambda r: r.billing_contact,
        tooltip=lambda r: _plain_tooltip(r.billing_contact),
    ),
)
SORT_KEYS = (
    "display_name",
    "tier",
    "status",
    "country",
    "employees",
    "term_end",
    "billing_contact",
)


class OrganizationTableModel(QAbstractTableModel):
    """Organizations matching a query, one row per organization, fetched page by page.

    Signals:
        failed(str): reading the database failed; the message explains it to the user.
    """

    NAME, TIER, STATUS, COUNTRY, EMPLOYEES, TERM_END, BILLING_CONTACT = range(7)
    SORT_ROLE = SORT_ROLE  # the raw value of a cell
    ID_ROLE = ID_ROLE  # the organization's UUID, in every column
    PAGE_SIZE = REGISTER_PAGE_ROWS  # as the warm-up reads the first page ahead
    COUNT_UP_TO = 1_000  # a search's total is counted this far ("1,000+")

    HEADERS = tuple(column.header for column in COLUMNS)
    SORT_KEYS = SORT_KEYS  # the service's sort keys, column by column
    failed = Signal(str)
    counted = Signal()  # the total of the query shown is known (it may come after the rows)

    def __init__(
        self,
        queries: OrganizationQueries,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._page_size = page_size
        self._query = OrganizationQuery()
        self._rows: list[OrganizationRow] = []
        self._total = 0
        self._exact = True  # False: the total is a lower bound (the count stopped there)
        self._more = False  # the last page fetched was full: there may be more rows
        self._counting = False  # the rows are shown; their total is still being counted
        self._conflicted: frozenset[object] = frozenset()  # ids with a team conflict open

    # -- what the page asks ------------------------------------------------------------------

    @property
    def query(self) -> OrganizationQuery:
        """The search, filters and sort order shown."""
        return self._query

    @property
    def total(self) -> int:
        """How many organizations match the query (not only those fetched).

        A lower bound when ``total_is_exact`` is False.
        """
        return self._total

    @property
    def total_is_exact(self) -> bool:
        """False when the count stopped at ``COUNT_UP_TO``: at least ``total`` match."""
        return self._exact

    def set_query(self, query: OrganizationQuery) -> None:
        """Show the organizations matching another query, from the first page."""
        self._reload(query, self._page_size)

    def show_first_page(
        self, query: OrganizationQuery, rows: list[OrganizationRow], total: int
    ) -> None:
        """Show a query's first page and its exact total, read elsewhere (ahead of time)."""
        self.beginResetModel()
        self._query = query
        self._rows = list(rows)
        self._more = len(rows) >= self._page_size
        self._counting = False
        self._total, self._exact = max(total, len(rows)), True
        self.endResetModel()
        self.counted.emit()

    def refresh(self) -> None:
        """Read the rows shown again, after the data changed (as many as were fetched)."""
        self._reload(self._query, max(len(self._rows), self._page_size))

    def row_of(self, organization_id: object) -> int | None:
        """The row of an organization among those fetched; None when it is not there."""
        return next(
            (number for number, row in enumerate(self._rows) if row.id == organization_id), None
        )

    def organization_at(self, row: int) -> OrganizationRow:
        """The organization shown in a row."""
        return self._rows[row]

    @property
    def counting(self) -> bool:
        """Whether the total is still being counted (rows are already shown)."""
        return self._counting

    def _reload(self, query: OrganizationQuery, limit: int) -> None:
        # Rows first: a page that is not full is the whole answer. When it is full, the
        # count (bounded for a search) runs right after the rows are on screen, so typing
        # stays quick.
        try:
            rows = self._queries.page(query, 0, limit)
        except DatabaseProblem as problem:
            rows = []
            self.failed.emit(str(problem))
        self.beginResetModel()
        self._query = query
        self._rows = rows
        self._more = self._counting = len(rows) >= limit
        self._total = len(rows)
        self._exact = True
        self.endResetModel()
        if self._counting:
            QTimer.singleShot(0, lambda: self._count(query))
        else:
            self.counted.emit()

    def _count(self, query: OrganizationQuery) -> None:
        if query != self._query or not self._counting:
            return  # another keystroke came first; its own count follows
        at_most = self.COUNT_UP_TO if query.search.strip() else None
        try:
            total = self._queries.count(query, at_most=at_most)
        except DatabaseProblem as problem:
            total, at_most = len(self._rows), None
            self.failed.emit(str(problem))
        self._counting = False
        self._exact = at_most is None or total < at_most
        self._total = max(total, len(self._rows))
        if not self._more:  # scrolled to the end meanwhile: every match is fetched
            self._total, self._exact = len(self._rows), True
        self.counted.emit()

    # -- lazy fetching -----------------------------------------------------------------------

    def canFetchMore(self, parent: _Index) -> bool:
        # An exact total says when every row is here; a bounded one only that more may be.
        known_all = self._exact and not self._counting and len(self._rows) >= self._total
        return not parent.isValid() and self._more and not known_all

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        try:
            rows = self._queries.page(self._query, len(self._rows), self._page_size)
        except DatabaseProblem as problem:
            rows = []
            self.failed.emit(str(problem))
        self._more = len(rows) >= self._page_size
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        if self._counting:
            return  # the count, still to come, tells the total
        total, exact = self._total, self._exact
        if not self._more:  # every match is fetched: that is the total
            self._total, self._exact = len(self._rows), True
        else:
            self._total = max(self._total, len(self._rows))
        if (total, exact) != (self._total, self._exact):
            self.counted.emit()

    # -- sorting (in SQL) --------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORT_KEYS):
            return
        query = replace(
            self._query,
            sort=self.SORT_KEYS[column],
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if query != self._query:
            self.set_query(query)

    # -- the table ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[section].align
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.raw(row)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == self.NAME and row.id in self._conflicted:
                return CONFLICT_TIP
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.NAME:
            return conflict_badge() if row.id in self._conflicted else None
        return None

    def set_conflicted(self, ids: frozenset[object]) -> None:
        """Mark the organizations with an open team conflict (a badge by the name)."""
        if ids != self._conflicted:
            self._conflicted = ids
            if self._rows:
                last = self.index(len(self._rows) - 1, self.NAME)
                self.dataChanged.emit(self.index(0, self.NAME), last)
