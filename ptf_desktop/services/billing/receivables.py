"""Receivables: open balances of issued invoices, aged by days past due, by organization."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.billing.aging import AgingRow, OpenItem, aging_report
from ...domain.billing.statuses import InvoiceStatus
from ...domain.money import Money
from ...persistence.engine import SessionFactories
from ...persistence.models import Organization
from ...persistence.models.billing import Invoice
from ...persistence.money_columns import stored_money
from ..database_errors import translating_database_errors
from .credit_balance import credit_balances


def credits_by_name(session: Session) -> dict[tuple[str, str], Money]:
    """Credit balances above zero by (organization's billing name, currency)."""
    found = {key: amount for key, amount in credit_balances(session).items() if amount.amount > 0}
    if not found:
        return {}
    query = select(
        Organization.id,
        func.coalesce(func.nullif(Organization.legal_name, ""), Organization.display_name),
    ).where(Organization.id.in_({key[0] for key in found}))
    names = {row[0]: str(row[1]) for row in session.execute(query)}
    return {(names.get(org, ""), currency): amount for (org, currency), amount in found.items()}


_OPEN = (InvoiceStatus.ISSUED.value, InvoiceStatus.PARTIALLY_PAID.value)


class ReceivablesService:
    """The aging report."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today

    def aging(self, as_of: date | None = None) -> list[AgingRow]:
        """Open balances by organization and currency, aged as of a date (default today).

        The buckets are current, 1-30, 31-60, 61-90 and over 90 days past the due date;
        members' credit balances (today's) are listed with their rows.
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
            credits = credits_by_name(s)
            items = [
                OpenItem(
                    organization=name,
                    currency=currency,
                    due_date=due_date or day,
                    balance=stored_money(open_minor, currency),
                )
                for name, currency, due_date, open_minor in s.execute(query)
            ]
        return aging_report(items, day, credits)
