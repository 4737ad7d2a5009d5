"""Merging two records of the same organization into one.

Two people working offline can each create the same organization; sync then brings both
into every register. The merge keeps one of them, the survivor, with the field values
the person chose from either record, and moves everything that belongs to the other to
it: contacts, membership terms and tier changes, applications, board seats, testimonials,
quotes, invoices (their credit notes and payments follow the invoice), refunds and
certificates. Issued documents keep what they were issued with; only the organization
they belong to in the register changes (migration 0014 allows that one move).

The other record is kept, marked merged into the survivor (``merged_into``) and taken out
of lists with the soft-delete flag; its history shows in the survivor's history
(``AuditService.history``). One transaction: all of it or none.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...domain.organizations import LABELS, normalized_name
from ...persistence.engine import SessionFactories
from ...persistence.models import (
    Certificate,
    Contact,
    ElectedBoardSeat,
    Invoice,
    MembershipApplication,
    MembershipTerm,
    Organization,
    Quote,
    Refund,
    Testimonial,
    TierChange,
)
from ..database_errors import translating_database_errors
from .matching import Matcher, MatchRule, duplicate_candidates
from .organization_service import load_organization
from .organization_summary import refresh_summary

__all__ = [
    "MERGE_FIELDS",
    "DuplicatePair",
    "MergeComparison",
    "MergeError",
    "MergeResult",
    "MergeService",
    "MergeSide",
]

# The fields a person chooses between, with their labels, in the order the tool shows them.
MERGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("display_name", "Name"), ("legal_name", "Legal name"), ("org_type", "Type"),
    ("country", "Country"), ("employees", "Employees"), ("address_line1", "Address"),
    ("address_line2", "Address (line 2)"), ("city", "City"), ("region", "Region"),
    ("postal_code", "Postal code"), ("vat_id", "Tax ID"), ("website", "Website"),
    ("lf_membership", "LF membership"), ("notes", "Notes"),
    ("membership", "Membership"),
)  # fmt: skip
# "Membership" is one choice: the tier and everything that goes with it travel together.
_MEMBERSHIP_COLUMNS = (
    "tier", "status", "member_since", "term_end", "renewal_intent", "non_renewal_notice_on",
    "next_tier", "commitment_end", "founding_member",
)  # fmt: skip
# What moves to the survivor, and how each is named in the result.
_MOVED: tuple[tuple[Any, str], ...] = (
    (Contact, "contacts"), (MembershipTerm, "membership terms"), (TierChange, "tier changes"),
    (MembershipApplication, "applications"), (ElectedBoardSeat, "board seats"),
    (Testimonial, "testimonials"), (Quote, "quotes"), (Invoice, "invoices"),
    (Refund, "refunds"), (Certificate, "certificates"),
)  # fmt: skip


class MergeError(UserError):
    """A merge that cannot be done (the same record twice, or one already merged)."""


@dataclass(frozen=True)
class MergeSide:
    """One of the two records, as the merge tool shows it.

    Attributes:
        id: the organization.
        values: each field of ``MERGE_FIELDS`` as text.
        belongings: how many of each kind of record it holds ("contacts": 2, ...).
    """

    id: uuid.UUID
    values: dict[str, str]
    belongings: dict[str, int]


@dataclass(frozen=True)
class MergeComparison:
    """Both records side by side, and the survivor suggested (the member, else the older)."""

    first: MergeSide
    second: MergeSide
    suggested_survivor: uuid.UUID


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: the survivor, the merged record and how many rows moved by kind."""

    survivor_id: uuid.UUID
    merged_id: uuid.UUID
    survivor_name: str
    moved: dict[str, int]

    def summary(self) -> str:
        """One sentence for the status bar and the command line."""
        moved = ", ".join(f"{n} {kind}" for kind, n in self.moved.items() if n) or "nothing"
        return f"Merged into {self.survivor_name}; moved {moved}."


@dataclass(frozen=True)
class DuplicatePair:
    """Two organizations of the register that a matching rule says are likely the same."""

    first_id: uuid.UUID
    first_name: str
    second_id: uuid.UUID
    second_name: str
    country: str
    rule: MatchRule


