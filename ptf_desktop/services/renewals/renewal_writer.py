"""Writing renewals: the next term, the tier change at renewal, and the draft invoice.

Preparing a year renews tens of thousands of members in one transaction. Terms, tier
changes, audit entries and the organizations' new tier and term end go in with
``executemany`` batches of plain values (services/bulk_rows.py); each created row gets
ONE audit entry (as the CSV import does) and each changed organization field its own.
The draft invoices are made by billing's one draft writer (billing/bulk_drafts.py), in
the same session, so a failure leaves nothing behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ...domain.progress import NO_PROGRESS, Progress
from ...persistence.base import utc_now
from ...persistence.models import AuditEntry, MembershipTerm, TierChange
from ..billing.bulk_drafts import add_draft_invoices
from ..billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ..bulk_rows import insert_rows, new_key, stored
from .renewal_pricing import NextTerm
from .renewal_rows import MemberRow

# Members renewed per batch: large enough for fast executemany, small enough to report
# progress often and keep the batch's rows a few megabytes.
BATCH_SIZE = 5000

_TERM_COLUMNS = ("id", "organization_id", "tier", "start_date", "end_date")
_CHANGE_COLUMNS = ("id", "organization_id", "from_tier", "to_tier", "effective_date")
_AUDIT_COLUMNS = (
    "id", "action", "entity_type", "entity_id", "owner_id", "field", "old_value", "new_value",
)  # fmt: skip


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
    origin = f"Renewal for {year}"
    # The organizations in the order of their key: the updates walk its index in order.
    ordered = sorted(renewals, key=lambda renewal: renewal.member.id.hex)
    for first in range(0, len(ordered), BATCH_SIZE):
        batch = ordered[first : first + BATCH_SIZE]
        writes = _BatchWrites(origin)
        term_ids = [writes.add(renewal) for renewal in batch]
        writes.write(session, actor)
        specs = [
            _invoice_spec(renewal, term_id, year)
            for renewal, term_id in zip(batch, term_ids, strict=True)
            # A free membership (Associate) renews without an invoice.
            if renewal.member.id not in already_invoiced and _total(renewal)
        ]
        add_draft_invoices(session, specs, origin)
        if progress.report is not None:
            progress.report(first + len(batch), len(renewals))
    return len(renewals)


class _BatchWrites:
    """Rows, organization updates and audit entries of one batch, as stored values."""

    def __init__(self, origin: str) -> None:
        self._origin = origin
        self._terms: list[tuple[Any, ...]] = []
        self._changes: list[tuple[Any, ...]] = []
        self._organizations: list[tuple[Any, ...]] = []
        self._audit: list[tuple[Any, ...]] = []

    def add(self, renewal: Renewal) -> uuid.UUID:
        """Queue the member's next term (and tier change); return the new term's id."""
        member, term = renewal.member, renewal.next_term
        owner = member.id.hex
        term_key = new_key()
        start, end, tier = term.start.isoformat(), term.end.isoformat(), term.tier.value
        self._terms.append((term_key, owner, tier, start, end))
        self._audit.append(
            (new_key(), "create", MembershipTerm.__audit_entity__, term_key, owner, "*",
             None, self._origin)
        )  # fmt: skip
        if tier != member.tier:
            change_id = new_key()
            self._changes.append((change_id, owner, member.tier, tier, start))
            self._audit.append(
                (new_key(), "create", TierChange.__audit_entity__, change_id, owner, "*",
                 None, self._origin)
            )  # fmt: skip
            self._updated(owner, "tier", member.tier, tier)
        if member.next_tier is not None:
            self._updated(owner, "next_tier", member.next_tier, None)
        # The term end on the organization is a summary of its terms (as
        # refresh_summary keeps it); the new term's own entry records the change.
        self._organizations.append((tier, end, owner))
        return uuid.UUID(hex=term_key)

    def write(self, session: Session, actor: str) -> None:
        """Insert the queued rows and update the organizations, in the caller's session."""
        connection = session.connection()
        now = utc_now()
        synced = {"row_version": 0, "deleted": False, "created_at": now, "updated_at": now}
        insert_rows(connection, MembershipTerm, synced, _TERM_COLUMNS, self._terms)
        if self._changes:
            changed = synced | {"note": "Tier changed at renewal"}
            insert_rows(connection, TierChange, changed, _CHANGE_COLUMNS, self._changes)
        changed_at = stored(now)
        connection.exec_driver_sql(
            "UPDATE organizations SET tier = ?, next_tier = NULL, term_end = ?, updated_at = ? "
            "WHERE id = ?",
            [(tier, end, changed_at, key) for tier, end, key in self._organizations],
        )
        entry = {"occurred_at": now, "actor": actor}
        insert_rows(connection, AuditEntry, entry, _AUDIT_COLUMNS, self._audit)

    def _updated(self, owner: str, field: str, old: str | None, new: str | None) -> None:
        self._audit.append((new_key(), "update", "organization", owner, owner, field, old, new))


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
