"""When a membership term counts as held: what certificates (single and batch) certify.

The rule, with the setting ``term_held_when`` (Settings > Membership):

- an Associate term is held once the organization is admitted (Associate is free);
- a Premier or General term billed by an invoice is held once one of its invoices is
  issued (the default: fees are invoiced at signature, FEES.md) or, with the setting
  "paid", once one is paid in full. A term billed only by a draft (a prepared renewal,
  an upgrade not yet invoiced, an accepted quote's draft invoice) is not held yet; nor
  is one whose invoice was credited in full;
- a term no invoice bills was recorded by staff (admission, an import, history) and is
  held as recorded.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.statuses import InvoiceStatus
from ...domain.organizations import Tier
from ...persistence.models import (
    SETTINGS_ROW_ID,
    FoundationSettingsRow,
    Invoice,
    InvoiceLine,
    MembershipTerm,
)

# Invoice statuses that make a billed term held, per setting.
HOLDING_STATUSES = {
    "issued": frozenset(
        {
            InvoiceStatus.ISSUED.value,
            InvoiceStatus.PARTIALLY_PAID.value,
            InvoiceStatus.PAID.value,
        }
    ),  # fmt: skip
    "paid": frozenset({InvoiceStatus.PAID.value}),
}


def held_when(session: Session) -> str:
    """The stored setting: "issued" or "paid" (the default "issued" before any is saved)."""
    row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
    return row.term_held_when if row is not None else "issued"


def not_held(
    session: Session, terms: Collection[MembershipTerm], rule: str | None = None
) -> dict[uuid.UUID, str]:
    """Why each term that is not held is not, by term id (held terms are left out).

    Args:
        session: the caller's session.
        terms: the terms asked about (one query for all of them).
        rule: "issued" or "paid"; the stored setting when None.
    """
    paying = {term.id: term for term in terms if term.tier != Tier.ASSOCIATE.value}
    if not paying:
        return {}
    rule = rule or held_when(session)
    billed: dict[uuid.UUID, list[tuple[str | None, str]]] = {}
    for chunk in _chunks(list(paying)):
        rows = session.execute(
            select(InvoiceLine.term_id, Invoice.number, Invoice.status)
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(InvoiceLine.term_id.in_(chunk))
            .where(InvoiceLine.deleted.is_(False), Invoice.deleted.is_(False))
        )
        for term_id, number, status in rows:
            if term_id is not None:  # the IN list holds terms only
                billed.setdefault(term_id, []).append((number, status))
    reasons = {}
    for term_id, invoices in billed.items():
        if any(status in HOLDING_STATUSES[rule] for _, status in invoices):
            continue
        reasons[term_id] = _reason(invoices, rule)
    return reasons


def _reason(invoices: list[tuple[str | None, str]], rule: str) -> str:
    issued = sorted(str(number) for number, status in invoices if number is not None
                    and status != InvoiceStatus.CREDITED.value)  # fmt: skip
    if issued:
        return (
            f"the term is not held yet: its invoice {', '.join(issued)} is not paid in full "
            "(Settings > Membership holds a term once its invoice is paid)"
        )
    if any(status == InvoiceStatus.CREDITED.value for _, status in invoices):
        return "the term is not held: its invoice was credited"
    what = "issued" if rule == "issued" else "issued and paid"
    return f"the term is not held yet: its invoice is still a draft (to be {what} first)"


def _chunks(keys: list[uuid.UUID], size: int = 500) -> list[list[uuid.UUID]]:
    """Keys in slices, so an IN list stays within SQLite's variable limit."""
    return [keys[i : i + size] for i in range(0, len(keys), size)]
