"""Receivables aging: how long the open balances have been past due, by organization."""

from __future__ import annotations

from collections.abc import Iterable
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

    @property
    def total(self) -> Money:
        """The sum of every bucket."""
        total = Money(Decimal(0), self.currency)
        for amount in self.buckets.values():
            total = total + amount
        return total


def aging_report(items: Iterable[OpenItem], as_of: date) -> list[AgingRow]:
    """Group open balances by organization and currency into the five buckets.

    Currencies are never added together: an organization owing USD and EUR has two rows.
    Rows come sorted by organization name, then currency.
    """
    rows: dict[tuple[str, str], AgingRow] = {}
    for item in items:
        if item.balance.amount <= 0:
            continue
        row = rows.setdefault(
            (item.organization, item.currency),
            AgingRow(
                item.organization,
                item.currency,
                {bucket: Money(Decimal(0), item.currency) for bucket in AgingBucket},
            ),
        )
        bucket = aging_bucket(item.due_date, as_of)
        row.buckets[bucket] = row.buckets[bucket] + item.balance
    return [rows[key] for key in sorted(rows, key=lambda k: (k[0].casefold(), k[0], k[1]))]
