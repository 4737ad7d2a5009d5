"""Reading fee schedules from the database as domain data, and which entries are in use."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.fees import FeeEntryData, FeeKind, FeeScheduleData
from ...persistence.models import (
    FeeEntry,
    FeeSchedule,
    Invoice,
    InvoiceLine,
    Quote,
    QuoteLine,
)


def load_schedules(session: Session) -> list[FeeScheduleData]:
    """Every schedule not deleted, with its entries, oldest first."""
    schedules = session.scalars(
        select(FeeSchedule)
        .where(FeeSchedule.deleted.is_(False))
        .order_by(FeeSchedule.effective_from)
    ).all()
    entries: dict[uuid.UUID, list[FeeEntryData]] = defaultdict(list)
    for row in session.scalars(
        select(FeeEntry)
        .where(FeeEntry.deleted.is_(False))
        .order_by(FeeEntry.kind, FeeEntry.min_employees)
    ):
        entries[row.schedule_id].append(entry_data(row))
    return [
        FeeScheduleData(
            id=row.id,
            name=row.name,
            effective_from=row.effective_from,
            entries=tuple(entries[row.id]),
            note=row.note,
        )
        for row in schedules
    ]


def entry_data(row: FeeEntry) -> FeeEntryData:
    """A stored entry as domain data."""
    return FeeEntryData(
        id=row.id,
        kind=FeeKind(row.kind),
        min_employees=row.min_employees,
        max_employees=row.max_employees,
        amount=row.amount,
        to_be_confirmed=row.to_be_confirmed,
    )


def entries_in_use(session: Session) -> frozenset[uuid.UUID]:
    """Fee entries that issued invoices or numbered (sent) quotes were priced from.

    A draft is not issued: it is re-priced or deleted freely, so it does not pin a fee.
    """
    invoiced = session.scalars(
        select(InvoiceLine.fee_entry_id)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(InvoiceLine.fee_entry_id.is_not(None), InvoiceLine.deleted.is_(False))
        .where(Invoice.status != "draft", Invoice.deleted.is_(False))
        .distinct()
    ).all()
    quoted = session.scalars(
        select(QuoteLine.fee_entry_id)
        .join(Quote, Quote.id == QuoteLine.quote_id)
        .where(QuoteLine.fee_entry_id.is_not(None), QuoteLine.deleted.is_(False))
        .where(Quote.number.is_not(None), Quote.deleted.is_(False))
        .distinct()
    ).all()
    return frozenset(key for key in (*invoiced, *quoted) if key is not None)
