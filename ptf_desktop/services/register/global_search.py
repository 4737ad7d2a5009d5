"""One search over the register and the numbered documents, for the window's search box.

Organizations (by name, legal name, tax ID and contact e-mails), contacts (by name and
e-mail) and invoice, quote, credit-note and certificate numbers are looked up with
bounded queries, a few hits of each kind, so a keystroke answers at once even over
100,000 organizations.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...domain.organizations import LABELS
from ...persistence.engine import SessionFactories
from ...persistence.models import Certificate, Contact, Organization
from ...persistence.models.billing import CreditNote, Invoice, Quote
from ..database_errors import translating_database_errors
from .organization_queries import OrganizationQueries
from .organization_records import OrganizationQuery

ORGANIZATION = "organization"
CONTACT = "contact"
INVOICE = "invoice"
QUOTE = "quote"
CREDIT_NOTE = "credit note"
CERTIFICATE = "certificate"
KINDS = (ORGANIZATION, CONTACT, INVOICE, QUOTE, CREDIT_NOTE, CERTIFICATE)


@dataclass(frozen=True)
class SearchHit:
    """One thing found.

    Attributes:
        kind: one of ``KINDS``.
        id: the record's key (for a contact: the contact's).
        title: what it is called (a name or a document number).
        detail: what tells it apart (the organization, an e-mail, a status).
        organization_id: the organization it belongs to (itself for an organization).
    """

    kind: str
    id: uuid.UUID
    title: str
    detail: str
    organization_id: uuid.UUID


class GlobalSearch:
    """Finds organizations, contacts and documents by what a person types."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories
        self._organizations = OrganizationQueries(factories)

    def search(self, text: str, per_kind: int = 8) -> list[SearchHit]:
        """At most ``per_kind`` hits of each kind, organizations first.

        Args:
            text: what was typed; blank finds nothing.
            per_kind: how many hits of each kind at most.
        """
        needle = text.strip()
        if not needle:
            return []
        organizations = _organizations(self._organizations, needle, per_kind)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return [
                *organizations,
                *_contacts(s, needle, per_kind),
                *_numbered(s, INVOICE, Invoice, Invoice, needle, per_kind),
                *_numbered(s, QUOTE, Quote, Quote, needle, per_kind),
                *_numbered(s, CREDIT_NOTE, CreditNote, Invoice, needle, per_kind),
                *_certificates(s, needle, per_kind),
            ]


def _organizations(queries: OrganizationQueries, needle: str, limit: int) -> list[SearchHit]:
    # The register's own search: its substring index answers at 100,000 organizations.
    rows = queries.page(OrganizationQuery(search=needle), 0, limit)
    return [
        SearchHit(
            ORGANIZATION, row.id, row.display_name,
            f"{row.country} · {LABELS.get(row.status.value, row.status.value)}", row.id,
        )
        for row in rows
    ]  # fmt: skip


def _contacts(s: Session, needle: str, limit: int) -> list[SearchHit]:
    query = (
        select(Contact.id, Contact.name, Contact.email, Organization.display_name, Organization.id)
        .join(Organization, Organization.id == Contact.organization_id)
        .where(
            Contact.deleted.is_(False),
            Organization.deleted.is_(False),
            # LIKE without lower(): SQLite compares ASCII letters without case, and a
            # scan of every contact at 100,000 organizations takes half as long.
            or_(
                Contact.name.contains(needle, autoescape=True),
                Contact.email.contains(needle, autoescape=True),
            ),
        )
        .limit(limit)  # the first found: sorting every match would read them all
    )
    return sorted(
        [
            SearchHit(CONTACT, key, name, " · ".join(p for p in (email, owner) if p), owner_id)
            for key, name, email, owner, owner_id in s.execute(query)
        ],
        key=lambda hit: hit.title.casefold(),
    )


def _numbered(
    s: Session,
    kind: str,
    document: type[Invoice] | type[Quote] | type[CreditNote],
    billed: type[Invoice] | type[Quote],
    needle: str,
    limit: int,
) -> list[SearchHit]:
    """Documents whose number contains the needle, in number order, with whom they bill.

    ``billed`` is the document that carries the bill-to name and the organization: the
    document itself, or for a credit note the invoice it credits.
    """
    query = (
        select(document.id, document.number, billed.bill_to_name, billed.organization_id)
        .where(document.deleted.is_(False), document.number.icontains(needle, autoescape=True))
        .order_by(document.number)
        .limit(limit)
    )
    if document is CreditNote:
        query = query.join(Invoice, Invoice.id == CreditNote.invoice_id)
    return [
        SearchHit(kind, key, number or "", name, owner)
        for key, number, name, owner in s.execute(query)
    ]


def _certificates(s: Session, needle: str, limit: int) -> list[SearchHit]:
    query = (
        select(
            Certificate.id, Certificate.number, Certificate.legal_name,
            Certificate.status, Certificate.organization_id,
        )
        .where(
            Certificate.deleted.is_(False), Certificate.number.icontains(needle, autoescape=True)
        )
        .order_by(Certificate.number)
        .limit(limit)
    )  # fmt: skip
    return [
        SearchHit(CERTIFICATE, key, number, f"{name} · {status}", owner)
        for key, number, name, status, owner in s.execute(query)
    ]
