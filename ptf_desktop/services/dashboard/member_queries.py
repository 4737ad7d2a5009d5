"""The dashboard's register figures: members by tier and status, over time, and renewals.

Counts are GROUP BY queries. The value of the renewals due is priced through the same
pricing function as the Renewals area, but once per group of members who get the same
price (tier, employee band, LF membership, type, term end, Premier approval), the groups
being formed by the database.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Integer, String, and_, case, cast, column, func, select, values
from sqlalchemy.orm import Session

from ...domain.money import Money
from ...domain.organizations import ApplicationOutcome, MembershipStatus, Tier
from ...domain.renewals import RenewalIntent
from ...persistence.models import MembershipApplication, MembershipTerm, Organization
from ..renewals.renewal_pricing import RenewalPricer
from ..renewals.renewal_rows import CURRENT_STATUSES, MemberRow
from .figures import CountAndAmounts, MonthCount, TierStatusCount, YearTierCount
from .money_queries import money_totals

RENEWALS_WITHIN_DAYS = 90


def members_by_tier_and_status(session: Session) -> tuple[TierStatusCount, ...]:
    """Organizations with a tier, counted by tier and status."""
    query = (
        select(Organization.tier, Organization.status, func.count())
        .where(Organization.deleted.is_(False), Organization.tier.is_not(None))
        .group_by(Organization.tier, Organization.status)
        .order_by(Organization.tier, Organization.status)
    )
    return tuple(
        TierStatusCount(str(tier), status, count) for tier, status, count in session.execute(query)
    )


def count_in_grace(session: Session) -> int:
    """Members in their grace period."""
    query = select(func.count()).where(
        Organization.deleted.is_(False), Organization.status == MembershipStatus.GRACE.value
    )
    return int(session.scalar(query) or 0)


def count_non_renewing(session: Session) -> int:
    """Current members who gave notice that they will not renew (they lapse at term end)."""
    query = select(func.count()).where(
        Organization.deleted.is_(False),
        Organization.status.in_(CURRENT_STATUSES),
        Organization.renewal_intent == RenewalIntent.NON_RENEWING.value,
    )
    return int(session.scalar(query) or 0)


def members_by_year(
    session: Session, first_year: int, last_year: int, today: date
) -> tuple[YearTierCount, ...]:
    """Members per tier at the end of each year (for this year: today), from their terms.

    One query: the terms are range-joined to a small list of year-end days. A member's
    terms never overlap, so counting the terms that cover a day counts the members that
    day (no DISTINCT); each day is one range of the terms' date index.
    """
    days = [(year, min(date(year, 12, 31), today)) for year in range(first_year, last_year + 1)]
    if not days:
        return ()
    # A CTE: SQLite has no "(VALUES ...) AS name (columns)" in FROM.
    year_ends = (
        values(column("year", Integer), column("day", Date), name="year_ends")
        .data(days)
        .cte("year_ends")
    )
    query = (
        select(year_ends.c.year, MembershipTerm.tier, func.count())
        .select_from(year_ends)
        .join(
            MembershipTerm,
            and_(
                MembershipTerm.end_date >= year_ends.c.day,
                MembershipTerm.start_date <= year_ends.c.day,
            ),
        )
        .where(MembershipTerm.deleted.is_(False))
        .group_by(year_ends.c.year, MembershipTerm.tier)
        .order_by(year_ends.c.year, MembershipTerm.tier)  # the grouping's order: no extra sort
    )
    return tuple(YearTierCount(year, tier, count) for year, tier, count in session.execute(query))


def _month_starts(today: date, months: int) -> list[date]:
    return [
        date(today.year + (today.month - 1 + n) // 12, (today.month - 1 + n) % 12 + 1, 1)
        for n in range(months)
    ]


def renewals_by_month(session: Session, today: date, months: int = 12) -> tuple[MonthCount, ...]:
    """Current members whose term ends in each month from this one, for ``months`` months.

    Counted per day of term end (a range of the term-end index, already in date order,
    at most a year of days), then added up per month here.
    """
    starts = _month_starts(today, months + 1)
    query = (
        select(Organization.term_end, func.count())
        .where(Organization.deleted.is_(False), Organization.status.in_(CURRENT_STATUSES))
        .where(Organization.tier.in_([tier.value for tier in Tier]))
        .where(Organization.term_end >= today, Organization.term_end < starts[-1])
        .group_by(Organization.term_end)
    )
    found: dict[date, int] = {}
    for end, count in session.execute(query):
        if end is None:  # excluded by the range; for the type checker
            continue
        month = date(end.year, end.month, 1)
        found[month] = found.get(month, 0) + count
    return tuple(MonthCount(start, found.get(start, 0)) for start in starts[:-1])


def renewals_due(
    session: Session, today: date, pricer: RenewalPricer, boundaries: list[int]
) -> tuple[CountAndAmounts, int]:
    """Current, renewing members whose term ends in the next 90 days, and their next terms' price.

    Returns:
        The count with the total price per currency, and how many could not be priced.
    """
    last = today + timedelta(days=RENEWALS_WITHIN_DAYS)
    approved_ids = select(MembershipApplication.organization_id).where(
        MembershipApplication.tier == Tier.PREMIER.value,
        MembershipApplication.outcome == ApplicationOutcome.APPROVED.value,
        MembershipApplication.decided_on <= last,
        MembershipApplication.deleted.is_(False),
    )
    band = case(
        (Organization.employees.is_(None), -1),
        *((Organization.employees < boundary, index) for index, boundary in enumerate(boundaries)),
        else_=len(boundaries),
    )
    group = (
        Organization.tier, Organization.next_tier, band, Organization.lf_membership,
        Organization.org_type, Organization.term_end, Organization.renewal_intent,
        Organization.id.in_(approved_ids).label("approved"),
    )  # fmt: skip
    query = (
        # Any one member's id stands for its group; PostgreSQL has no min() of a uuid.
        select(
            *group,
            func.min(cast(Organization.id, String)),
            func.min(Organization.employees),
            func.count(),
        )
        .where(Organization.deleted.is_(False), Organization.status.in_(CURRENT_STATUSES))
        .where(Organization.renewal_intent == RenewalIntent.RENEWING.value)
        .where(Organization.term_end >= today)
        .where(Organization.term_end <= last)
        .group_by(*group)
    )
    totals: list[Money] = []
    count = unpriced = 0
    for found in session.execute(query):
        tier, next_tier, _band, lf, org_type, end, intent, _approved = found[:8]
        some_id, employees, members = found[8:]
        count += members
        row = MemberRow(
            _as_uuid(some_id), "", org_type, employees, lf, tier, next_tier,
            MembershipStatus.ACTIVE.value, end, intent, None, None,
        )  # fmt: skip
        priced = pricer.next_term(row)
        if priced is None or priced.price is None:
            unpriced += members
            continue
        total: Money = priced.price.total
        totals.append(Money(total.amount * members, total.currency))
    return CountAndAmounts(count, money_totals(totals)), unpriced


def _as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def band_boundaries(pricer_schedules: Any) -> list[int]:
    """The employee counts where a fee band starts or ends, in every schedule."""
    return sorted(
        {e.min_employees for s in pricer_schedules for e in s.entries}
        | {
            e.max_employees + 1
            for s in pricer_schedules
            for e in s.entries
            if e.max_employees is not None
        }
    )
