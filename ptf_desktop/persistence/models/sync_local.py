"""Tables of the laptop's side of team sync; they never travel themselves.

* ``sync_outbox``: every captured local change, in order, until the server acknowledges
  it: the changed fields with their old and new values and the server version the row
  was based on. A change gets its batch id before it is first sent, and keeps it.
* ``sync_local_state``: key/value pairs of this laptop: the server, the device, the
  pull cursor, the last sync, and the ``capture`` flag row that switches the change
  capture off while pulled changes are applied.
* ``sync_refused``: changes the server refused, kept for a person to see.

Values in the outbox are as SQLite stores them (UUIDs as hex, dates as ISO text, bytes
as hex); ``persistence.sync.outbox`` turns them into the protocol's JSON.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, UTCDateTime, utc_now

LOCAL = {"sync_local": True}


class SyncOutboxEntry(Base):
    """One captured change waiting for the server's acknowledgement."""

    __tablename__ = "sync_outbox"
    __table_args__ = {"info": LOCAL}

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    table_name: Mapped[str] = mapped_column(String(63), nullable=False)
    row_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    op: Mapped[str] = mapped_column(String(6), nullable=False)
    base_version: Mapped[int] = mapped_column(Integer, nullable=False)
    fields: Mapped[str] = mapped_column(Text, nullable=False)
    old: Mapped[str] = mapped_column(Text, nullable=False)
    batch_id: Mapped[str | None] = mapped_column(String(32), index=True)


class SyncLocalState(Base):
    """A key/value pair of this laptop's sync state."""

    __tablename__ = "sync_local_state"
    __table_args__ = {"info": LOCAL}

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class SyncRefusedChange(Base):
    """A local change the server refused, and why (never dropped silently)."""

    __tablename__ = "sync_refused"
    __table_args__ = {"info": LOCAL}

    change_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(63), nullable=False)
    row_id: Mapped[str] = mapped_column(String(32), nullable=False)
    fields: Mapped[str] = mapped_column(Text, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    refused_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, nullable=False)
