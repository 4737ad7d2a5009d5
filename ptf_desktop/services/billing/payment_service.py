"""Payments against issued invoices: recorded, listed in a register, reversed, never edited.

An overpayment is refused unless the excess is to be kept as the member's credit balance.
A mistaken payment is reversed by a second row with the negative amount, naming the
payment and the reason; both stay in the register and the audit trail.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...domain.billing.settlement import PaymentRefused, check_payment
from ...persistence.engine import SessionFactories
from ...persistence.ids import time_ordered_uuid
from ...persistence.models.billing import Invoice, Payment
from ..database_errors import translating_database_errors
from .amounts import amount_in
from .credit_balance import credit_of
from .invoice_records import (
    NotFound,
    invoice_by_number,
    invoice_summary,
    load_invoice,
    payment_record,
    payment_records,
)
from .records import InvoiceSummary, PaymentRecord
from .settlement_rows import refresh_stored_status, settlement_of

PAYMENT_METHODS = ("bank transfer", "card", "check", "cash", "other")


class PaymentService:
    """Record and list payments."""

    def __init__(self, factories: SessionFactories, today: Callable[[], date] = date.today) -> None:
        self._factories = factories
        self._today = today

    def record(
        self,
        invoice: str | uuid.UUID,
        amount: object,
        paid_on: date,
        method: str = "bank transfer",
        reference: str = "",
        *,
        keep_excess: bool = False,
    ) -> InvoiceSummary:
        """Record a payment against an invoice.

        Args:
            invoice: the invoice's number, or its id.
            amount: the amount received, in the invoice's currency (Decimal or as typed).
            paid_on: when it was received.
            method: one of PAYMENT_METHODS.
            reference: the bank's or payer's reference.
            keep_excess: accept more than the balance due; the excess becomes the
                member's credit balance (to refund or apply to another invoice).

        Returns:
            The invoice as it is after the payment.

        Raises:
            NotFound: no invoice has this number or id.
            PaymentRefused: overpayment, zero, a date before the invoice; nothing is stored.
            UserError: an amount that is not a number.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            if isinstance(invoice, uuid.UUID):
                row = load_invoice(s, invoice)
            else:
                row = invoice_by_number(s, invoice)
            method = _known_method(method)
            add_payment(s, row, amount, paid_on, method, reference, keep_excess)
            return invoice_summary(row, self._today())

    def list(self, invoice_id: uuid.UUID) -> list[PaymentRecord]:
        """The payments (and reversals) of an invoice, oldest first."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return payment_records(s, load_invoice(s, invoice_id))

    def register(
        self, search: str = "", invoice_number: str | None = None
    ) -> builtins.list[PaymentRecord]:
        """Every payment and reversal, newest first: the payments register.

        Args:
            search: words matched (case-insensitively) in the invoice number, the
                organization, the method, the reference and who recorded it.
            invoice_number: only the payments of this invoice.

        Raises:
            NotFound: ``invoice_number`` names no invoice.
        """
        query = (
            select(Payment, Invoice)
            .join(Invoice, Invoice.id == Payment.invoice_id)
            .where(Payment.deleted.is_(False))
            .order_by(Payment.paid_on.desc(), Payment.created_at.desc())
        )
        for word in search.split():
            pattern = _like_pattern(word)
            fields = (
                Invoice.number, Invoice.bill_to_name, Payment.method, Payment.reference,
                Payment.recorded_by,
            )  # fmt: skip
            query = query.where(or_(*(f.ilike(pattern, escape="\\") for f in fields)))
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            if invoice_number is not None:
                query = query.where(Invoice.id == invoice_by_number(s, invoice_number).id)
            rows = [(row[0], row[1]) for row in s.execute(query)]
            reversals = {p.reverses_payment_id: p.id for p, _ in rows if p.reverses_payment_id}
            return [
                replace(payment_record(p, invoice, []), reversed_by=reversals.get(p.id))
                for p, invoice in rows
            ]

    def reverse(
        self, payment: str | uuid.UUID, reason: str, on: date | None = None
    ) -> PaymentRecord:
        """Reverse a payment: a reversal row with the negative amount, never an edit.

        Args:
            payment: the payment's id, or at least its last 8 hex digits.
            reason: why (required; kept on the reversal and in the audit trail).
            on: the reversal's date (default today; not before the payment).

        Returns:
            The reversal.

        Raises:
            NotFound: no payment has this id.
            PaymentRefused: no reason, a reversal or an already reversed payment, or a
                payment whose excess was already refunded or applied.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            original = _find_payment(s, payment)
            return self._reverse(s, original, reason, on or self._today())

    def _reverse(self, session: Session, original: Payment, reason: str, on: date) -> PaymentRecord:
        reason = reason.strip()
        if not reason:
            raise PaymentRefused("Say why the payment is reversed.")
        if len(reason) > 1000:
            raise PaymentRefused("The reason is at most 1,000 characters.")
        short = original.id.hex[-8:]
        if original.reverses_payment_id is not None:
            raise PaymentRefused(f"Entry {short} is itself a reversal; it cannot be reversed.")
        earlier = session.scalars(
            select(Payment.id).where(
                Payment.reverses_payment_id == original.id, Payment.deleted.is_(False)
            )
        ).first()
        if earlier is not None:
            raise PaymentRefused(
                f"Payment {short} was already reversed (entry {earlier.hex[-8:]})."
            )
        invoice = load_invoice(session, original.invoice_id)
        reversal = Payment(
            id=time_ordered_uuid(),
            invoice_id=invoice.id,
            paid_on=max(on, original.paid_on),
            currency=original.currency,
            amount=-original.amount,
            method=original.method,
            reference=f"Reversal of payment {short}",
            recorded_by=str(session.info.get("actor", "")),
            reverses_payment_id=original.id,
            reason=reason,
        )
        session.add(reversal)
        invoice.paid -= original.amount
        refresh_stored_status(invoice)
        session.flush()
        if credit_of(session, invoice.organization_id, invoice.currency).amount < 0:
            raise PaymentRefused(
                f"Payment {short} cannot be reversed: its excess over invoice {invoice.number} "
                "was already refunded or applied to another invoice. Reverse that first."
            )
        return payment_record(reversal, invoice, [])


