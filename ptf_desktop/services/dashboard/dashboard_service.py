"""The dashboard service: every figure of the dashboard in one read transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from ...persistence.engine import SessionFactories
from ..database_errors import translating_database_errors
from ..renewals.fee_rows import load_schedules
from ..renewals.renewal_pricing import RenewalPricer
from . import member_queries, money_queries
from .figures import DashboardFigures

# How many years the yearly charts cover, this year included.
CHART_YEARS = 4


class DashboardService:
    """Computes the dashboard's figures with aggregate queries."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today

    def figures(self, today: date | None = None) -> DashboardFigures:
        """Every tile's and chart's figures as of a day (default today).

        Raises:
            DatabaseProblem: the database cannot be read (see ``translating_database_errors``).
        """
        day = today or self._today()
        last_year_day = money_queries.same_day_last_year(day)
        first_year = day.year - CHART_YEARS + 1
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            schedules = load_schedules(s)
            pricer = RenewalPricer.load(
                s, day + timedelta(days=member_queries.RENEWALS_WITHIN_DAYS)
            )
            renewals, unpriced = member_queries.renewals_due(
                s, day, pricer, member_queries.band_boundaries(schedules)
            )
            return DashboardFigures(
                today=day,
                members=member_queries.members_by_tier_and_status(s),
                invoiced_this_year=money_queries.invoiced(s, date(day.year, 1, 1), day),
                invoiced_last_year=money_queries.invoiced(
                    s, date(day.year - 1, 1, 1), last_year_day
                ),
                collected_this_year=money_queries.collected(s, date(day.year, 1, 1), day),
                collected_last_year=money_queries.collected(
                    s, date(day.year - 1, 1, 1), last_year_day
                ),
                outstanding=money_queries.receivables(s, day, overdue_only=False),
                overdue=money_queries.receivables(s, day, overdue_only=True),
                renewals_due=renewals,
                renewals_unpriced=unpriced,
                in_grace=member_queries.count_in_grace(s),
                non_renewing=member_queries.count_non_renewing(s),
                open_quotes=money_queries.open_quotes(s, day),
                revenue_by_tier=money_queries.revenue_by_tier(s, first_year, day.year),
                members_by_year=member_queries.members_by_year(s, first_year, day.year),
                renewals_by_month=member_queries.renewals_by_month(s, day),
                aging=money_queries.aging(s, day),
            )
