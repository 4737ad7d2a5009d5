"""What the renewal calendar reads: members, approvals, commitments and unpaid renewals.

Columns are selected, not ORM rows: the calendar of 100,000 organizations must not
build 100,000 objects. Each function reads in the caller's session.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ...domain.organizations import ApplicationOutcome, MembershipStatus, Tier
from ...persistence.models import (
    FoundationSettingsRow,
    Invoice,
    MembershipApplication,
    MembershipTerm,
    Organization,
)
from ...persistence.models.core import SETTINGS_ROW_ID

CURRENT_STATUSES = (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value)
# Invoices that are issued and not settled (billing's stored statuses).
UNPAID_STATUSES = ("issued", "partially paid")


@dataclass(frozen=True)
class MemberRow:
    """The fields of a member the calendar and pricing need."""

    id: uuid.UUID
    name: str
    org_type: str
    employees: int | None
    lf_membership: str
    tier: str | None
    next_tier: str | None
    status: str
    term_end: date | None
    renewal_intent: str
    non_renewal_notice_on: date | None
    commitment_end: date | None


MEMBER_COLUMNS = (
    Organization.id,
    Organization.display_name,
    Organization.org_type,
    Organization.employees,
    Organization.lf_membership,
    Organization.tier,
    Organization.next_tier,
    Organization.status,
    Organization.term_end,
    Organization.renewal_intent,
    Organization.non_renewal_notice_on,
    Organization.commitment_end,
)


def _members() -> Select[Any]:
    query: Select[Any] = select(*MEMBER_COLUMNS)  # type: ignore[assignment]  # 12 columns
    return query.where(Organization.deleted.is_(False))


def _row(row: Any) -> MemberRow:
    return MemberRow(*row)


def calendar_members(session: Session, until: date) -> list[MemberRow]:
    """Lapsed members, and current members whose latest term ends by ``until``."""
    query = _members().where(
        or_(
            Organization.status == MembershipStatus.LAPSED.value,
            Organization.status.in_(CURRENT_STATUSES) & (Organization.term_end <= until),
        )
    )
    return [_row(row) for row in session.execute(query.order_by(Organization.display_name))]


def renewing_members(
    session: Session, first_end: date, last_end: date, *, without_term_in: int | None = None
) -> list[MemberRow]:
    """Current, renewing members whose latest term ends between the two days (inclusive).

    With ``without_term_in``, members that already have a term starting in that year are
    left out by the query itself (an anti-join), so a second run reads nothing.
    """
    query = (
        _members()
        .where(Organization.status.in_(CURRENT_STATUSES))
        .where(Organization.renewal_intent == "renewing")
        .where(Organization.term_end >= first_end, Organization.term_end <= last_end)
        .order_by(Organization.display_name)
    )
    if without_term_in is not None:
        query = query.where(~_has_term_in(without_term_in))
    return [_row(row) for row in session.execute(query)]


def _has_term_in(year: int) -> Any:
    return (
        select(MembershipTerm.id)
        .where(MembershipTerm.organization_id == Organization.id)
        .where(MembershipTerm.start_date >= date(year, 1, 1))
        .where(MembershipTerm.start_date <= date(year, 12, 31))
        .where(MembershipTerm.deleted.is_(False))
        .exists()
    )


def count_renewed(session: Session, year: int) -> int:
    """Current members renewed for ``year``: a term starts in it and they end on its 31 December."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(Organization)
            .where(Organization.status.in_(CURRENT_STATUSES))
            .where(Organization.term_end == date(year, 12, 31))
            .where(Organization.deleted.is_(False))
            .where(_has_term_in(year))
        )
        or 0
    )


def member(session: Session, organization_id: uuid.UUID) -> MemberRow | None:
    """One organization's row, or None when it does not exist (or was deleted)."""
    row = session.execute(_members().where(Organization.id == organization_id)).first()
    return _row(row) if row else None


def approved_premier(
    session: Session, on: date, ids: Collection[uuid.UUID] | None = None
) -> set[uuid.UUID]:
    """Organizations whose Premier application the board approved on or before ``on``.

    Args:
        session: the read session.
        on: the last day of a decision that counts.
        ids: only these organizations (None: every one).
    """
    query = (
        select(MembershipApplication.organization_id)
        .where(MembershipApplication.tier == Tier.PREMIER.value)
        .where(MembershipApplication.outcome == ApplicationOutcome.APPROVED.value)
        .where(MembershipApplication.decided_on <= on)
        .where(MembershipApplication.deleted.is_(False))
    )
    if ids is not None:
        query = query.where(MembershipApplication.organization_id.in_(list(ids)))
    return set(session.scalars(query))


def premier_starts(
    session: Session, ids: Collection[uuid.UUID] | None = None
) -> dict[uuid.UUID, date]:
    """The first day of each organization's earliest Premier term (its commitment start).

    Args:
        session: the read session.
        ids: only these organizations (None: every one).
    """
    query = (
        select(MembershipTerm.organization_id, func.min(MembershipTerm.start_date))
        .where(MembershipTerm.tier == Tier.PREMIER.value, MembershipTerm.deleted.is_(False))
        .group_by(MembershipTerm.organization_id)
    )
    if ids is not None:
        query = query.where(MembershipTerm.organization_id.in_(list(ids)))
    return {key: start for key, start in session.execute(query)}


def unpaid_renewal_due_dates(session: Session) -> dict[uuid.UUID, date]:
    """The earliest due date of each organization's issued, unpaid renewal invoices."""
    rows = session.execute(
        select(Invoice.organization_id, func.min(Invoice.due_date))
        .where(Invoice.renewal_year.is_not(None), Invoice.due_date.is_not(None))
        .where(Invoice.status.in_(UNPAID_STATUSES), Invoice.deleted.is_(False))
        .group_by(Invoice.organization_id)
    )
    return {key: due for key, due in rows if due is not None}


def renewal_invoices_of(session: Session, year: int) -> set[uuid.UUID]:
    """Organizations that already have a renewal invoice (draft or not) for ``year``."""
    return set(
        session.scalars(
            select(Invoice.organization_id).where(
                Invoice.renewal_year == year, Invoice.deleted.is_(False)
            )
        )
    )


def settings_row(session: Session) -> FoundationSettingsRow | None:
    """The settings row (None before any setting was saved)."""
    return session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
