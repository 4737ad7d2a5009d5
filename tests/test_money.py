"""Money: Decimal amounts in a currency, integer minor units, one rounding rule."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptf_desktop.domain.money import Money, round_half_up


def test_amounts_are_rounded_half_up_to_the_minor_unit() -> None:
    assert Money(Decimal("0.005"), "USD").amount == Decimal("0.01")
    assert Money(Decimal("2.675"), "USD").amount == Decimal("2.68")  # a float would say 2.67
    assert Money(Decimal("-0.005"), "USD").amount == Decimal("-0.01")
    assert Money(Decimal("1234.5"), "JPY").amount == Decimal("1235")


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="never a float"):
        Money(150000.0, "USD")  # type: ignore[arg-type]


def test_minor_units_round_trip() -> None:
    fee = Money(Decimal("150000.00"), "USD")
    assert fee.minor_units == 15_000_000
    assert Money.from_minor_units(15_000_000, "USD") == fee
    assert Money.from_minor_units(1500, "JPY").amount == Decimal("1500")


def test_currencies_do_not_mix() -> None:
    with pytest.raises(ValueError, match="USD and EUR"):
        Money(Decimal(1), "USD") + Money(Decimal(1), "EUR")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_minor_units_are_exact_for_any_amount(units: int) -> None:
    assert Money.from_minor_units(units, "USD").minor_units == units


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4))
def test_sum_then_round_differs_from_round_then_sum_by_at_most_a_cent(amount: Decimal) -> None:
    rounded = round_half_up(amount, "USD")
    assert abs(rounded - amount) <= Decimal("0.005")
