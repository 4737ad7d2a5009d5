"""The server-only tables: devices, the change log, applied batches and conflicts.

They live in their own MetaData (and their own Alembic history, ``ptf_server/migrations``)
so that the laptops' schema stays exactly the models' schema.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from ptf_desktop.persistence.base import NAMING_CONVENTION

server_metadata = MetaData(naming_convention=NAMING_CONVENTION)

devices = Table(
    "sync_devices",
    server_metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("user_email", String(320), nullable=False),
    # The device's code in document numbers (INV-L07-2027-0001); unique.
    Column("device_code", String(8), nullable=False, unique=True),
    # SHA-256 of the one-time enrolment code (NULL once used) and of the device token.
    Column("enrolment_hash", String(64), unique=True),
    Column("token_hash", String(64), unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("enrolled_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("last_seen_at", DateTime(timezone=True)),
    # True for the device whose database seeded the server: it keeps its own series.
    Column("seeded", Boolean, nullable=False, server_default=text("false")),
)

change_log = Table(
    "sync_change_log",
    server_metadata,
    # The writing transaction's id and an order within it: a pull cursor (xid, seq) read
    # only below the oldest running transaction never skips a late commit.
    Column("xid", BigInteger, nullable=False),  # xid8 in the database, see migration
    Column("seq", BigInteger, nullable=False, primary_key=True),
    Column("table_name", String(63), nullable=False),
    Column("row_id", Uuid, nullable=False),
    Column("row_version", BigInteger, nullable=False),
    Index("ix_sync_change_log_cursor", "xid", "seq"),
)

applied_batches = Table(
    "sync_applied_batches",
    server_metadata,
    Column("batch_id", Uuid, primary_key=True),
    Column("device_id", Uuid, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
    # The answer sent: a repeated batch gets it again, and nothing is applied twice.
    Column("response", JSONB, nullable=False),
)

conflicts = Table(
    "sync_conflicts",
    server_metadata,
    Column("id", Uuid, primary_key=True),
    Column("table_name", String(63), nullable=False),
    Column("row_id", Uuid, nullable=False),
    # A field name, or "*" for a deletion that met an edit.
    Column("field", String(100), nullable=False),
    Column("base_value", JSONB),
    Column("device_value", JSONB),
    Column("server_value", JSONB),
    Column("device_id", Uuid, nullable=False),
    Column("batch_id", Uuid, nullable=False),
    Column("change_id", Uuid, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolution", String(10)),
    Index("ix_sync_conflicts_open", "resolved_at"),
)

server_settings = Table(
    "sync_server_settings",
    server_metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)
