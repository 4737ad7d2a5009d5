"""Inserting many rows of one table at once, with values the SQLite driver takes as they are.

Preparing a year's renewals writes a few hundred thousand rows in one transaction. The
ORM, and even Core's per-row parameter processing, cost more than SQLite's own work at
that size, so rows go to ``executemany`` as tuples of plain text and numbers: keys as
the 32 hex digits the ``Uuid`` columns store, dates and times as the text the ``sqlite3``
driver's adapters would write. Values shared by every row (timestamps, defaults) are
converted once, by the column's own bind processor.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, inspect
from sqlalchemy.orm import Mapper


def new_key() -> str:
    """A new random (version 4) UUID as the 32 hex digits a ``Uuid`` column stores.

    Keys are made a few thousand at a time from one read of the system's random source:
    ``uuid.uuid4()`` reads it once per key and builds an object each time, which is a
    tenth of a renewal run's time.
    """
    with _lock:
        if not _keys:
            _keys.extend(_fresh_keys(4096))
        return _keys.pop()


def _fresh_keys(count: int) -> list[str]:
    raw = bytearray(os.urandom(16 * count))
    for first in range(0, len(raw), 16):
        # RFC 4122: version 4 in the high nibble of byte 6, variant 10 in byte 8.
        raw[first + 6] = (raw[first + 6] & 0x0F) | 0x40
        raw[first + 8] = (raw[first + 8] & 0x3F) | 0x80
    digits = raw.hex()
    return [digits[first : first + 32] for first in range(0, len(digits), 32)]


_keys: list[str] = []
_lock = threading.Lock()
# A forked process must not hand out the keys its parent holds too.
os.register_at_fork(after_in_child=_keys.clear)


def key_text(key: uuid.UUID | None) -> str | None:
    """A UUID as stored (None stays None)."""
    return None if key is None else key.hex


def stored(value: Any) -> Any:
    """A date or time as the ``sqlite3`` driver's adapters store it; other values as given."""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def column_defaults(model: type[Any]) -> dict[str, Any]:
    """Every column's scalar default (or None), so that every column gets a value."""
    values: dict[str, Any] = {}
    mapper: Mapper[Any] = inspect(model)
    for attribute in mapper.column_attrs:
        default = attribute.columns[0].default
        is_scalar = default is not None and getattr(default, "is_scalar", False)
        values[attribute.columns[0].name] = getattr(default, "arg", None) if is_scalar else None
    return values


def insert_rows(
    connection: Connection,
    model: type[Any],
    shared: Mapping[str, Any],
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
) -> None:
    """Insert rows into ``model``'s table with one ``executemany``.

    Args:
        connection: the caller's connection, inside its transaction (SQLite).
        model: the mapped class whose table gets the rows.
        shared: values of columns that are the same in every row, as Python values
            (converted once by the column's bind processor).
        columns: the names of the columns that vary, in the order of each row's values.
        rows: one tuple per row, values already as stored (see ``new_key``, ``stored``).
    """
    values = list(rows)
    if not values:
        return
    table = model.__table__
    dialect = connection.dialect
    head: list[Any] = []
    for name, value in shared.items():
        process = table.c[name].type.bind_processor(dialect)
        head.append(stored(process(value) if process is not None else value))
    names = [*shared, *columns]
    statement = (
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    )
    fixed = tuple(head)
    connection.exec_driver_sql(statement, [fixed + row for row in values])
