"""How amounts, numbers and dates are written for people, on screens, in e-mails and documents.

One way everywhere, the same in every locale, so that a team across countries reads
every figure the same: ``USD 1,234.50`` (the ISO currency code, a comma between groups
of three digits, a point before the minor unit's digits) and ISO 8601 dates
(``2027-01-04``), which no reader takes for another day. Amounts go through
``Decimal``, never a float. Machine-readable output (the command line's ``--json``, CSV)
uses ``plain_amount``: no grouping.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from .money import Money, minor_unit_digits


def format_decimal(amount: Decimal, digits: int) -> str:
    """``-1,234.50``: grouped by three with commas, rounded to ``digits`` places."""
    quantized = amount.quantize(Decimal(1).scaleb(-digits))
    if quantized == 0:
        quantized = abs(quantized)  # never "-0.00"
    return f"{quantized:,.{digits}f}"


def format_amount(money: Money, *, negative: bool = False) -> str:
    """``1,234.50`` (``-1,234.50`` when ``negative``): no currency, the minor unit's digits."""
    amount = -money.amount if negative else money.amount
    return format_decimal(amount, minor_unit_digits(money.currency))


def format_money(money: Money | None, *, negative: bool = False) -> str:
    """``USD 1,234.50``: the ISO currency code and the amount; "" for none."""
    if money is None:
        return ""
    return f"{money.currency} {format_amount(money, negative=negative)}"


def format_amounts(amounts: Iterable[Money], currency: str) -> str:
    """``USD 1,250.00 + EUR 300.00``: amounts in several currencies; ``USD 0.00`` for none.

    An empty total is a zero in ``currency`` (the foundation's), never a word: a figure
    column or tile reads the same whether or not anything was invoiced yet.
    """
    written = " + ".join(format_money(money) for money in amounts)
    return written or format_money(Money(Decimal(0), currency))


def plain_amount(money: Money) -> str:
    """``1234.50``: the amount with the minor unit's digits and no grouping, for machines."""
    digits = minor_unit_digits(money.currency)
    return f"{money.amount:.{digits}f}"


def format_count(count: int) -> str:
    """``12,345``: a whole number grouped by three."""
    return f"{count:,}"


def format_quantity(quantity: Decimal) -> str:
    """``3``, ``2.5``: no trailing zeros, no exponent."""
    return f"{quantity.normalize():f}"


def format_rate(rate: Decimal) -> str:
    """``19%``, ``7.5%``, ``0%``."""
    return f"{format_quantity(rate) if rate else '0'}%"


def format_date(day: date | None) -> str:
    """ISO 8601 (``2027-01-04``), unambiguous in every country; "" for none."""
    return day.isoformat() if day else ""
