"""The credit notes list as a Qt table model over CreditNoteSummary records."""

from __future__ import annotations

from typing import Any

from ....services.billing.records import CreditNoteSummary
from ...widgets.table_model import RIGHT, Column, ColumnTableModel
from .display import format_day, format_money


def _search_text(note: CreditNoteSummary) -> str:
    return " ".join(
        (note.number, note.invoice_number, note.organization, note.reason, note.total.currency)
    )


class CreditNoteTableModel(ColumnTableModel[CreditNoteSummary]):
    """Credit notes, one row each: number, date, invoice credited, organization, amount, reason."""

    NUMBER, DATE, INVOICE, ORGANIZATION, AMOUNT, REASON = range(6)
    COLUMNS = (
        Column("Number", lambda n: n.number),
        Column("Date", lambda n: format_day(n.issue_date), lambda n: n.issue_date.isoformat()),
        Column("Invoice", lambda n: n.invoice_number),
        Column("Organization", lambda n: n.organization, lambda n: n.organization.casefold()),
        # Currency first: amounts of different currencies are not compared as numbers.
        Column(
            "Amount",
            lambda n: format_money(n.total),
            lambda n: (n.total.currency, n.total.amount),
            RIGHT,
        ),
        Column("Reason", lambda n: n.reason, lambda n: n.reason.casefold()),
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(search_text=_search_text, **kwargs)
