"""Plain records the billing services return (never ORM rows)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...domain.billing.lines import DocumentTotals
from ...domain.money import Money


@dataclass(frozen=True)
class BillTo:
    """The buyer as printed on a document."""

    name: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    country: str
    email: str
    vat_id: str
    reference: str
    contact: str = ""


@dataclass(frozen=True)
class LineRecord:
    """A document line with its computed amounts."""

    description: str
    quantity: Decimal
    unit_price: Money
    discount: Money
    tax_rate: Decimal
    net: Money
    fee_entry_id: uuid.UUID | None
    term_id: uuid.UUID | None


@dataclass(frozen=True)
class DocumentSummary:
    """What a row of the quotes list and of the invoices list both show.

    Attributes:
        id: the document's key.
        number: its number once issued (None for a draft).
        organization_id: the organization billed.
        organization: its name.
        status: the document's status (draft, issued, paid, sent, accepted...).
        currency: ISO 4217 code of its amounts.
        total: its total including tax.
    """

    id: uuid.UUID
    number: str | None
    organization_id: uuid.UUID
    organization: str
    status: str
    currency: str
    total: Money


@dataclass(frozen=True)
class InvoiceSummary(DocumentSummary):
    """One row of the invoices list."""

    paid: Money
    credited: Money
    balance: Money
    issue_date: date | None
    due_date: date | None
    # Paid and credited beyond the total: moved to the member's credit balance.
    excess: Money | None = None


@dataclass(frozen=True)
class PaymentRecord:
    """A payment recorded against an invoice, or the reversal of one (negative amount).

    Attributes:
        recorded_by: who recorded it.
        reverses: for a reversal, the payment it cancels.
        reversed_by: for a reversed payment, its reversal.
        reason: why a reversal was made ("" otherwise).
        invoice_number: the invoice it was recorded against.
        organization: the invoice's bill-to name.
    """

    id: uuid.UUID
    paid_on: date
    amount: Money
    method: str
    reference: str
    recorded_by: str = ""
    reverses: uuid.UUID | None = None
    reversed_by: uuid.UUID | None = None
    reason: str = ""
    invoice_number: str = ""
    organization: str = ""

    @property
    def short_id(self) -> str:
        """The last 8 hex digits of the id: enough to name a payment on the command line.

        The last, not the first: keys begin with the time they were made (UUID7), so
        payments recorded the same day share their first digits.
        """
        return self.id.hex[-8:]


@dataclass(frozen=True)
class CreditNoteSummary:
    """A credit note and the invoice it corrects."""

    id: uuid.UUID
    number: str
    invoice_id: uuid.UUID
    invoice_number: str
    organization: str
    issue_date: date
    reason: str
    total: Money


@dataclass(frozen=True)
class InvoiceDetails:
    """Everything about one invoice."""

    summary: InvoiceSummary
    bill_to: BillTo
    exchange_rate_to_usd: Decimal | None
    notes: str
    payment_terms_days: int | None
    renewal_year: int | None
    quote_id: uuid.UUID | None
    lines: tuple[LineRecord, ...]
    totals: DocumentTotals
    payments: tuple[PaymentRecord, ...]
    credit_notes: tuple[CreditNoteSummary, ...]
    pdf_sha256: str | None


@dataclass(frozen=True)
class QuoteSummary(DocumentSummary):
    """One row of the quotes list."""

    issue_date: date | None
    valid_until: date


@dataclass(frozen=True)
class QuoteDetails:
    """Everything about one quote."""

    summary: QuoteSummary
    bill_to: BillTo
    notes: str
    member_discount_percent: Decimal
    lines: tuple[LineRecord, ...]
    totals: DocumentTotals


@dataclass(frozen=True)
class CreditBalance:
    """What a member has to its credit in one currency (credit notes, overpayments)."""

    organization_id: uuid.UUID
    organization: str
    amount: Money


@dataclass(frozen=True)
class RefundRecord:
    """Money paid back to a member out of its credit balance."""

    id: uuid.UUID
    organization_id: uuid.UUID
    refunded_on: date
    amount: Money
    method: str
    reference: str
    recorded_by: str
