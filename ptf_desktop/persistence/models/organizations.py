"""Tables of the member register: organizations, contacts, terms, applications, testimonials.

The organization row also carries its membership (tier, status, member since) and two
values kept up to date by the services for the list view: the end of the current term
and the billing contact. Sorting 100,000 rows by them must not need a join.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..audit import Audited
from ..base import Base, Synced


class Organization(Synced, Audited, Base):
    """An organization the foundation deals with, and its membership."""

    __tablename__ = "organizations"
    __audit_entity__ = "organization"

    display_name: Mapped[str] = mapped_column(String(300), index=True)
    legal_name: Mapped[str] = mapped_column(String(500))
    normalized_name: Mapped[str] = mapped_column(String(500), index=True)
    org_type: Mapped[str] = mapped_column(String(20))
    employees: Mapped[int | None] = mapped_column(Integer, index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
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
    tier: Mapped[str | None] = mapped_column(String(10), index=True)
    status: Mapped[str] = mapped_column(String(10), default="prospect", index=True)
    member_since: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date, index=True)
    billing_contact: Mapped[str] = mapped_column(String(400), default="", index=True)
    # Lower-cased name, legal name, VAT ID and contact e-mails: what search looks in.
    search_text: Mapped[str] = mapped_column(Text, default="")

    @property
    def audit_owner_id(self) -> uuid.UUID:
        """The organization whose history shows changes to this row: itself."""
        return self.id


class _OwnedByOrganization(Synced, Audited):
    """A row that belongs to one organization and shows in its history."""

    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organizations.id"), index=True
    )

    @property
    def audit_owner_id(self) -> uuid.UUID:
        """The organization whose history shows changes to this row."""
        return self.organization_id


class Contact(_OwnedByOrganization, Base):
    """A person at an organization; roles are a comma-separated list of ContactRole values."""

    __tablename__ = "contacts"
    __audit_entity__ = "contact"

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="", index=True)
    phone: Mapped[str] = mapped_column(String(60), default="")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    roles: Mapped[str] = mapped_column(String(200), default="")


class MembershipTerm(_OwnedByOrganization, Base):
    """One period of membership, start and end inclusive, at one tier."""

    __tablename__ = "membership_terms"
    __audit_entity__ = "term"

    tier: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date, index=True)


class TierChange(_OwnedByOrganization, Base):
    """A change of tier, kept as history."""

    __tablename__ = "tier_changes"
    __audit_entity__ = "tier change"

    from_tier: Mapped[str | None] = mapped_column(String(10))
    to_tier: Mapped[str] = mapped_column(String(10))
    effective_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class MembershipApplication(_OwnedByOrganization, Base):
    """An application for membership (Premier needs the Governing Board's approval)."""

    __tablename__ = "membership_applications"
    __audit_entity__ = "application"

    tier: Mapped[str] = mapped_column(String(10))
    applied_on: Mapped[date] = mapped_column(Date)
    questionnaire_received_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(10), default="pending")
    notes: Mapped[str] = mapped_column(Text, default="")


class Testimonial(_OwnedByOrganization, Base):
    """A statement by a member's representative; marketing uses approved ones only."""

    __tablename__ = "testimonials"
    __audit_entity__ = "testimonial"

    person: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    given_on: Mapped[date] = mapped_column(Date)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    published_where: Mapped[str] = mapped_column(String(300), default="")
