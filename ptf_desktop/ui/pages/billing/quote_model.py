"""The quotes list as a Qt table model over QuoteSummary records (sorted by a proxy)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QPalette

from ....services.billing.records import QuoteSummary
from ...widgets.table_model import RIGHT, Column, ColumnTableModel
from .display import format_day, format_plain_amount, status_label
from .document_columns import DRAFT_NUMBER, number_and_organization


def _greyed(quote: QuoteSummary) -> QBrush | None:
    if quote.status not in ("expired", "declined"):
        return None
    return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))


def _column(header: str, text: Any, sort: Any = None, align: Any = None) -> Column[QuoteSummary]:
    """A column of the list: expired and declined quotes are greyed."""
    return Column(header, text, sort, align, foreground=_greyed)


class QuoteTableModel(ColumnTableModel[QuoteSummary]):
    """Quotes, one row each; expired and declined ones greyed."""

    NUMBER, ORGANIZATION, STATUS, CURRENCY, TOTAL, ISSUED, VALID_UNTIL = range(7)
    DRAFT_NUMBER = DRAFT_NUMBER
    COLUMNS = (
        *number_and_organization(_column),
        _column("Status", lambda q: status_label(q.status)),
        _column("Currency", lambda q: q.currency),
        _column(
            "Total", lambda q: format_plain_amount(q.total), lambda q: q.total.minor_units, RIGHT
        ),
        _column(
            "Sent",
            lambda q: format_day(q.issue_date),
            lambda q: q.issue_date.isoformat() if q.issue_date else "",
        ),
        _column(
            "Valid until", lambda q: format_day(q.valid_until), lambda q: q.valid_until.isoformat()
        ),
    )

    def quote_at(self, row: int) -> QuoteSummary:
        """The quote shown in a row."""
        return self.record_at(row)
