"""Member list by tier: the current members, or those of a given year.

Without a year the list shows the current members (status active or in grace, as the
Governing Board counts them) with their tier today. With a year it shows every
organization that held a membership term during that year, at the tier of its last term
that year, so a member that lapsed in March still appears in that year's list.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import Select, func, select

from ...domain.organizations import LABELS, MembershipStatus, Tier
from ...domain.reports import Column, ColumnType
from ...persistence.models import MembershipTerm, Organization
from ..database_errors import translating_database_errors
from .catalog import ReportContent, ReportRequest

COLUMNS = (
    Column("Tier"),
    Column("Organization"),
    Column("Country"),
    Column("Employees", ColumnType.NUMBER),
    Column("Member since", ColumnType.DATE),
    Column("Term start", ColumnType.DATE),
    Column("Term end", ColumnType.DATE),
    Column("Status"),
)
_TIER_ORDER = {tier.value: position for position, tier in enumerate(Tier)}
_CURRENT = (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value)
_ORG = (
    Organization.display_name, Organization.country, Organization.employees,
    Organization.member_since, Organization.status,
)  # fmt: skip


def content(request: ReportRequest) -> ReportContent:
    """The members by tier, current or of ``request.year``."""
    factories = request.factories
    today = date.today()
    with translating_database_errors(factories), factories.read.begin() as session:
        if request.year is None:
            rows = session.execute(_current(today)).all()
            subtitle = f"Current members on {today:%Y-%m-%d} (active or in grace)"
        else:
            rows = session.execute(_of_year(request.year)).all()
            subtitle = f"Members with a term during {request.year}"
    # SQL orders by name for a stable order; people expect tiers in rank and names
    # compared without regard to case, in any script.
    ordered = sorted(rows, key=lambda row: (_TIER_ORDER[row.tier], row.display_name.casefold()))
    return [_row(row) for row in ordered], subtitle


def _latest_terms(*conditions: Any) -> Any:
    """Each organization's latest term among those matching the conditions (rank 1)."""
    rank = func.row_number().over(
        partition_by=MembershipTerm.organization_id,
        order_by=(MembershipTerm.start_date.desc(), MembershipTerm.end_date.desc()),
    )
    return (
        select(
            MembershipTerm.organization_id,
            MembershipTerm.tier,
            MembershipTerm.start_date,
            MembershipTerm.end_date,
            rank.label("rank"),
        )  # fmt: skip
        .where(MembershipTerm.deleted.is_(False), *conditions)
        .subquery()
    )


def _current(today: date) -> Select[Any]:
    """Current members at their tier today, with the latest term that has started.

    The term is found per member through the organization index (a correlated
    subquery): ranking every term of the register first, as ``_of_year`` does, costs a
    third more with 160,000 terms, most of them of organizations that are not members.
    """
    latest = (
        select(MembershipTerm.id)
        .where(
            MembershipTerm.organization_id == Organization.id,
            MembershipTerm.deleted.is_(False),
            MembershipTerm.start_date <= today,
        )
        .order_by(MembershipTerm.start_date.desc(), MembershipTerm.end_date.desc())
        .limit(1)
        .correlate(Organization)
        .scalar_subquery()
    )
    query = (
        select(*_ORG, Organization.tier, MembershipTerm.start_date, MembershipTerm.end_date)
        .select_from(Organization)
        .outerjoin(MembershipTerm, MembershipTerm.id == latest)
        .where(Organization.status.in_(_CURRENT), Organization.tier.is_not(None))
        .where(Organization.deleted.is_(False))
        .order_by(Organization.display_name)
    )
    return cast("Select[Any]", query)


def _of_year(year: int) -> Select[Any]:
    """Organizations with a term during the year, at the tier of their last term in it."""
    term = _latest_terms(
        MembershipTerm.start_date <= date(year, 12, 31),
        MembershipTerm.end_date >= date(year, 1, 1),
    )
    return (
        select(*_ORG, term.c.tier, term.c.start_date, term.c.end_date)
        .join(term, (term.c.organization_id == Organization.id) & (term.c.rank == 1))
        .where(Organization.deleted.is_(False))
        .order_by(Organization.display_name)
    )


def _row(row: Any) -> tuple[Any, ...]:
    return (
        LABELS[row.tier], row.display_name, row.country, row.employees, row.member_since,
        row.start_date, row.end_date, LABELS[row.status],
    )  # fmt: skip
