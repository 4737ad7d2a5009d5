"""Credit notes: the only way to reduce or cancel an issued invoice.

A credit note has its own gapless series, names the invoice it corrects and its reason,
and together with earlier credit notes never exceeds the invoice total. Cancelling an
invoice is a credit note for everything not yet credited.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.numbering import series_key
from ...domain.billing.settlement import CreditRefused, check_credit
from ...domain.errors import UserError
from ...persistence.ids import time_ordered_uuid
from ...persistence.models.billing import CreditNote, CreditNoteLine, Invoice
from ..database_errors import translating_database_errors
from .amounts import amount_in
from .credit_lines import credit_lines
from .document_builder import credit_note_document, foundation_settings
from .invoice_records import (
    NotFound,
    credit_note_summary,
    invoice_by_number,
    invoice_lines,
    load_invoice,
)
from .line_rows import fill_line, totals_of
from .pdf_store import store_pdf, stored_pdf
from .records import CreditNoteSummary
from .rendering import DocumentService
from .series import check_date_in_series, series_of, take_next_number
from .settlement_rows import refresh_stored_status, settlement_of


class CreditNoteService(DocumentService):
    """Make, list and reprint credit notes."""

    def create(
        self,
        invoice_number: str,
        reason: str,
        amount: object | None = None,
        issue_date: date | None = None,
    ) -> CreditNoteSummary:
        """Credit an issued invoice, in full (amount None) or in part.

        Args:
            invoice_number: the invoice corrected.
            reason: why (required; printed on the credit note).
            amount: the amount credited including tax, in the invoice's currency; None
                credits everything not yet credited.
            issue_date: the credit note's date (default today).

        Raises:
            NotFound: no invoice has this number.
            CreditRefused: no reason, more than the uncredited total, a draft; nothing stored.
        """
        self._renderer.warm_up()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            invoice = invoice_by_number(s, invoice_number)
            return self._create(s, invoice, reason, amount, issue_date or self._today())

    def cancel(self, invoice_id: uuid.UUID, reason: str) -> CreditNoteSummary:
        """Cancel an issued invoice with a credit note for all that is not yet credited.

        Raises:
            CreditRefused: no reason, or nothing left to credit.
        """
        self._renderer.warm_up()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            invoice = load_invoice(s, invoice_id)
            return self._create(s, invoice, reason, None, self._today())

    def list(self, invoice_id: uuid.UUID | None = None) -> list[CreditNoteSummary]:
        """Credit notes by number, all or those of one invoice."""
        query = (
            select(CreditNote, Invoice)
            .join(Invoice, Invoice.id == CreditNote.invoice_id)
            .where(CreditNote.deleted.is_(False))
            .order_by(CreditNote.issue_date, CreditNote.number)
        )
        if invoice_id is not None:
            query = query.where(CreditNote.invoice_id == invoice_id)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return [credit_note_summary(note, invoice) for note, invoice in s.execute(query)]

    def pdf(self, number: str) -> bytes:
        """The stored PDF of a credit note.

        Raises:
            NotFound: no credit note has this number.
            UserError: it was made without a PDF.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            note = s.scalars(
                select(CreditNote).where(CreditNote.number == number.strip().upper())
            ).one_or_none()
            if note is None:
                raise NotFound(f"There is no credit note numbered '{number.strip()}'.")
            content = stored_pdf(s, note.id)
        if content is None:
            raise UserError(f"Credit note {note.number} was made without a PDF.")
        return content

    def _create(
        self, session: Session, invoice: Invoice, reason: str, amount: object | None, on: date
    ) -> CreditNoteSummary:
        if invoice.number is None or invoice.issue_date is None:
            raise CreditRefused("A draft invoice is not credited: edit or delete the draft.")
        if on < invoice.issue_date:
            raise CreditRefused(
                f"A credit note cannot be dated before invoice {invoice.number} "
                f"({invoice.issue_date.isoformat()})."
            )
        settlement = settlement_of(invoice)
        credited = settlement.uncredited if amount is None else amount_in(amount, invoice.currency)
        if amount is None and credited.amount <= 0:
            raise CreditRefused(f"Invoice {invoice.number} is already fully credited.")
        reason = check_credit(invoice.number, settlement, credited, reason)
        lines = credit_lines(invoice, invoice_lines(session, invoice.id), credited, reason)
        settings = foundation_settings(session)
        series = series_key(settings.credit_note_prefix, on.year)
        check_date_in_series(session, "credit note", series, on, settings.books_closed_through)
        number = take_next_number(session, series)
        note = CreditNote(
            id=time_ordered_uuid(),
            number=number,
            series=series_of(number),
            invoice_id=invoice.id,
            issue_date=on,
            reason=reason,
            currency=invoice.currency,
        )
        rows = []
        for position, (line, fee_entry_id, term_id) in enumerate(lines):
            row = CreditNoteLine(
                id=time_ordered_uuid(),
                credit_note_id=note.id,
                fee_entry_id=fee_entry_id,
                term_id=term_id,
            )
            fill_line(row, position, line)
            rows.append(row)
        totals = totals_of(rows, invoice.currency)
        if totals.total != credited:
            raise AssertionError(f"credit note lines add up to {totals.total}, not {credited}")
        note.net, note.tax, note.total = totals.net, totals.tax, totals.total
        session.add(note)
        session.add_all(rows)
        invoice.credited += credited
        refresh_stored_status(invoice)
        session.flush()
        content = self._renderer.render(credit_note_document(session, note, invoice, list(rows)))
        if content is not None:
            note.pdf_sha256 = store_pdf(session, "credit note", note.id, content)
        return credit_note_summary(note, invoice)
