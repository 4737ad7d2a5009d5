"""Members' credit balances, computed from the ledger rather than stored.

A member's credit in a currency is what its issued invoices received beyond their
totals (payments and credit notes together: a credit note on a paid invoice, or an
overpayment kept as credit), less what was applied to other invoices (payments of
method "credit balance") and less what was refunded. Computing it from those rows means
it can never disagree with them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ...domain.money import Money
from ...persistence.models.billing import Invoice, Payment, Refund
from ...persistence.money_columns import stored_money

CREDIT_METHOD = "credit balance"
"""The payment method of credit applied from a member's credit balance to an invoice."""

Key = tuple[uuid.UUID, str]


def credit_balances(session: Session, organization_id: uuid.UUID | None = None) -> dict[Key, Money]:
    """Credit balances by (organization, currency); zero balances are left out.

    Args:
        session: any session.
        organization_id: only this organization's balances (None: every organization).
    """
    totals: dict[Key, int] = defaultdict(int)
    excess = Invoice.paid_minor + Invoice.credited_minor - Invoice.total_minor
    over = (
        select(
            Invoice.organization_id,
            Invoice.currency,
            func.sum(case((excess > 0, excess), else_=0)),
        )
        .where(Invoice.deleted.is_(False), Invoice.number.is_not(None))
        .group_by(Invoice.organization_id, Invoice.currency)
    )
    applied = (
        select(Invoice.organization_id, Payment.currency, -func.sum(Payment.amount_minor))
        .join(Invoice, Invoice.id == Payment.invoice_id)
        .where(Payment.deleted.is_(False), Payment.method == CREDIT_METHOD)
        .group_by(Invoice.organization_id, Payment.currency)
    )
    refunded = (
        select(Refund.organization_id, Refund.currency, -func.sum(Refund.amount_minor))
        .where(Refund.deleted.is_(False))
        .group_by(Refund.organization_id, Refund.currency)
    )
    if organization_id is not None:
        over = over.where(Invoice.organization_id == organization_id)
        applied = applied.where(Invoice.organization_id == organization_id)
        refunded = refunded.where(Refund.organization_id == organization_id)
    for query in (over, applied, refunded):
        for organization, currency, minor in session.execute(query):
            totals[(organization, currency)] += int(minor or 0)
    return {key: stored_money(minor, key[1]) for key, minor in totals.items() if minor != 0}


def credit_of(session: Session, organization_id: uuid.UUID, currency: str) -> Money:
    """One member's credit balance in one currency (zero when none)."""
    balances = credit_balances(session, organization_id)
    return balances.get((organization_id, currency), stored_money(0, currency))
