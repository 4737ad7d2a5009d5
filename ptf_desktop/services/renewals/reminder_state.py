"""What a renewal reminder says about the next term: the member's real state.

When the next term is already prepared (it starts the day after the current one ends),
the letter speaks of that term, its tier, and its renewal invoice: the invoice's total,
number, issue and due dates once it is issued, or that it is paid. A draft invoice is
not sent yet: the letter gives its amount and says the invoice will follow. Without a
prepared term the next term follows the term rules (``domain.renewals.next_term``) and is
priced as the renewal calendar prices it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.statuses import InvoiceStatus
from ...domain.errors import UserError
from ...domain.letters import RenewalInvoice
from ...domain.money import Money
from ...domain.organizations import Tier
from ...persistence.models import Invoice, InvoiceLine, MembershipTerm, Organization
from .renewal_pricing import RenewalPricer
from .renewal_rows import member


@dataclass(frozen=True)
class NextRenewal:
    """The next term a reminder announces.

    Attributes:
        start: its first day.
        end: its last day.
        tier: its tier.
        amount: what it costs (the invoice's total once there is one).
        invoice: the issued renewal invoice (None: not issued yet).
    """

    start: date
    end: date
    tier: Tier
    amount: Money
    invoice: RenewalInvoice | None


def next_renewal(session: Session, organization: Organization, term: MembershipTerm) -> NextRenewal:
    """The term after ``term``, as prepared (with its invoice) or as the rules make it.

    Raises:
        UserError: no next term is prepared and it cannot be priced (the reason given).
    """
    following = session.scalars(
        select(MembershipTerm)
        .where(MembershipTerm.organization_id == organization.id)
        .where(MembershipTerm.deleted.is_(False))
        .where(MembershipTerm.start_date == term.end_date + timedelta(days=1))
    ).first()
    if following is not None:
        invoice = _invoice_of(session, following)
        if invoice is not None:
            return NextRenewal(
                following.start_date, following.end_date, Tier(following.tier),
                invoice.total,
                _issued(invoice),
            )  # fmt: skip
    row = member(session, organization.id)
    if row is not None:  # priced from the term the letter is about, not the latest one
        row = replace(row, term_end=term.end_date)
    pricer = RenewalPricer.load(session, term.end_date + timedelta(days=400))
    priced = pricer.next_term(row) if row is not None else None
    if priced is None or priced.price is None:
        problem = priced.problem if priced is not None else "it has no term to renew"
        raise UserError(
            f"No renewal reminder for {organization.legal_name}: its next term cannot be "
            f"priced ({problem})."
        )
    if following is not None:  # prepared without an invoice: its own dates and tier
        return NextRenewal(following.start_date, following.end_date, Tier(following.tier),
                           priced.price.total, None)  # fmt: skip
    return NextRenewal(priced.start, priced.end, priced.tier, priced.price.total, None)


def _invoice_of(session: Session, term: MembershipTerm) -> Invoice | None:
    """The renewal invoice billing the term: an issued one first, else a draft."""
    invoices = session.scalars(
        select(Invoice)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.term_id == term.id, InvoiceLine.deleted.is_(False))
        .where(Invoice.deleted.is_(False), Invoice.status != InvoiceStatus.CREDITED.value)
        .order_by(Invoice.number.is_(None), Invoice.issue_date)
    ).all()
    return invoices[0] if invoices else None


def _issued(invoice: Invoice) -> RenewalInvoice | None:
    if invoice.number is None or invoice.issue_date is None or invoice.due_date is None:
        return None
    return RenewalInvoice(
        invoice.number, invoice.issue_date, invoice.due_date,
        paid=invoice.status == InvoiceStatus.PAID.value,
    )  # fmt: skip
