"""The dashboard's figures on a small known data set (see helpers.dashboard_data)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ptf_desktop.domain.money import Money
from ptf_desktop.services.dashboard.dashboard_service import DashboardService
from ptf_desktop.services.dashboard.figures import (
    BucketAmount,
    CountAndAmounts,
    MonthCount,
    TierStatusCount,
    YearTierAmount,
    YearTierCount,
)
from ptf_desktop.services.dashboard.money_queries import same_day_last_year

from helpers.dashboard_data import TODAY, make_known_data

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


@pytest.fixture
def figures(context: Any) -> Any:
    make_known_data(context)
    return context.dashboard.figures(TODAY)


def test_members_by_tier_and_status(figures: Any) -> None:
    assert figures.members == (
        TierStatusCount("associate", "grace", 1),
        TierStatusCount("general", "active", 2),
        TierStatusCount("premier", "active", 1),
    )
    assert figures.member_count(status="active") == 3
    assert (figures.in_grace, figures.non_renewing) == (1, 1)


def test_revenue_this_year_and_last_year_at_the_same_date(figures: Any) -> None:
    assert figures.invoiced_this_year == (usd("125000"),)  # 100,000 + 20,000 + 5,000
    assert figures.invoiced_last_year == (usd("100000"),)  # 2025-12-10 is after 30 November
    assert figures.collected_this_year == (usd("80000"),)  # 60,000 + 20,000 (5 January)
    assert figures.collected_last_year == (usd("100000"),)


def test_receivables_outstanding_overdue_and_aging(figures: Any) -> None:
    assert figures.outstanding == CountAndAmounts(3, (usd("65000"),))
    assert figures.overdue == CountAndAmounts(2, (usd("45000"),))
    assert figures.aging == (
        BucketAmount("current", 1, usd("20000")),
        BucketAmount("1-30", 1, usd("5000")),
        BucketAmount("over 90", 1, usd("40000")),
    )


def test_renewals_due_are_priced_from_the_fee_schedule(figures: Any) -> None:
    # Premier 150,000 + LF Silver 20,000; General (500 employees) 30,000 + 15,000;
    # Associate free. Epsilon gave notice and is not counted.
    assert figures.renewals_due == CountAndAmounts(3, (usd("215000"),))
    assert figures.renewals_unpriced == 0
    assert figures.renewals_by_month[:2] == (
        MonthCount(date(2026, 11, 1), 0),
        MonthCount(date(2026, 12, 1), 4),
    )
    assert len(figures.renewals_by_month) == 12
    assert figures.renewals_by_month[-1].month == date(2027, 10, 1)


def test_open_quotes_leave_out_expired_ones(figures: Any) -> None:
    assert figures.open_quotes == CountAndAmounts(1, (usd("35000"),))


def test_chart_series(figures: Any) -> None:
    assert figures.revenue_by_tier == (
        YearTierAmount(2025, "general", usd("20000")),
        YearTierAmount(2025, "premier", usd("100000")),
        YearTierAmount(2026, "associate", usd("5000")),
        YearTierAmount(2026, "general", usd("20000")),
        YearTierAmount(2026, "premier", usd("100000")),
    )
    assert figures.members_by_year == (
        YearTierCount(2026, "associate", 1),
        YearTierCount(2026, "general", 2),
        YearTierCount(2026, "premier", 1),
    )


def test_a_day_later_moves_the_figures(context: Any) -> None:
    make_known_data(context)
    later = DashboardService(context.factories).figures(date(2027, 1, 1))
    assert later.invoiced_this_year == ()
    assert later.renewals_due.count == 0
    assert later.overdue == CountAndAmounts(3, (usd("65000"),))


def test_an_empty_database_shows_zeros(context: Any) -> None:
    empty = context.dashboard.figures(TODAY)
    assert empty.members == ()
    assert empty.outstanding == CountAndAmounts(0, ())
    assert empty.aging == ()


def test_same_day_last_year_handles_29_february() -> None:
    assert same_day_last_year(date(2028, 2, 29)) == date(2027, 2, 28)
    assert same_day_last_year(date(2026, 11, 30)) == date(2025, 11, 30)


def test_a_refresh_after_a_fee_change_prices_renewals_afresh(context: Any) -> None:
    from dataclasses import replace

    make_known_data(context)
    service = DashboardService(context.factories)
    assert service.figures(TODAY).renewals_due == CountAndAmounts(3, (usd("215000"),))
    assert service.figures(TODAY).renewals_due == CountAndAmounts(3, (usd("215000"),))
    current = context.fees.schedule_on(TODAY)
    raised = tuple(
        replace(e, amount=e.amount + usd("10000")) if e.kind.value == "premier" else e
        for e in current.entries
    )
    context.fees.add_schedule("Fees 2027", date(2027, 1, 1), raised)
    # Alpha (Premier) renews on 1 January 2027 under the new schedule.
    assert service.figures(TODAY).renewals_due == CountAndAmounts(3, (usd("225000"),))
