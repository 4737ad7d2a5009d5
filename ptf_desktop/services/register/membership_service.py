"""Memberships: applications, admission, terms, tier changes, status, and the board.

The rules (Associate eligibility, Premier only after the board approves) are checked
here, in the same transaction as the change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.errors import ValidationError
from ...domain.foundation_settings import FoundationSettings
from ...domain.organizations import (
    ApplicationOutcome,
    ContactRole,
    MembershipRuleError,
    MembershipStatus,
    OrgType,
    Tier,
    check_premier_admission,
    check_tier_allowed,
    general_member_board_seats,
)
from ...domain.renewals import commitment_end
from ...persistence.engine import SessionFactories
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import (
    SETTINGS_ROW_ID,
    Contact,
    ElectedBoardSeat,
    FoundationSettingsRow,
    MembershipApplication,
    MembershipTerm,
    Organization,
    TierChange,
)
from ..database_errors import translating_database_errors
from .board_seats import ElectedSeat, add_seat, count_general_members, seats_held_on
from .organization_service import _load, associate_types, load_organization
from .organization_summary import refresh_summary
from .tier_terms import move_terms_to_tier

_MEMBER_STATUSES = (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value)


@dataclass(frozen=True)
class BoardSeat:
    """A Premier member's seat on the Governing Board."""

    organization_id: uuid.UUID
    organization: str
    voting_representative: str
    alternate_representative: str


@dataclass(frozen=True)
class Governance:
    """Who sits on the Governing Board, and what General members elect (and who won)."""

    premier_seats: tuple[BoardSeat, ...]
    general_members: int
    general_seats: int
    elected_seats: tuple[ElectedSeat, ...] = ()


