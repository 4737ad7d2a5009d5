"""The membership tier an invoice is for, fixed on the invoice when it is issued.

Revenue by tier reads this stored tier, so that a member who changes tier later does not
move its past revenue with it. The sources, in order of how directly they say what was
billed:

1. the membership term a line bills (renewal invoices name it): a renewal into a new
   tier is revenue of that tier;
2. the tier of the fee schedule entry a line was priced from;
3. the organization's tier in the register on the day of issuing.

Migration 0009 filled in invoices issued before the tier was stored from the same first
two sources, then from the member's term covering the issue date (the register's tier
today is no record of the tier back then).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ...domain.organizations import Tier
from ...persistence.models import FeeEntry, MembershipTerm, Organization
from ...persistence.models.billing import Invoice, InvoiceLine

_TIERS = tuple(tier.value for tier in Tier)


def tier_when_invoiced(session: Session, invoice: Invoice) -> str | None:
    """The tier ``invoice`` bills, on the day it is issued (None: no tier at all).

    Args:
        session: a session inside the caller's transaction.
        invoice: the invoice being issued (its lines are in the database).
    """
    billed_term: str | None = session.scalar(
        _first_line(invoice, MembershipTerm.tier).join(
            MembershipTerm, MembershipTerm.id == InvoiceLine.term_id
        )
    )
    if billed_term is not None:
        return billed_term
    fee_entry: str | None = session.scalar(
        _first_line(invoice, FeeEntry.kind)
        .join(FeeEntry, FeeEntry.id == InvoiceLine.fee_entry_id)
        .where(FeeEntry.kind.in_(_TIERS))
    )
    if fee_entry is not None:
        return fee_entry
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
