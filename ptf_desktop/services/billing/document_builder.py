"""Building the document snapshot of an invoice, quote or credit note for the renderer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.billing.lines import DocumentTotals
from ...domain.billing.tax_settings import DocumentSettings, tax_note
from ...domain.foundation_settings import FIELD_NAMES, FoundationSettings
from ...domain.money import Money
from ...persistence.models import SETTINGS_ROW_ID, FoundationSettingsRow, MembershipTerm
from ...persistence.models.billing import CreditNote, Invoice, Quote
from .invoice_records import bill_to_record, invoice_lines, line_records, money
from .line_rows import StoredLine, document_settings, totals_of
from .rendering import BillingDocument


def foundation_settings(session: Session) -> FoundationSettings:
    """The foundation settings read inside the caller's transaction."""
    row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
    if row is None:
        return FoundationSettings()
    return FoundationSettings(**{name: getattr(row, name) for name in FIELD_NAMES})


def invoice_document(session: Session, invoice: Invoice, today: date) -> BillingDocument:
    """The snapshot of an invoice (a draft prints as a preview dated today)."""
    rows = invoice_lines(session, invoice.id)
    c = invoice.currency
    totals = totals_of(rows, c)
    settings = document_settings(session)
    seller = foundation_settings(session)
    paid = money(invoice.paid_minor, c)
    # A draft previews with the terms it would be issued with today.
    issue_date = invoice.issue_date or today
    terms = invoice.payment_terms_days
    if terms is None:
        terms = seller.payment_terms_days
    note = tax_note(settings, invoice.buyer_vat_id, has_zero_rate(totals))
    return BillingDocument(
        kind="invoice",
        number=invoice.number,
        issue_date=issue_date,
        due_date=invoice.due_date or issue_date + timedelta(days=terms),
        valid_until=None,
        payment_terms_days=terms,
        currency=c,
        exchange_rate_to_usd=_rate(invoice.exchange_rate_to_usd),
        seller=seller,
        buyer=bill_to_record(invoice),
        lines=line_records(list(rows), c),
        totals=totals,
        tax_note=note,
        reverse_charge=_is_reverse_charge(settings, note),
        paid=paid,
        balance=totals.total - paid - money(invoice.credited_minor, c),
        corrects_number=None,
        corrects_date=None,
        reason="",
        notes=invoice.notes,
        facturx=settings.facturx_enabled,
        billing_period=billing_period(session, rows),
    )


def quote_document(
    session: Session, quote: Quote, rows: list[StoredLine], today: date
) -> BillingDocument:
    """The snapshot of a quote."""
    c = quote.currency
    totals = totals_of(rows, c)
    settings = document_settings(session)
    zero = Money(Decimal(0), c)
    return BillingDocument(
        kind="quote",
        number=quote.number,
        issue_date=quote.issue_date or today,
        due_date=None,
        valid_until=quote.valid_until,
        payment_terms_days=None,
        currency=c,
        exchange_rate_to_usd=_rate(quote.exchange_rate_to_usd),
        seller=foundation_settings(session),
        buyer=bill_to_record(quote),
        lines=line_records(rows, c),
        totals=totals,
        tax_note=(wording := tax_note(settings, quote.buyer_vat_id, has_zero_rate(totals))),
        reverse_charge=_is_reverse_charge(settings, wording),
        paid=zero,
        balance=zero,
        corrects_number=None,
        corrects_date=None,
        reason="",
        notes=quote.notes,
        facturx=False,
        billing_period=billing_period(session, rows),
    )


def credit_note_document(
    session: Session, note: CreditNote, invoice: Invoice, rows: list[StoredLine]
) -> BillingDocument:
    """The snapshot of a credit note (amounts positive; the renderer shows them as credits)."""
    c = note.currency
    totals = totals_of(rows, c)
    settings = document_settings(session)
    zero = Money(Decimal(0), c)
    return BillingDocument(
        kind="credit note",
        number=note.number,
        issue_date=note.issue_date,
        due_date=None,
        valid_until=None,
        payment_terms_days=None,
        currency=c,
        exchange_rate_to_usd=_rate(invoice.exchange_rate_to_usd),
        seller=foundation_settings(session),
        buyer=bill_to_record(invoice),
        lines=line_records(rows, c),
        totals=totals,
        tax_note=(wording := tax_note(settings, invoice.buyer_vat_id, has_zero_rate(totals))),
        reverse_charge=_is_reverse_charge(settings, wording),
        paid=zero,
        balance=zero,
        corrects_number=invoice.number,
        corrects_date=invoice.issue_date,
        reason=note.reason,
        notes="",
        facturx=settings.facturx_enabled,
        billing_period=billing_period(session, rows),
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


def _is_reverse_charge(settings: DocumentSettings, note: str) -> bool:
    return (
        bool(note) and settings.reverse_charge_enabled and note == settings.reverse_charge_wording
    )


def _rate(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None
