"""Writing imported organizations in bulk, with their memberships and their audit trail.

Ten thousand organizations make about forty thousand rows. Built as ORM objects and
flushed through the session's ``before_flush`` audit hook the import took about 30 s;
so the rows and their audit entries (the ones the hook records: one per created record,
holding its fields, persistence/audit.py) go in through the bulk writer
(persistence/bulk_writer.py) in batches, in the same transaction.

Importing into a large register, SQLite's work is mostly rewriting index pages. Two
things keep it down: the new rows get time-ordered keys (persistence/ids.py), so the
indexes keyed by them (primary keys, the children's organization_id) grow in one place
instead of changing on nearly every page (10,000 into 100,000: the write-ahead log
shrinks from about 150 MB to 95 MB); and the import's connection gets a bigger page
cache, so the pages the batches change stay in memory until the commit instead of being
spilled and read back. Neither touches durability: the commit is as safe as any other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from ...domain.organizations import ApplicationOutcome, ContactFields, Tier
from ...persistence import search_index
from ...persistence.audit import created_rows, write_changes
from ...persistence.base import utc_now
from ...persistence.bulk_writer import insert_rows, scalar_defaults
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import (
    Contact,
    MembershipApplication,
    MembershipTerm,
    Organization,
    TierChange,
)
from .organization_import_rows import ImportedOrganization, current_term
from .organization_summary import search_key

# Parents first: the children's foreign keys need their organization.
_TABLES = (Organization, Contact, MembershipTerm, TierChange, MembershipApplication)
# Organizations written per executemany batch: large enough to keep SQLite busy, small
# enough that the rows of one batch stay a few megabytes.
BATCH_SIZE = 1000
# The import connection's page cache, in KiB: room for every page one import touches
# (about 100 MB for 10,000 rows into 100,000 organizations, indexes included). A smaller
# cache spills changed pages to the write-ahead log in the middle of the transaction,
# and they are written again later: with the connections' usual 64 MB the import took
# 5.3-5.5 s, with this 3.9-4.0 s. The memory is taken only as pages are used; the
# process keeps about 60 MB more after such an import than with the usual cache.
_CACHE_KIB = 262_144


def write_organizations(
    session: Session, organizations: Sequence[ImportedOrganization], today: date
) -> None:
    """Insert the organizations and everything that comes with them.

    Args:
        session: a session in a write transaction (the caller commits or rolls back).
        organizations: valid rows.
        today: the import date; members get the term of its calendar year.
    """
    batch = _Batch(session, str(session.info.get("actor", "unknown")), utc_now())
    connection = session.connection()
    # Indexing the new rows for search once at the end, not row by row, halves the time.
    with _page_cache(connection), search_index.inserting_many(connection):
        for start in range(0, len(organizations), BATCH_SIZE):
            for organization in organizations[start : start + BATCH_SIZE]:
                _add_organization(batch, organization, today)
            batch.write()


@contextmanager
def _page_cache(connection: Connection) -> Iterator[None]:
    """A bigger page cache for the writes, then the connection's own size again."""
    if connection.dialect.name != "sqlite":
        yield
        return
    size = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(size)}")


class _Batch:
    """Rows and audit entries collected as tuples, for one executemany per table.

    Rows are tuples in a fixed column order from the start: building a dictionary per
    row and turning it into a tuple afterwards cost about as much as SQLite's inserts.
    """

    def __init__(self, session: Session, actor: str, now: datetime) -> None:
        self._connection = session.connection()
        self._actor = actor
        self._now = now
        self._rows: dict[type[Any], list[tuple[Any, ...]]] = {model: [] for model in _TABLES}

    def add(self, model: type[Any], values: dict[str, Any]) -> None:
        """Queue a new row (with its key and bookkeeping columns).

        ``values`` is the row's own fresh dictionary: the bookkeeping columns are added
        to it in place.
        """
        key = values.get("id") or time_ordered_uuid()
        now = self._now
        # row_version and deleted keep their column defaults (persistence/base.py).
        values.update(id=key, created_at=now, updated_at=now)
        names, defaults = _COLUMNS[model]
        self._rows[model].append(tuple(map(values.get, names, defaults)))

    def write(self) -> None:
        """Insert what was queued, parents first, then one audit entry per created row."""
        changes = []
        for model, rows in self._rows.items():
            names = _COLUMNS[model][0]
            insert_rows(self._connection, model, names, rows)
            # An organization's history shows it and everything imported with it.
            owner = "id" if model is Organization else "organization_id"
            changes += created_rows(model, names, rows, owner)
            rows.clear()
        write_changes(self._connection, self._actor, changes, self._now)


def _add_organization(batch: _Batch, imported: ImportedOrganization, today: date) -> None:
    fields = imported.fields
    organization_id = time_ordered_uuid()
    contact = imported.billing_contact
    _, term_end = current_term(today)
    batch.add(
        Organization,
        {
            "id": organization_id,
            **{name: _stored(value) for name, value in fields.__dict__.items()},
            "normalized_name": imported.normalized_name,
            "tier": imported.tier.value if imported.tier else None,
            "status": imported.status.value,
            "member_since": imported.member_since,
            "term_end": term_end if imported.tier else None,
            "billing_contact": _contact_label(contact) if contact else "",
            "search_text": _search_text(imported),
        },
    )
    if contact is not None:
        batch.add(Contact, _contact_values(organization_id, contact))
    if imported.tier is not None and imported.member_since is not None:
        _add_membership(batch, organization_id, imported.tier, imported.member_since, today)


def _add_membership(
    batch: _Batch, organization_id: uuid.UUID, tier: Tier, joined: date, today: date
) -> None:
    # For Premier also the board's approval: no one becomes Premier without it.
    start, end = current_term(today)
    owned = {"organization_id": organization_id}
    batch.add(
        MembershipTerm,
        {**owned, "tier": tier.value, "start_date": start, "end_date": end},
    )  # fmt: skip
    batch.add(
        TierChange,
        {**owned, "from_tier": None, "to_tier": tier.value, "effective_date": joined,
         "note": "Admitted (imported from a CSV file)"},
    )  # fmt: skip
    if tier is Tier.PREMIER:
        batch.add(
            MembershipApplication,
            {**owned, "tier": tier.value, "applied_on": joined, "decided_on": joined,
             "questionnaire_received_on": None, "outcome": ApplicationOutcome.APPROVED.value,
             "notes": "Recorded by the CSV import: a Premier member since this date."},
        )  # fmt: skip


def _contact_values(organization_id: uuid.UUID, contact: ContactFields) -> dict[str, Any]:
    return {
        "organization_id": organization_id,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "job_title": contact.job_title,
        "roles": ",".join(sorted(role.value for role in contact.roles)),
    }


def _search_text(imported: ImportedOrganization) -> str:
    """What organization_summary.refresh_summary stores, without a query per organization."""
    fields = imported.fields
    parts = [fields.display_name, fields.legal_name, fields.vat_id]
    if imported.billing_contact is not None:
        parts.append(imported.billing_contact.email)
    return "\x1f".join(search_key(part) for part in parts if part)


def _contact_label(contact: ContactFields) -> str:
    """As organization_summary shows the billing contact in the list."""
    return f"{contact.name} <{contact.email}>" if contact.email else contact.name


def _stored(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _column_order(model: type[Any]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """The columns a queued row's tuple holds, in order, and their scalar defaults."""
    defaults = scalar_defaults(model)
    return tuple(defaults), tuple(defaults.values())


_COLUMNS = {model: _column_order(model) for model in _TABLES}
