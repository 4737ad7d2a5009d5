"""The member register: organizations, their contacts and testimonials.

Each public method is one transaction and returns plain records.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from ...domain.errors import UserError, ValidationError
from ...domain.organizations import (
    OrganizationFields,
    Tier,
    check_tier_allowed,
    normalized_name,
    parse_associate_types,
    validate_contact,
    validate_organization,
)
from ...domain.tax_ids import validate_tax_id
from ...persistence.engine import SessionFactories
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import (
    SETTINGS_ROW_ID,
    Contact,
    FoundationSettingsRow,
    MembershipApplication,
    MembershipTerm,
    Organization,
    Testimonial,
    TierChange,
)
from ...persistence.models.billing import Invoice
from ..database_errors import translating_database_errors
from .organization_records import (
    OrganizationDetails,
    OrganizationRow,
    application_record,
    contact_record,
    organization_fields,
    organization_row,
    term_record,
    testimonial_record,
    tier_change_record,
)
from .organization_summary import refresh_summary
from .printable_names import unprintable_warnings


class NotFound(UserError):
    """The record asked for does not exist (or was deleted)."""


class OrganizationHasInvoices(UserError):
    """An organization with issued invoices stays in the register."""


class OrganizationService:
    """Create, read, change and (softly) delete organizations, contacts and testimonials."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    # -- organizations ----------------------------------------------------------------------

    def get(self, organization_id: uuid.UUID) -> OrganizationDetails:
        """Everything about one organization.

        Raises:
            NotFound: no such organization.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return details(s, load_organization(s, organization_id, include_deleted=True))

    def create(self, raw: Mapping[str, Any]) -> uuid.UUID:
        """Add an organization (a prospect) from raw field values.

        Raises:
            ValidationError: a field is refused; nothing is stored.
        """
        fields = validate_organization(raw)
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = Organization(id=time_ordered_uuid(), status="prospect", tier=None)
            apply_fields(organization, fields)
            s.add(organization)
            refresh_summary(s, organization)
            return organization.id

    def update(self, organization_id: uuid.UUID, changes: Mapping[str, Any]) -> OrganizationDetails:
        """Change some fields of an organization; the others keep their values.

        Raises:
            ValidationError: a field is refused; nothing is stored.
            MembershipRuleError: the change breaks a tier rule (e.g. an Associate member
                becoming commercial).
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            current = asdict(organization_fields(organization))
            fields = validate_organization({**current, **changes})
            if organization.tier:
                check_tier_allowed(Tier(organization.tier), fields.org_type, associate_types(s))
            apply_fields(organization, fields)
            refresh_summary(s, organization)
            s.flush()
            return details(s, organization)

    def delete(self, organization_id: uuid.UUID) -> None:
        """Mark an organization deleted (a tombstone kept for sync; it can be restored).

        Raises:
            OrganizationHasInvoices: it was issued invoices; they must keep their buyer
                in the register (payments and credit notes are still recorded against
                them), so it stays; its membership can be cancelled instead.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id, include_deleted=True)
            refuse_delete_with_invoices(s, organization)
            organization.deleted = True

    def restore(self, organization_id: uuid.UUID) -> None:
        """Bring back a deleted organization (not one merged into another: UserError)."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            merged_into = load_organization(s, organization_id, include_deleted=True).merged_into
            survivor = s.get(Organization, merged_into) if merged_into else None
        if survivor is not None:
            raise UserError(
                f"This organization was merged into {survivor.display_name}, which now holds "
                "its contacts, terms and documents; it cannot be restored on its own."
            )
        self._set_deleted(organization_id, False)

    def _set_deleted(self, organization_id: uuid.UUID, deleted: bool) -> None:
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            load_organization(s, organization_id, include_deleted=True).deleted = deleted

    def find_duplicates(
        self, raw: Mapping[str, Any], exclude: uuid.UUID | None = None
    ) -> list[OrganizationRow]:
        """Organizations that look like the same one: same normalized name or same VAT ID."""
        names = {normalized_name(str(raw.get(key) or "")) for key in ("display_name", "legal_name")}
        names.discard("")
        vat_id = _cleaned_vat_id(raw)
        conditions: list[ColumnElement[bool]] = []
        if names:
            conditions.append(Organization.normalized_name.in_(names))
        if vat_id:
            conditions.append(Organization.vat_id == vat_id)
        if not conditions:
            return []
        query = select(Organization).where(or_(*conditions), Organization.deleted.is_(False))
        if exclude is not None:
            query = query.where(Organization.id != exclude)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return [organization_row(row) for row in s.scalars(query.limit(20))]

    def unprintable_warnings(self, raw: Mapping[str, Any]) -> dict[str, str]:
        """Warnings, by field, naming characters of printed fields no document can print.

        See :mod:`.printable_names`; empty when every character can be printed.
        """
        return unprintable_warnings(raw)

    def set_logo(self, organization_id: uuid.UUID, data: bytes | None, mime: str = "") -> None:
        """Store (or with None remove) the logo used for marketing exports."""
        if data is not None and mime not in ("image/png", "image/svg+xml", "image/jpeg"):
            raise UserError("A logo must be a PNG, JPEG or SVG image.")
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            organization.logo = data
            organization.logo_mime = mime if data is not None else ""

    def logo(self, organization_id: uuid.UUID) -> tuple[bytes, str] | None:
        """The stored logo and its MIME type, if any."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            organization = load_organization(s, organization_id, include_deleted=True)
            return (organization.logo, organization.logo_mime) if organization.logo else None

    # -- contacts ---------------------------------------------------------------------------

    def add_contact(self, organization_id: uuid.UUID, raw: Mapping[str, Any]) -> uuid.UUID:
        """Add a person to an organization.

        Raises:
            ValidationError: a field is refused.
        """
        fields = validate_contact(raw)
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            contact = Contact(id=time_ordered_uuid(), organization_id=organization.id)
            _apply_contact(contact, fields)
            s.add(contact)
            s.flush()
            refresh_summary(s, organization)
            return contact.id

    def update_contact(self, contact_id: uuid.UUID, changes: Mapping[str, Any]) -> None:
        """Change some fields of a contact.

        Raises:
            ValidationError: a field is refused.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            contact = _load(s, Contact, contact_id, "contact")
            current = asdict(contact_record(contact).fields)
            _apply_contact(contact, validate_contact({**current, **changes}))
            s.flush()
            refresh_summary(s, load_organization(s, contact.organization_id))

    def remove_contact(self, contact_id: uuid.UUID, removed: bool = True) -> None:
        """Remove a contact (softly; ``removed=False`` brings it back)."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            contact = _load(s, Contact, contact_id, "contact", include_deleted=True)
            contact.deleted = removed
            s.flush()
            refresh_summary(s, load_organization(s, contact.organization_id))

    # -- testimonials -----------------------------------------------------------------------

    def add_testimonial(
        self,
        organization_id: uuid.UUID,
        person: str,
        text: str,
        given_on: date,
        approved: bool = False,
        published_where: str = "",
    ) -> uuid.UUID:
        """Record a statement by a member's representative."""
        errors = {}
        if not person.strip():
            errors["person"] = "Name the person who gave the testimonial."
        if not text.strip():
            errors["text"] = "The testimonial has no text."
        if errors:
            raise ValidationError(errors)
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            load_organization(s, organization_id)
            testimonial = Testimonial(
                id=time_ordered_uuid(),
                organization_id=organization_id,
                person=person.strip(),
                text=text.strip(),
                given_on=given_on,
                approved=approved,
                published_where=published_where.strip(),
            )
            s.add(testimonial)
            return testimonial.id

    def set_testimonial_approval(
        self, testimonial_id: uuid.UUID, approved: bool, published_where: str | None = None
    ) -> None:
        """Approve (or withdraw approval of) a testimonial for marketing use."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            testimonial = _load(s, Testimonial, testimonial_id, "testimonial")
            testimonial.approved = approved
            if published_where is not None:
                testimonial.published_where = published_where.strip()

    def remove_testimonial(self, testimonial_id: uuid.UUID) -> None:
        """Remove a testimonial (softly)."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            _load(s, Testimonial, testimonial_id, "testimonial").deleted = True


