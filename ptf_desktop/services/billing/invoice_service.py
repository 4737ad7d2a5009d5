"""Invoices: drafts, issuing with the next gapless number, reprints and listing.

Each public method is one transaction and returns plain records. Issuing takes the
number, fixes the dates, renders and stores the PDF in one write transaction (which
SQLite starts with BEGIN IMMEDIATE), so a number is never taken twice nor lost.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.billing.numbering import series_key
from ...domain.billing.statuses import InvoiceStatus
from ...domain.errors import UserError
from ...persistence.models.billing import Invoice
from ..database_errors import translating_database_errors
from .bulk_drafts import add_draft_invoices
from .document_builder import foundation_settings, invoice_document
from .draft_edits import apply_draft_changes
from .drafts import DraftInvoiceSpec
from .fee_confirmation import check_confirmed_fees
from .invoice_filters import filter_conditions, parse_invoice_filter
from .invoice_records import (
    invoice_by_number,
    invoice_details,
    invoice_lines,
    invoice_summary,
    load_invoice,
)
from .invoice_tier import tier_when_invoiced
from .issue_checks import issue_warnings
from .pdf_store import store_pdf, stored_pdf
from .printable import refuse_unprintable_bill_to
from .quote_admission import admit_quoted_member
from .records import InvoiceDetails, InvoiceSummary
from .rendering import DocumentService
from .series import check_date_in_series, series_of, take_next_number

log = logging.getLogger(__name__)

# The longest bill-to name a page of an invoice can hold (the column's length). Names
# stored before organizations were bounded may be longer.
MAX_BILL_TO_NAME = 500


def add_draft_invoice(session: Session, spec: DraftInvoiceSpec) -> uuid.UUID:
    """Add a draft invoice in the caller's session (written, not committed).

    Args:
        session: a write session inside the caller's transaction.
        spec: what to bill.

    Returns:
        The new draft's id.

    Raises:
        UserError: the organization does not exist or was deleted.
        ValidationError: the currency, a line or the exchange rate is refused (keys such as
            ``lines[0].quantity``); nothing is added.
    """
    # One way to make a draft invoice row: the bulk writer, with one spec.
    (invoice_id,) = add_draft_invoices(session, [spec])
    return invoice_id


class InvoiceIssued(UserError):
    """An issued invoice cannot change; corrections are credit notes."""


@dataclass(frozen=True)
class IssueReport:
    """What issuing every draft did: the issued invoices and the drafts refused, with why.

    Attributes:
        issued: the invoices this call issued.
        refused: the drafts left as drafts, each with why.
        issued_elsewhere: drafts another process (or window) issued meanwhile.
    """

    issued: tuple[InvoiceSummary, ...]
    refused: tuple[tuple[InvoiceSummary, str], ...]
    issued_elsewhere: tuple[InvoiceSummary, ...] = ()


class InvoiceService(DocumentService):
    """Create, edit, issue, list and reprint invoices."""

    def create_draft(self, spec: DraftInvoiceSpec) -> uuid.UUID:
        """Add a draft invoice.

        Raises:
            ValidationError: a line, the currency or the exchange rate is refused.
            UserError: the organization does not exist.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            return add_draft_invoice(s, spec)

    def update_draft(self, invoice_id: uuid.UUID, changes: Mapping[str, Any]) -> InvoiceDetails:
        """Change a draft: bill-to fields, buyer reference, currency, rate, notes or lines.

        Args:
            invoice_id: the draft.
            changes: new values per field (see draft_edits.EDITABLE_FIELDS); ``lines`` is a
                sequence of DraftLineSpec that replaces all lines.

        Raises:
            InvoiceIssued: the invoice was issued; nothing is changed.
            ValidationError: a value is refused; nothing is changed.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            invoice = self._draft(s, invoice_id)
            apply_draft_changes(s, invoice, changes)
            s.flush()
            return invoice_details(s, invoice, self._today())

    def delete_draft(self, invoice_id: uuid.UUID) -> None:
        """Delete a draft (softly). Issued invoices are never deleted.

        Raises:
            InvoiceIssued: the invoice was issued.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            invoice = self._draft(s, invoice_id)
            invoice.deleted = True
            for line in invoice_lines(s, invoice.id):
                line.deleted = True

    def get(self, invoice_id: uuid.UUID) -> InvoiceDetails:
        """Everything about one invoice.

        Raises:
            NotFound: no such invoice.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return invoice_details(s, load_invoice(s, invoice_id), self._today())

    def find(self, number: str) -> InvoiceDetails:
        """The issued invoice with this number.

        Raises:
            NotFound: no invoice has this number.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return invoice_details(s, invoice_by_number(s, number), self._today())

    def list(
        self,
        status: str | None = None,
        *,
        year: int | None = None,
        tier: str | None = None,
        aging: str | None = None,
    ) -> list[InvoiceSummary]:
        """Invoices (issued by number, then drafts), optionally narrowed.

        Args:
            status: an InvoiceStatus value as typed ("partially-paid" is accepted), or
                "open" (issued and not settled, past due or not).
            year: only invoices issued in this year.
            tier: only invoices of organizations of this tier ("" for none).
            aging: only open invoices in this aging bucket ("current", "1-30", "31-60",
                "61-90", "over 90").

        Raises:
            UserError: an unknown status or bucket.
        """
        today = self._today()
        wanted = parse_invoice_filter(status, year, tier, aging)
        query = select(Invoice).where(Invoice.deleted.is_(False), *filter_conditions(wanted, today))
        query = query.order_by(
            Invoice.number.is_(None), Invoice.issue_date, Invoice.number, Invoice.created_at
        )
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return [invoice_summary(row, today) for row in s.scalars(query)]

    def count(self) -> int:
        """How many invoices there are, drafts included (a count, without reading them)."""
        query = select(func.count()).select_from(Invoice).where(Invoice.deleted.is_(False))
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return int(s.scalar(query) or 0)

    def issue(self, invoice_id: uuid.UUID, issue_date: date | None = None) -> InvoiceSummary:
        """Issue a draft: next number of the series, dates from the terms, PDF stored.

        Args:
            invoice_id: the draft.
            issue_date: the issue date (default today); the due date follows from the
                payment terms of the settings.

        Raises:
            InvoiceIssued: already issued.
            UnconfirmedFee: a line is priced from a fee still to be confirmed.
            UserError: the draft cannot be issued as it is (no lines, no exchange rate).
        """
        self._renderer.warm_up()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            invoice = self._draft(s, invoice_id)
            self._issue(s, invoice, issue_date or self._today())
            summary = invoice_summary(invoice, self._today())
        log.info("Issued invoice %s (%s)", summary.number, summary.id)
        return summary

    def issue_warnings(self, invoice_id: uuid.UUID) -> tuple[str, ...]:
        """What a person should know before issuing this draft (e.g. IBAN/SWIFT missing).

        Raises:
            NotFound: no such invoice.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return issue_warnings(s, load_invoice(s, invoice_id))

    def issue_all_drafts(self, issue_date: date | None = None) -> IssueReport:
        """Issue every draft, each in its own transaction; a refused draft stays a draft.

        One draft that cannot be issued, for whatever reason, never stops the others: a
        problem the user can fix is reported with its message, anything else is logged
        with its traceback and reported as such.
        """
        drafts = self.list(InvoiceStatus.DRAFT.value)
        issued: list[InvoiceSummary] = []
        refused: list[tuple[InvoiceSummary, str]] = []
        elsewhere: list[InvoiceSummary] = []
        for draft in drafts:
            try:
                issued.append(self.issue(draft.id, issue_date))
            except InvoiceIssued:
                elsewhere.append(draft)
            except UserError as error:
                refused.append((draft, str(error)))
            except Exception:  # a bug in one draft's document must not block the rest
                log.exception("Issuing the draft %s failed", draft.id)
                refused.append((draft, "an unexpected problem (details in the log file)"))
        return IssueReport(tuple(issued), tuple(refused), tuple(elsewhere))

    def pdf(self, invoice_id: uuid.UUID) -> bytes:
        """The invoice's PDF: the stored bytes once issued, a fresh preview for a draft.

        Raises:
            UserError: no PDF renderer is available, or the invoice was issued without one.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            invoice = load_invoice(s, invoice_id)
            if invoice.number is not None:
                content = stored_pdf(s, invoice.id)
                if content is None:
                    raise UserError(f"Invoice {invoice.number} was issued without a PDF.")
                return content
            preview = self._renderer.render(invoice_document(s, invoice, self._today()))
        if preview is None:
            raise UserError("No PDF renderer is available in this version of the app.")
        return preview

    # -- helpers ------------------------------------------------------------------------------

    def _draft(self, session: Session, invoice_id: uuid.UUID) -> Invoice:
        invoice = load_invoice(session, invoice_id)
        if invoice.number is not None:
            raise InvoiceIssued(
                f"Invoice {invoice.number} is issued and cannot be changed; "
                "correct it with a credit note."
            )
        return invoice

    def _issue(self, session: Session, invoice: Invoice, issue_date: date) -> None:
        if len(invoice.bill_to_name) > MAX_BILL_TO_NAME:
            raise UserError(
                f"The draft's bill-to name is {len(invoice.bill_to_name):,} characters long; "
                f"shorten it to at most {MAX_BILL_TO_NAME} before issuing."
            )
        if not invoice_lines(session, invoice.id):
            raise UserError(f"The draft for {invoice.bill_to_name} has no lines to invoice.")
        check_confirmed_fees(session, invoice)
        if invoice.quote_id is not None:  # a quote accepted before acceptance admitted
            admit_quoted_member(session, invoice, issue_date)
        if invoice.currency != "USD" and not invoice.exchange_rate_to_usd:
            raise UserError(
                f"The draft for {invoice.bill_to_name} is in {invoice.currency}: "
                "enter its exchange rate to USD before issuing."
            )
        refuse_unprintable_bill_to(invoice, f"The invoice for {invoice.bill_to_name}")
        settings = foundation_settings(session)
        series = series_key(settings.invoice_prefix, issue_date.year)
        check_date_in_series(session, "invoice", series, issue_date, settings.books_closed_through)
        # Before the number: once numbered, the database refuses any change of the tier.
        tier = tier_when_invoiced(session, invoice)
        invoice.number = take_next_number(session, series)
        invoice.series = series_of(invoice.number)
        invoice.status = InvoiceStatus.ISSUED.value
        invoice.issue_date = issue_date
        invoice.issue_year = issue_date.year
        invoice.payment_terms_days = settings.payment_terms_days
        invoice.due_date = issue_date + timedelta(days=settings.payment_terms_days)
        invoice.tier = tier
        content = self._renderer.render(invoice_document(session, invoice, issue_date))
        if content is not None:
            invoice.pdf_sha256 = store_pdf(session, "invoice", invoice.id, content)
