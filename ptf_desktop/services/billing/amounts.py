"""Reading an amount typed for a document in its currency, refusing what cannot be exact."""

from __future__ import annotations

from decimal import Decimal

from ...domain.billing.lines import parse_decimal
from ...domain.errors import UserError
from ...domain.money import Money, minor_unit_digits, round_half_up


def amount_in(raw: object, currency: str, what: str = "The amount") -> Money:
    """An amount as typed ("1,250.00"), in ``currency``, with no more decimals than it has.

    Raises:
        UserError: not a number, or more decimals than the currency's minor unit.
    """
    try:
        value = parse_decimal(raw, what)
    except ValueError as error:
        raise UserError(str(error)) from None
    if value != round_half_up(value, currency):
        digits = minor_unit_digits(currency)
        raise UserError(f"{what} has more than {digits} decimals, which {currency} does not have.")
    return Money(value, currency)


def zero(currency: str) -> Money:
    """Nothing, in a currency."""
    return Money(Decimal(0), currency)
