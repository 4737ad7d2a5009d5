"""Revenue by tier and year: invoiced, credited and collected, per year, tier and currency.

Invoiced is the net (before tax) of issued invoices by year of issue; credited is the net
of credit notes by year of issue; collected is payments by year received. Each is one
GROUP BY query; the tier is the billed organization's tier in the register.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from ...domain.money import Money
from ...domain.organizations import LABELS, Tier
from ...domain.reports import Column, ColumnType, Report, make_report
from ...persistence.models import CreditNote, Invoice, Organization, Payment
from ..dashboard.money_queries import NOT_REVENUE
from ..database_errors import translating_database_errors
from .catalog import ReportDefinition, ReportRequest

COLUMNS = (
    Column("Year", ColumnType.NUMBER),
    Column("Tier"),
    Column("Currency"),
    Column("Invoices", ColumnType.NUMBER),
    Column("Invoiced (net)", ColumnType.MONEY),
    Column("Credited (net)", ColumnType.MONEY),
    Column("Revenue (net)", ColumnType.MONEY),
    Column("Collected", ColumnType.MONEY),
)
NO_TIER = "No tier"
_TIER_ORDER = {tier.value: position for position, tier in enumerate(Tier)}
Key = tuple[int, str, str]


def _grouped(
    session: Session, source: Any, date_column: Any, amount: Any, year: int | None, *where: Any
) -> dict[Key, tuple[int, int]]:
    """Count and sum of ``amount`` per year of ``date_column``, tier and currency."""
    year_of = extract("year", date_column)
    tier = func.coalesce(Organization.tier, "")
    query = select(
        year_of.label("year"), tier.label("tier"), Invoice.currency, func.count(), amount
    )
    query = query.select_from(source)
    if source is not Invoice:
        query = query.join(Invoice, Invoice.id == source.invoice_id)
    query = query.join(Organization, Organization.id == Invoice.organization_id).where(*where)
    if year is not None:
        query = query.where(year_of == year)
    rows = session.execute(query.group_by("year", "tier", Invoice.currency))
    return {(int(y), t, c): (int(n), int(units or 0)) for y, t, c, n, units in rows}


def build(request: ReportRequest) -> Report:
    """Every year with activity, or only ``request.year``."""
    with translating_database_errors(request.factories), request.factories.read.begin() as s:
        invoiced = _grouped(
            s, Invoice, Invoice.issue_date, func.sum(Invoice.net_minor), request.year,
            Invoice.deleted.is_(False), Invoice.status.not_in(NOT_REVENUE),
        )  # fmt: skip
        credited = _grouped(
            s, CreditNote, CreditNote.issue_date, func.sum(CreditNote.net_minor), request.year,
            CreditNote.deleted.is_(False),
        )  # fmt: skip
        collected = _grouped(
            s, Payment, Payment.paid_on, func.sum(Payment.amount_minor), request.year,
            Payment.deleted.is_(False),
        )  # fmt: skip
    keys = sorted(
        set(invoiced) | set(credited) | set(collected),
        key=lambda k: (k[0], _TIER_ORDER.get(k[1], len(_TIER_ORDER)), k[2]),
    )
    rows = []
    for key in keys:
        year, tier, currency = key
        count, net = invoiced.get(key, (0, 0))
        credit = credited.get(key, (0, 0))[1]
        paid = collected.get(key, (0, 0))[1]
        rows.append((
            year, LABELS.get(tier, NO_TIER) if tier else NO_TIER, currency, count,
            _money(net, currency), _money(credit, currency), _money(net - credit, currency),
            _money(paid, currency),
        ))  # fmt: skip
    subtitle = f"Year {request.year}" if request.year else "Every year"
    return make_report(DEFINITION.title, COLUMNS, rows, subtitle)


def _money(units: int, currency: str) -> Money:
    return Money.from_minor_units(units, currency)


DEFINITION = ReportDefinition(
    name="revenue-by-tier",
    title="Revenue by tier and year",
    description="Invoiced, credited and collected amounts per year and tier (net of tax; "
    "collected as received).",
    takes_year=True,
    build=build,
)
