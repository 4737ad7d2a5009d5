"""How the billing pages write amounts, dates and statuses for people."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

# Amounts and dates are written as everywhere else (``domain.formatting``): ISO dates,
# "USD 1,234.50", the same in every locale.
from ....domain.formatting import format_amount as format_plain_amount
from ....domain.formatting import format_date as format_day
from ....domain.formatting import format_money

__all__ = ["day_of", "format_day", "format_money", "format_plain_amount", "status_label"]


def day_of(value: QDate) -> date:
    """The date a date editor shows."""
    return date(value.year(), value.month(), value.day())


def status_label(status: str) -> str:
    """A status as people read it: "partially paid" -> "Partially paid"."""
    return status[:1].upper() + status[1:]
