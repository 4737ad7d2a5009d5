"""What the dashboard shows: plain figures, no database and no Qt.

Amounts are kept per currency (a tuple of Money, one per currency, sorted by currency
code): invoices may be in any currency and are never converted behind the reader's back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.money import Money

Amounts = tuple[Money, ...]


@dataclass(frozen=True)
class TierStatusCount:
    """How many organizations have one tier and one status."""

    tier: str
    status: str
    count: int


@dataclass(frozen=True)
class CountAndAmounts:
    """A number of records and what they add up to."""

    count: int
    amounts: Amounts


@dataclass(frozen=True)
class YearTierAmount:
    """Revenue invoiced (net of tax) in one year for one tier ("" for no tier)."""

    year: int
    tier: str
    amount: Money


@dataclass(frozen=True)
class YearTierCount:
    """Members of one tier holding a term at the end of one year (this year: today)."""

    year: int
    tier: str
    count: int


@dataclass(frozen=True)
class MonthCount:
    """Members whose term ends in one month (first day of that month)."""

    month: date
    count: int


@dataclass(frozen=True)
class BucketAmount:
    """Open balances of one aging bucket ("current", "1-30", ... "over 90")."""

    bucket: str
    count: int
    amount: Money


@dataclass(frozen=True)
class DashboardFigures:
    """Every figure of the dashboard, as of one day.

    Attributes:
        today: the day the figures are for.
        members: organizations with a tier, counted by tier and status.
        invoiced_this_year: issued invoices (net of tax) from 1 January to today.
        invoiced_last_year: the same, last year from 1 January to the same date.
        collected_this_year: payments received from 1 January to today.
        collected_last_year: payments received last year up to the same date.
        outstanding: open balances of issued invoices not settled.
        overdue: those of them past their due date.
        renewals_due: current, renewing members whose term ends in the next 90 days,
            with the price of their next terms.
        renewals_unpriced: how many of those could not be priced (fee schedule gaps).
        in_grace: members in their grace period.
        non_renewing: current members who gave notice of non-renewal (lapsing).
        open_quotes: quotes sent and still valid.
        revenue_by_tier: invoiced net revenue per year and tier.
        members_by_year: members per tier holding a term at the end of each year (this
            year: today).
        renewals_by_month: current members' term ends in each of the next 12 months.
        aging: open balances by aging bucket.
        credit_balances: members with a credit balance (credit notes on paid invoices,
            overpayments kept as credit), and the credit per currency.
    """

    today: date
    members: tuple[TierStatusCount, ...]
    invoiced_this_year: Amounts
    invoiced_last_year: Amounts
    collected_this_year: Amounts
    collected_last_year: Amounts
    outstanding: CountAndAmounts
    overdue: CountAndAmounts
    renewals_due: CountAndAmounts
    renewals_unpriced: int
    in_grace: int
    non_renewing: int
    open_quotes: CountAndAmounts
    revenue_by_tier: tuple[YearTierAmount, ...]
    members_by_year: tuple[YearTierCount, ...]
    renewals_by_month: tuple[MonthCount, ...]
    aging: tuple[BucketAmount, ...]
    credit_balances: CountAndAmounts = CountAndAmounts(0, ())

    def member_count(self, tier: str | None = None, status: str | None = None) -> int:
        """Organizations of a tier and status (None: any)."""
        return sum(
            row.count
            for row in self.members
            if (tier is None or row.tier == tier) and (status is None or row.status == status)
        )
