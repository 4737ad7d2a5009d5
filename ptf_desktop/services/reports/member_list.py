"""Member list by tier: the current members, or those of a given year.

Without a year the list shows the current members (status active or in grace, as the
Governing Board counts them) with their tier today. With a year it shows every
organization that held a membership term during that year, at the tier of its last term
that year, so a member that lapsed in March still appears in that year's list.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from ...domain.organizations import LABELS, MembershipStatus, Tier
from ...domain.reports import Column, ColumnType, Report, make_report
from ...persistence.models import MembershipTerm, Organization
from ..database_errors import translating_database_errors
from .catalog import ReportDefinition, ReportRequest

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
    Organization.id, Organization.display_name, Organization.country, Organization.employees,
    Organization.member_since, Organization.status,
)  # fmt: skip


def build(request: ReportRequest) -> Report:
    """The members by tier, current or of ``request.year``."""
    factories = request.factories
    with translating_database_errors(factories), factories.read.begin() as session:
        if request.year is None:
            rows = _current(session)
            subtitle = f"Current members on {date.today():%Y-%m-%d} (active or in grace)"
        else:
            rows = _of_year(session, request.year)
            subtitle = f"Members with a term during {request.year}"
    rows.sort(key=lambda row: (_TIER_ORDER[row[0]], row[1].display_name.casefold(), row[1].id))
    return make_report(DEFINITION.title, COLUMNS, [_row(*row) for row in rows], subtitle)


def _current(session: Any) -> list[tuple[str, Any, date | None, date | None]]:
    found: dict[uuid.UUID, tuple[str, Any, date | None, date | None]] = {}
    organizations = session.execute(
        select(*_ORG, Organization.tier)
        .where(Organization.status.in_(_CURRENT), Organization.tier.is_not(None))
        .where(Organization.deleted.is_(False))
    ).all()
    for org in organizations:
        found[org.id] = (org.tier, org, None, None)
    today = date.today()
    terms = session.execute(
        select(MembershipTerm.organization_id, MembershipTerm.start_date, MembershipTerm.end_date)
        .join(Organization, Organization.id == MembershipTerm.organization_id)
        .where(Organization.status.in_(_CURRENT), Organization.deleted.is_(False))
        .where(MembershipTerm.deleted.is_(False), MembershipTerm.start_date <= today)
        .order_by(MembershipTerm.start_date)
    )
    for term in terms:  # the latest term that has started is the current one
        tier, org, _, _ = found[term.organization_id]
        found[term.organization_id] = (tier, org, term.start_date, term.end_date)
    return list(found.values())


def _of_year(session: Any, year: int) -> list[tuple[str, Any, date | None, date | None]]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    found: dict[uuid.UUID, tuple[str, Any, date | None, date | None]] = {}
    rows = session.execute(
        select(*_ORG, MembershipTerm.tier, MembershipTerm.start_date, MembershipTerm.end_date)
        .join(Organization, Organization.id == MembershipTerm.organization_id)
        .where(MembershipTerm.deleted.is_(False), Organization.deleted.is_(False))
        .where(MembershipTerm.start_date <= last, MembershipTerm.end_date >= first)
        .order_by(MembershipTerm.start_date)
    )
    for row in rows:  # the last term of the year wins
        found[row.id] = (row.tier, row, row.start_date, row.end_date)
    return list(found.values())


def _row(tier: str, org: Any, start: date | None, end: date | None) -> tuple[Any, ...]:
    return (
        LABELS[tier], org.display_name, org.country, org.employees, org.member_since, start, end,
        LABELS[org.status],
    )  # fmt: skip


DEFINITION = ReportDefinition(
    name="member-list",
    title="Member list by tier",
    description="Members grouped by tier with country, size, member since and term; the "
    "current members, or those of a chosen year.",
    takes_year=True,
    build=build,
)
