"""Keeping an invoice's paid and credited sums and its stored status in step."""

from __future__ import annotations

from ...domain.billing.settlement import Settlement
from ...domain.billing.statuses import invoice_status
from ...persistence.models.billing import Invoice


def settlement_of(invoice: Invoice) -> Settlement:
    """Total, payments and credit notes of an invoice."""
    return Settlement(total=invoice.total, paid=invoice.paid, credited=invoice.credited)


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
