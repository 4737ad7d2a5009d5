"""E-mail drafts to several organizations at once, one .eml file each.

The person writes a subject and a message once; each organization's draft goes to its
contact with an e-mail address in the role asked for first (primary, say), else in the
other role, each draft greeting its contact by name. The app never sends mail: a mail
program opens the files, ready to read and send. An organization whose contacts in
those roles have no e-mail address gets no draft and is named in the outcome.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.file_names import document_file_name
from ...domain.progress import NO_PROGRESS, Progress
from ...persistence.engine import SessionFactories
from ...persistence.models import Contact, FoundationSettingsRow, Organization
from ...persistence.models.core import SETTINGS_ROW_ID
from ..atomic_files import write_bytes_atomic
from ..certificates.email_draft import email_draft
from ..database_errors import translating_database_errors

PRIMARY_FIRST = ("primary", "billing")
BILLING_FIRST = ("billing", "primary")


@dataclass(frozen=True)
class Recipient:
    """Whom an organization's draft goes to ("" e-mail: nobody in the roles has one)."""

    organization_id: uuid.UUID
    organization: str
    contact: str
    email: str


@dataclass(frozen=True)
class DraftsWritten:
    """What writing the drafts did.

    Attributes:
        files: the drafts written, in the order of the organizations.
        without_email: the organizations left without a draft (no e-mail address).
    """

    folder: Path
    files: tuple[Path, ...]
    without_email: tuple[str, ...]


@dataclass(frozen=True)
class DraftText:
    """The message the person wrote, the same for every organization."""

    subject: str
    body: str


class EmailDrafts:
    """Writes e-mail drafts to the contacts of the organizations chosen."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def recipients(
        self, organization_ids: Sequence[uuid.UUID], roles: tuple[str, ...] = PRIMARY_FIRST
    ) -> tuple[Recipient, ...]:
        """Each organization's contact for a draft, in the order given (deleted ones left out).

        Args:
            organization_ids: the organizations, in the order their drafts are wanted.
            roles: the contact roles to look for, the first preferred.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return self._recipients(s, organization_ids, roles)

    def write(
        self,
        organization_ids: Sequence[uuid.UUID],
        text: DraftText,
        folder: Path,
        roles: tuple[str, ...] = PRIMARY_FIRST,
        progress: Progress = NO_PROGRESS,
    ) -> DraftsWritten:
        """Write one draft per organization with an address into ``folder``.

        File names are the organization's name, made safe on every operating system,
        with " (2)" and so on when two names come out the same.

        Raises:
            Cancelled: the person stopped it (the drafts already written stay).
            OSError: a file could not be written.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            recipients = self._recipients(s, organization_ids, roles)
            settings = s.get(FoundationSettingsRow, SETTINGS_ROW_ID)
            sender_name = settings.legal_name if settings else ""
            sender_email = settings.billing_email if settings else ""
        files: list[Path] = []
        without: list[str] = []
        taken: set[str] = set()
        for done, recipient in enumerate(recipients, start=1):
            progress.step(done - 1, len(recipients))
            if not recipient.email:
                without.append(recipient.organization)
                continue
            message = email_draft(
                sender_name=sender_name,
                sender_email=sender_email,
                recipient_name=recipient.contact,
                recipient_email=recipient.email,
                subject=text.subject,
                body=f"Dear {recipient.contact},\n\n{text.body}",
            )
            path = folder / _free_name(recipient.organization, taken)
            write_bytes_atomic(path, message)
            files.append(path)
        progress.step(len(recipients), len(recipients))
        return DraftsWritten(folder, tuple(files), tuple(without))

    @staticmethod
    def _recipients(
        s: Session, organization_ids: Sequence[uuid.UUID], roles: tuple[str, ...]
    ) -> tuple[Recipient, ...]:
        wanted = list(dict.fromkeys(organization_ids))
        rows = s.execute(
            select(Organization.id, Organization.display_name).where(
                Organization.id.in_(wanted), Organization.deleted.is_(False)
            )
        )
        names = {organization: name for organization, name in rows}
        contacts: dict[uuid.UUID, list[Contact]] = {}
        for contact in s.scalars(
            select(Contact)
            .where(Contact.organization_id.in_(wanted), Contact.deleted.is_(False))
            .order_by(Contact.name)
        ):
            contacts.setdefault(contact.organization_id, []).append(contact)
        return tuple(
            _recipient(organization, names[organization], contacts.get(organization, []), roles)
            for organization in wanted
            if organization in names
        )


def _recipient(
    organization_id: uuid.UUID, name: str, contacts: list[Contact], roles: tuple[str, ...]
) -> Recipient:
    for role in roles:
        for contact in contacts:
            if contact.email and role in {r.strip() for r in contact.roles.split(",")}:
                return Recipient(organization_id, name, contact.name, contact.email)
    return Recipient(organization_id, name, "", "")


def _free_name(organization: str, taken: set[str]) -> str:
    """A file name for an organization's draft that no earlier draft of this run has."""
    name = document_file_name("E-mail", organization, "eml")
    number = 1
    while name.casefold() in taken:  # case-insensitive file systems (Windows, macOS)
        number += 1
        name = document_file_name(f"E-mail ({number})", organization, "eml")
    taken.add(name.casefold())
    return name
