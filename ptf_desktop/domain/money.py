"""Money as Decimal plus an ISO 4217 currency, stored as integer minor units.

Rounding happens here and only here, half-up to the currency's minor unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 minor units that differ from 2. Everything else the foundation bills in has cents.
_MINOR_UNIT_EXCEPTIONS = {"JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "KWD": 3, "BHD": 3, "JOD": 3}


def minor_unit_digits(currency: str) -> int:
    """Return how many decimal digits the currency's minor unit has (2 for USD)."""
    return _MINOR_UNIT_EXCEPTIONS.get(currency, 2)


@dataclass(frozen=True, order=True)
class Money:
    """An exact amount in one currency.

    Attributes:
        amount: the amount, already rounded to the currency's minor unit.
        currency: ISO 4217 code such as ``"USD"``.
    """

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money needs a Decimal amount, never a float")
        object.__setattr__(self, "amount", round_half_up(self.amount, self.currency))

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> Money:
        """Build from the integer minor units stored in the database."""
        return cls(Decimal(units).scaleb(-minor_unit_digits(currency)), currency)

    @property
    def minor_units(self) -> int:
        """The amount as an integer count of minor units (cents for USD)."""
        return int(self.amount.scaleb(minor_unit_digits(self.currency)))

    def __add__(self, other: Money) -> Money:
        self._check_same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check_same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def _check_same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} and {other.currency}")


def round_half_up(amount: Decimal, currency: str) -> Decimal:
    """Round an amount half-up to the currency's minor unit: the one rounding rule of the app."""
    quantum = Decimal(1).scaleb(-minor_unit_digits(currency))
    return amount.quantize(quantum, rounding=ROUND_HALF_UP)
