"""Receivables: open balances of issued invoices, aged by days past due, by organization."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from ...domain.billing.aging import AgingRow, OpenItem, aging_report
from ...domain.billing.statuses import InvoiceStatus
from ...persistence.engine import SessionFactories
from ...persistence.models.billing import Invoice
from ..database_errors import translating_database_errors
from .invoice_records import money

_OPEN = (InvoiceStatus.ISSUED.value, InvoiceStatus.PARTIALLY_PAID.value)


class ReceivablesService:
    """The aging report."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today

    def aging(self, as_of: date | None = None) -> list[AgingRow]:
        """Open balances by organization and currency, aged as of a date (default today).

        The buckets are current, 1-30, 31-60, 61-90 and over 90 days past the due date.
        """
        day = as_of or self._today()
        # Only the columns needed, summed in SQL: no invoice objects (100,000 open
        # invoices of a large register took seconds to load as ORM objects).
        query = select(
            Invoice.bill_to_name,
            Invoice.currency,
            Invoice.due_date,
            (Invoice.total_minor - Invoice.paid_minor - Invoice.credited_minor).label("open"),
        ).where(
            Invoice.deleted.is_(False),
            Invoice.status.in_(_OPEN),
            Invoice.issue_date <= day,
        )
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            items = [
                OpenItem(
                    organization=name,
                    currency=currency,
                    due_date=due_date or day,
                    balance=money(open_minor, currency),
                )
                for name, currency, due_date, open_minor in s.execute(query)
            ]
        return aging_report(items, day)