class MergeService:
    """Compare and merge organizations; find likely duplicates in the register."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def compare(self, first_id: uuid.UUID, second_id: uuid.UUID) -> MergeComparison:
        """Both records side by side, for the merge tool.

        Raises:
            MergeError: the same record twice.
            NotFound: one of them no longer exists.
        """
        _refuse_same(first_id, second_id)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            first = load_organization(s, first_id)
            second = load_organization(s, second_id)
            suggested = _suggested_survivor(first, second)
            return MergeComparison(_side(s, first), _side(s, second), suggested)

    def merge(
        self,
        survivor_id: uuid.UUID,
        merged_id: uuid.UUID,
        take_from_merged: Collection[str] = (),
    ) -> MergeResult:
        """Merge one organization into another, in one transaction.

        Args:
            survivor_id: the record that stays.
            merged_id: the record merged into it (kept, marked merged).
            take_from_merged: names of ``MERGE_FIELDS`` whose value comes from the merged
                record; the others keep the survivor's.

        Raises:
            MergeError: the same record twice, or an unknown field name.
            NotFound: one of them no longer exists (or was merged already).
        """
        _refuse_same(survivor_id, merged_id)
        unknown = set(take_from_merged) - {name for name, _ in MERGE_FIELDS}
        if unknown:
            raise MergeError(f"Unknown fields to merge: {', '.join(sorted(unknown))}.")
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            survivor = load_organization(s, survivor_id)
            merged = load_organization(s, merged_id)
            return merge_into(s, survivor, merged, take_from_merged)

    def possible_duplicates(self) -> list[DuplicatePair]:
        """Pairs of organizations in the register that a matching rule says are the same.

        Each organization is matched against those created before it, so a pair is
        listed once, the older record first.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            candidates = duplicate_candidates(s)
        matcher = Matcher(())
        pairs = []
        for candidate in candidates:
            found = matcher.match(candidate)
            first = found.organization if found is not None else None
            if found is not None and first is not None and first.id and candidate.id:
                pairs.append(
                    DuplicatePair(first.id, first.display_name, candidate.id,
                                  candidate.display_name, candidate.country, found.rule)
                )  # fmt: skip
            matcher.add(candidate)
        return pairs


def merge_into(
    session: Session,
    survivor: Organization,
    merged: Organization,
    take_from_merged: Collection[str] = (),
) -> MergeResult:
    """Merge ``merged`` into ``survivor`` inside the caller's transaction.

    Args:
        session: a session in a write transaction.
        survivor: the record that stays.
        merged: the record merged into it.
        take_from_merged: names of ``MERGE_FIELDS`` taken from the merged record.
    """
    for name in take_from_merged:
        columns = _MEMBERSHIP_COLUMNS if name == "membership" else (name,)
        for column in columns:
            value = getattr(merged, column)
            if getattr(survivor, column) != value:
                setattr(survivor, column, value)
    survivor.normalized_name = normalized_name(survivor.legal_name or survivor.display_name)
    # Marked merged first: the guard on issued invoices lets them move only to the
    # organization their own one was merged into.
    merged.merged_into = survivor.id
    merged.deleted = True
    session.flush()
    moved: dict[str, int] = {}
    for model, kind in _MOVED:
        rows = session.scalars(select(model).where(model.organization_id == merged.id)).all()
        for row in rows:
            row.organization_id = survivor.id
        moved[kind] = len(rows)
    session.flush()
    refresh_summary(session, survivor)
    return MergeResult(survivor.id, merged.id, survivor.display_name, moved)


def _refuse_same(first_id: uuid.UUID, second_id: uuid.UUID) -> None:
    if first_id == second_id:
        raise MergeError("Choose two different organizations to merge.")


def _suggested_survivor(first: Organization, second: Organization) -> uuid.UUID:
    """The member (with a tier) if only one is, else the one created first."""
    if bool(first.tier) != bool(second.tier):
        return first.id if first.tier else second.id
    return min((first, second), key=lambda o: (o.created_at, str(o.id))).id


def _side(session: Session, organization: Organization) -> MergeSide:
    values = {name: _shown(organization, name) for name, _ in MERGE_FIELDS}
    belongings = {}
    for model, kind in _MOVED:
        belongings[kind] = int(
            session.scalar(
                select(func.count())
                .select_from(model)
                .where(model.organization_id == organization.id, model.deleted.is_(False))
            )
            or 0
        )
    return MergeSide(organization.id, values, belongings)


def _shown(organization: Organization, name: str) -> str:
    if name == "membership":
        if not organization.tier:
            return LABELS.get(organization.status, organization.status.capitalize())
        tier = LABELS.get(organization.tier, organization.tier.capitalize())
        status = LABELS.get(organization.status, organization.status)
        until = f" until {organization.term_end.isoformat()}" if organization.term_end else ""
        return f"{tier}, {status}{until}"
    value = getattr(organization, name)
    if value is None:
        return ""
    if name in ("org_type", "lf_membership"):
        return LABELS.get(str(value), str(value).capitalize())
    return str(value)
