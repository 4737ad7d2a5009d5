"""Amounts, numbers and dates are written one way on screens, in e-mails and documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ptf_desktop.documents import layout
from ptf_desktop.domain.formatting import (
    format_amount,
    format_amounts,
    format_count,
    format_date,
    format_decimal,
    format_money,
    format_quantity,
    format_rate,
    plain_amount,
)
from ptf_desktop.domain.money import Money


@pytest.mark.parametrize(
    ("money", "written"),
    [
        (Money(Decimal("1234.5"), "USD"), "USD 1,234.50"),
        (Money(Decimal("-1234567.89"), "EUR"), "EUR -1,234,567.89"),
        (Money(Decimal("0"), "USD"), "USD 0.00"),
        (Money(Decimal("1500"), "JPY"), "JPY 1,500"),  # no minor unit
        (Money(Decimal("1.234"), "BHD"), "BHD 1.234"),  # three digits
        (Money(Decimal("999.99"), "USD"), "USD 999.99"),
    ],
)
def test_money_is_the_currency_code_and_a_grouped_amount(money: Money, written: str) -> None:
    assert format_money(money) == written


def test_a_negated_zero_is_never_minus_zero_and_credits_print_negative() -> None:
    assert format_amount(Money(Decimal("0"), "USD"), negative=True) == "0.00"
    assert format_money(Money(Decimal("100"), "USD"), negative=True) == "USD -100.00"
    assert format_decimal(Decimal("-0.001"), 2) == "0.00"


def test_machine_readable_amounts_have_no_grouping() -> None:
    assert plain_amount(Money(Decimal("35000"), "USD")) == "35000.00"
    assert plain_amount(Money(Decimal("-1500"), "JPY")) == "-1500"


def test_no_money_is_an_empty_cell() -> None:
    assert format_money(None) == ""


def test_numbers_quantities_and_rates() -> None:
    assert format_count(1234567) == "1,234,567"
    assert (format_quantity(Decimal("2.50")), format_quantity(Decimal("3"))) == ("2.5", "3")
    assert (format_rate(Decimal("19.00")), format_rate(Decimal("0"))) == ("19%", "0%")
    assert format_quantity(Decimal("1E+1")) == "10"  # never an exponent


def test_dates_are_iso_and_none_is_empty() -> None:
    # 7 December 2026 is "12/7/26" in the US and "07.12.26" in Germany; ISO is neither.
    assert format_date(date(2026, 12, 7)) == "2026-12-07"
    assert format_date(None) == ""


def test_documents_write_amounts_and_dates_with_the_same_functions() -> None:
    assert layout.format_money is format_money and layout.format_date is format_date
    assert layout.format_amount is format_amount


def test_screens_use_the_same_functions() -> None:
    from ptf_desktop.ui.pages.billing import display as billing
    from ptf_desktop.ui.pages.renewals import display as renewals

    assert billing.format_money is renewals.format_money is format_money
    assert billing.format_day is renewals.format_date is format_date


def test_amounts_in_several_currencies_and_none_is_a_zero_in_the_foundations_currency() -> None:
    amounts = (Money(Decimal("300"), "EUR"), Money(Decimal("1250"), "USD"))
    assert format_amounts(amounts, "USD") == "EUR 300.00 + USD 1,250.00"
    assert format_amounts((), "USD") == "USD 0.00"
    assert format_amounts((), "JPY") == "JPY 0"
