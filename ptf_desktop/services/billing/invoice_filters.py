"""The narrower lists of invoices the dashboard opens: open, by year, tier or aging bucket.

Each filter is a SQL condition, so the list is narrowed in the database; the conditions
match the dashboard's figures (``services.dashboard.money_queries``), so the list a tile
opens holds the invoices that tile counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from ...domain.billing.aging import AgingBucket
from ...domain.billing.statuses import InvoiceStatus, parse_status
from ...domain.errors import UserError
from ...persistence.models import Organization
from ...persistence.models.billing import Invoice

# Issued and not settled, whether past due or not (the dashboard's "outstanding").
OPEN = "open"
_OPEN_STATUSES = (InvoiceStatus.ISSUED.value, InvoiceStatus.PARTIALLY_PAID.value)
# Days past due of each bucket: (first, last) inclusive; None is open-ended.
_BUCKET_DAYS: dict[AgingBucket, tuple[int | None, int | None]] = {
    AgingBucket.CURRENT: (None, 0),
    AgingBucket.DAYS_1_30: (1, 30),
    AgingBucket.DAYS_31_60: (31, 60),
    AgingBucket.DAYS_61_90: (61, 90),
    AgingBucket.OVER_90: (91, None),
}


@dataclass(frozen=True)
class InvoiceFilter:
    """Which invoices a list shows; every field None shows all.

    Attributes:
        status: an InvoiceStatus value, or "open" (issued and not settled, due or not).
        year: the year of issue.
        tier: the membership tier of the organization billed ("" for none).
        aging: an AgingBucket value: open invoices that many days past due.
    """

    status: str | None = None
    year: int | None = None
    tier: str | None = None
    aging: str | None = None


def parse_invoice_filter(
    status: str | None = None,
    year: object = None,
    tier: str | None = None,
    aging: str | None = None,
) -> InvoiceFilter:
    """Check filters as they come from the dashboard or the command line.

    Raises:
        UserError: an unknown status or aging bucket, or a year that is not a year.
    """
    if status is not None and status.strip().lower() != OPEN:
        status = parse_status(status, InvoiceStatus, also=(OPEN,))
    elif status is not None:
        status = OPEN
    number = None
    if year is not None:
        try:
            number = int(str(year).strip())
        except ValueError:
            raise UserError(f"'{year}' is not a year.") from None
        if not 1900 <= number <= 9999:
            raise UserError(f"'{year}' is not a year.")
    if aging is not None:
        known = [bucket.value for bucket in AgingBucket]
        if aging not in known:
            raise UserError(f"Unknown aging bucket '{aging}'; use one of: {', '.join(known)}.")
    return InvoiceFilter(status, number, tier, aging)


def filter_conditions(wanted: InvoiceFilter, today: date) -> list[Any]:
    """The SQL conditions on ``Invoice`` for a filter, as of ``today``."""
    conditions: list[Any] = []
    if wanted.status is not None:
        conditions.append(status_condition(wanted.status, today))
    if wanted.year is not None:
        conditions.append(Invoice.issue_date >= date(wanted.year, 1, 1))
        conditions.append(Invoice.issue_date <= date(wanted.year, 12, 31))
    if wanted.tier is not None:
        tier = func.coalesce(Organization.tier, "")
        conditions.append(
            Invoice.organization_id.in_(select(Organization.id).where(tier == wanted.tier))
        )
    if wanted.aging is not None:
        conditions.append(Invoice.status.in_(_OPEN_STATUSES))
        conditions.append(Invoice.issue_date <= today)
        first, last = _BUCKET_DAYS[AgingBucket(wanted.aging)]
        if first is None:  # current: not yet due, or no due date
            conditions.append(or_(Invoice.due_date.is_(None), Invoice.due_date >= today))
        else:
            conditions.append(Invoice.due_date <= today - timedelta(days=first))
            if last is not None:
                conditions.append(Invoice.due_date >= today - timedelta(days=last))
    return conditions


def status_condition(status: str, today: date) -> Any:
    """The SQL condition for invoices of one status today (overdue follows from the date)."""
    if status == OPEN:
        return Invoice.status.in_(_OPEN_STATUSES)
    if status == InvoiceStatus.OVERDUE.value:
        return and_(Invoice.status.in_(_OPEN_STATUSES), Invoice.due_date < today)
    if status in _OPEN_STATUSES:
        return and_(
            Invoice.status == status, or_(Invoice.due_date.is_(None), Invoice.due_date >= today)
        )
    return Invoice.status == status
