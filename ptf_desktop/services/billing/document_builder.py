"""Building the printable document of an invoice, quote or credit note from the database.

The services hand these dataclasses of :mod:`ptf_desktop.documents.model` straight to a
``PdfRenderer``; the renderer never sees the database. A draft invoice prints as a
preview numbered "DRAFT" and dated the day it is previewed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...documents.model import (
    BankDetails,
    CreditNoteDocument,
    DocumentLine,
    InvoiceDocument,
    Party,
    QuoteDocument,
    TaxSummary,
)
from ...domain.billing.lines import DocumentTotals, line_amounts
from ...domain.billing.tax_settings import DocumentSettings, tax_note
from ...domain.foundation_settings import FoundationSettings
from ...domain.postal import postal_fields
from ...domain.records import record_from
from ...persistence.models import SETTINGS_ROW_ID, FoundationSettingsRow, MembershipTerm
from ...persistence.models.billing import CreditNote, Invoice, Quote
from .invoice_records import invoice_lines
from .line_rows import StoredLine, document_settings, line_input, totals_of

DRAFT_NUMBER = "DRAFT"


def foundation_settings(session: Session) -> FoundationSettings:
    """The foundation settings read inside the caller's transaction."""
    row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
    if row is None:
        return FoundationSettings()
    return record_from(FoundationSettings, row)


def invoice_document(session: Session, invoice: Invoice, today: date) -> InvoiceDocument:
    """The printable invoice (a draft prints as a preview dated today)."""
    rows = invoice_lines(session, invoice.id)
    c = invoice.currency
    totals = totals_of(rows, c)
    settings = document_settings(session)
    seller = foundation_settings(session)
    # A draft previews with the terms it would be issued with today.
    issue_date = invoice.issue_date or today
    terms = invoice.payment_terms_days
    if terms is None:
        terms = seller.payment_terms_days
    note = tax_note(settings, invoice.buyer_vat_id, has_zero_rate(totals))
    number = invoice.number or DRAFT_NUMBER
    paid = invoice.paid
    has_paid = paid.amount > 0
    return InvoiceDocument(
        **_common(session, invoice, seller, rows, totals, note),
        number=number,
        issue_date=issue_date,
        notes=invoice.notes,
        due_date=invoice.due_date or issue_date + timedelta(days=terms),
        terms=f"Net {terms}" if terms else "Due now",
        bank=_bank(seller),
        amount_paid=paid if has_paid else None,
        balance_due=(totals.total - paid - invoice.credited) if has_paid else None,
        reverse_charge=_is_reverse_charge(settings, note),
        remittance_note=f"Please quote the invoice number {number} with your payment.",
        is_draft=invoice.number is None,
        facturx=settings.facturx_enabled,
    )


def quote_document(
    session: Session, quote: Quote, rows: list[StoredLine], today: date
) -> QuoteDocument:
    """The printable quote (a draft is dated today)."""
    totals = totals_of(rows, quote.currency)
    note = tax_note(document_settings(session), quote.buyer_vat_id, has_zero_rate(totals))
    return QuoteDocument(
        **_common(session, quote, foundation_settings(session), rows, totals, note),
        number=quote.number or DRAFT_NUMBER,
        issue_date=quote.issue_date or today,
        notes=quote.notes,
        valid_until=quote.valid_until,
    )


def credit_note_document(
    session: Session, note: CreditNote, invoice: Invoice, rows: list[StoredLine]
) -> CreditNoteDocument:
    """The printable credit note (amounts positive; the renderer shows them as credits)."""
    totals = totals_of(rows, note.currency)
    settings = document_settings(session)
    wording = tax_note(settings, invoice.buyer_vat_id, has_zero_rate(totals))
    assert invoice.number is not None and invoice.issue_date is not None
    return CreditNoteDocument(
        **_common(session, invoice, foundation_settings(session), rows, totals, wording),
        number=note.number,
        issue_date=note.issue_date,
        corrected_invoice=invoice.number,
        corrected_invoice_date=invoice.issue_date,
        reason=note.reason,
        facturx=settings.facturx_enabled,
    )


def has_zero_rate(totals: DocumentTotals) -> bool:
    """Whether any line of the document is taxed at 0% (it then needs a reason)."""
    return any(tax.rate == 0 for tax in totals.taxes)


def billing_period(session: Session, rows: Sequence[StoredLine]) -> tuple[date, date] | None:
    """The membership terms the lines bill, first start to last end (None: no term)."""
    term_ids = {row.term_id for row in rows if row.term_id is not None}
    if not term_ids:
        return None
    first, last = session.execute(
        select(func.min(MembershipTerm.start_date), func.max(MembershipTerm.end_date)).where(
            MembershipTerm.id.in_(term_ids)
        )
    ).one()
    return (first, last) if first is not None and last is not None else None


def _common(
    session: Session,
    billed: Invoice | Quote,
    seller: FoundationSettings,
    rows: Sequence[StoredLine],
    totals: DocumentTotals,
    note: str,
) -> dict[str, Any]:
    """The fields every document has; ``billed`` is the quote or invoice naming the buyer."""
    c = totals.total.currency
    return {
        "currency": c,
        "seller": _seller(seller),
        "buyer": _buyer(billed),
        "lines": _lines(rows, c),
        "tax_summaries": tuple(
            TaxSummary(rate=tax.rate, base=tax.base, tax=tax.tax) for tax in totals.taxes
        ),
        "net_total": totals.net,
        "tax_total": totals.tax,
        "total": totals.total,
        "buyer_reference": billed.buyer_reference,
        "tax_note": note,
        "billing_period": billing_period(session, rows),
    }


def _lines(rows: Sequence[StoredLine], currency: str) -> tuple[DocumentLine, ...]:
    lines = []
    for row in sorted(rows, key=lambda r: r.position):
        line = line_input(row, currency)
        lines.append(record_from(DocumentLine, line, amount=line_amounts(line).net))
    return tuple(lines)


def _seller(settings: FoundationSettings) -> Party:
    return Party(
        legal_name=settings.legal_name,
        **postal_fields(settings),
        tax_id=settings.tax_id,
        email=settings.billing_email,
    )


def _buyer(billed: Invoice | Quote) -> Party:
    return Party(
        legal_name=billed.bill_to_name,
        **postal_fields(billed, "bill_to_"),
        tax_id=billed.buyer_vat_id,
        email=billed.bill_to_email,
        contact_name=billed.bill_to_contact,
    )


def _bank(seller: FoundationSettings) -> BankDetails:
    # The account holder is left "": the document prints the seller's name then.
    return record_from(BankDetails, seller, account_holder="", account_number=seller.bank_account)


def _is_reverse_charge(settings: DocumentSettings, note: str) -> bool:
    return (
        bool(note) and settings.reverse_charge_enabled and note == settings.reverse_charge_wording
    )
