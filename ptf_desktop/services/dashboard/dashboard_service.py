"""The dashboard service: every figure of the dashboard in one read transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ...domain.fees import FeeScheduleData
from ...domain.organizations import OrgType
from ...persistence.engine import SessionFactories
from ..database_errors import translating_database_errors
from ..register.organization_service import associate_types
from ..renewals.fee_rows import load_schedules
from ..renewals.renewal_pricing import RenewalPricer
from ..renewals.renewal_rows import approved_premier
from . import member_queries, money_queries
from .figures import CountAndAmounts, DashboardFigures
from .parallel_reads import Query
from .parallel_reads import read_in_parallel as read_in_parallel  # the benchmark swaps it

# How many years the yearly charts cover, this year included.
CHART_YEARS = 4
# What renewal prices are worked out from: schedules, approved Premier applicants, the
# organization types eligible for Associate membership.
PricingInputs = tuple[tuple[FeeScheduleData, ...], frozenset[uuid.UUID], frozenset[OrgType]]


class DashboardService:
    """Computes the dashboard's figures with aggregate queries."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today
        self._last_pricer: tuple[PricingInputs, RenewalPricer] | None = None

    def _pricer(
        self, session: Session, schedules: list[FeeScheduleData], day: date
    ) -> RenewalPricer:
        """The renewal pricer for ``day``: the last refresh's when nothing it prices from changed.

        A price is a pure function of the schedules, the Premier approvals, the Associate
        eligibility and the member's pricing key, so a refresh that reads the same three
        keeps the prices the last one worked out (pro-rated terms make hundreds of them).
        """
        until = day + timedelta(days=member_queries.RENEWALS_WITHIN_DAYS)
        inputs: PricingInputs = (
            tuple(schedules),
            frozenset(approved_premier(session, until)),
            frozenset(associate_types(session)),
        )
        if self._last_pricer is not None and self._last_pricer[0] == inputs:
            return self._last_pricer[1]
        pricer = RenewalPricer(*inputs)
        self._last_pricer = (inputs, pricer)
        return pricer

    def _renewals_due(self, session: Session, day: date) -> tuple[CountAndAmounts, int]:
        schedules = load_schedules(session)
        pricer = self._pricer(session, schedules, day)
        boundaries = member_queries.band_boundaries(schedules)
        return member_queries.renewals_due(session, day, pricer, boundaries)

    def figures(self, today: date | None = None) -> DashboardFigures:
        """Every tile's and chart's figures as of a day (default today).

        The queries are independent reads and run on two connections at once (see
        ``parallel_reads``). Each connection reads its own snapshot, opened at the same
        moment: a change saved in between may show in some figures and not yet in others,
        until the next refresh, which a dashboard can live with.

        Raises:
            DatabaseProblem: the database cannot be read (see ``translating_database_errors``).
        """
        day = today or self._today()
        first_year = day.year - CHART_YEARS + 1
        queries: list[tuple[str, Query]] = [
            # The slowest first, so that they start at once on the two connections.
            ("renewals_due", lambda s: self._renewals_due(s, day)),
            ("members_by_year", lambda s: member_queries.members_by_year(
                s, first_year, day.year, day)),
            ("revenue_by_tier", lambda s: money_queries.revenue_by_tier(
                s, first_year, day.year)),
            ("invoiced", lambda s: money_queries.invoiced(s, day)),
            ("collected", lambda s: money_queries.collected(s, day)),
            ("aging", lambda s: money_queries.aging(s, day)),
            ("renewals_by_month", lambda s: member_queries.renewals_by_month(s, day)),
            ("non_renewing", member_queries.count_non_renewing),
            ("members", member_queries.members_by_tier_and_status),
            ("in_grace", member_queries.count_in_grace),
            ("open_quotes", lambda s: money_queries.open_quotes(s, day)),
            ("credit_balances", money_queries.credit_balances),
        ]  # fmt: skip
        with translating_database_errors(self._factories):
            found = read_in_parallel(self._factories.read, queries)
        renewals, unpriced = found["renewals_due"]
        invoiced, collected = found["invoiced"], found["collected"]
        return DashboardFigures(
            today=day,
            members=found["members"],
            invoiced_this_year=invoiced.this_year,
            invoiced_last_year=invoiced.last_year,
            collected_this_year=collected.this_year,
            collected_last_year=collected.last_year,
            outstanding=money_queries.receivables(found["aging"], overdue_only=False),
            overdue=money_queries.receivables(found["aging"], overdue_only=True),
            renewals_due=renewals,
            renewals_unpriced=unpriced,
            in_grace=found["in_grace"],
            non_renewing=found["non_renewing"],
            open_quotes=found["open_quotes"],
            revenue_by_tier=found["revenue_by_tier"],
            members_by_year=found["members_by_year"],
            renewals_by_month=found["renewals_by_month"],
            aging=found["aging"],
            credit_balances=found["credit_balances"],
        )
