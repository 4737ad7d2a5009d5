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
from .figures import DashboardFigures

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
            pricer = self._pricer(s, schedules, day)
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
                members_by_year=member_queries.members_by_year(s, first_year, day.year, day),
                renewals_by_month=member_queries.renewals_by_month(s, day),
                aging=money_queries.aging(s, day),
            )
