"""The invoices list as a Qt table model over InvoiceSummary records."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from ....services.billing.records import InvoiceSummary
from ...style import ERROR
from ...widgets.table_model import RIGHT, Column, ColumnTableModel, bold_font
from .display import format_day, format_plain_amount, status_label
from .document_columns import DRAFT_NUMBER, number_and_organization


def _overdue(invoice: InvoiceSummary) -> bool:
    return invoice.status == "overdue"


def _column(header: str, text: Any, sort: Any = None, align: Any = None) -> Column[InvoiceSummary]:
    """A column of the list: overdue invoices are red and bold, with a tooltip saying so."""
    return Column(
        header,
        text,
        sort,
        align,
        tooltip=lambda i: (
            f"Overdue: it was due on {format_day(i.due_date)}" if _overdue(i) else None
        ),
        foreground=lambda i: QBrush(QColor(ERROR)) if _overdue(i) else None,
        font=lambda i: bold_font() if _overdue(i) else None,
    )


def _day(day: Any) -> str:
    return day.isoformat() if day else ""


class InvoiceTableModel(ColumnTableModel[InvoiceSummary]):
    """Invoices, one row each; overdue ones in red and bold."""

    NUMBER, ORGANIZATION, STATUS, CURRENCY, TOTAL, BALANCE, ISSUED, DUE = range(8)
    DRAFT_NUMBER = DRAFT_NUMBER
    # Sort values are strings where a value may be missing (drafts have no number or
    # dates), so every value of a column compares; drafts sort after issued invoices.
    COLUMNS = (
        *number_and_organization(_column),
        _column("Status", lambda i: status_label(i.status), lambda i: i.status),
        _column("Currency", lambda i: i.currency),
        _column("Total", lambda i: format_plain_amount(i.total), lambda i: i.total.amount, RIGHT),
        _column(
            "Balance",
            lambda i: format_plain_amount(i.balance) if i.number else "",
            lambda i: i.balance.amount,
            RIGHT,
        ),
        _column("Issued", lambda i: format_day(i.issue_date), lambda i: _day(i.issue_date)),
        _column("Due", lambda i: format_day(i.due_date), lambda i: _day(i.due_date)),
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(search_text=_search_text, **kwargs)

    def invoice_at(self, row: int) -> InvoiceSummary:
        """The invoice shown in a row."""
        return self.record_at(row)


def _search_text(invoice: InvoiceSummary) -> str:
    number = invoice.number or DRAFT_NUMBER
    return f"{number} {invoice.organization} {invoice.status} {invoice.currency}"
