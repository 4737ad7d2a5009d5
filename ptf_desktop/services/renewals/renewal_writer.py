"""Writing renewals: the next term, the tier change at renewal, and the draft invoice.

Preparing a year renews tens of thousands of members in one transaction. Terms, tier
changes, audit entries and the organizations' new tier and term end go in through the
bulk writer (persistence/bulk_writer.py), with the audit entries the ORM would record
for the same rows (persistence/audit.py). The draft invoices are made by billing's one
draft writer (billing/bulk_drafts.py), in the same session, so a failure leaves nothing
behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ...domain.progress import NO_PROGRESS, Progress
from ...persistence.audit import Change, created_rows, updated, write_changes
from ...persistence.base import utc_now
from ...persistence.bulk_writer import insert_rows, update_rows
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import MembershipTerm, Organization, TierChange
from ..billing.bulk_drafts import add_draft_invoices
from ..billing.drafts import DraftInvoiceSpec, DraftLineSpec
from .renewal_pricing import NextTerm
from .renewal_rows import MemberRow

# Members renewed per batch: large enough for fast executemany, small enough to report
# progress often and keep the batch's rows a few megabytes.
BATCH_SIZE = 5000

_TERM_COLUMNS = ("id", "organization_id", "tier", "start_date", "end_date")
_CHANGE_COLUMNS = ("id", "organization_id", "from_tier", "to_tier", "effective_date")
_CHANGE_NOTE = "Tier changed at renewal"
_ORGANIZATION_COLUMNS = ("tier", "next_tier", "term_end")


@dataclass(frozen=True)
class Renewal:
    """One member to renew: who, and its priced next term."""

    member: MemberRow
    next_term: NextTerm


def write_renewals(
    session: Session,
    renewals: Sequence[Renewal],
    year: int,
    *,
    with_invoices: set[uuid.UUID] | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Create the next term (and a draft renewal invoice) of every member given.

    Args:
        session: a write session; the caller owns the transaction.
        renewals: members whose next term is priced (``next_term.price`` is set).
        year: the renewal year written on the invoices and in the audit trail.
        with_invoices: members that already have a renewal invoice for the year (no
            second one is made).
        progress: told (done, total) after each batch; the renewals are one
            transaction, so they are not stopped part-way.

    Returns:
        How many members were renewed.
    """
    already_invoiced = with_invoices or set()
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # A bigger page cache for this connection: the new rows land all over the
        # indexes of the audit log, terms and invoices (random UUID keys).
        connection.exec_driver_sql("PRAGMA cache_size = -65536")
    actor = str(session.info.get("actor", "unknown"))
    # The organizations in the order of their key: the updates walk its index in order.
    ordered = sorted(renewals, key=lambda renewal: renewal.member.id)
    for first in range(0, len(ordered), BATCH_SIZE):
        batch = ordered[first : first + BATCH_SIZE]
        writes = _BatchWrites()
        term_ids = [writes.add(renewal) for renewal in batch]
        writes.write(session, actor)
        specs = [
            _invoice_spec(renewal, term_id, year)
            for renewal, term_id in zip(batch, term_ids, strict=True)
            # A free membership (Associate) renews without an invoice.
            if renewal.member.id not in already_invoiced and _total(renewal)
        ]
        add_draft_invoices(session, specs)
        if progress.report is not None:
            progress.report(first + len(batch), len(renewals))
    return len(renewals)


class _BatchWrites:
    """Rows, organization updates and audit entries of one batch."""

    def __init__(self) -> None:
        self._terms: list[tuple[Any, ...]] = []
        self._changes: list[tuple[Any, ...]] = []
        self._organizations: list[tuple[Any, ...]] = []
        self._audit: list[Change] = []

    def add(self, renewal: Renewal) -> uuid.UUID:
        """Queue the member's next term (and tier change); return the new term's id.

        The created rows' audit entries are made when they are written; the changed
        organization fields' here.
        """
        member, term = renewal.member, renewal.next_term
        owner = member.id
        term_id = time_ordered_uuid()
        tier = term.tier.value
        row = (term_id, owner, tier, term.start, term.end)
        self._terms.append(row)
        if tier != member.tier:
            change = (time_ordered_uuid(), owner, member.tier, tier, term.start)
            self._changes.append(change)
            self._audit.append(updated(Organization, owner, owner, "tier", member.tier, tier))
        if member.next_tier is not None:
            self._audit.append(
                updated(Organization, owner, owner, "next_tier", member.next_tier, None)
            )
        # The term end on the organization is a summary of its terms (as
        # refresh_summary keeps it); the new term's own entries record the change.
        self._organizations.append((tier, None, term.end, owner))
        return term_id

    def write(self, session: Session, actor: str) -> None:
        """Insert the queued rows and update the organizations, in the caller's session."""
        connection = session.connection()
        now = utc_now()
        timestamps = {"created_at": now, "updated_at": now}
        insert_rows(connection, MembershipTerm, _TERM_COLUMNS, self._terms, timestamps)
        insert_rows(
            connection, TierChange, _CHANGE_COLUMNS, self._changes,
            timestamps | {"note": _CHANGE_NOTE},
        )  # fmt: skip
        update_rows(
            connection, Organization, _ORGANIZATION_COLUMNS, self._organizations,
            {"updated_at": now},
        )  # fmt: skip
        owner, note = "organization_id", {"note": _CHANGE_NOTE}
        changes = [
            *created_rows(MembershipTerm, _TERM_COLUMNS, self._terms, owner),
            *created_rows(TierChange, _CHANGE_COLUMNS, self._changes, owner, note),
            *self._audit,
        ]
        write_changes(connection, actor, changes, now)


def _total(renewal: Renewal) -> Decimal:
    price = renewal.next_term.price
    return price.total.amount if price is not None else Decimal(0)


def _invoice_spec(renewal: Renewal, term_id: uuid.UUID, year: int) -> DraftInvoiceSpec:
    price = renewal.next_term.price
    assert price is not None  # only priced renewals are written
    return DraftInvoiceSpec(
        organization_id=renewal.member.id,
        currency=price.total.currency,
        renewal_year=year,
        lines=tuple(
            DraftLineSpec(
                description=line.description,
                quantity=Decimal(1),
                unit_price=line.amount,
                fee_entry_id=line.fee_entry_id,
                term_id=term_id,
            )
            for line in price.lines
        ),
    )
