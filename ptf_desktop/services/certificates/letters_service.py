"""Welcome and renewal reminder letters: PDFs, and .eml drafts to the right contact.

The welcome letter goes to the organization's primary contact (else its voting
representative, else any contact with an e-mail address); the renewal reminder goes to
the billing contact first, since it announces an invoice. The letter names the
representative the welcome letter speaks of: the voting representative, else the
primary contact.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...documents.addresses import address_lines
from ...domain.billing.file_names import document_file_name
from ...domain.errors import UserError
from ...domain.foundation_settings import FoundationSettings
from ...domain.letters import (
    LetterParty,
    RenewalReminderLetter,
    WelcomeLetter,
    benefits_for,
)
from ...domain.organizations import Tier
from ...domain.renewals import RenewalIntent, non_renewal_deadline
from ...domain.term_rules import TermRules
from ...persistence.engine import SessionFactories
from ...persistence.models import Contact, FoundationSettingsRow, MembershipTerm, Organization
from ..atomic_files import write_bytes_atomic
from ..database_errors import translating_database_errors
from ..renewals.reminder_state import next_renewal
from .certificate_settings import settings_row
from .email_draft import email_draft

_WELCOME_ROLES = ("primary", "voting_representative")
_REMINDER_ROLES = ("billing", "primary", "voting_representative")
_REPRESENTATIVE_ROLES = ("voting_representative", "primary")


@dataclass(frozen=True)
class LetterFiles:
    """A rendered letter and its e-mail draft.

    Attributes:
        kind: "welcome" or "renewal reminder".
        organization: the member's legal name.
        pdf: the letter's PDF bytes.
        eml: the e-mail draft with the PDF attached; None when no contact has an address.
        recipient_email: the draft's recipient ("" when there is no draft).
        pdf_name: a safe file name for the PDF.
        note: why there is no e-mail draft ("" when there is one).
    """

    kind: str
    organization: str
    pdf: bytes
    eml: bytes | None
    recipient_email: str
    pdf_name: str
    note: str

    def save(self, folder: Path) -> list[Path]:
        """Write the PDF (and the .eml draft) into a folder, atomically.

        Raises:
            UserError: the folder is missing or not writable.
        """
        pdf_path = folder / self.pdf_name
        write_bytes_atomic(pdf_path, self.pdf)
        written = [pdf_path]
        if self.eml is not None:
            eml_path = pdf_path.with_suffix(".eml")
            write_bytes_atomic(eml_path, self.eml)
            written.append(eml_path)
        return written


class LetterService:
    """Render member letters and their e-mail drafts."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def welcome(self, organization_id: uuid.UUID, *, on: date | None = None) -> LetterFiles:
        """The welcome letter for a member, about its first (or current) term.

        Raises:
            UserError: the organization does not exist or has no membership term.
        """
        from ...documents.letters import render_welcome_letter
        from ...resources import resource_path

        day = on or date.today()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = _organization(s, organization_id)
            term = _current_term(s, organization, day)
            contacts = _contacts(s, organization.id)
            settings = settings_row(s)
            tier = Tier(term.tier)
            letter = WelcomeLetter(
                letter_date=day,
                sender=_sender(settings),
                recipient=_recipient(organization, contacts, _REPRESENTATIVE_ROLES),
                tier=tier,
                term_start=term.start_date,
                term_end=term.end_date,
                benefits=benefits_for(tier),
            )
            sender_email = settings.billing_email
        pdf = render_welcome_letter(letter, logo=resource_path("images/logo.png").read_bytes())
        subject = f"Welcome to {letter.sender.organization}"
        body = (
            f"Dear {letter.recipient.person or 'member'},\n\n"
            f"Welcome to {letter.sender.organization}. Please find our welcome letter "
            f"attached.\n\nKind regards,\n{letter.sender.person}\n{letter.sender.title}\n"
        )
        return _files(
            "welcome", organization.legal_name, pdf, contacts, _WELCOME_ROLES,
            letter.sender, sender_email, subject, body, "Welcome letter",
        )  # fmt: skip

    def renewal_reminder(
        self, organization_id: uuid.UUID, *, on: date | None = None
    ) -> LetterFiles:
        """The renewal reminder for a member's current term: next term, fee, deadlines.

        The letter reads the member's state (renewals.reminder_state): a next term already
        prepared, with its invoice's number, amount and due date once issued (or that it
        is paid); otherwise the next term as the term rules make it, priced from the fee
        schedule. A notice deadline already past on the letter's date is said to have
        passed, with the one for the term after.

        Raises:
            UserError: the organization does not exist, has no term, gave notice not to
                renew, or its next term cannot be priced (no fee schedule, not eligible).
        """
        from ...documents.letters import render_renewal_reminder
        from ...resources import resource_path

        day = on or date.today()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = _organization(s, organization_id)
            _check_renewing(organization)
            term = _current_term(s, organization, day)
            contacts = _contacts(s, organization.id)
            settings = settings_row(s)
            sender = _sender(settings)
            recipient = _recipient(organization, contacts, _REMINDER_ROLES)
            rules = _rules(settings)
            sender_email = settings.billing_email
            renewal = next_renewal(s, organization, term)
            payment_due = renewal.start + timedelta(days=settings.payment_terms_days)
        letter = RenewalReminderLetter(
            letter_date=day,
            sender=sender,
            recipient=recipient,
            tier=renewal.tier,
            term_end=term.end_date,
            next_term_start=renewal.start,
            next_term_end=renewal.end,
            amount=renewal.amount,
            notice_deadline=non_renewal_deadline(term.end_date, rules),
            payment_due=renewal.invoice.due_on if renewal.invoice else payment_due,
            invoice=renewal.invoice,
            next_notice_deadline=non_renewal_deadline(renewal.end, rules),
        )
        pdf = render_renewal_reminder(letter, logo=resource_path("images/logo.png").read_bytes())
        subject = f"Your {sender.organization} membership renews on {renewal.start.isoformat()}"
        body = (
            f"Dear {recipient.person or 'member'},\n\n"
            f"Your membership term ends on {term.end_date.isoformat()}. Please find the "
            "renewal details attached.\n\n"
            f"Kind regards,\n{sender.person}\n{sender.title}\n"
        )
        return _files(
            "renewal reminder", organization.legal_name, pdf, contacts, _REMINDER_ROLES,
            sender, sender_email, subject, body, "Renewal reminder",
        )  # fmt: skip


