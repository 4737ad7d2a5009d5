"""Payments against issued invoices: overpayments are refused, the status follows the money."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.settlement import PaymentRefused, check_payment
from ...persistence.engine import SessionFactories
from ...persistence.models.billing import Invoice, Payment
from ..database_errors import translating_database_errors
from .amounts import amount_in
from .invoice_records import invoice_by_number, invoice_summary, load_invoice, money
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
        number: str,
        amount: object,
        paid_on: date,
        method: str = "bank transfer",
        reference: str = "",
    ) -> InvoiceSummary:
        """Record a payment against the invoice with this number.

        Args:
            number: the invoice number.
            amount: the amount received, in the invoice's currency (Decimal or as typed).
            paid_on: when it was received.
            method: one of PAYMENT_METHODS.
            reference: the bank's or payer's reference.

        Returns:
            The invoice as it is after the payment.

        Raises:
            NotFound: no invoice has this number.
            PaymentRefused: overpayment, zero, a date before the invoice; nothing is stored.
            UserError: an amount that is not a number.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            return self._record(s, invoice_by_number(s, number), amount, paid_on, method, reference)

    def record_for(
        self,
        invoice_id: uuid.UUID,
        amount: object,
        paid_on: date,
        method: str = "bank transfer",
        reference: str = "",
    ) -> InvoiceSummary:
        """Record a payment against an invoice given by id (see ``record``)."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            return self._record(s, load_invoice(s, invoice_id), amount, paid_on, method, reference)

    def list(self, invoice_id: uuid.UUID) -> list[PaymentRecord]:
        """The payments of an invoice, oldest first."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            invoice = load_invoice(s, invoice_id)
            rows = s.scalars(
                select(Payment)
                .where(Payment.invoice_id == invoice.id, Payment.deleted.is_(False))
                .order_by(Payment.paid_on, Payment.created_at)
            )
            return [
                PaymentRecord(
                    p.id, p.paid_on, money(p.amount_minor, p.currency), p.method, p.reference
                )
                for p in rows
            ]

    def _record(
        self,
        session: Session,
        invoice: Invoice,
        amount: object,
        paid_on: date,
        method: str,
        reference: str,
    ) -> InvoiceSummary:
        if invoice.number is None or invoice.issue_date is None:
            raise PaymentRefused("A draft invoice cannot be paid; issue it first.")
        method = method.strip().lower()
        if method not in PAYMENT_METHODS:
            raise PaymentRefused(
                f"Unknown payment method '{method}'; use one of: {', '.join(PAYMENT_METHODS)}."
            )
        reference = reference.strip()
        if len(reference) > 200:
            raise PaymentRefused("The payment reference is at most 200 characters.")
        money_in = amount_in(amount, invoice.currency)
        check_payment(invoice.number, settlement_of(invoice), money_in, paid_on, invoice.issue_date)
        session.add(
            Payment(
                id=uuid.uuid4(),
                invoice_id=invoice.id,
                paid_on=paid_on,
                amount_minor=money_in.minor_units,
                currency=invoice.currency,
                method=method,
                reference=reference,
            )
        )
        invoice.paid_minor += money_in.minor_units
        refresh_stored_status(invoice)
        return invoice_summary(invoice, self._today())
