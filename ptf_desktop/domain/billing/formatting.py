"""Amounts and document numbers written for people (messages, the CLI, file names)."""

from __future__ import annotations

from ..money import Money, minor_unit_digits


def format_money(money: Money) -> str:
    """``USD 1,234.50``: the currency code, thousands separators, the minor unit's digits."""
    digits = minor_unit_digits(money.currency)
    return f"{money.currency} {money.amount:,.{digits}f}"


def format_amount(money: Money) -> str:
    """``1234.50``: the plain amount with the minor unit's digits, for machine-readable output."""
    digits = minor_unit_digits(money.currency)
    return f"{money.amount:.{digits}f}"
