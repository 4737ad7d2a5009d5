"""Elected Governing Board seats: which General members won them, and for which term.

General members elect one Board seat per ten General members, at most three
(``domain.organizations.general_member_board_seats``). A seat is recorded with its
holder (a current General member), its representative and its term; the checks run in
the same transaction as the change, against the General members counted then.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.errors import ValidationError
from ...domain.organizations import MembershipRuleError, MembershipStatus, Tier
from ...domain.organizations import general_member_board_seats as seats_for
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import ElectedBoardSeat, Organization

_CURRENT = (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value)


@dataclass(frozen=True)
class ElectedSeat:
    """A Board seat won by a General member.

    Attributes:
        id: the seat's record.
        organization_id: the General member holding it.
        organization: its display name.
        representative: who sits on the Board for it.
        starts_on: first day of the seat's term.
        ends_on: last day of the seat's term.
        note: e.g. the election it was won in.
        problem: why the seat needs attention ("" when none), e.g. its holder is no
            longer a General member.
    """

    id: uuid.UUID
    organization_id: uuid.UUID
    organization: str
    representative: str
    starts_on: date
    ends_on: date
    note: str
    problem: str


def count_general_members(session: Session) -> int:
    """Current General members (the electorate)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(Organization)
            .where(Organization.tier == Tier.GENERAL.value, Organization.status.in_(_CURRENT))
            .where(Organization.deleted.is_(False))
        )
        or 0
    )


def add_seat(
    session: Session, organization: Organization, representative: str, starts_on: date,
    ends_on: date, note: str,
) -> ElectedBoardSeat:  # fmt: skip
    """Record an elected seat after checking it against the rules.

    Raises:
        ValidationError: no representative, or a term that ends before it starts.
        MembershipRuleError: the holder is not a current General member, already holds a
            seat then, or all the seats the General members elect are taken then.
    """
    representative = " ".join(representative.split())
    errors = {}
    if not representative:
        errors["representative"] = "Name the representative who sits on the Board."
    if ends_on <= starts_on:
        errors["ends_on"] = "A seat's term ends after it starts."
    if errors:
        raise ValidationError(errors)
    if organization.tier != Tier.GENERAL.value or organization.status not in _CURRENT:
        raise MembershipRuleError(
            f"Only a current General member wins an elected seat; {organization.display_name} "
            f"is {_standing(organization)}."
        )
    overlapping = _overlapping(session, starts_on, ends_on)
    held = [seat for seat in overlapping if seat.organization_id == organization.id]
    if held:
        raise MembershipRuleError(
            f"{organization.display_name} already holds an elected seat from "
            f"{held[0].starts_on.isoformat()} to {held[0].ends_on.isoformat()}."
        )
    electorate = count_general_members(session)
    allowed = seats_for(electorate)
    if len(overlapping) >= allowed:
        raise MembershipRuleError(
            f"The {electorate} General members elect {allowed} seat"
            f"{'' if allowed == 1 else 's'} (one per 10 General members, at most 3), and "
            f"{len(overlapping)} {'is' if len(overlapping) == 1 else 'are'} held during "
            f"{starts_on.isoformat()} to {ends_on.isoformat()}: end or remove one first."
        )
    seat = ElectedBoardSeat(
        id=time_ordered_uuid(), organization_id=organization.id, representative=representative,
        starts_on=starts_on, ends_on=ends_on, note=note.strip(),
    )  # fmt: skip
    session.add(seat)
    session.flush()
    return seat


def seats_held_on(session: Session, day: date) -> list[ElectedSeat]:
    """The elected seats whose term includes ``day``, by holder name."""
    rows = session.execute(
        select(ElectedBoardSeat, Organization)
        .join(Organization, Organization.id == ElectedBoardSeat.organization_id)
        .where(ElectedBoardSeat.deleted.is_(False))
        .where(ElectedBoardSeat.starts_on <= day, ElectedBoardSeat.ends_on >= day)
        .order_by(Organization.display_name, ElectedBoardSeat.starts_on)
    ).all()
    return [_record(seat, organization) for seat, organization in rows]


def _overlapping(session: Session, starts_on: date, ends_on: date) -> list[ElectedBoardSeat]:
    return list(
        session.scalars(
            select(ElectedBoardSeat)
            .where(ElectedBoardSeat.deleted.is_(False))
            .where(ElectedBoardSeat.starts_on <= ends_on, ElectedBoardSeat.ends_on >= starts_on)
        )
    )


def _standing(organization: Organization) -> str:
    if organization.deleted:
        return "no longer in the register"
    if organization.tier is None:
        return f"not a member ({organization.status})"
    return f"a {organization.tier.title()} member ({organization.status})"


def _record(seat: ElectedBoardSeat, organization: Organization) -> ElectedSeat:
    general = organization.tier == Tier.GENERAL.value and organization.status in _CURRENT
    problem = "" if general and not organization.deleted else (
        f"no longer a current General member: {_standing(organization)}"
    )  # fmt: skip
    return ElectedSeat(
        seat.id, organization.id, organization.display_name, seat.representative,
        seat.starts_on, seat.ends_on, seat.note, problem,
    )  # fmt: skip
