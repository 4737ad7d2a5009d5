"""Quotes: drafts, sending (which numbers them), acceptance into an invoice, expiry.

A quote's number comes from its own series the first time it is sent. An accepted quote
becomes a draft invoice with the quoted lines and prices, in the same transaction. A
quote not accepted by its valid-until date has expired: that is derived from the date,
so it happens without anyone doing anything.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ...domain.billing.numbering import series_key
from ...domain.billing.statuses import (
    QuoteStatus,
    TransitionRefused,
    check_quote_transition,
    parse_status,
    quote_status_on,
)
from ...domain.errors import UserError, ValidationError
from ...persistence.ids import time_ordered_uuid
from ...persistence.models.billing import Invoice, InvoiceLine, Quote, QuoteLine
from ..database_errors import translating_database_errors
from ..live_rows import live_row
from .document_builder import foundation_settings, quote_document
from .draft_edits import apply_draft_changes, document_line_rows
from .drafts import DraftLineSpec, prepare_document, set_totals
from .invoice_records import NotFound, bill_to_record, line_records
from .line_rows import fill_line, totals_of
from .pdf_store import store_pdf, stored_pdf
from .printable import refuse_unprintable_bill_to
from .quote_admission import admit_quoted_member
from .records import QuoteDetails, QuoteSummary
from .rendering import DocumentService
from .series import series_of, take_next_number


@dataclass(frozen=True)
class QuoteSpec:
    """A new quote.

    Attributes:
        organization_id: who the quote is for (a prospect or a member).
        currency: ISO 4217 code of every amount.
        valid_until: the last day the quote can be accepted.
        lines: fee-schedule lines (quote_lines.lines_from_price) and free lines
            (quote_lines.free_line).
        member_discount_percent: the member discount offered on free lines (shown).
        exchange_rate_to_usd: USD per unit of currency, for non-USD quotes.
        buyer_reference: the buyer's reference.
        notes: printed on the quote.
    """

    organization_id: uuid.UUID
    currency: str
    valid_until: date
    lines: tuple[DraftLineSpec, ...] = field(default_factory=tuple)
    member_discount_percent: Decimal = Decimal(0)
    exchange_rate_to_usd: Decimal | None = None
    buyer_reference: str = ""
    notes: str = ""


class QuoteService(DocumentService):
    """Create, edit, send, accept, decline, list and print quotes."""

    def create_draft(self, spec: QuoteSpec) -> uuid.UUID:
        """Add a draft quote.

        Raises:
            ValidationError: a line, the currency or the dates are refused; nothing stored.
            UserError: the organization does not exist.
        """
        if spec.valid_until < self._today():
            raise ValidationError({"valid_until": "The valid-until date is in the past."})
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            prepared = prepare_document(
                s, spec.organization_id, spec.currency, spec.lines, spec.exchange_rate_to_usd
            )
            quote = Quote(
                id=time_ordered_uuid(),
                status=QuoteStatus.DRAFT.value,
                valid_until=spec.valid_until,
                member_discount_percent=str(spec.member_discount_percent.normalize()),
                currency=prepared.currency,
                exchange_rate_to_usd=prepared.exchange_rate_to_usd,
                buyer_reference=spec.buyer_reference.strip(),
                notes=spec.notes.strip(),
                **prepared.bill_to,
            )
            s.add(quote)
            rows = []
            for position, (line, line_spec) in enumerate(
                zip(prepared.lines, spec.lines, strict=True)
            ):
                row = QuoteLine(
                    id=time_ordered_uuid(),
                    quote_id=quote.id,
                    fee_entry_id=line_spec.fee_entry_id,
                    term_id=line_spec.term_id,
                )
                fill_line(row, position, line)
                rows.append(row)
            s.add_all(rows)
            set_totals(quote, rows)
            return quote.id

    def update_draft(self, quote_id: uuid.UUID, changes: Mapping[str, Any]) -> QuoteDetails:
        """Change a draft quote (bill-to, currency, lines, notes, ``valid_until``).

        Raises:
            TransitionRefused: the quote was sent already.
            ValidationError: a value is refused; nothing is changed.
        """
        changes = dict(changes)
        valid_until = changes.pop("valid_until", None)
        if valid_until is not None and valid_until < self._today():
            raise ValidationError({"valid_until": "The valid-until date is in the past."})
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            quote = _load(s, quote_id)
            if quote.status != QuoteStatus.DRAFT.value:
                raise TransitionRefused(f"Quote {quote.number} was sent and cannot be changed.")
            apply_draft_changes(s, quote, changes)
            if valid_until is not None and quote.valid_until != valid_until:
                quote.valid_until = valid_until
            s.flush()
            return self._details(s, quote)

    def send(self, quote_id: uuid.UUID, sent_on: date | None = None) -> QuoteSummary:
        """Mark a draft quote sent: it takes the next quote number and its PDF is stored.

        Raises:
            TransitionRefused: not a draft, or already expired.
        """
        on = sent_on or self._today()
        self._renderer.warm_up()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            quote = _load(s, quote_id)
            check_quote_transition(
                QuoteStatus(quote.status), QuoteStatus.SENT, quote.valid_until, on
            )
            if not document_line_rows(s, quote):
                raise UserError("The quote has no lines.")
            refuse_unprintable_bill_to(quote, f"The quote for {quote.bill_to_name}")
            series = series_key(foundation_settings(s).quote_prefix, on.year)
            quote.number = take_next_number(s, series)
            quote.series = series_of(quote.number)
            quote.issue_date = on
            quote.status = QuoteStatus.SENT.value
            rows = document_line_rows(s, quote)
            content = self._renderer.render(quote_document(s, quote, rows, on))
            if content is not None:
                quote.pdf_sha256 = store_pdf(s, "quote", quote.id, content)
            return quote_summary(quote, self._today())

    def accept(self, quote_id: uuid.UUID) -> uuid.UUID:
        """Accept a sent quote: it becomes a draft invoice with the quoted lines and prices.

        A membership quote also makes the organization a member for the quoted period
        (register.admission): a term at the quoted tier, billed by the invoice's lines.

        Returns:
            The new draft invoice's id.

        Raises:
            TransitionRefused: the quote is not sent, or it expired.
            MembershipRuleError: the organization may no longer hold the quoted tier.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            quote = _load(s, quote_id)
            check_quote_transition(
                QuoteStatus(quote.status), QuoteStatus.ACCEPTED, quote.valid_until, self._today()
            )
            invoice = Invoice(
                id=time_ordered_uuid(),
                status="draft",
                quote_id=quote.id,
                **{name: getattr(quote, name) for name in _COPIED},
            )
            s.add(invoice)
            rows = [
                InvoiceLine(id=time_ordered_uuid(), invoice_id=invoice.id, **_copy_line(row))
                for row in document_line_rows(s, quote)
            ]
            s.add_all(rows)
            set_totals(invoice, rows)
            quote.status = QuoteStatus.ACCEPTED.value
            admit_quoted_member(s, invoice, self._today(), rows)
            return invoice.id

    def decline(self, quote_id: uuid.UUID) -> QuoteSummary:
        """Mark a sent quote declined.

        Raises:
            TransitionRefused: the quote is not sent, or it expired.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            quote = _load(s, quote_id)
            check_quote_transition(
                QuoteStatus(quote.status), QuoteStatus.DECLINED, quote.valid_until, self._today()
            )
            quote.status = QuoteStatus.DECLINED.value
            return quote_summary(quote, self._today())

    def get(self, quote_id: uuid.UUID) -> QuoteDetails:
        """Everything about one quote."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return self._details(s, _load(s, quote_id))

    def find(self, number: str) -> QuoteDetails:
        """The sent quote with this number.

        Raises:
            NotFound: no quote has this number.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            quote = s.scalars(
                select(Quote).where(Quote.number == number.strip().upper())
            ).one_or_none()
            if quote is None or quote.deleted:
                raise NotFound(f"There is no quote numbered '{number.strip()}'.")
            return self._details(s, quote)

    def list(self, status: str | None = None) -> list[QuoteSummary]:
        """Quotes (sent by number, then drafts), optionally of one status today."""
        today = self._today()
        query = select(Quote).where(Quote.deleted.is_(False))
        if status is not None:
            wanted = parse_status(status, QuoteStatus)
            query = query.where(_status_filter(wanted, today))
        query = query.order_by(Quote.number.is_(None), Quote.issue_date, Quote.number)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return [quote_summary(quote, today) for quote in s.scalars(query)]

    def pdf(self, quote_id: uuid.UUID) -> bytes:
        """The quote's PDF: stored once sent, a fresh preview for a draft.

        Raises:
            UserError: no PDF renderer is available.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            quote = _load(s, quote_id)
            content = stored_pdf(s, quote.id) if quote.number else None
            if content is None:
                rows = document_line_rows(s, quote)
                content = self._renderer.render(quote_document(s, quote, rows, self._today()))
        if content is None:
            raise UserError("No PDF renderer is available in this version of the app.")
        return content

    def _details(self, session: Session, quote: Quote) -> QuoteDetails:
        rows = document_line_rows(session, quote)
        return QuoteDetails(
            summary=quote_summary(quote, self._today()),
            bill_to=bill_to_record(quote),
            notes=quote.notes,
            member_discount_percent=Decimal(quote.member_discount_percent),
            lines=line_records(rows, quote.currency),
            totals=totals_of(rows, quote.currency),
        )


