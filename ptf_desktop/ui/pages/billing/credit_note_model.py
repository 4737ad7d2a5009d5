"""The credit notes list as a Qt table model over CreditNoteSummary records."""

from __future__ import annotations

from typing import Any

from ....services.billing.records import CreditNoteSummary
from .display import format_day, format_money
from .record_model import RecordTableModel


class CreditNoteTableModel(RecordTableModel[CreditNoteSummary]):
    """Credit notes, one row each: number, date, invoice credited, organization, amount, reason."""

    NUMBER, DATE, INVOICE, ORGANIZATION, AMOUNT, REASON = range(6)
    HEADERS = ("Number", "Date", "Invoice", "Organization", "Amount", "Reason")
    RIGHT_ALIGNED = frozenset({AMOUNT})

    def text(self, note: CreditNoteSummary, column: int) -> str:
        values = (
            note.number,
            format_day(note.issue_date),
            note.invoice_number,
            note.organization,
            format_money(note.total),
            note.reason,
        )
        return values[column]

    def raw(self, note: CreditNoteSummary, column: int) -> Any:
        if column == self.DATE:
            return note.issue_date.isoformat()
        if column == self.AMOUNT:
            # Currency first: amounts of different currencies are not compared as numbers.
            return (note.total.currency, note.total.amount)
        if column in (self.ORGANIZATION, self.REASON):
            return self.text(note, column).casefold()
        return self.text(note, column)

    def search_text(self, note: CreditNoteSummary) -> str:
        return " ".join(
            (note.number, note.invoice_number, note.organization, note.reason, note.total.currency)
        )
