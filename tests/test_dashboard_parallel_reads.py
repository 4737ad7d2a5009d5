"""The dashboard's reads on two connections, and its one-query figures, against plain counts."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from ptf_desktop.domain.money import Money
from ptf_desktop.persistence.models import MembershipTerm
from ptf_desktop.services.dashboard import member_queries, money_queries
from ptf_desktop.services.dashboard.figures import BucketAmount, CountAndAmounts, YearTierCount
from ptf_desktop.services.dashboard.parallel_reads import read_in_parallel

from helpers.dashboard_data import TODAY, make_known_data


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def test_two_threads_read_at_once_each_on_its_own_connection(context: Any) -> None:
    # Both queries wait for each other: this passes only if they run at the same time.
    both_running = threading.Barrier(2, timeout=10)

    def query(session: Any) -> tuple[int, str]:
        connection = session.connection().connection.dbapi_connection
        both_running.wait()  # each holds its connection (its read transaction) meanwhile
        return id(connection), threading.current_thread().name

    found = read_in_parallel(context.factories.read, [("a", query), ("b", query)])
    assert found["a"][0] != found["b"][0]
    assert found["a"][1] != found["b"][1]


def test_every_query_runs_once_whatever_thread_takes_it(context: Any) -> None:
    queries = [(f"q{n}", lambda _session, n=n: n * n) for n in range(9)]
    assert read_in_parallel(context.factories.read, queries) == {f"q{n}": n * n for n in range(9)}


def test_a_failing_query_fails_the_whole_read(context: Any) -> None:
    def broken(_session: Any) -> None:
        raise ValueError("no such figure")

    with pytest.raises(ValueError, match="no such figure"):
        read_in_parallel(context.factories.read, [("ok", lambda _s: 1), ("bad", broken)])


def test_the_figures_on_two_threads_equal_the_figures_on_one(context: Any) -> None:
    make_known_data(context)
    parallel = context.dashboard.figures(TODAY)
    with context.factories.read.begin() as session:
        assert parallel.members == member_queries.members_by_tier_and_status(session)
        assert parallel.aging == money_queries.aging(session, TODAY)
        invoiced = money_queries.invoiced(session, TODAY)
        assert (parallel.invoiced_this_year, parallel.invoiced_last_year) == (
            invoiced.this_year,
            invoiced.last_year,
        )
        assert parallel.members_by_year == member_queries.members_by_year(
            session, TODAY.year - 3, TODAY.year, TODAY
        )


def test_members_by_year_in_one_query_counts_the_terms_covering_each_year_end(
    context: Any,
) -> None:
    make_known_data(context)
    today = date(2027, 6, 30)
    with context.factories.read.begin() as session:
        found = member_queries.members_by_year(session, 2024, 2027, today)
        terms = session.execute(
            select(MembershipTerm.tier, MembershipTerm.start_date, MembershipTerm.end_date).where(
                MembershipTerm.deleted.is_(False)
            )
        ).all()
    expected = []
    for year in range(2024, 2028):
        day = min(date(year, 12, 31), today)
        counts: dict[str, int] = {}
        for tier, start, end in terms:
            if start <= day <= end:
                counts[tier] = counts.get(tier, 0) + 1
        expected.extend(YearTierCount(year, tier, counts[tier]) for tier in sorted(counts))
    assert found == tuple(expected)
    assert any(row.year == 2026 for row in found)


def test_no_years_no_query(context: Any) -> None:
    with context.factories.read.begin() as session:
        assert member_queries.members_by_year(session, 2027, 2026, TODAY) == ()


def test_receivables_are_the_aging_buckets_added_up() -> None:
    aging = (
        BucketAmount("current", 1, usd("20000")),
        BucketAmount("1-30", 1, usd("5000")),
        BucketAmount("over 90", 2, usd("40000")),
    )
    assert money_queries.receivables(aging, overdue_only=False) == CountAndAmounts(
        4, (usd("65000"),)
    )
    assert money_queries.receivables(aging, overdue_only=True) == CountAndAmounts(
        3, (usd("45000"),)
    )
    assert money_queries.receivables((), overdue_only=True) == CountAndAmounts(0, ())
