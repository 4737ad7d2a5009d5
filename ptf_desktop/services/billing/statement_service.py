"""Statements of account: a member's invoices, payments, credits and refunds, and its balance.

Built from the stored rows as they were on a date, rendered to PDF and wrapped in an
e-mail draft (.eml, never sent by the app) for the member's billing contact.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ...domain.billing.file_names import document_file_name
from ...domain.billing.statement import (
    CurrencyAccount,
    EntryKind,
    LedgerEvent,
    OpenInvoice,
    Statement,
    StatementParty,
    account_lines,
)
from ...domain.errors import UserError
from ...domain.formatting import format_money
from ...domain.money import Money
from ...domain.postal import postal_fields
from ...persistence.engine import SessionFactories
from ...persistence.models import Organization
from ...persistence.models.billing import CreditNote, Invoice, Payment, Refund
from ..database_errors import translating_database_errors
from .credit_balance import CREDIT_METHOD
from .document_builder import foundation_settings
from .invoice_records import NotFound


class StatementService:
    """Statements of account per member."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today

    def find_organization(self, text: str) -> uuid.UUID:
        """An organization by id, or by its display or legal name (any case).

        Raises:
            NotFound: no organization, or several, have that name.
        """
        wanted = text.strip()
        try:
            return uuid.UUID(wanted)
        except ValueError:
            pass
        folded = wanted.casefold()
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            rows = s.execute(
                select(Organization.id, Organization.display_name, Organization.legal_name).where(
                    Organization.deleted.is_(False),
                    or_(
                        func.lower(Organization.display_name) == wanted.lower(),
                        func.lower(Organization.legal_name) == wanted.lower(),
                    ),
                )
            ).all()
        # SQL's lower() folds ASCII only: confirm with Python's casefold.
        found = [r[0] for r in rows if folded in (r[1].casefold(), (r[2] or "").casefold())]
        if not found:
            raise NotFound(f"There is no organization named '{wanted}'.")
        if len(found) > 1:
            raise NotFound(f"Several organizations are named '{wanted}'; give its id instead.")
        return found[0]

    def statement(self, organization_id: uuid.UUID, as_of: date | None = None) -> Statement:
        """The statement of account of a member on a date (default today).

        Raises:
            NotFound: the organization does not exist.
        """
        day = as_of or self._today()
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            organization = s.get(Organization, organization_id)
            if organization is None or organization.deleted:
                raise NotFound("The organization no longer exists.")
            events, open_items = _events(s, organization_id, day)
            seller = foundation_settings(s)
            member = _member(organization)
        currencies = sorted(set(events) | set(open_items))
        accounts = tuple(
            CurrencyAccount(
                currency,
                account_lines(events[currency], day),
                tuple(open_items[currency]),
            )
            for currency in currencies
        )
        return Statement(
            as_of=day,
            member=member,
            seller=StatementParty(
                name=seller.legal_name,
                **postal_fields(seller),
                tax_id=seller.tax_id,
                email=seller.billing_email,
            ),
            accounts=accounts,
            remittance="Please quote the invoice numbers with your payment.",
        )

    def pdf(self, organization_id: uuid.UUID, as_of: date | None = None) -> bytes:
        """The statement as a PDF (see :meth:`statement`)."""
        from ...documents.statement import render_statement_pdf

        return render_statement_pdf(self.statement(organization_id, as_of))

    def email_draft(self, organization_id: uuid.UUID, as_of: date | None = None) -> bytes:
        """An unsent e-mail (.eml) to the billing contact with the statement PDF attached.

        Raises:
            UserError: the member has no billing e-mail address to send it to.
        """
        statement = self.statement(organization_id, as_of)
        from ...documents.statement import render_statement_pdf

        return statement_email(statement, render_statement_pdf(statement))


def statement_file_name(statement: Statement) -> str:
    """``Statement 2027-02-01 <member>.pdf``, safe on every file system."""
    return document_file_name(f"Statement {statement.as_of.isoformat()}", statement.member.name)


def statement_email(statement: Statement, pdf: bytes) -> bytes:
    """The .eml draft of a statement: To the billing contact, the PDF attached, marked unsent.

    Raises:
        UserError: the member has no billing e-mail address.
    """
    member = statement.member
    if not member.email:
        raise UserError(
            f"{member.name} has no billing contact with an e-mail address: add one on its "
            "Contacts tab, or save the PDF and send it yourself."
        )
    message = EmailMessage()
    if statement.seller.email:
        message["From"] = Address(
            display_name=statement.seller.name, addr_spec=statement.seller.email
        )
    # An Address object quotes the name itself: "AT&T <Holding>" must not become an address.
    message["To"] = Address(display_name=member.contact_name or member.name, addr_spec=member.email)
    message["Subject"] = f"Statement of account on {statement.as_of.isoformat()} – {member.name}"
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    balances = [
        f"- {format_money(a.balance)} owed" if a.balance.amount > 0 else
        f"- {format_money(-a.balance)} to your credit" if a.balance.amount < 0 else
        f"- nothing owed in {a.currency}"
        for a in statement.accounts
    ]  # fmt: skip
    greeting = f"Dear {member.contact_name}," if member.contact_name else "Hello,"
    message.set_content(
        f"{greeting}\n\nPlease find attached the statement of account of {member.name} "
        f"on {statement.as_of.isoformat()}:\n\n"
        + ("\n".join(balances) or "- no invoices")
        + f"\n\nWith kind regards,\n{statement.seller.name}\n"
    )
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=statement_file_name(statement)
    )
    return bytes(message)


