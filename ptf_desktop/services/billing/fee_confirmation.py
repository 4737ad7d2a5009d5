"""Invoices are issued at confirmed prices only; drafts may carry placeholder fees.

A line priced from a fee schedule entry still marked "to be confirmed" (the Linux
Foundation Silver figures ship so) stops the draft from being issued, with the fee named
and where to confirm it. When a fee is confirmed at the same amount, the drafts priced
from it lose their "(fee to be confirmed)" mark; when its amount is corrected, those
drafts keep the mark (and so stay unissuable) until their line is edited to the new price.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ...domain.errors import UserError
from ...domain.fees import FEE_KIND_LABELS, UNCONFIRMED_MARK, FeeKind
from ...persistence.models import FeeEntry, FeeSchedule
from ...persistence.models.billing import Invoice, InvoiceLine, Quote, QuoteLine
from .invoice_records import invoice_lines

WHERE_TO_CONFIRM = "Settings > Fee schedules"

LineT = TypeVar("LineT", InvoiceLine, QuoteLine)


class UnconfirmedFee(UserError):
    """A draft priced from a fee that is still to be confirmed cannot be issued."""


def check_confirmed_fees(session: Session, invoice: Invoice) -> None:
    """Refuse to issue an invoice with a line at an unconfirmed price.

    Raises:
        UnconfirmedFee: a line's fee entry is to be confirmed, or a line still says
            "(fee to be confirmed)"; the message names the fee and what to do.
    """
    who = invoice.bill_to_name
    for line in invoice_lines(session, invoice.id):
        entry = session.get(FeeEntry, line.fee_entry_id) if line.fee_entry_id else None
        if entry is not None and entry.to_be_confirmed:
            raise UnconfirmedFee(
                f"The draft for {who} cannot be issued: the {_fee_words(session, entry)} is "
                f"still to be confirmed. Confirm it in {WHERE_TO_CONFIRM} (or change the "
                "line), then issue."
            )
        if UNCONFIRMED_MARK.strip() in line.description:
            raise UnconfirmedFee(
                f"The draft for {who} cannot be issued: its line '{line.description}' was "
                "priced before the fee was confirmed at another amount. Edit the line to "
                "the confirmed price (and remove '(fee to be confirmed)'), then issue."
            )


def mark_drafts_confirmed(session: Session, entry_id: uuid.UUID) -> int:
    """Drop the "(fee to be confirmed)" mark from draft lines priced from a confirmed fee.

    Returns:
        How many draft lines changed.
    """
    changed = 0
    lines: list[InvoiceLine | QuoteLine] = [
        *_draft_lines(session, InvoiceLine, Invoice, InvoiceLine.invoice_id, entry_id),
        *_draft_lines(session, QuoteLine, Quote, QuoteLine.quote_id, entry_id),
    ]
    for line in lines:
        if UNCONFIRMED_MARK in line.description:
            line.description = line.description.replace(UNCONFIRMED_MARK, "")
            changed += 1
    return changed


def _draft_lines(
    session: Session,
    line: type[LineT],
    document: type[Invoice | Quote],
    document_id: InstrumentedAttribute[uuid.UUID],
    entry_id: uuid.UUID,
) -> Sequence[LineT]:
    """The lines priced from a fee entry on the drafts of one kind of document."""
    return session.scalars(
        select(line)
        .join(document, document.id == document_id)
        .where(line.fee_entry_id == entry_id, line.deleted.is_(False))
        .where(document.status == "draft", document.deleted.is_(False))
    ).all()


def _fee_words(session: Session, entry: FeeEntry) -> str:
    schedule = session.get(FeeSchedule, entry.schedule_id)
    amount = entry.amount
    if entry.max_employees is not None:
        band = f"{entry.min_employees:,} - {entry.max_employees:,} employees"
    elif entry.min_employees:
        band = f"{entry.min_employees:,} and more employees"
    else:
        band = "any size"
    where = f", fee schedule '{schedule.name}'" if schedule is not None else ""
    return (
        f"{FEE_KIND_LABELS[FeeKind(entry.kind)]} fee ({entry.currency} {amount.amount:,.2f} "
        f"a year for {band}{where})"
    )
