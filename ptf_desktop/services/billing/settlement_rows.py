"""Keeping an invoice's paid and credited sums and its stored status in step."""

from __future__ import annotations

from ...domain.billing.settlement import Settlement
from ...domain.billing.statuses import invoice_status
from ...persistence.models.billing import Invoice
from .invoice_records import money


def settlement_of(invoice: Invoice) -> Settlement:
    """Total, payments and credit notes of an invoice."""
    c = invoice.currency
    return Settlement(
        total=money(invoice.total_minor, c),
        paid=money(invoice.paid_minor, c),
        credited=money(invoice.credited_minor, c),
    )


def refresh_stored_status(invoice: Invoice) -> None:
    """Store the status that follows from the money (overdue is derived when read)."""
    settlement = settlement_of(invoice)
    status = invoice_status(
        issued=invoice.number is not None,
        total=settlement.total,
        paid=settlement.paid,
        credited=settlement.credited,
        due_date=None,
        today=invoice.issue_date or invoice.created_at.date(),
    ).value
    if invoice.status != status:
        invoice.status = status