# Document columns a quote shares with the invoice it becomes.
_COPIED = (
    "organization_id", "bill_to_name", "bill_to_address_line1", "bill_to_address_line2",
    "bill_to_city", "bill_to_region", "bill_to_postal_code", "bill_to_country",
    "bill_to_email", "bill_to_contact", "buyer_vat_id", "buyer_reference", "currency",
    "exchange_rate_to_usd",
    "notes", "net_minor", "tax_minor", "total_minor",
)  # fmt: skip
_LINE_COLUMNS = (
    "position", "description", "quantity", "unit_price_minor", "discount_minor", "tax_rate",
    "fee_entry_id", "term_id",
)  # fmt: skip


def _copy_line(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _LINE_COLUMNS}


def _load(session: Session, quote_id: uuid.UUID) -> Quote:
    missing = NotFound("The quote no longer exists; it may have been deleted.")
    return live_row(session, Quote, quote_id, missing)


def quote_summary(quote: Quote, today: date) -> QuoteSummary:
    """The list row of a quote, its status as of ``today`` (a sent quote past its date expired)."""
    return QuoteSummary(
        id=quote.id,
        number=quote.number,
        organization_id=quote.organization_id,
        organization=quote.bill_to_name,
        status=quote_status_on(QuoteStatus(quote.status), quote.valid_until, today).value,
        currency=quote.currency,
        total=quote.total,
        issue_date=quote.issue_date,
        valid_until=quote.valid_until,
    )


def _status_filter(status: str, today: date) -> Any:
    """The SQL condition for quotes of one status today (expiry follows from the date)."""
    open_statuses = (QuoteStatus.DRAFT.value, QuoteStatus.SENT.value)
    if status == QuoteStatus.EXPIRED.value:
        return and_(Quote.status.in_(open_statuses), Quote.valid_until < today)
    if status in open_statuses:
        return and_(Quote.status == status, Quote.valid_until >= today)
    return Quote.status == status
