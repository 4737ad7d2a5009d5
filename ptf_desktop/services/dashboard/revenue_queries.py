"""Revenue by year and tier: the one set of queries the dashboard and the report both use.

The tier is the one each invoice was issued for (``Invoice.tier``, see
``services.billing.invoice_tier``), never the organization's tier today; credit notes and
payments count under the tier of the invoice they settle. Each figure is one GROUP BY;
the invoices' reads one covering index (``ix_invoices_revenue``) in its grouping order
and joins nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from ...domain.billing.statuses import InvoiceStatus
from ...persistence.models import CreditNote, Invoice, Payment
from ..billing.credit_balance import CREDIT_METHOD

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
    year: Any,
    amount: Any,
    first_year: int | None,
    last_year: int | None,
) -> tuple[YearTierTotal, ...]:
    """``query`` (rows joined to their invoice) grouped by ``year``, tier and currency."""
    query = query.add_columns(
        year.label("year"), Invoice.tier, Invoice.currency, func.count(), func.sum(amount)
    )
    if first_year is not None:
        query = query.where(year >= first_year)
    if last_year is not None:
        query = query.where(year <= last_year)
    # Grouped on the bare columns, in the revenue index's order: no sort in SQLite.
    query = query.group_by(year, Invoice.tier, Invoice.currency)
    found = (
        YearTierTotal(int(y), tier or NO_TIER, str(c), int(n), int(units or 0))
        for y, tier, c, n, units in session.execute(query)
    )
    return tuple(sorted(found, key=lambda row: (row.year, row.tier, row.currency)))


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
    return _grouped(session, query, Invoice.issue_year, Invoice.net_minor, first_year, last_year)


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
        session,
        query,
        extract("year", CreditNote.issue_date),
        CreditNote.net_minor,
        first_year,
        last_year,
    )


def collected_by_year_and_tier(
    session: Session, first_year: int | None = None, last_year: int | None = None
) -> tuple[YearTierTotal, ...]:
    """Payments and their amount by year received, the paid invoice's tier and currency.

    Reversals count negative; credit applied from a member's credit balance is left out
    (that money was counted when it was received).

    Args:
        session: a read session.
        first_year: the first year counted (None: from the first payment).
        last_year: the last year counted (None: up to the last payment).
    """
    query = (
        select()
        .select_from(Payment)
        .join(Invoice, Invoice.id == Payment.invoice_id)
        .where(Payment.deleted.is_(False), Payment.method != CREDIT_METHOD)
    )
    year = extract("year", Payment.paid_on)
    return _grouped(session, query, year, Payment.amount_minor, first_year, last_year)
