"""Everything billed and certified to one organization, read in one transaction.

The organization record shows its invoices, quotes, credit notes, payments, balance
and certificates side by side; this service gathers them as the plain records the
billing and certificate lists already use.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ...domain.billing.statuses import InvoiceStatus
from ...domain.money import Money
from ...persistence.engine import SessionFactories
from ...persistence.models import Certificate
from ...persistence.models.billing import CreditNote, Invoice, Payment, Quote
from ..billing.invoice_records import credit_note_summary, invoice_summary, payment_record
from ..billing.quote_service import quote_summary
from ..billing.records import CreditNoteSummary, InvoiceSummary, PaymentRecord, QuoteSummary
from ..certificates.certificate_records import CertificateRecord, to_record
from ..database_errors import translating_database_errors

# Rows recorded against an invoice.
_AgainstInvoice = TypeVar("_AgainstInvoice", CreditNote, Payment)


@dataclass(frozen=True)
class OrganizationDocuments:
    """An organization's billing and certificates.

    Attributes:
        invoices: issued invoices by number, then drafts.
        quotes: quotes, newest first.
        credit_notes: credit notes against its invoices, by number.
        payments: payments and reversals against its invoices, oldest first.
        balances: what it owes on issued invoices, one amount per currency billed.
        certificates: its certificates, newest number first.
    """

    invoices: tuple[InvoiceSummary, ...]
    quotes: tuple[QuoteSummary, ...]
    credit_notes: tuple[CreditNoteSummary, ...]
    payments: tuple[PaymentRecord, ...]
    balances: tuple[Money, ...]
    certificates: tuple[CertificateRecord, ...]


class OrganizationDocumentsService:
    """Reads the documents of one organization."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today

    def of(self, organization_id: uuid.UUID) -> OrganizationDocuments:
        """The invoices, quotes, credit notes, payments, balance and certificates of one.

        An organization without any (or an unknown id) has empty lists.
        """
        today = self._today()
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            invoices = _invoices(s, organization_id)
            summaries = tuple(invoice_summary(row, today) for row in invoices)
            return OrganizationDocuments(
                invoices=summaries,
                quotes=_quotes(s, organization_id, today),
                credit_notes=_credit_notes(s, invoices),
                payments=_payments(s, invoices),
                balances=_balances(summaries),
                certificates=_certificates(s, organization_id),
            )


def _invoices(s: Session, organization_id: uuid.UUID) -> list[Invoice]:
    query = (
        select(Invoice)
        .where(Invoice.organization_id == organization_id, Invoice.deleted.is_(False))
        .order_by(Invoice.number.is_(None), Invoice.issue_date, Invoice.number, Invoice.created_at)
    )
    return list(s.scalars(query))


def _quotes(s: Session, organization_id: uuid.UUID, today: date) -> tuple[QuoteSummary, ...]:
    query = (
        select(Quote)
        .where(Quote.organization_id == organization_id, Quote.deleted.is_(False))
        .order_by(Quote.created_at.desc())
    )
    return tuple(quote_summary(row, today) for row in s.scalars(query))


def _credit_notes(s: Session, invoices: list[Invoice]) -> tuple[CreditNoteSummary, ...]:
    by_id = {invoice.id: invoice for invoice in invoices}
    rows = _against(s, CreditNote, by_id, CreditNote.issue_date, CreditNote.number)
    return tuple(credit_note_summary(note, by_id[note.invoice_id]) for note in rows)


def _payments(s: Session, invoices: list[Invoice]) -> tuple[PaymentRecord, ...]:
    by_id = {invoice.id: invoice for invoice in invoices}
    rows = _against(s, Payment, by_id, Payment.paid_on, Payment.created_at)
    return tuple(payment_record(row, by_id[row.invoice_id], rows) for row in rows)


def _against(
    s: Session,
    model: type[_AgainstInvoice],
    invoices: dict[uuid.UUID, Invoice],
    *order: InstrumentedAttribute[Any],
) -> list[_AgainstInvoice]:
    """The rows of a kind recorded against these invoices (none asked for: none read)."""
    if not invoices:
        return []
    query = (
        select(model)
        .where(model.invoice_id.in_(invoices), model.deleted.is_(False))
        .order_by(*order)
    )
    return list(s.scalars(query))


def _balances(invoices: tuple[InvoiceSummary, ...]) -> tuple[Money, ...]:
    """What is owed per currency on issued invoices (drafts are not owed yet)."""
    owed: dict[str, Money] = {}
    for invoice in invoices:
        if invoice.status == InvoiceStatus.DRAFT.value:
            continue
        currency = invoice.currency
        owed[currency] = owed[currency] + invoice.balance if currency in owed else invoice.balance
    return tuple(owed[currency] for currency in sorted(owed))


def _certificates(s: Session, organization_id: uuid.UUID) -> tuple[CertificateRecord, ...]:
    query = (
        select(Certificate)
        .where(Certificate.organization_id == organization_id, Certificate.deleted.is_(False))
        .order_by(Certificate.issue_date.desc(), Certificate.number.desc())
    )
    rows = list(s.scalars(query))
    numbers = {row.id: row.number for row in rows}
    return tuple(
        to_record(row, numbers.get(row.superseded_by_id, "") if row.superseded_by_id else "")
        for row in rows
    )
