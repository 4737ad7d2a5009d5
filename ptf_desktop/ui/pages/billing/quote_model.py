"""The quotes list as a Qt table model over QuoteSummary records (sorted by a proxy)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette

from ....services.billing.records import QuoteSummary
from .display import format_day, format_plain_amount, status_label

_Index = QModelIndex | QPersistentModelIndex


class QuoteTableModel(QAbstractTableModel):
    """Quotes, one row each; expired and declined ones greyed."""

    NUMBER, ORGANIZATION, STATUS, CURRENCY, TOTAL, ISSUED, VALID_UNTIL = range(7)
    HEADERS = ("Number", "Organization", "Status", "Currency", "Total", "Sent", "Valid until")
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    ID_ROLE = Qt.ItemDataRole.UserRole + 2
    DRAFT_NUMBER = "Draft"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QuoteSummary] = []

    def set_rows(self, rows: list[QuoteSummary]) -> None:
        """Show these quotes."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def quote_at(self, row: int) -> QuoteSummary:
        """The quote shown in a row."""
        return self._rows[row]

    def row_of(self, quote_id: object) -> int | None:
        """The row of a quote; None when it is not listed."""
        return next((n for n, row in enumerate(self._rows) if row.id == quote_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        quote = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(quote, column)
        if role == self.SORT_ROLE:
            return self._raw(quote, column)
        if role == self.ID_ROLE:
            return quote.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and quote.status in ("expired", "declined"):
            return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return None

    def _text(self, quote: QuoteSummary, column: int) -> str:
        values = (
            quote.number or self.DRAFT_NUMBER,
            quote.organization,
            status_label(quote.status),
            quote.currency,
            format_plain_amount(quote.total),
            format_day(quote.issue_date),
            format_day(quote.valid_until),
        )
        return values[column]

    def _raw(self, quote: QuoteSummary, column: int) -> Any:
        if column == self.NUMBER:
            return "1" if quote.number is None else f"0{quote.number}"
        if column == self.ORGANIZATION:
            return quote.organization.casefold()
        if column == self.TOTAL:
            return quote.total.minor_units
        if column == self.ISSUED:
            return quote.issue_date.isoformat() if quote.issue_date else ""
        if column == self.VALID_UNTIL:
            return quote.valid_until.isoformat()
        return self._text(quote, column)
