"""Tables of the member register: organizations, contacts, terms, applications, testimonials.

The organization row also carries its membership (tier, status, member since) and two
values kept up to date by the services for the list view: the end of the current term
and the billing contact. Sorting 100,000 rows by them must not need a join.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..audit import Audited
from ..base import Base, Synced

# Partial indexes of the rows that are not deleted, written as SQLAlchemy writes the
# services' ``deleted.is_(False)`` (an index is used only for a query that says the same).
NOT_DELETED_SQLITE = text("deleted IS 0")
NOT_DELETED_POSTGRESQL = text("deleted IS false")
# The columns the organizations list sorts by (the services' SORTABLE_COLUMNS).
LIST_SORT_COLUMNS = (
    "display_name", "tier", "status", "country", "employees", "term_end", "billing_contact",
)  # fmt: skip


def _sort_index(column: str) -> Index:
    """The list index of one sort column: (column, display_name), of rows not deleted."""
    columns = [column] + (["display_name"] if column != "display_name" else [])
    return Index(
        f"ix_organizations_sort_{column}",
        *columns,
        sqlite_where=NOT_DELETED_SQLITE,
        postgresql_where=NOT_DELETED_POSTGRESQL,
    )


class Organization(Synced, Audited, Base):
    """An organization the foundation deals with, and its membership."""

    __tablename__ = "organizations"
    __audit_entity__ = "organization"
    # One index per sortable list column, followed by the name (the second sort key),
    # over the rows not deleted (the only ones a list shows): a page of 100,000
    # organizations in any order is a walk along an index, and the total count reads an
    # index instead of the table. The same indexes serve the filters. Partial, so that
    # they do not tempt SQLite's planner for queries that only say "not deleted".
    __table_args__ = tuple(_sort_index(column) for column in LIST_SORT_COLUMNS)

    display_name: Mapped[str] = mapped_column(String(300))
    legal_name: Mapped[str] = mapped_column(String(500))
    normalized_name: Mapped[str] = mapped_column(String(500), index=True)
    org_type: Mapped[str] = mapped_column(String(20))
    employees: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str] = mapped_column(String(2))
    address_line1: Mapped[str] = mapped_column(String(200), default="")
    address_line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(30), default="")
    vat_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    website: Mapped[str] = mapped_column(String(300), default="")
    lf_membership: Mapped[str] = mapped_column(String(10), default="none")
    founding_member: Mapped[bool] = mapped_column(Boolean, default=False)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_mime: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    tier: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="prospect")
    member_since: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    billing_contact: Mapped[str] = mapped_column(String(400), default="")
    # Renewal: "renewing" or "non_renewing", the day written notice of non-renewal
    # arrived, the tier the next term takes (None: the same) and the end of a Premier
    # member's initial commitment.
    renewal_intent: Mapped[str] = mapped_column(
        String(12), default="renewing", server_default="renewing"
    )
    non_renewal_notice_on: Mapped[date | None] = mapped_column(Date)
    next_tier: Mapped[str | None] = mapped_column(String(10))
    commitment_end: Mapped[date | None] = mapped_column(Date)
    # Lower-cased name, legal name, VAT ID and contact e-mails: what search looks in.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The organization this one was merged into (services/register/merging.py); a merged
    # organization is kept, with the soft-delete flag, so it is no longer counted twice.
    merged_into: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)


class _OwnedByOrganization(Synced, Audited):
    """A row that belongs to one organization and shows in its history.

    ``__same_record__`` names the columns that say two rows (of two registers) record
    the same thing, so a register import does not add one twice.
    """

    __same_record__: ClassVar[tuple[str, ...]]
    __audit_owner__ = "organization_id"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organizations.id"), index=True
    )


class Contact(_OwnedByOrganization, Base):
    """A person at an organization; roles are a comma-separated list of ContactRole values."""

    __tablename__ = "contacts"
    __audit_entity__ = "contact"
    __same_record__ = ("email", "name")

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="", index=True)
    phone: Mapped[str] = mapped_column(String(60), default="")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    roles: Mapped[str] = mapped_column(String(200), default="")


class MembershipTerm(_OwnedByOrganization, Base):
    """One period of membership, start and end inclusive, at one tier."""

    __tablename__ = "membership_terms"
    __audit_entity__ = "term"
    __same_record__ = ("start_date", "tier")

    tier: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date, index=True)


class TierChange(_OwnedByOrganization, Base):
    """A change of tier, kept as history."""

    __tablename__ = "tier_changes"
    __audit_entity__ = "tier change"
    __same_record__ = ("effective_date", "to_tier")

    from_tier: Mapped[str | None] = mapped_column(String(10))
    to_tier: Mapped[str] = mapped_column(String(10))
    effective_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class MembershipApplication(_OwnedByOrganization, Base):
    """An application for membership (Premier needs the Governing Board's approval)."""

    __tablename__ = "membership_applications"
    __audit_entity__ = "application"
    __same_record__ = ("applied_on", "tier")

    tier: Mapped[str] = mapped_column(String(10))
    applied_on: Mapped[date] = mapped_column(Date)
    questionnaire_received_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(10), default="pending")
    notes: Mapped[str] = mapped_column(Text, default="")


class ElectedBoardSeat(_OwnedByOrganization, Base):
    """A Governing Board seat won by a General member in an election, for a term."""

    __tablename__ = "elected_board_seats"
    __audit_entity__ = "board seat"
    __same_record__ = ("starts_on",)

    representative: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Testimonial(_OwnedByOrganization, Base):
    """A statement by a member's representative; marketing uses approved ones only."""

    __tablename__ = "testimonials"
    __audit_entity__ = "testimonial"
    __same_record__ = ("person", "given_on")

    person: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    given_on: Mapped[date] = mapped_column(Date)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    published_where: Mapped[str] = mapped_column(String(300), default="")


# The records an organization holds in the register besides its documents: what comes
# along when it is imported from another register.
ORGANIZATION_RECORDS: tuple[type[Any], ...] = (
    Contact, MembershipTerm, TierChange, MembershipApplication, ElectedBoardSeat, Testimonial,
)  # fmt: skip
