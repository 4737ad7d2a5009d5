"""Revenue by tier and year: invoiced, credited and collected, per year, tier and currency.

Invoiced is the net (before tax) of issued invoices by year of issue; credited is the net
of credit notes by year of issue; collected is payments by year received. The tier is the
one each invoice was issued for, not the organization's tier today; the figures come
from the same queries as the dashboard's revenue chart (``dashboard.revenue_queries``).
"""

from __future__ import annotations

from ...domain.organizations import LABELS, Tier
from ...domain.reports import Column, ColumnType
from ...persistence.money_columns import stored_money
from ..dashboard.revenue_queries import (
    YearTierTotal,
    collected_by_year_and_tier,
    credited_by_year_and_tier,
    invoiced_by_year_and_tier,
)
from ..database_errors import translating_database_errors
from .catalog import ReportContent, ReportRequest

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


def _keyed(rows: tuple[YearTierTotal, ...]) -> dict[Key, tuple[int, int]]:
    return {(r.year, r.tier, r.currency): (r.count, r.minor_units) for r in rows}


def content(request: ReportRequest) -> ReportContent:
    """Every year with activity, or only ``request.year``."""
    year = request.year
    with translating_database_errors(request.factories), request.factories.read.begin() as s:
        invoiced = _keyed(invoiced_by_year_and_tier(s, year, year))
        credited = _keyed(credited_by_year_and_tier(s, year, year))
        collected = _keyed(collected_by_year_and_tier(s, year, year))
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
            stored_money(net, currency), stored_money(credit, currency),
            stored_money(net - credit, currency), stored_money(paid, currency),
        ))  # fmt: skip
    subtitle = f"Year {request.year}" if request.year else "Every year"
    return rows, subtitle
