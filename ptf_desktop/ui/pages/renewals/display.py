"""How the Renewals area writes amounts and dates for people."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

# Amounts and dates are written as everywhere else (``domain.formatting``).
from ....domain.formatting import format_date, format_money

__all__ = ["fit_columns", "format_date", "format_money"]

# A column sized to its longest name would push every other column off screen.
MAX_COLUMN_WIDTH = 320


def fit_columns(table: QTableView) -> None:
    """Size columns to their contents, none wider than MAX_COLUMN_WIDTH (text is elided)."""
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        if table.columnWidth(column) > MAX_COLUMN_WIDTH:
            table.setColumnWidth(column, MAX_COLUMN_WIDTH)