def _known_method(typed: str) -> str:
    method = typed.strip().lower()
    # "credit balance" is not typed by anyone: CreditService.apply checks the credit.
    if method not in PAYMENT_METHODS:
        raise PaymentRefused(
            f"Unknown payment method '{method}'; use one of: {', '.join(PAYMENT_METHODS)}."
        )
    return method


def add_payment(
    session: Session,
    invoice: Invoice,
    amount: object,
    paid_on: date,
    method: str,
    reference: str,
    keep_excess: bool = False,
) -> None:
    """Store a payment (method already checked) and update the invoice's sums and status.

    Raises:
        PaymentRefused: a draft, a long reference, or what ``check_payment`` refuses.
        UserError: an amount that is not a number.
    """
    if invoice.number is None or invoice.issue_date is None:
        raise PaymentRefused("A draft invoice cannot be paid; issue it first.")
    reference = reference.strip()
    if len(reference) > 200:
        raise PaymentRefused("The payment reference is at most 200 characters.")
    money_in = amount_in(amount, invoice.currency)
    check_payment(
        invoice.number,
        settlement_of(invoice),
        money_in,
        paid_on,
        invoice.issue_date,
        keep_excess=keep_excess,
    )
    session.add(
        Payment(
            id=time_ordered_uuid(),
            invoice_id=invoice.id,
            paid_on=paid_on,
            currency=invoice.currency,
            amount=money_in,
            method=method,
            reference=reference,
            recorded_by=str(session.info.get("actor", "")),
        )
    )
    invoice.paid += money_in
    refresh_stored_status(invoice)


def _find_payment(session: Session, payment: str | uuid.UUID) -> Payment:
    """A payment by id or by the last 8 (or more) hex digits of its id."""
    if isinstance(payment, uuid.UUID):
        row = session.get(Payment, payment)
        if row is None or row.deleted:
            raise NotFound("The payment no longer exists.")
        return row
    text = payment.strip().lower().replace("-", "")
    if len(text) < 8 or any(c not in "0123456789abcdef" for c in text):
        raise NotFound(
            f"'{payment.strip()}' is not a payment id: give at least its last 8 characters "
            "as `ptf payments list` shows them."
        )
    # Ids are stored as 32 hex digits on SQLite and as native UUIDs on PostgreSQL, so the
    # prefix is compared in Python (a register holds thousands of payments, not millions).
    matches = [
        row
        for row in session.scalars(select(Payment).where(Payment.deleted.is_(False)))
        if row.id.hex.endswith(text)
    ]
    if not matches:
        raise NotFound(f"There is no payment with id {payment.strip()}.")
    if len(matches) > 1:
        raise NotFound(f"Several payments end with {payment.strip()}; give more characters.")
    return matches[0]


def _like_pattern(word: str) -> str:
    """A LIKE pattern matching ``word`` anywhere, its wildcards taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
