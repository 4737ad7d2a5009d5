"""A statement of account: what a member was charged and credited, and its balance on a date.

Issued invoices stay byte-identical when reprinted, so they cannot say what is owed
today; the statement does. Per currency (amounts in different currencies are never
added), it lists in date order every invoice (a charge), payment and credit note (a
credit), payment reversal and refund (charges: money the member no longer has to its
credit), with the running balance; then the invoices still open on that date. A
positive balance is owed by the member, a negative one is the member's credit.

Credit applied from a member's credit balance to another invoice moves money between
two of its invoices and leaves the balance unchanged, so it is not a line of its own;
the open invoices show its effect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum

from ..money import Money


class EntryKind(IntEnum):
    """What a statement line records; the value orders lines of one day."""

    INVOICE = 1
    CREDIT_NOTE = 2
    PAYMENT = 3
    PAYMENT_REVERSAL = 4
    REFUND = 5


_LABELS = {
    EntryKind.INVOICE: "Invoice",
    EntryKind.CREDIT_NOTE: "Credit note",
    EntryKind.PAYMENT: "Payment received",
    EntryKind.PAYMENT_REVERSAL: "Payment reversed",
    EntryKind.REFUND: "Refund paid",
}


@dataclass(frozen=True)
class LedgerEvent:
    """One event of a member's account, amount positive, before it is placed on a statement.

    Attributes:
        on: its date (issue date, date paid or refunded).
        kind: what it is.
        reference: the document number, or the payment's or refund's reference.
        amount: the amount (positive), in the event's currency.
        note: further words (the invoice a payment or credit note concerns, a reason).
    """

    on: date
    kind: EntryKind
    reference: str
    amount: Money
    note: str = ""


@dataclass(frozen=True)
class StatementLine:
    """A line of the statement: a charge or a credit, and the balance after it."""

    on: date
    kind: EntryKind
    reference: str
    note: str
    charge: Money | None
    credit: Money | None
    balance: Money

    @property
    def label(self) -> str:
        """What the line is, in words ("Invoice", "Payment received"...)."""
        return _LABELS[self.kind]


@dataclass(frozen=True)
class OpenInvoice:
    """An invoice not settled on the statement's date."""

    number: str
    issue_date: date
    due_date: date
    total: Money
    open: Money

    def days_overdue(self, as_of: date) -> int:
        """Days past the due date on ``as_of`` (0 when not yet due)."""
        return max(0, (as_of - self.due_date).days)


@dataclass(frozen=True)
class CurrencyAccount:
    """The statement in one currency: lines, the balance and the open invoices."""

    currency: str
    lines: tuple[StatementLine, ...]
    open_invoices: tuple[OpenInvoice, ...]

    @property
    def balance(self) -> Money:
        """Owed by the member (positive) or to its credit (negative) after the last line."""
        return self.lines[-1].balance if self.lines else Money(Decimal(0), self.currency)

    @property
    def charges(self) -> Money:
        """Every charge added up."""
        return _sum((line.charge for line in self.lines if line.charge), self.currency)

    @property
    def credits(self) -> Money:
        """Every credit added up."""
        return _sum((line.credit for line in self.lines if line.credit), self.currency)


_CHARGES = frozenset({EntryKind.INVOICE, EntryKind.PAYMENT_REVERSAL, EntryKind.REFUND})


def account_lines(events: Iterable[LedgerEvent], as_of: date) -> tuple[StatementLine, ...]:
    """The events of one currency up to ``as_of``, in date order with the running balance.

    Raises:
        ValueError: the events are in more than one currency.
    """
    chosen = sorted(
        (event for event in events if event.on <= as_of),
        key=lambda event: (event.on, event.kind, event.reference),
    )
    currencies = {event.amount.currency for event in chosen}
    if len(currencies) > 1:
        raise ValueError(f"one account per currency, not {sorted(currencies)}")
    lines: list[StatementLine] = []
    balance: Money | None = None
    for event in chosen:
        zero = Money(Decimal(0), event.amount.currency)
        charge = event.kind in _CHARGES
        balance = (balance or zero) + (event.amount if charge else -event.amount)
        lines.append(
            StatementLine(
                on=event.on,
                kind=event.kind,
                reference=event.reference,
                note=event.note,
                charge=event.amount if charge else None,
                credit=None if charge else event.amount,
                balance=balance,
            )
        )
    return tuple(lines)


def _sum(values: Iterable[Money], currency: str) -> Money:
    total = Money(Decimal(0), currency)
    for value in values:
        total = total + value
    return total


@dataclass(frozen=True)
class StatementParty:
    """The member or the foundation as the statement prints it."""

    name: str
    address_lines: tuple[str, ...]
    city: str
    region: str
    postal_code: str
    country: str
    tax_id: str = ""
    contact_name: str = ""
    email: str = ""


@dataclass(frozen=True)
class Statement:
    """A member's statement of account on a date, in every currency it was billed in."""

    as_of: date
    member: StatementParty
    seller: StatementParty
    accounts: tuple[CurrencyAccount, ...]
    remittance: str = ""
