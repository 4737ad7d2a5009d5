"""How the billing pages write amounts, dates and statuses for people."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale

from ....domain.money import Money, minor_unit_digits


def format_decimal(amount: Decimal, digits: int) -> str:
    """A Decimal with the locale's group and decimal separators, never through a float."""
    locale = QLocale()
    quantized = amount.quantize(Decimal(1).scaleb(-digits)) if digits else amount.quantize(1)
    sign = "-" if quantized < 0 else ""
    whole, _, fraction = f"{abs(quantized):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = locale.groupSeparator().join(groups)
    if fraction:
        text += locale.decimalPoint() + fraction
    return sign + text


def format_money(money: Money) -> str:
    """``USD 1,234.50`` in the user's locale."""
    return f"{money.currency} {format_decimal(money.amount, minor_unit_digits(money.currency))}"


def format_plain_amount(money: Money) -> str:
    """``1,234.50``: the amount without its currency (for columns that show the currency)."""
    return format_decimal(money.amount, minor_unit_digits(money.currency))


def format_day(day: date | None) -> str:
    """A date as the locale writes it briefly; empty for none."""
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def day_of(value: QDate) -> date:
    """The date a date editor shows."""
    return date(value.year(), value.month(), value.day())


def status_label(status: str) -> str:
    """A status as people read it: "partially paid" -> "Partially paid"."""
    return status[:1].upper() + status[1:]
