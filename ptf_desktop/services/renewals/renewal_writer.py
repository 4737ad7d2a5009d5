"""Writing renewals: the next term, the tier change at renewal, and the draft invoice.

Preparing a year renews tens of thousands of members in one transaction. Terms, tier
changes and the organizations' new term end go in with executemany batches, each
created row with ONE audit entry (as the CSV import does, see
register/organization_import_writer.py) and each changed organization field with its
own; the draft invoices are built by billing's helpers and written in bulk too
(renewal_invoices.py), in the same session, so a failure leaves nothing behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, bindparam, update
from sqlalchemy.orm import Session

from ...persistence.base import utc_now
from ...persistence.models import AuditEntry, MembershipTerm, Organization, TierChange
from ..billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ..register.organization_import_writer import insert_many
from .renewal_invoices import add_draft_invoices
from .renewal_pricing import NextTerm
from .renewal_rows import MemberRow

# Members renewed per batch: large enough for fast executemany, small enough to report
# progress often and keep the batch's rows a few megabytes.
BATCH_SIZE = 2000

Progress = Callable[[int, int], None]


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
    progress: Progress | None = None,
) -> int:
    """Create the next term (and a draft renewal invoice) of every member given.

    Args:
        session: a write session; the caller owns the transaction.
        renewals: members whose next term is priced (``next_term.price`` is set).
        year: the renewal year written on the invoices and in the audit trail.
        with_invoices: members that already have a renewal invoice for the year (no
            second one is made).
        progress: called with (done, total) after each batch.

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
    for first in range(0, len(renewals), BATCH_SIZE):
        batch = renewals[first : first + BATCH_SIZE]
        writes = _BatchWrites(actor, origin)
        for renewal in batch:
            writes.add(renewal)
        writes.write(session)
        specs = [
            _invoice_spec(renewal, term_id, year)
            for renewal, term_id in zip(batch, writes.term_ids, strict=True)
            # A free membership (Associate) renews without an invoice.
            if renewal.member.id not in already_invoiced and _total(renewal)
        ]
        add_draft_invoices(session, specs, origin, writes.now)
        if progress is not None:
            progress(first + len(batch), len(renewals))
    return len(renewals)


class _BatchWrites:
    """Rows, organization updates and audit entries of one batch."""

    def __init__(self, actor: str, origin: str) -> None:
        self.now = utc_now()
        self._actor = actor
        self._origin = origin
        self.term_ids: list[uuid.UUID] = []
        self._terms: list[dict[str, Any]] = []
        self._changes: list[dict[str, Any]] = []
        self._organizations: list[tuple[str, date, datetime, uuid.UUID]] = []
        self._audit: list[dict[str, Any]] = []

    def add(self, renewal: Renewal) -> None:
        member, term = renewal.member, renewal.next_term
        term_id = uuid.uuid4()
        self.term_ids.append(term_id)
        self._terms.append(
            self._new(term_id, organization_id=member.id, tier=term.tier.value,
                      start_date=term.start, end_date=term.end)
        )  # fmt: skip
        self._created(MembershipTerm, term_id, member.id)
        if term.tier.value != member.tier:
            change_id = uuid.uuid4()
            self._changes.append(
                self._new(change_id, organization_id=member.id, from_tier=member.tier,
                          to_tier=term.tier.value, effective_date=term.start,
                          note="Tier changed at renewal")
            )  # fmt: skip
            self._created(TierChange, change_id, member.id)
            self._updated(member.id, "tier", member.tier, term.tier.value)
        if member.next_tier is not None:
            self._updated(member.id, "next_tier", member.next_tier, None)
        # The term end on the organization is a summary of its terms (as
        # refresh_summary keeps it); the new term's own entry records the change.
        self._organizations.append((term.tier.value, term.end, self.now, member.id))

    def write(self, session: Session) -> None:
        connection = session.connection()
        for model, rows in ((MembershipTerm, self._terms), (TierChange, self._changes)):
            if rows:
                insert_many(connection, model, rows)
        if self._organizations:
            update_organizations(connection, self._organizations)
        if self._audit:
            insert_many(connection, AuditEntry, self._audit)

    def _new(self, key: uuid.UUID, **values: Any) -> dict[str, Any]:
        return {
            "id": key, "row_version": 0, "deleted": False, "created_at": self.now,
            "updated_at": self.now, **values,
        }  # fmt: skip

    def _created(self, model: Any, key: uuid.UUID, owner: uuid.UUID) -> None:
        self._audit.append(
            self._entry("create", model.__audit_entity__, key, owner, "*", None, self._origin)
        )

    def _updated(self, key: uuid.UUID, field: str, old: Any, new: Any) -> None:
        self._audit.append(self._entry("update", "organization", key, key, field, old, new))

    def _entry(
        self, action: str, entity: str, key: uuid.UUID, owner: uuid.UUID, field: str,
        old: Any, new: Any,
    ) -> dict[str, Any]:  # fmt: skip
        return {
            "id": uuid.uuid4(), "occurred_at": self.now, "actor": self._actor,
            "action": action, "entity_type": entity, "entity_id": key, "owner_id": owner,
            "field": field, "old_value": _text(old), "new_value": _text(new),
        }  # fmt: skip


def update_organizations(
    connection: Connection, changes: list[tuple[str, date, datetime, uuid.UUID]]
) -> None:
    """Set (tier, term end) of renewed organizations, clearing their next-year tier.

    One executemany with values converted by the columns' own bind processors, as
    ``insert_many`` does: SQLAlchemy's per-row parameter handling would cost more than
    SQLite's work.
    """
    table = Organization.__table__
    dialect = connection.dialect
    statement = (
        update(table)  # type: ignore[arg-type]
        .where(table.c.id == bindparam("key"))
        .values(
            tier=bindparam("new_tier"), next_tier=None, term_end=bindparam("new_end"),
            updated_at=bindparam("now"), row_version=table.c.row_version + 1,
        )
    )  # fmt: skip
    if dialect.paramstyle != "qmark":
        keys = ("new_tier", "new_end", "now", "key")
        connection.execute(statement, [dict(zip(keys, change, strict=True)) for change in changes])
        return
    convert = [
        table.c[column].type.bind_processor(dialect)
        for column in ("tier", "term_end", "updated_at", "id")
    ]
    rows = [
        tuple(f(value) if f else value for f, value in zip(convert, change, strict=True))
        for change in changes
    ]
    connection.exec_driver_sql(
        "UPDATE organizations SET tier = ?, next_tier = NULL, term_end = ?, updated_at = ?, "
        "row_version = row_version + 1 WHERE id = ?",
        rows,
    )


def _total(renewal: Renewal) -> Decimal:
    price = renewal.next_term.price
    return price.total.amount if price is not None else Decimal(0)


def _text(value: Any) -> str | None:
    """As the audit hook writes values: ISO dates, plain text, None for nothing."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


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
