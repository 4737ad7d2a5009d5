"""Applying pulled rows on the laptop, in the caller's one transaction.

The capture is switched off for the transaction (so the rows do not go back out),
foreign keys are checked at commit (a page may name children before parents), and a
row that still has local changes waiting keeps its local values of the fields those
changes touch: they reach the server with the next push, which merges them.
Local-only columns are never overwritten.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, update
from sqlalchemy.dialects.sqlite import insert

from .. import models  # noqa: F401  (every table registered)
from ..base import Base
from .capture import synced_columns
from .local_state import set_capture
from .outbox import dirty_fields
from .protocol import decode_value


def apply_rows(connection: Connection, rows: Iterable[dict[str, Any]]) -> int:
    """Apply pulled rows (``{"table": name, "row": {column: JSON value}}``); returns how many.

    Raises:
        KeyError: a table or column this laptop does not know.
    """
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    set_capture(connection, False)
    dirty = dirty_fields(connection)
    by_table: dict[str, list[dict[str, Any]]] = {}
    for item in rows:
        by_table.setdefault(item["table"], []).append(item["row"])
    count = 0
    for table in Base.metadata.sorted_tables:
        if table.name in by_table:
            count += _apply_table(connection, table, by_table[table.name], dirty)
    set_capture(connection, True)
    return count


def _apply_table(
    connection: Connection,
    table: Table,
    rows: list[dict[str, Any]],
    dirty: dict[tuple[str, str], set[str]],
) -> int:
    columns = [c for c in synced_columns(table)] + (
        [table.c.row_version] if "row_version" in table.c else []
    )
    clean: list[dict[str, Any]] = []
    for raw in rows:
        values = {c.name: decode_value(c.type, raw.get(c.name)) for c in columns}
        local = dirty.get((table.name, values["id"].hex))
        if local:
            kept = {k: v for k, v in values.items() if k not in local and k != "id"}
            connection.execute(update(table).where(table.c.id == values["id"]).values(**kept))
        else:
            clean.append(values)
    if clean:
        statement = insert(table)
        if "row_version" in table.c:
            statement = statement.on_conflict_do_update(
                index_elements=[table.c.id],
                set_={c.name: statement.excluded[c.name] for c in columns if c.name != "id"},
            )
        else:  # append-only rows never change
            statement = statement.on_conflict_do_nothing(index_elements=[table.c.id])
        connection.execute(statement, clean)
    return len(rows)


def delete_rows(connection: Connection, missing: Iterable[dict[str, str]]) -> int:
    """Remove local rows the server does not have (their creation was refused there)."""
    set_capture(connection, False)
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    count = 0
    for item in missing:
        table = Base.metadata.tables.get(item["table"])
        if table is not None:
            row_id = uuid.UUID(item["row_id"])
            count += connection.execute(table.delete().where(table.c.id == row_id)).rowcount
    set_capture(connection, True)
    return count


def row_key(value: Any) -> str:
    """A row id as the outbox stores it (32 hex digits)."""
    return uuid.UUID(str(value)).hex
