"""Moving a member's terms to a new tier from a date, as a tier change or an upgrade does.

The rule (the same for a recorded tier change and a priced mid-year upgrade): the term
that includes the effective date is split there; the days before it keep the old tier,
the days from it are a term at the new tier. A term that starts on or after the date
(the whole current term when the change takes effect on its first day, a next term
already prepared) moves to the new tier as a whole. Terms that ended before the date
keep their tier: they are history, and their certificates stay true.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...persistence.ids import time_ordered_uuid
from ...persistence.models import MembershipTerm, Organization


def split_term(term: MembershipTerm, tier: str, start: date, session: Session) -> MembershipTerm:
    """The part of ``term`` from ``start`` on, at ``tier`` (the term itself from its first day).

    Args:
        term: a term that includes ``start``.
        tier: the new tier.
        start: the first day at the new tier.
        session: the caller's write session (a new term is added to it).

    Returns:
        The term at the new tier.
    """
    if start <= term.start_date:
        term.tier = tier
        return term
    later = MembershipTerm(
        id=time_ordered_uuid(), organization_id=term.organization_id, tier=tier,
        start_date=start, end_date=term.end_date,
    )  # fmt: skip
    term.end_date = start - timedelta(days=1)
    session.add(later)
    return later


def move_terms_to_tier(
    session: Session, organization: Organization, tier: str, effective: date
) -> list[MembershipTerm]:
    """Put every day of the organization's terms from ``effective`` on at ``tier``.

    Returns:
        The terms now at the new tier that changed (in date order).
    """
    terms = session.scalars(
        select(MembershipTerm)
        .where(MembershipTerm.organization_id == organization.id)
        .where(MembershipTerm.deleted.is_(False), MembershipTerm.end_date >= effective)
        .order_by(MembershipTerm.start_date)
    ).all()
    moved = [split_term(term, tier, effective, session) for term in terms if term.tier != tier]
    session.flush()
    return moved
