"""The sync protocol's constants and how column values travel as JSON.

A value is encoded by its column's type: UUIDs, dates and timestamps as ISO text, bytes
as base64, Booleans and integers as themselves. Both sides know the schema, so a row
needs no type tags.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, Table, Uuid
from sqlalchemy.types import TypeEngine

from ..database_file import SCHEMA_VERSION

# The laptop schema version a client speaks; the server takes this one and the one before.
PROTOCOL_SCHEMA_VERSION = SCHEMA_VERSION
OLDEST_ACCEPTED_SCHEMA_VERSION = SCHEMA_VERSION - 1
# A request body larger than this is refused (413); clients cut their batches below it.
MAX_REQUEST_BYTES = 16 * 1024 * 1024
# Changes per push batch and rows per pulled page.
PUSH_BATCH_CHANGES = 2000
PULL_PAGE_ROWS = 5000
# Rows per page while a new laptop pulls a whole register (the server serves up to 20,000).
BULK_PAGE_ROWS = 15000
# A client clock this far ahead of the server's is clamped to the server's and reported.
MAX_CLOCK_AHEAD_SECONDS = 300
# Columns the engine owns; they never travel as edits.
ENGINE_COLUMNS = frozenset({"row_version"})


def encode_value(value: Any) -> Any:
    """A column value as JSON."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot send a {type(value).__name__}")


def decode_value(kind: TypeEngine[Any], value: Any) -> Any:
    """A JSON value back to what a column of this type holds (aware UTC for timestamps)."""
    if value is None:
        return None
    implementation = getattr(kind, "impl_instance", kind)
    if isinstance(implementation, Uuid):
        return uuid.UUID(str(value))
    if isinstance(implementation, DateTime):
        parsed = datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(implementation, Date):
        return date.fromisoformat(str(value))
    if isinstance(implementation, LargeBinary):
        return base64.b64decode(str(value))
    if isinstance(implementation, Boolean):
        return bool(value)
    if isinstance(implementation, Integer):
        return int(value)
    return value


def decoder_for(kind: TypeEngine[Any]) -> Callable[[Any], Any]:
    """``decode_value`` for one column type, chosen once (applying a pull calls it per value)."""
    implementation = getattr(kind, "impl_instance", kind)
    for family, decode in _DECODERS:
        if isinstance(implementation, family):
            return decode
    return same


def same(value: Any) -> Any:
    """The value itself (a column whose JSON value is what it holds)."""
    return value


def _timestamp(value: Any) -> datetime:
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


_DECODERS: tuple[tuple[type[TypeEngine[Any]], Callable[[Any], Any]], ...] = (
    (Uuid, lambda value: uuid.UUID(str(value))),
    (DateTime, _timestamp),
    (Date, lambda value: date.fromisoformat(str(value))),
    (LargeBinary, lambda value: base64.b64decode(str(value))),
    (Boolean, bool),
    (Integer, int),
)


def encode_row(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of a row as JSON."""
    return {column.name: encode_value(row[column.name]) for column in table.c}


def decode_fields(table: Table, fields: Mapping[str, Any]) -> dict[str, Any]:
    """JSON fields of a row back to column values; unknown columns are refused.

    Raises:
        KeyError: a field that the table does not have.
    """
    return {name: decode_value(table.c[name].type, value) for name, value in fields.items()}
