"""Values stored on an organization row for the list view, recomputed after every change.

They repeat what contacts and terms say (billing contact, end of the latest term, search
text) so that 100,000 organizations sort and search without joins; the services call
``refresh_summary`` in the same transaction as any change that could alter them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.organizations import ContactRole
from ...persistence.models import Contact, MembershipTerm, Organization


def search_key(text: str) -> str:
    """How search text and stored search text are compared: case-folded, trimmed."""
    return text.strip().casefold()


def refresh_summary(session: Session, organization: Organization) -> None:
    """Recompute the billing contact, the latest term end and the search text."""
    contacts = session.scalars(
        select(Contact)
        .where(Contact.organization_id == organization.id, Contact.deleted.is_(False))
        .order_by(Contact.created_at, Contact.id)
    ).all()
    billing = next((c for c in contacts if ContactRole.BILLING.value in c.roles.split(",")), None)
    organization.billing_contact = _contact_label(billing) if billing else ""
    organization.term_end = session.scalar(
        select(MembershipTerm.end_date)
        .where(MembershipTerm.organization_id == organization.id)
        .where(MembershipTerm.deleted.is_(False))
        .order_by(MembershipTerm.end_date.desc())
        .limit(1)
    )
    parts = [organization.display_name, organization.legal_name, organization.vat_id]
    parts += [contact.email for contact in contacts if contact.email]
    # A separator no one types keeps a search from matching across two fields.
    organization.search_text = "\x1f".join(search_key(part) for part in parts if part)


def _contact_label(contact: Contact) -> str:
    return f"{contact.name} <{contact.email}>" if contact.email else contact.name
