"""Reading the (filtered) organizations list as it is exported.

The columns are the import's plus the membership status and the end of the current term
(see ``organization_columns``), so an exported file imports again. Rows are read from
the database a page at a time. The files are written by the reports' writers:
``reports.organization_list`` is the report of this list.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ...domain.organizations import ContactRole
from ...persistence.engine import SessionFactories
from ...persistence.models import Contact, Organization
from ..database_errors import translating_database_errors
from .organization_columns import EXPORT_COLUMNS
from .organization_queries import _filtered, _ordered
from .organization_records import OrganizationQuery

PAGE_SIZE = 1000

_SELECTED = (
    Organization.id, Organization.display_name, Organization.legal_name,
    Organization.org_type, Organization.employees, Organization.country,
    Organization.address_line1, Organization.address_line2, Organization.city,
    Organization.region, Organization.postal_code, Organization.vat_id, Organization.website,
    Organization.tier, Organization.member_since, Organization.lf_membership,
    Organization.notes, Organization.status, Organization.term_end,
    Organization.founding_member,
)  # fmt: skip


@dataclass(frozen=True)
class ExportedOrganization:
    """One organization as exported: the attributes are named as the file's columns.

    ``id`` and ``founding_member`` are not columns of the file (the command line's JSON
    list shows them).
    """

    id: uuid.UUID
    name: str
    legal_name: str
    org_type: str
    employees: int | None
    country: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    vat_id: str
    website: str
    tier: str
    member_since: date | None
    lf_membership: str
    billing_contact_name: str
    billing_contact_email: str
    notes: str
    status: str
    term_end: date | None
    founding_member: bool = False

    def cells(self) -> tuple[Any, ...]:
        """The values in the order of EXPORT_COLUMNS (None where there is none)."""
        return tuple(getattr(self, column) for column in EXPORT_COLUMNS)


class OrganizationExporter:
    """Reads the organizations matching a query, as the export writes them."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def rows(self, query: OrganizationQuery) -> Iterator[ExportedOrganization]:
        """The organizations matching the query, read from the database page by page.

        Raises:
            DatabaseProblem: the database cannot be read.
        """
        selected: Select[Any] = select(*_SELECTED)  # type: ignore[assignment]  # many types
        statement = _ordered(_filtered(selected, query), query)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            result = s.execute(statement.execution_options(yield_per=PAGE_SIZE))
            for page in result.partitions():
                contacts = _billing_contacts(s, [row.id for row in page])
                for row in page:
                    yield _exported(row, contacts.get(row.id))


def _billing_contacts(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """The billing contact of each organization: its first one, as the list shows it."""
    statement = (
        select(Contact.organization_id, Contact.name, Contact.email, Contact.roles)
        .where(Contact.organization_id.in_(ids), Contact.deleted.is_(False))
        .where(Contact.roles.contains(ContactRole.BILLING.value, autoescape=True))
        .order_by(Contact.created_at, Contact.id)
    )
    found: dict[uuid.UUID, Any] = {}
    for contact in session.execute(statement):
        if ContactRole.BILLING.value in contact.roles.split(","):
            found.setdefault(contact.organization_id, contact)
    return found


def _exported(row: Any, contact: Any) -> ExportedOrganization:
    return ExportedOrganization(
        id=row.id, name=row.display_name, legal_name=row.legal_name, org_type=row.org_type,
        employees=row.employees, country=row.country, address_line1=row.address_line1,
        address_line2=row.address_line2, city=row.city, region=row.region,
        postal_code=row.postal_code, vat_id=row.vat_id, website=row.website,
        tier=row.tier or "", member_since=row.member_since, lf_membership=row.lf_membership,
        billing_contact_name=contact.name if contact else "",
        billing_contact_email=contact.email if contact else "",
        notes=row.notes, status=row.status, term_end=row.term_end,
        founding_member=row.founding_member,
    )  # fmt: skip
