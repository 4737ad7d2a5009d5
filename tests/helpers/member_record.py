"""A member with a contact, invoices, a payment, a credit note, a quote and a certificate."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.drafts import DraftLineSpec
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.payment_service import PaymentService
from ptf_desktop.services.billing.quote_service import QuoteService, QuoteSpec

from .billing import configure_seller, membership_spec, usd
from .certificates import ISSUE_DAY, add_member, configure_signatory

DAY = date(2027, 1, 10)


@dataclass(frozen=True)
class MemberRecord:
    organization_id: uuid.UUID
    invoice_number: str
    draft_id: uuid.UUID
    credit_note_number: str
    quote_number: str
    certificate_number: str


def full_member(context: Any, name: str, contact: str = 'Ünal "Quoted" <Primary>') -> MemberRecord:
    """A member billed 1,000 (300 paid, 200 credited: 500 owed), a draft, a quote, a certificate."""
    configure_signatory(context)
    configure_seller(context)
    organization, term = add_member(context, name)
    context.organizations.add_contact(
        organization, {"name": contact, "email": "unal@example.com", "roles": ["primary"]}
    )
    invoices = InvoiceService(context.factories, context.pdf_renderer, today=lambda: DAY)
    invoice_id = invoices.create_draft(membership_spec(organization, "1000"))
    number = invoices.issue(invoice_id, date(2027, 1, 4)).number
    assert number is not None
    draft_id = invoices.create_draft(membership_spec(organization, "250"))
    PaymentService(context.factories, today=lambda: DAY).record(number, "300", date(2027, 1, 5))
    note = CreditNoteService(context.factories, context.pdf_renderer, today=lambda: DAY).create(
        number, "Band", "200"
    )
    quotes = QuoteService(context.factories, context.pdf_renderer, today=lambda: DAY)
    line = DraftLineSpec(description="Workshop", quantity=Decimal(1), unit_price=usd("90"))
    quote_id = quotes.create_draft(QuoteSpec(organization, "USD", date(2027, 3, 1), (line,)))
    quote_number = quotes.send(quote_id, DAY).number
    assert quote_number is not None
    certificate = context.certificates.issue(term, on=ISSUE_DAY)
    return MemberRecord(
        organization, number, draft_id, note.number, quote_number, certificate.number
    )
