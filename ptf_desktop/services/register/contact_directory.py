"""The contacts directory: every person of every organization, searchable.

Bounded in SQL (a search narrows it, a limit caps it), so the directory opens at once
over a register of 100,000 organizations and their contacts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select

from ...persistence.engine import SessionFactories
from ...persistence.models import Contact, Organization
from ..database_errors import translating_database_errors


@dataclass(frozen=True)
class DirectoryEntry:
    """One person and where they work.

    Attributes:
        roles: ContactRole values, comma-separated as stored.
    """

    id: uuid.UUID
    organization_id: uuid.UUID
    organization: str
    name: str
    email: str
    phone: str
    job_title: str
    roles: str


@dataclass(frozen=True)
class DirectoryPage:
    """The people listed, and whether more match than were listed."""

    entries: tuple[DirectoryEntry, ...]
    more: bool = False


class ContactDirectory:
    """Lists the contacts of every organization not deleted."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def list(self, search: str = "", limit: int = 2000) -> DirectoryPage:
        """The contacts whose name, e-mail, job title or organization holds every word.

        Args:
            search: words to look for (case-insensitive); blank lists everyone.
            limit: the most entries returned (``more`` says whether others match).
        """
        query = (
            select(Contact, Organization.display_name)
            .join(Organization, Organization.id == Contact.organization_id)
            .where(Contact.deleted.is_(False), Organization.deleted.is_(False))
        )
        # LIKE without lower(): SQLite compares ASCII letters without case. PostgreSQL's
        # LIKE minds case: ILIKE there.
        sqlite = self._factories.engine.dialect.name == "sqlite"
        columns = (Contact.name, Contact.email, Contact.job_title, Organization.display_name)
        for word in search.split():
            query = query.where(or_(*(
                column.contains(word, autoescape=True) if sqlite
                else column.icontains(word, autoescape=True)
                for column in columns
            )))  # fmt: skip
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            # One row beyond the limit says whether there are more, without counting them.
            ordered = query.order_by(Contact.name, Organization.display_name)
            rows = s.execute(ordered.limit(limit + 1)).all()
        entries = tuple(_entry(contact, organization) for contact, organization in rows[:limit])
        return DirectoryPage(entries, more=len(rows) > limit)


def _entry(contact: Contact, organization: str) -> DirectoryEntry:
    return DirectoryEntry(
        id=contact.id,
        organization_id=contact.organization_id,
        organization=organization,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        job_title=contact.job_title,
        roles=contact.roles,
    )
