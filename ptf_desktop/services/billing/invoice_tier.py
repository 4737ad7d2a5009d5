"""The membership tier an invoice is for, fixed on the invoice when it is issued.

Revenue by tier reads this stored tier, so that a member who changes tier later does not
move its past revenue with it. The sources, in order of how directly they say what was
billed (migration 0009 filled in older invoices with the same rule):

1. the membership term a line bills (renewal invoices name it): a renewal into a new
   tier is revenue of that tier;
2. the tier of the fee schedule entry a line was priced from;
3. the member's term covering the issue date;
4. the organization's tier on the day of issuing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ...domain.organizations import Tier
from ...persistence.models import FeeEntry, MembershipTerm, Organization
from ...persistence.models.billing import Invoice, InvoiceLine

_TIERS = tuple(tier.value for tier in Tier)


def tier_when_invoiced(session: Session, invoice: Invoice, issue_date: date) -> str | None:
    """The tier ``invoice`` bills, as of its issue date (None: the organization has none).

    Args:
        session: a session inside the caller's transaction.
        invoice: the invoice being issued (its lines are in the database).
        issue_date: the day it is issued.
    """
    billed_term = session.scalar(
        _first_line(invoice, MembershipTerm.tier).join(
            MembershipTerm, MembershipTerm.id == InvoiceLine.term_id
        )
    )
    if billed_term is not None:
        return billed_term
    fee_entry = session.scalar(
        _first_line(invoice, FeeEntry.kind)
        .join(FeeEntry, FeeEntry.id == InvoiceLine.fee_entry_id)
        .where(FeeEntry.kind.in_(_TIERS))
    )
    if fee_entry is not None:
        return fee_entry
    covering_term = session.scalar(
        select(MembershipTerm.tier)
        .where(MembershipTerm.organization_id == invoice.organization_id)
        .where(MembershipTerm.deleted.is_(False))
        .where(MembershipTerm.start_date <= issue_date, MembershipTerm.end_date >= issue_date)
        .order_by(MembershipTerm.start_date.desc())
        .limit(1)
    )
    if covering_term is not None:
        return covering_term
    return session.scalar(
        select(Organization.tier).where(Organization.id == invoice.organization_id)
    )


def _first_line(invoice: Invoice, column: Any) -> Select[Any]:
    """``column`` of the invoice's first line that has one (joined by the caller)."""
    return (
        select(column)
        .select_from(InvoiceLine)
        .where(InvoiceLine.invoice_id == invoice.id, InvoiceLine.deleted.is_(False))
        .order_by(InvoiceLine.position)
        .limit(1)
    )
