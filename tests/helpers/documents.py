"""Sample quotes, invoices and credit notes for the document tests.

Amounts are computed here the way the billing rules compute them (line = quantity x
price rounded, less discount; tax per rate on the summed bases, rounded half-up), so the
documents pass the model's own checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from ptf_desktop.documents.model import (
    BankDetails,
    CreditNoteDocument,
    DocumentLine,
    InvoiceDocument,
    Party,
    QuoteDocument,
    TaxSummary,
)
from ptf_desktop.domain.money import Money

SELLER = Party(
    legal_name="PyTorch Foundation",
    address_lines=("548 Market St, PMB 57274",),
    postal_code="94104-5401",
    city="San Francisco",
    region="CA",
    country="US",
    tax_id="87-1234567",
    email="billing@pytorch.org",
    contact_name="Member Relations",
)
BANK = BankDetails(
    bank_name="First Republic Example Bank",
    account_number="000123456789",
    aba_routing="021000021",
    iban="DE89370400440532013000",
    swift_bic="COBADEFFXXX",
)
ISSUE = dt.date(2027, 1, 4)


def buyer(name: str, *, country: str = "DE", tax_id: str = "DE136695976") -> Party:
    """A buyer with the given legal name and an address in ``country``."""
    return Party(
        legal_name=name,
        address_lines=("Hauptstraße 5 & Hof <2>",),
        postal_code="10115",
        city="Berlin",
        country=country,
        tax_id=tax_id,
        email="ap@example.com",
        contact_name="Accounts Payable",
    )


def line(
    description: str,
    quantity: str,
    price: str,
    *,
    discount: str = "0",
    rate: str = "0",
    currency: str = "USD",
) -> DocumentLine:
    """One line with its net amount computed."""
    unit = Money(Decimal(price), currency)
    off = Money(Decimal(discount), currency)
    gross = Money(Decimal(quantity) * unit.amount, currency)
    return DocumentLine(
        description=description,
        quantity=Decimal(quantity),
        unit_price=unit,
        discount=off,
        tax_rate=Decimal(rate),
        amount=gross - off,
    )


def totals(
    lines: Sequence[DocumentLine], currency: str
) -> tuple[tuple[TaxSummary, ...], Money, Money, Money]:
    """Tax summaries, net, tax and total of the lines."""
    zero = Money(Decimal(0), currency)
    bases: dict[Decimal, Money] = {}
    for item in lines:
        bases[item.tax_rate] = bases.get(item.tax_rate, zero) + item.amount
    summaries = tuple(
        TaxSummary(
            rate=rate,
            base=base,
            tax=Money(
                (base.amount * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP), currency
            ),
        )
        for rate, base in sorted(bases.items())
    )
    net = sum((s.base for s in summaries), zero)
    tax = sum((s.tax for s in summaries), zero)
    return summaries, net, tax, net + tax


def standard_lines(count: int = 3, currency: str = "USD") -> tuple[DocumentLine, ...]:
    """A membership line, a discounted training line and, beyond, numbered event lines."""
    lines = [
        line("General membership, 2027-01-01 to 2027-12-31", "1", "250000.00", currency=currency),
        line(
            "Training seats (member discount 20%)",
            "3",
            "1200.00",
            discount="720.00",
            currency=currency,
        ),
    ]
    for number in range(3, count + 1):
        lines.append(line(f"Event sponsorship item {number}", "2", "99.95", currency=currency))
    return tuple(lines[:count])


def invoice(
    buyer_name: str = "AT&T Inc.",
    *,
    lines: Sequence[DocumentLine] | None = None,
    paid: str | None = None,
    currency: str = "USD",
    reverse_charge: bool = False,
    seller: Party = SELLER,
    number: str = "INV-2027-0001",
    buyer_party: Party | None = None,
) -> InvoiceDocument:
    """An invoice to ``buyer_name``."""
    items = tuple(lines) if lines is not None else standard_lines(currency=currency)
    summaries, net, tax, total = totals(items, currency)
    amount_paid = balance = None
    if paid is not None:
        amount_paid = Money(Decimal(paid), currency)
        balance = total - amount_paid
    return InvoiceDocument(
        number=number,
        issue_date=ISSUE,
        due_date=ISSUE + dt.timedelta(days=30),
        terms="Net 30",
        currency=currency,
        seller=seller,
        buyer=buyer_party or buyer(buyer_name),
        lines=items,
        tax_summaries=summaries,
        net_total=net,
        tax_total=tax,
        total=total,
        amount_paid=amount_paid,
        balance_due=balance,
        buyer_reference="Cost centre 4711 <R&D>",
        purchase_order="PO-2027/0042",
        bank=BANK,
        tax_note=(
            "Reverse charge: VAT to be accounted for by the recipient."
            if reverse_charge
            else "No tax charged: US tax-exempt trade association."
        ),
        reverse_charge=reverse_charge,
        notes="Thank you for supporting open source AI & the PyTorch community.",
        remittance_note=f"Please quote the invoice number {number} with your payment.",
    )


def quote(
    buyer_name: str = "AT&T Inc.", *, lines: Sequence[DocumentLine] | None = None
) -> QuoteDocument:
    """A quote to ``buyer_name``."""
    items = tuple(lines) if lines is not None else standard_lines()
    summaries, net, tax, total = totals(items, "USD")
    return QuoteDocument(
        number="Q-2027-0007",
        issue_date=ISSUE,
        valid_until=ISSUE + dt.timedelta(days=60),
        currency="USD",
        seller=SELLER,
        buyer=buyer(buyer_name),
        lines=items,
        tax_summaries=summaries,
        net_total=net,
        tax_total=tax,
        total=total,
        purchase_order="",
        buyer_reference="RFQ 2027-11",
        tax_note="No tax charged: US tax-exempt trade association.",
        notes="Prices hold until the date above.",
    )


def credit_note(
    buyer_name: str = "AT&T Inc.", *, lines: Sequence[DocumentLine] | None = None
) -> CreditNoteDocument:
    """A partial credit note to ``buyer_name`` correcting INV-2027-0001."""
    items = tuple(lines) if lines is not None else standard_lines(2)[1:]
    summaries, net, tax, total = totals(items, "USD")
    return CreditNoteDocument(
        number="CN-2027-0003",
        issue_date=ISSUE + dt.timedelta(days=10),
        currency="USD",
        seller=SELLER,
        buyer=buyer(buyer_name),
        lines=items,
        tax_summaries=summaries,
        net_total=net,
        tax_total=tax,
        total=total,
        corrected_invoice="INV-2027-0001",
        corrected_invoice_date=ISSUE,
        reason="Training seats cancelled by the member.",
        tax_note="No tax charged: US tax-exempt trade association.",
    )
