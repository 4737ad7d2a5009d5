"""Line arithmetic of quotes, invoices and credit notes, and the totals per tax rate.

A line amount is ``quantity x unit price`` rounded once to the minor unit, less the
line's discount. Tax is computed per rate on the sum of the line amounts at that rate
(as EN 16931 does), so the tax breakdown, the net and the total always add up exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import MAX_WHOLE_DIGITS, POINT_FORMAT, NumberFormat, parse_amount
from ..errors import ValidationError
from ..money import Money, round_half_up

MAX_QUANTITY = Decimal("1000000")
MAX_TAX_RATE = Decimal("100")
# Quantities and tax rates keep at most this many decimals (EN 16931 allows 4 and 2).
QUANTITY_PLACES = 4
TAX_RATE_PLACES = 2


@dataclass(frozen=True)
class LineInput:
    """One line as entered: what is sold, how many, at what price, less what, taxed how.

    Attributes:
        description: what the line is for (e.g. "General membership, 2027-01-01 to 2027-12-31").
        quantity: how many units, > 0.
        unit_price: price of one unit.
        discount: amount taken off the line (same currency, at most the line's gross).
        tax_rate: percent, 0 for none.
    """

    description: str
    quantity: Decimal
    unit_price: Money
    discount: Money
    tax_rate: Decimal = Decimal(0)


@dataclass(frozen=True)
class LineAmounts:
    """The computed amounts of one line: gross (quantity x price), discount and net."""

    gross: Money
    discount: Money
    net: Money


@dataclass(frozen=True)
class TaxBreakdown:
    """The taxable base and tax at one rate."""

    rate: Decimal
    base: Money
    tax: Money


@dataclass(frozen=True)
class DocumentTotals:
    """Net, tax and total of a document, with the tax per rate and each line's amounts."""

    currency: str
    lines: tuple[LineAmounts, ...]
    taxes: tuple[TaxBreakdown, ...]
    net: Money
    tax: Money
    total: Money


def parse_decimal(raw: object, what: str, fmt: NumberFormat = POINT_FORMAT) -> Decimal:
    """Read a decimal number typed by a person ("1,234.50" in ``fmt``); floats are refused.

    Text is read by ``parse_amount``: an ambiguous one ("1,25") is refused, never guessed.

    Raises:
        ValueError: not a finite number, or not clearly one, with a message naming ``what``.
    """
    if isinstance(raw, float):
        raise TypeError("amounts are never floats")
    value = Decimal(raw) if isinstance(raw, Decimal | int) else parse_amount(str(raw), what, fmt)
    if not value.is_finite():
        raise ValueError(f"{what} must be a number.")
    if value and value.adjusted() >= MAX_WHOLE_DIGITS:
        raise ValueError(f"{what} is too large: at most {MAX_WHOLE_DIGITS} whole digits.")
    return value


def line_amounts(line: LineInput) -> LineAmounts:
    """Compute one line's gross, discount and net (the rounding happens in Money)."""
    gross = Money(line.quantity * line.unit_price.amount, line.unit_price.currency)
    return LineAmounts(gross=gross, discount=line.discount, net=gross - line.discount)


def validate_line(line: LineInput, currency: str) -> LineInput:
    """Check one line against the rules and return it with normalised numbers.

    Raises:
        ValidationError: per field (description, quantity, unit_price, discount, tax_rate).
    """
    errors: dict[str, str] = {}
    description = line.description.strip()
    if not description:
        errors["description"] = "The description is required."
    elif len(description) > 500:
        errors["description"] = "The description is at most 500 characters."
    quantity = line.quantity
    if quantity <= 0 or quantity > MAX_QUANTITY:
        errors["quantity"] = f"The quantity must be more than 0 and at most {MAX_QUANTITY:,}."
    elif quantity != quantity.quantize(Decimal(1).scaleb(-QUANTITY_PLACES)):
        errors["quantity"] = f"The quantity has at most {QUANTITY_PLACES} decimals."
    for name, money in (("unit_price", line.unit_price), ("discount", line.discount)):
        if money.currency != currency:
            errors[name] = f"Amounts on this document are in {currency}, not {money.currency}."
        elif money.amount < 0:
            errors[name] = "Amounts cannot be negative; use a credit note to give money back."
    rate = line.tax_rate
    if rate < 0 or rate > MAX_TAX_RATE:
        errors["tax_rate"] = "The tax rate is a percentage between 0 and 100."
    elif rate != rate.quantize(Decimal(1).scaleb(-TAX_RATE_PLACES)):
        errors["tax_rate"] = f"The tax rate has at most {TAX_RATE_PLACES} decimals."
    if not errors and line.discount.amount > line_amounts(line).gross.amount:
        errors["discount"] = "The discount cannot be more than quantity times unit price."
    if errors:
        raise ValidationError(errors)
    return LineInput(description, quantity.normalize(), line.unit_price, line.discount, rate)


def document_totals(lines: Sequence[LineInput], currency: str) -> DocumentTotals:
    """Totals of a document: net per line, tax per rate on the summed bases, net + tax.

    Args:
        lines: the document's lines (already validated), all in ``currency``.
        currency: the document's currency.
    """
    amounts = tuple(line_amounts(line) for line in lines)
    zero = Money(Decimal(0), currency)
    bases: dict[Decimal, Money] = {}
    for line, amount in zip(lines, amounts, strict=True):
        rate = line.tax_rate.normalize() if line.tax_rate else Decimal(0)
        bases[rate] = bases.get(rate, zero) + amount.net
    taxes = tuple(
        TaxBreakdown(rate=rate, base=base, tax=tax_on(base, rate))
        for rate, base in sorted(bases.items())
    )
    net = _sum((a.net for a in amounts), zero)
    tax = _sum((t.tax for t in taxes), zero)
    return DocumentTotals(currency, amounts, taxes, net, tax, net + tax)


def tax_on(base: Money, rate: Decimal) -> Money:
    """Tax at ``rate`` percent on a base, rounded half-up to the minor unit."""
    return Money(round_half_up(base.amount * rate / 100, base.currency), base.currency)


def percent_of(amount: Money, percent: Decimal) -> Money:
    """A percentage of an amount (e.g. a member discount), rounded to the minor unit."""
    return Money(amount.amount * percent / 100, amount.currency)


def _sum(values: Iterable[Money], start: Money) -> Money:
    total = start
    for value in values:
        total = total + value
    return total