# -- shared helpers (also used by the membership service and the importer) ------------------


def refuse_delete_with_invoices(session: Session, organization: Organization) -> None:
    """Raise OrganizationHasInvoices when the organization was issued any invoice."""
    numbers = list(
        session.scalars(
            select(Invoice.number)
            .where(Invoice.organization_id == organization.id, Invoice.number.is_not(None))
            .where(Invoice.deleted.is_(False))
            .order_by(Invoice.issue_date, Invoice.number)
            .limit(4)
        )
    )
    if not numbers:
        return
    shown = ", ".join(str(n) for n in numbers[:3]) + (", ..." if len(numbers) > 3 else "")
    raise OrganizationHasInvoices(
        f"{organization.display_name} cannot be deleted: it has issued invoices ({shown}), "
        "which stay in the books with their buyer and can still be paid or credited. "
        "To end its membership, set its status to Cancelled instead."
    )


def load_organization(
    session: Session, organization_id: uuid.UUID, include_deleted: bool = False
) -> Organization:
    """The organization row, or NotFound."""
    row: Organization = _load(
        session, Organization, organization_id, "organization", include_deleted
    )
    return row


def _load(
    session: Session, model: Any, key: uuid.UUID, what: str, include_deleted: bool = False
) -> Any:
    row = session.get(model, key)
    if row is None or (row.deleted and not include_deleted):
        raise NotFound(f"The {what} no longer exists; it may have been deleted.")
    return row