def _member(organization: Organization) -> StatementParty:
    contact = organization.billing_contact
    name, email = contact, ""
    if "<" in contact:
        name, email = contact.rsplit("<", 1)
        email = email.rstrip(">")
    return StatementParty(
        name=organization.legal_name or organization.display_name,
        **postal_fields(organization),
        tax_id=organization.vat_id,
        contact_name=name.strip(),
        email=email.strip(),
    )


def _events(
    session: Session, organization_id: uuid.UUID, day: date
) -> tuple[dict[str, list[LedgerEvent]], dict[str, list[OpenInvoice]]]:
    """Every event up to ``day`` per currency, and the invoices open on that day."""
    events: dict[str, list[LedgerEvent]] = defaultdict(list)
    invoices = list(
        session.scalars(
            select(Invoice)
            .where(Invoice.organization_id == organization_id, Invoice.deleted.is_(False))
            .where(Invoice.number.is_not(None), Invoice.issue_date <= day)
            .order_by(Invoice.issue_date, Invoice.number)
        )
    )
    settled: dict[uuid.UUID, Money] = {}
    for invoice in invoices:
        assert invoice.number is not None and invoice.issue_date is not None
        events[invoice.currency].append(
            LedgerEvent(
                invoice.issue_date,
                EntryKind.INVOICE,
                invoice.number,
                invoice.total,
                f"due {invoice.due_date.isoformat()}" if invoice.due_date else "",
            )
        )
    numbers = {invoice.id: invoice.number or "" for invoice in invoices}
    for payment in session.scalars(
        select(Payment).where(
            Payment.invoice_id.in_(numbers), Payment.deleted.is_(False), Payment.paid_on <= day
        )
    ):
        _settle(settled, payment.invoice_id, payment.amount)
        if payment.method == CREDIT_METHOD:
            continue  # moves credit between two invoices of the member: no balance change
        events[payment.currency].append(_payment_event(payment, numbers[payment.invoice_id]))
    for note in session.scalars(
        select(CreditNote).where(
            CreditNote.invoice_id.in_(numbers),
            CreditNote.deleted.is_(False),
            CreditNote.issue_date <= day,
        )
    ):
        _settle(settled, note.invoice_id, note.total)
        events[note.currency].append(
            LedgerEvent(
                note.issue_date,
                EntryKind.CREDIT_NOTE,
                note.number,
                note.total,
                f"on {numbers[note.invoice_id]}: {note.reason}",
            )
        )
    for refund in session.scalars(
        select(Refund).where(
            Refund.organization_id == organization_id,
            Refund.deleted.is_(False),
            Refund.refunded_on <= day,
        )
    ):
        events[refund.currency].append(
            LedgerEvent(
                refund.refunded_on,
                EntryKind.REFUND,
                refund.reference,
                refund.amount,
                refund.method,
            )
        )
    return events, _open_invoices(invoices, settled)


def _settle(settled: dict[uuid.UUID, Money], invoice_id: uuid.UUID, amount: Money) -> None:
    earlier = settled.get(invoice_id)
    settled[invoice_id] = amount if earlier is None else earlier + amount


def _payment_event(payment: Payment, invoice_number: str) -> LedgerEvent:
    amount = payment.amount
    reversal = amount.amount < 0
    note = f"on {invoice_number}"
    if payment.reference and not reversal:
        note += f", ref. {payment.reference}"
    if reversal and payment.reason:
        note += f": {payment.reason}"
    return LedgerEvent(
        payment.paid_on,
        EntryKind.PAYMENT_REVERSAL if reversal else EntryKind.PAYMENT,
        payment.method,
        -amount if reversal else amount,
        note,
    )


def _open_invoices(
    invoices: list[Invoice], settled: dict[uuid.UUID, Money]
) -> dict[str, list[OpenInvoice]]:
    found: dict[str, list[OpenInvoice]] = defaultdict(list)
    for invoice in invoices:
        total = invoice.total
        paid = settled.get(invoice.id)
        open_amount = total if paid is None else total - paid
        if open_amount.amount <= 0:
            continue
        assert invoice.number is not None and invoice.issue_date is not None
        found[invoice.currency].append(
            OpenInvoice(
                number=invoice.number,
                issue_date=invoice.issue_date,
                due_date=invoice.due_date or invoice.issue_date,
                total=total,
                open=open_amount,
            )
        )
    return found