def default_term_end(start: date) -> date:
    """A first term lasts one year: it ends the day before the anniversary."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February: the anniversary falls on 1 March
        anniversary = date(start.year + 1, 3, 1)
    return anniversary - timedelta(days=1)


class MembershipService:
    """Change an organization's membership, keeping its history."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def record_application(
        self,
        organization_id: uuid.UUID,
        tier: Tier,
        applied_on: date,
        questionnaire_received_on: date | None = None,
        notes: str = "",
    ) -> uuid.UUID:
        """Record an application; a prospect becomes an applicant."""
        tier = Tier(tier)  # a plain "premier" from a form must meet the same rules
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            check_tier_allowed(tier, OrgType(organization.org_type), associate_types(s))
            application = MembershipApplication(
                id=time_ordered_uuid(),
                organization_id=organization.id,
                tier=tier.value,
                applied_on=applied_on,
                questionnaire_received_on=questionnaire_received_on,
                outcome=ApplicationOutcome.PENDING.value,
                notes=notes.strip(),
            )
            s.add(application)
            if organization.status == MembershipStatus.PROSPECT.value:
                organization.status = MembershipStatus.APPLIED.value
            return application.id

    def update_application(
        self,
        application_id: uuid.UUID,
        *,
        questionnaire_received_on: date | None = None,
        outcome: ApplicationOutcome | None = None,
        decided_on: date | None = None,
        notes: str | None = None,
    ) -> None:
        """Record the questionnaire, the board's decision or notes on an application.

        Raises:
            ValidationError: a decision without its date, or a date before the application.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            application = _load(s, MembershipApplication, application_id, "application")
            if questionnaire_received_on is not None:
                application.questionnaire_received_on = questionnaire_received_on
            if outcome is not None:
                outcome = ApplicationOutcome(outcome)
                _check_decision(application.applied_on, outcome, decided_on)
                application.outcome = outcome.value
                application.decided_on = decided_on
            if notes is not None:
                application.notes = notes.strip()

    def admit(
        self, organization_id: uuid.UUID, tier: Tier, start: date, end: date | None = None
    ) -> None:
        """Make an organization an active member with a first term.

        Raises:
            MembershipRuleError: not eligible for the tier, or Premier without approval.
            ValidationError: the term ends before it starts.
        """
        tier = Tier(tier)  # a plain "premier" from a form must meet the same rules
        end = end or default_term_end(start)
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            _check_tier(s, organization, tier, start)
            _record_tier_change(s, organization, tier, start, "Admitted")
            organization.tier = tier.value
            organization.status = MembershipStatus.ACTIVE.value
            organization.member_since = organization.member_since or start
            _add_term(s, organization, tier, start, end)
            refresh_summary(s, organization)

    def add_term(self, organization_id: uuid.UUID, start: date, end: date) -> uuid.UUID:
        """Add a term at the organization's current tier.

        Raises:
            ValidationError: the dates are reversed or overlap another term.
            MembershipRuleError: the organization has no tier.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            if not organization.tier:
                raise MembershipRuleError("Admit the organization to a tier before adding terms.")
            term = _add_term(s, organization, Tier(organization.tier), start, end)
            refresh_summary(s, organization)
            return term.id

    def remove_term(self, term_id: uuid.UUID) -> None:
        """Remove a term entered by mistake (softly)."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            term = _load(s, MembershipTerm, term_id, "term")
            term.deleted = True
            s.flush()
            refresh_summary(s, load_organization(s, term.organization_id))

    def change_tier(
        self, organization_id: uuid.UUID, tier: Tier, effective: date, note: str = ""
    ) -> None:
        """Move a member to another tier from ``effective``, keeping the change in the history.

        Its terms move with it (``tier_terms.move_terms_to_tier``): the term that includes
        the date is split there, later terms take the new tier, so certificates, the
        member list and renewals all say the same tier. Nothing is billed here; a
        priced mid-year upgrade (renewals) bills the difference.

        Raises:
            MembershipRuleError: not eligible, or Premier without an approved application.
        """
        tier = Tier(tier)
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            if organization.tier == tier.value:
                return
            _check_tier(s, organization, tier, effective)
            _record_tier_change(s, organization, tier, effective, note)
            move_terms_to_tier(s, organization, tier.value, effective)
            if tier is Tier.PREMIER:  # a new Premier member commits, as in an upgrade
                organization.commitment_end = commitment_end(effective, _commitment_years(s))
            if organization.next_tier == tier.value:
                organization.next_tier = None
            organization.tier = tier.value
            refresh_summary(s, organization)

    def set_status(self, organization_id: uuid.UUID, status: MembershipStatus) -> None:
        """Set the membership status (e.g. lapsed, cancelled, or active again)."""
        status = MembershipStatus(status)
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            if (
                status in (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
                and not organization.tier
            ):
                raise MembershipRuleError("Admit the organization to a tier first.")
            organization.status = status.value

    def governance(self, on: date | None = None) -> Governance:
        """The Governing Board on a day (default today): Premier seats and elected seats."""
        day = on or date.today()
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            premier = s.scalars(
                select(Organization)
                .where(Organization.tier == Tier.PREMIER.value)
                .where(Organization.status.in_(_MEMBER_STATUSES), Organization.deleted.is_(False))
                .order_by(Organization.display_name)
            ).all()
            general = count_general_members(s)
            seats = tuple(_seat(s, organization) for organization in premier)
            elected = tuple(seats_held_on(s, day))
        return Governance(seats, general, general_member_board_seats(general), elected)

    def record_elected_seat(
        self, organization_id: uuid.UUID, representative: str, starts_on: date, ends_on: date,
        note: str = "",
    ) -> uuid.UUID:  # fmt: skip
        """Record that a General member won an elected Board seat for a term.

        Raises:
            ValidationError: no representative, or the term ends before it starts.
            MembershipRuleError: not a current General member, a seat held already, or
                more seats than the General members elect (one per 10, at most 3).
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            return add_seat(s, organization, representative, starts_on, ends_on, note).id

    def general_members(self) -> list[tuple[uuid.UUID, str]]:
        """Current General members (who can win an elected seat), by name."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            rows = s.execute(
                select(Organization.id, Organization.display_name)
                .where(Organization.tier == Tier.GENERAL.value)
                .where(Organization.status.in_(_MEMBER_STATUSES), Organization.deleted.is_(False))
                .order_by(Organization.display_name)
            )
            return [(key, name) for key, name in rows]

    def remove_elected_seat(self, seat_id: uuid.UUID) -> None:
        """Remove an elected seat recorded by mistake (softly; the history keeps it)."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            _load(s, ElectedBoardSeat, seat_id, "board seat").deleted = True


