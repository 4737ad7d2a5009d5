"""Building quote lines: fee-schedule lines from a price breakdown, free lines with a discount."""

from __future__ import annotations

from decimal import Decimal

from ...domain.billing.lines import percent_of
from ...domain.errors import ValidationError
from ...domain.money import Money
from ...domain.pricing import PriceBreakdown
from .drafts import DraftLineSpec


def lines_from_price(breakdown: PriceBreakdown) -> tuple[DraftLineSpec, ...]:
    """Quote or invoice lines for a membership price (foundation fee, then LF Silver).

    Each line keeps the fee schedule entry it was priced from.
    """
    return tuple(
        DraftLineSpec(
            description=line.description,
            quantity=Decimal(1),
            unit_price=line.amount,
            fee_entry_id=line.fee_entry_id,
        )
        for line in breakdown.lines
    )


def free_line(
    description: str,
    quantity: Decimal,
    unit_price: Money,
    member_discount_percent: Decimal = Decimal(0),
    tax_rate: Decimal | None = None,
) -> DraftLineSpec:
    """A line not from the fee schedule (event sponsorship, training), with a member discount.

    The discount is ``member_discount_percent`` of quantity x unit price, rounded to the
    minor unit, and is shown on the document as the line's discount.

    Raises:
        ValidationError: a discount percentage outside 0-100.
    """
    if not 0 <= member_discount_percent <= 100:
        raise ValidationError({"discount": "The member discount is a percentage from 0 to 100."})
    gross = Money(quantity * unit_price.amount, unit_price.currency)
    discount = percent_of(gross, member_discount_percent)
    if member_discount_percent:
        percent = f"{member_discount_percent.normalize():f}"
        description = f"{description} (member discount {percent}%)"
    return DraftLineSpec(
        description=description,
        quantity=quantity,
        unit_price=unit_price,
        discount=discount,
        tax_rate=tax_rate,
    )
