"""How the Renewals area writes amounts and dates for people."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTableView

from ....domain.money import Money, minor_unit_digits


def format_money(money: Money | None) -> str:
    """An amount with the locale's digit grouping and decimal point: "USD 45,000.00"."""
    if money is None:
        return ""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    digits = minor_unit_digits(money.currency)
    sign = "-" if money.amount < 0 else ""
    units = abs(money.minor_units)
    whole, cents = divmod(units, 10**digits)
    text = locale.toString(whole)
    if digits:
        text += locale.decimalPoint() + str(cents).zfill(digits)
    return f"{money.currency} {sign}{text}"


def format_date(day: date | None) -> str:
    """A date as ISO (unambiguous for a team across countries); "" for none."""
    return day.isoformat() if day else ""


# A column sized to its longest name would push every other column off screen.
MAX_COLUMN_WIDTH = 320


def fit_columns(table: QTableView) -> None:
    """Size columns to their contents, none wider than MAX_COLUMN_WIDTH (text is elided)."""
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        if table.columnWidth(column) > MAX_COLUMN_WIDTH:
            table.setColumnWidth(column, MAX_COLUMN_WIDTH)
