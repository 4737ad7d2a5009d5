"""Billing arithmetic: lines, tax per rate, payments and credit notes always add up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptf_desktop.domain.billing.lines import (
    LineInput,
    document_totals,
    line_amounts,
    parse_decimal,
    validate_line,
)
from ptf_desktop.domain.billing.settlement import (
    CreditRefused,
    PaymentRefused,
    Settlement,
    check_credit,
    check_payment,
)
from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.domain.money import Money

CURRENCIES = st.sampled_from(["USD", "EUR", "JPY", "KWD"])


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


@st.composite
def lines_in(draw: st.DrawFn, currency: str) -> LineInput:
    digits = {"JPY": 0, "KWD": 3}.get(currency, 2)
    price = Money(
        Decimal(draw(st.integers(0, 10**9))).scaleb(-digits), currency
    )  # up to 10 million
    quantity = Decimal(draw(st.integers(1, 10**6))).scaleb(-draw(st.integers(0, 4)))
    gross = line_amounts(LineInput("x", quantity, price, Money(Decimal(0), currency))).gross
    discount_units = draw(st.integers(0, max(gross.minor_units, 0)))
    discount = Money.from_minor_units(discount_units, currency)
    rate = Decimal(draw(st.sampled_from([0, 0, 5, 7, 19, 20, 2150]))).scaleb(
        -2 if draw(st.booleans()) else 0
    )
    if rate > 100:
        rate = Decimal("21.5")
    return validate_line(LineInput("line", quantity, price, discount, rate), currency)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[LineInput]]:
    currency = draw(CURRENCIES)
    return currency, draw(st.lists(lines_in(currency), min_size=0, max_size=12))


@settings(max_examples=300, deadline=None)
@given(documents())
def test_lines_tax_and_totals_always_add_up(document: tuple[str, list[LineInput]]) -> None:
    currency, lines = document
    totals = document_totals(lines, currency)

    assert sum((a.net.amount for a in totals.lines), Decimal(0)) == totals.net.amount
    assert sum((t.base.amount for t in totals.taxes), Decimal(0)) == totals.net.amount
    assert sum((t.tax.amount for t in totals.taxes), Decimal(0)) == totals.tax.amount
    assert totals.net + totals.tax == totals.total
    for line, amounts in zip(lines, totals.lines, strict=True):
        assert amounts.gross - amounts.discount == amounts.net
        assert amounts.net.amount >= 0
        # The one rounding: quantity x price to the minor unit, never a float on the way.
        assert abs(amounts.gross.amount - line.quantity * line.unit_price.amount) <= Decimal(
            "0.5"
        ) * Decimal(1).scaleb(-{"JPY": 0, "KWD": 3}.get(currency, 2))
    rates = [t.rate for t in totals.taxes]
    assert rates == sorted(set(rates))


@settings(max_examples=300, deadline=None)
@given(
    total_units=st.integers(1, 10**10),
    steps=st.lists(st.tuples(st.sampled_from(["pay", "credit"]), st.integers(1, 10**10))),
)
def test_payments_and_credit_notes_never_exceed_what_is_owed(
    total_units: int, steps: list[tuple[str, int]]
) -> None:
    total = Money.from_minor_units(total_units, "USD")
    paid = credited = Money.from_minor_units(0, "USD")
    for kind, units in steps:
        amount = Money.from_minor_units(units, "USD")
        settlement = Settlement(total, paid, credited)
        try:
            if kind == "pay":
                check_payment(
                    "INV-2027-0001", settlement, amount, date(2027, 2, 1), date(2027, 1, 1)
                )
                paid = paid + amount
            else:
                check_credit("INV-2027-0001", settlement, amount, "correction")
                credited = credited + amount
        except (PaymentRefused, CreditRefused):
            # A refused step is refused because it would break the invariants below.
            assert (kind == "pay" and amount.amount > settlement.balance.amount) or (
                kind == "credit" and amount.amount > settlement.uncredited.amount
            )
    final = Settlement(total, paid, credited)
    assert final.paid + final.credited + final.balance == final.total
    assert credited.amount <= total.amount
    assert paid.amount <= total.amount


def test_one_line_worked_out_by_hand() -> None:
    line = validate_line(
        LineInput("Training", Decimal("3"), usd("333.335"), usd("100"), Decimal("19")), "USD"
    )
    totals = document_totals([line], "USD")
    assert line.unit_price == usd("333.34")  # Money rounds half-up on the way in
    assert totals.lines[0].gross == usd("1000.02")
    assert totals.net == usd("900.02")
    assert totals.tax == usd("171.00")  # 171.0038 rounded
    assert totals.total == usd("1071.02")


def test_tax_is_computed_per_rate_on_the_summed_bases() -> None:
    lines = [
        validate_line(LineInput(f"L{i}", Decimal(1), usd("0.05"), usd("0"), Decimal(10)), "USD")
        for i in range(3)
    ]
    totals = document_totals(lines, "USD")
    # Per line the tax would round 0.005 up three times (0.03); per rate it is 0.015 -> 0.02.
    assert totals.tax == usd("0.02")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"description": "  "}, "description", "required"),
        ({"quantity": Decimal(0)}, "quantity", "more than 0"),
        ({"quantity": Decimal("1.00001")}, "quantity", "at most 4 decimals"),
        ({"unit_price": Money(Decimal(5), "EUR")}, "unit_price", "in USD, not EUR"),
        ({"unit_price": usd("-5")}, "unit_price", "cannot be negative"),
        ({"discount": usd("101")}, "discount", "cannot be more than"),
        ({"tax_rate": Decimal(101)}, "tax_rate", "between 0 and 100"),
    ],
)
def test_a_bad_line_is_refused_with_a_message_per_field(
    change: dict[str, object], field: str, message: str
) -> None:
    values: dict[str, object] = {
        "description": "Training",
        "quantity": Decimal(1),
        "unit_price": usd("100"),
        "discount": usd("0"),
        "tax_rate": Decimal(0),
    }
    values.update(change)
    with pytest.raises(ValidationError) as error:
        validate_line(LineInput(**values), "USD")  # type: ignore[arg-type]
    assert message in error.value.field_errors[field]


def test_overpayment_is_refused_with_the_balance_in_the_message() -> None:
    settlement = Settlement(usd("1000"), usd("600"), usd("0"))
    with pytest.raises(
        PaymentRefused, match=r"USD 500\.00 is more than the balance due of USD 400\.00"
    ):
        check_payment("INV-2027-0007", settlement, usd("500"), date(2027, 3, 1), date(2027, 1, 1))


def test_credit_note_needs_a_reason_and_stays_within_the_uncredited_total() -> None:
    settlement = Settlement(usd("1000"), usd("0"), usd("300"))
    with pytest.raises(CreditRefused, match="needs a reason"):
        check_credit("INV-1", settlement, usd("10"), "   ")
    with pytest.raises(CreditRefused, match=r"uncredited total of USD 700\.00"):
        check_credit("INV-1", settlement, usd("700.01"), "wrong tier")
    assert check_credit("INV-1", settlement, usd("700"), " wrong tier ") == "wrong tier"


@pytest.mark.parametrize(
    ("raw", "expected"), [("1,234.50", Decimal("1234.50")), (" 7 ", Decimal(7)), (3, Decimal(3))]
)
def test_typed_numbers_are_read_as_decimals(raw: object, expected: Decimal) -> None:
    assert parse_decimal(raw, "The amount") == expected


def test_typed_numbers_that_are_not_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="must be a number, not 'abc'"):
        parse_decimal("abc", "The amount")
    with pytest.raises(ValueError, match="must be a number"):
        parse_decimal("NaN", "The amount")
    with pytest.raises(TypeError):
        parse_decimal(1.5, "The amount")