def _organization(s: Session, organization_id: uuid.UUID) -> Organization:
    row = s.get(Organization, organization_id)
    if row is None or row.deleted:
        raise UserError("The organization no longer exists; it may have been deleted.")
    return row


def _current_term(s: Session, organization: Organization, day: date) -> MembershipTerm:
    terms = list(
        s.scalars(
            select(MembershipTerm)
            .where(
                MembershipTerm.organization_id == organization.id,
                MembershipTerm.deleted.is_(False),
            )
            .order_by(MembershipTerm.start_date)
        )
    )
    if not terms:
        raise UserError(f"{organization.legal_name} has no membership term to write about.")
    current = [t for t in terms if t.start_date <= day <= t.end_date]
    return current[-1] if current else terms[-1]


def _contacts(s: Session, organization_id: uuid.UUID) -> list[Contact]:
    return list(
        s.scalars(
            select(Contact)
            .where(Contact.organization_id == organization_id, Contact.deleted.is_(False))
            .order_by(Contact.name)
        )
    )


def _pick(contacts: list[Contact], roles: tuple[str, ...], *, need_email: bool) -> Contact | None:
    usable = [c for c in contacts if c.email or not need_email]
    for role in roles:
        for contact in usable:
            if role in {r.strip() for r in contact.roles.split(",")}:
                return contact
    return usable[0] if usable else None


def _sender(settings: FoundationSettingsRow) -> LetterParty:
    street = (settings.address_line1, settings.address_line2)
    address = address_lines(
        street, settings.city, settings.region, settings.postal_code, settings.country
    )
    return LetterParty(
        organization=settings.legal_name,
        person=settings.signatory_name,
        title=settings.signatory_title,
        address_lines=tuple(address),
        country=settings.country,
    )


def _recipient(
    organization: Organization, contacts: list[Contact], roles: tuple[str, ...]
) -> LetterParty:
    person = _pick(contacts, roles, need_email=False)
    # Laid out as the member's country writes addresses, ending with the country's name.
    address = address_lines(
        (organization.address_line1, organization.address_line2),
        organization.city,
        organization.region,
        organization.postal_code,
        organization.country,
    )
    return LetterParty(
        organization=organization.legal_name,
        person=person.name if person else "",
        title=person.job_title if person else "",
        address_lines=tuple(address),
        country=organization.country,
    )


def _rules(settings: FoundationSettingsRow) -> TermRules:

    return FoundationSettings(
        non_renewal_notice_deadline=settings.non_renewal_notice_deadline,
        fee_increase_notice_date=settings.fee_increase_notice_date,
    ).term_rules()


def _check_renewing(organization: Organization) -> None:
    if organization.renewal_intent == RenewalIntent.NON_RENEWING.value:
        notice = organization.non_renewal_notice_on
        when = f" on {notice.isoformat()}" if notice else ""
        raise UserError(
            f"{organization.legal_name} gave notice of non-renewal{when}: its membership ends "
            "with its term, so no renewal reminder is written."
        )


def _files(
    kind: str,
    organization: str,
    pdf: bytes,
    contacts: list[Contact],
    roles: tuple[str, ...],
    sender: LetterParty,
    sender_email: str,
    subject: str,
    body: str,
    label: str,
) -> LetterFiles:
    pdf_name = document_file_name(label, organization)
    contact = _pick(contacts, roles, need_email=True)
    if contact is None:
        note = f"No contact of {organization} has an e-mail address: no e-mail draft was made."
        return LetterFiles(kind, organization, pdf, None, "", pdf_name, note)
    try:
        eml = email_draft(
            sender_name=sender.organization,
            sender_email=sender_email,
            recipient_name=contact.name,
            recipient_email=contact.email,
            subject=subject,
            body=body,
            attachment_name=pdf_name,
            attachment=pdf,
        )
    except ValueError as error:
        note = f"The e-mail draft could not be made: {error}"
        return LetterFiles(kind, organization, pdf, None, "", pdf_name, note)
    return LetterFiles(kind, organization, pdf, eml, contact.email, pdf_name, "")
