"""Receivables aging: each organization's open balances by days past due, as of today.

The figures come from the receivables service the ``ptf receivables aging`` command uses,
so the report and the command never disagree. Currencies are never added together: an
organization owing USD and EUR has a row for each.
"""

from __future__ import annotations

from ...domain.billing.aging import AgingBucket
from ...domain.reports import Column, ColumnType, Value
from ..billing.receivables import ReceivablesService
from .catalog import ReportContent, ReportRequest

# A column per bucket, in the buckets' order (the rows follow the same order).
_BUCKET_TITLES = {
    AgingBucket.CURRENT: "Current",
    AgingBucket.DAYS_1_30: "1-30 days",
    AgingBucket.DAYS_31_60: "31-60 days",
    AgingBucket.DAYS_61_90: "61-90 days",
    AgingBucket.OVER_90: "Over 90 days",
}
COLUMNS = (
    Column("Organization"),
    Column("Currency"),
    *(Column(_BUCKET_TITLES[bucket], ColumnType.MONEY) for bucket in AgingBucket),
    Column("Total", ColumnType.MONEY),
)


def content(request: ReportRequest) -> ReportContent:
    """Open balances of issued invoices by organization and currency, aged as of today."""
    day = request.day()
    aged = ReceivablesService(request.factories).aging(day)
    rows: list[tuple[Value, ...]] = [
        (row.organization, row.currency, *(row.buckets[b] for b in AgingBucket), row.total)
        for row in aged
    ]
    subtitle = f"Open balances as of {day.isoformat()}, by days past the due date"
    return rows, subtitle
