"""Plain records of the member register that services return: never ORM objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from ...domain.organizations import (
    ApplicationOutcome,
    ContactFields,
    ContactRole,
    LFMembership,
    MembershipStatus,
    OrganizationFields,
    OrgType,
    Tier,
)
from ...domain.records import record_from
from ...persistence.models import (
    Contact,
    MembershipApplication,
    MembershipTerm,
    Organization,
    Testimonial,
    TierChange,
)

SORTABLE_COLUMNS = (
    "display_name", "tier", "status", "country", "employees", "term_end", "billing_contact",
)  # fmt: skip


@dataclass(frozen=True)
class OrganizationQuery:
    """What the organizations list shows: search text, filters and sort order.

    Attributes:
        search: text looked for (literally, case-insensitively) in the name, legal name,
            VAT ID and contact e-mails.
        tiers: only these tiers (empty: all); use ``prospects=True`` for no tier.
        statuses: only these statuses (empty: all).
        countries: only these ISO country codes (empty: all).
        term_end_month: only terms ending in this (year, month).
        sort: one of SORTABLE_COLUMNS.
        descending: sort order.
        ids: only these organizations (empty: all), e.g. those selected in the list.
    """

    search: str = ""
    tiers: frozenset[Tier] = frozenset()
    statuses: frozenset[MembershipStatus] = frozenset()
    countries: frozenset[str] = frozenset()
    term_end_month: tuple[int, int] | None = None
    sort: str = "display_name"
    descending: bool = False
    ids: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True)
class OrganizationRow:
    """One line of the organizations list."""

    id: uuid.UUID
    display_name: str
    legal_name: str
    tier: Tier | None
    status: MembershipStatus
    country: str
    employees: int | None
    term_end: date | None
    billing_contact: str
    vat_id: str = ""
    org_type: OrgType = OrgType.COMMERCIAL


@dataclass(frozen=True)
class ContactRecord:
    """A contact with its key."""

    id: uuid.UUID
    fields: ContactFields


@dataclass(frozen=True)
class TermRecord:
    """A membership term."""

    id: uuid.UUID
    tier: Tier
    start_date: date
    end_date: date


@dataclass(frozen=True)
class TierChangeRecord:
    """A change of tier."""

    id: uuid.UUID
    from_tier: Tier | None
    to_tier: Tier
    effective_date: date
    note: str


@dataclass(frozen=True)
class ApplicationRecord:
    """A membership application and the board's decision."""

    id: uuid.UUID
    tier: Tier
    applied_on: date
    questionnaire_received_on: date | None
    decided_on: date | None
    outcome: ApplicationOutcome
    notes: str


@dataclass(frozen=True)
class TestimonialRecord:
    """A member representative's statement."""

    id: uuid.UUID
    person: str
    text: str
    given_on: date
    approved: bool
    published_where: str


@dataclass(frozen=True)
class OrganizationDetails:
    """Everything the organization editor shows."""

    id: uuid.UUID
    fields: OrganizationFields
    tier: Tier | None
    status: MembershipStatus
    member_since: date | None
    term_end: date | None
    deleted: bool
    has_logo: bool
    contacts: tuple[ContactRecord, ...] = ()
    terms: tuple[TermRecord, ...] = ()
    tier_changes: tuple[TierChangeRecord, ...] = ()
    applications: tuple[ApplicationRecord, ...] = ()
    testimonials: tuple[TestimonialRecord, ...] = ()
    problems: tuple[str, ...] = field(default=())


def organization_fields(row: Organization) -> OrganizationFields:
    """The validated fields stored in a row."""
    return record_from(
        OrganizationFields,
        row,
        org_type=OrgType(row.org_type),
        lf_membership=LFMembership(row.lf_membership),
    )


def organization_row(row: Organization) -> OrganizationRow:
    """The list line of an organization."""
    return record_from(
        OrganizationRow,
        row,
        tier=Tier(row.tier) if row.tier else None,
        status=MembershipStatus(row.status),
        org_type=OrgType(row.org_type),
    )


def contact_record(row: Contact) -> ContactRecord:
    """A contact row as a record."""
    roles = frozenset(ContactRole(role) for role in row.roles.split(",") if role)
    return ContactRecord(
        id=row.id,
        fields=ContactFields(
            name=row.name, email=row.email, phone=row.phone, job_title=row.job_title, roles=roles
        ),
    )


def term_record(row: MembershipTerm) -> TermRecord:
    """A term row as a record."""
    return TermRecord(row.id, Tier(row.tier), row.start_date, row.end_date)


def tier_change_record(row: TierChange) -> TierChangeRecord:
    """A tier change row as a record."""
    from_tier = Tier(row.from_tier) if row.from_tier else None
    return TierChangeRecord(row.id, from_tier, Tier(row.to_tier), row.effective_date, row.note)


def application_record(row: MembershipApplication) -> ApplicationRecord:
    """An application row as a record."""
    return record_from(
        ApplicationRecord,
        row,
        tier=Tier(row.tier),
        outcome=ApplicationOutcome(row.outcome),
    )


def testimonial_record(row: Testimonial) -> TestimonialRecord:
    """A testimonial row as a record."""
    return TestimonialRecord(
        row.id, row.person, row.text, row.given_on, row.approved, row.published_where
    )
