"""Building the invoice records (summaries, details) and loading invoices by id or number."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.lines import line_amounts
from ...domain.billing.statuses import InvoiceStatus, invoice_status
from ...domain.errors import UserError
from ...domain.records import record_from
from ...persistence.models.billing import CreditNote, Invoice, InvoiceLine, Payment, Quote
from ..live_rows import live_row
from .line_rows import StoredLine, line_input, totals_of
from .records import (
    BillTo,
    CreditNoteSummary,
    InvoiceDetails,
    InvoiceSummary,
    LineRecord,
    PaymentRecord,
)


class NotFound(UserError):
    """The document asked for does not exist (or was deleted)."""


def load_invoice(session: Session, invoice_id: uuid.UUID) -> Invoice:
    """The invoice row, or NotFound."""
    missing = NotFound("The invoice no longer exists; it may have been deleted.")
    return live_row(session, Invoice, invoice_id, missing)


def invoice_by_number(session: Session, number: str) -> Invoice:
    """The issued invoice with this number, or NotFound naming the number."""
    invoice = session.scalars(
        select(Invoice).where(Invoice.number == number.strip().upper())
    ).one_or_none()
    if invoice is None or invoice.deleted:
        raise NotFound(f"There is no invoice numbered '{number.strip()}'.")
    return invoice


def status_of(invoice: Invoice, today: date) -> InvoiceStatus:
    """The invoice's status today (overdue follows from the date)."""
    return invoice_status(
        issued=invoice.number is not None,
        total=invoice.total,
        paid=invoice.paid,
        credited=invoice.credited,
        due_date=invoice.due_date,
        today=today,
    )


def invoice_summary(invoice: Invoice, today: date) -> InvoiceSummary:
    """The list row of an invoice."""
    c = invoice.currency
    total, paid, credited = invoice.total, invoice.paid, invoice.credited
    balance = total - paid - credited
    zero = balance - balance
    return InvoiceSummary(
        id=invoice.id,
        number=invoice.number,
        organization_id=invoice.organization_id,
        organization=invoice.bill_to_name,
        status=status_of(invoice, today).value,
        currency=c,
        total=total,
        paid=paid,
        credited=credited,
        # Never negative: what was paid and credited beyond the total is the member's
        # credit balance (``excess``), not a negative amount due on a "paid" invoice.
        balance=balance if balance.amount > 0 else zero,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        excess=-balance if balance.amount < 0 else zero,
    )


def bill_to_record(document: Invoice | Quote) -> BillTo:
    """The bill-to details of a document."""
    return record_from(
        BillTo,
        document,
        prefix="bill_to_",
        vat_id=document.buyer_vat_id,
        reference=document.buyer_reference,
    )


def line_records(rows: list[StoredLine], currency: str) -> tuple[LineRecord, ...]:
    """The lines of a document in order, with their net amounts."""
    records = []
    for row in sorted(rows, key=lambda r: r.position):
        line = line_input(row, currency)
        records.append(
            record_from(
                LineRecord,
                line,
                net=line_amounts(line).net,
                fee_entry_id=row.fee_entry_id,
                term_id=row.term_id,
            )
        )
    return tuple(records)


def invoice_lines(session: Session, invoice_id: uuid.UUID) -> list[InvoiceLine]:
    """The invoice's lines (not deleted), in order."""
    return list(
        session.scalars(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id == invoice_id, InvoiceLine.deleted.is_(False))
            .order_by(InvoiceLine.position)
        )
    )


def invoice_details(session: Session, invoice: Invoice, today: date) -> InvoiceDetails:
    """Everything about one invoice."""
    rows = invoice_lines(session, invoice.id)
    c = invoice.currency
    payments = payment_records(session, invoice)
    credit_notes = session.scalars(
        select(CreditNote)
        .where(CreditNote.invoice_id == invoice.id, CreditNote.deleted.is_(False))
        .order_by(CreditNote.issue_date, CreditNote.number)
    )
    return InvoiceDetails(
        summary=invoice_summary(invoice, today),
        bill_to=bill_to_record(invoice),
        exchange_rate_to_usd=(
            Decimal(invoice.exchange_rate_to_usd) if invoice.exchange_rate_to_usd else None
        ),
        notes=invoice.notes,
        payment_terms_days=invoice.payment_terms_days,
        renewal_year=invoice.renewal_year,
        quote_id=invoice.quote_id,
        lines=line_records(list(rows), c),
        totals=totals_of(rows, c),
        payments=tuple(payments),
        credit_notes=tuple(credit_note_summary(note, invoice) for note in credit_notes),
        pdf_sha256=invoice.pdf_sha256,
    )


def payment_records(session: Session, invoice: Invoice) -> list[PaymentRecord]:
    """The payments and reversals of an invoice, oldest first, each knowing its pair."""
    rows = list(
        session.scalars(
            select(Payment)
            .where(Payment.invoice_id == invoice.id, Payment.deleted.is_(False))
            .order_by(Payment.paid_on, Payment.created_at)
        )
    )
    return [payment_record(row, invoice, rows) for row in rows]


def payment_record(row: Payment, invoice: Invoice, siblings: list[Payment]) -> PaymentRecord:
    """The record of one payment; ``siblings`` are the invoice's payments (for reversals)."""
    reversal = next((p.id for p in siblings if p.reverses_payment_id == row.id), None)
    return record_from(
        PaymentRecord,
        row,
        amount=row.amount,
        reverses=row.reverses_payment_id,
        reversed_by=reversal,
        reason=row.reason,
        invoice_number=invoice.number or "",
        organization=invoice.bill_to_name,
    )


def credit_note_summary(note: CreditNote, invoice: Invoice) -> CreditNoteSummary:
    """The record of a credit note."""
    return CreditNoteSummary(
        id=note.id,
        number=note.number,
        invoice_id=invoice.id,
        invoice_number=invoice.number or "",
        organization=invoice.bill_to_name,
        issue_date=note.issue_date,
        reason=note.reason,
        total=note.total,
    )
