"""Members' credit balances: listed, refunded (recorded as a refund) or applied to an invoice.

The balance itself is computed from invoices, payments and refunds (see
``credit_balance``); refunding adds a refund row, applying adds a payment of method
"credit balance" to the invoice it pays. Neither may take more than the member has.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from ...domain.errors import UserError
from ...domain.formatting import format_money
from ...domain.money import Money
from ...domain.records import record_from
from ...persistence.engine import SessionFactories
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import Organization
from ...persistence.models.billing import Refund
from ..database_errors import translating_database_errors
from .amounts import amount_in
from .credit_balance import CREDIT_METHOD, credit_balances, credit_of
from .invoice_records import invoice_by_number, invoice_summary
from .payment_service import PAYMENT_METHODS, add_payment
from .records import CreditBalance, InvoiceSummary, RefundRecord
from .settlement_rows import settlement_of


class CreditRefused(UserError):
    """A refund or application the member's credit balance does not cover."""


class CreditService:
    """List, refund and apply members' credit balances."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today

    def balances(self, organization_id: uuid.UUID | None = None) -> list[CreditBalance]:
        """Credit balances above zero, by organization name then currency."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            found = credit_balances(s, organization_id)
            names = {
                row[0]: row[1]
                for row in s.execute(
                    select(Organization.id, Organization.display_name).where(
                        Organization.id.in_({key[0] for key in found})
                    )
                )
            }
        rows = [
            CreditBalance(organization, names.get(organization, ""), amount)
            for (organization, _currency), amount in found.items()
            if amount.amount > 0
        ]
        return sorted(rows, key=lambda r: (r.organization.casefold(), r.amount.currency))

    def refunds(self, organization_id: uuid.UUID | None = None) -> list[RefundRecord]:
        """Refunds made, oldest first (all, or one organization's)."""
        query = select(Refund).where(Refund.deleted.is_(False))
        if organization_id is not None:
            query = query.where(Refund.organization_id == organization_id)
        query = query.order_by(Refund.refunded_on, Refund.created_at)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return [_refund_record(row) for row in s.scalars(query)]

    def refund(
        self,
        organization_id: uuid.UUID,
        amount: object,
        currency: str,
        refunded_on: date,
        method: str = "bank transfer",
        reference: str = "",
    ) -> RefundRecord:
        """Record money paid back to a member out of its credit balance.

        Raises:
            CreditRefused: more than the credit balance, zero, an unknown method.
            UserError: an amount that is not a number.
        """
        method = method.strip().lower()
        if method not in PAYMENT_METHODS:
            raise CreditRefused(
                f"Unknown refund method '{method}'; use one of: {', '.join(PAYMENT_METHODS)}."
            )
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            wanted = amount_in(amount, currency)
            held = credit_of(s, organization_id, wanted.currency)
            _check_within(wanted, held)
            row = Refund(
                id=time_ordered_uuid(),
                organization_id=organization_id,
                refunded_on=refunded_on,
                amount=wanted,
                method=method,
                reference=reference.strip()[:200],
                recorded_by=str(s.info.get("actor", "")),
            )
            s.add(row)
            s.flush()
            return _refund_record(row)

    def apply(
        self, invoice_number: str, amount: object | None = None, on: date | None = None
    ) -> InvoiceSummary:
        """Pay an invoice out of its member's credit balance (in the invoice's currency).

        Args:
            invoice_number: the invoice to pay; the credit is its member's.
            amount: how much (None: as much as both the credit and the balance allow).
            on: the date it is applied (default today; not before the invoice).

        Raises:
            NotFound: no invoice has this number.
            CreditRefused: no credit, more than the credit; PaymentRefused: more than
                the balance due.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            invoice = invoice_by_number(s, invoice_number)
            held = credit_of(s, invoice.organization_id, invoice.currency)
            if held.amount <= 0:
                raise CreditRefused(
                    f"{invoice.bill_to_name} has no credit balance in {invoice.currency}."
                )
            if amount is None:
                due = settlement_of(invoice).due
                wanted = held if held.amount <= due.amount else due
            else:
                wanted = amount_in(amount, invoice.currency)
            _check_within(wanted, held)
            day = on or self._today()
            add_payment(s, invoice, wanted.amount, day, CREDIT_METHOD, "Credit balance")
            return invoice_summary(invoice, self._today())


def _check_within(wanted: Money, held: Money) -> None:
    if wanted.amount <= 0:
        raise CreditRefused("The amount must be more than zero.")
    if wanted.amount > held.amount:
        raise CreditRefused(
            f"{format_money(wanted)} is more than the credit balance of {format_money(held)}."
        )


def _refund_record(row: Refund) -> RefundRecord:
    return record_from(RefundRecord, row, amount=row.amount)
