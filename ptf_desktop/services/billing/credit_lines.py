"""The lines of a credit note: the invoice's own lines for a full credit, one line otherwise."""

from __future__ import annotations

import uuid
from decimal import Decimal

from ...domain.billing.lines import LineInput, tax_on
from ...domain.billing.settlement import CreditRefused
from ...domain.money import Money
from ...persistence.models.billing import Invoice, InvoiceLine
from .amounts import zero
from .line_rows import line_input

CreditLine = tuple[LineInput, uuid.UUID | None, uuid.UUID | None]


def credit_lines(
    invoice: Invoice, rows: list[InvoiceLine], amount: Money, reason: str
) -> list[CreditLine]:
    """Lines whose total (net + tax) is exactly ``amount``.

    A first credit of the whole invoice repeats its lines, so the credit note mirrors
    the invoice. Anything else is one line at the invoice's tax rate, split into net and
    tax so that they add up to the amount.

    Raises:
        CreditRefused: a partial credit of an invoice with several tax rates, or an amount
            that no net amount plus its tax can make exactly.
    """
    currency = invoice.currency
    if invoice.credited.amount == 0 and amount == invoice.total:
        return [(line_input(row, currency), row.fee_entry_id, row.term_id) for row in rows]
    rates = sorted({Decimal(row.tax_rate) for row in rows})
    if len(rates) != 1:
        raise CreditRefused(
            f"Invoice {invoice.number} has lines at several tax rates; credit it in full "
            "and issue a corrected invoice instead of a partial credit note."
        )
    rate = rates[0]
    net = _net_for_gross(amount, rate)
    if net is None:
        raise CreditRefused(
            f"{amount.currency} {amount.amount} cannot be split exactly into an amount and its "
            f"{rate}% tax; try one minor unit more or less."
        )
    description = f"Credit on invoice {invoice.number}: {reason}"
    if len(description) > 500:
        description = description[:499] + "…"
    line = LineInput(description, Decimal(1), net, zero(currency), rate)
    return [(line, None, None)]


def _net_for_gross(gross: Money, rate: Decimal) -> Money | None:
    """The net amount whose net + tax at ``rate`` is exactly ``gross``, if there is one."""
    if rate == 0:
        return gross
    estimate = Money(gross.amount * 100 / (100 + rate), gross.currency)
    unit = Money.from_minor_units(1, gross.currency)
    candidate = estimate - unit - unit
    for _ in range(5):
        if candidate + tax_on(candidate, rate) == gross:
            return candidate
        candidate = candidate + unit
    return None