def _commitment_years(session: Session) -> int:
    row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
    settings = FoundationSettings() if row is None else row
    return settings.premier_commitment_years


def check_tier_for(session: Session, organization: Organization, tier: Tier, on: date) -> None:
    """Raise MembershipRuleError when the organization may not hold ``tier`` on ``on``."""
    _check_tier(session, organization, tier, on)


def _check_tier(session: Session, organization: Organization, tier: Tier, on: date) -> None:
    check_tier_allowed(tier, OrgType(organization.org_type), associate_types(session))
    if tier is Tier.PREMIER:
        approved = has_approved_premier(session, organization, on)
        check_premier_admission(ApplicationOutcome.APPROVED if approved else None)


def _check_decision(applied_on: date, outcome: ApplicationOutcome, decided_on: date | None) -> None:
    if outcome is ApplicationOutcome.PENDING:
        return
    if decided_on is None:
        raise ValidationError({"decided_on": "Give the date of the board's decision."})
    if decided_on < applied_on:
        raise ValidationError({"decided_on": "The decision cannot come before the application."})


def _add_term(
    session: Session, organization: Organization, tier: Tier, start: date, end: date
) -> MembershipTerm:
    if end < start:
        raise ValidationError({"end_date": "A term cannot end before it starts."})
    overlapping = session.scalar(
        select(func.count())
        .select_from(MembershipTerm)
        .where(MembershipTerm.organization_id == organization.id, MembershipTerm.deleted.is_(False))
        .where(MembershipTerm.start_date <= end, MembershipTerm.end_date >= start)
    )
    if overlapping:
        raise ValidationError({"start_date": "This term overlaps an existing term."})
    term = MembershipTerm(
        id=time_ordered_uuid(), organization_id=organization.id, tier=tier.value, start_date=start,
        end_date=end,
    )  # fmt: skip
    session.add(term)
    session.flush()
    return term


def _record_tier_change(
    session: Session, organization: Organization, tier: Tier, effective: date, note: str
) -> None:
    session.add(
        TierChange(
            id=time_ordered_uuid(),
            organization_id=organization.id,
            from_tier=organization.tier,
            to_tier=tier.value,
            effective_date=effective,
            note=note.strip(),
        )
    )


def _seat(session: Session, organization: Organization) -> BoardSeat:
    contacts = session.scalars(
        select(Contact).where(
            Contact.organization_id == organization.id, Contact.deleted.is_(False)
        )
    ).all()

    def named(role: ContactRole) -> str:
        return next((c.name for c in contacts if role.value in c.roles.split(",")), "")

    return BoardSeat(
        organization.id,
        organization.display_name,
        named(ContactRole.VOTING_REPRESENTATIVE),
        named(ContactRole.ALTERNATE_REPRESENTATIVE),
    )


def has_approved_premier(session: Session, organization: Organization, on: date) -> bool:
    """Whether the Governing Board approved a Premier application on or before ``on``."""
    count = session.scalar(
        select(func.count())
        .select_from(MembershipApplication)
        .where(MembershipApplication.organization_id == organization.id)
        .where(MembershipApplication.tier == Tier.PREMIER.value)
        .where(MembershipApplication.outcome == ApplicationOutcome.APPROVED.value)
        .where(MembershipApplication.decided_on <= on)
        .where(MembershipApplication.deleted.is_(False))
    )
    return bool(count)
