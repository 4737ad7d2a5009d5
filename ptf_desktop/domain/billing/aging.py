"""Receivables aging: how long the open balances have been past due, by organization.

Members with a credit balance (credit notes on paid invoices, overpayments kept as
credit) are listed too, with the credit beside what they owe: money owed back is part
of the picture, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ..money import Money


class AgingBucket(StrEnum):
    """Days past the due date."""

    CURRENT = "current"
    DAYS_1_30 = "1-30"
    DAYS_31_60 = "31-60"
    DAYS_61_90 = "61-90"
    OVER_90 = "over 90"


def aging_bucket(due_date: date, as_of: date) -> AgingBucket:
    """The bucket of a balance due on ``due_date``, seen on ``as_of`` (not yet due is current)."""
    days = (as_of - due_date).days
    if days <= 0:
        return AgingBucket.CURRENT
    if days <= 30:
        return AgingBucket.DAYS_1_30
    if days <= 60:
        return AgingBucket.DAYS_31_60
    if days <= 90:
        return AgingBucket.DAYS_61_90
    return AgingBucket.OVER_90


@dataclass(frozen=True)
class OpenItem:
    """One invoice's open balance (positive) for the aging report."""

    organization: str
    currency: str
    due_date: date
    balance: Money


@dataclass
class AgingRow:
    """The open balances of one organization in one currency, per bucket."""

    organization: str
    currency: str
    buckets: dict[AgingBucket, Money] = field(default_factory=dict)
    # The member's credit balance in this currency (None: no credit).
    credit: Money | None = None

    @property
    def total(self) -> Money:
        """The sum of every bucket."""
        total = Money(Decimal(0), self.currency)
        for amount in self.buckets.values():
            total = total + amount
        return total


def aging_report(
    items: Iterable[OpenItem],
    as_of: date,
    credits: Mapping[tuple[str, str], Money] | None = None,
) -> list[AgingRow]:
    """Group open balances by organization and currency into the five buckets.

    Currencies are never added together: an organization owing USD and EUR has two rows.
    Rows come sorted by organization name, then currency.

    Args:
        items: the open balances of issued invoices.
        as_of: the day the balances are aged on.
        credits: credit balances by (organization, currency); each gets a row.
    """
    rows: dict[tuple[str, str], AgingRow] = {}

    def row_of(organization: str, currency: str) -> AgingRow:
        zero = Money(Decimal(0), currency)
        return rows.setdefault(
            (organization, currency),
            AgingRow(organization, currency, {bucket: zero for bucket in AgingBucket}),
        )

    for item in items:
        if item.balance.amount <= 0:
            continue
        row = row_of(item.organization, item.currency)
        bucket = aging_bucket(item.due_date, as_of)
        row.buckets[bucket] = row.buckets[bucket] + item.balance
    for (organization, currency), amount in (credits or {}).items():
        if amount.amount > 0:
            row_of(organization, currency).credit = amount
    return [rows[key] for key in sorted(rows, key=lambda k: (k[0].casefold(), k[0], k[1]))]
