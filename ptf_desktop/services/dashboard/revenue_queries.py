"""Revenue by year and tier: the one set of queries the dashboard and the report both use.

The tier is the one each invoice was issued for (``Invoice.tier``, see
``services.billing.invoice_tier``), never the organization's tier today; credit notes and
payments count under the tier of the invoice they settle. Each figure is one GROUP BY
over a covering index: invoices are not joined to organizations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from ...domain.billing.statuses import InvoiceStatus
from ...persistence.models import CreditNote, Invoice, Payment

# Issued invoices count as revenue; drafts do not (credit notes reduce it separately).
NOT_REVENUE = (InvoiceStatus.DRAFT.value,)
NO_TIER = ""


@dataclass(frozen=True)
class YearTierTotal:
    """How many records of one year, tier ("" for none) and currency, and their sum."""

    year: int
    tier: str
    currency: str
    count: int
    minor_units: int


def _grouped(
    session: Session,
    query: Any,
    day: Any,
    amount: Any,
    first_year: int | None,
    last_year: int | None,
) -> tuple[YearTierTotal, ...]:
    """``query`` (rows of invoices) grouped by year of ``day``, tier and currency."""
    year = extract("year", day)
    query = query.add_columns(
        year.label("year"),
        func.coalesce(Invoice.tier, NO_TIER).label("tier"),
        Invoice.currency,
        func.count(),
        func.sum(amount),
    )
    if first_year is not None:
        query = query.where(day >= date(first_year, 1, 1))
    if last_year is not None:
        query = query.where(day <= date(last_year, 12, 31))
    query = query.group_by("year", "tier", Invoice.currency).order_by(
        "year", "tier", Invoice.currency
    )
    return tuple(
        YearTierTotal(int(y), str(t), str(c), int(n), int(units or 0))
        for y, t, c, n, units in session.execute(query)
    )


def invoiced_by_year_and_tier(
    session: Session, first_year: int | None = None, last_year: int | None = None
) -> tuple[YearTierTotal, ...]:
    """Issued invoices and their net (before tax) by year of issue, tier and currency.

    Args:
        session: a read session.
        first_year: the first year counted (None: from the first invoice).
        last_year: the last year counted (None: up to the last invoice).
    """
    query = (
        select()
        .select_from(Invoice)
        .where(Invoice.deleted.is_(False), Invoice.status.not_in(NOT_REVENUE))
    )
    return _grouped(session, query, Invoice.issue_date, Invoice.net_minor, first_year, last_year)


def credited_by_year_and_tier(
    session: Session, first_year: int | None = None, last_year: int | None = None
) -> tuple[YearTierTotal, ...]:
    """Credit notes and their net by year of issue, the credited invoice's tier and currency.

    Args:
        session: a read session.
        first_year: the first year counted (None: from the first credit note).
        last_year: the last year counted (None: up to the last credit note).
    """
    query = (
        select()
        .select_from(CreditNote)
        .join(Invoice, Invoice.id == CreditNote.invoice_id)
        .where(CreditNote.deleted.is_(False))
    )
    return _grouped(
        session, query, CreditNote.issue_date, CreditNote.net_minor, first_year, last_year
    )


def collected_by_year_and_tier(
    session: Session, first_year: int | None = None, last_year: int | None = None
) -> tuple[YearTierTotal, ...]:
    """Payments and their amount by year received, the paid invoice's tier and currency.

    Args:
        session: a read session.
        first_year: the first year counted (None: from the first payment).
        last_year: the last year counted (None: up to the last payment).
    """
    query = (
        select()
        .select_from(Payment)
        .join(Invoice, Invoice.id == Payment.invoice_id)
        .where(Payment.deleted.is_(False))
    )
    return _grouped(session, query, Payment.paid_on, Payment.amount_minor, first_year, last_year)
