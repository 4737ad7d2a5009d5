"""The declarative base and the columns every synced table carries.

Sync rules (see the architecture page): a client-made UUID key, a row version, UTC
creation and update times, and a soft-delete flag whose tombstones are kept.

Keys: every new row's key comes from one factory, ``ids.time_ordered_uuid`` (UUID
version 7), whether the ORM or the bulk writer inserts it.

The ``row_version`` rule: it is the server version the row is based on, and only the
sync engine (persistence/sync/) sets it, when it applies rows pulled from the server. A
new row starts at 0 (never seen by the server); local edits, by the ORM or in bulk
(persistence/bulk_writer.py), never change it: the sync outbox records each change
with the version it was based on, and the server gives the next one.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, MetaData, TypeDecorator, Uuid, false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .ids import time_ordered_uuid

# Stable constraint names keep Alembic's batch migrations on SQLite predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always returned timezone-aware.

    SQLite has no time zones; without this a naive datetime would come back and compare
    wrongly with aware ones.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store as naive UTC; a naive timestamp is refused rather than guessed."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Read back as timezone-aware UTC."""
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns of a table that will be synchronised with the team server."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=time_ordered_uuid)
    row_version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utc_now, onupdate=utc_now, nullable=False
    )
    deleted: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), nullable=False
    )


# Bookkeeping columns: never shown in the audit trail.
SYNC_COLUMNS = frozenset({"id", "row_version", "created_at", "updated_at"})
