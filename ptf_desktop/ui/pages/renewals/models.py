"""Qt table models of the Renewals area, over the services' plain dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ....domain.organizations import LABELS
from ....domain.renewals import BUCKET_LABELS, INTENT_LABELS, RenewalIntent, reminder_label
from ....services.renewals.renewal_preparation import PlannedRenewal
from ....services.renewals.renewal_service import RenewalRow
from .display import format_date, format_money

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value of a cell
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the organization's UUID, in every column
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _RowsModel(QAbstractTableModel):
    """A read-only table of rows; subclasses say what each column shows and sorts by."""

    HEADERS: tuple[str, ...] = ()
    RIGHT_ALIGNED: frozenset[int] = frozenset()

    def __init__(self, rows: Sequence[Any] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show other rows."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, index.column())
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        if role == ID_ROLE:
            return row.organization_id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT_ALIGNED:
            return _RIGHT
        return None

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        return self.text(row, column)


class RenewalTableModel(_RowsModel):
    """Members on the renewal calendar."""

    (NAME, TIER, STATUS, TERM_END, BUCKET, INTENT, NEXT_TIER, NEXT_TERM, NEXT_PRICE,
     COMMITMENT, REMINDER) = range(11)  # fmt: skip
    HEADERS = (
        "Name", "Tier", "Status", "Term end", "Where", "Renewal", "Next tier", "Next term",
        "Next price", "Commitment end", "Reminder today",
    )  # fmt: skip
    RIGHT_ALIGNED = frozenset({NEXT_PRICE})

    def text(self, row: RenewalRow, column: int) -> str:
        intent = INTENT_LABELS[row.intent]
        if row.intent is RenewalIntent.NON_RENEWING and row.notice_on:
            intent += f" (notice {format_date(row.notice_on)})"
        next_term = (
            f"{format_date(row.next_start)} to {format_date(row.next_end)}"
            if row.next_start
            else ""
        )
        values = (
            row.name,
            LABELS.get(row.tier or "", ""),
            LABELS.get(row.status, row.status),
            format_date(row.term_end),
            BUCKET_LABELS[row.bucket] if row.bucket else "",
            intent,
            LABELS.get(row.next_tier or "", ""),
            next_term,
            format_money(row.next_price) or row.price_problem,
            format_date(row.commitment_end),
            reminder_label(row.reminder) if row.reminder is not None else "",
        )
        return values[column]

    def sort_value(self, row: RenewalRow, column: int) -> Any:
        if column == self.TERM_END:
            return format_date(row.term_end)
        if column == self.NEXT_PRICE:
            return row.next_price.minor_units if row.next_price else -1
        if column == self.REMINDER:
            return row.reminder if row.reminder is not None else 10_000
        return self.text(row, column).casefold()


class PlanTableModel(_RowsModel):
    """The members a preparation would renew, and those it cannot."""

    NAME, TIER, TERM, AMOUNT, PROBLEM = range(5)
    HEADERS = ("Name", "Tier", "Next term", "Amount", "Cannot renew because")
    RIGHT_ALIGNED = frozenset({AMOUNT})

    def text(self, row: PlannedRenewal, column: int) -> str:
        values = (
            row.name,
            LABELS.get(row.tier, row.tier),
            f"{format_date(row.start)} to {format_date(row.end)}",
            format_money(row.total),
            row.problem,
        )
        return values[column]

    def sort_value(self, row: PlannedRenewal, column: int) -> Any:
        if column == self.AMOUNT:
            return row.total.minor_units if row.total else -1
        return self.text(row, column).casefold()
