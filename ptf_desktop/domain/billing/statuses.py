"""Statuses of quotes and invoices, and which changes between them are allowed.

An invoice stores whether it is a draft or issued and the payments and credit notes made
against it; its status follows from those and from today's date (overdue after the due
date), so it can never disagree with the money.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ..errors import UserError
from ..money import Money


class QuoteStatus(StrEnum):
    """Where a quote is in its life."""

    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class InvoiceStatus(StrEnum):
    """Where an invoice is in its life."""

    DRAFT = "draft"
    ISSUED = "issued"
    PARTIALLY_PAID = "partially paid"
    PAID = "paid"
    OVERDUE = "overdue"
    CREDITED = "credited"


class TransitionRefused(UserError):
    """A status change that the rules do not allow (e.g. accepting a declined quote)."""


# From each quote status, the statuses a person may move it to. Expiry is automatic.
QUOTE_TRANSITIONS: dict[QuoteStatus, frozenset[QuoteStatus]] = {
    QuoteStatus.DRAFT: frozenset({QuoteStatus.SENT}),
    QuoteStatus.SENT: frozenset({QuoteStatus.ACCEPTED, QuoteStatus.DECLINED}),
    QuoteStatus.ACCEPTED: frozenset(),
    QuoteStatus.DECLINED: frozenset(),
    QuoteStatus.EXPIRED: frozenset(),
}


def quote_status_on(stored: QuoteStatus, valid_until: date, today: date) -> QuoteStatus:
    """The status of a quote today: a sent or draft quote past its valid-until date has expired."""
    if stored in (QuoteStatus.DRAFT, QuoteStatus.SENT) and today > valid_until:
        return QuoteStatus.EXPIRED
    return stored


def check_quote_transition(
    stored: QuoteStatus, wanted: QuoteStatus, valid_until: date, today: date
) -> None:
    """Refuse a quote status change the rules do not allow.

    Raises:
        TransitionRefused: with the reason in words.
    """
    current = quote_status_on(stored, valid_until, today)
    if current is QuoteStatus.EXPIRED:
        raise TransitionRefused(
            f"The quote expired after {valid_until.isoformat()}; make a new quote instead."
        )
    if wanted not in QUOTE_TRANSITIONS[current]:
        raise TransitionRefused(f"A {current.value} quote cannot be marked {wanted.value}.")


def invoice_status(
    *,
    issued: bool,
    total: Money,
    paid: Money,
    credited: Money,
    due_date: date | None,
    today: date,
) -> InvoiceStatus:
    """The status of an invoice from what happened to it.

    Args:
        issued: False for a draft.
        total: the invoice total.
        paid: the sum of its payments.
        credited: the sum of its credit notes.
        due_date: when payment is due (None for a draft).
        today: the date the status is for.
    """
    if not issued:
        return InvoiceStatus.DRAFT
    if credited.amount > 0 and credited.amount >= total.amount:
        return InvoiceStatus.CREDITED
    if paid.amount + credited.amount >= total.amount:
        return InvoiceStatus.PAID
    if due_date is not None and today > due_date:
        return InvoiceStatus.OVERDUE
    if paid.amount > 0:
        return InvoiceStatus.PARTIALLY_PAID
    return InvoiceStatus.ISSUED


def parse_status(
    raw: str, kind: type[InvoiceStatus] | type[QuoteStatus], also: tuple[str, ...] = ()
) -> str:
    """Read a status typed on the command line ("partially-paid" is accepted).

    ``also`` names further words the caller accepts itself (listed in the refusal).

    Raises:
        UserError: an unknown status, listing the known ones.
    """
    text = raw.strip().lower().replace("-", " ").replace("_", " ")
    for status in kind:
        if status.value == text:
            return status.value
    known = ", ".join([*(status.value.replace(" ", "-") for status in kind), *also])
    raise UserError(f"Unknown status '{raw}'; use one of: {known}.")
