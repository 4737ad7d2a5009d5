"""Money on the ORM rows: one descriptor over an integer minor-units column and a currency.

The database keeps money as integer minor units (``total_minor``) beside an ISO currency
column, so the schema, the bulk writer, the sync engine and the server's SQL see plain
integers. The models expose each such pair once more as a :class:`MoneyColumn`
(``invoice.total``), which reads and writes :class:`~ptf_desktop.domain.money.Money`
with the currency's own exponent (JPY has no decimals, KWD three). Services use these
instead of converting minor units by hand; SQL sums of the integer columns become Money
through :func:`stored_money`.
"""

from __future__ import annotations

from typing import Any, overload

from ..domain.money import Money


def stored_money(units: int | None, currency: str) -> Money:
    """Money from stored minor units or an SQL sum of them (NULL, an empty sum, is zero)."""
    return Money.from_minor_units(int(units or 0), currency)


class MoneyColumn:
    """Money read from and written to a minor-units column and the row's currency column.

    Only a plain Python descriptor, not a mapped property: the mapper, the schema and every
    query see the integer column alone. Writing a value in a currency other than the
    row's is a bug and raises ``ValueError``; a row without a currency yet takes the value's.
    """

    def __init__(self, units_attribute: str, currency_attribute: str = "currency") -> None:
        """Name the integer column (``"total_minor"``) and the currency column beside it."""
        self.units_attribute = units_attribute
        self.currency_attribute = currency_attribute

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> MoneyColumn: ...

    @overload
    def __get__(self, instance: object, owner: type[Any]) -> Money: ...

    def __get__(self, instance: object | None, owner: type[Any]) -> MoneyColumn | Money:
        if instance is None:
            return self
        units = getattr(instance, self.units_attribute)
        return stored_money(units, getattr(instance, self.currency_attribute))

    def __set__(self, instance: object, value: Money) -> None:
        currency = getattr(instance, self.currency_attribute)
        if currency is None:
            setattr(instance, self.currency_attribute, value.currency)
        elif currency != value.currency:
            raise ValueError(f"cannot store {value.currency} money on a {currency} row")
        units = value.minor_units
        # Only a real change is written, so the audit trail records no empty edits.
        if getattr(instance, self.units_attribute) != units:
            setattr(instance, self.units_attribute, units)
