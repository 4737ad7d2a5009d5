"""The quotes list as a Qt table model over QuoteSummary records (sorted by a proxy)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette

from ....services.billing.records import QuoteSummary
from .display import format_day, format_plain_amount, status_label
from .record_model import RecordTableModel


class QuoteTableModel(RecordTableModel[QuoteSummary]):
    """Quotes, one row each; expired and declined ones greyed."""

    NUMBER, ORGANIZATION, STATUS, CURRENCY, TOTAL, ISSUED, VALID_UNTIL = range(7)
    HEADERS = ("Number", "Organization", "Status", "Currency", "Total", "Sent", "Valid until")
    RIGHT_ALIGNED = frozenset({TOTAL})
    DRAFT_NUMBER = "Draft"

    def quote_at(self, row: int) -> QuoteSummary:
        """The quote shown in a row."""
        return self.record_at(row)

    def text(self, quote: QuoteSummary, column: int) -> str:
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

    def raw(self, quote: QuoteSummary, column: int) -> Any:
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
        return self.text(quote, column)

    def decoration(self, quote: QuoteSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and quote.status in ("expired", "declined"):
            return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return None