def apply_fields(organization: Organization, fields: OrganizationFields) -> None:
    """Copy validated fields onto a row (only the changed ones, so the audit stays precise)."""
    for name, value in asdict(fields).items():
        stored = value.value if hasattr(value, "value") else value
        if getattr(organization, name, None) != stored:
            setattr(organization, name, stored)
    new_normalized = normalized_name(fields.legal_name or fields.display_name)
    if organization.normalized_name != new_normalized:
        organization.normalized_name = new_normalized


def associate_types(session: Session) -> Any:
    """The organization types the settings allow as Associate members."""
    settings = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
    return parse_associate_types(
        settings.associate_eligible_types if settings else "academic,nonprofit"
    )


def details(session: Session, organization: Organization) -> OrganizationDetails:
    """Build the full record of an organization and what is missing from it."""
    from .certificate_problems import stale_certificates
    from .membership_rules import membership_problems

    def children(model: Any, order: Any) -> list[Any]:
        return list(
            session.scalars(
                select(model)
                .where(model.organization_id == organization.id, model.deleted.is_(False))
                .order_by(order)
            )
        )

    contacts = tuple(contact_record(c) for c in children(Contact, Contact.created_at))
    record = OrganizationDetails(
        id=organization.id,
        fields=organization_fields(organization),
        tier=Tier(organization.tier) if organization.tier else None,
        status=organization_row(organization).status,
        member_since=organization.member_since,
        term_end=organization.term_end,
        deleted=organization.deleted,
        has_logo=bool(organization.logo_mime),
        contacts=contacts,
        terms=tuple(term_record(t) for t in children(MembershipTerm, MembershipTerm.start_date)),
        tier_changes=tuple(
            tier_change_record(t) for t in children(TierChange, TierChange.effective_date)
        ),
        applications=tuple(
            application_record(a)
            for a in children(MembershipApplication, MembershipApplication.applied_on)
        ),
        testimonials=tuple(
            testimonial_record(t) for t in children(Testimonial, Testimonial.given_on)
        ),
    )
    problems = membership_problems(record) + stale_certificates(session, organization.id)
    return OrganizationDetails(**{**record.__dict__, "problems": problems})


def _apply_contact(contact: Contact, fields: Any) -> None:
    values = {
        "name": fields.name,
        "email": fields.email,
        "phone": fields.phone,
        "job_title": fields.job_title,
        "roles": ",".join(sorted(role.value for role in fields.roles)),
    }
    for name, value in values.items():
        if getattr(contact, name, None) != value:
            setattr(contact, name, value)


def _cleaned_vat_id(raw: Mapping[str, Any]) -> str:
    """The VAT ID as stored (e.g. "DE136695976" for "136 695 976" in Germany), or as typed."""
    typed = str(raw.get("vat_id") or "").strip()
    country = str(raw.get("country") or "")
    try:
        return validate_tax_id(typed, country) if typed and country else typed
    except ValueError:
        return typed
