"""Payments and credit notes against an issued invoice, and the balance they leave.

The balance due is ``total - paid - credited``. A payment may exceed the balance only
when the person recording it says the excess is to be kept as the member's credit
balance (otherwise an overpayment is refused: usually a typing mistake); credit notes
together may never exceed the invoice total. What a credit note on a paid invoice or
an overpayment leaves (paid and credited beyond the total) is the invoice's *excess*: it
belongs to the member's credit balance, to be refunded or applied to another invoice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import UserError
from ..formatting import format_money
from ..money import Money


class PaymentRefused(UserError):
    """A payment that cannot be recorded (overpayment, wrong currency, draft invoice...)."""


class CreditRefused(UserError):
    """A credit note that cannot be made (no reason, more than the uncredited total...)."""


@dataclass(frozen=True)
class Settlement:
    """What an issued invoice is owed: total, payments, credit notes and the balance."""

    total: Money
    paid: Money
    credited: Money

    @property
    def balance(self) -> Money:
        """What is still due (negative when money is owed back after a credit note)."""
        return self.total - self.paid - self.credited

    @property
    def due(self) -> Money:
        """What is still due, never below zero (the rest is :attr:`excess`)."""
        balance = self.balance
        return balance if balance.amount > 0 else balance - balance

    @property
    def excess(self) -> Money:
        """Paid and credited beyond the total: money the member has to its credit."""
        balance = self.balance
        return -balance if balance.amount < 0 else balance - balance

    @property
    def uncredited(self) -> Money:
        """How much of the total credit notes may still cancel."""
        return self.total - self.credited


def check_payment(
    number: str,
    settlement: Settlement,
    amount: Money,
    paid_on: date,
    issued_on: date,
    *,
    keep_excess: bool = False,
) -> None:
    """Refuse a payment the rules do not allow.

    ``keep_excess`` accepts a payment above the balance due: the excess becomes the
    member's credit balance.

    Raises:
        PaymentRefused: with what is wrong and what the limit is.
    """
    if amount.currency != settlement.total.currency:
        raise PaymentRefused(
            f"Invoice {number} is in {settlement.total.currency}; "
            f"a payment in {amount.currency} cannot be recorded against it."
        )
    if amount.amount <= 0:
        raise PaymentRefused("A payment must be more than zero.")
    if paid_on < issued_on:
        raise PaymentRefused(
            f"The payment date {paid_on.isoformat()} is before invoice {number} was issued "
            f"({issued_on.isoformat()})."
        )
    balance = settlement.balance
    if balance.amount <= 0:
        raise PaymentRefused(f"Invoice {number} has nothing left to pay.")
    if amount.amount > balance.amount and not keep_excess:
        raise PaymentRefused(
            f"Overpayment refused: {format_money(amount)} is more than the balance due of "
            f"{format_money(balance)} on invoice {number}."
        )


def check_credit(number: str, settlement: Settlement, amount: Money, reason: str) -> str:
    """Refuse a credit note the rules do not allow; return the cleaned reason.

    Raises:
        CreditRefused: with what is wrong and what the limit is.
    """
    reason = reason.strip()
    if not reason:
        raise CreditRefused("A credit note needs a reason.")
    if len(reason) > 1000:
        raise CreditRefused("The reason is at most 1,000 characters.")
    if amount.currency != settlement.total.currency:
        raise CreditRefused(
            f"Invoice {number} is in {settlement.total.currency}, not {amount.currency}."
        )
    if amount.amount <= 0:
        raise CreditRefused("A credit note must be for more than zero.")
    uncredited = settlement.uncredited
    if amount.amount > uncredited.amount:
        raise CreditRefused(
            f"A credit note of {format_money(amount)} is more than the uncredited total of "
            f"{format_money(uncredited)} on invoice {number}."
        )
    return reason
